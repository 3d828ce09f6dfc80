// veer-cli train: trains or fine-tunes the segmentation network.
#include "cliutil.h"
#include "commands.h"

#include "base/resources.h"
#include "segment/realbackground.h"
#include "segment/trainer.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

namespace veer::cli {

static int cmdTrain(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Train the 3-class segmentation network on generated sheets (on line) and on folders of labelled sheets.\n"
        "Every epoch validates on generated evaluation sheets and writes OUT, OUT.last.pt, OUT.optim.pt, OUT.state.json."));
    auto add = [&](const QString &name, const QString &help, const QString &value = {}, const QString &def = {}) {
        parser.addOption(QCommandLineOption(name, help, value, def));
    };
    add(QStringLiteral("data"), QStringLiteral("Folder of case folders (sheet.png + labels.png [+ reviewed.png]); repeatable."), QStringLiteral("DIR"));
    parser.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output"), QStringLiteral("out")},
                                        QStringLiteral("Model file to write (the best epoch); --out is the same."),
                                        QStringLiteral("MODEL")));
    add(QStringLiteral("init"), QStringLiteral("Fine-tune from this model."), QStringLiteral("MODEL"));
    add(QStringLiteral("resume"), QStringLiteral("Continue from OUT.last.pt / OUT.state.json after a crash or a time limit."));
    add(QStringLiteral("epochs"), QStringLiteral("Epochs."), QStringLiteral("N"), QStringLiteral("10"));
    add(QStringLiteral("steps"), QStringLiteral("Steps per epoch."), QStringLiteral("N"), QStringLiteral("100"));
    add(QStringLiteral("batch"), QStringLiteral("Crops per step."), QStringLiteral("N"), QStringLiteral("8"));
    add(QStringLiteral("crop"), QStringLiteral("Crop size (multiple of 16)."), QStringLiteral("N"), QStringLiteral("256"));
    add(QStringLiteral("lr"), QStringLiteral("Peak learning rate (AdamW, cosine decay)."), QStringLiteral("X"), QStringLiteral("0.002"));
    add(QStringLiteral("threads"), QStringLiteral("LibTorch threads."), QStringLiteral("N"), QStringLiteral("2"));
    add(QStringLiteral("seed"), QStringLiteral("Seed of the training stream."), QStringLiteral("N"), QStringLiteral("1"));
    add(QStringLiteral("target"), QStringLiteral("softmax (one 3-class softmax) or binary (three independent sigmoid masks, for comparison)."), QStringLiteral("KIND"), QStringLiteral("softmax"));
    add(QStringLiteral("base"), QStringLiteral("Channels at full resolution."), QStringLiteral("N"), QStringLiteral("16"));
    add(QStringLiteral("levels"), QStringLiteral("Down-sampling levels."), QStringLiteral("N"), QStringLiteral("3"));
    add(QStringLiteral("ce"), QStringLiteral("Weight of the (focal) cross-entropy."), QStringLiteral("X"), QStringLiteral("1"));
    add(QStringLiteral("focal-gamma"), QStringLiteral("Focal exponent; 0 = plain cross-entropy."), QStringLiteral("X"), QStringLiteral("2"));
    add(QStringLiteral("region"), QStringLiteral("Weight of the Tversky region term."), QStringLiteral("X"), QStringLiteral("1"));
    add(QStringLiteral("tversky-alpha"), QStringLiteral("Tversky false-positive weight."), QStringLiteral("X"), QStringLiteral("0.5"));
    add(QStringLiteral("tversky-beta"), QStringLiteral("Tversky false-negative weight."), QStringLiteral("X"), QStringLiteral("0.5"));
    add(QStringLiteral("synth-share"), QStringLiteral("Share of crops from on-line generated sheets when --data is given (replay)."), QStringLiteral("X"), QStringLiteral("0.5"));
    add(QStringLiteral("no-synth"), QStringLiteral("Train on --data only."));
    add(QStringLiteral("freeze-norm"), QStringLiteral("Keep the batch-norm statistics of --init (fine-tuning on a few sheets of one style)."));
    add(QStringLiteral("las"), QStringLiteral("Real LAS file for synthetic curve shapes; repeatable (default: resources/las)."), QStringLiteral("FILE"));
    add(QStringLiteral("real-backgrounds"), QStringLiteral("Folder of real scanned sheets whose paper (grid, speckle, ticks, shading) backs "
                                                           "a share of the generated crops; repeatable."), QStringLiteral("DIR"));
    add(QStringLiteral("real-share"), QStringLiteral("Share of generated crops given a real background."), QStringLiteral("X"), QStringLiteral("0.35"));
    add(QStringLiteral("real-holdout"), QStringLiteral("List of real sheet names never read for backgrounds (default: "
                                                       "realscans-heldout.txt beside the shipped model)."), QStringLiteral("FILE"));
    add(QStringLiteral("print-styles"), QStringLiteral("Generated sheets include the print styles: colour prints (light and dark colour "
                                                       "inks, coloured grids, shading, palettes), long pegs, violent dashes, 1-bit wraps back."));
    add(QStringLiteral("colour-share"),
        QStringLiteral("With --print-styles: share of generated sheets drawn as colour prints."),
        QStringLiteral("X"), QStringLiteral("0.3"));
    add(QStringLiteral("dump-crops"), QStringLiteral("Write 32 training crops beside their labels here and train nothing."), QStringLiteral("DIR"));
    add(QStringLiteral("val-cases"), QStringLiteral("Validation sheets (evaluation seeds); 0 = choose on --val-data only."), QStringLiteral("N"), QStringLiteral("16"));
    add(QStringLiteral("val-data"), QStringLiteral("Held-apart folder of labelled case folders, validated besides the generated sheets; the best "
                                                   "epoch is then chosen on the mean of both; repeatable."), QStringLiteral("DIR"));
    add(QStringLiteral("max-minutes"), QStringLiteral("Stop after the epoch that passes this wall time."), QStringLiteral("X"), QStringLiteral("0"));
    add(QStringLiteral("keep-epochs"), QStringLiteral("Also keep every epoch's weights as OUT.epochNNN.pt, to choose among them on a tuning set."));
    add(QStringLiteral("id"), QStringLiteral("Model id to record."), QStringLiteral("ID"));
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("train"), args, 0, 0, code))
        return code;
    TrainOptions o;
    o.outPath = parser.value(QStringLiteral("output"));
    if (o.outPath.isEmpty()) {
        printError(QStringLiteral("train: -o/--output MODEL is required"));
        return ExitUsage;
    }
    o.dataDirs = parser.values(QStringLiteral("data"));
    o.validationDirs = parser.values(QStringLiteral("val-data"));
    o.initPath = parser.value(QStringLiteral("init"));
    o.resume = parser.isSet(QStringLiteral("resume"));
    o.freezeNorm = parser.isSet(QStringLiteral("freeze-norm"));
    o.keepEpochs = parser.isSet(QStringLiteral("keep-epochs"));
    if (parser.isSet(QStringLiteral("print-styles")))
        o.printStyles = PrintStyleOptions::trainingMix();
    if (parser.isSet(QStringLiteral("colour-share"))) {
        if (!parser.isSet(QStringLiteral("print-styles"))) {
            printError(QStringLiteral("train: --colour-share needs --print-styles"));
            return ExitUsage;
        }
        if (!optionDouble(parser, QStringLiteral("colour-share"), o.printStyles.colourPrint))
            return ExitUsage;
        if (o.printStyles.colourPrint < 0.0 || o.printStyles.colourPrint > 1.0) {
            printError(QStringLiteral("train: --colour-share must lie in [0, 1]"));
            return ExitUsage;
        }
    }
    const QString target = parser.value(QStringLiteral("target"));
    if (target != QLatin1String("softmax") && target != QLatin1String("binary")) {
        printError(QStringLiteral("--target: expected softmax or binary, got '%1'").arg(target));
        return ExitUsage;
    }
    o.net.binaryTarget = target == QLatin1String("binary");
    int seed = 1;
    if (!optionInt(parser, QStringLiteral("epochs"), o.epochs) || !optionInt(parser, QStringLiteral("steps"), o.stepsPerEpoch)
        || !optionInt(parser, QStringLiteral("batch"), o.batchSize) || !optionInt(parser, QStringLiteral("crop"), o.crop)
        || !optionDouble(parser, QStringLiteral("lr"), o.learningRate) || !optionInt(parser, QStringLiteral("threads"), o.threads)
        || !optionInt(parser, QStringLiteral("seed"), seed) || !optionInt(parser, QStringLiteral("base"), o.net.base)
        || !optionInt(parser, QStringLiteral("levels"), o.net.levels) || !optionDouble(parser, QStringLiteral("ce"), o.loss.ceWeight)
        || !optionDouble(parser, QStringLiteral("focal-gamma"), o.loss.focalGamma)
        || !optionDouble(parser, QStringLiteral("region"), o.loss.regionWeight)
        || !optionDouble(parser, QStringLiteral("tversky-alpha"), o.loss.tverskyAlpha)
        || !optionDouble(parser, QStringLiteral("tversky-beta"), o.loss.tverskyBeta)
        || !optionDouble(parser, QStringLiteral("synth-share"), o.synthShare)
        || !optionInt(parser, QStringLiteral("val-cases"), o.validationCases)
        || !optionDouble(parser, QStringLiteral("max-minutes"), o.maxMinutes))
        return ExitUsage;
    o.seed = std::uint64_t(seed);
    if (o.epochs < 1 || o.stepsPerEpoch < 1 || o.batchSize < 1 || o.crop < 32 || o.crop % 16 != 0 || o.validationCases < 0) {
        printError(QStringLiteral("train: --epochs, --steps, --batch must be positive, --val-cases not negative and --crop a multiple of 16 of at least 32"));
        return ExitUsage;
    }
    if (o.validationCases == 0 && o.validationDirs.isEmpty()) {
        printError(QStringLiteral("train: --val-cases 0 needs at least one --val-data folder to choose the epoch on"));
        return ExitUsage;
    }
    if (o.dataDirs.isEmpty())
        o.synthShare = 1.0;
    if (parser.isSet(QStringLiteral("no-synth"))) {
        if (o.dataDirs.isEmpty()) {
            printError(QStringLiteral("train: --no-synth needs --data"));
            return ExitUsage;
        }
        o.synthShare = 0.0;
    }
    o.lasFiles = parser.isSet(QStringLiteral("las")) ? parser.values(QStringLiteral("las")) : shippedLasFiles();
    for (const QString &f : o.lasFiles) {
        if (!QFileInfo::exists(f)) {
            printError(QStringLiteral("%1: no such LAS file").arg(f));
            return ExitFailure;
        }
    }
    o.realBackgroundDirs = parser.values(QStringLiteral("real-backgrounds"));
    if (!o.realBackgroundDirs.isEmpty()) {
        if (!optionDouble(parser, QStringLiteral("real-share"), o.realShare))
            return ExitUsage;
        // The held-out real sheets are never read: without their list there is no run.
        const QString holdout = parser.isSet(QStringLiteral("real-holdout"))
            ? parser.value(QStringLiteral("real-holdout"))
            : QFileInfo(defaultModelPath()).dir().filePath(QStringLiteral("realscans-heldout.txt"));
        auto names = readNameList(holdout);
        if (!names) {
            printError(names.error());
            return ExitFailure;
        }
        o.realExclude = names.take();
    }
    o.dumpCropsDir = parser.value(QStringLiteral("dump-crops"));
    o.modelId = parser.value(QStringLiteral("id"));
    o.onEpoch = [foldersOnly = o.validationCases == 0](const EpochReport &r) {
        const QJsonObject v = r.valMetrics;
        auto f = [&](const char *cls, const char *key) {
            return v.value(QLatin1String(cls)).toObject().value(QLatin1String(key)).toDouble();
        };
        if (foldersOnly) {
            printOut(QStringLiteral("epoch %1/%2  train loss %3  %4 s%5\n").arg(r.epoch).arg(r.epochs).arg(r.trainLoss, 0, 'f', 4)
                         .arg(r.seconds, 0, 'f', 0).arg(r.best ? QStringLiteral("  (best, saved)") : QString()));
        } else {
            printOut(QStringLiteral("epoch %1/%2  train loss %3  val loss %4  F1 strict c1 %5 c2 %6  F1 1px c1 %7 c2 %8  IoU c1 %9 c2 %10  %11 s%12\n")
                     .arg(r.epoch).arg(r.epochs).arg(r.trainLoss, 0, 'f', 4).arg(r.valLoss, 0, 'f', 4)
                     .arg(f("curve_one", "f1_strict"), 0, 'f', 3).arg(f("curve_two", "f1_strict"), 0, 'f', 3)
                     .arg(f("curve_one", "f1_tolerant_1px"), 0, 'f', 3).arg(f("curve_two", "f1_tolerant_1px"), 0, 'f', 3)
                     .arg(f("curve_one", "iou_strict"), 0, 'f', 3).arg(f("curve_two", "iou_strict"), 0, 'f', 3)
                     .arg(r.seconds, 0, 'f', 0).arg(r.best ? QStringLiteral("  (best, saved)") : QString()));
        }
        if (!r.valDataMetrics.isEmpty()) {
            auto g = [&](const char *cls) {
                return r.valDataMetrics.value(QLatin1String(cls)).toObject().value(QStringLiteral("f1_strict")).toDouble();
            };
            printOut(QStringLiteral("          held-apart folders: F1 strict c1 %1 c2 %2  score %3\n")
                         .arg(g("curve_one"), 0, 'f', 3).arg(g("curve_two"), 0, 'f', 3).arg(r.meanCurveF1, 0, 'f', 4));
        }
    };
    Feedback feedback([](double p, const QString &message) {
        std::fprintf(stderr, "\r%5.1f%% %s   ", p, qPrintable(message));
        std::fflush(stderr);
    }, 2000);
    auto result = trainModel(o, &feedback);
    std::fprintf(stderr, "\n");
    if (!result) {
        printError(result.error());
        return ExitFailure;
    }
    printOut(QStringLiteral("best mean curve F1 (strict) %1 after %2 epoch(s); model %3\n")
                 .arg(result->bestScore, 0, 'f', 4).arg(result->epochsRun).arg(o.outPath));
    return ExitOk;
}

VEER_CLI_COMMAND("train", "Train or fine-tune the segmentation network", cmdTrain);

} // namespace veer::cli
