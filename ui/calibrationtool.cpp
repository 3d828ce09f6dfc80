#include "calibrationtool.h"

#include "calibrationcommands.h"
#include "document.h"
#include "sheetview.h"

#include "autocal/autocalibrator.h"
#include "autocal/textreader.h"
#include "raster/gridlines.h"
#include "raster/rastersource.h"

#include <QDoubleValidator>
#include <QFutureWatcher>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace veer {

CalibrationTool::CalibrationTool(CalibrationLayer &layer, QObject *parent)
    : AbstractTool(tr("Calibrate"), QIcon::fromTheme(QStringLiteral("measure")), QKeySequence(Qt::Key_C), parent)
    , mLayer(layer)
{
}

void CalibrationTool::setDocument(Document *document)
{
    closeEditor();
    if (mDocument)
        mDocument->disconnect(this);
    mDocument = document;
    mDrag = Drag::None;
    setHot({});
    if (mDocument) {
        connect(mDocument, &Document::changed, this, [this](const ChangeEvent &e) {
            if (e.type == ChangeEvent::CalibrationChanged)
                Q_EMIT statusHintChanged();
        });
    }
    Q_EMIT statusHintChanged();
}

QString CalibrationTool::statusHint() const
{
    if (!mDocument)
        return {};
    switch (mLayer.hot().part) {
    case CalibrationLayer::Part::Tie:
        return tr("Drag to move this depth tie: it snaps to the grid line (hold Shift to place it freely); "
                  "double-click to edit its depth; Delete or right-click to remove it.");
    case CalibrationLayer::Part::TrackLeft:
    case CalibrationLayer::Part::TrackRight:
        return tr("Drag the track's edge: it snaps to the printed border line (hold Shift to place it freely).");
    case CalibrationLayer::Part::IntervalTop:
    case CalibrationLayer::Part::IntervalBottom:
        return tr("Drag to move this end of the logged interval: nothing beyond it is traced or exported.");
    case CalibrationLayer::Part::None:
        break;
    }
    const Calibration &cal = mDocument->calibration();
    if (cal.ties.empty())
        return tr("Step 1 of 4: click a row where a depth is printed, then type that depth (first depth tie).");
    if (cal.ties.size() == 1)
        return tr("Step 2 of 4: click a second printed depth, far from the first, and type it (second depth tie).");
    if (cal.tracks.empty())
        return tr("Step 3 of 4: add a track in the Calibration panel (Tracks > Add), then drag its edges onto the "
                  "track's border lines.");
    for (const Track &t : cal.tracks)
        if (t.curves.empty())
            return tr("Step 4 of 4: add each track's curves in the Calibration panel: class, mnemonic, unit and "
                      "scale.");
    for (const DepthSection &section : cal.sections)
        if (section.ties.size() < 2)
            return tr("Section %1: click two printed depths inside it and type them (its own depth ties).")
                .arg(section.name);
    return tr("Calibrated. Click to add a tie; drag ties, track edges or the interval's ends; right-click to set "
              "the top or bottom of the log, or to start a repeat section.");
}

void CalibrationTool::activate(SheetView &view)
{
    AbstractTool::activate(view);
    mLayer.setVisible(true);
}

void CalibrationTool::deactivate()
{
    closeEditor();
    setHot({});
    mDrag = Drag::None;
    AbstractTool::deactivate();
}

void CalibrationTool::setHot(const CalibrationLayer::Hot &hot)
{
    if (mLayer.hot() == hot)
        return;
    mLayer.setHot(hot);
    updateCursor();
    Q_EMIT statusHintChanged();
    if (view())
        view()->viewport()->update();
}

void CalibrationTool::updateCursor()
{
    if (!view())
        return;
    Qt::CursorShape shape = Qt::CrossCursor;
    switch (mLayer.hot().part) {
    case CalibrationLayer::Part::Tie:
    case CalibrationLayer::Part::IntervalTop:
    case CalibrationLayer::Part::IntervalBottom: shape = Qt::SizeVerCursor; break;
    case CalibrationLayer::Part::TrackLeft:
    case CalibrationLayer::Part::TrackRight: shape = Qt::SizeHorCursor; break;
    case CalibrationLayer::Part::None: break;
    }
    view()->viewport()->setCursor(shape);
}

