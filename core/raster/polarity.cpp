#include "polarity.h"

#include "rastersource.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <array>

namespace veer {

namespace {

void addToHistogram(const cv::Mat &grey, std::array<qint64, 256> &hist)
{
    for (int y = 0; y < grey.rows; ++y) {
        const uchar *row = grey.ptr<uchar>(y);
        for (int x = 0; x < grey.cols; ++x)
            ++hist[row[x]];
    }
}

int histogramMedian(const std::array<qint64, 256> &hist)
{
    qint64 total = 0;
    for (qint64 n : hist)
        total += n;
    if (total == 0)
        return 255;
    qint64 seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += hist[v];
        if (2 * seen >= total)
            return v;
    }
    return 255;
}

Polarity fromPaperLevel(int median)
{
    return median < kNegativePaperLevel ? Polarity::Negative : Polarity::Positive;
}

} // namespace

int medianGrey(const cv::Mat &grey)
{
    if (grey.empty() || grey.type() != CV_8UC1)
        return 255;
    std::array<qint64, 256> hist{};
    addToHistogram(grey, hist);
    return histogramMedian(hist);
}

Polarity detectPolarity(const cv::Mat &grey)
{
    return fromPaperLevel(medianGrey(grey));
}

Result<Polarity> detectPolarity(const RasterSource &source)
{
    const int bands = std::min(16, std::max(1, source.height() / 32));
    const int rows = std::min(32, source.height());
    const int outW = std::min(source.width(), 1024);
    std::array<qint64, 256> hist{};
    for (int i = 0; i < bands; ++i) {
        const int y0 = bands == 1 ? 0 : int((qint64(source.height() - rows) * i) / (bands - 1));
        auto grey = source.readGrey(QRect(0, y0, source.width(), rows), QSize(outW, rows));
        if (!grey)
            return Result<Polarity>::failure(grey.error());
        addToHistogram(*grey, hist);
    }
    return fromPaperLevel(histogramMedian(hist));
}

cv::Mat toPositive(const cv::Mat &grey, Polarity polarity)
{
    if (polarity == Polarity::Positive)
        return grey;
    cv::Mat inverted;
    cv::bitwise_not(grey, inverted);
    return inverted;
}

Result<Polarity> resolvePolarity(PolarityMode mode, const RasterSource &source)
{
    if (mode == PolarityMode::Auto)
        return detectPolarity(source);
    return mode == PolarityMode::Negative ? Polarity::Negative : Polarity::Positive;
}

Polarity resolvePolarity(PolarityMode mode, const cv::Mat &grey)
{
    if (mode == PolarityMode::Auto)
        return detectPolarity(grey);
    return mode == PolarityMode::Negative ? Polarity::Negative : Polarity::Positive;
}

} // namespace veer
