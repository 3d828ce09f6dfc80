// veer-cli evaluate CASES_DIR: digitize generated cases and compare with their truth.
#include "cliutil.h"
#include "commands.h"
#include "evaluatecalibration.h"
#include "evaluatereal.h"

#include "calibration/calibration.h"
#include "las/lasreader.h"
#include "las/laswriter.h"
#include "pipeline/digitizer.h"
#include "pipeline/evaluation.h"
#include "raster/labelmap.h"
#include "raster/rastersource.h"
#include "segment/segmetrics.h"
#include "trace/traceoptionsjson.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace veer::cli {

static QStringList findCases(const QString &root)
{
    QStringList cases;
    QDirIterator it(root, {QStringLiteral("truth.las")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QDir dir = QFileInfo(it.next()).dir();
        if (QFileInfo::exists(dir.filePath(QStringLiteral("sheet.png"))) && QFileInfo::exists(dir.filePath(QStringLiteral("calibration.json"))))
            cases << dir.path();
    }
    cases.sort();
    return cases;
}

static int cmdEvaluate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Digitize every case folder (sheet.png, calibration.json, truth.las, labels.png) under CASES_DIR and\n"
        "compare with the truth: label-map F1 per class, curve error as a fraction of track width, coverage,\n"
        "swap rate and speed. Prints JSON."));
    parser.addPositionalArgument(QStringLiteral("CASES_DIR"), QStringLiteral("Folder of generated cases (veer-cli synth)."));
    addModelOption(parser);
    parser.addOption({QStringLiteral("true-labels"), QStringLiteral("Feed the tracer the true label maps (separates tracer error from network error).")});
    parser.addOption({QStringLiteral("limit"), QStringLiteral("Evaluate at most N cases."), QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("LibTorch threads."), QStringLiteral("N"), QStringLiteral("2")});
    parser.addOption({QStringLiteral("per-case"), QStringLiteral("Include per-case figures in the JSON.")});
    parser.addOption({QStringLiteral("cache"),
                      QStringLiteral("Keep each case's label map and probabilities here, per model id, and reuse them: tracer "
                                     "settings can then be compared without segmenting again."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("las-out"),
                      QStringLiteral("Write each case's digitized LAS here, named after its case folder."), QStringLiteral("DIR")});
    addTraceOptionsOption(parser);
    addRealSheetOptions(parser);
    addCalibrationCheckOptions(parser);
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("evaluate"), args, 1, 1, code))
        return code;
    if (parser.isSet(QStringLiteral("real"))) {
        const QString root = parser.positionalArguments().first();
        if (!QFileInfo(root).isDir()) {
            printError(QStringLiteral("%1: not a folder").arg(root));
            return ExitFailure;
        }
        return evaluateRealSheets(parser, root);
    }
    int limit = 0;
    DigitizeOptions options;
    if (!optionInt(parser, QStringLiteral("limit"), limit) || !optionInt(parser, QStringLiteral("threads"), options.segment.threads))
        return ExitUsage;
    if (!readTraceOptions(parser, options.trace))
        return ExitFailure;
    const QString cacheDir = parser.value(QStringLiteral("cache"));
    const QString lasDir = parser.value(QStringLiteral("las-out"));
    if (!lasDir.isEmpty() && !QDir().mkpath(lasDir)) {
        printError(QStringLiteral("%1: cannot create the output folder").arg(lasDir));
        return ExitFailure;
    }
    if (!cacheDir.isEmpty() && !QDir().mkpath(cacheDir)) {
        printError(QStringLiteral("%1: cannot create the cache folder").arg(cacheDir));
        return ExitFailure;
    }
    const QString root = parser.positionalArguments().first();
    if (!QFileInfo(root).isDir()) {
        printError(QStringLiteral("%1: not a folder").arg(root));
        return ExitFailure;
    }
    QStringList cases = findCases(root);
    if (cases.isEmpty()) {
        printError(QStringLiteral("%1: no case folders (sheet.png + calibration.json + truth.las)").arg(root));
        return ExitFailure;
    }
    if (limit > 0 && cases.size() > limit)
        cases = cases.mid(0, limit);
    if (parser.isSet(QStringLiteral("calibrate")))
        return evaluateCalibrations(parser, cases);
    const bool trueLabels = parser.isSet(QStringLiteral("true-labels"));
    std::unique_ptr<SegmentationModel> model;
    QString modelKey;  // cache key: the model id and a digest of the file (ids survive retraining)
    if (!trueLabels) {
        QString modelPath;
        model = loadModelOption(parser, &modelPath);
        if (!model)
            return ExitFailure;
        QFile file(modelPath);
        if (file.open(QIODevice::ReadOnly))
            modelKey = model->info().id + QLatin1Char('-')
                + QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1).toHex().left(10));
    }

    SegMetrics pixels(1);
    CurveEvaluation curves;
    QJsonArray perCase;
    double megapixels = 0.0, segmentSeconds = 0.0, traceSeconds = 0.0, traceTrackMpix = 0.0;
    int done = 0, cached = 0;
    for (const QString &dir : cases) {
        const QDir d(dir);
        auto cal = Calibration::load(d.filePath(QStringLiteral("calibration.json")));
        auto truth = readLas(d.filePath(QStringLiteral("truth.las")));
        auto sheet = RasterSource::open(d.filePath(QStringLiteral("sheet.png")));
        if (!cal || !truth || !sheet) {
            printError(!cal ? cal.error() : !truth ? truth.error() : sheet.error());
            return ExitFailure;
        }
        cv::Mat trueMap;
        if (QFileInfo::exists(d.filePath(QStringLiteral("labels.png")))) {
            auto labels = readLabelMap(d.filePath(QStringLiteral("labels.png")));
            if (!labels) {
                printError(labels.error());
                return ExitFailure;
            }
            trueMap = *labels;
        }
        if (trueLabels) {
            if (trueMap.empty()) {
                printError(QStringLiteral("%1: --true-labels needs labels.png").arg(dir));
                return ExitFailure;
            }
            options.givenLabels = trueMap;
        }
        // A cached segmentation of this case by this model stands in for segmenting again.
        const QString cacheStem = cacheDir.isEmpty() || !model
            ? QString()
            : QDir(cacheDir).filePath(QFileInfo(dir).fileName() + QLatin1Char('.') + modelKey);
        bool fromCache = false;
        if (!cacheStem.isEmpty() && QFileInfo::exists(cacheStem + QStringLiteral(".probabilities.png"))) {
            auto labels = readLabelMap(cacheStem + QStringLiteral(".labels.png"));
            const cv::Mat probs3 = cv::imread(QFile::encodeName(cacheStem + QStringLiteral(".probabilities.png")).toStdString(), cv::IMREAD_COLOR);
            if (labels && !probs3.empty() && probs3.size() == labels->size()) {
                options.givenLabels = *labels;
                options.givenProbabilities = decodeProbabilityImage(probs3);
                fromCache = true;
            }
        }
        auto result = digitizeSheet(**sheet, *cal, model.get(), options);
        if (!result) {
            printError(result.error());
            return ExitFailure;
        }
        if (fromCache) {
            options.givenLabels.release();
            options.givenProbabilities.release();
            ++cached;
        } else if (!cacheStem.isEmpty()) {
            if (!writePng(cacheStem + QStringLiteral(".labels.png"), result->labels)
                || !writePng(cacheStem + QStringLiteral(".probabilities.png"), encodeProbabilityImage(result->probabilities))) {
                printError(QStringLiteral("%1: cannot write the cache").arg(cacheStem));
                return ExitFailure;
            }
        }
        if (!lasDir.isEmpty()) {
            const QString lasPath = QDir(lasDir).filePath(QFileInfo(dir).fileName() + QStringLiteral(".las"));
            if (Status s = writeLas(result->log.las, lasPath); !s) {
                printError(s.error());
                return ExitFailure;
            }
        }
        if (!trueMap.empty())
            pixels.add(result->labels, trueMap);
        CurveEvaluation one;
        if (const QString err = one.add(result->log.las, *truth, *cal); !err.isEmpty()) {
            printError(QStringLiteral("%1: %2").arg(dir, err));
            return ExitFailure;
        }
        curves.add(result->log.las, *truth, *cal);
        const double mpix = double((*sheet)->width()) * (*sheet)->height() / 1e6;
        double trackArea = 0.0;
        for (const Track &t : cal->tracks)
            trackArea += t.width() * (*sheet)->height() / 1e6;
        megapixels += mpix;
        traceTrackMpix += trackArea;
        segmentSeconds += result->segmentSeconds;
        traceSeconds += result->traceSeconds;
        if (parser.isSet(QStringLiteral("per-case"))) {
            QJsonObject o = one.toJson();
            o.insert(QStringLiteral("case"), QFileInfo(dir).fileName());
            perCase.append(o);
        }
        ++done;
        std::fprintf(stderr, "\r%d/%lld cases", done, static_cast<long long>(cases.size()));
        std::fflush(stderr);
    }
    std::fprintf(stderr, "\n");
    QJsonObject report{{QStringLiteral("cases"), done},
                       {QStringLiteral("mode"), trueLabels ? QStringLiteral("true labels (tracer only)") : QStringLiteral("model")},
                       {QStringLiteral("model"), model ? model->info().id : QString()},
                       {QStringLiteral("curves"), curves.toJson()},
                       {QStringLiteral("segment_mpix_per_s"),
                        trueLabels || cached > 0 ? QJsonValue() : QJsonValue(megapixels / std::max(1e-9, segmentSeconds))},
                       {QStringLiteral("segmentations_from_cache"), cached},
                       {QStringLiteral("trace_options"), traceOptionsToJson(options.trace)},
                       {QStringLiteral("trace_track_mpix_per_s"), traceTrackMpix / std::max(1e-9, traceSeconds)},
                       {QStringLiteral("overall_mpix_per_s"),
                        cached > 0 ? QJsonValue() : QJsonValue(megapixels / std::max(1e-9, segmentSeconds + traceSeconds))},
                       {QStringLiteral("megapixels"), megapixels}};
    if (!trueLabels)
        report.insert(QStringLiteral("label_map"), pixels.toJson());
    if (!perCase.isEmpty())
        report.insert(QStringLiteral("per_case"), perCase);
    printOut(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented)));
    return ExitOk;
}

VEER_CLI_COMMAND("evaluate", "Digitize generated cases and compare with their truth (JSON)", cmdEvaluate);

} // namespace veer::cli
