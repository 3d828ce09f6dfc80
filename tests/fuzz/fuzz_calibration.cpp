// libFuzzer target: the veer-calibration/1 JSON (Calibration::fromJson) and what a parsed
// calibration is then used for (depth grid, row <-> depth). See docs/hardening.md.
#include "calibration/calibration.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

using veer::Calibration;

namespace {

void exercise(const Calibration &cal)
{
    // Bounded sheet heights: empty, one row, typical and the largest Veer opens in practice.
    for (const int height : {0, 1, 2, 6000, 60000, 1'000'000}) {
        const std::vector<double> grid = cal.depthGrid(height);
        volatile double sink = grid.empty() ? 0.0 : grid.front() + grid.back();
        (void)sink;
    }
    for (const double row : {-1.0, 0.0, 0.5, 1234.5, 1e6}) {
        const double depth = cal.depthAtRow(row);
        volatile double back = cal.rowAtDepth(depth);
        (void)back;
    }
    for (const veer::Track &track : cal.tracks) {
        for (const veer::CurveScale &curve : track.curves) {
            volatile double v = curve.valueAtFraction(0.25) + curve.fractionOfValue(curve.left)
                + curve.wrapValue(curve.right, 1);
            (void)v;
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const auto validation : {Calibration::Validation::Full, Calibration::Validation::SyntaxOnly}) {
        const auto cal = Calibration::fromJson(json, validation);
        if (!cal)
            continue;
        exercise(*cal);
        // What Veer saves it must read back unchanged.
        const auto again = Calibration::fromJson(cal->toJson(), validation);
        if (!again || !(*again == *cal))
            __builtin_trap();
    }
    return 0;
}