bool CalibrationTool::mousePressed(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument || !view())
        return false;
    closeEditor();
    const CalibrationLayer::Hot hot = mLayer.hitTest(*view(), event.position());
    if (event.button() == Qt::RightButton) {
        if (hot.part != CalibrationLayer::Part::Tie)
            return intervalMenu(event, imagePos);
        QMenu menu;
        QAction *edit = menu.addAction(tr("Edit Depth..."));
        QAction *remove = menu.addAction(tr("Remove Tie"));
        QAction *chosen = menu.exec(event.globalPosition().toPoint());
        if (chosen == remove) {
            mDocument->undoStack()->push(new RemoveTieCommand(*mDocument, hot.index));
            setHot({});
        } else if (chosen == edit) {
            const DepthTie tie = mDocument->calibration().ties[size_t(hot.index)];
            openEditor(event.position(), tie.row, hot.index, tie.depth);
        }
        return true;
    }
    if (event.button() != Qt::LeftButton)
        return false;
    mDragMoved = false;
    ++mDragKey;
    switch (hot.part) {
    case CalibrationLayer::Part::Tie:
        mDrag = Drag::Tie;
        mDragIndex = hot.index;
        return true;
    case CalibrationLayer::Part::TrackLeft:
    case CalibrationLayer::Part::TrackRight:
        mDrag = Drag::Edge;
        mDragIndex = hot.index;
        mDragEdge = hot.part == CalibrationLayer::Part::TrackLeft ? 0 : 1;
        return true;
    case CalibrationLayer::Part::IntervalTop:
    case CalibrationLayer::Part::IntervalBottom:
        mDrag = Drag::Interval;
        mDragEdge = hot.part == CalibrationLayer::Part::IntervalTop ? 0 : 1;
        return true;
    case CalibrationLayer::Part::None:
        break;
    }
    if (imagePos.y() < 0 || imagePos.y() >= mDocument->sheetHeight())
        return false;
    // A new tie: suggest the depth the current calibration predicts.
    const double row = std::round(imagePos.y() * 10.0) / 10.0;
    double suggested = std::nan("");
    const Calibration &cal = mDocument->calibration();
    const int section = cal.sectionAt(row);
    // Inside a section its own ties predict the depth; the main log's do not reach into it.
    if (section >= 0 && cal.sections[size_t(section)].ties.size() >= 2)
        suggested = std::round(cal.sectionCalibration(section).depthAtRow(row) * 100.0) / 100.0;
    else if (section < 0 && mDocument->hasDepth())
        suggested = std::round(cal.depthAtRow(row) * 100.0) / 100.0;
    openEditor(event.position(), row, -1, suggested);
    if (!std::isfinite(suggested))
        suggestPrintedDepth(imagePos.x(), row);
    return true;
}

bool CalibrationTool::mouseMoved(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument || !view())
        return false;
    if (mDrag == Drag::None) {
        setHot(mLayer.hitTest(*view(), event.position()));
        return false;
    }
    mDragMoved = true;
    const Calibration &cal = mDocument->calibration();
    if (mDrag == Drag::Tie && mDragIndex < int(cal.ties.size())) {
        // A tie moves between its neighbours so the ties stay ordered during the drag.
        double lo = 0.0;
        double hi = mDocument->sheetHeight() - 1.0;
        if (mDragIndex > 0)
            lo = cal.ties[size_t(mDragIndex - 1)].row + 1.0;
        if (mDragIndex + 1 < int(cal.ties.size()))
            hi = cal.ties[size_t(mDragIndex + 1)].row - 1.0;
        DepthTie tie = cal.ties[size_t(mDragIndex)];
        double row = std::round(imagePos.y() * 10.0) / 10.0;
        // Onto the grid line the printed depth labels when one is in reach; Shift places it freely.
        if (!(event.modifiers() & Qt::ShiftModifier))
            row = snapTie(row);
        tie.row = std::clamp(row, lo, hi);
        mDocument->undoStack()->push(new SetTieCommand(*mDocument, mDragIndex, tie, mDragKey));
    } else if (mDrag == Drag::Edge && mDragIndex < int(cal.tracks.size())) {
        double column = std::clamp(std::round(imagePos.x() * 10.0) / 10.0, 0.0, double(mDocument->sheetWidth()));
        // Onto the track's border line when one is in reach; Shift places the edge freely.
        if (!(event.modifiers() & Qt::ShiftModifier))
            column = snapEdge(column);
        mDocument->undoStack()->push(new MoveTrackEdgeCommand(*mDocument, mDragIndex, mDragEdge, column, mDragKey));
    } else if (mDrag == Drag::Interval) {
        setIntervalEnd(mDragEdge == 0, imagePos.y(), mDragKey);
    }
    return true;
}

