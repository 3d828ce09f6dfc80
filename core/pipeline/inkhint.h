#pragma once

#include "base/result.h"

#include <QRect>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <array>
#include <vector>

namespace veer {

class Calibration;
class RasterSource;

/**
 * How far the ink of a pixel is from a hinted ink colour, in hue: the pixel's departure from the
 * paper and the hint's, each stripped of its neutral (grey) part and scaled by its length, compared.
 * 0 = the same hue (or both neutral), about 0.3 and more = another ink. Negative when the pixel is
 * too close to the paper to tell. Colours are R, G, B in 0-255.
 */
double inkHueDistance(const std::array<double, 3> &pixel, const std::array<double, 3> &hint,
                      const std::array<double, 3> &paper);

/**
 * Applies the calibration's ink hints (CurveScale::ink) to a segmentation of a colour sheet: in each
 * track, a pixel the network gives to a hinted class but whose ink is of another hue (inkHueDistance
 * above 0.15, fully at 0.3) loses most of that class's probability, and its label is taken again
 * from the probabilities. Curves without a hint, and grey or 1-bit sheets, are left as they are.
 * `labels` CV_8UC1 and `probabilities` CV_8UC2 (P1, P2 x 255) cover the whole sheet. Returns the
 * number of labels changed.
 */
Result<long long> applyInkHints(const RasterSource &sheet, const Calibration &calibration, cv::Mat &labels,
                                cv::Mat &probabilities);

/** Whether any curve of `calibration` names its ink (what applyInkHints acts on). */
bool hasInkHints(const Calibration &calibration);

/** One ink found on a sheet: its colour ("#rrggbb") and its share of the ink pixels sampled. */
struct SheetInk
{
    QString colour;
    double share = 0.0;
};

/**
 * The inks of a region of a colour sheet, most used first (at most `maxInks`), for the ink hint's
 * picker: up to 8 windows of 512 rows spread down `region` are read, pixels well away from the paper
 * are clustered by colour (k-means), and clusters of nearly one hue and darkness are merged. Grid
 * ink is an ink too; the user chooses. Empty on a grey or 1-bit sheet.
 */
Result<std::vector<SheetInk>> sheetInks(const RasterSource &sheet, const QRect &region, int maxInks = 5);

} // namespace veer
