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

/**
 * The centre of the printed line nearest `position` within `radius` px in `grey` (CV_8UC1, dark
 * ink on light paper): a vertical line (a track's border) when `vertical`, else a horizontal one
 * (a grid line). A line is a band of columns (rows) dark over at least `minShare` of the window's
 * length; the darkest within reach wins, ties to the nearer. `position` is in the window's
 * coordinates; it comes back unchanged when no line is in reach.
 */
double snapToLine(const cv::Mat &grey, double position, int radius, bool vertical, double minShare = 0.5);

} // namespace veer
