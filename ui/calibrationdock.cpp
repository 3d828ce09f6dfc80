#include "calibrationdock.h"

#include "calibrationcommands.h"
#include "document.h"
#include "typingfirst.h"

#include "pipeline/inkhint.h"
#include "raster/rastersource.h"

#include <QAction>
#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

enum CurveColumn { ColClass, ColMnemonic, ColUnit, ColScale, ColLeft, ColRight, ColWrap, ColInk, ColCount };

/** A swatch of `colour`, or a crossed-out box for no ink hint. */
QIcon swatch(const QString &colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(QColor(90, 90, 90));
    if (colour.isEmpty()) {
        painter.setBrush(Qt::white);
        painter.drawRect(1, 1, 13, 13);
        painter.drawLine(2, 13, 13, 2);
    } else {
        painter.setBrush(QColor(colour));
        painter.drawRect(1, 1, 13, 13);
    }
    return QIcon(pixmap);
}

QDoubleSpinBox *columnSpin()
{
    auto *spin = new QDoubleSpinBox;
    spin->setRange(0, 1e6);
    spin->setDecimals(1);
    spin->setKeyboardTracking(false);
    return spin;
}

} // namespace

CalibrationDock::CalibrationDock(QAction &autoAction, QAction &importAction, QAction &exportAction, QWidget *parent)
    : QDockWidget(tr("Calibration"), parent)
    , mProposalNotes(new QLabel)
    , mUnit(new QComboBox)
    , mFit(new QComboBox)
    , mStep(new QDoubleSpinBox)
    , mLimit(new QCheckBox(tr("Logged interval only")))
    , mTop(new QDoubleSpinBox)
    , mBottom(new QDoubleSpinBox)
    , mTies(new QTableWidget(0, 2))
    , mRemoveTie(new QPushButton(tr("Remove Tie")))
    , mTrack(new QComboBox)
    , mTrackLeft(columnSpin())
    , mTrackRight(columnSpin())
    , mRemoveTrack(new QPushButton(tr("Remove")))
    , mCurves(new QTableWidget(0, ColCount))
    , mAddCurve(new QPushButton(tr("Add Curve")))
    , mRemoveCurve(new QPushButton(tr("Remove Curve")))
{
    setObjectName(QStringLiteral("CalibrationDock"));
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);

    auto *io = new QHBoxLayout;
    auto *autoButton = new QToolButton;
    autoButton->setDefaultAction(&autoAction);
    io->addWidget(autoButton);
    auto *importButton = new QToolButton;
    importButton->setDefaultAction(&importAction);
    auto *exportButton = new QToolButton;
    exportButton->setDefaultAction(&exportAction);
    io->addWidget(importButton);
    io->addWidget(exportButton);
    io->addStretch();
    layout->addLayout(io);
    mProposalNotes->setObjectName(QStringLiteral("proposalNotes"));
    mProposalNotes->setWordWrap(true);
    mProposalNotes->setTextFormat(Qt::RichText);
    mProposalNotes->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; border: 1px solid #d9a400; padding: 4px; }"));
    mProposalNotes->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // Scrolls rather than squeezing the tie table when the list is long.
    mProposalScroll = new QScrollArea;
    mProposalScroll->setWidget(mProposalNotes);
    mProposalScroll->setWidgetResizable(true);
    mProposalScroll->setFrameShape(QFrame::NoFrame);
    mProposalScroll->setMaximumHeight(120);
    mProposalScroll->hide();
    layout->addWidget(mProposalScroll);

    auto *depthBox = new QGroupBox(tr("Depth"));
    auto *form = new QFormLayout(depthBox);
    mUnit->addItem(tr("Metres"), QStringLiteral("M"));
    mUnit->addItem(tr("Feet"), QStringLiteral("FT"));
    mFit->addItem(tr("Piecewise linear"));
    mFit->addItem(tr("Least squares line"));
    mStep->setRange(0.001, 100);
    mStep->setDecimals(3);
    mStep->setKeyboardTracking(false);
    form->addRow(tr("Unit"), mUnit);
    form->addRow(tr("Row to depth"), mFit);
    form->addRow(tr("Output step"), mStep);
    // The interval: only these depths are traced and written (the sheet may hold a header and a
    // repeat section around the log). Set here, or by right-click on the sheet in Calibrate mode.
    mLimit->setToolTip(tr("Trace and export only the log's depth interval, not the header or a repeat section. "
                          "In Calibrate mode, right-click the sheet to set the top or bottom there, or drag them."));
    for (QDoubleSpinBox *spin : {mTop, mBottom}) {
        spin->setRange(-1e6, 1e6);
        spin->setDecimals(2);
        spin->setKeyboardTracking(false);
    }
    auto *interval = new QHBoxLayout;
    interval->addWidget(mTop, 1);
    interval->addWidget(new QLabel(QStringLiteral("\u2013")));
    interval->addWidget(mBottom, 1);
    form->addRow(mLimit);
    form->addRow(tr("Top, bottom"), interval);
    mTies->setHorizontalHeaderLabels({tr("Row"), tr("Depth")});
    mTies->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    mTies->verticalHeader()->setVisible(false);
    mTies->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTies->setMinimumHeight(110);
    form->addRow(mTies);
    form->addRow(mRemoveTie);
    layout->addWidget(depthBox);

    auto *trackBox = new QGroupBox(tr("Tracks"));
    auto *trackLayout = new QVBoxLayout(trackBox);
    auto *trackRow = new QHBoxLayout;
    auto *addTrackButton = new QPushButton(tr("Add"));
    trackRow->addWidget(mTrack, 1);
    trackRow->addWidget(addTrackButton);
    trackRow->addWidget(mRemoveTrack);
    trackLayout->addLayout(trackRow);
    auto *edges = new QHBoxLayout;
    edges->addWidget(new QLabel(tr("Left")));
    edges->addWidget(mTrackLeft);
    edges->addWidget(new QLabel(tr("Right")));
    edges->addWidget(mTrackRight);
    trackLayout->addLayout(edges);
    mCurves->setHorizontalHeaderLabels({tr("Class"), tr("Mnemonic"), tr("Unit"), tr("Scale"), tr("Left"), tr("Right"), tr("W"), tr("Ink")});
    mCurves->horizontalHeaderItem(ColInk)->setToolTip(tr("The curve's ink on a colour print: other inks are not taken for it"));
    mCurves->horizontalHeaderItem(ColClass)->setToolTip(tr("C1: curve one, the solid trace; C2: curve two, dashed or dotted"));
    mCurves->horizontalHeaderItem(ColWrap)->setToolTip(tr("A backup (wrap-around) scale: the curve may leave one edge and come back at the other"));
    mCurves->verticalHeader()->setVisible(false);
    // The table fits the panel: text and numbers share the width, the small widgets take what they need.
    for (int c : {int(ColClass), int(ColScale), int(ColWrap), int(ColInk)})
        mCurves->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    for (int c : {int(ColMnemonic), int(ColUnit), int(ColLeft), int(ColRight)})
        mCurves->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Stretch);
    mCurves->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    mCurves->setMinimumHeight(90);
    mCurves->setObjectName(QStringLiteral("curveTable"));
    TypingFirst::install(mCurves);
    TypingFirst::install(mTies);
    trackLayout->addWidget(mCurves);
    auto *curveButtons = new QHBoxLayout;
    curveButtons->addWidget(mAddCurve);
    curveButtons->addWidget(mRemoveCurve);
    curveButtons->addStretch();
    trackLayout->addLayout(curveButtons);
    layout->addWidget(trackBox, 1);
    setWidget(body);

    connect(mUnit, &QComboBox::currentIndexChanged, this, &CalibrationDock::settingsEdited);
    connect(mFit, &QComboBox::currentIndexChanged, this, &CalibrationDock::settingsEdited);
    connect(mStep, &QDoubleSpinBox::valueChanged, this, &CalibrationDock::settingsEdited);
    connect(mLimit, &QCheckBox::toggled, this, &CalibrationDock::intervalEdited);
    connect(mTop, &QDoubleSpinBox::valueChanged, this, &CalibrationDock::intervalEdited);
    connect(mBottom, &QDoubleSpinBox::valueChanged, this, &CalibrationDock::intervalEdited);
    connect(mTies, &QTableWidget::cellChanged, this, &CalibrationDock::tieEdited);
    connect(mRemoveTie, &QPushButton::clicked, this, [this] {
        const int row = mTies->currentRow();
        if (mDocument && row >= 0)
            mDocument->undoStack()->push(new RemoveTieCommand(*mDocument, row));
    });
    connect(mTrack, &QComboBox::currentIndexChanged, this, [this] {
        if (!mRefreshing)
            refreshCurves();
    });
    connect(addTrackButton, &QPushButton::clicked, this, &CalibrationDock::addTrack);
    connect(mRemoveTrack, &QPushButton::clicked, this, [this] {
        if (mDocument && currentTrack() >= 0)
            mDocument->undoStack()->push(new RemoveTrackCommand(*mDocument, currentTrack()));
    });
    connect(mTrackLeft, &QDoubleSpinBox::valueChanged, this, &CalibrationDock::trackEdgeEdited);
    connect(mTrackRight, &QDoubleSpinBox::valueChanged, this, &CalibrationDock::trackEdgeEdited);
    connect(mCurves, &QTableWidget::cellChanged, this, [this](int row, int) { curveEdited(row); });
    connect(mAddCurve, &QPushButton::clicked, this, &CalibrationDock::addCurve);
    connect(mRemoveCurve, &QPushButton::clicked, this, [this] {
        const int row = mCurves->currentRow();
        if (mDocument && currentTrack() >= 0 && row >= 0)
            mDocument->undoStack()->push(new RemoveCurveScaleCommand(*mDocument, currentTrack(), row));
    });
    setDocument(nullptr);
}

