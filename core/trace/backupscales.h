#pragma once

#include "trace/tracetypes.h"

namespace veer {

/**
 * Which scale a curve with a backup is on where that was not seen. The tracer counts wraps from
 * zero at its first row and carries the count over gaps, so a curve that starts off scale, or whose
 * return falls in a gap or is missed, would read one scale span off from there on without a word.
 * Here the count is settled per stretch, from the first row and from each gap left null where the
 * curve comes back away from where it was lost (where the count is not known):
 * - it starts at -1, 0 or 1, whichever puts the curve on its main scale for the most rows of the
 *   stretch, as a log runs (the count carried, then 0, on a tie);
 * - it stays within one backup scale either side: a wrap that would go beyond is not taken;
 * - a curve on its backup that jumps across the track from one row to the next, where the jump is
 *   shorter back on the main scale (its re-entry hidden in the other curve's stroke, say), is taken
 *   back to it.
 * Each change to the tracer's count is a wrap event at its row, so a doubtful span to review.
 */
void settleBackupScales(CurveTrace &trace, float width, int firstImageRow);

} // namespace veer
