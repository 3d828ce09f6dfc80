#include "depthticks.h"

#include <algorithm>
#include <cmath>

namespace veer {

double depthTickStep(double unitsPerPixel, double minPixels)
{
    const double raw = std::abs(unitsPerPixel) * minPixels;
    if (!(raw > 0.0) || !std::isfinite(raw))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10.0 * magnitude;
}

DepthTicks depthTicks(double v0, double v1, double unitsPerPixel, double minPixels, int maxTicks)
{
    DepthTicks out;
    out.step = depthTickStep(unitsPerPixel, minPixels);
    out.decimals = out.step >= 1.0 ? 0 : int(std::ceil(-std::log10(out.step)));
    if (!std::isfinite(v0) || !std::isfinite(v1) || maxTicks <= 0)
        return out;
    const double minor = out.step / 5.0;
    const double lo = std::min(v0, v1);
    const double hi = std::max(v0, v1);
    const double first = std::floor(lo / minor) * minor;
    // Counted in double and bounded before any conversion, so no range gives a runaway loop.
    const double count = std::min(double(maxTicks - 1), std::floor((hi + minor - first) / minor));
    if (!(count >= 0.0))
        return out;
    out.ticks.reserve(size_t(count) + 1);
    for (int i = 0; i <= int(count); ++i) {
        const double v = first + i * minor;
        out.ticks.push_back({v, std::abs(std::remainder(v, out.step)) < minor * 0.01});
    }
    return out;
}

} // namespace veer
