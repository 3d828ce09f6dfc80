// veer-cli evaluate --real DIR: how much grid-line ink the model calls a curve on real sheets.
#include "evaluatereal.h"

#include "cliutil.h"

#include "calibration/calibration.h"
#include "pipeline/annotation.h"
#include "pipeline/evaluation.h"
#include "pipeline/gridink.h"
#include "raster/labelmap.h"
#include "raster/overlay.h"
#include "raster/rastersource.h"
#include "segment/segmentationmodel.h"
#include "segment/segmetrics.h"
#include "trace/curvetracer.h"

#include <opencv2/imgcodecs.hpp>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace veer::cli {

namespace {

/** Real sheets (raster files) and generated case folders (sheet.png + labels.png) under `root`. */
QStringList findSheets(const QString &root, const QStringList &only)
{
    QStringList out;
    const QDir dir(root);
    const QStringList files = dir.entryList({QStringLiteral("*.tif"), QStringLiteral("*.TIF"), QStringLiteral("*.tiff"),
                                             QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg")},
                                            QDir::Files, QDir::Name);
    for (const QString &f : files)
        out << dir.filePath(f);
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (QFileInfo::exists(dir.filePath(sub + QStringLiteral("/sheet.png"))))
            out << dir.filePath(sub + QStringLiteral("/sheet.png"));
    }
    if (only.isEmpty())
        return out;
    QStringList kept;
    for (const QString &p : out) {
        const QFileInfo fi(p);
        const QString name = fi.fileName() == QLatin1String("sheet.png") ? fi.dir().dirName() : fi.fileName();
        if (only.contains(name))
            kept << p;
    }
    return kept;
}

/** The overlay with the counted grid ink that is called a curve in magenta. */
cv::Mat overlayWithGridInk(const cv::Mat &grey, const cv::Mat &labels, const cv::Mat &lines)
{
    cv::Mat out = renderOverlay(grey, labels);
    const cv::Mat wrong = lines & (labels > 0);
    out.setTo(cv::Scalar(200, 0, 200), wrong);
    return out;
}

} // namespace

void addRealSheetOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("real"),
                      QStringLiteral("CASES_DIR holds real sheets without truth (raster files): report per sheet the share of "
                                     "long straight grid-line ink the label map calls a curve. With --true-labels on "
                                     "generated cases, the same measure of their truth labels.")});
    parser.addOption({QStringLiteral("sheets"), QStringLiteral("With --real: only these file (or case folder) names."),
                      QStringLiteral("NAME,...")});
    parser.addOption({QStringLiteral("windows"), QStringLiteral("With --real: windows of 1024 rows per sheet, spread down it."),
                      QStringLiteral("N"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("crops"), QStringLiteral("With --real: write an overlay of each sheet's second window here."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("annotations"),
                      QStringLiteral("With --real: score the model on the hand-labelled bands of those sheets described in "
                                     "DIR (veer-annotation/1 files, as in tests/data/real-annotations): strict and 1 px F1 per "
                                     "class, and the tracer's coverage and swaps against the trace of the hand labels."),
                      QStringLiteral("DIR")});
}

namespace {

/** Trace agreement of one band: per curve sample of the hand labels' trace, found and swapped. */
struct TraceAgreement
{
    long long truthSamples = 0, covered = 0;
    long long separatedRows = 0, swappedRows = 0;

    /** Adds the tracks of `model` against `truth` (both traced with `calibration`) within the labelled columns. */
    void add(const TraceResult &model, const TraceResult &truth, const Calibration &calibration, int left, int right)
    {
        for (size_t t = 0; t < calibration.tracks.size() && t < truth.tracks.size() && t < model.tracks.size(); ++t) {
            const Track &track = calibration.tracks[t];
            if (track.left < left || track.right > right)
                continue;
            const double width = track.right - track.left;
            const double tolerance = 0.02 * width;
            const auto &tc = truth.tracks[t].curves;
            const auto &mc = model.tracks[t].curves;
            if (tc.size() < 2 || mc.size() < 2)
                continue;
            for (int r = 0; r < truth.rowCount; ++r) {
                const size_t i = size_t(r);
                for (int c = 0; c < 2; ++c) {
                    const float tv = tc[size_t(c)].column[i];
                    if (std::isnan(tv))
                        continue;
                    ++truthSamples;
                    const float mv = mc[size_t(c)].column[i];
                    if (!std::isnan(mv) && std::abs(mv - tv) <= tolerance)
                        ++covered;
                }
                const float t1 = tc[0].column[i], t2 = tc[1].column[i];
                const float m1 = mc[0].column[i], m2 = mc[1].column[i];
                if (std::isnan(t1) || std::isnan(t2) || std::abs(t1 - t2) < CurveEvaluation::kSeparated * width)
                    continue;
                ++separatedRows;
                if (!std::isnan(m1) && !std::isnan(m2) && std::abs(m1 - t2) + std::abs(m2 - t1) < std::abs(m1 - t1) + std::abs(m2 - t2))
                    ++swappedRows;
            }
        }
    }
};

QJsonObject scoreJson(const SegMetrics &m)
{
    const auto r = [](double v) { return std::round(v * 10000.0) / 10000.0; };
    return {{QStringLiteral("f1_strict_c1"), r(m.f1(1))}, {QStringLiteral("f1_strict_c2"), r(m.f1(2))},
            {QStringLiteral("f1_1px_c1"), r(m.f1Tolerant(1))}, {QStringLiteral("f1_1px_c2"), r(m.f1Tolerant(2))}};
}

/** The tracer over a band's labels with its calibration; 255 (not labelled) counts as background. */
Result<TraceResult> traceBand(const cv::Mat &labels, const cv::Mat *probabilities, const Calibration &calibration)
{
    cv::Mat clean = labels.clone();
    clean.setTo(0, labels == 255);
    CurveTracer tracer;
    return tracer.trace(clean, probabilities, calibration);
}

} // namespace

int evaluateAnnotations(const QCommandLineParser &parser, const QString &root, const QString &annotationDir)
{
    const QDir dir(annotationDir);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        printError(QStringLiteral("%1: no veer-annotation/1 files (*.json)").arg(annotationDir));
        return ExitFailure;
    }
    std::unique_ptr<SegmentationModel> model = loadModelOption(parser);
    if (!model)
        return ExitFailure;
    int threads = 2;
    if (!optionInt(parser, QStringLiteral("threads"), threads))
        return ExitUsage;
    SegmentOptions so;
    so.threads = threads;
    so.probabilities = true;
    QJsonArray bands;
    for (const QString &file : files) {
        const QString path = dir.filePath(file);
        auto band = readAnnotation(path);
        if (!band) {
            printError(band.error());
            return ExitFailure;
        }
        const QString sheetPath = QDir(root).filePath(band->sheet);
        auto src = RasterSource::open(sheetPath);
        if (!src) {
            printError(src.error());
            return ExitFailure;
        }
        const cv::Mat &truth = band->labels;
        if (truth.cols != (*src)->width() || band->firstRow < 0 || band->firstRow + truth.rows > (*src)->height()) {
            printError(QStringLiteral("%1: the labels (%2 x %3 from row %4) do not fit %5")
                           .arg(path).arg(truth.cols).arg(truth.rows).arg(band->firstRow).arg(sheetPath));
            return ExitFailure;
        }
        auto grey = (*src)->readGrey(QRect(0, band->firstRow, truth.cols, truth.rows));
        if (!grey) {
            printError(grey.error());
            return ExitFailure;
        }
        auto seg = model->segmentImage(*grey, so);
        if (!seg) {
            printError(QStringLiteral("%1: %2").arg(sheetPath, seg.error()));
            return ExitFailure;
        }
        SegMetrics metrics(1);
        metrics.add(seg->labels, truth);
        QJsonObject o = scoreJson(metrics);
        o.insert(QStringLiteral("annotation"), file);
        // The tracer on the tracks that are labelled whole.
        auto truthTrace = traceBand(truth, nullptr, band->calibration);
        auto modelTrace = traceBand(seg->labels, seg->probabilities.empty() ? nullptr : &seg->probabilities, band->calibration);
        if (!truthTrace || !modelTrace) {
            printError(QStringLiteral("%1: %2").arg(path, !truthTrace ? truthTrace.error() : modelTrace.error()));
            return ExitFailure;
        }
        TraceAgreement agreement;
        agreement.add(*modelTrace, *truthTrace, band->calibration, band->labelledLeft, band->labelledRight);
        const auto share = [](long long a, long long b) { return b ? std::round(10000.0 * double(a) / double(b)) / 10000.0 : 0.0; };
        o.insert(QStringLiteral("trace_coverage"), share(agreement.covered, agreement.truthSamples));
        o.insert(QStringLiteral("trace_swaps"), share(agreement.swappedRows, agreement.separatedRows));
        o.insert(QStringLiteral("trace_samples"), agreement.truthSamples);
        bands.append(o);
    }
    QJsonObject report{{QStringLiteral("mode"), QStringLiteral("hand-labelled bands of real sheets")},
                       {QStringLiteral("model"), model->info().id},
                       {QStringLiteral("bands"), bands}};
    printOut(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented)));
    return ExitOk;
}

