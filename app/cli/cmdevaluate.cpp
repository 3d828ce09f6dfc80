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
#include "raster/pngfile.h"
#include "raster/rastersource.h"
#include "segment/segmetrics.h"
#include "trace/traceoptionsjson.h"

#include <opencv2/core.hpp>

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

namespace {

/**
 * Each case's segmentation by one model (--cache DIR): label map and probabilities kept under the
 * case name and a key of the model's id and file digest (ids survive retraining), so that tracer
 * settings can be compared without segmenting again.
 */
class SegmentationCache
{
public:
    SegmentationCache(const QString &dir, const SegmentationModel *model, const QString &modelPath)
        : mDir(dir)
    {
        QFile file(modelPath);
        if (!model || dir.isEmpty() || !file.open(QIODevice::ReadOnly))
            return;
        mKey = model->info().id + QLatin1Char('-')
            + QString::fromLatin1(
                   QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1).toHex().left(10));
    }

    /** Puts the kept segmentation of `caseDir` into `options`; false when there is none. */
    bool load(const QString &caseDir, DigitizeOptions &options) const
    {
        const QString stem = stemOf(caseDir);
        if (stem.isEmpty() || !QFileInfo::exists(stem + QStringLiteral(".probabilities.png")))
            return false;
        auto labels = readLabelMap(stem + QStringLiteral(".labels.png"));
        auto probabilities = readPngFile(stem + QStringLiteral(".probabilities.png"), CV_8UC3);
        if (!labels || !probabilities || probabilities->size() != labels->size())
            return false;
        options.givenLabels = *labels;
        options.givenProbabilities = decodeProbabilityImage(*probabilities);
        return true;
    }

    /** Keeps the segmentation of `caseDir`; false (after a message) when it cannot be written. */
    bool store(const QString &caseDir, const DigitizeResult &result) const
    {
        const QString stem = stemOf(caseDir);
        if (stem.isEmpty())
            return true;
        if (!writePng(stem + QStringLiteral(".labels.png"), result.labels)
            || !writePng(stem + QStringLiteral(".probabilities.png"),
                         encodeProbabilityImage(result.probabilities))) {
            printError(QStringLiteral("%1: cannot write the cache").arg(stem));
            return false;
        }
        return true;
    }

private:
    QString stemOf(const QString &caseDir) const
    {
        return mKey.isEmpty() ? QString()
                              : QDir(mDir).filePath(QFileInfo(caseDir).fileName() + QLatin1Char('.') + mKey);
    }

    QString mDir;
    QString mKey;
};

/** What every case shares: the model (none with --true-labels), the cache and the outputs. */
struct EvaluationRun
{
    SegmentationModel *model = nullptr;
    bool trueLabels = false;
    bool perCase = false;
    QString lasDir;
    const SegmentationCache *cache = nullptr;
};

/** The figures summed over the cases. */
struct EvaluationTotals
{
    SegMetrics pixels{1};
    CurveEvaluation curves;
    QJsonArray perCase;
    double megapixels = 0.0, segmentSeconds = 0.0, traceSeconds = 0.0, traceTrackMpix = 0.0;
    int done = 0, cached = 0;

    QJsonObject report(const EvaluationRun &run, const TraceOptions &trace) const
    {
        QJsonObject r{
            {QStringLiteral("cases"), done},
            {QStringLiteral("mode"),
             run.trueLabels ? QStringLiteral("true labels (tracer only)") : QStringLiteral("model")},
            {QStringLiteral("model"), run.model ? run.model->info().id : QString()},
            {QStringLiteral("background_weight"),
             run.model ? QJsonValue(run.model->info().backgroundWeight) : QJsonValue()},
            {QStringLiteral("curves"), curves.toJson()},
            {QStringLiteral("segment_mpix_per_s"),
             run.trueLabels || cached > 0 ? QJsonValue()
                                          : QJsonValue(megapixels / std::max(1e-9, segmentSeconds))},
            {QStringLiteral("segmentations_from_cache"), cached},
            {QStringLiteral("trace_options"), traceOptionsToJson(trace)},
            {QStringLiteral("trace_track_mpix_per_s"), traceTrackMpix / std::max(1e-9, traceSeconds)},
            {QStringLiteral("overall_mpix_per_s"),
             cached > 0 ? QJsonValue()
                        : QJsonValue(megapixels / std::max(1e-9, segmentSeconds + traceSeconds))},
            {QStringLiteral("megapixels"), megapixels}};
        if (!run.trueLabels)
            r.insert(QStringLiteral("label_map"), pixels.toJson());
        if (!perCase.isEmpty())
            r.insert(QStringLiteral("per_case"), perCase);
        return r;
    }
};

