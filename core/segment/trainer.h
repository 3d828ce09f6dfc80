#pragma once

#include "segmentationmodel.h"
#include "synth/synthoptions.h"

#include <QJsonArray>

#include <functional>

namespace veer {

/** Loss weights: cross-entropy with focal weighting plus a Tversky region term. */
struct LossConfig
{
    double ceWeight = 1.0;
    double focalGamma = 2.0;     ///< 0 = plain cross-entropy
    double regionWeight = 1.0;   ///< Tversky over the two curve classes
    double tverskyAlpha = 0.5;   ///< false-positive weight (alpha = beta = 0.5 is Dice)
    double tverskyBeta = 0.5;    ///< false-negative weight
};

/** What one training epoch reports. */
struct EpochReport
{
    int epoch = 0;
    int epochs = 0;
    double trainLoss = 0.0;
    double valLoss = 0.0;
    QJsonObject valMetrics;      ///< SegMetrics::toJson() on the generated validation sheets
    QJsonObject valDataMetrics;  ///< SegMetrics::toJson() on TrainOptions::validationDirs (empty without)
    /// Strict F1 averaged over curve one and curve two; with validationDirs, the mean of that
    /// figure on the generated sheets and on the folders (new data gained, old style kept).
    double meanCurveF1 = 0.0;
    double seconds = 0.0;        ///< wall time of the epoch
    bool best = false;
};

struct TrainOptions
{
    QStringList dataDirs;        ///< folders holding case folders (sheet.png + labels.png [+ reviewed.png])
    double synthShare = 1.0;     ///< share of batches drawn from on-line generated sheets (0..1)
    QStringList lasFiles;        ///< real logs for synthetic curve shapes
    /// Folders of real scanned sheets whose paper backs generated curves (RealBackgrounds): the
    /// share `realShare` of the generated crops gets a real background. Sheets named in
    /// `realExclude` (the held-out ones) are never read.
    QStringList realBackgroundDirs;
    QStringList realExclude;
    double realShare = 0.0;
    /// Print styles of the generated sheets (colour prints, long pegs, violent dashes, wraps back);
    /// all off by default, PrintStyleOptions::trainingMix() with `train --print-styles`.
    PrintStyleOptions printStyles;
    QString outPath;             ///< best model; OUT.last.pt / .optim.pt / .state.json for resume
    QString initPath;            ///< fine-tune from this model
    bool resume = false;
    NetConfig net;
    LossConfig loss;
    int epochs = 10;
    int stepsPerEpoch = 100;
    int batchSize = 8;
    int crop = 256;
    double learningRate = 2e-3;
    int threads = 2;
    std::uint64_t seed = 1;
    int validationCases = 16;    ///< generated from evaluation seeds, never seen in training
    /// Held-apart labelled case folders (reviewed.png honoured) validated besides the generated
    /// sheets, e.g. reviewed sheets kept out of dataDirs when fine-tuning.
    QStringList validationDirs;
    double maxMinutes = 0.0;     ///< stop after the epoch that passes this (0 = no limit)
    bool keepEpochs = false;     ///< also keep every epoch's weights as OUT.epochNNN.pt (to choose later)
    bool freezeNorm = false;     ///< keep batch-norm statistics (fine-tuning on a few sheets of one style)
    QString modelId;
    /// When set, write `dumpCrops` training crops here (the crop beside its labels: 0 black,
    /// curve one white, curve two light grey, left out mid grey) and train nothing.
    QString dumpCropsDir;
    int dumpCrops = 32;
    std::function<void(const EpochReport &)> onEpoch;
};

struct TrainSummary
{
    QJsonArray history;          ///< one object per epoch
    double bestScore = 0.0;
    int epochsRun = 0;
    bool canceled = false;
};

/**
 * Trains VeerNet on generated sheets and/or folders of labelled sheets: validation F1/IoU and a
 * checkpoint every epoch, resume after a crash, cancel keeps the best checkpoint. Synchronous;
 * run it off the GUI thread.
 */
Result<TrainSummary> trainModel(const TrainOptions &options, Feedback *feedback = nullptr);

} // namespace veer
