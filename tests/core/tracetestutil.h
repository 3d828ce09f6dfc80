#pragma once

// Hand-made label and probability maps shared by the tracer and sampler tests.

#include "calibration/calibration.h"

#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <functional>
#include <vector>

namespace veer::test {

using Expected = std::function<double(int row)>;

inline CurveScale makeScale(int classId, const QString &mnemonic, ScaleType type = ScaleType::Linear,
                     double left = 0.0, double right = 100.0, bool wrap = false)
{
    CurveScale s;
    s.classId = classId;
    s.mnemonic = mnemonic;
    s.unit = QStringLiteral("U");
    s.type = type;
    s.left = left;
    s.right = right;
    s.wrap = wrap;
    return s;
}

inline Track makeTrack(double left, double right, bool wrap = false)
{
    Track t;
    t.left = left;
    t.right = right;
    t.curves = {makeScale(1, QStringLiteral("ONE"), ScaleType::Linear, 0.0, 100.0, wrap),
                makeScale(2, QStringLiteral("TWO"), ScaleType::Linear, 0.0, 100.0, wrap)};
    return t;
}

/** Empty when every row in [r0, r1) of `col` is within `tol` of `expected`, else the first miss. */
inline QString checkColumn(const std::vector<float> &col, const Expected &expected, int r0, int r1,
                    double tol, const char *what)
{
    for (int r = std::max(0, r0); r < std::min(int(col.size()), r1); ++r) {
        const double e = expected(r);
        if (std::isnan(col[size_t(r)]) || std::abs(col[size_t(r)] - e) > tol)
            return QStringLiteral("%1: row %2 column %3, expected %4 +- %5; ")
                .arg(QLatin1String(what)).arg(r).arg(double(col[size_t(r)])).arg(e).arg(tol);
    }
    return {};
}

/** Probabilities from two separately drawn masks (255 on the stroke), softened at the edges. */
inline cv::Mat makeProbabilities(const cv::Mat &mask1, const cv::Mat &mask2)
{
    cv::Mat p1;
    cv::Mat p2;
    cv::GaussianBlur(mask1, p1, cv::Size(3, 3), 0.6, 0.6, cv::BORDER_REPLICATE);
    cv::GaussianBlur(mask2, p2, cv::Size(3, 3), 0.6, 0.6, cv::BORDER_REPLICATE);
    cv::Mat prob;
    cv::merge(std::vector<cv::Mat>{p1, p2}, prob);
    return prob;
}

/** Labels as a network would give them: curve two wins where both are likely. */
inline cv::Mat labelsFromProbabilities(const cv::Mat &prob)
{
    std::vector<cv::Mat> ch;
    cv::split(prob, ch);
    cv::Mat labels(prob.size(), CV_8UC1, cv::Scalar(0));
    labels.setTo(1, ch[0] >= 128);
    labels.setTo(2, ch[1] >= 128);
    return labels;
}

/** Faint horizontal and vertical grid lines in the probabilities, never labelled a curve. */
inline void addGrid(cv::Mat &prob)
{
    for (int y = 0; y < prob.rows; ++y) {
        for (int x = 0; x < prob.cols; ++x) {
            cv::Vec2b &p = prob.at<cv::Vec2b>(y, x);
            if ((y % 40 == 0 && p[0] == 0 && p[1] == 0) || x % 50 == 30) {
                p[0] = std::max<uint8_t>(p[0], 90);
                p[1] = std::max<uint8_t>(p[1], 90);
            }
        }
    }
}

inline Calibration makeCalibration(const std::vector<Track> &tracks, double metresPerRow = 0.1,
                            double step = 0.1)
{
    Calibration cal;
    cal.ties = {{0.0, 1000.0}, {1000.0, 1000.0 + 1000.0 * metresPerRow}};
    cal.step = step;
    cal.tracks = tracks;
    return cal;
}

} // namespace veer::test
