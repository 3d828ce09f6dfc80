#pragma once

#include <opencv2/core/mat.hpp>

namespace veer {

/**
 * The pixels of `ink` (CV_8UC1, 255 = ink) on long straight lines: runs of at least
 * `horizontalLength` px along a row or `verticalLength` px down a column, after gaps of up to
 * 2 * `bridge` px along the line are closed (broken and dotted grid lines). `horizontal`, when given,
 * receives the horizontal ones alone. Grid, track edges and tick rows of a scanned log.
 */
cv::Mat gridLines(const cv::Mat &ink, int horizontalLength, int verticalLength, int bridge,
                  cv::Mat *horizontal = nullptr);

} // namespace veer
