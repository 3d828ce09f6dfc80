#include "traceedittool.h"

#include "document.h"
#include "sheetview.h"
#include "traceeditcommands.h"

#include <QAction>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

QString curveName(int classId)
{
    return classId == 2 ? TraceEditTool::tr("curve two") : TraceEditTool::tr("curve one");
}

QColor curveColour(int classId)
{
    return classId == 2 ? QColor(40, 90, 230) : QColor(230, 40, 40);
}

bool isAnchored(const Document &document, int track, int classId, int row)
{
    const auto &anchors = document.traceAnchors();
    return std::any_of(anchors.begin(), anchors.end(), [&](const TraceAnchor &a) {
        return a.trackIndex == track && a.classId == classId && a.row == row;
    });
}

bool keyTheToolTakes(const QKeyEvent &event)
{
    if (event.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    switch (event.key()) {
    case Qt::Key_1:
    case Qt::Key_2:
    case Qt::Key_R:
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        return true;
    default:
        return false;
    }
}

} // namespace

TraceEditTool::TraceEditTool(QObject *parent)
    : AbstractTool(tr("Edit Trace"), QIcon::fromTheme(QStringLiteral("draw-freehand")), QKeySequence(Qt::Key_E),
                   parent)
{
    auto *retrace = new QAction(tr("Re-trace &Edited Span"), this);
    retrace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    retrace->setToolTip(tr("Re-trace the rows of the last label brush edit in the tracks it touched"));
    connect(retrace, &QAction::triggered, this, [this] { retraceLastLabelEdit(); });
    mActions.append(retrace);
}

void TraceEditTool::setDocument(Document *document)
{
    mDocument = document;
    mMode = Mode::Idle;
    mHover = {};
    mLastTrack = -1;
    Q_EMIT statusHintChanged();
}

void TraceEditTool::setDrawClass(int classId)
{
    classId = std::clamp(classId, 1, 2);
    if (classId == mDrawClass)
        return;
    mDrawClass = classId;
    updateView();
    Q_EMIT statusHintChanged();
}

QString TraceEditTool::statusHint() const
{
    if (!mDocument)
        return tr("Edit trace: open a sheet first");
    if (!mDocument->trace())
        return tr("Edit trace: nothing is traced yet (Run > Digitize)");
    const QString keys = tr("[1/2: draw %1, R: re-trace %2]")
                             .arg(curveName(mDrawClass),
                                  mLastTrack >= 0 ? tr("rows %1-%2").arg(mLastFirst).arg(mLastLast)
                                                  : tr("the visible rows"));
    switch (mMode) {
    case Mode::Moving:
        return tr("Edit trace: release to anchor %1 of track %2 on row %3 at column %4")
            .arg(curveName(mGrab.classId)).arg(mGrab.track + 1).arg(mGrab.row).arg(mGrab.column, 0, 'f', 1);
    case Mode::Drawing:
        if (mStroke.isEmpty())
            break;
        return tr("Edit trace: release to set %1 of track %2 on rows %3-%4 by hand")
            .arg(curveName(mDrawClass)).arg(mDrawTrack + 1)
            .arg(int(std::floor(std::min_element(mStroke.begin(), mStroke.end(),
                                                 [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); })->y())))
            .arg(int(std::floor(std::max_element(mStroke.begin(), mStroke.end(),
                                                 [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); })->y())));
    case Mode::Idle:
        break;
    }
    if (mShift)
        return tr("Edit trace: drag to draw %1 by hand across the rows  %2").arg(curveName(mDrawClass), keys);
    if (mCtrl)
        return tr("Edit trace: click to insert a node on the nearest curve at that row  %1").arg(keys);
    if (mHover.isValid())
        return tr("Edit trace: drag to move %1 of track %2 on row %3%4; right-click or Delete %5  %6")
            .arg(curveName(mHover.classId)).arg(mHover.track + 1).arg(mHover.row)
            .arg(mHover.anchored ? tr(" (anchored)") : QString())
            .arg(mHover.anchored ? tr("removes the anchor and re-traces") : tr("re-traces around it"), keys);
    return tr("Edit trace: point at a curve to move a node; Ctrl+click inserts a node, Shift+drag draws  %1")
        .arg(keys);
}

void TraceEditTool::activate(SheetView &view)
{
    AbstractTool::activate(view);
    // 1 and 2 also toggle the class layers; while this tool is active the sheet view keeps them.
    view.installEventFilter(this);
    view.viewport()->installEventFilter(this);
    Q_EMIT statusHintChanged();
}

