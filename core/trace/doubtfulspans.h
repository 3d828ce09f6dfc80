#pragma once

#include "tracetypes.h"

#include <QJsonArray>
#include <QString>

#include <vector>

namespace veer {

/** Why a span of rows is doubtful; a span may have several reasons (bit flags). */
enum DoubtReason : unsigned {
    LowConfidence = 1u << 0,  ///< a curve's confidence is below DoubtOptions::lowConfidence
    NearCrossing = 1u << 1,   ///< the two curves of the track come within DoubtOptions::nearDistance px or cross
    Gap = 1u << 2,            ///< a curve is null between traced rows
    Wrap = 1u << 3,           ///< a curve wraps onto its backup scale here, or never wraps back
};

/** Where the review of one doubtful span stands. */
enum class DoubtState { Unreviewed, Fixed, Accepted };

/** Rows of one track where the trace needs a look, in image rows (inclusive). */
struct DoubtSpan
{
    int track = 0;
    int firstRow = 0;
    int lastRow = 0;
    unsigned reasons = 0;  ///< DoubtReason flags
    double score = 0.0;    ///< worst row's doubt in [0,1]: 1 = a gap or two curves on the same column
    /// How far (px) a value in the span moves if the trace is wrong there: a wrap moves it by the
    /// track's width (a whole scale), a swap by the curves' separation beside the crossing, a gap
    /// by the jump between its ends, a low-confidence stretch by its detour off the straight line
    /// between its ends.
    double shift = 0.0;
    DoubtState state = DoubtState::Unreviewed;
    /// The curves the doubt is about, as curveBit()s: a crossing is about both, a gap or a wrap
    /// about its own curve. An edit fixes the span only where it touches one of them.
    unsigned curves = 3u;

    int rowCount() const { return lastRow - firstRow + 1; }
    bool overlaps(const DoubtSpan &other) const
    {
        return track == other.track && firstRow <= other.lastRow && other.firstRow <= lastRow;
    }
    bool operator==(const DoubtSpan &other) const = default;
};

/** The bit of curve class `classId` (1 or 2) in DoubtSpan::curves; 0 for any other class. */
constexpr unsigned curveBit(int classId)
{
    return classId == 1 || classId == 2 ? 1u << (classId - 1) : 0u;
}

/** Thresholds of findDoubtfulSpans(). */
struct DoubtOptions
{
    float lowConfidence = 0.35f;  ///< a traced row below this confidence is doubtful
    double nearDistance = 3.0;    ///< px; closer curves are a near-crossing
    int mergeGap = 8;             ///< spans of one track at most this many rows apart become one...
    int maxMergedRows = 1 << 30;  ///< ...unless the merged span would be longer than this
    /// Merged spans shorter than this whose only reason is low confidence are dropped (one-row
    /// blips); crossings and gaps are kept whatever their length.
    int minRows = 3;
    /// Track widths (px) in track order, for the shift of a wrap; a track without one counts as
    /// kWrapShift px wide.
    std::vector<double> trackWidths;
    /// Rows beside a crossing over which a swap's shift is measured.
    int swapReach = 60;
};

/** The shift of a wrap on a track of unknown width: more than any track is wide. */
constexpr double kWrapShift = 1e6;

/** What a span risks, worst first; a span is of the worst kind among its reasons. */
enum class DoubtKind { Wrap, Crossing, Gap, LowConfidence };
constexpr int kDoubtKindCount = 4;
DoubtKind doubtKind(unsigned reasons);
/** "wraps", "crossings", "gaps", "low confidence" (plural, for counts). */
QString doubtKindName(DoubtKind kind);

/**
 * The order in which a reviewer should see `spans`, as indices into it: by kind (wraps, then
 * crossings, gaps, low confidence), within a kind the larger shift first (as a share of the
 * track's width where `trackWidths` gives it, else in px), then depth order.
 */
std::vector<int> rankDoubtSpans(const std::vector<DoubtSpan> &spans, const std::vector<double> &trackWidths = {});

/**
 * The doubtful spans of a trace: runs of rows where a curve's confidence is low, where the two
 * curves of a track come close or change sides, and where a curve is null between traced rows
 * (leading and trailing nulls are not gaps). Runs of one track that lie within mergeGap rows of
 * each other merge. Sorted by first row, then track; all Unreviewed.
 */
std::vector<DoubtSpan> findDoubtfulSpans(const TraceResult &trace, const DoubtOptions &options = {});

/**
 * Gives each span of `fresh` the state of the spans of `previous` it overlaps (same track): Fixed
 * wins over Accepted, Accepted over Unreviewed. For keeping the review when the trace changes.
 */
void carryDoubtStates(const std::vector<DoubtSpan> &previous, std::vector<DoubtSpan> &fresh);

/** Bit i set = DoubtState(i) passes a filter. */
constexpr unsigned kAllDoubtStates = 0x7;
inline unsigned doubtStateBit(DoubtState state) { return 1u << unsigned(state); }

/**
 * The index of the next (`forward`) or previous span after `current` whose state passes
 * `stateMask`, in list order; -1 when there is none. With current = -1 the first (or last) one.
 */
int nextDoubtSpan(const std::vector<DoubtSpan> &spans, int current, bool forward, unsigned stateMask = kAllDoubtStates);

/** "low confidence, near crossing, gap, wrap" for the flags set. */
QString doubtReasonText(unsigned reasons);
/** "unreviewed", "fixed", "accepted". */
QString doubtStateName(DoubtState state);
/** The inverse of doubtStateName; Unreviewed for anything else. */
DoubtState doubtStateFromName(const QString &name);

QJsonArray doubtSpansToJson(const std::vector<DoubtSpan> &spans);
/** Entries that are not objects or have last_row < first_row are skipped. */
std::vector<DoubtSpan> doubtSpansFromJson(const QJsonArray &array);

} // namespace veer
