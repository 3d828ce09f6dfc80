#include "gridlines.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace veer {

namespace {

cv::Mat linesAlong(const cv::Mat &ink, int length, int bridge, bool horizontal)
{
    const cv::Size along = horizontal ? cv::Size(length, 1) : cv::Size(1, length);
    const cv::Size gap = horizontal ? cv::Size(2 * bridge + 1, 1) : cv::Size(1, 2 * bridge + 1);
    cv::Mat closed, lines;
    cv::morphologyEx(ink, closed, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, gap));
    cv::morphologyEx(closed, lines, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, along));
    return lines & ink;
}

} // namespace

cv::Mat gridLines(const cv::Mat &ink, int horizontalLength, int verticalLength, int bridge, cv::Mat *horizontal)
{
    const cv::Mat h = linesAlong(ink, horizontalLength, bridge, true);
    const cv::Mat v = linesAlong(ink, verticalLength, bridge, false);
    if (horizontal)
        *horizontal = h;
    return h | v;
}

double snapToLine(const cv::Mat &grey, double position, int radius, bool vertical, double minShare)
{
    if (grey.empty() || grey.type() != CV_8UC1 || radius < 0)
        return position;
    const int count = vertical ? grey.cols : grey.rows;
    const int length = vertical ? grey.rows : grey.cols;
    if (count <= 0 || length <= 0 || !std::isfinite(position))
        return position;
    // Ink share per column (row): pixels darker than the paper's mid-grey.
    std::vector<double> share(size_t(count), 0.0);
    for (int r = 0; r < grey.rows; ++r) {
        const uint8_t *p = grey.ptr<uint8_t>(r);
        for (int c = 0; c < grey.cols; ++c)
            if (p[c] < 128)
                share[size_t(vertical ? c : r)] += 1.0;
    }
    for (double &s : share)
        s /= length;
    const int centre = int(std::lround(position));
    int best = -1;
    for (int i = std::max(0, centre - radius); i <= std::min(count - 1, centre + radius); ++i) {
        if (share[size_t(i)] < minShare)
            continue;
        if (best < 0 || share[size_t(i)] > share[size_t(best)] + 1e-9
            || (std::abs(share[size_t(i)] - share[size_t(best)]) <= 1e-9 && std::abs(i - centre) < std::abs(best - centre)))
            best = i;
    }
    if (best < 0)
        return position;
    // The line's centre: the mean of the neighbouring columns (rows) that are line too.
    int lo = best;
    int hi = best;
    while (lo > 0 && share[size_t(lo - 1)] >= minShare)
        --lo;
    while (hi + 1 < count && share[size_t(hi + 1)] >= minShare)
        ++hi;
    return 0.5 * (lo + hi);
}

} // namespace veer