void CalibrationDock::setDocument(Document *document)
{
    if (mDocument)
        disconnect(mDocument, nullptr, this, nullptr);
    if (document != mDocument)
        setProposalNotes({});
    mDocument = document;
    if (mDocument) {
        connect(mDocument, &Document::changed, this, [this](const ChangeEvent &e) {
            if (e.type == ChangeEvent::CalibrationChanged)
                refresh();
        });
    }
    widget()->setEnabled(mDocument != nullptr);
    refresh();
}

int CalibrationDock::currentTrack() const
{
    return mTrack->currentIndex();
}

void CalibrationDock::setCurrentTrack(int track)
{
    mTrack->setCurrentIndex(track);
}

void CalibrationDock::refresh()
{
    mRefreshing = true;
    const Calibration cal = mDocument ? mDocument->calibration() : Calibration();
    mUnit->setCurrentIndex(cal.depthUnit == QLatin1String("FT") ? 1 : 0);
    mFit->setCurrentIndex(cal.fit == DepthFit::LeastSquares ? 1 : 0);
    mStep->setValue(cal.step);
    const bool depth = cal.ties.size() >= 2;
    const bool limited = cal.topDepth || cal.bottomDepth;
    mLimit->setChecked(limited);
    mLimit->setEnabled(depth);
    const int height = mDocument ? mDocument->sheetHeight() : 0;
    // An end not set shows the sheet's own end, greyed.
    const double sheetTop = depth ? cal.depthAtRow(0.0) : 0.0;
    const double sheetBottom = depth ? cal.depthAtRow(std::max(0, height - 1)) : 0.0;
    mTop->setValue(cal.topDepth ? *cal.topDepth : (std::isfinite(sheetTop) ? std::min(sheetTop, sheetBottom) : 0.0));
    mBottom->setValue(cal.bottomDepth ? *cal.bottomDepth
                                      : (std::isfinite(sheetBottom) ? std::max(sheetTop, sheetBottom) : 0.0));
    mTop->setEnabled(depth && limited);
    mBottom->setEnabled(depth && limited);
    const QString unit = cal.depthUnit.toLower();
    mTop->setSuffix(QLatin1Char(' ') + unit);
    mBottom->setSuffix(QLatin1Char(' ') + unit);
    mTies->setRowCount(int(cal.ties.size()));
    for (int i = 0; i < int(cal.ties.size()); ++i) {
        mTies->setItem(i, 0, new QTableWidgetItem(QString::number(cal.ties[size_t(i)].row, 'f', 1)));
        mTies->setItem(i, 1, new QTableWidgetItem(QString::number(cal.ties[size_t(i)].depth, 'f', 3)));
    }
    mRemoveTie->setEnabled(!cal.ties.empty());
    const int track = mTrack->currentIndex();
    mTrack->clear();
    for (int i = 0; i < int(cal.tracks.size()); ++i)
        mTrack->addItem(tr("Track %1").arg(i + 1));
    mTrack->setCurrentIndex(std::clamp(track, cal.tracks.empty() ? -1 : 0, int(cal.tracks.size()) - 1));
    mRefreshing = false;
    refreshCurves();
}

