#pragma once

#include "base/result.h"
#include "trace/tracetypes.h"

#include <vector>

namespace cv {
class Mat;
}

namespace veer {

class Calibration;

/**
 * The traced samples of one track over image rows [firstRow, firstRow + rowCount): every curve's
 * columns and confidences on those rows and its wraps among them. What trace edits keep to undo.
 */
struct TraceSlice
{
    int trackIndex = 0;
    int firstRow = 0;
    int rowCount = 0;
    std::vector<CurveTrace> curves;  ///< in the track's order; column/confidence hold rowCount values

    bool isEmpty() const { return rowCount <= 0; }
};

/**
 * Copies rows [firstRow, lastRow] (image rows, clipped to the trace) of track `trackIndex`;
 * empty when the track or the rows lie outside the trace.
 */
TraceSlice sliceOf(const TraceResult &trace, int trackIndex, int firstRow, int lastRow);

/** Writes `slice` back into `trace` (its rows and the wraps on them); the inverse of sliceOf(). */
void applySlice(TraceResult &trace, const TraceSlice &slice);

/** Where a span re-trace looks and what it keeps. */
struct LocalRetraceOptions
{
    TraceOptions trace;  ///< tuning of the tracer; its firstRow, rowCount and anchors are set here
    /// Rows traced on each side of the span for context (velocity, stroke width); never spliced.
    int marginRows = 40;
    /// Pin rows firstRow-1 and lastRow+1 to the existing trace, so the splice joins its
    /// untouched neighbours without a step.
    bool pinBoundaries = true;
    /// Splice only the curve of this class (1 or 2); 0 splices every curve of the track.
    int classId = 0;
};

/**
 * Re-traces image rows [firstRow, lastRow] of track `trackIndex` from `labels` (CV_8UC1 covering
 * the sheet from options.trace.labelRowOffset; `probabilities` optional, CV_8UC2) and returns a
 * copy of `trace` in which only those rows (clipped to the trace) of that track changed.
 *
 * CurveTracer runs over the span widened by options.marginRows, through every anchor in
 * `anchors` of this track that lies there (user anchors are kept exactly) and, with
 * pinBoundaries, through the existing samples on the two rows just outside the span. Wraps of the
 * track's curves on the span are replaced by the new ones. Fails when the track, the rows or the
 * maps do not fit.
 */
Result<TraceResult> retraceSpan(const cv::Mat &labels, const cv::Mat *probabilities,
                                const Calibration &calibration, const TraceResult &trace,
                                int trackIndex, int firstRow, int lastRow,
                                const std::vector<TraceAnchor> &anchors,
                                const LocalRetraceOptions &options = {});

} // namespace veer
