#include "inkview.h"

#include <opencv2/core.hpp>

#include <algorithm>

namespace veer {

InkView::InkView(const std::array<double, 3> &rgb)
{
    const double luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    for (int c = 0; c < 3; ++c)
        mGain[size_t(c)] = float(std::clamp(rgb[size_t(c)] > 0.0 ? luma / rgb[size_t(c)] : 1.0, 0.8, 1.25));
}

std::array<double, 3> InkView::paperOf(const cv::Mat &rgb)
{
    std::array<double, 3> out{255.0, 255.0, 255.0};
    if (rgb.empty() || rgb.type() != CV_8UC3)
        return out;
    for (int c = 0; c < 3; ++c) {
        std::array<int64_t, 256> hist{};
        int64_t n = 0;
        for (int y = 0; y < rgb.rows; ++y) {
            const uint8_t *p = rgb.ptr<uint8_t>(y);
            for (int x = 0; x < rgb.cols; ++x, ++n)
                ++hist[p[3 * x + c]];
        }
        int64_t seen = 0;
        for (int v = 0; v < 256; ++v) {
            seen += hist[size_t(v)];
            if (2 * seen >= n) {
                out[size_t(c)] = v;
                break;
            }
        }
    }
    return out;
}

cv::Mat InkView::fromBgr(const cv::Mat &bgr)
{
    CV_Assert(bgr.type() == CV_8UC3);
    std::array<double, 3> paper = paperOf(bgr);
    std::swap(paper[0], paper[2]);
    const InkView view(paper);
    cv::Mat out(bgr.size(), CV_8UC1);
    for (int y = 0; y < bgr.rows; ++y) {
        const uint8_t *p = bgr.ptr<uint8_t>(y);
        uint8_t *o = out.ptr<uint8_t>(y);
        for (int x = 0; x < bgr.cols; ++x)
            o[x] = view.apply(p[3 * x + 2], p[3 * x + 1], p[3 * x]);
    }
    return out;
}

cv::Mat InkView::fromImage(const cv::Mat &image)
{
    if (image.type() == CV_8UC1)
        return image;
    if (image.type() == CV_8UC3)
        return fromBgr(image);
    if (image.type() == CV_8UC4) {
        cv::Mat bgr(image.size(), CV_8UC3);
        const int fromTo[] = {0, 0, 1, 1, 2, 2};
        cv::mixChannels(&image, 1, &bgr, 1, fromTo, 3);
        return fromBgr(bgr);
    }
    return {};
}

} // namespace veer
