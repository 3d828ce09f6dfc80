#include "localretrace.h"

#include "calibration/calibration.h"
#include "trace/curvetracer.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

bool inRows(const WrapEvent &w, int first, int last)
{
    return w.row >= first && w.row <= last;
}

void sortWraps(std::vector<WrapEvent> &wraps)
{
    std::stable_sort(wraps.begin(), wraps.end(),
                     [](const WrapEvent &a, const WrapEvent &b) { return a.row < b.row; });
}

/** The curve of `track` with `classId`, preferring position `index` when it matches. */
const CurveTrace *matchingCurve(const TrackTrace &track, size_t index, int classId)
{
    if (index < track.curves.size() && track.curves[index].classId == classId)
        return &track.curves[index];
    for (const CurveTrace &c : track.curves) {
        if (c.classId == classId)
            return &c;
    }
    return nullptr;
}

} // namespace

TraceSlice sliceOf(const TraceResult &trace, int trackIndex, int firstRow, int lastRow)
{
    TraceSlice slice;
    slice.trackIndex = trackIndex;
    const int first = std::max(firstRow, trace.firstRow);
    const int last = std::min(lastRow, trace.firstRow + trace.rowCount - 1);
    slice.firstRow = first;
    if (trackIndex < 0 || trackIndex >= int(trace.tracks.size()) || last < first)
        return slice;
    slice.rowCount = last - first + 1;
    const size_t from = size_t(first - trace.firstRow);
    for (const CurveTrace &c : trace.tracks[size_t(trackIndex)].curves) {
        CurveTrace part;
        part.classId = c.classId;
        const size_t to = std::min(c.column.size(), from + size_t(slice.rowCount));
        const size_t toConf = std::min(c.confidence.size(), from + size_t(slice.rowCount));
        if (from < to)
            part.column.assign(c.column.begin() + long(from), c.column.begin() + long(to));
        if (from < toConf)
            part.confidence.assign(c.confidence.begin() + long(from), c.confidence.begin() + long(toConf));
        std::copy_if(c.wraps.begin(), c.wraps.end(), std::back_inserter(part.wraps),
                     [&](const WrapEvent &w) { return inRows(w, first, last); });
        slice.curves.push_back(std::move(part));
    }
    return slice;
}

void applySlice(TraceResult &trace, const TraceSlice &slice)
{
    if (slice.isEmpty() || slice.trackIndex < 0 || slice.trackIndex >= int(trace.tracks.size()))
        return;
    auto &curves = trace.tracks[size_t(slice.trackIndex)].curves;
    const int last = slice.firstRow + slice.rowCount - 1;
    const long from = long(slice.firstRow - trace.firstRow);
    for (size_t k = 0; k < curves.size() && k < slice.curves.size(); ++k) {
        CurveTrace &c = curves[k];
        const CurveTrace &part = slice.curves[k];
        for (size_t i = 0; i < part.column.size(); ++i) {
            const long at = from + long(i);
            if (at >= 0 && size_t(at) < c.column.size())
                c.column[size_t(at)] = part.column[i];
        }
        for (size_t i = 0; i < part.confidence.size(); ++i) {
            const long at = from + long(i);
            if (at >= 0 && size_t(at) < c.confidence.size())
                c.confidence[size_t(at)] = part.confidence[i];
        }
        c.wraps.erase(std::remove_if(c.wraps.begin(), c.wraps.end(),
                                     [&](const WrapEvent &w) { return inRows(w, slice.firstRow, last); }),
                      c.wraps.end());
        c.wraps.insert(c.wraps.end(), part.wraps.begin(), part.wraps.end());
        sortWraps(c.wraps);
    }
}

