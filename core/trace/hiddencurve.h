#pragma once

#include "trace/candidateextractor.h"
#include "trace/tracetypes.h"

#include <cmath>
#include <vector>

namespace cv {
class Mat;
}

namespace veer {

struct Track;

/**
 * Faint signs of a curve in the class map, below what makes a candidate run: any probability of
 * its class (at least 1/255) near a point, or, without probabilities, a pixel labelled with it.
 * Where the pen left no trace the network gives a curve's class nothing at all; where a curve is
 * lost in another's stroke it still gives a little.
 */
struct FaintEvidence
{
    const cv::Mat &labels;
    const cv::Mat *probabilities;  ///< null or empty: use the labels
    int bandRow;                   ///< label row of trace row 0
    int firstColumn;
    int lastColumn;

    /** Whether any sign of curve `curve` (0 or 1) lies within 2 rows and 4 px of trace row `row`. */
    bool near(int curve, int row, float column) const;
    /** How strongly the map shows curve `curve` at trace row `row`, label column `column`: 0-255. */
    int strength(int curve, int row, int column) const;
};

/**
 * Calls fn(r, e) for every run [r, e) of null rows of `column` that has a traced row on each side.
 * fn may fill rows of [r, e); the scan goes on from e.
 */
template<typename Fn>
void forEachInnerGap(const std::vector<float> &column, Fn &&fn)
{
    const int rows = int(column.size());
    int r = 0;
    while (r < rows) {
        if (!std::isnan(column[size_t(r)])) {
            ++r;
            continue;
        }
        int e = r;
        while (e < rows && std::isnan(column[size_t(e)]))
            ++e;
        if (r > 0 && e < rows)
            fn(r, e);
        r = e;
    }
}

/** Whether `t` wraps on a trace row from `from` to `to` (trace row 0 is image row `firstImageRow`). */
bool wrapsWithin(const CurveTrace &t, int firstImageRow, int from, int to);

/**
 * Fills the gaps of `x` that the other curve `y` runs through and at both ends of which `x` lies
 * beside `y`'s stroke: two curves reading alike for a while, one hidden in the other's ink. The
 * filled stretch follows `y` at the offset of the gap's ends, blended linearly between them
 * and kept on the track.
 * `yRun[k]`: the index of `y`'s candidate run on trace row k, -1 where it took none.
 */
void followHidden(int c, CurveTrace &x, const CurveTrace &y, const std::vector<int> &yRun,
                  const RowCandidates &cands, const FaintEvidence &evidence, const Track &track,
                  const TraceOptions &opt, int firstImageRow);

/**
 * Fills the gaps of `x` (longer than `maxBridgeRows`, up to `maxFaintRows`) that a chain of faint
 * dots of its class joins: a thin dotted curve the network saw only in part. The cheapest path
 * from one end of the gap to the other that collects the most dots (at least `faintThreshold`),
 * keeps off `y`'s stroke and turns smoothly is found by dynamic programming; wherever two of its
 * dots lie no more than `faintSpacing` rows apart, the curve follows them, interpolated between.
 * Confidence is at most half that of the gap's ends. A lifted pen leaves no dots, so stays null.
 */
void followFaint(int c, CurveTrace &x, const CurveTrace &y, const std::vector<int> &yRun,
                 const RowCandidates &cands, const FaintEvidence &evidence, const Track &track,
                 const TraceOptions &opt, int firstImageRow);

} // namespace veer
