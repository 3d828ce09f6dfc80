#include <torch/torch.h>

#include "trainer.h"
#include "realbackground.h"
#include "segmetrics.h"
#include "veernet_p.h"

#include "base/atomicfile.h"
#include "raster/inkview.h"
#include "raster/polarity.h"
#include "synth/synthgenerator.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <optional>
#include <random>
#include <sstream>

namespace veer {

namespace {

using Rng = std::mt19937_64;

double uniform(Rng &rng, double a, double b) { return a + (b - a) * (double(rng() >> 11) * (1.0 / 9007199254740992.0)); }
int uniformInt(Rng &rng, int a, int b) { return a + int(rng() % std::uint64_t(b - a + 1)); }

struct Sample
{
    cv::Mat grey;   // CV_8UC1
    cv::Mat labels; // CV_8UC1, 0/1/2, 255 = ignore
};

/** Labelled sheets from folders: sheet.png + labels.png, optionally reviewed.png (0 = not reviewed). */
struct FolderPair
{
    QString sheet;
    QString labels;
    QString reviewed;
};

std::vector<FolderPair> findPairs(const QStringList &dirs, QString &error)
{
    std::vector<FolderPair> pairs;
    for (const QString &dir : dirs) {
        if (!QFileInfo(dir).isDir()) {
            error = QStringLiteral("%1: not a folder").arg(dir);
            return {};
        }
        QDirIterator it(dir, {QStringLiteral("labels.png")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString labels = it.next();
            const QDir caseDir = QFileInfo(labels).dir();
            const QString sheet = caseDir.filePath(QStringLiteral("sheet.png"));
            if (!QFileInfo::exists(sheet))
                continue;
            const QString reviewed = caseDir.filePath(QStringLiteral("reviewed.png"));
            pairs.push_back({sheet, labels, QFileInfo::exists(reviewed) ? reviewed : QString()});
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const FolderPair &a, const FolderPair &b) { return a.sheet < b.sheet; });
    return pairs;
}

/** A labelled sheet from a folder; labels outside 0..2 and unreviewed pixels become 255 (ignored). */
Sample loadPair(const FolderPair &p)
{
    Sample s;
    s.grey = InkView::fromImage(cv::imread(p.sheet.toStdString(), cv::IMREAD_ANYCOLOR));
    s.labels = cv::imread(p.labels.toStdString(), cv::IMREAD_GRAYSCALE);
    if (s.grey.empty() || s.labels.empty() || s.grey.size() != s.labels.size())
        return {};
    s.labels.setTo(255, s.labels > 2);
    // The network sees positives: a reviewed microfilm negative is inverted as inference does.
    s.grey = toPositive(s.grey, detectPolarity(s.grey));
    if (!p.reviewed.isEmpty()) {
        const cv::Mat reviewed = cv::imread(p.reviewed.toStdString(), cv::IMREAD_GRAYSCALE);
        if (reviewed.size() == s.labels.size())
            s.labels.setTo(255, reviewed == 0);
    }
    return s;
}

/** Draws training crops from generated sheets and labelled folders, with scan-like augmentation. */
class CropSource
{
public:
    /**
     * `startEpoch` > 0 (a resumed run) continues the stream where that epoch would start instead of
     * replaying the first sheets and crops again.
     */
    CropSource(const TrainOptions &options, std::vector<FolderPair> pairs, int startEpoch,
               std::unique_ptr<RealBackgrounds> real)
        : mOptions(options), mPairs(std::move(pairs)), mRng(options.seed * 7919 + 17 + std::uint64_t(startEpoch) * 104729ULL),
          mCounter(std::uint64_t(startEpoch) * std::uint64_t(std::max(1, options.stepsPerEpoch)) * std::uint64_t(std::max(1, options.batchSize))),
          mReal(std::move(real))
    {
        for (const QString &f : options.lasFiles)
            mSynth.lasFiles.push_back(f);
        mSynth.split = SynthSplit::Train;
        mSynth.print = options.printStyles;
    }

    Sample next()
    {
        const bool useSynth = mPairs.empty() || uniform(mRng, 0, 1) < mOptions.synthShare;
        if (useSynth) {
            if (mPool.empty())
                refillSynth();
            Sample s = std::move(mPool.back());
            mPool.pop_back();
            if (mReal && uniform(mRng, 0, 1) < mOptions.realShare) {
                Sample onReal;
                if (mReal->compose(s.grey, s.labels, onReal.grey, onReal.labels))
                    s = std::move(onReal);
            }
            return augment(std::move(s), 0.5);
        }
        const FolderPair &p = mPairs[size_t(uniformInt(mRng, 0, int(mPairs.size()) - 1))];
        Sample whole = loadPair(p);
        if (whole.grey.empty())
            return next();
        return augment(cropFrom(whole), 1.0);
    }

private:
    void refillSynth()
    {
        SynthOptions o = mSynth;
        o.width = uniformInt(mRng, 420, 1100);
        o.height = uniformInt(mRng, 700, 1400);
        // Training seeds stay below 1e9; evaluation seeds start at 1e9 (docs/synth.md).
        const std::uint64_t seed = (mOptions.seed * 1000003ULL + mCounter++) % 999'000'000ULL;
        SynthCase c = generateSynthCase(o, seed);
        const cv::Mat grey = InkView::fromImage(c.sheet);
        Sample whole{grey, c.labels};
        for (int i = 0; i < 4; ++i)
            mPool.push_back(cropFrom(whole));
    }

    /** A crop centred near curve ink most of the time, so thin classes are well represented. */
    Sample cropFrom(const Sample &whole)
    {
        const int c = mOptions.crop;
        cv::Mat grey = whole.grey;
        cv::Mat labels = whole.labels;
        if (grey.cols < c || grey.rows < c) {
            cv::copyMakeBorder(grey, grey, 0, std::max(0, c - grey.rows), 0, std::max(0, c - grey.cols), cv::BORDER_CONSTANT, 255);
            cv::copyMakeBorder(labels, labels, 0, std::max(0, c - labels.rows), 0, std::max(0, c - labels.cols), cv::BORDER_CONSTANT, 0);
        }
        // A reviewed sheet is labelled only in part (255 elsewhere), often a band of a long page:
        // its crops come from the labelled part, and aim at its curve pixels directly.
        const cv::Mat ignored = labels == 255;
        if (cv::countNonZero(ignored) > 0) {
            const cv::Rect box = cv::boundingRect(~ignored);
            std::vector<cv::Point> curve;
            cv::findNonZero((labels == 1) | (labels == 2), curve);
            int x = uniformInt(mRng, box.x, std::max(box.x, box.x + box.width - c));
            int y = uniformInt(mRng, box.y, std::max(box.y, box.y + box.height - c));
            if (!curve.empty() && uniform(mRng, 0, 1) < 0.8) {
                const cv::Point p = curve[size_t(uniformInt(mRng, 0, int(curve.size()) - 1))];
                x = p.x - c / 2 + uniformInt(mRng, -c / 4, c / 4);
                y = p.y - c / 2 + uniformInt(mRng, -c / 4, c / 4);
            }
            const cv::Rect r(std::clamp(x, 0, grey.cols - c), std::clamp(y, 0, grey.rows - c), c, c);
            return {grey(r).clone(), labels(r).clone()};
        }
        int x = uniformInt(mRng, 0, grey.cols - c);
        int y = uniformInt(mRng, 0, grey.rows - c);
        if (uniform(mRng, 0, 1) < 0.8) {
            for (int attempt = 0; attempt < 20; ++attempt) {
                const int px = uniformInt(mRng, 0, labels.cols - 1);
                const int py = uniformInt(mRng, 0, labels.rows - 1);
                const uint8_t v = labels.at<uint8_t>(py, px);
                if (v == 1 || v == 2) {
                    x = std::clamp(px - c / 2 + uniformInt(mRng, -c / 4, c / 4), 0, grey.cols - c);
                    y = std::clamp(py - c / 2 + uniformInt(mRng, -c / 4, c / 4), 0, grey.rows - c);
                    break;
                }
            }
        }
        const cv::Rect r(x, y, c, c);
        return {grey(r).clone(), labels(r).clone()};
    }

    /** Scan-like augmentation: contrast, blur, noise, JPEG, small scale, binarisation. No flips. */
    Sample augment(Sample s, double strength)
    {
        if (uniform(mRng, 0, 1) < 0.25 * strength) {
            const double f = uniform(mRng, 0.85, 1.15);
            cv::Mat g, l;
            cv::resize(s.grey, g, cv::Size(), f, f, cv::INTER_AREA);
            cv::resize(s.labels, l, cv::Size(), f, f, cv::INTER_NEAREST);
            const int c = mOptions.crop;
            cv::copyMakeBorder(g, g, 0, std::max(0, c - g.rows), 0, std::max(0, c - g.cols), cv::BORDER_CONSTANT, 255);
            cv::copyMakeBorder(l, l, 0, std::max(0, c - l.rows), 0, std::max(0, c - l.cols), cv::BORDER_CONSTANT, 255);
            s.grey = g(cv::Rect(0, 0, c, c)).clone();
            s.labels = l(cv::Rect(0, 0, c, c)).clone();
        }
        if (uniform(mRng, 0, 1) < 0.5 * strength) {
            const double alpha = uniform(mRng, 0.7, 1.2);
            const double beta = uniform(mRng, -30, 30);
            s.grey.convertTo(s.grey, CV_8U, alpha, beta + (1 - alpha) * 128);
        }
        if (uniform(mRng, 0, 1) < 0.2 * strength)
            cv::GaussianBlur(s.grey, s.grey, cv::Size(3, 3), uniform(mRng, 0.3, 0.9));
        if (uniform(mRng, 0, 1) < 0.3 * strength) {
            cv::Mat noise(s.grey.size(), CV_16S);
            cv::randn(noise, 0, uniform(mRng, 3, 14));
            cv::Mat g16;
            s.grey.convertTo(g16, CV_16S);
            g16 += noise;
            g16.convertTo(s.grey, CV_8U);
        }
        if (uniform(mRng, 0, 1) < 0.15 * strength) {
            std::vector<uchar> buf;
            cv::imencode(".jpg", s.grey, buf, {cv::IMWRITE_JPEG_QUALITY, uniformInt(mRng, 30, 80)});
            s.grey = cv::imdecode(buf, cv::IMREAD_GRAYSCALE);
        }
        if (uniform(mRng, 0, 1) < 0.1 * strength)
            cv::threshold(s.grey, s.grey, uniform(mRng, 110, 190), 255, cv::THRESH_BINARY);
        return s;
    }

    const TrainOptions &mOptions;
    std::vector<FolderPair> mPairs;
    SynthOptions mSynth;
    Rng mRng;
    std::vector<Sample> mPool;
    std::uint64_t mCounter = 0;
    std::unique_ptr<RealBackgrounds> mReal;
};

torch::Tensor labelsToTensor(const std::vector<Sample> &batch)
{
    const int n = int(batch.size());
    const int h = batch[0].labels.rows, w = batch[0].labels.cols;
    torch::Tensor t = torch::empty({n, h, w}, torch::kUInt8);
    for (int i = 0; i < n; ++i)
        std::memcpy(t[i].data_ptr(), batch[size_t(i)].labels.data, size_t(h) * size_t(w));
    return t.to(torch::kLong);
}

/** Focal cross-entropy plus Tversky for softmax; summed BCE plus per-mask Tversky for the binary framing. */
torch::Tensor computeLoss(const torch::Tensor &logits, const torch::Tensor &target, const LossConfig &cfg, bool binary)
{
    const torch::Tensor valid = target != 255;
    const torch::Tensor safeTarget = torch::where(valid, target, torch::zeros_like(target));
    const torch::Tensor validF = valid.to(torch::kFloat32).unsqueeze(1);
    const double nValid = std::max<double>(1.0, valid.sum().item<double>());
    const torch::Tensor onehot = torch::one_hot(safeTarget, 3).permute({0, 3, 1, 2}).to(torch::kFloat32);
    torch::Tensor probs;
    torch::Tensor pixelLoss;
    if (binary) {
        probs = torch::sigmoid(logits);
        pixelLoss = torch::binary_cross_entropy_with_logits(logits, onehot, {}, {}, at::Reduction::None).sum(1, true);
    } else {
        const torch::Tensor logp = torch::log_softmax(logits, 1);
        probs = logp.exp();
        const torch::Tensor logpt = logp.gather(1, safeTarget.unsqueeze(1));
        pixelLoss = -logpt;
        if (cfg.focalGamma > 0)
            pixelLoss = pixelLoss * torch::pow(1.0 - logpt.exp(), cfg.focalGamma);
    }
    torch::Tensor loss = cfg.ceWeight * (pixelLoss * validF).sum() / nValid;
    if (cfg.regionWeight > 0) {
        torch::Tensor region = torch::zeros({});
        for (int c = 1; c <= 2; ++c) {
            const torch::Tensor p = probs.select(1, c) * validF.squeeze(1);
            const torch::Tensor g = onehot.select(1, c) * validF.squeeze(1);
            const torch::Tensor tp = (p * g).sum();
            const torch::Tensor fp = (p * (1 - g)).sum();
            const torch::Tensor fn = ((1 - p) * g).sum();
            region = region + 1.0 - (tp + 1.0) / (tp + cfg.tverskyAlpha * fp + cfg.tverskyBeta * fn + 1.0);
        }
        loss = loss + cfg.regionWeight * region / 2.0;
    }
    return loss;
}

torch::Tensor greyBatch(const std::vector<Sample> &batch, SegmentationModel::Private &d)
{
    std::vector<torch::Tensor> parts;
    for (const Sample &s : batch)
        parts.push_back(d.toInput(s.grey));
    return torch::cat(parts, 0).contiguous(torch::MemoryFormat::ChannelsLast);
}

struct ValidationSet
{
    std::vector<Sample> samples;      ///< generated evaluation sheets
    std::vector<Sample> dataSamples;  ///< windows of the held-apart folders
};

/**
 * Windows of 512 x 640 px from each held-apart folder sheet, evenly spaced down the sheet, keeping
 * those with reviewed curve pixels (at most 12 per sheet, so validation stays a few seconds).
 */
Status addFolderValidation(const QStringList &dirs, ValidationSet &v)
{
    QString error;
    const std::vector<FolderPair> pairs = findPairs(dirs, error);
    if (!error.isEmpty())
        return Status::failure(error);
    if (pairs.empty())
        return Status::failure(QStringLiteral("%1: no case folders with sheet.png and labels.png").arg(dirs.join(QStringLiteral(", "))));
    for (const FolderPair &p : pairs) {
        const Sample whole = loadPair(p);
        if (whole.grey.empty())
            return Status::failure(QStringLiteral("%1: unreadable, or its size differs from %2").arg(p.sheet, p.labels));
        const int w = std::min(512, whole.grey.cols) / 16 * 16;
        const int h = std::min(640, whole.grey.rows) / 16 * 16;
        if (w < 16 || h < 16)
            continue;
        const int windows = std::max(1, whole.grey.rows / h);
        const int step = std::max(1, windows / 12);
        for (int i = 0; i < windows; i += step) {
            for (int x = 0; x + w <= whole.grey.cols; x += w) {
                const cv::Rect r(x, i * h, w, h);
                const cv::Mat labels = whole.labels(r);
                if (cv::countNonZero(labels == 1) + cv::countNonZero(labels == 2) < 50)
                    continue;
                v.dataSamples.push_back({whole.grey(r).clone(), labels.clone()});
            }
        }
    }
    return {};
}

ValidationSet makeValidation(const TrainOptions &options)
{
    ValidationSet v;
    SynthOptions o;
    o.split = SynthSplit::Eval;
    for (const QString &f : options.lasFiles)
        o.lasFiles.push_back(f);
    for (int i = 0; i < options.validationCases; ++i) {
        o.width = 512;
        o.height = 640;
        SynthCase c = generateSynthCase(o, 1'000'000'000ULL + std::uint64_t(i));
        const cv::Mat grey = InkView::fromImage(c.sheet);
        v.samples.push_back({grey, c.labels});
    }
    return v;
}

/** What the best score was measured on: generated cases and held-apart folders. */
QString validationSignature(const TrainOptions &options)
{
    return QStringLiteral("generated %1; folders %2").arg(options.validationCases).arg(options.validationDirs.join(QLatin1Char(',')));
}

QString sidePath(const QString &out, const char *suffix)
{
    return out + QString::fromLatin1(suffix);
}

/** The model a run starts from (resume > init > fresh), with the epoch and state it resumes. */
struct RunStart
{
    std::unique_ptr<SegmentationModel> model;
    int epoch = 0;
    QJsonObject state; ///< OUT.state.json of a resumed run
};

Result<RunStart> startModel(const TrainOptions &options, TrainSummary &summary)
{
    using R = Result<RunStart>;
    RunStart start;
    const QString lastPath = sidePath(options.outPath, ".last.pt");
    const QString statePath = sidePath(options.outPath, ".state.json");
    if (options.resume && QFileInfo::exists(statePath) && QFileInfo::exists(lastPath)) {
        auto loaded = SegmentationModel::load(lastPath);
        if (!loaded)
            return R::failure(loaded.error());
        start.model = loaded.take();
        QFile f(statePath);
        if (f.open(QIODevice::ReadOnly))
            start.state = QJsonDocument::fromJson(f.readAll()).object();
        start.epoch = start.state.value(QStringLiteral("epoch")).toInt();
        summary.history = start.state.value(QStringLiteral("history")).toArray();
        // The best score only compares epochs validated on the same sheets: with other
        // validation options the first resumed epoch starts the comparison afresh.
        if (start.state.value(QStringLiteral("validation")).toString() == validationSignature(options))
            summary.bestScore = start.state.value(QStringLiteral("best_score")).toDouble();
    } else if (!options.initPath.isEmpty()) {
        auto loaded = SegmentationModel::load(options.initPath);
        if (!loaded)
            return R::failure(loaded.error());
        start.model = loaded.take();
        start.model->info().parentId = start.model->info().id;
    } else {
        NetConfig cfg = options.net;
        start.model = SegmentationModel::create(cfg, options.seed);
    }
    return start;
}

/** What the network is shown: the crops (after augmentation) beside their labels, as PNGs. */
Status dumpCrops(CropSource &source, const TrainOptions &options)
{
    if (!QDir().mkpath(options.dumpCropsDir))
        return Status::failure(QStringLiteral("%1: cannot create the folder").arg(options.dumpCropsDir));
    for (int i = 0; i < options.dumpCrops; ++i) {
        const Sample s = source.next();
        cv::Mat shown = s.labels.clone();
        shown.setTo(128, s.labels == 255);
        shown.setTo(255, s.labels == 1);
        shown.setTo(190, s.labels == 2);
        const QString stem
            = QDir(options.dumpCropsDir).filePath(QStringLiteral("crop%1").arg(i, 4, 10, QLatin1Char('0')));
        cv::Mat pair;
        cv::hconcat(s.grey, shown, pair);
        if (!cv::imwrite(QFile::encodeName(stem + QStringLiteral(".png")).toStdString(), pair))
            return Status::failure(QStringLiteral("%1.png: cannot write").arg(stem));
    }
    return {};
}

/** One epoch of optimiser steps; the mean loss, or nothing when the feedback was cancelled. */
std::optional<double> trainEpoch(int epoch, const TrainOptions &options, SegmentationModel::Private &d,
                                 torch::optim::AdamW &optimizer, CropSource &source, Feedback *feedback)
{
    const bool binary = d.info.net.binaryTarget;
    const int totalSteps = std::max(1, options.epochs * options.stepsPerEpoch);
    d.net->prepareTraining();
    if (options.freezeNorm)
        d.net->freezeNormStatistics();
    double lossSum = 0.0;
    for (int step = 0; step < options.stepsPerEpoch; ++step) {
        if (feedback && feedback->isCanceled())
            return std::nullopt;
        // Cosine schedule with a short warm-up, over the whole run.
        const int globalStep = epoch * options.stepsPerEpoch + step;
        const double warm = std::min(1.0, (globalStep + 1) / 50.0);
        const double lr = options.learningRate * warm
            * (0.05 + 0.95 * 0.5 * (1 + std::cos(M_PI * globalStep / totalSteps)));
        for (auto &group : optimizer.param_groups())
            static_cast<torch::optim::AdamWOptions &>(group.options()).lr(lr);

        std::vector<Sample> batch;
        for (int i = 0; i < options.batchSize; ++i)
            batch.push_back(source.next());
        const torch::Tensor input = greyBatch(batch, d);
        const torch::Tensor target = labelsToTensor(batch);
        optimizer.zero_grad();
        const torch::Tensor loss = computeLoss(d.net->forward(input), target, options.loss, binary);
        loss.backward();
        optimizer.step();
        lossSum += loss.item<double>();
        if (feedback)
            feedback->setProgress(100.0 * (globalStep + 1) / totalSteps,
                                  QStringLiteral("epoch %1/%2, step %3/%4, loss %5")
                                      .arg(epoch + 1)
                                      .arg(options.epochs)
                                      .arg(step + 1)
                                      .arg(options.stepsPerEpoch)
                                      .arg(lossSum / (step + 1), 0, 'f', 4));
    }
    return lossSum / std::max(1, options.stepsPerEpoch);
}

/** Validates on the generated sheets and the held-apart folders: the report's loss, metrics and score. */
void validate(SegmentationModel::Private &d, const ValidationSet &validation, const TrainOptions &options,
              EpochReport &report)
{
    const bool binary = d.info.net.binaryTarget;
    d.net->prepareInference();
    SegMetrics metrics;
    SegMetrics dataMetrics;
    double valLoss = 0.0;
    {
        torch::NoGradGuard noGrad;
        for (const Sample &s : validation.samples) {
            const torch::Tensor logits = d.net->forward(d.toInput(s.grey));
            valLoss += computeLoss(logits, labelsToTensor({s}), options.loss, binary).item<double>();
            cv::Mat predicted;
            SegmentationModel::Private::labelsFromProbabilities(
                d.probabilities(logits)[0], float(d.info.backgroundWeight), predicted, nullptr);
            metrics.add(predicted, s.labels);
        }
        for (const Sample &s : validation.dataSamples) {
            cv::Mat predicted;
            SegmentationModel::Private::labelsFromProbabilities(
                d.probabilities(d.net->forward(d.toInput(s.grey)))[0], float(d.info.backgroundWeight),
                predicted, nullptr);
            dataMetrics.add(predicted, s.labels);
        }
    }
    report.valLoss = valLoss / std::max<size_t>(1, validation.samples.size());
    report.valMetrics = metrics.toJson();
    report.meanCurveF1 = (metrics.f1(1) + metrics.f1(2)) / 2.0;
    if (!validation.dataSamples.empty()) {
        report.valDataMetrics = dataMetrics.toJson();
        const double dataF1 = (dataMetrics.f1(1) + dataMetrics.f1(2)) / 2.0;
        // With --val-cases 0 the held-apart folders alone choose the epoch.
        report.meanCurveF1 = validation.samples.empty() ? dataF1 : (report.meanCurveF1 + dataF1) / 2.0;
    }
}

/** The model card's metrics and training record after an epoch. */
void recordEpoch(ModelInfo &info, const TrainOptions &options, const EpochReport &report,
                 const TrainSummary &summary, double seconds)
{
    info.metrics = QJsonObject{{QStringLiteral("validation"), report.valMetrics},
                               {QStringLiteral("validation_cases"), options.validationCases},
                               {QStringLiteral("epoch"), report.epoch}};
    if (!report.valDataMetrics.isEmpty()) {
        info.metrics.insert(QStringLiteral("validation_data"), report.valDataMetrics);
        info.metrics.insert(QStringLiteral("validation_dirs"),
                            QJsonArray::fromStringList(options.validationDirs));
    }
    info.training = QJsonObject{{QStringLiteral("epochs"), report.epoch},
                                {QStringLiteral("steps_per_epoch"), options.stepsPerEpoch},
                                {QStringLiteral("batch"), options.batchSize},
                                {QStringLiteral("crop"), options.crop},
                                {QStringLiteral("learning_rate"), options.learningRate},
                                {QStringLiteral("synth_share"), options.synthShare},
                                {QStringLiteral("freeze_norm"), options.freezeNorm},
                                {QStringLiteral("data_dirs"), QJsonArray::fromStringList(options.dataDirs)},
                                {QStringLiteral("loss"),
                                 QJsonObject{{QStringLiteral("ce"), options.loss.ceWeight},
                                             {QStringLiteral("focal_gamma"), options.loss.focalGamma},
                                             {QStringLiteral("region"), options.loss.regionWeight},
                                             {QStringLiteral("tversky_alpha"), options.loss.tverskyAlpha},
                                             {QStringLiteral("tversky_beta"), options.loss.tverskyBeta}}},
                                {QStringLiteral("seconds"), seconds},
                                {QStringLiteral("history"), summary.history}};
}

/** The files of an epoch: the best model, the resume point (weights, optimiser, state), the kept epoch. */
Status saveEpoch(SegmentationModel &model, torch::optim::AdamW &optimizer, const TrainOptions &options,
                 const EpochReport &report, const TrainSummary &summary)
{
    if (report.best) {
        if (Status s = model.save(options.outPath); !s)
            return s;
    }
    if (Status s = model.save(sidePath(options.outPath, ".last.pt")); !s)
        return s;
    if (options.keepEpochs) {
        const QString kept = sidePath(options.outPath, ".epoch")
            + QStringLiteral("%1.pt").arg(report.epoch, 3, 10, QLatin1Char('0'));
        if (Status s = model.save(kept); !s)
            return s;
    }
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    std::ostringstream stream;
    archive.save_to(stream);
    const std::string bytes = stream.str();
    if (Status s = writeFileAtomically(sidePath(options.outPath, ".optim.pt"),
                                       QByteArray(bytes.data(), qsizetype(bytes.size())));
        !s)
        return s;
    const QJsonObject state{
        {QStringLiteral("epoch"), report.epoch},
        {QStringLiteral("history"), summary.history},
        {QStringLiteral("best_score"), summary.bestScore},
        {QStringLiteral("validation"), validationSignature(options)},
        {QStringLiteral("seconds"), model.impl().info.training.value(QStringLiteral("seconds"))}};
    return writeFileAtomically(sidePath(options.outPath, ".state.json"), QJsonDocument(state).toJson());
}

} // namespace

Result<TrainSummary> trainModel(const TrainOptions &options, Feedback *feedback)
{
    using R = Result<TrainSummary>;
    try {
        torch::set_num_threads(std::max(1, options.threads));
        QString error;
        std::vector<FolderPair> pairs = findPairs(options.dataDirs, error);
        if (!error.isEmpty())
            return R::failure(error);
        if (!options.dataDirs.isEmpty() && pairs.empty())
            return R::failure(QStringLiteral("%1: no case folders with sheet.png and labels.png").arg(options.dataDirs.join(QStringLiteral(", "))));
        std::unique_ptr<RealBackgrounds> real;
        if (!options.realBackgroundDirs.isEmpty() && options.realShare > 0.0) {
            auto opened = RealBackgrounds::open(options.realBackgroundDirs, options.realExclude, options.seed);
            if (!opened)
                return R::failure(opened.error());
            real = opened.take();
        }

        TrainSummary summary;
        auto start = startModel(options, summary);
        if (!start)
            return R::failure(start.error());
        SegmentationModel &model = *start->model;
        auto &d = model.impl();
        d.info.id = options.modelId.isEmpty() ? QStringLiteral("veer-%1").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                                              : options.modelId;

        torch::optim::AdamW optimizer(d.net->parameters(), torch::optim::AdamWOptions(options.learningRate).weight_decay(1e-4));
        const QString optimPath = sidePath(options.outPath, ".optim.pt");
        if (options.resume && QFileInfo::exists(optimPath)) {
            torch::serialize::InputArchive archive;
            archive.load_from(QFile::encodeName(optimPath).toStdString());
            optimizer.load(archive);
        }

        CropSource source(options, pairs, start->epoch, std::move(real));
        if (!options.dumpCropsDir.isEmpty()) {
            if (Status s = dumpCrops(source, options); !s)
                return R::failure(s.error());
            return summary;
        }
        ValidationSet validation = makeValidation(options);
        if (!options.validationDirs.isEmpty()) {
            if (Status s = addFolderValidation(options.validationDirs, validation); !s)
                return R::failure(s.error());
        }
        QElapsedTimer clock;
        clock.start();
        for (int epoch = start->epoch; epoch < options.epochs; ++epoch) {
            QElapsedTimer epochClock;
            epochClock.start();
            const std::optional<double> trainLoss
                = trainEpoch(epoch, options, d, optimizer, source, feedback);
            if (!trainLoss) {
                summary.canceled = true;
                return summary;
            }
            EpochReport report;
            report.epoch = epoch + 1;
            report.epochs = options.epochs;
            report.trainLoss = *trainLoss;
            validate(d, validation, options, report);
            report.seconds = epochClock.elapsed() / 1000.0;
            report.best = report.meanCurveF1 > summary.bestScore || !QFileInfo::exists(options.outPath);
            QJsonObject entry{{QStringLiteral("epoch"), report.epoch},
                              {QStringLiteral("train_loss"), report.trainLoss},
                              {QStringLiteral("val_loss"), report.valLoss},
                              {QStringLiteral("val"), report.valMetrics},
                              {QStringLiteral("seconds"), report.seconds}};
            if (!report.valDataMetrics.isEmpty()) {
                entry.insert(QStringLiteral("val_data"), report.valDataMetrics);
                entry.insert(QStringLiteral("score"), report.meanCurveF1);
            }
            summary.history.append(entry);
            summary.epochsRun = report.epoch;
            recordEpoch(d.info, options, report, summary,
                        double(clock.elapsed()) / 1000.0
                            + start->state.value(QStringLiteral("seconds")).toDouble());
            if (report.best)
                summary.bestScore = report.meanCurveF1;
            if (Status s = saveEpoch(model, optimizer, options, report, summary); !s)
                return R::failure(s.error());
            if (options.onEpoch)
                options.onEpoch(report);
            if (options.maxMinutes > 0 && clock.elapsed() > options.maxMinutes * 60000.0)
                break;
        }
        return summary;
    } catch (const std::exception &e) {
        return R::failure(QStringLiteral("training failed: %1").arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

} // namespace veer
