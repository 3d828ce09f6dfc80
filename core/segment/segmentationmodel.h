#pragma once

#include "base/feedback.h"
#include "base/result.h"
#include "raster/polarity.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <opencv2/core/mat.hpp>

#include <functional>
#include <memory>

namespace veer {

class RasterSource;

/** Shape of the network: VeerNet, a lean U-Net with one grey input and three class logits. */
struct NetConfig
{
    int base = 16;        ///< channels at full resolution
    int levels = 3;       ///< number of 2x down-sampling steps
    int maxChannels = 64; ///< channel cap at the deepest levels
    bool binaryTarget = false; ///< three independent sigmoid masks (for comparison): no cost on the seam where curves cross

    QJsonObject toJson() const;
    static NetConfig fromJson(const QJsonObject &o);
};

/** Everything a model file says about itself besides its weights. */
struct ModelInfo
{
    int formatVersion = 1;
    QString architecture;         ///< "veernet"
    QString id;                   ///< e.g. "veer-default-2026-11-29"
    QString parentId;
    NetConfig net;
    QStringList classNames;       ///< {"background", "curve one", "curve two"}
    double inputMean = 0.5;       ///< grey/255 is normalised as (x - mean) / std
    double inputStd = 0.25;
    QJsonObject training;         ///< data summary, recipe, time
    QJsonObject metrics;          ///< validation figures
    QString softwareVersion;
    qint64 parameterCount = 0;
    double flopsPerPixel = 0.0;   ///< multiply-adds x 2 of one forward pass per input pixel
    /// The label decision: a pixel is a curve only where P(curve) > backgroundWeight x P(background).
    /// 1 is the arg-max; above 1 thins the label map of a network trained to favour recall.
    double backgroundWeight = 1.0;

    QJsonObject toJson() const;
    static ModelInfo fromJson(const QJsonObject &o);
};

/** Inference settings. */
struct SegmentOptions
{
    int tileSize = 512;       ///< square tiles, in pixels
    int overlap = 64;         ///< overlap between neighbouring tiles; logits are blended across it
    int threads = 2;          ///< LibTorch intra-op threads
    bool probabilities = false; ///< also return P(curve one), P(curve two) as CV_8UC2 (x255)
    /// Auto inverts a sheet whose paper is dark (a microfilm negative) before the network.
    PolarityMode polarity = PolarityMode::Auto;
};

/** A horizontal band of the result: rows [y0, y0 + labels.rows). */
struct SegmentBand
{
    int y0 = 0;
    cv::Mat labels;        ///< CV_8UC1, values 0/1/2
    cv::Mat probabilities; ///< CV_8UC2 or empty
    Polarity polarity = Polarity::Positive; ///< how the sheet was fed to the network
};

struct SegmentResult
{
    cv::Mat labels;
    cv::Mat probabilities;
    Polarity polarity = Polarity::Positive; ///< Negative: the sheet was inverted before the network
};

/**
 * The segmentation network behind a pimpl: loads and saves model files, and maps a sheet to one
 * label map through one softmax over {background, curve one, curve two}. LibTorch stays in the .cpp.
 * Not thread-safe: one model per worker thread.
 */
class SegmentationModel
{
public:
    ~SegmentationModel();
    SegmentationModel(const SegmentationModel &) = delete;
    SegmentationModel &operator=(const SegmentationModel &) = delete;

    /** A freshly initialised network (random weights from `seed`). */
    static std::unique_ptr<SegmentationModel> create(const NetConfig &config, std::uint64_t seed = 1);
    /** Reads a model file; a wrong or corrupt file gives an error naming it, never a crash. */
    static Result<std::unique_ptr<SegmentationModel>> load(const QString &path);
    /**
     * Checkpoint averaging: the element-wise mean of the weights and batch-norm statistics of
     * several model files of one network shape (the last epochs of one training run). The
     * metadata is the last file's, with training.averaged_from naming the sources and no
     * validation metrics (they described one source, not the mean). A missing,
     * corrupt or differently shaped file gives an error naming it.
     */
    static Result<std::unique_ptr<SegmentationModel>> average(const QStringList &paths);
    /** Writes weights and metadata into one file, atomically. */
    Status save(const QString &path) const;

    const ModelInfo &info() const;
    ModelInfo &info();

    /**
     * Segments a whole sheet band by band: memory holds one band of tiles, not the sheet.
     * `sink` receives the bands in order. Returns false with an error, or when cancelled.
     */
    Status segment(const RasterSource &source, const SegmentOptions &options,
                   const std::function<void(const SegmentBand &)> &sink, Feedback *feedback = nullptr);
    /** Convenience: collects the bands into one label map (and probabilities when asked). */
    Result<SegmentResult> segment(const RasterSource &source, const SegmentOptions &options, Feedback *feedback = nullptr);
    /** Segments an in-memory grey image (CV_8UC1) with the same tiling. */
    Result<SegmentResult> segmentImage(const cv::Mat &grey, const SegmentOptions &options, Feedback *feedback = nullptr);
    /** One forward pass over the whole image, no tiling (for tests and small crops). */
    SegmentResult segmentWhole(const cv::Mat &grey, bool probabilities);

    /** Opaque access for the trainer (the .cpp files of core/segment only). */
    struct Private;
    Private &impl() { return *d; }

private:
    SegmentationModel();
    std::unique_ptr<Private> d;
};

/** Finds the shipped default model: next to the executable, in the source tree, or under the install prefix. */
QString defaultModelPath();

} // namespace veer
