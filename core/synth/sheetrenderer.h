#pragma once

#include <opencv2/core.hpp>

namespace veer {

struct SheetPlan;

/**
 * Draws the ideal (undamaged) sheet: header band, depth track, grids and curves, into a BGR image,
 * and the exact class map of the curve strokes into `labels` (CV_8UC1, 0/1/2). Curves are drawn
 * without anti-aliasing (cv::LINE_8, 1/8 px vertex precision) with the same calls on both images,
 * so a label is exactly the ink of its curve; the curve drawn last owns overlapping pixels.
 * Fills CurvePlan::arc.
 */
void renderSheet(SheetPlan &plan, cv::Mat &sheet, cv::Mat &labels);

} // namespace veer
