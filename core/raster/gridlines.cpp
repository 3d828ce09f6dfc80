#include "gridlines.h"

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

} // namespace veer