void TraceEditTool::deactivate()
{
    if (SheetView *v = view()) {
        v->removeEventFilter(this);
        v->viewport()->removeEventFilter(this);
    }
    mMode = Mode::Idle;
    mHover = {};
    mStroke.clear();
    AbstractTool::deactivate();
}

bool TraceEditTool::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && keyTheToolTakes(*static_cast<QKeyEvent *>(event))) {
        event->accept();
        return true;
    }
    return AbstractTool::eventFilter(watched, event);
}

int TraceEditTool::trackAt(double column) const
{
    const auto &tracks = mDocument->calibration().tracks;
    for (size_t i = 0; i < tracks.size(); ++i) {
        if (column >= tracks[i].left && column < tracks[i].right)
            return int(i);
    }
    return -1;
}

int TraceEditTool::falloffRows() const
{
    // About 40 view pixels either side, at any zoom.
    const double scale = view() ? view()->scale() : 1.0;
    return std::clamp(int(std::lround(40.0 / scale)), 3, 400);
}

TraceEditTool::Node TraceEditTool::nodeAt(const QPointF &imagePos) const
{
    Node best;
    if (!mDocument || !mDocument->trace() || !view())
        return best;
    const TraceResult &trace = *mDocument->trace();
    const double scale = view()->scale();
    const int reach = int(std::ceil(kPickPixels / scale));
    const int centre = int(std::floor(imagePos.y()));
    const int first = std::max(trace.firstRow, centre - reach);
    const int last = std::min(trace.firstRow + trace.rowCount - 1, centre + reach);
    double bestDistance = kPickPixels * kPickPixels;
    for (size_t t = 0; t < trace.tracks.size(); ++t) {
        for (const CurveTrace &curve : trace.tracks[t].curves) {
            if (curve.classId != 1 && curve.classId != 2)
                continue;
            for (int row = first; row <= last; ++row) {
                const float c = curve.column[size_t(row - trace.firstRow)];
                if (!std::isfinite(c))
                    continue;
                const double dx = (c + 0.5 - imagePos.x()) * scale;
                const double dy = (row + 0.5 - imagePos.y()) * scale;
                const double d = dx * dx + dy * dy;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = {int(t), curve.classId, row, double(c), false};
                }
            }
        }
    }
    if (best.isValid())
        best.anchored = isAnchored(*mDocument, best.track, best.classId, best.row);
    // An anchor about as near as the nearest sample wins: it is the node the user placed.
    const double nearest = bestDistance;
    for (const TraceAnchor &a : mDocument->traceAnchors()) {
        if (best.anchored || a.row < first || a.row > last || a.trackIndex >= int(trace.tracks.size()))
            continue;
        const double dx = (a.column + 0.5 - imagePos.x()) * scale;
        const double dy = (a.row + 0.5 - imagePos.y()) * scale;
        const double d = dx * dx + dy * dy;
        if (d < kPickPixels * kPickPixels && d <= nearest + 2.0 * scale * scale) {
            best = {a.trackIndex, a.classId, a.row, a.column, true};
            bestDistance = d;
        }
    }
    return best;
}

void TraceEditTool::setHover(const Node &node)
{
    const bool same = node.track == mHover.track && node.classId == mHover.classId && node.row == mHover.row
                      && node.anchored == mHover.anchored;
    mHover = node;
    if (!same)
        Q_EMIT statusHintChanged();
}

void TraceEditTool::updateView()
{
    if (view())
        view()->viewport()->update();
}

void TraceEditTool::remember(int track, int first, int last)
{
    mLastTrack = track;
    mLastFirst = first;
    mLastLast = last;
}

