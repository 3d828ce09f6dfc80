#include "doubtdock.h"

#include "document.h"
#include "reviewcommands.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace veer {

namespace {

enum Column { TrackColumn, DepthColumn, ShiftColumn, StateColumn, ReasonColumn, ColumnCount };

QColor stateColour(DoubtState state)
{
    switch (state) {
    case DoubtState::Fixed:
        return QColor(30, 110, 200);
    case DoubtState::Accepted:
        return QColor(30, 140, 60);
    case DoubtState::Unreviewed:
        break;
    }
    return QColor(190, 90, 20);
}

/** "low conf., crossing, gap": the reasons short enough for a narrow panel. */
QString shortReasons(unsigned reasons)
{
    QStringList parts;
    if (reasons & LowConfidence)
        parts << QCoreApplication::translate("DoubtDock", "low conf.");
    if (reasons & NearCrossing)
        parts << QCoreApplication::translate("DoubtDock", "crossing");
    if (reasons & Gap)
        parts << QCoreApplication::translate("DoubtDock", "gap");
    if (reasons & Wrap)
        parts << QCoreApplication::translate("DoubtDock", "wrap");
    return parts.join(QStringLiteral(", "));
}

QToolButton *buttonFor(QAction *action)
{
    auto *button = new QToolButton;
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

DoubtDock::DoubtDock(QWidget *parent)
    : QDockWidget(tr("Doubtful Spans"), parent)
    , mList(new QTreeWidget)
    , mFilterBox(new QComboBox)
    , mOrderBox(new QComboBox)
    , mPosition(new QLabel)
    , mKindCounts(new QLabel)
{
    setObjectName(QStringLiteral("DoubtDock"));
    mNextAction = new QAction(tr("&Next Doubtful Span"), this);
    mNextAction->setShortcut(QKeySequence(Qt::Key_N));
    mNextAction->setToolTip(tr("Jump to the next doubtful span in the list's order (N)"));
    connect(mNextAction, &QAction::triggered, this, [this] { step(true); });
    mPreviousAction = new QAction(tr("&Previous Doubtful Span"), this);
    mPreviousAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_N));
    mPreviousAction->setToolTip(tr("Jump to the previous doubtful span (Shift+N)"));
    connect(mPreviousAction, &QAction::triggered, this, [this] { step(false); });
    mAcceptAction = new QAction(tr("&Accept Span"), this);
    mAcceptAction->setShortcut(QKeySequence(Qt::Key_A));
    mAcceptAction->setToolTip(tr("Accept the current span as traced: its rows count as reviewed (A)"));
    connect(mAcceptAction, &QAction::triggered, this, &DoubtDock::accept);
    // Short button texts; the menus keep the long ones.
    mNextAction->setIconText(tr("Next"));
    mPreviousAction->setIconText(tr("Previous"));
    mAcceptAction->setIconText(tr("Accept"));

