// Tiled, band-streaming inference: memory holds one row of tiles, whatever the sheet's length.
#include <torch/torch.h>

#include "segmentationmodel.h"
#include "veernet_p.h"

#include "raster/rastersource.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <opencv2/core.hpp>

namespace veer {

namespace {

using RowReader = std::function<Result<cv::Mat>(int y0, int rows)>;

/** Blend weights along one axis of a tile: ramps across the overlap wherever a neighbour exists. */
torch::Tensor rampWeights(int length, int overlap, bool rampStart, bool rampEnd)
{
    torch::Tensor w = torch::ones({length});
    auto acc = w.accessor<float, 1>();
    for (int i = 0; i < overlap && i < length; ++i) {
        const float ramp = (float(i) + 0.5f) / float(overlap);
        if (rampStart)
            acc[i] = std::min(acc[i], ramp);
        if (rampEnd)
            acc[length - 1 - i] = std::min(acc[length - 1 - i], ramp);
    }
    return w;
}

Status runTiled(SegmentationModel::Private &d, int width, int height, const RowReader &read, Polarity polarity,
                const SegmentOptions &options, const std::function<void(const SegmentBand &)> &sink, Feedback *feedback)
{
    c10::InferenceMode guard;
    torch::set_num_threads(std::max(1, options.threads));
    d.net->prepareInference();
    const int m = d.net->multiple();
    const int tile = std::max(m * 2, options.tileSize / m * m);
    int overlap = std::clamp(options.overlap / 2 * 2, 0, tile / 2);
    // Tiles never need to be larger than the (rounded-up) image.
    const int tileH = std::min(tile, (height + m - 1) / m * m);
    const int tileW = std::min(tile, (width + m - 1) / m * m);
    const int overlapH = std::min(overlap, tileH / 2);
    const int overlapW = std::min(overlap, tileW / 2);
    const int strideH = tileH - overlapH;
    const int strideW = tileW - overlapW;

    std::vector<int> xs;
    for (int tx = 0;; tx += strideW) {
        xs.push_back(tx);
        if (tx + tileW >= width)
            break;
    }
    const int paddedW = xs.back() + tileW;
    std::vector<torch::Tensor> wx;
    for (size_t i = 0; i < xs.size(); ++i)
        wx.push_back(rampWeights(tileW, overlapW, i > 0, i + 1 < xs.size()));

    torch::Tensor acc = torch::zeros({3, tileH, paddedW});
    for (int ty = 0;; ty += strideH) {
        if (feedback && feedback->isCanceled())
            return Status::failure(QStringLiteral("cancelled"));
        const bool last = ty + tileH >= height;
        const int rows = std::min(tileH, height - ty);
        auto grey = read(ty, rows);
        if (!grey)
            return Status::failure(grey.error());
        cv::Mat band;
        cv::copyMakeBorder(toPositive(*grey, polarity), band, 0, tileH - rows, 0, paddedW - width, cv::BORDER_CONSTANT, cv::Scalar(255));
        const torch::Tensor wy = rampWeights(tileH, overlapH, ty > 0, !last).view({1, tileH, 1});
        for (size_t i = 0; i < xs.size(); ++i) {
            if (feedback && feedback->isCanceled())
                return Status::failure(QStringLiteral("cancelled"));
            const cv::Mat crop = band(cv::Rect(xs[i], 0, tileW, tileH));
            const torch::Tensor p = d.probabilities(d.net->forward(d.toInput(crop)).contiguous())[0];
            acc.index({torch::indexing::Slice(), torch::indexing::Slice(), torch::indexing::Slice(xs[i], xs[i] + tileW)})
                .add_(p * wy * wx[i].view({1, 1, tileW}));
        }
        const int finalRows = last ? rows : strideH;
        const torch::Tensor done = acc.index({torch::indexing::Slice(), torch::indexing::Slice(0, finalRows),
                                              torch::indexing::Slice(0, width)});
        SegmentBand out;
        out.y0 = ty;
        out.polarity = polarity;
        SegmentationModel::Private::labelsFromProbabilities(done, float(d.info.backgroundWeight), out.labels,
                                                            options.probabilities ? &out.probabilities
                                                                                  : nullptr);
        sink(out);
        if (feedback)
            feedback->setProgress(100.0 * double(ty + finalRows) / double(height), QStringLiteral("Segmenting"));
        if (last)
            break;
        // Rows past the stride are still shared with the next tile row: keep them, clear the rest.
        torch::Tensor keep = acc.index({torch::indexing::Slice(), torch::indexing::Slice(strideH, tileH)}).clone();
        acc.zero_();
        acc.index({torch::indexing::Slice(), torch::indexing::Slice(0, overlapH)}).copy_(keep);
    }
    return {};
}

Result<SegmentResult> collect(const std::function<Status(const std::function<void(const SegmentBand &)> &)> &run,
                              int width, int height, bool probabilities)
{
    SegmentResult r;
    r.labels = cv::Mat(height, width, CV_8UC1, cv::Scalar(0));
    if (probabilities)
        r.probabilities = cv::Mat(height, width, CV_8UC2, cv::Scalar(0, 0));
    const Status s = run([&](const SegmentBand &band) {
        r.polarity = band.polarity;
        band.labels.copyTo(r.labels(cv::Rect(0, band.y0, width, band.labels.rows)));
        if (probabilities)
            band.probabilities.copyTo(r.probabilities(cv::Rect(0, band.y0, width, band.labels.rows)));
    });
    if (!s)
        return Result<SegmentResult>::failure(s.error());
    return r;
}

} // namespace

Status SegmentationModel::segment(const RasterSource &source, const SegmentOptions &options,
                                  const std::function<void(const SegmentBand &)> &sink, Feedback *feedback)
{
    try {
        const RowReader read = [&source](int y0, int rows) { return source.readGrey(QRect(0, y0, source.width(), rows)); };
        const auto polarity = resolvePolarity(options.polarity, source);
        if (!polarity)
            return Status::failure(polarity.error());
        return runTiled(*d, source.width(), source.height(), read, *polarity, options, sink, feedback);
    } catch (const std::exception &e) {
        return Status::failure(QStringLiteral("%1: segmentation failed: %2").arg(source.info().path, QString::fromUtf8(e.what())));
    }
}

Result<SegmentResult> SegmentationModel::segment(const RasterSource &source, const SegmentOptions &options, Feedback *feedback)
{
    return collect([&](const auto &sink) { return segment(source, options, sink, feedback); }, source.width(),
                   source.height(), options.probabilities);
}

Result<SegmentResult> SegmentationModel::segmentImage(const cv::Mat &grey, const SegmentOptions &options, Feedback *feedback)
{
    if (grey.empty() || grey.type() != CV_8UC1)
        return Result<SegmentResult>::failure(QStringLiteral("segmentation needs a non-empty 8-bit grey image"));
    const RowReader read = [&grey](int y0, int rows) { return Result<cv::Mat>(grey.rowRange(y0, y0 + rows)); };
    return collect(
        [&](const auto &sink) {
            try {
                return runTiled(*d, grey.cols, grey.rows, read, resolvePolarity(options.polarity, grey), options, sink,
                                feedback);
            } catch (const std::exception &e) {
                return Status::failure(QStringLiteral("segmentation failed: %1").arg(QString::fromUtf8(e.what())));
            }
        },
        grey.cols, grey.rows, options.probabilities);
}

QString defaultModelPath()
{
    const QString name = QStringLiteral("veer-default.pt");
    QStringList candidates;
    const QByteArray env = qgetenv("VEER_MODEL");
    if (!env.isEmpty())
        candidates << QString::fromLocal8Bit(env);
    const QString exeDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    if (!exeDir.isEmpty()) {
        // Build tree (build/app/cli -> source models/ via the VEER_SOURCE_MODELS define) and install prefix.
        candidates << exeDir + QStringLiteral("/../share/veer/models/") + name
                   << exeDir + QStringLiteral("/models/") + name;
    }
#ifdef VEER_SOURCE_MODELS
    candidates << QStringLiteral(VEER_SOURCE_MODELS "/") + name;
#endif
    for (const QString &c : candidates) {
        if (QFileInfo::exists(c))
            return QDir::cleanPath(c);
    }
    return candidates.isEmpty() ? name : QDir::cleanPath(candidates.last());
}

} // namespace veer
