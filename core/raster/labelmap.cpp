#include "labelmap.h"

#include "rastersource.h"

#include <opencv2/core.hpp>

namespace veer {

Result<cv::Mat> readLabelMap(const QString &path)
{
    using R = Result<cv::Mat>;
    auto src = RasterSource::open(path);
    if (!src)
        return R::failure(src.error());
    if ((*src)->info().bands != 1 || (*src)->info().bitsPerSample > 8)
        return R::failure(QStringLiteral("%1: a label map must be one 8-bit band, not %2 band(s) of %3 bits")
                              .arg(path).arg((*src)->info().bands).arg((*src)->info().bitsPerSample));
    auto grey = (*src)->readGrey(QRect(0, 0, (*src)->width(), (*src)->height()));
    if (!grey)
        return R::failure(grey.error());
    const cv::Mat bad = (*grey > 2) & (*grey != 255);
    if (const int n = cv::countNonZero(bad); n > 0) {
        cv::Point where;
        cv::minMaxLoc(bad, nullptr, nullptr, nullptr, &where);
        return R::failure(QStringLiteral("%1: %2 pixel(s) hold values other than 0, 1, 2 (or 255); the first at x=%3, y=%4")
                              .arg(path).arg(n).arg(where.x).arg(where.y));
    }
    return grey;
}

cv::Mat encodeProbabilityImage(const cv::Mat &probabilities)
{
    if (probabilities.empty() || probabilities.type() != CV_8UC2)
        return {};
    cv::Mat planes[3];
    cv::split(probabilities, planes);
    planes[2] = cv::Mat::zeros(probabilities.size(), CV_8UC1);
    cv::Mat bgr;
    cv::merge(planes, 3, bgr);
    return bgr;
}

cv::Mat decodeProbabilityImage(const cv::Mat &bgr)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        return {};
    cv::Mat planes[3];
    cv::split(bgr, planes);
    cv::Mat probabilities;
    cv::merge(planes, 2, probabilities);
    return probabilities;
}

} // namespace veer