bool TraceEditTool::mousePressed(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument || !mDocument->trace())
        return false;
    mCtrl = event.modifiers() & Qt::ControlModifier;
    mShift = event.modifiers() & Qt::ShiftModifier;
    if (event.button() == Qt::RightButton) {
        const Node node = nodeAt(imagePos);
        return node.isValid() && deleteNode(node);
    }
    if (event.button() != Qt::LeftButton)
        return false;
    if (mShift) {
        mDrawTrack = trackAt(imagePos.x());
        if (mDrawTrack < 0)
            return false;
        mMode = Mode::Drawing;
        mStroke = {imagePos};
        Q_EMIT statusHintChanged();
        updateView();
        return true;
    }
    if (mCtrl) {
        // Insert on the curve of the track under the cursor nearest the click, at the click's row.
        const int track = trackAt(imagePos.x());
        if (track < 0)
            return false;
        const TraceResult &trace = *mDocument->trace();
        const int row = int(std::floor(imagePos.y()));
        if (row < trace.firstRow || row >= trace.firstRow + trace.rowCount || track >= int(trace.tracks.size()))
            return true;
        int classId = 0;
        double column = columnAt(imagePos);
        double bestDistance = 1e300;
        for (const CurveTrace &c : trace.tracks[size_t(track)].curves) {
            const float x = c.column[size_t(row - trace.firstRow)];
            if ((c.classId == 1 || c.classId == 2) && std::isfinite(x)
                && std::abs(x - columnAt(imagePos)) < bestDistance) {
                bestDistance = std::abs(x - columnAt(imagePos));
                classId = c.classId;
                column = x;
            }
        }
        if (classId == 0)
            classId = mDrawClass;  // no curve on that row: the chosen one, where clicked
        auto *command = new InsertTraceNodeCommand(*mDocument, track, classId, row, column);
        const bool changes = !command->changesNothing();
        if (changes)
            remember(track, command->firstRow(), command->lastRow());
        mDocument->undoStack()->push(command);
        setHover(nodeAt(imagePos));
        updateView();
        return true;
    }
    const Node node = nodeAt(imagePos);
    if (!node.isValid())
        return false;  // away from the curves a drag pans
    mMode = Mode::Moving;
    mGrab = node;
    mMoved = false;
    ++mDragKey;
    Q_EMIT statusHintChanged();
    updateView();
    return true;
}

bool TraceEditTool::mouseMoved(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument)
        return false;
    const bool ctrl = event.modifiers() & Qt::ControlModifier;
    const bool shift = event.modifiers() & Qt::ShiftModifier;
    if (ctrl != mCtrl || shift != mShift) {
        mCtrl = ctrl;
        mShift = shift;
        Q_EMIT statusHintChanged();
    }
    switch (mMode) {
    case Mode::Moving: {
        const double column = columnAt(imagePos);
        if (std::abs(column - mGrab.column) < 1e-9)
            return true;
        auto *command = new MoveTraceNodeCommand(*mDocument, mGrab.track, mGrab.classId, mGrab.row, column,
                                                 falloffRows(), mDragKey);
        mDocument->undoStack()->push(command);
        if (const auto *top = dynamic_cast<const TraceEditCommand *>(
                mDocument->undoStack()->command(mDocument->undoStack()->index() - 1)))
            remember(top->track(), top->firstRow(), top->lastRow());
        const TraceResult &trace = *mDocument->trace();
        for (const CurveTrace &c : trace.tracks[size_t(mGrab.track)].curves) {
            if (c.classId == mGrab.classId)
                mGrab.column = c.column[size_t(mGrab.row - trace.firstRow)];
        }
        mGrab.anchored = true;
        mMoved = true;
        mHover = mGrab;
        Q_EMIT statusHintChanged();
        updateView();
        return true;
    }
    case Mode::Drawing:
        if (mStroke.isEmpty() || QLineF(mStroke.back(), imagePos).length() * (view() ? view()->scale() : 1.0) >= 2.0)
            mStroke.append(imagePos);
        Q_EMIT statusHintChanged();
        updateView();
        return true;
    case Mode::Idle:
        break;
    }
    setHover(nodeAt(imagePos));
    updateView();
    return false;
}

bool TraceEditTool::mouseReleased(QMouseEvent &event, const QPointF &imagePos)
{
    if (event.button() != Qt::LeftButton || mMode == Mode::Idle)
        return false;
    const Mode mode = mMode;
    mMode = Mode::Idle;
    if (mode == Mode::Drawing && mDocument) {
        mStroke.append(imagePos);
        auto *command = new DrawTraceSegmentCommand(*mDocument, mDrawTrack, mDrawClass, mStroke);
        if (!command->changesNothing())
            remember(command->track(), command->firstRow(), command->lastRow());
        else if (!command->error().isEmpty())
            Q_EMIT notice(command->error());
        mDocument->undoStack()->push(command);
        mStroke.clear();
    }
    if (mDocument)
        setHover(nodeAt(imagePos));
    Q_EMIT statusHintChanged();
    updateView();
    return true;
}

bool TraceEditTool::deleteNode(const Node &node)
{
    if (!mDocument)
        return false;
    auto *command = new DeleteTraceNodeCommand(*mDocument, node.track, node.classId, node.row);
    if (!command->changesNothing())
        remember(node.track, command->firstRow(), command->lastRow());
    mDocument->undoStack()->push(command);
    mHover = {};
    Q_EMIT statusHintChanged();
    updateView();
    return true;
}

