// veer-cli evaluate --real DIR: how much grid-line ink the model calls a curve on real sheets.
#include "evaluatereal.h"

#include "cliutil.h"

#include "pipeline/gridink.h"
#include "raster/labelmap.h"
#include "raster/overlay.h"
#include "raster/rastersource.h"
#include "segment/segmentationmodel.h"

#include <opencv2/imgcodecs.hpp>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
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
}

int evaluateRealSheets(const QCommandLineParser &parser, const QString &root)
{
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