double CalibrationTool::snapEdge(double column) const
{
    if (!mDocument || !mDocument->source() || !view())
        return column;
    // The rows in view (at most a few thousand, read shrunk), a few px either side of the column.
    const int radius = std::max(3, int(std::ceil(6.0 / std::max(view()->scale(), 1e-3))));
    const QRectF visible = view()->visibleImageRect();
    const int top = std::clamp(int(visible.top()), 0, mDocument->sheetHeight() - 1);
    const int bottom = std::clamp(int(std::ceil(visible.bottom())), top + 1, mDocument->sheetHeight());
    const int x0 = std::clamp(int(std::floor(column)) - radius, 0, mDocument->sheetWidth() - 1);
    const int x1 = std::clamp(int(std::floor(column)) + radius + 1, x0 + 1, mDocument->sheetWidth());
    const QRect window(x0, top, x1 - x0, bottom - top);
    const auto grey = mDocument->source()->readGrey(window, QSize(window.width(), std::min(window.height(), 1500)));
    if (!grey)
        return column;
    return x0 + snapToLine(*grey, column - x0, radius, true);
}

double CalibrationTool::snapTie(double row) const
{
    if (!mDocument || !mDocument->source() || !view())
        return row;
    // Across the first track (the grid runs there), else across the view; a few px above and below.
    const int radius = std::max(3, int(std::ceil(6.0 / std::max(view()->scale(), 1e-3))));
    const Calibration &cal = mDocument->calibration();
    const QRectF visible = view()->visibleImageRect();
    int left = int(visible.left()), right = int(std::ceil(visible.right()));
    if (!cal.tracks.empty()) {
        left = int(cal.tracks.front().left) + 3;
        right = int(cal.tracks.front().right) - 3;
    }
    left = std::clamp(left, 0, mDocument->sheetWidth() - 1);
    right = std::clamp(right, left + 1, mDocument->sheetWidth());
    const int y0 = std::clamp(int(std::floor(row)) - radius, 0, mDocument->sheetHeight() - 1);
    const int y1 = std::clamp(int(std::floor(row)) + radius + 1, y0 + 1, mDocument->sheetHeight());
    const QRect window(left, y0, right - left, y1 - y0);
    const auto grey = mDocument->source()->readGrey(window, QSize(std::min(window.width(), 1500), window.height()));
    if (!grey)
        return row;
    return y0 + snapToLine(*grey, row - y0, radius, false);
}

bool CalibrationTool::setIntervalEnd(bool top, double row, int dragKey)
{
    if (!mDocument || !mDocument->hasDepth())
        return false;
    const Calibration &cal = mDocument->calibration();
    row = std::clamp(row, 0.0, mDocument->sheetHeight() - 1.0);
    // On the output grid, so the LAS starts and ends on a round depth.
    double depth = cal.depthAtRow(row);
    if (cal.step > 0)
        depth = std::round(depth / cal.step) * cal.step;
    depth = std::round(depth * 1e6) / 1e6;
    if (!std::isfinite(depth))
        return false;
    std::optional<double> newTop = cal.topDepth;
    std::optional<double> newBottom = cal.bottomDepth;
    // An end may not pass the other: it stops one step short.
    const double gap = cal.step > 0 ? cal.step : 1.0;
    if (top) {
        newTop = newBottom ? std::min(depth, *newBottom - gap) : depth;
    } else {
        newBottom = newTop ? std::max(depth, *newTop + gap) : depth;
    }
    mDocument->undoStack()->push(new SetIntervalCommand(*mDocument, newTop, newBottom, dragKey));
    return true;
}

bool CalibrationTool::intervalMenu(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument || !mDocument->hasDepth() || imagePos.y() < 0 || imagePos.y() >= mDocument->sheetHeight())
        return false;
    const Calibration &cal = mDocument->calibration();
    QMenu menu;
    QAction *setTop = menu.addAction(tr("Set Top of Log Here"));
    QAction *setBottom = menu.addAction(tr("Set Bottom of Log Here"));
    menu.addSeparator();
    QAction *clear = menu.addAction(tr("Whole Sheet (No Interval)"));
    clear->setEnabled(cal.topDepth || cal.bottomDepth);
    menu.addSeparator();
    const int section = cal.sectionAt(imagePos.y());
    QAction *start = nullptr;
    QAction *end = nullptr;
    QAction *remove = nullptr;
    if (section < 0) {
        start = menu.addAction(tr("Start a Repeat Section Here"));
        start->setToolTip(tr("Rows from here down are a section on depth ties of its own, written to a LAS of its own"));
    } else {
        const QString name = cal.sections[size_t(section)].name;
        end = menu.addAction(tr("End Section %1 Here").arg(name));
        remove = menu.addAction(tr("Remove Section %1").arg(name));
    }
    QAction *chosen = menu.exec(event.globalPosition().toPoint());
    if (chosen == setTop || chosen == setBottom)
        setIntervalEnd(chosen == setTop, imagePos.y());
    else if (chosen == clear)
        mDocument->undoStack()->push(new SetIntervalCommand(*mDocument, std::nullopt, std::nullopt));
    else if (chosen && chosen == start)
        startSection(imagePos.y());
    else if (chosen && chosen == end)
        endSection(imagePos.y());
    else if (chosen && chosen == remove)
        removeSection(imagePos.y());
    return true;
}

