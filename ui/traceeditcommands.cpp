#include "traceeditcommands.h"

#include "correctioncommands.h"
#include "document.h"

#include <QCoreApplication>
#include <QUndoStack>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

namespace veer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TraceEditCommands", text);
}

bool sameFloats(const std::vector<float> &a, const std::vector<float> &b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

bool sameCurve(const CurveTrace &x, const CurveTrace &y)
{
    if (!sameFloats(x.column, y.column) || !sameFloats(x.confidence, y.confidence) || x.wraps.size() != y.wraps.size())
        return false;
    for (size_t w = 0; w < x.wraps.size(); ++w) {
        if (x.wraps[w].row != y.wraps[w].row || x.wraps[w].direction != y.wraps[w].direction)
            return false;
    }
    return true;
}

bool sameSlice(const TraceSlice &a, const TraceSlice &b)
{
    if (a.rowCount != b.rowCount || a.curves.size() != b.curves.size())
        return false;
    for (size_t k = 0; k < a.curves.size(); ++k) {
        if (!sameCurve(a.curves[k], b.curves[k]))
            return false;
    }
    return true;
}

bool sameAnchors(const std::vector<TraceAnchor> &a, const std::vector<TraceAnchor> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const TraceAnchor &x, const TraceAnchor &y) {
        return x.trackIndex == y.trackIndex && x.classId == y.classId && x.row == y.row && x.column == y.column;
    });
}

void sortAnchors(std::vector<TraceAnchor> &anchors)
{
    std::stable_sort(anchors.begin(), anchors.end(), [](const TraceAnchor &a, const TraceAnchor &b) {
        if (a.trackIndex != b.trackIndex)
            return a.trackIndex < b.trackIndex;
        if (a.classId != b.classId)
            return a.classId < b.classId;
        return a.row < b.row;
    });
}

bool isAnchorOf(const TraceAnchor &a, int track, int classId)
{
    return a.trackIndex == track && a.classId == classId;
}

std::vector<TraceAnchor> withoutRows(const std::vector<TraceAnchor> &anchors, int track, int classId, int first,
                                     int last)
{
    std::vector<TraceAnchor> out;
    std::copy_if(anchors.begin(), anchors.end(), std::back_inserter(out), [&](const TraceAnchor &a) {
        return !(isAnchorOf(a, track, classId) && a.row >= first && a.row <= last);
    });
    return out;
}

/** Nearest anchor row of the curve strictly above (`direction` -1) or below (+1) `row`. */
int neighbourAnchor(const std::vector<TraceAnchor> &anchors, int track, int classId, int row, int direction)
{
    int best = direction < 0 ? INT_MIN : INT_MAX;
    for (const TraceAnchor &a : anchors) {
        if (!isAnchorOf(a, track, classId))
            continue;
        if (direction < 0 && a.row < row)
            best = std::max(best, a.row);
        else if (direction > 0 && a.row > row)
            best = std::min(best, a.row);
    }
    return best;
}

int curveIndex(const TraceResult &trace, int track, int classId)
{
    if (track < 0 || track >= int(trace.tracks.size()))
        return -1;
    const auto &curves = trace.tracks[size_t(track)].curves;
    for (size_t k = 0; k < curves.size(); ++k) {
        if (curves[k].classId == classId)
            return int(k);
    }
    return -1;
}

/** Clamps `column` into the track's columns when the calibration has the track. */
double clampToTrack(const Document &document, int track, double column)
{
    const auto &tracks = document.calibration().tracks;
    if (track < 0 || track >= int(tracks.size()))
        return column;
    const Track &t = tracks[size_t(track)];
    return std::clamp(column, t.left, std::max(t.left, t.right - 1.0));
}

int lastTraceRow(const TraceResult &trace)
{
    return trace.firstRow + trace.rowCount - 1;
}

} // namespace

std::vector<CorrectionFootprint> TraceEditCommand::footprint() const
{
    if (mNothing)
        return {};
    // The curves whose trace the edit changed; slices of other shapes count as both.
    unsigned curves = 0;
    if (mBefore.rowCount == mAfter.rowCount && mBefore.curves.size() == mAfter.curves.size()) {
        for (size_t k = 0; k < mAfter.curves.size(); ++k) {
            if (!sameCurve(mBefore.curves[k], mAfter.curves[k]))
                curves |= curveBit(mAfter.curves[k].classId);
        }
    } else {
        curves = 3u;
    }
    if (curves == 0)
        curves = 3u;  // only anchors changed: the edit was still made on these rows
    return {{track(), cv::Rect(0, firstRow(), 1, lastRow() - firstRow() + 1), curves}};
}