int evaluateRealSheets(const QCommandLineParser &parser, const QString &root)
{
    const QString annotations = parser.value(QStringLiteral("annotations"));
    if (!annotations.isEmpty())
        return evaluateAnnotations(parser, root, annotations);
    int windows = 4, threads = 2;
    if (!optionInt(parser, QStringLiteral("windows"), windows) || !optionInt(parser, QStringLiteral("threads"), threads))
        return ExitUsage;
    windows = std::clamp(windows, 1, 64);
    const QStringList only = parser.value(QStringLiteral("sheets")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QStringList sheets = findSheets(root, only);
    if (sheets.isEmpty()) {
        printError(QStringLiteral("%1: no raster files or case folders%2").arg(root, only.isEmpty() ? QString() : QStringLiteral(" of those named")));
        return ExitFailure;
    }
    const QString cropDir = parser.value(QStringLiteral("crops"));
    if (!cropDir.isEmpty() && !QDir().mkpath(cropDir)) {
        printError(QStringLiteral("%1: cannot create the crops folder").arg(cropDir));
        return ExitFailure;
    }
    const bool trueLabels = parser.isSet(QStringLiteral("true-labels"));
    std::unique_ptr<SegmentationModel> model;
    if (!trueLabels) {
        model = loadModelOption(parser);
        if (!model)
            return ExitFailure;
    }
    SegmentOptions so;
    so.threads = threads;

    QJsonArray perSheet;
    GridInkStats all;
    double worst = 0.0;
    int done = 0;
    for (const QString &path : sheets) {
        const QFileInfo fi(path);
        const QString name = fi.fileName() == QLatin1String("sheet.png") ? fi.dir().dirName() : fi.fileName();
        auto src = RasterSource::open(path);
        if (!src) {
            printError(src.error());
            return ExitFailure;
        }
        const RasterSource &sheet = **src;
        cv::Mat truth;
        if (trueLabels) {
            auto labels = readLabelMap(fi.dir().filePath(QStringLiteral("labels.png")));
            if (!labels) {
                printError(QStringLiteral("%1: --true-labels needs a case folder with labels.png (%2)").arg(path, labels.error()));
                return ExitFailure;
            }
            truth = *labels;
        }
        // Windows spread over the middle 90 % of the sheet (the header and tail are often not log).
        const int rows = std::min(1024, sheet.height());
        const int top = sheet.height() / 20;
        const int span = std::max(0, sheet.height() - sheet.height() / 20 - rows - top);
        GridInkStats stats;
        for (int i = 0; i < windows; ++i) {
            const int y = top + (windows > 1 ? span * i / (windows - 1) : span / 2);
            const QRect window(0, y, sheet.width(), rows);
            auto grey = sheet.readGrey(window);
            if (!grey) {
                printError(grey.error());
                return ExitFailure;
            }
            cv::Mat labels;
            if (trueLabels) {
                labels = truth(cv::Rect(0, y, sheet.width(), rows));
            } else {
                auto seg = model->segmentImage(*grey, so);
                if (!seg) {
                    printError(QStringLiteral("%1: %2").arg(path, seg.error()));
                    return ExitFailure;
                }
                labels = seg->labels;
            }
            cv::Mat lines;
            stats.add(measureGridInk(*grey, labels, {}, &lines));
            if (!cropDir.isEmpty() && i == std::min(1, windows - 1)) {
                const QString out = QDir(cropDir).filePath(QFileInfo(name).completeBaseName() + QStringLiteral(".overlay.png"));
                if (!writePng(out, overlayWithGridInk(*grey, labels, lines))) {
                    printError(QStringLiteral("%1: cannot write the overlay").arg(out));
                    return ExitFailure;
                }
            }
        }
        all.add(stats);
        worst = std::max(worst, stats.share());
        QJsonObject o = stats.toJson();
        o.insert(QStringLiteral("sheet"), name);
        perSheet.append(o);
        std::fprintf(stderr, "\r%d/%lld sheets", ++done, static_cast<long long>(sheets.size()));
        std::fflush(stderr);
    }
    std::fprintf(stderr, "\n");
    QJsonObject report{{QStringLiteral("mode"), trueLabels ? QStringLiteral("true labels") : QStringLiteral("model")},
                       {QStringLiteral("model"), model ? model->info().id : QString()},
                       {QStringLiteral("sheets"), done},
                       {QStringLiteral("windows_per_sheet"), windows},
                       {QStringLiteral("worst_sheet_grid_ink_called_curve"), std::round(worst * 10000.0) / 10000.0},
                       {QStringLiteral("all"), all.toJson()},
                       {QStringLiteral("per_sheet"), perSheet}};
    printOut(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented)));
    return ExitOk;
}

} // namespace veer::cli
