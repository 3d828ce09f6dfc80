#include "segmetrics.h"

#include <opencv2/imgproc.hpp>

namespace veer {

void SegMetrics::add(const cv::Mat &predicted, const cv::Mat &truth)
{
    CV_Assert(predicted.size() == truth.size() && predicted.type() == CV_8UC1 && truth.type() == CV_8UC1);
    const cv::Mat valid = truth != 255;
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * mTolerance + 1, 2 * mTolerance + 1));
    for (int c = 0; c < 3; ++c) {
        const cv::Mat p = (predicted == c) & valid;
        const cv::Mat t = truth == c;
        const double tp = cv::countNonZero(p & t);
        const double np = cv::countNonZero(p);
        const double nt = cv::countNonZero(t);
        mTp[size_t(c)] += tp;
        mFp[size_t(c)] += np - tp;
        mFn[size_t(c)] += nt - tp;
        if (c == 0) {
            mTolTpP[0] += tp; mTolPred[0] += np; mTolTpR[0] += tp; mTolTrue[0] += nt;
            continue;
        }
        cv::Mat tDil, pDil;
        cv::dilate(t, tDil, kernel);
        cv::dilate(p, pDil, kernel);
        mTolTpP[size_t(c)] += cv::countNonZero(p & tDil);
        mTolPred[size_t(c)] += np;
        mTolTpR[size_t(c)] += cv::countNonZero(t & pDil);
        mTolTrue[size_t(c)] += nt;
    }
}

double SegMetrics::precision(int c) const
{
    const double d = mTp[size_t(c)] + mFp[size_t(c)];
    return d > 0 ? mTp[size_t(c)] / d : 0.0;
}

double SegMetrics::recall(int c) const
{
    const double d = mTp[size_t(c)] + mFn[size_t(c)];
    return d > 0 ? mTp[size_t(c)] / d : 0.0;
}

double SegMetrics::f1(int c) const
{
    const double d = 2 * mTp[size_t(c)] + mFp[size_t(c)] + mFn[size_t(c)];
    return d > 0 ? 2 * mTp[size_t(c)] / d : 0.0;
}

double SegMetrics::iou(int c) const
{
    const double d = mTp[size_t(c)] + mFp[size_t(c)] + mFn[size_t(c)];
    return d > 0 ? mTp[size_t(c)] / d : 0.0;
}

double SegMetrics::f1Tolerant(int c) const
{
    const double p = mTolPred[size_t(c)] > 0 ? mTolTpP[size_t(c)] / mTolPred[size_t(c)] : 0.0;
    const double r = mTolTrue[size_t(c)] > 0 ? mTolTpR[size_t(c)] / mTolTrue[size_t(c)] : 0.0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

QJsonObject SegMetrics::toJson() const
{
    QJsonObject o;
    const char *names[] = {"background", "curve_one", "curve_two"};
    for (int c = 0; c < 3; ++c) {
        o.insert(QString::fromLatin1(names[c]),
                 QJsonObject{{QStringLiteral("f1_strict"), f1(c)},
                             {QStringLiteral("iou_strict"), iou(c)},
                             {QStringLiteral("precision_strict"), precision(c)},
                             {QStringLiteral("recall_strict"), recall(c)},
                             {QStringLiteral("f1_tolerant_%1px").arg(mTolerance), f1Tolerant(c)}});
    }
    return o;
}

} // namespace veer
