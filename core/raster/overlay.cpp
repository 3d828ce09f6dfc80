#include "overlay.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace veer {

cv::Mat renderOverlay(const cv::Mat &sheet, const cv::Mat &labels, const OverlayStyle &style)
{
    CV_Assert(sheet.size() == labels.size() && labels.type() == CV_8UC1);
    cv::Mat out;
    if (sheet.channels() == 1)
        cv::cvtColor(sheet, out, cv::COLOR_GRAY2BGR);
    else
        out = sheet.clone();
    if (style.dimSheet)
        out.convertTo(out, CV_8UC3, 0.45, 255 * 0.55);
    const double a = style.opacity;
    for (int y = 0; y < out.rows; ++y) {
        const uint8_t *l = labels.ptr<uint8_t>(y);
        cv::Vec3b *o = out.ptr<cv::Vec3b>(y);
        for (int x = 0; x < out.cols; ++x) {
            if (l[x] == 0)
                continue;
            const cv::Vec3b &c = l[x] == 1 ? style.curveOne : style.curveTwo;
            for (int k = 0; k < 3; ++k)
                o[x][k] = cv::saturate_cast<uint8_t>(a * c[k] + (1 - a) * o[x][k]);
        }
    }
    return out;
}

} // namespace veer