bool CalibrationTool::startSection(double row)
{
    if (!mDocument || row < 0 || row >= mDocument->sheetHeight())
        return false;
    Calibration cal = mDocument->calibration();
    if (cal.sectionAt(row) >= 0)
        return false;
    DepthSection section;
    section.firstRow = std::round(row);
    section.lastRow = mDocument->sheetHeight() - 1.0;
    for (const DepthSection &other : cal.sections)
        if (other.firstRow > section.firstRow)
            section.lastRow = std::min(section.lastRow, other.firstRow - 1.0);
    // REPEAT, REPEAT2, ...: each names its own LAS file.
    const auto taken = [&cal](const QString &name) {
        return std::any_of(cal.sections.begin(), cal.sections.end(), [&](const DepthSection &s) { return s.name == name; });
    };
    for (int n = 2; taken(section.name); ++n)
        section.name = QStringLiteral("REPEAT%1").arg(n);
    cal.sections.push_back(section);
    std::sort(cal.sections.begin(), cal.sections.end(),
              [](const DepthSection &a, const DepthSection &b) { return a.firstRow < b.firstRow; });
    mDocument->undoStack()->push(new ReplaceCalibrationCommand(*mDocument, cal, tr("Start Section %1").arg(section.name)));
    return true;
}

bool CalibrationTool::endSection(double row)
{
    if (!mDocument)
        return false;
    Calibration cal = mDocument->calibration();
    const int k = cal.sectionAt(row);
    if (k < 0 || std::round(row) <= cal.sections[size_t(k)].firstRow)
        return false;
    DepthSection &section = cal.sections[size_t(k)];
    section.lastRow = std::round(row);
    // Ties below the new end are not the section's any more.
    std::erase_if(section.ties, [&section](const DepthTie &t) { return !section.contains(t.row); });
    mDocument->undoStack()->push(new ReplaceCalibrationCommand(*mDocument, cal, tr("End Section %1").arg(section.name)));
    return true;
}

bool CalibrationTool::removeSection(double row)
{
    if (!mDocument)
        return false;
    Calibration cal = mDocument->calibration();
    const int k = cal.sectionAt(row);
    if (k < 0)
        return false;
    const QString name = cal.sections[size_t(k)].name;
    cal.sections.erase(cal.sections.begin() + k);
    mDocument->undoStack()->push(new ReplaceCalibrationCommand(*mDocument, cal, tr("Remove Section %1").arg(name)));
    return true;
}

bool CalibrationTool::mouseReleased(QMouseEvent &event, const QPointF &)
{
    if (mDrag == Drag::None)
        return false;
    mDrag = Drag::None;
    if (view())
        setHot(mLayer.hitTest(*view(), event.position()));
    return true;
}

bool CalibrationTool::mouseDoubleClicked(QMouseEvent &event, const QPointF &)
{
    if (!mDocument || !view())
        return false;
    const CalibrationLayer::Hot hot = mLayer.hitTest(*view(), event.position());
    if (hot.part != CalibrationLayer::Part::Tie)
        return false;
    mDrag = Drag::None;
    const DepthTie tie = mDocument->calibration().ties[size_t(hot.index)];
    openEditor(event.position(), tie.row, hot.index, tie.depth);
    return true;
}

bool CalibrationTool::keyPressed(QKeyEvent &event)
{
    if (!mDocument || (event.key() != Qt::Key_Delete && event.key() != Qt::Key_Backspace))
        return false;
    if (mLayer.hot().part != CalibrationLayer::Part::Tie)
        return false;
    mDocument->undoStack()->push(new RemoveTieCommand(*mDocument, mLayer.hot().index));
    setHot({});
    return true;
}