    mFilterBox->addItem(tr("All states"), kAllDoubtStates);
    mFilterBox->addItem(tr("Unreviewed"), doubtStateBit(DoubtState::Unreviewed));
    mFilterBox->addItem(tr("Fixed"), doubtStateBit(DoubtState::Fixed));
    mFilterBox->addItem(tr("Accepted"), doubtStateBit(DoubtState::Accepted));
    connect(mFilterBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setStateFilter(mFilterBox->itemData(i).toUInt()); });
    mOrderBox->addItem(tr("Worst first"), int(Order::WorstFirst));
    mOrderBox->addItem(tr("By depth"), int(Order::Depth));
    mOrderBox->setToolTip(tr("Worst first: wraps, then crossings, gaps and low confidence, each kind by how far a "
                             "value may be off"));
    connect(mOrderBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setOrder(Order(mOrderBox->itemData(i).toInt())); });
    mKindCounts->setWordWrap(true);

    mList->setColumnCount(ColumnCount);
    mList->setHeaderLabels({tr("Track"), tr("Depth"), tr("Moves"), tr("State"), tr("Reason")});
    mList->headerItem()->setToolTip(ShiftColumn, tr("How far a value here moves if the trace is wrong, as a share of the "
                                                    "track's width: a wrap moves it by a whole scale"));
    mList->setRootIsDecorated(false);
    mList->setUniformRowHeights(true);
    mList->setAlternatingRowColors(true);
    mList->setSelectionMode(QAbstractItemView::SingleSelection);
    // Reasons elide (the tooltip has them all) so state and depth never scroll out of sight.
    mList->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mList->header()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    mList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    mList->setMinimumWidth(mList->fontMetrics().horizontalAdvance(QStringLiteral("M")) * 36);
    connect(mList, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (mUpdating || !item)
            return;
        // The clicked row is in view already: scrolling now would move another row under the
        // pointer, and a pointer that moves while pressed selects that one.
        mFromList = true;
        setCurrentIndex(item->data(0, Qt::UserRole).toInt());
        mFromList = false;
    });

    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    top->addWidget(mPosition, 1);
    top->addWidget(mOrderBox);
    top->addWidget(mFilterBox);
    layout->addLayout(top);
    layout->addWidget(mKindCounts);
    layout->addWidget(mList, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(buttonFor(mPreviousAction));
    buttons->addWidget(buttonFor(mNextAction));
    buttons->addStretch(1);
    buttons->addWidget(buttonFor(mAcceptAction));
    layout->addLayout(buttons);
    setWidget(body);
    rebuild();
}

void DoubtDock::setDocument(Document *document)
{
    if (mDocument)
        mDocument->disconnect(this);
    mDocument = document;
    mCurrent = -1;
    if (mDocument) {
        connect(mDocument, &Document::changed, this, [this](const ChangeEvent &e) {
            if (e.type == ChangeEvent::ReviewChanged || e.type == ChangeEvent::CalibrationChanged)
                rebuild();
        });
    }
    rebuild();
    Q_EMIT currentSpanChanged(-1, {});
}

void DoubtDock::setCurrentIndex(int index)
{
    const int count = mDocument ? int(mDocument->review().spans().size()) : 0;
    if (index < 0 || index >= count)
        index = -1;
    mCurrent = index;
    if (index >= 0)
        mCurrentSpan = mDocument->review().spans()[size_t(index)];
    mUpdating = true;
    QTreeWidgetItem *select = nullptr;
    for (int i = 0; i < mList->topLevelItemCount(); ++i)
        if (mList->topLevelItem(i)->data(0, Qt::UserRole).toInt() == index)
            select = mList->topLevelItem(i);
    mList->setCurrentItem(select);
    if (select && !mFromList) {
        mList->scrollToItem(select, QAbstractItemView::PositionAtCenter);
        // Again once pending layouts are done (the panel may just have been raised).
        QTimer::singleShot(0, this, [this] {
            if (QTreeWidgetItem *item = mList->currentItem())
                mList->scrollToItem(item, QAbstractItemView::PositionAtCenter);
        });
    }
    mUpdating = false;
    updateHeader();
    Q_EMIT currentSpanChanged(mCurrent, mCurrent >= 0 ? mCurrentSpan : DoubtSpan{});
}

void DoubtDock::setStateFilter(unsigned mask)
{
    mFilter = mask & kAllDoubtStates;
    const int i = mFilterBox->findData(mFilter);
    if (i >= 0 && i != mFilterBox->currentIndex())
        mFilterBox->setCurrentIndex(i);
    rebuild();
}

int DoubtDock::listedCount() const
{
    return mList->topLevelItemCount();
}

void DoubtDock::setOrder(Order order)
{
    mOrder = order;
    const int i = mOrderBox->findData(int(order));
    if (i >= 0 && i != mOrderBox->currentIndex())
        mOrderBox->setCurrentIndex(i);
    rebuild();
}

void DoubtDock::setCurrentListed(int position)
{
    const QList<int> listed = listedIndices();
    setCurrentIndex(position >= 0 && position < int(listed.size()) ? listed[position] : -1);
}

QList<int> DoubtDock::listedIndices() const
{
    QList<int> indices;
    for (int i = 0; i < mList->topLevelItemCount(); ++i)
        indices.append(mList->topLevelItem(i)->data(0, Qt::UserRole).toInt());
    return indices;
}