void TraceEditTool::retraceSpan()
{
    if (!mDocument || !mDocument->trace())
        return;
    QString error;
    QUndoCommand *command = nullptr;
    if (mLastTrack >= 0) {
        auto *span = new RetraceSpanCommand(*mDocument, mLastTrack, mLastFirst, mLastLast);
        error = span->error();
        command = span;
        if (span->changesNothing() && error.isEmpty())
            error = tr("Re-tracing rows %1-%2 changes nothing").arg(mLastFirst).arg(mLastLast);
    } else if (view()) {
        const QRectF visible = view()->visibleImageRect();
        command = RetraceSpanCommand::forAllTracks(*mDocument, int(std::floor(visible.top())),
                                                  int(std::ceil(visible.bottom())) - 1, &error);
        if (!command && error.isEmpty())
            error = tr("Re-tracing the visible rows changes nothing");
    }
    if (!error.isEmpty())
        Q_EMIT notice(error);
    if (command)
        mDocument->undoStack()->push(command);
}

bool TraceEditTool::retraceLastLabelEdit()
{
    if (!mDocument)
        return false;
    QString error;
    QUndoCommand *command = RetraceSpanCommand::forLastLabelEdit(*mDocument, &error);
    if (!command) {
        Q_EMIT notice(error);
        return false;
    }
    if (auto *span = dynamic_cast<RetraceSpanCommand *>(command))
        remember(span->track(), span->firstRow(), span->lastRow());
    mDocument->undoStack()->push(command);
    return true;
}

bool TraceEditTool::keyPressed(QKeyEvent &event)
{
    if (event.key() == Qt::Key_Shift || event.key() == Qt::Key_Control) {
        mShift = event.key() == Qt::Key_Shift || mShift;
        mCtrl = event.key() == Qt::Key_Control || mCtrl;
        Q_EMIT statusHintChanged();
        return false;
    }
    if (!keyTheToolTakes(event))
        return false;
    switch (event.key()) {
    case Qt::Key_1:
        setDrawClass(1);
        return true;
    case Qt::Key_2:
        setDrawClass(2);
        return true;
    case Qt::Key_R:
        retraceSpan();
        return true;
    default:
        if (mHover.isValid() && mMode == Mode::Idle)
            return deleteNode(mHover);
        return false;
    }
}

void TraceEditTool::paint(QPainter &painter, const SheetView &view)
{
    if (!mDocument || !mDocument->trace())
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    // Anchors: small squares in the curve's colour.
    const QRectF visible = view.visibleImageRect();
    for (const TraceAnchor &a : mDocument->traceAnchors()) {
        if (a.row < visible.top() - 1 || a.row > visible.bottom() + 1)
            continue;
        const QPointF p = view.imageToView(QPointF(a.column + 0.5, a.row + 0.5));
        painter.setPen(QPen(Qt::black, 1.0));
        painter.setBrush(curveColour(a.classId).lighter(130));
        painter.drawRect(QRectF(p - QPointF(3.5, 3.5), QSizeF(7, 7)));
    }
    const Node node = mMode == Mode::Moving ? mGrab : mHover;
    if (node.isValid() && mMode != Mode::Drawing) {
        const QPointF p = view.imageToView(QPointF(node.column + 0.5, node.row + 0.5));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(Qt::black, 4.0));
        painter.drawEllipse(p, 7.0, 7.0);
        painter.setPen(QPen(QColor(255, 200, 0), 2.0));
        painter.drawEllipse(p, 7.0, 7.0);
        if (mMode == Mode::Moving) {
            // The row the node slides along.
            painter.setPen(QPen(QColor(255, 200, 0), 1.0, Qt::DashLine));
            const auto &tracks = mDocument->calibration().tracks;
            if (node.track < int(tracks.size())) {
                const Track &t = tracks[size_t(node.track)];
                painter.drawLine(view.imageToView(QPointF(t.left, node.row + 0.5)),
                                 view.imageToView(QPointF(t.right, node.row + 0.5)));
            }
        }
    }
    if (mMode == Mode::Drawing && !mStroke.isEmpty()) {
        QPainterPath path(view.imageToView(mStroke.front()));
        for (const QPointF &p : mStroke)
            path.lineTo(view.imageToView(p));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(Qt::black, 4.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(path);
        painter.setPen(QPen(curveColour(mDrawClass), 2.0, Qt::DashLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(path);
    }
}

} // namespace veer