namespace {

/** The printed depth nearest a click, read from the sheet's own file (the view's reader is the GUI thread's). */
QString printedDepthNear(const QString &path, int page, double column, double row)
{
    auto source = RasterSource::open(path, page);
    TextReader ocr;
    if (!source || !ocr.isReady())
        return {};
    const RasterSource &sheet = *source.value();
    const WindowReader read = [&sheet](const QRect &window) {
        return sheet.readGrey(window & QRect(0, 0, sheet.width(), sheet.height()));
    };
    const std::optional<DepthLabel> label = readDepthNear(read, sheet.width(), sheet.height(), column, row, ocr);
    return label ? label->text : QString();
}

} // namespace

void CalibrationTool::suggestPrintedDepth(double column, double row)
{
    // No depth scale yet to predict one: read the printed number nearest the click, in the
    // background, and offer it in the editor unless the user has begun typing.
    auto *watcher = new QFutureWatcher<QString>(this);
    const QPointer<QLineEdit> editor = mEditor;
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, editor] {
        watcher->deleteLater();
        const QString text = watcher->result();
        if (text.isEmpty() || !editor || editor != mEditor || !editor->text().isEmpty())
            return;
        editor->setText(text);
        editor->selectAll();
        editor->setToolTip(tr("%1 is read from the number printed nearest this row: check it, then Enter to accept, "
                              "or type the depth").arg(text));
    });
    const QString path = mDocument->sheetPath();
    const int page = mDocument->page();
    watcher->setFuture(QtConcurrent::run([path, page, column, row] { return printedDepthNear(path, page, column, row); }));
}

void CalibrationTool::openEditor(const QPointF &viewPos, double row, int tieIndex, double depth)
{
    closeEditor();
    mEditorRow = row;
    mEditorTie = tieIndex;
    mEditor = new QLineEdit(view()->viewport());
    mEditor->setObjectName(QStringLiteral("depthEditor"));
    mEditor->setPlaceholderText(tr("depth"));
    auto *validator = new QDoubleValidator(mEditor);
    validator->setLocale(QLocale::c());
    mEditor->setValidator(validator);
    if (std::isfinite(depth))
        mEditor->setText(QString::number(depth, 'f', 2));
    mEditor->setToolTip(tr("Depth at row %1; Enter to accept, Esc to cancel").arg(row));
    mEditor->resize(mEditor->fontMetrics().horizontalAdvance(QStringLiteral("000000.00 MM")) + 12, mEditor->sizeHint().height());
    mEditor->move(QPoint(int(viewPos.x()) + 8, int(viewPos.y()) - mEditor->height() / 2));
    mEditor->installEventFilter(this);
    mEditor->show();
    mEditor->selectAll();
    mEditor->setFocus();
    connect(mEditor, &QLineEdit::returnPressed, this, &CalibrationTool::commitEditor);
}

void CalibrationTool::commitEditor()
{
    if (!mEditor || !mDocument)
        return;
    bool ok = false;
    const double depth = QLocale::c().toDouble(mEditor->text().trimmed(), &ok);
    if (!ok || !std::isfinite(depth)) {
        mEditor->selectAll();
        return;
    }
    const int section = mDocument->calibration().sectionAt(mEditorRow);
    if (mEditorTie < 0 && section >= 0) {
        // A tie inside a section is the section's: its depth scale is its own.
        Calibration cal = mDocument->calibration();
        DepthSection &s = cal.sections[size_t(section)];
        s.ties.push_back(DepthTie{mEditorRow, depth});
        std::sort(s.ties.begin(), s.ties.end(), [](const DepthTie &a, const DepthTie &b) { return a.row < b.row; });
        mDocument->undoStack()->push(new ReplaceCalibrationCommand(*mDocument, cal, tr("Add Section Tie")));
    } else if (mEditorTie < 0) {
        mDocument->undoStack()->push(new AddTieCommand(*mDocument, DepthTie{mEditorRow, depth}));
    } else if (mEditorTie < int(mDocument->calibration().ties.size())) {
        mDocument->undoStack()->push(new SetTieCommand(*mDocument, mEditorTie, DepthTie{mEditorRow, depth}));
    }
    closeEditor();
}

void CalibrationTool::closeEditor()
{
    if (!mEditor)
        return;
    QLineEdit *editor = mEditor;
    mEditor = nullptr;
    editor->removeEventFilter(this);
    editor->hide();
    editor->deleteLater();
    if (view())
        view()->setFocus();
}

bool CalibrationTool::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == mEditor) {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            closeEditor();
            return true;
        }
        if (event->type() == QEvent::FocusOut) {
            QMetaObject::invokeMethod(this, &CalibrationTool::closeEditor, Qt::QueuedConnection);
        }
    }
    return AbstractTool::eventFilter(watched, event);
}

} // namespace veer
