#include "curvesampler.h"

#include "calibration/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace veer {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/**
 * Net wrap count of a curve at image row `row`: wraps at or before it, signed. Only the sign of a
 * direction counts: a trace read from a project file may hold any int there, and the count must
 * neither overflow nor grow past the number of wraps (the caller loops over it).
 */
int wrapCountAt(const CurveTrace &curve, int row)
{
    int k = 0;
    for (const WrapEvent &w : curve.wraps) {
        if (w.row > row)
            break;
        k += (w.direction > 0) - (w.direction < 0);
    }
    return k;
}

} // namespace

double CurveSampler::valueAtRow(const CurveTrace &curve, int firstRow, const Track &track,
                                const CurveScale &scale, double row, float *confidence)
{
    if (confidence)
        *confidence = 0.0f;
    const int rows = int(curve.column.size());
    const double local = row - double(firstRow);
    if (!std::isfinite(local) || local < -1e-6 || local > double(rows - 1) + 1e-6)
        return kNaN;
    const int r0 = std::clamp(int(std::floor(local + 1e-6)), 0, std::max(0, rows - 1));
    const double f = std::clamp(local - double(r0), 0.0, 1.0);
    const bool single = f < 1e-6 || r0 + 1 >= rows;
    const int r1 = single ? r0 : r0 + 1;
    const double c0 = curve.column[size_t(r0)];
    const double c1 = curve.column[size_t(r1)];
    if (std::isnan(c0) || std::isnan(c1))
        return kNaN;

    // Interpolate unwrapped columns, then express the result relative to the nearer row's wrap:
    // the value is the scale's at the ink's column plus k scale spans. A scale without a backup
    // never wraps, whatever a trace (say, one read from an older project) holds.
    const double width = track.width();
    const int k0 = scale.wrap ? wrapCountAt(curve, firstRow + r0) : 0;
    const int k1 = scale.wrap ? wrapCountAt(curve, firstRow + r1) : 0;
    const double u = (1.0 - f) * (c0 + k0 * width) + f * (c1 + k1 * width);
    const int k = f <= 0.5 ? k0 : k1;
    const double t = track.fractionOfColumn(u - k * width);
    double value = scale.valueAtFraction(t);
    for (int i = 0; i < std::abs(k); ++i)
        value = scale.wrapValue(value, k > 0 ? 1 : -1);
    if (!std::isfinite(value))
        return kNaN;
    if (confidence) {
        const size_t n = curve.confidence.size();
        const float q0 = size_t(r0) < n ? curve.confidence[size_t(r0)] : 0.0f;
        const float q1 = size_t(r1) < n ? curve.confidence[size_t(r1)] : 0.0f;
        *confidence = std::clamp(float((1.0 - f) * q0 + f * q1), 0.0f, 1.0f);
    }
    return value;
}

Result<SampledLog> CurveSampler::sample(const TraceResult &trace, const Calibration &calibration,
                                        int imageHeight)
{
    if (trace.tracks.size() != calibration.tracks.size())
        return Result<SampledLog>::failure(
            QStringLiteral("The trace has %1 tracks but the calibration %2")
                .arg(trace.tracks.size())
                .arg(calibration.tracks.size()));
    SampledLog out;
    LasDocument &las = out.las;
    las.depthUnit = calibration.depthUnit;
    las.depths = calibration.depthGrid(imageHeight);
    if (las.depths.empty())
        return Result<SampledLog>::failure(QStringLiteral("The calibration gives an empty depth grid"));

    std::vector<double> rows(las.depths.size());
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = calibration.rowAtDepth(las.depths[i]);

    for (size_t t = 0; t < calibration.tracks.size(); ++t) {
        const Track &track = calibration.tracks[t];
        const TrackTrace &traced = trace.tracks[t];
        if (traced.curves.size() != track.curves.size())
            return Result<SampledLog>::failure(
                QStringLiteral("Track %1: %2 traced curves for %3 calibrated ones")
                    .arg(t + 1)
                    .arg(traced.curves.size())
                    .arg(track.curves.size()));
        for (size_t c = 0; c < track.curves.size(); ++c) {
            const CurveScale &scale = track.curves[c];
            const CurveTrace &curve = traced.curves[c];
            LasCurve lc;
            lc.mnemonic = scale.mnemonic;
            lc.unit = scale.unit;
            lc.description = QStringLiteral("Track %1, curve %2 (traced)").arg(t + 1).arg(scale.classId);
            lc.values.resize(las.depths.size(), las.nullValue);
            std::vector<float> conf(las.depths.size(), 0.0f);
            for (size_t i = 0; i < rows.size(); ++i) {
                const double v = valueAtRow(curve, trace.firstRow, track, scale, rows[i], &conf[i]);
                if (!std::isnan(v))
                    lc.values[i] = v;
            }
            for (const WrapEvent &w : scale.wrap ? curve.wraps : std::vector<WrapEvent>{})
                out.wraps.push_back({scale.mnemonic, calibration.depthAtRow(w.row), w.direction});
            las.curves.push_back(std::move(lc));
            out.confidence.push_back(std::move(conf));
        }
    }
    return out;
}

} // namespace veer