void CalibrationDock::refreshCurves()
{
    mRefreshing = true;
    const int t = currentTrack();
    const bool valid = mDocument && t >= 0 && t < int(mDocument->calibration().tracks.size());
    const Track track = valid ? mDocument->calibration().tracks[size_t(t)] : Track();
    const double width = mDocument ? mDocument->sheetWidth() : 1e6;
    mTrackLeft->setRange(0, width);
    mTrackRight->setRange(0, width);
    mTrackLeft->setValue(valid ? track.left : 0);
    mTrackRight->setValue(valid ? track.right : 0);
    for (QWidget *w : std::initializer_list<QWidget *>{mTrackLeft, mTrackRight, mRemoveTrack, mAddCurve, mRemoveCurve, mCurves})
        w->setEnabled(valid);
    mCurves->setRowCount(valid ? int(track.curves.size()) : 0);
    for (int row = 0; valid && row < int(track.curves.size()); ++row) {
        const CurveScale &c = track.curves[size_t(row)];
        auto *cls = new QComboBox;
        cls->addItems({tr("C1"), tr("C2")});
        cls->setItemData(0, tr("Curve one: the solid trace"), Qt::ToolTipRole);
        cls->setItemData(1, tr("Curve two: the dashed or dotted trace"), Qt::ToolTipRole);
        cls->setCurrentIndex(c.classId == 2 ? 1 : 0);
        connect(cls, &QComboBox::currentIndexChanged, this, [this, row] { curveEdited(row); });
        mCurves->setCellWidget(row, ColClass, cls);
        mCurves->setItem(row, ColMnemonic, new QTableWidgetItem(c.mnemonic));
        mCurves->setItem(row, ColUnit, new QTableWidgetItem(c.unit));
        auto *scale = new QComboBox;
        scale->addItems({tr("Lin"), tr("Log")});
        scale->setItemData(0, tr("Linear scale"), Qt::ToolTipRole);
        scale->setItemData(1, tr("Logarithmic scale"), Qt::ToolTipRole);
        scale->setCurrentIndex(c.type == ScaleType::Log ? 1 : 0);
        connect(scale, &QComboBox::currentIndexChanged, this, [this, row] { curveEdited(row); });
        mCurves->setCellWidget(row, ColScale, scale);
        mCurves->setItem(row, ColLeft, new QTableWidgetItem(QString::number(c.left)));
        mCurves->setItem(row, ColRight, new QTableWidgetItem(QString::number(c.right)));
        auto *wrap = new QTableWidgetItem;
        wrap->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        wrap->setCheckState(c.wrap ? Qt::Checked : Qt::Unchecked);
        mCurves->setItem(row, ColWrap, wrap);
        auto *ink = new QToolButton;
        ink->setObjectName(QStringLiteral("inkButton%1").arg(row));
        ink->setAutoRaise(true);
        ink->setIcon(swatch(c.ink));
        ink->setToolTip(c.ink.isEmpty() ? tr("No ink hint: click to pick the curve's ink from the sheet")
                                        : tr("Ink %1: click to change").arg(c.ink));
        ink->setPopupMode(QToolButton::InstantPopup);
        auto *menu = new QMenu(ink);
        connect(menu, &QMenu::aboutToShow, this, [this, menu, row] { fillInkMenu(menu, row); });
        ink->setMenu(menu);
        mCurves->setCellWidget(row, ColInk, ink);
    }
    mRefreshing = false;
}

