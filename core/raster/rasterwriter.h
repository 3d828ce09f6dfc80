#pragma once

#include "base/result.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <functional>

namespace veer {

/**
 * Writes a one-band 8-bit TIFF through GDAL, strip by strip, so that sheets of any length are
 * written with bounded memory. `rows(y0, count)` returns the grey rows [y0, y0 + count).
 * With `bilevel`, pixels are thresholded at 128 and stored as 1-bit CCITT G4 (the archive format).
 */
Status writeGreyTiff(const QString &path, int width, int height,
                     const std::function<cv::Mat(int y0, int count)> &rows, bool bilevel);

/**
 * Writes `bgr` (CV_8UC3) as an 8-bit palette TIFF (LZW), the way colour logs with few colours are
 * often archived: one index per pixel into a table of the image's colours. Fails, naming the file,
 * when the image holds more than 256 colours.
 */
Status writePaletteTiff(const QString &path, const cv::Mat &bgr);

} // namespace veer