TraceEditCommand::TraceEditCommand(Document &document, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , mDocument(document)
    , mAnchorsBefore(document.traceAnchors())
    , mAnchorsAfter(document.traceAnchors())
{
}

void TraceEditCommand::record(int track, int first, int last, const TraceResult &after,
                              const std::vector<TraceAnchor> &anchorsAfter)
{
    mAnchorsAfter = anchorsAfter;
    sortAnchors(mAnchorsAfter);
    if (mDocument.trace()) {
        mBefore = sliceOf(*mDocument.trace(), track, first, last);
        mAfter = sliceOf(after, track, first, last);
    }
    mNothing = sameSlice(mBefore, mAfter) && sameAnchors(mAnchorsBefore, mAnchorsAfter);
    setObsolete(mNothing);
}

void TraceEditCommand::fail(const QString &error)
{
    mError = error;
    mNothing = true;
    setObsolete(true);
}

void TraceEditCommand::apply(const TraceSlice &slice, const std::vector<TraceAnchor> &anchors)
{
    if (mNothing)
        return;
    if (!slice.isEmpty() && mDocument.trace()) {
        TraceResult trace = *mDocument.trace();
        applySlice(trace, slice);
        mDocument.setTrace(trace);
    }
    if (!sameAnchors(anchors, mDocument.traceAnchors()))
        mDocument.setTraceAnchors(anchors);
}

void TraceEditCommand::redo()
{
    apply(mAfter, mAnchorsAfter);
}

void TraceEditCommand::undo()
{
    apply(mBefore, mAnchorsBefore);
}

MoveTraceNodeCommand::MoveTraceNodeCommand(Document &document, int track, int classId, int row, double column,
                                           int falloffRows, int dragKey)
    : MoveTraceNodeCommand(document, tr("Move Trace Node"), track, classId, row, column, falloffRows)
{
    mDragKey = dragKey;
}

MoveTraceNodeCommand::MoveTraceNodeCommand(Document &document, const QString &text, int track, int classId,
                                           int row, double column, int falloffRows)
    : TraceEditCommand(document, text)
    , mClassId(classId)
    , mRow(row)
{
    const auto &trace = document.trace();
    const int k = trace ? curveIndex(*trace, track, classId) : -1;
    if (k < 0 || row < trace->firstRow || row > lastTraceRow(*trace) || !std::isfinite(column)) {
        fail(tr("There is no traced curve there"));
        return;
    }
    TraceResult after = *trace;
    CurveTrace &curve = after.tracks[size_t(track)].curves[size_t(k)];
    const std::vector<TraceAnchor> &anchors = document.traceAnchors();
    const int falloff = std::max(0, falloffRows);
    const int lo = std::max({row - falloff, trace->firstRow, neighbourAnchor(anchors, track, classId, row, -1)});
    const int hi = std::min({row + falloff, lastTraceRow(*trace), neighbourAnchor(anchors, track, classId, row, 1)});
    const double x = double(float(clampToTrack(document, track, column)));
    const auto at = [&](int r) { return size_t(r - trace->firstRow); };
    const float old = curve.column[at(row)];
    if (std::isfinite(old)) {
        // The neighbours follow by a share that fades to nothing at the ends of the falloff.
        const double delta = x - double(old);
        for (int r = lo + 1; r < row; ++r) {
            float &c = curve.column[at(r)];
            if (std::isfinite(c))
                c = float(double(c) + delta * double(r - lo) / double(row - lo));
        }
        for (int r = row + 1; r < hi; ++r) {
            float &c = curve.column[at(r)];
            if (std::isfinite(c))
                c = float(double(c) + delta * double(hi - r) / double(hi - row));
        }
    }
    curve.column[at(row)] = float(x);
    curve.confidence[at(row)] = 1.0f;
    std::vector<TraceAnchor> anchorsAfter = withoutRows(anchors, track, classId, row, row);
    anchorsAfter.push_back({track, classId, row, x});
    record(track, lo, hi, after, anchorsAfter);
}

bool MoveTraceNodeCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveTraceNodeCommand *>(other);
    if (!mDragKey || o->mDragKey != mDragKey || o->mClassId != mClassId || o->mRow != mRow)
        return false;
    if (o->changesNothing())
        return true;
    if (o->track() != track() || !mDocument.trace())
        return false;
    // The document holds `other`'s result; outside both spans nothing changed.
    const int first = std::min(firstRow(), o->firstRow());
    const int last = std::max(lastRow(), o->lastRow());
    TraceResult state = *mDocument.trace();
    mAfter = sliceOf(state, track(), first, last);
    applySlice(state, o->mBefore);
    applySlice(state, mBefore);
    mBefore = sliceOf(state, track(), first, last);
    mAnchorsAfter = o->mAnchorsAfter;
    return true;
}

