#pragma once

#include <opencv2/core/mat.hpp>

namespace veer {

/**
 * 255 where `grey` (CV_8UC1, dark ink on light paper) is ink: darker than the paper by `contrast`
 * grey levels, the paper being the 90th percentile of `grey` (so a window that lies mostly on a
 * thick stroke still finds it, as long as a tenth of it is paper).
 */
cv::Mat inkPixels(const cv::Mat &grey, int contrast = 45);

/**
 * The ink strokes a label brush touches, for labelling by hand. `grey` is a window of the sheet and
 * `brush` (CV_8UC1, non-zero under the brush) a mask of the same size. Long straight lines (grid,
 * track edges: 120 px along a row, 200 px down a column, a pixel's step sideways allowed, with their
 * burrs within 3 px) are no strokes; every other ink pixel 8-connected to ink under the brush is
 * one. Where such a stroke crosses a line, the line pixels between its two sides (a run across the
 * line of at most `maxCrossing` px with stroke pixels at both ends) belong to it too. Returns 255
 * on those pixels.
 */
cv::Mat touchedStrokes(const cv::Mat &grey, const cv::Mat &brush, int contrast = 45, int maxCrossing = 12);

/**
 * The ink of thick strokes in `grey`: ink within 2 px of a `minWidth` x `minWidth` square that is
 * all ink, for labelling a heavy solid curve where a thinner one crosses or touches it. Lines are
 * left out: any ink running 120 px along a row, and thick ink running 600 px down a column (a
 * heavy curve pegged on a grid line for a while stays); where a thick stroke crosses one, the line
 * between its two sides is kept. Returns 255 there.
 */
cv::Mat thickInk(const cv::Mat &grey, int minWidth = 8, int contrast = 45);

} // namespace veer