Result<TraceResult> retraceSpan(const cv::Mat &labels, const cv::Mat *probabilities,
                                const Calibration &calibration, const TraceResult &trace,
                                int trackIndex, int firstRow, int lastRow,
                                const std::vector<TraceAnchor> &anchors,
                                const LocalRetraceOptions &options)
{
    using R = Result<TraceResult>;
    if (trackIndex < 0 || trackIndex >= int(calibration.tracks.size())
        || trackIndex >= int(trace.tracks.size()))
        return R::failure(QStringLiteral("Track %1 is not traced").arg(trackIndex + 1));
    if (labels.empty())
        return R::failure(QStringLiteral("There is no label map to trace"));
    const int traceLast = trace.firstRow + trace.rowCount - 1;
    const int first = std::max(std::min(firstRow, lastRow), trace.firstRow);
    const int last = std::min(std::max(firstRow, lastRow), traceLast);
    if (last < first)
        return trace;  // nothing of the span is traced
    const int bandFirst = options.trace.labelRowOffset;
    const int bandLast = bandFirst + labels.rows - 1;
    if (first < bandFirst || last > bandLast)
        return R::failure(QStringLiteral("Rows %1..%2 are outside the label map").arg(first).arg(last));
    const int margin = std::max(0, options.marginRows);
    const int contextFirst = std::max(first - margin, bandFirst);
    const int contextLast = std::min(last + margin, bandLast);

    std::vector<TraceAnchor> used;
    for (const TraceAnchor &a : anchors) {
        if (a.trackIndex == trackIndex && a.row >= contextFirst && a.row <= contextLast
            && (a.classId == 1 || a.classId == 2) && std::isfinite(a.column))
            used.push_back(a);
    }
    const TrackTrace &existing = trace.tracks[size_t(trackIndex)];
    if (options.pinBoundaries) {
        for (const CurveTrace &c : existing.curves) {
            if (c.classId != 1 && c.classId != 2)
                continue;
            for (const int row : {first - 1, last + 1}) {
                if (row < trace.firstRow || row > traceLast || row < contextFirst || row > contextLast)
                    continue;
                const size_t i = size_t(row - trace.firstRow);
                if (i >= c.column.size() || !std::isfinite(c.column[i]))
                    continue;
                const bool user = std::any_of(used.begin(), used.end(), [&](const TraceAnchor &a) {
                    return a.classId == c.classId && a.row == row;
                });
                if (!user)
                    used.push_back({trackIndex, c.classId, row, double(c.column[i])});
            }
        }
    }

    TraceOptions traceOptions = options.trace;
    traceOptions.firstRow = contextFirst;
    traceOptions.rowCount = contextLast - contextFirst + 1;
    traceOptions.anchors = std::move(used);
    const cv::Mat *probs = probabilities && !probabilities->empty() ? probabilities : nullptr;
    Result<TrackTrace> traced = CurveTracer(traceOptions)
                                    .traceTrack(labels, probs, calibration.tracks[size_t(trackIndex)],
                                                trackIndex);
    if (!traced)
        return R::failure(traced.error());

    // The new rows as a slice in the existing track's curve order, then spliced in.
    TraceSlice slice;
    slice.trackIndex = trackIndex;
    slice.firstRow = first;
    slice.rowCount = last - first + 1;
    const size_t from = size_t(first - contextFirst);
    for (size_t k = 0; k < existing.curves.size(); ++k) {
        const CurveTrace &old = existing.curves[k];
        const CurveTrace *fresh = matchingCurve(*traced, k, old.classId);
        CurveTrace part;
        part.classId = old.classId;
        if (options.classId != 0 && old.classId != options.classId)
            fresh = nullptr;  // not asked for: kept as it was
        if (fresh && fresh->column.size() >= from + size_t(slice.rowCount)) {
            part.column.assign(fresh->column.begin() + long(from),
                               fresh->column.begin() + long(from) + slice.rowCount);
            part.confidence.assign(fresh->confidence.begin() + long(from),
                                   fresh->confidence.begin() + long(from) + slice.rowCount);
            std::copy_if(fresh->wraps.begin(), fresh->wraps.end(), std::back_inserter(part.wraps),
                         [&](const WrapEvent &w) { return inRows(w, first, last); });
        } else {
            // Not asked for, or a curve the calibration no longer has: keep what was traced.
            const TraceSlice kept = sliceOf(trace, trackIndex, first, last);
            part = kept.curves[k];
        }
        slice.curves.push_back(std::move(part));
    }
    TraceResult out = trace;
    applySlice(out, slice);
    return out;
}

} // namespace veer
