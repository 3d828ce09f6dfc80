#pragma once

#include "las/lasdocument.h"

#include <QJsonObject>

#include <vector>

namespace veer {

class Calibration;

/**
 * Accumulates how far digitized curves are from the truth, over many sheets: errors as a fraction
 * of track width, coverage, and the swap rate (depths where the curves are well apart in truth but
 * came out exchanged).
 */
class CurveEvaluation
{
public:
    /** Separation (fraction of track width) above which truth curves count as "well separated". */
    static constexpr double kSeparated = 0.05;

    /**
     * Compares `digitized` with `truth` (same calibration, curves in calibration order, same depth
     * grid up to rounding). Returns an error text when the two cannot be compared.
     */
    QString add(const LasDocument &digitized, const LasDocument &truth, const Calibration &calibration);

    double medianError() const;
    double p95Error() const;
    double shareWithin(double fraction) const;
    double coverage() const;
    double swapRate() const;
    /** Share of null truth samples (pen lifted, curve off the track) that got a value. */
    double falseValueRate() const;
    size_t samples() const { return mErrors.size(); }

    QJsonObject toJson() const;

private:
    std::vector<double> mErrors;   // |t_digitized - t_truth| per compared sample
    size_t mTruthSamples = 0;      // non-null truth samples
    size_t mCovered = 0;           // of those, digitized non-null
    size_t mTruthNulls = 0;        // null truth samples
    size_t mFalseValues = 0;       // of those, digitized non-null
    size_t mSeparatedDepths = 0;
    size_t mSwappedDepths = 0;
};

} // namespace veer