InsertTraceNodeCommand::InsertTraceNodeCommand(Document &document, int track, int classId, int row,
                                               double column, int falloffRows)
    : MoveTraceNodeCommand(document, tr("Insert Trace Node"), track, classId, row, column, falloffRows)
{
}

DeleteTraceNodeCommand::DeleteTraceNodeCommand(Document &document, int track, int classId, int row, int spanRows)
    : TraceEditCommand(document, tr("Delete Trace Node"))
{
    const std::vector<TraceAnchor> anchors = withoutRows(document.traceAnchors(), track, classId, row, row);
    const auto &trace = document.trace();
    if (!trace) {
        record(track, row, row, TraceResult(), anchors);
        return;
    }
    const int span = std::max(0, spanRows);
    const int first = std::max(row - span, neighbourAnchor(anchors, track, classId, row, -1) + 1);
    const int last = std::min(row + span, neighbourAnchor(anchors, track, classId, row, 1) - 1);
    LocalRetraceOptions options;
    options.classId = classId;
    Result<TraceResult> retraced = retraceSpan(document.labels(), &document.probabilities(),
                                               document.calibration(), *trace, track, first, last,
                                               anchors, options);
    if (!retraced) {
        record(track, first, last, *trace, anchors);  // the anchor goes; the samples stay
        return;
    }
    record(track, first, last, *retraced, anchors);
}

DrawTraceSegmentCommand::DrawTraceSegmentCommand(Document &document, int track, int classId,
                                                 const QVector<QPointF> &points, int anchorStep)
    : TraceEditCommand(document, tr("Draw Trace Segment"))
{
    const auto &trace = document.trace();
    const int k = trace ? curveIndex(*trace, track, classId) : -1;
    if (k < 0 || points.isEmpty()) {
        fail(tr("There is no traced curve there"));
        return;
    }
    TraceResult after = *trace;
    CurveTrace &curve = after.tracks[size_t(track)].curves[size_t(k)];
    int first = INT_MAX;
    int last = INT_MIN;
    const auto setRow = [&](int row, double x) {
        if (row < trace->firstRow || row > lastTraceRow(*trace) || !std::isfinite(x))
            return;
        const size_t i = size_t(row - trace->firstRow);
        curve.column[i] = float(clampToTrack(document, track, x));
        curve.confidence[i] = 1.0f;
        first = std::min(first, row);
        last = std::max(last, row);
    };
    // Each piece sets the rows it crosses, at the height of the row's centre.
    setRow(int(std::floor(points.front().y())), columnAt(points.front()));
    for (qsizetype p = 1; p < points.size(); ++p) {
        const QPointF &a = points[p - 1];
        const QPointF &b = points[p];
        const double y0 = std::min(a.y(), b.y());
        const double y1 = std::max(a.y(), b.y());
        for (int row = int(std::floor(y0)); row <= int(std::floor(y1)); ++row) {
            const double y = std::clamp(row + 0.5, y0, y1);
            const double t = y1 > y0 ? (y - a.y()) / (b.y() - a.y()) : 1.0;
            setRow(row, columnAt(a + (b - a) * t));
        }
    }
    if (first > last) {
        fail(tr("The segment lies outside the traced rows"));
        return;
    }
    curve.wraps.erase(std::remove_if(curve.wraps.begin(), curve.wraps.end(),
                                     [&](const WrapEvent &w) { return w.row >= first && w.row <= last; }),
                      curve.wraps.end());
    std::vector<TraceAnchor> anchors = withoutRows(document.traceAnchors(), track, classId, first, last);
    const int step = std::max(1, anchorStep);
    for (int row = first; row <= last; row += step) {
        const float c = curve.column[size_t(row - trace->firstRow)];
        anchors.push_back({track, classId, row, double(c)});
    }
    if ((last - first) % step != 0)
        anchors.push_back({track, classId, last, double(curve.column[size_t(last - trace->firstRow)])});
    record(track, first, last, after, anchors);
}

