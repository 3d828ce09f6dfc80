#include "evaluation.h"

#include "calibration/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace veer {

namespace {

bool isNull(double v, double nullValue) { return !std::isfinite(v) || std::abs(v - nullValue) < 1e-9; }

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const size_t k = std::min(v.size() - 1, size_t(std::floor(q * double(v.size() - 1) + 0.5)));
    std::nth_element(v.begin(), v.begin() + long(k), v.end());
    return v[k];
}

} // namespace

QString CurveEvaluation::add(const LasDocument &digitized, const LasDocument &truth, const Calibration &calibration)
{
    // Match depth rows by value (both come from the same calibration grid).
    std::vector<long> truthRow(digitized.depths.size(), -1);
    size_t j = 0;
    for (size_t i = 0; i < digitized.depths.size(); ++i) {
        while (j < truth.depths.size() && truth.depths[j] < digitized.depths[i] - 1e-6)
            ++j;
        if (j < truth.depths.size() && std::abs(truth.depths[j] - digitized.depths[i]) < 1e-6)
            truthRow[i] = long(j);
    }
    size_t curveIndex = 0;
    for (const Track &track : calibration.tracks) {
        std::vector<std::pair<const LasCurve *, const LasCurve *>> pairs; // (digitized, truth)
        std::vector<const CurveScale *> scales;
        for (const CurveScale &scale : track.curves) {
            const LasCurve *d = digitized.curve(scale.mnemonic);
            const LasCurve *t = truth.curve(scale.mnemonic);
            if (!d || !t)
                return QStringLiteral("curve %1 missing from the %2").arg(scale.mnemonic, d ? QStringLiteral("truth") : QStringLiteral("digitized log"));
            pairs.emplace_back(d, t);
            scales.push_back(&scale);
            ++curveIndex;
        }
        for (size_t i = 0; i < digitized.depths.size(); ++i) {
            if (truthRow[i] < 0)
                continue;
            const size_t ti = size_t(truthRow[i]);
            std::vector<double> td(pairs.size(), std::numeric_limits<double>::quiet_NaN());
            std::vector<double> tt(pairs.size(), std::numeric_limits<double>::quiet_NaN());
            for (size_t c = 0; c < pairs.size(); ++c) {
                const double dv = pairs[c].first->values[i];
                const double tv = pairs[c].second->values[ti];
                if (isNull(tv, truth.nullValue)) {
                    ++mTruthNulls;
                    if (!isNull(dv, digitized.nullValue))
                        ++mFalseValues;
                    continue;
                }
                ++mTruthSamples;
                tt[c] = scales[c]->fractionOfValue(tv);
                if (isNull(dv, digitized.nullValue))
                    continue;
                ++mCovered;
                td[c] = scales[c]->fractionOfValue(dv);
                if (std::isfinite(td[c]) && std::isfinite(tt[c]))
                    mErrors.push_back(std::abs(td[c] - tt[c]));
            }
            if (pairs.size() == 2 && std::isfinite(td[0]) && std::isfinite(td[1]) && std::isfinite(tt[0])
                && std::isfinite(tt[1]) && std::abs(tt[0] - tt[1]) > kSeparated) {
                ++mSeparatedDepths;
                const double straight = std::abs(td[0] - tt[0]) + std::abs(td[1] - tt[1]);
                const double swapped = std::abs(td[0] - tt[1]) + std::abs(td[1] - tt[0]);
                if (swapped < straight)
                    ++mSwappedDepths;
            }
        }
    }
    return {};
}

double CurveEvaluation::medianError() const { return quantile(mErrors, 0.5); }
double CurveEvaluation::p95Error() const { return quantile(mErrors, 0.95); }

double CurveEvaluation::shareWithin(double fraction) const
{
    if (mErrors.empty())
        return 0.0;
    return double(std::count_if(mErrors.begin(), mErrors.end(), [fraction](double e) { return e <= fraction; }))
        / double(mErrors.size());
}

double CurveEvaluation::coverage() const { return mTruthSamples ? double(mCovered) / double(mTruthSamples) : 0.0; }
double CurveEvaluation::falseValueRate() const
{
    return mTruthNulls ? double(mFalseValues) / double(mTruthNulls) : 0.0;
}

double CurveEvaluation::swapRate() const { return mSeparatedDepths ? double(mSwappedDepths) / double(mSeparatedDepths) : 0.0; }

QJsonObject CurveEvaluation::toJson() const
{
    return {{QStringLiteral("samples_compared"), double(mErrors.size())},
            {QStringLiteral("median_error_fraction_of_track"), medianError()},
            {QStringLiteral("p95_error_fraction_of_track"), p95Error()},
            {QStringLiteral("share_within_2pct"), shareWithin(0.02)},
            {QStringLiteral("coverage"), coverage()},
            {QStringLiteral("swap_rate"), swapRate()},
            {QStringLiteral("null_truth_samples"), double(mTruthNulls)},
            {QStringLiteral("false_value_rate"), falseValueRate()},
            {QStringLiteral("separated_depths"), double(mSeparatedDepths)}};
}

} // namespace veer
