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

/**
 * The probability image, in the one layout every writer uses (project folders, `veer-cli
 * segment --probabilities`, the evaluation cache): an 8-bit colour image (OpenCV's B, G, R order)
 * with B = P(curve one) x 255, G = P(curve two) x 255 and R = 0. `probabilities` is CV_8UC2
 * (P1, P2); anything else gives an empty image.
 */
cv::Mat encodeProbabilityImage(const cv::Mat &probabilities);

/** The inverse of encodeProbabilityImage: CV_8UC3 to CV_8UC2 (P1, P2); empty for any other type. */
cv::Mat decodeProbabilityImage(const cv::Mat &bgr);

} // namespace veer