RetraceSpanCommand::RetraceSpanCommand(Document &document, int track, int firstRow, int lastRow, int classId,
                                       QUndoCommand *parent)
    : TraceEditCommand(document, tr("Re-trace Span"), parent)
{
    const auto &trace = document.trace();
    if (!trace) {
        fail(tr("Nothing is traced yet"));
        return;
    }
    LocalRetraceOptions options;
    options.classId = classId;
    Result<TraceResult> retraced = retraceSpan(document.labels(), &document.probabilities(),
                                               document.calibration(), *trace, track, firstRow, lastRow,
                                               document.traceAnchors(), options);
    if (!retraced) {
        fail(retraced.error());
        return;
    }
    record(track, std::min(firstRow, lastRow), std::max(firstRow, lastRow), *retraced, document.traceAnchors());
}

QUndoCommand *RetraceSpanCommand::forAllTracks(Document &document, int firstRow, int lastRow, QString *error)
{
    const int tracks = document.trace() ? int(document.trace()->tracks.size()) : 0;
    if (tracks == 0) {
        if (error)
            *error = tr("Nothing is traced yet");
        return nullptr;
    }
    auto *macro = new QUndoCommand(tr("Re-trace Rows %1-%2").arg(firstRow).arg(lastRow));
    bool any = false;
    for (int t = 0; t < tracks && t < int(document.calibration().tracks.size()); ++t) {
        auto *child = new RetraceSpanCommand(document, t, firstRow, lastRow, 0, macro);
        any = any || !child->changesNothing();
        if (error && !child->error().isEmpty())
            *error = child->error();
    }
    if (!any) {
        delete macro;
        return nullptr;
    }
    return macro;
}

QUndoCommand *RetraceSpanCommand::forLastLabelEdit(Document &document, QString *error)
{
    const QUndoStack *stack = document.undoStack();
    cv::Rect rect;
    for (int i = stack->index() - 1; i >= 0 && rect.empty(); --i) {
        if (const auto *paint = dynamic_cast<const PaintLabelsCommand *>(stack->command(i)))
            rect = paint->rect();
    }
    if (rect.empty()) {
        if (error)
            *error = tr("No label edit to re-trace");
        return nullptr;
    }
    const auto &calTracks = document.calibration().tracks;
    std::vector<int> touched;
    for (size_t t = 0; t < calTracks.size(); ++t) {
        if (calTracks[t].right > rect.x && calTracks[t].left < rect.x + rect.width)
            touched.push_back(int(t));
    }
    const int first = rect.y;
    const int last = rect.y + rect.height - 1;
    if (touched.empty()) {
        if (error)
            *error = tr("The last label edit touched no track");
        return nullptr;
    }
    if (touched.size() == 1) {
        auto *command = new RetraceSpanCommand(document, touched.front(), first, last);
        if (command->changesNothing()) {
            if (error)
                *error = command->error().isEmpty() ? tr("Re-tracing the edited rows changes nothing")
                                                    : command->error();
            delete command;
            return nullptr;
        }
        return command;
    }
    auto *macro = new QUndoCommand(tr("Re-trace Edited Span"));
    bool any = false;
    for (const int t : touched) {
        auto *child = new RetraceSpanCommand(document, t, first, last, 0, macro);
        any = any || !child->changesNothing();
        if (error && !child->error().isEmpty())
            *error = child->error();
    }
    if (!any) {
        if (error && error->isEmpty())
            *error = tr("Re-tracing the edited rows changes nothing");
        delete macro;
        return nullptr;
    }
    return macro;
}

} // namespace veer
