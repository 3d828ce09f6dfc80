#pragma once

#include <vector>

namespace veer {

/** One tick of a depth scale: a round depth, major ones labelled. */
struct DepthTick
{
    double value = 0.0;
    bool major = false;
};

/** The ticks over a depth range and how to label them. */
struct DepthTicks
{
    double step = 1.0;   ///< between major ticks; five minor ticks to a step
    int decimals = 0;    ///< decimals a major tick's label needs
    std::vector<DepthTick> ticks;  ///< ascending values
};

/**
 * The round step (1, 2 or 5 times a power of ten) that keeps labelled ticks at least `minPixels`
 * apart at `unitsPerPixel`; 1 when the scale is not finite.
 */
double depthTickStep(double unitsPerPixel, double minPixels);

/**
 * The ticks over [min(v0, v1), max(v0, v1)], one beyond each end, at most `maxTicks` of them.
 * Empty when the range or the scale is not finite (a calibration still being made, such as two
 * ties on one row): every caller may loop over the result without a guard of its own.
 */
DepthTicks depthTicks(double v0, double v1, double unitsPerPixel, double minPixels, int maxTicks = 4000);

} // namespace veer