void CalibrationDock::settingsEdited()
{
    if (mRefreshing || !mDocument)
        return;
    Calibration settings = mDocument->calibration();
    const QString unit = mUnit->currentData().toString();
    settings.fit = mFit->currentIndex() == 1 ? DepthFit::LeastSquares : DepthFit::Piecewise;
    settings.step = mStep->value();
    if (unit != settings.depthUnit) {
        // The step follows the unit while it is the old unit's usual one; the next sheet starts in this unit.
        if (std::abs(settings.step - Calibration::defaultStep(settings.depthUnit)) < 1e-9)
            settings.step = Calibration::defaultStep(unit);
        QSettings().setValue(QStringLiteral("calibration/depthUnit"), unit);
    }
    settings.depthUnit = unit;
    mDocument->undoStack()->push(new SetCalibrationSettingsCommand(*mDocument, settings));
}

void CalibrationDock::intervalEdited()
{
    if (mRefreshing || !mDocument)
        return;
    if (!mLimit->isChecked()) {
        mDocument->undoStack()->push(new SetIntervalCommand(*mDocument, std::nullopt, std::nullopt));
        return;
    }
    const double top = mTop->value();
    const double bottom = mBottom->value();
    if (!(bottom > top)) {
        refresh();  // an empty interval is not taken
        return;
    }
    mDocument->undoStack()->push(new SetIntervalCommand(*mDocument, top, bottom));
}

