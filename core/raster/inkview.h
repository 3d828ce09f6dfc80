#pragma once

#include <opencv2/core/mat.hpp>

#include <array>
#include <cstdint>

namespace veer {

/**
 * The grey view the network sees of a colour sheet: per pixel the darkest of its three channels,
 * each first corrected for the paper's tint. Luminance turns a light-coloured ink (green, cyan,
 * yellow, orange, pink) into faint grey; the darkest channel keeps it as strong as the ink is
 * saturated, while neutral greys (and so every grey or 1-bit sheet) come out as their luminance.
 *
 * The tint correction scales each channel by paperLuma / paper[c] (bounded to 0.8-1.25), so cream
 * paper stays as light as its luminance and a neutral paper changes nothing.
 */
class InkView
{
public:
    /** For a neutral (white) paper: the darkest channel. */
    InkView() = default;
    /** For a paper of colour `rgb` (0-255 per channel, R, G, B). */
    explicit InkView(const std::array<double, 3> &rgb);

    /** Paper colour of an 8-bit 3-channel sample in R, G, B order: the per-channel median. */
    static std::array<double, 3> paperOf(const cv::Mat &rgb);

    uint8_t apply(float r, float g, float b) const
    {
        float v = std::min({r * mGain[0], g * mGain[1], b * mGain[2]});
        return uint8_t(v <= 0.0f ? 0.0f : (v >= 255.0f ? 255.0f : v + 0.5f));
    }

    /** CV_8UC1 of a CV_8UC3 image in B, G, R order (OpenCV's), using its own paper. */
    static cv::Mat fromBgr(const cv::Mat &bgr);
    /**
     * The network's grey of an 8-bit image as cv::imread(IMREAD_ANYCOLOR) gives it: grey as it is,
     * BGR (or BGRA, alpha dropped) through fromBgr(). Empty for anything else.
     */
    static cv::Mat fromImage(const cv::Mat &image);

    const std::array<float, 3> &gains() const { return mGain; }

private:
    std::array<float, 3> mGain{1.0f, 1.0f, 1.0f};
};

} // namespace veer
