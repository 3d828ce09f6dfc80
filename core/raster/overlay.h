#pragma once

#include <opencv2/core/mat.hpp>

namespace veer {

/** Colours of the class layers (BGR): curve one red, curve two blue. */
struct OverlayStyle
{
    cv::Vec3b curveOne{30, 30, 230};
    cv::Vec3b curveTwo{230, 90, 20};
    double opacity = 0.85;     ///< of the curve layers
    bool dimSheet = true;      ///< fade the scan so the layers stand out
};

/**
 * The sheet (grey or BGR) with the label map's curve classes blended on top, as BGR; what the
 * docs and the CLI show for review. `labels` is CV_8UC1 0/1/2 of the same size.
 */
cv::Mat renderOverlay(const cv::Mat &sheet, const cv::Mat &labels, const OverlayStyle &style = {});

} // namespace veer