void CalibrationDock::tieEdited(int row, int)
{
    if (mRefreshing || !mDocument || row < 0 || row >= int(mDocument->calibration().ties.size()))
        return;
    bool okRow = false;
    bool okDepth = false;
    const DepthTie tie{mTies->item(row, 0)->text().toDouble(&okRow), mTies->item(row, 1)->text().toDouble(&okDepth)};
    if (!okRow || !okDepth) {
        refresh();  // reject text that is not a number
        return;
    }
    mDocument->undoStack()->push(new SetTieCommand(*mDocument, row, tie));
}

void CalibrationDock::trackEdgeEdited()
{
    if (mRefreshing || !mDocument || currentTrack() < 0)
        return;
    const Track &track = mDocument->calibration().tracks[size_t(currentTrack())];
    if (mTrackLeft->value() != track.left)
        mDocument->undoStack()->push(new MoveTrackEdgeCommand(*mDocument, currentTrack(), 0, mTrackLeft->value()));
    else if (mTrackRight->value() != track.right)
        mDocument->undoStack()->push(new MoveTrackEdgeCommand(*mDocument, currentTrack(), 1, mTrackRight->value()));
}

void CalibrationDock::curveEdited(int row)
{
    if (mRefreshing || !mDocument || currentTrack() < 0)
        return;
    const Track &track = mDocument->calibration().tracks[size_t(currentTrack())];
    if (row < 0 || row >= int(track.curves.size()))
        return;
    CurveScale c = track.curves[size_t(row)];
    c.classId = static_cast<QComboBox *>(mCurves->cellWidget(row, ColClass))->currentIndex() == 1 ? 2 : 1;
    c.mnemonic = mCurves->item(row, ColMnemonic)->text().trimmed().toUpper();
    c.unit = mCurves->item(row, ColUnit)->text().trimmed();
    c.type = static_cast<QComboBox *>(mCurves->cellWidget(row, ColScale))->currentIndex() == 1 ? ScaleType::Log : ScaleType::Linear;
    bool okLeft = false;
    bool okRight = false;
    const double left = mCurves->item(row, ColLeft)->text().toDouble(&okLeft);
    const double right = mCurves->item(row, ColRight)->text().toDouble(&okRight);
    if (okLeft)
        c.left = left;
    if (okRight)
        c.right = right;
    c.wrap = mCurves->item(row, ColWrap)->checkState() == Qt::Checked;
    if (c.type == ScaleType::Log && (c.left <= 0 || c.right <= 0)) {
        refreshCurves();  // a log scale needs positive ends
        return;
    }
    if (!okLeft || !okRight || c.mnemonic.isEmpty()) {
        refreshCurves();
        return;
    }
    mDocument->undoStack()->push(new SetCurveScaleCommand(*mDocument, currentTrack(), row, c));
}