QString DoubtDock::kindCountText() const
{
    if (!mDocument)
        return {};
    int counts[kDoubtKindCount] = {};
    const auto &spans = mDocument->review().spans();
    for (int index : listedIndices())
        ++counts[int(doubtKind(spans[size_t(index)].reasons))];
    const QString names[kDoubtKindCount] = {
        counts[0] == 1 ? tr("1 wrap") : tr("%1 wraps").arg(counts[0]),
        counts[1] == 1 ? tr("1 crossing") : tr("%1 crossings").arg(counts[1]),
        counts[2] == 1 ? tr("1 gap") : tr("%1 gaps").arg(counts[2]),
        tr("%1 low confidence").arg(counts[3])};
    QStringList parts;
    for (int k = 0; k < kDoubtKindCount; ++k)
        if (counts[k] > 0)
            parts << names[k];
    return parts.join(QStringLiteral(" · "));
}

QString DoubtDock::positionText() const
{
    const int n = listedCount();
    if (!mDocument || !mDocument->trace())
        return tr("No trace");
    int k = -1;
    for (int i = 0; i < n; ++i)
        if (mList->topLevelItem(i)->data(0, Qt::UserRole).toInt() == mCurrent)
            k = i;
    if (k >= 0)
        return tr("Span %1 of %2").arg(k + 1).arg(n);
    return n == 1 ? tr("1 span") : tr("%1 spans").arg(n);
}

QString DoubtDock::depthText(const DoubtSpan &span) const
{
    if (mDocument && mDocument->hasDepth()) {
        const Calibration &cal = mDocument->calibration();
        const double top = cal.depthAtRow(span.firstRow);
        const double bottom = cal.depthAtRow(span.lastRow + 1);
        if (std::isfinite(top) && std::isfinite(bottom))
            return QStringLiteral("%1 – %2").arg(top, 0, 'f', 1).arg(bottom, 0, 'f', 1);
    }
    return QStringLiteral("%1 – %2").arg(span.firstRow).arg(span.lastRow);
}

QString DoubtDock::shiftText(const DoubtSpan &span) const
{
    if (!mDocument || span.track < 0 || span.track >= int(mDocument->calibration().tracks.size()))
        return {};
    const double width = std::abs(mDocument->calibration().tracks[size_t(span.track)].width());
    if (!(width > 0))
        return {};
    if (span.shift >= width)
        return tr("a scale");
    return QStringLiteral("%1 %").arg(std::round(100.0 * span.shift / width));
}

