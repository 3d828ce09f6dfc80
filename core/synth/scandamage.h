#pragma once

#include <QJsonObject>

#include <opencv2/core.hpp>

#include <vector>

namespace veer {

class SynthRandom;
struct SheetPlan;
struct SynthOptions;

/**
 * Geometric distortion shared by sheet and labels: output row r shows ideal row idealRow(r)
 * (piecewise linear through the knots) shifted right by shear * (r - shearCentre) pixels.
 */
struct GeometryWarp
{
    std::vector<double> outRows;     ///< knot rows in the output image, increasing
    std::vector<double> idealRows;   ///< the ideal rows they show
    double shear = 0.0;
    double shearCentre = 0.0;

    bool isIdentity() const { return outRows.empty() && shear == 0.0; }
    double idealRow(double outRow) const;
    double outRow(double idealRow) const;
    double shiftAt(double outRow) const { return shear * (outRow - shearCentre); }
    /** Largest |column shift| over rows [0, height). */
    double maxShift(int height) const;
};

/**
 * Turns the ideal rendering into what a scanner gives: paper tint, faded ink, stains, folds,
 * banding, specks, bleed-through, geometry, blur, noise, gray or 1-bit output and JPEG blocks, each
 * with the probability in options.damage. Only the geometry touches `labels` (nearest neighbour).
 * Records what it did in `facts`. `sheet` may come back CV_8UC1 (binarised).
 */
void applyScanDamage(const SheetPlan &plan, const SynthOptions &options, cv::Mat &sheet, cv::Mat &labels,
                     SynthRandom &rng, GeometryWarp &warp, QJsonObject &facts);

/** Fast deterministic Gaussian-like pixel noise (sigma in grey levels) seeded by `seed`. */
void addPixelNoise(cv::Mat &image, double sigma, std::uint64_t seed);

} // namespace veer
