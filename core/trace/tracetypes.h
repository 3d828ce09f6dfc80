#pragma once

#include <cstdint>
#include <vector>

namespace veer {

/** A position a re-trace must pass through: curve `classId` of track `trackIndex` at an image row. */
struct TraceAnchor
{
    int trackIndex = 0;
    int classId = 1;
    int row = 0;          ///< image row
    double column = 0.0;  ///< image column (sub-pixel)
};

/** Tuning of CurveTracer; the defaults suit 1-3 px strokes on sheets scanned at 100-300 dpi. */
struct TraceOptions
{
    int firstRow = 0;        ///< first image row to trace
    int rowCount = -1;       ///< rows to trace; -1 = to the end of the label band
    int labelRowOffset = 0;  ///< image row of the label map's row 0 (when a row band is passed)
    std::vector<TraceAnchor> anchors;

    int maxCandidates = 4;        ///< runs kept per row and track (strongest first)
    /// Background px between dashes of one curve on a row that still make one run, per curve:
    /// curve two is the dashed or dotted one.
    int joinGap[2] = {0, 10};
    int probabilityThreshold = 64;  ///< p*255 at or above which a pixel is evidence
    float crossClassSupport = 0.3f; ///< how much a pixel of the other class supports a curve
    float evidenceWeight = 1.5f;
    float absentCost[2] = {1.5f, 0.8f};  ///< per row absent, curve one / curve two
    /// Per row a curve takes no run of its own class while one lies unclaimed (times its peak):
    /// with exact labels that ink can be no other curve's. Curve two's dashes and dots.
    float unexplainedCost[2] = {0.0f, 3.0f};
    float slopeWeight = 0.1f;     ///< per px^2 of deviation from the predicted position
    float huberDelta = 2.0f;      ///< px; beyond this the slope cost grows linearly
    float touchCap = 0.5f;        ///< cap of the slope cost while the stroke stays 8-connected
    float gapTolerance = 0.5f;    ///< px of extra positional slack per absent row
    float shareCost = 0.4f;       ///< per row both curves on one run...
    float shareGrowth = 0.15f;    ///< ...plus this per consecutive shared row
    float wrapCost = 0.5f;
    float velocityGain = 0.3f;    ///< weight of the newest slope in the velocity estimate
    /// px beside the other curve's run within which a gap counts as hidden by that stroke (bridged)
    float hideMargin = 4.5f;
    int maxBridgeRows = 12;       ///< interpolate gaps up to this many rows, null beyond
    /// A gap of up to this many rows whose both ends lie within `hiddenReach` px of the other
    /// curve's run, which goes on through the gap, and along which the map still shows a faint
    /// sign of the curve on most rows, is the curve hidden in that stroke (two curves reading
    /// alike): it follows the other curve at the offset of the gap's ends. 0 = off.
    int maxHiddenRows = 2000;
    float hiddenReach = 14.0f;
    /// A gap of up to this many rows, per curve, is searched for faint dots of the curve, below
    /// `probabilityThreshold` but at least `faintThreshold`: where a chain of them, no two further
    /// apart than `faintSpacing` rows, joins the gap's ends, the curve follows it. 0 = off. Curve two
    /// only: a solid curve leaves no dotted trail, and curve two's dots read as curve one are not its.
    int maxFaintRows[2] = {0, 400};
    int faintThreshold = 8;       ///< p*255 at or above which a pixel is a faint dot
    int faintSpacing = 24;        ///< most rows between two faint dots that are joined
    int faintStep = 5;            ///< most px a faint path moves per row
    /// After this many absent rows a curve may restart anywhere, and is not taken to have wrapped
    /// across the gap: a wrap is seen at the edges, not guessed over a gap.
    int reacquireRows = 15;
    /// The same for a curve whose scale has a backup (`wrap`): it is expected to wrap, also across
    /// a gap, so it keeps its course longer.
    int wrapReacquireRows = 60;
    double edgeMargin = 4.0;      ///< px from an edge that counts as "at the edge" for wraps
};

/** A wrap-around: at `row` the curve re-entered the track after leaving it by one edge. */
struct WrapEvent
{
    int row = 0;
    int direction = 0;  ///< +1 left past the right edge (re-entered left), -1 the reverse
};

/** The traced centreline of one curve: per image row from TraceResult::firstRow. */
struct CurveTrace
{
    int classId = 1;
    std::vector<float> column;      ///< sub-pixel image column, NaN = null
    std::vector<float> confidence;  ///< in [0,1], 0 where null
    std::vector<WrapEvent> wraps;   ///< sorted by row
};

/** Traces of one track, in the order of the track's curves in the calibration. */
struct TrackTrace
{
    std::vector<CurveTrace> curves;
};

/** The result of tracing all tracks over one row range. */
struct TraceResult
{
    int firstRow = 0;
    int rowCount = 0;
    std::vector<TrackTrace> tracks;  ///< in calibration order
};

} // namespace veer
