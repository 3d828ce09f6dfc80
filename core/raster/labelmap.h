#pragma once

#include "base/result.h"

#include <QString>

#include <opencv2/core/mat.hpp>

namespace veer {

/**
 * Reads a label map (8-bit PNG/TIFF: 0 background, 1 curve one, 2 curve two, optionally 255 for
 * "not reviewed") through GDAL. Any other value is an error that names the file.
 */
Result<cv::Mat> readLabelMap(const QString &path);

} // namespace veer
