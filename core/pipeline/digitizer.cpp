#include "digitizer.h"
#include "inkhint.h"

#include "base/version.h"
#include "calibration/calibration.h"
#include "raster/rastersource.h"
#include "trace/curvetracer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <optional>

namespace veer {

Result<DigitizeResult> digitizeSheet(const RasterSource &sheet, const Calibration &calibration,
                                     SegmentationModel *model, const DigitizeOptions &options, Feedback *feedback)
{
    using R = Result<DigitizeResult>;
    DigitizeResult result;
    QElapsedTimer timer;
    timer.start();
    // The segmenter reports into its own feedback; its callback forwards progress (scaled to the
    // segmentation share of the run) and the caller's cancel, once per tile.
    std::optional<Feedback> segmentFeedback;
    Feedback *segFb = nullptr;
    if (feedback) {
        segmentFeedback.emplace([feedback, &segmentFeedback](double p, const QString &m) {
            feedback->setProgress(p * 0.85, m);
            if (feedback->isCanceled())
                segmentFeedback->cancel();
        }, 0);
        segFb = &*segmentFeedback;
    }
    if (!options.givenLabels.empty()) {
        if (options.givenLabels.cols != sheet.width() || options.givenLabels.rows != sheet.height())
            return R::failure(QStringLiteral("%1: the label map is %2 x %3 but the sheet is %4 x %5")
                                  .arg(sheet.info().path).arg(options.givenLabels.cols).arg(options.givenLabels.rows)
                                  .arg(sheet.width()).arg(sheet.height()));
        // The pixels are not needed, but a sheet that does not decode is bad input all the same.
        const int probe = std::min(16, sheet.height());
        auto tail = sheet.readGrey(QRect(0, sheet.height() - probe, sheet.width(), probe));
        if (!tail)
            return R::failure(tail.error());
        result.labels = options.givenLabels;
        if (!options.givenProbabilities.empty()) {
            if (options.givenProbabilities.size() != options.givenLabels.size() || options.givenProbabilities.type() != CV_8UC2)
                return R::failure(QStringLiteral("%1: the probabilities do not match the label map").arg(sheet.info().path));
            result.probabilities = options.givenProbabilities;
        }
    } else {
        if (!model)
            return R::failure(QStringLiteral("no segmentation model"));
        SegmentOptions so = options.segment;
        so.probabilities = true;
        auto run = model->segment(sheet, so, segFb);
        if (feedback && feedback->isCanceled())
            return R::failure(QStringLiteral("cancelled"));
        if (!run)
            return R::failure(run.error());
        result.labels = run->labels;
        result.probabilities = run->probabilities;
        result.polarity = run->polarity;
    }
    // The user's ink colours, where given, take the class from ink of another colour.
    if (hasInkHints(calibration) && !result.probabilities.empty()) {
        result.labels = result.labels.clone();  // given labels belong to the caller
        result.probabilities = result.probabilities.clone();
        auto hinted = applyInkHints(sheet, calibration, result.labels, result.probabilities);
        if (!hinted)
            return R::failure(hinted.error());
    }
    result.segmentSeconds = timer.elapsed() / 1000.0;
    timer.restart();

    // Only the logged interval is traced: header text and repeat sections around it are not curves.
    TraceOptions traceOptions = options.trace;
    if (traceOptions.rowCount < 0 && traceOptions.firstRow == 0) {
        const auto [first, last] = calibration.traceRows(result.labels.rows);
        if (last < first)
            return R::failure(QStringLiteral("%1: the depth interval of the calibration lies off the sheet")
                                  .arg(sheet.info().path));
        traceOptions.firstRow = first;
        traceOptions.rowCount = last - first + 1;
    }
    CurveTracer tracer(traceOptions);
    auto traced = tracer.trace(result.labels, result.probabilities.empty() ? nullptr : &result.probabilities, calibration, nullptr);
    if (!traced)
        return R::failure(QStringLiteral("%1: tracing failed: %2").arg(sheet.info().path, traced.error()));
    result.trace = traced.take();
    auto sampled = CurveSampler::sample(result.trace, calibration, sheet.height());
    if (!sampled)
        return R::failure(QStringLiteral("%1: %2").arg(sheet.info().path, sampled.error()));
    result.log = sampled.take();
    auto sections = sampleSections(result.trace, calibration, sheet.height());
    if (!sections)
        return R::failure(QStringLiteral("%1: %2").arg(sheet.info().path, sections.error()));
    result.sections = sections.take();
    result.traceSeconds = timer.elapsed() / 1000.0;
    if (feedback)
        feedback->setProgress(100.0, QStringLiteral("Digitized"));
    return result;
}

QString sectionOutputPath(const QString &path, const QString &name)
{
    QString safe;
    for (const QChar c : name)
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            safe += c;
    if (safe.isEmpty())
        safe = QStringLiteral("SECTION");
    const QFileInfo info(path);
    const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    return info.dir().filePath(info.completeBaseName() + QLatin1Char('-') + safe + suffix);
}

Result<std::vector<SampledLog>> sampleSections(const TraceResult &trace, const Calibration &calibration, int imageHeight)
{
    using R = Result<std::vector<SampledLog>>;
    std::vector<SampledLog> logs;
    for (int k = 0; k < int(calibration.sections.size()); ++k) {
        auto sampled = CurveSampler::sample(trace, calibration.sectionCalibration(k), imageHeight);
        if (!sampled)
            return R::failure(QStringLiteral("section %1 (%2): %3")
                                  .arg(k + 1).arg(calibration.sections[size_t(k)].name, sampled.error()));
        logs.push_back(sampled.take());
    }
    return logs;
}

void addProvenance(LasDocument &las, const QString &sheetPath, const QString &calibrationPath, const ModelInfo *model,
                   const QString &note, Polarity polarity)
{
    las.other.push_back(QStringLiteral("Digitized from a raster log by Veer %1.").arg(QStringLiteral(VEER_VERSION_STRING)));
    las.other.push_back(QStringLiteral("Source image: %1").arg(QFileInfo(sheetPath).absoluteFilePath()));
    if (!calibrationPath.isEmpty())
        las.other.push_back(QStringLiteral("Calibration: %1").arg(QFileInfo(calibrationPath).absoluteFilePath()));
    if (model)
        las.other.push_back(QStringLiteral("Segmentation model: %1 (%2, %3 parameters)")
                                .arg(model->id.isEmpty() ? QStringLiteral("unnamed") : model->id, model->architecture)
                                .arg(model->parameterCount));
    else
        las.other.push_back(QStringLiteral("Segmentation: label map supplied by the user (no model)"));
    if (polarity == Polarity::Negative)
        las.other.push_back(QStringLiteral("Source polarity: negative (light ink on dark film), inverted before segmentation"));
    las.other.push_back(QStringLiteral("Date: %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    if (!note.isEmpty())
        las.other.push_back(note);
}

} // namespace veer
