#include "gridink.h"

#include "raster/gridlines.h"
#include "raster/polarity.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace veer {

void GridInkStats::add(const GridInkStats &o)
{
    linePixels += o.linePixels;
    calledCurve += o.calledCurve;
    horizontalPixels += o.horizontalPixels;
    horizontalCurve += o.horizontalCurve;
    crossingPixels += o.crossingPixels;
}

QJsonObject GridInkStats::toJson() const
{
    const auto r = [](double v) { return std::round(v * 10000.0) / 10000.0; };
    return {{QStringLiteral("gridInkCalledCurve"), r(share())},
            {QStringLiteral("horizontalCalledCurve"), r(horizontalShare())},
            {QStringLiteral("linePixels"), qint64(linePixels)},
            {QStringLiteral("calledCurvePixels"), qint64(calledCurve)},
            {QStringLiteral("crossingPixels"), qint64(crossingPixels)}};
}


GridInkStats measureGridInk(const cv::Mat &grey, const cv::Mat &labels, const GridInkOptions &options,
                            cv::Mat *lineMask)
{
    GridInkStats stats;
    CV_Assert(grey.type() == CV_8UC1 && labels.type() == CV_8UC1 && grey.size() == labels.size());
    const int threshold = std::max(1, medianGrey(grey) - options.inkBelowPaper);
    const cv::Mat ink = grey < threshold;
    cv::Mat horizontal;
    const cv::Mat lines = gridLines(ink, options.horizontalLength, options.verticalLength, options.bridge, &horizontal);

    // A line pixel is a crossing when ink of its own class lies off the line nearby: the curve goes
    // on across (or away from) the line there. Burrs of a ragged line, within lineZone px of it,
    // are the line's own and make no crossing.
    const cv::Mat zone = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * options.lineZone + 1, 2 * options.lineZone + 1));
    cv::Mat lineZone;
    cv::dilate(lines, lineZone, zone);
    const int k = 2 * (options.crossingReach + options.lineZone) + 1;
    const cv::Mat near = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k));
    cv::Mat crossing = cv::Mat::zeros(grey.size(), CV_8UC1);
    for (int c = 1; c <= 2; ++c) {
        const cv::Mat offLine = (labels == c) & ink & ~lineZone;
        cv::Mat reach;
        cv::dilate(offLine, reach, near);
        crossing |= reach & (labels == c) & lines;
    }
    const cv::Mat counted = lines & ~crossing;
    const cv::Mat curve = labels == 1 | labels == 2;
    const cv::Mat countedH = horizontal & ~crossing;
    stats.linePixels = cv::countNonZero(counted);
    stats.calledCurve = cv::countNonZero(counted & curve);
    stats.horizontalPixels = cv::countNonZero(countedH);
    stats.horizontalCurve = cv::countNonZero(countedH & curve);
    stats.crossingPixels = cv::countNonZero(crossing & lines);
    if (lineMask)
        *lineMask = counted;
    return stats;
}

} // namespace veer
