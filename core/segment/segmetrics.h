#pragma once

#include <QJsonObject>

#include <opencv2/core/mat.hpp>

#include <array>

namespace veer {

/**
 * Per-class pixel agreement between predicted and true label maps, accumulated over many images.
 * Strict counts are pixel-exact; tolerant counts accept a match within `tolerance` pixels
 * (precision: a predicted pixel near a true pixel of its class; recall: the converse).
 * Pixels labelled 255 in the truth are ignored.
 */
class SegMetrics
{
public:
    explicit SegMetrics(int tolerance = 1) : mTolerance(tolerance) {}

    void add(const cv::Mat &predicted, const cv::Mat &truth);

    double f1(int cls) const;
    double iou(int cls) const;
    double f1Tolerant(int cls) const;
    double precision(int cls) const;
    double recall(int cls) const;

    QJsonObject toJson() const;

private:
    int mTolerance;
    std::array<double, 3> mTp{}, mFp{}, mFn{};
    std::array<double, 3> mTolTpP{}, mTolPred{}, mTolTpR{}, mTolTrue{};
};

} // namespace veer
