#include "inkstrokes.h"

#include <opencv2/imgproc.hpp>

#include <vector>

namespace veer {

namespace {

int paperLevel(const cv::Mat &grey)
{
    int histogram[256] = {};
    for (int y = 0; y < grey.rows; ++y) {
        const uchar *row = grey.ptr<uchar>(y);
        for (int x = 0; x < grey.cols; ++x)
            ++histogram[row[x]];
    }
    const long long target = (long long)grey.total() * 9 / 10;
    long long seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += histogram[v];
        if (seen >= target)
            return v;
    }
    return 255;
}

/**
 * Sets `bridges` on runs of `lines` pixels along one direction (down columns when `vertical`) of at
 * most `maxRun` px with `strokes` pixels just past both ends: a stroke crossing a line.
 */
void bridgeCrossings(const cv::Mat &lines, const cv::Mat &strokes, cv::Mat &bridges, int maxRun, bool vertical)
{
    const int outer = vertical ? lines.cols : lines.rows;
    const int inner = vertical ? lines.rows : lines.cols;
    const auto at = [vertical](auto &m, int o, int i) -> decltype(auto) {
        return vertical ? m.template at<uchar>(i, o) : m.template at<uchar>(o, i);
    };
    for (int o = 0; o < outer; ++o) {
        int i = 0;
        while (i < inner) {
            if (!at(lines, o, i)) {
                ++i;
                continue;
            }
            const int start = i;
            while (i < inner && at(lines, o, i))
                ++i;
            if (i - start <= maxRun && start > 0 && i < inner && at(strokes, o, start - 1) && at(strokes, o, i)) {
                for (int k = start; k < i; ++k)
                    at(bridges, o, k) = 255;
            }
        }
    }
}

/**
 * Ink on long straight lines, for telling strokes from grid: runs of `length` px along rows
 * (`horizontal`) or columns after gaps of up to 6 px are closed, on the ink widened by `sideways`
 * px across the line so a skewed scan's line that steps sideways stays one line; then the burrs
 * within 3 px of such a line.
 */
cv::Mat longLines(const cv::Mat &ink, int length, bool horizontal, int sideways = 1)
{
    const auto rect = [](int w, int h) { return cv::getStructuringElement(cv::MORPH_RECT, cv::Size(w, h)); };
    cv::Mat wide, closed, lines;
    const int across = 2 * sideways + 1;
    cv::dilate(ink, wide, horizontal ? rect(1, across) : rect(across, 1));
    cv::morphologyEx(wide, closed, cv::MORPH_CLOSE, horizontal ? rect(13, 1) : rect(1, 13));
    cv::morphologyEx(closed, lines, cv::MORPH_OPEN, horizontal ? rect(length, 1) : rect(1, length));
    cv::dilate(lines, lines, horizontal ? rect(1, 5) : rect(5, 1));
    return lines & ink;
}

} // namespace

cv::Mat inkPixels(const cv::Mat &grey, int contrast)
{
    CV_Assert(grey.type() == CV_8UC1);
    return grey < (paperLevel(grey) - contrast);
}

cv::Mat touchedStrokes(const cv::Mat &grey, const cv::Mat &brush, int contrast, int maxCrossing)
{
    CV_Assert(grey.type() == CV_8UC1 && brush.type() == CV_8UC1 && grey.size() == brush.size());
    const cv::Mat ink = inkPixels(grey, contrast);
    const cv::Mat lines = longLines(ink, 120, true) | longLines(ink, 200, false);
    // A stroke crossing a line stays one stroke: the line pixels between its two sides join it.
    const cv::Mat off = ink & ~lines;
    cv::Mat bridges = cv::Mat::zeros(grey.size(), CV_8UC1);
    bridgeCrossings(lines, off, bridges, maxCrossing, true);
    bridgeCrossings(lines, off, bridges, maxCrossing, false);
    const cv::Mat strokeInk = off | bridges;
    cv::Mat components;
    const int count = cv::connectedComponents(strokeInk, components, 8, CV_32S);
    std::vector<uchar> touched(size_t(count), 0);
    for (int y = 0; y < grey.rows; ++y) {
        const int *c = components.ptr<int>(y);
        const uchar *b = brush.ptr<uchar>(y);
        for (int x = 0; x < grey.cols; ++x) {
            if (b[x] && c[x] > 0)
                touched[size_t(c[x])] = 1;
        }
    }
    cv::Mat strokes = cv::Mat::zeros(grey.size(), CV_8UC1);
    for (int y = 0; y < grey.rows; ++y) {
        const int *c = components.ptr<int>(y);
        uchar *s = strokes.ptr<uchar>(y);
        for (int x = 0; x < grey.cols; ++x) {
            if (c[x] > 0 && touched[size_t(c[x])])
                s[x] = 255;
        }
    }
    return strokes;
}

cv::Mat thickInk(const cv::Mat &grey, int minWidth, int contrast)
{
    CV_Assert(grey.type() == CV_8UC1);
    const cv::Mat ink = inkPixels(grey, contrast);
    cv::Mat core;
    cv::morphologyEx(ink, core, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(minWidth, minWidth)));
    core &= ink;  // an even-sized square's anchor can shift the opening by a pixel
    // No curve runs 120 px along a row, but a pegged one may run down a grid line for hundreds of
    // rows: horizontal lines are any long ink, vertical ones only thick ink straight (within 2 px
    // either way) for 600 px.
    const cv::Mat lines = longLines(ink, 120, true) | longLines(core, 600, false, 2);
    const cv::Mat off = core & ~lines;
    cv::Mat bridges = cv::Mat::zeros(grey.size(), CV_8UC1);
    bridgeCrossings(lines, off, bridges, 24, true);
    bridgeCrossings(lines, off, bridges, 24, false);
    cv::Mat near;
    cv::dilate(off | bridges, near, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
    return near & ink & ~(lines & ~bridges);
}

} // namespace veer