void DoubtDock::rebuild()
{
    mUpdating = true;
    mList->clear();
    const bool depth = mDocument && mDocument->hasDepth();
    mList->headerItem()->setText(DepthColumn, depth ? tr("Depth (%1)").arg(mDocument->calibration().depthUnit.toLower())
                                                    : tr("Rows"));
    const std::vector<DoubtSpan> none;
    const auto &spans = mDocument ? mDocument->review().spans() : none;
    // Find the current span again: the same one, else the first that overlaps it.
    int current = -1;
    if (mCurrent >= 0) {
        for (int i = 0; i < int(spans.size()) && current < 0; ++i) {
            const DoubtSpan &s = spans[size_t(i)];
            if (s.track == mCurrentSpan.track && s.firstRow == mCurrentSpan.firstRow && s.lastRow == mCurrentSpan.lastRow)
                current = i;
        }
        for (int i = 0; i < int(spans.size()) && current < 0; ++i)
            if (spans[size_t(i)].overlaps(mCurrentSpan))
                current = i;
    }
    QTreeWidgetItem *select = nullptr;
    QList<QTreeWidgetItem *> items;
    std::vector<int> order;
    if (mOrder == Order::WorstFirst) {
        std::vector<double> widths;
        if (mDocument)
            for (const Track &t : mDocument->calibration().tracks)
                widths.push_back(std::abs(t.width()));
        order = rankDoubtSpans(spans, widths);
    } else {
        for (int i = 0; i < int(spans.size()); ++i)
            order.push_back(i);
    }
    for (int i : order) {
        const DoubtSpan &s = spans[size_t(i)];
        if (!(mFilter & doubtStateBit(s.state)))
            continue;
        auto *item = new QTreeWidgetItem;
        // A span about one curve says which (C1 solid, C2 dashed); a crossing is about both.
        const QString curve = s.curves == curveBit(1) ? QStringLiteral(" C1")
                              : s.curves == curveBit(2) ? QStringLiteral(" C2")
                                                        : QString();
        item->setText(TrackColumn, QString::number(s.track + 1) + curve);
        item->setText(DepthColumn, depthText(s));
        const QString shift = shiftText(s);
        item->setText(ShiftColumn, shift);
        item->setTextAlignment(ShiftColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(ReasonColumn, shortReasons(s.reasons));
        const QString where = QStringLiteral("%1%2").arg(s.track + 1).arg(curve.isEmpty() ? QString() : tr(", curve%1").arg(curve.mid(2)));
        const QString tip = shift.isEmpty()
                                ? tr("Track %1, %2: %3; doubt %4")
                                      .arg(where, depthText(s), doubtReasonText(s.reasons)).arg(s.score, 0, 'f', 2)
                                : tr("Track %1, %2: %3; doubt %4; a wrong trace here may be off by %5 of the track")
                                      .arg(where, depthText(s), doubtReasonText(s.reasons))
                                      .arg(s.score, 0, 'f', 2).arg(shift);
        for (int c = 0; c < ColumnCount; ++c)
            item->setToolTip(c, tip);
        item->setText(StateColumn, doubtStateName(s.state));
        item->setForeground(StateColumn, stateColour(s.state));
        item->setData(0, Qt::UserRole, i);
        if (i == current)
            select = item;
        items.append(item);
    }
    mList->addTopLevelItems(items);
    mList->setCurrentItem(select);
    mUpdating = false;
    const bool changed = current != mCurrent;
    mCurrent = current;
    if (current >= 0)
        mCurrentSpan = spans[size_t(current)];
    updateHeader();
    if (changed || current >= 0)
        Q_EMIT currentSpanChanged(mCurrent, mCurrent >= 0 ? mCurrentSpan : DoubtSpan{});
}

void DoubtDock::step(bool forward)
{
    if (!mDocument)
        return;
    const QList<int> listed = listedIndices();
    if (listed.isEmpty())
        return;
    int row = listed.indexOf(mCurrent);
    if (row < 0 && mCurrent >= 0 && mOrder == Order::Depth) {
        // The current span is filtered out: go on from where it lies in depth order.
        const int next = nextDoubtSpan(mDocument->review().spans(), mCurrent, forward, mFilter);
        if (next >= 0) {
            setCurrentIndex(next);
            raise();
        }
        return;
    }
    row = row < 0 ? (forward ? 0 : int(listed.size()) - 1) : row + (forward ? 1 : -1);
    if (row >= 0 && row < int(listed.size())) {
        setCurrentIndex(listed[row]);
        raise();
    }
}

void DoubtDock::accept()
{
    if (!mDocument || mCurrent < 0)
        return;
    mDocument->undoStack()->push(ReviewCommand::acceptSpan(*mDocument, mCurrent));
}

void DoubtDock::showEvent(QShowEvent *event)
{
    QDockWidget::showEvent(event);
    // Set while the panel was hidden (a tab behind another), the list had no size to centre in.
    QTimer::singleShot(0, this, [this] {
        if (QTreeWidgetItem *item = mList->currentItem())
            mList->scrollToItem(item, QAbstractItemView::PositionAtCenter);
    });
}

void DoubtDock::updateHeader()
{
    const QString text = positionText();
    mPosition->setText(text);
    const QString counts = kindCountText();
    mKindCounts->setText(counts);
    mKindCounts->setVisible(!counts.isEmpty());
    const bool any = mDocument && !mDocument->review().spans().empty();
    mNextAction->setEnabled(any);
    mPreviousAction->setEnabled(any);
    mAcceptAction->setEnabled(mCurrent >= 0);
}

} // namespace veer