void CalibrationDock::setCurveInk(int row, const QString &ink)
{
    if (!mDocument || currentTrack() < 0)
        return;
    if (currentTrack() >= int(mDocument->calibration().tracks.size()))
        return;
    const Track &track = mDocument->calibration().tracks[size_t(currentTrack())];
    if (row < 0 || row >= int(track.curves.size()) || track.curves[size_t(row)].ink == ink)
        return;
    CurveScale c = track.curves[size_t(row)];
    c.ink = ink;
    mDocument->undoStack()->push(new SetCurveScaleCommand(*mDocument, currentTrack(), row, c));
}

void CalibrationDock::fillInkMenu(QMenu *menu, int row)
{
    menu->clear();
    if (!mDocument || currentTrack() < 0)
        return;
    const Track &track = mDocument->calibration().tracks[size_t(currentTrack())];
    const QRect region(int(std::floor(track.left)) + 2, 0, std::max(1, int(track.right - track.left) - 3),
                       mDocument->sheetHeight());
    const Result<std::vector<SheetInk>> inks = mDocument->source() ? sheetInks(*mDocument->source(), region)
                                                                  : Result<std::vector<SheetInk>>(std::vector<SheetInk>());
    if (!inks) {
        menu->addAction(inks.error())->setEnabled(false);
    } else if (inks->empty()) {
        menu->addAction(tr("No colour inks on this sheet"))->setEnabled(false);
    } else {
        menu->addSection(tr("Inks in this track"));
        for (const SheetInk &ink : *inks) {
            QAction *a = menu->addAction(swatch(ink.colour), tr("%1  (%2 % of the ink)").arg(ink.colour).arg(ink.share * 100, 0, 'f', 0));
            // Queued: the edit rebuilds the table, and with it this menu.
            connect(a, &QAction::triggered, this, [this, row, colour = ink.colour] { setCurveInk(row, colour); }, Qt::QueuedConnection);
        }
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Other Colour…")), &QAction::triggered, this, [this, row] {
        QString current;
        const int t = currentTrack();
        if (mDocument && t >= 0 && t < int(mDocument->calibration().tracks.size())
            && row < int(mDocument->calibration().tracks[size_t(t)].curves.size()))
            current = mDocument->calibration().tracks[size_t(t)].curves[size_t(row)].ink;
        const QColor colour = QColorDialog::getColor(current.isEmpty() ? QColor(Qt::black) : QColor(current), this, tr("Curve Ink"));
        if (colour.isValid())
            setCurveInk(row, colour.name());
    }, Qt::QueuedConnection);
    connect(menu->addAction(swatch({}), tr("No Ink Hint")), &QAction::triggered, this, [this, row] { setCurveInk(row, {}); },
            Qt::QueuedConnection);
}

void CalibrationDock::addTrack()
{
    if (!mDocument)
        return;
    Track track;
    const auto &tracks = mDocument->calibration().tracks;
    const double w = mDocument->sheetWidth();
    track.left = tracks.empty() ? w * 0.1 : std::min(tracks.back().right + 10.0, w - 20.0);
    track.right = std::min(w, track.left + w * 0.3);
    mDocument->undoStack()->push(new AddTrackCommand(*mDocument, track));
    setCurrentTrack(int(mDocument->calibration().tracks.size()) - 1);
}

void CalibrationDock::addCurve()
{
    if (!mDocument || currentTrack() < 0)
        return;
    const Track &track = mDocument->calibration().tracks[size_t(currentTrack())];
    CurveScale c;
    c.classId = track.curves.empty() ? 1 : 2;
    c.mnemonic = QStringLiteral("CURVE%1").arg(track.curves.size() + 1);
    c.left = 0;
    c.right = 100;
    mDocument->undoStack()->push(new SetCurveScaleCommand(*mDocument, currentTrack(), -1, c));
}

void CalibrationDock::setProposalNotes(const QString &text)
{
    mProposalNotes->setText(text);
    mProposalScroll->setVisible(!text.isEmpty());
}

QString CalibrationDock::proposalNotes() const
{
    return mProposalNotes->text();
}

} // namespace veer
