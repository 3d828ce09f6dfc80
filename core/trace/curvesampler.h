#pragma once

#include "base/result.h"
#include "las/lasdocument.h"
#include "trace/tracetypes.h"

#include <QString>

#include <vector>

namespace veer {

class Calibration;
struct CurveScale;
struct Track;

/** A wrap-around of one exported curve, at a depth. */
struct SampledWrap
{
    QString mnemonic;
    double depth = 0.0;
    int direction = 0;  ///< +1 left past the right edge, -1 past the left edge
};

/** The exported log and what goes with it, aligned with las.depths. */
struct SampledLog
{
    LasDocument las;
    std::vector<std::vector<float>> confidence;  ///< per LAS curve, per depth, in [0,1]
    std::vector<SampledWrap> wraps;
};

/**
 * Resamples traced centrelines (per image row) onto the calibration's depth grid and converts
 * columns to values on each curve's scale, unwrapping wrap-arounds so values stay continuous.
 */
class CurveSampler
{
public:
    /**
     * DEPT plus every curve of every track, in calibration order; nullValue where a sample
     * falls outside the traced rows or next to a null row. `imageHeight` is the sheet's height
     * (for the default depth range).
     */
    static Result<SampledLog> sample(const TraceResult &trace, const Calibration &calibration,
                                     int imageHeight);

    /**
     * Value of `curve` at fractional image `row` (NaN when null); `confidence` receives the
     * interpolated confidence when given.
     */
    static double valueAtRow(const CurveTrace &curve, int firstRow, const Track &track,
                             const CurveScale &scale, double row, float *confidence = nullptr);
};

} // namespace veer