/** One case folder: digitized (or from the cache), its LAS written, compared with its truth. */
int evaluateCase(const QString &dir, const EvaluationRun &run, DigitizeOptions options,
                 EvaluationTotals &totals)
{
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
    if (run.trueLabels) {
        if (trueMap.empty()) {
            printError(QStringLiteral("%1: --true-labels needs labels.png").arg(dir));
            return ExitFailure;
        }
        options.givenLabels = trueMap;
    }
    // A kept segmentation of this case by this model stands in for segmenting again.
    const bool fromCache = run.cache && run.cache->load(dir, options);
    auto result = digitizeSheet(**sheet, *cal, run.model, options);
    if (!result) {
        printError(result.error());
        return ExitFailure;
    }
    if (fromCache)
        ++totals.cached;
    else if (run.cache && !run.cache->store(dir, *result))
        return ExitFailure;
    if (!run.lasDir.isEmpty()) {
        const QString lasPath = QDir(run.lasDir).filePath(QFileInfo(dir).fileName() + QStringLiteral(".las"));
        if (Status s = writeLas(result->log.las, lasPath); !s) {
            printError(s.error());
            return ExitFailure;
        }
    }
    if (!trueMap.empty())
        totals.pixels.add(result->labels, trueMap);
    CurveEvaluation one;
    if (const QString err = one.add(result->log.las, *truth, *cal); !err.isEmpty()) {
        printError(QStringLiteral("%1: %2").arg(dir, err));
        return ExitFailure;
    }
    totals.curves.add(result->log.las, *truth, *cal);
    const double mpix = double((*sheet)->width()) * (*sheet)->height() / 1e6;
    double trackArea = 0.0;
    for (const Track &t : cal->tracks)
        trackArea += t.width() * (*sheet)->height() / 1e6;
    totals.megapixels += mpix;
    totals.traceTrackMpix += trackArea;
    totals.segmentSeconds += result->segmentSeconds;
    totals.traceSeconds += result->traceSeconds;
    if (run.perCase) {
        QJsonObject o = one.toJson();
        o.insert(QStringLiteral("case"), QFileInfo(dir).fileName());
        totals.perCase.append(o);
    }
    ++totals.done;
    return ExitOk;
}

} // namespace

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
    EvaluationRun run;
    run.trueLabels = parser.isSet(QStringLiteral("true-labels"));
    run.perCase = parser.isSet(QStringLiteral("per-case"));
    run.lasDir = lasDir;
    std::unique_ptr<SegmentationModel> model;
    QString modelPath;
    if (!run.trueLabels) {
        model = loadModelOption(parser, &modelPath);
        if (!model)
            return ExitFailure;
        run.model = model.get();
    }
    const SegmentationCache cache(cacheDir, run.model, modelPath);
    run.cache = &cache;

    EvaluationTotals totals;
    for (const QString &dir : cases) {
        if (const int code = evaluateCase(dir, run, options, totals); code != ExitOk)
            return code;
        std::fprintf(stderr, "\r%d/%lld cases", totals.done, static_cast<long long>(cases.size()));
        std::fflush(stderr);
    }
    std::fprintf(stderr, "\n");
    const QJsonObject report = totals.report(run, options.trace);
    printOut(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented)));
    return ExitOk;
}

VEER_CLI_COMMAND("evaluate", "Digitize generated cases and compare with their truth (JSON)", cmdEvaluate);

} // namespace veer::cli
