// veer-cli bench: the performance harness. Prints this machine's figures in one run; ratios are
// measured within the run because the machines are shared and noisy.
#include "cliutil.h"
#include "commands.h"

#include "base/heappolicy.h"
#include "base/resources.h"
#include "calibration/calibration.h"
#include "raster/inkview.h"
#include "raster/rastersource.h"
#include "raster/rasterwriter.h"
#include "segment/segmentationmodel.h"
#include "segment/torchprobe.h"
#include "synth/synthgenerator.h"
#include "trace/curvetracer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QFileInfo>

#include <opencv2/imgproc.hpp>

#include <cstring>

namespace veer::cli {

namespace {

qint64 peakRssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

cv::Mat greyOf(const cv::Mat &sheet)
{
    return InkView::fromImage(sheet);
}

std::unique_ptr<SegmentationModel> benchModel(QString &which)
{
    auto loaded = SegmentationModel::load(defaultModelPath());
    if (loaded) {
        which = (*loaded)->info().id;
        return loaded.take();
    }
    which = QStringLiteral("untrained VeerNet (same cost; no shipped model found)");
    return SegmentationModel::create(NetConfig{});
}

SynthCase benchSheet(int width, int height, std::uint64_t seed)
{
    SynthOptions o;
    o.width = width;
    o.height = height;
    o.split = SynthSplit::Eval;
    for (const QString &f : shippedLasFiles())
        o.lasFiles.push_back(f);
    return generateSynthCase(o, seed);
}

int rssChild(const QString &file, bool collect)
{
    auto src = RasterSource::open(file);
    if (!src) {
        printError(src.error());
        return ExitFailure;
    }
    QString which;
    auto model = benchModel(which);
    SegmentOptions o;
    if (collect) {
        o.probabilities = true;
        auto r = model->segment(**src, o);
        if (!r)
            return ExitFailure;
    } else {
        const Status s = model->segment(**src, o, [](const SegmentBand &) {});
        if (!s)
            return ExitFailure;
    }
    printOut(QStringLiteral("%1\n").arg(peakRssBytes()));
    return ExitOk;
}

} // namespace

static int cmdBench(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measure this machine: raster open, segmentation MPix/s against the LibTorch convolution peak, trace MPix/s\n"
        "against memory bandwidth, synthetic sheets/s and peak RSS against sheet length. Not part of CTest."));
    parser.addOption({QStringLiteral("only"), QStringLiteral("Comma list of: raster, segment, trace, synth, rss."), QStringLiteral("LIST"),
                      QStringLiteral("raster,segment,trace,synth,rss")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("LibTorch threads."), QStringLiteral("N"), QStringLiteral("2")});
    // Internal: what the bench starts in a child process to measure its peak memory.
    QCommandLineOption rssChildOption(QStringLiteral("rss-child"), QStringLiteral("Segment FILE and print the peak RSS."),
                                      QStringLiteral("FILE"));
    QCommandLineOption collectOption(QStringLiteral("collect"),
                                     QStringLiteral("With --rss-child: keep the whole label map and probabilities."));
    rssChildOption.setFlags(QCommandLineOption::HiddenFromHelp);
    collectOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(rssChildOption);
    parser.addOption(collectOption);
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("bench"), args, 0, 0, code))
        return code;
    if (parser.isSet(QStringLiteral("rss-child")))
        return rssChild(parser.value(QStringLiteral("rss-child")), parser.isSet(QStringLiteral("collect")));
    int threads = 2;
    if (!optionInt(parser, QStringLiteral("threads"), threads))
        return ExitUsage;
    const QStringList only = parser.value(QStringLiteral("only")).split(QLatin1Char(','));
    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        printError(QStringLiteral("cannot create a temporary folder"));
        return ExitFailure;
    }
    printOut(QStringLiteral("veer bench: %1 threads, %2 cores\n").arg(threads).arg(QThread::idealThreadCount()));

    if (only.contains(QLatin1String("raster"))) {
        const QString path = tmp.filePath(QStringLiteral("g4.tif"));
        const int w = 2000, h = 60000;
        const Status s = writeGreyTiff(path, w, h, [w](int y0, int n) {
            cv::Mat band(n, w, CV_8UC1, cv::Scalar(255));
            for (int y = 0; y < n; ++y)
                band.at<uint8_t>(y, (y0 + y) * 7 % w) = 0;
            return band;
        }, true);
        if (!s) {
            printError(s.error());
            return ExitFailure;
        }
        QElapsedTimer t;
        t.start();
        auto src = RasterSource::open(path);
        const double openMs = t.nsecsElapsed() / 1e6;
        if (!src) {
            printError(src.error());
            return ExitFailure;
        }
        t.restart();
        auto tile = (*src)->readRgb(QRect(0, 0, 512, 512));
        const double firstTileMs = t.nsecsElapsed() / 1e6;
        t.restart();
        auto deep = (*src)->readRgb(QRect(0, h - 512, 512, 512));
        const double lastTileMs = t.nsecsElapsed() / 1e6;
        t.restart();
        auto overview = (*src)->readRgb(QRect(0, 0, w, 8000), QSize(250, 1000));
        const double overviewMs = t.nsecsElapsed() / 1e6;
        printOut(QStringLiteral("raster  2000 x 60000 1-bit G4 TIFF (%1 kB): open %2 ms, first 512^2 tile %3 ms, "
                                "tile at the bottom %4 ms, 1:8 overview of 8000 rows %5 ms\n")
                     .arg(QFileInfo(path).size() / 1024).arg(openMs, 0, 'f', 1).arg(firstTileMs, 0, 'f', 1)
                     .arg(lastTileMs, 0, 'f', 1).arg(overviewMs, 0, 'f', 1));
        if (!tile || !deep || !overview)
            return ExitFailure;
    }

    SynthCase sheet;
    if (only.contains(QLatin1String("segment")) || only.contains(QLatin1String("trace")))
        sheet = benchSheet(1500, 20000, 1'000'000'777ULL);

    if (only.contains(QLatin1String("segment"))) {
        QString which;
        auto model = benchModel(which);
        const TorchPeak peak = measureTorchPeak(threads);
        const cv::Mat grey = greyOf(sheet.sheet);
        SegmentOptions o;
        o.threads = threads;
        // The same segmentation under glibc's default heap policy, then under veer's (heappolicy.h).
        double secs = 0.0, defaultSecs = 0.0;
        for (HeapPolicy policy : {HeapPolicy::SystemDefault, HeapPolicy::KeepForReuse}) {
            const bool set = setHeapPolicy(policy);
            QElapsedTimer t;
            t.start();
            auto r = model->segmentImage(grey, o);
            if (!r) {
                printError(r.error());
                return ExitFailure;
            }
            (policy == HeapPolicy::KeepForReuse ? secs : defaultSecs) = t.nsecsElapsed() / 1e9;
            if (!set)
                break;
        }
        if (defaultSecs > 0.0 && secs > 0.0)
            printOut(QStringLiteral("heap    segmentation under glibc's default heap policy %1 s, keeping freed memory %2 s: "
                                    "x%3\n").arg(defaultSecs, 0, 'f', 1).arg(secs, 0, 'f', 1).arg(defaultSecs / secs, 0, 'f', 2));
        if (secs <= 0.0)
            secs = defaultSecs;
        const double mpixs = grey.total() / 1e6 / secs;
        const double gflops = model->info().flopsPerPixel * mpixs * 1e6 / 1e9;
        printOut(QStringLiteral("segment 1500 x 20000 grey sheet, model %1: %2 MPix/s (%3 s)\n"
                                "        network %4 kFLOP/px -> %5 GFLOP/s achieved; LibTorch 3x3 conv peak here %6 GFLOP/s "
                                "(share %7 %), 1024^2 GEMM %8 GFLOP/s\n")
                     .arg(which).arg(mpixs, 0, 'f', 2).arg(secs, 0, 'f', 1).arg(model->info().flopsPerPixel / 1000.0, 0, 'f', 1)
                     .arg(gflops, 0, 'f', 1).arg(peak.convGflops, 0, 'f', 1).arg(100.0 * gflops / peak.convGflops, 0, 'f', 1)
                     .arg(peak.gemmGflops, 0, 'f', 1));
    }

    if (only.contains(QLatin1String("trace"))) {
        CurveTracer tracer;
        QElapsedTimer t;
        t.start();
        int runs = 0;
        while (runs < 3 || t.elapsed() < 1000) {
            auto r = tracer.trace(sheet.labels, nullptr, sheet.calibration);
            if (!r) {
                printError(r.error());
                return ExitFailure;
            }
            ++runs;
        }
        const double secs = t.nsecsElapsed() / 1e9 / runs;
        double trackArea = 0.0;
        for (const Track &tr : sheet.calibration.tracks)
            trackArea += tr.width() * sheet.labels.rows;
        // Memory-bandwidth reference: copying a 256 MB buffer.
        std::vector<char> a(256u << 20, 1), b(256u << 20);
        t.restart();
        std::memcpy(b.data(), a.data(), a.size());
        const double copyGBs = 2.0 * double(a.size()) / (t.nsecsElapsed() / 1e9) / 1e9;
        const double mpixs = trackArea / 1e6 / secs;
        printOut(QStringLiteral("trace   %1 tracks of a 1500 x 20000 label map: %2 MPix/s of track area (%3 ms); "
                                "memcpy bandwidth %4 GB/s, so the tracer reads %5 % of it\n")
                     .arg(sheet.calibration.tracks.size()).arg(mpixs, 0, 'f', 1).arg(secs * 1000, 0, 'f', 1)
                     .arg(copyGBs, 0, 'f', 1).arg(100.0 * mpixs * 1e6 / (copyGBs * 1e9), 0, 'f', 1));
    }

    if (only.contains(QLatin1String("synth"))) {
        QElapsedTimer t;
        t.start();
        const int n = 5;
        for (int i = 0; i < n; ++i)
            benchSheet(1500, 4000, 1'000'000'100ULL + std::uint64_t(i));
        const double secs = t.nsecsElapsed() / 1e9;
        printOut(QStringLiteral("synth   1500 x 4000 sheets: %1 sheets/s on one thread (%2 s each)\n")
                     .arg(n / secs, 0, 'f', 2).arg(secs / n, 0, 'f', 3));
    }

    if (only.contains(QLatin1String("rss"))) {
        for (const int rows : {5000, 20000, 60000}) {
            const QString path = tmp.filePath(QStringLiteral("rss-%1.tif").arg(rows));
            const SynthCase band = benchSheet(1500, 4000, 1'000'000'200ULL);
            const cv::Mat grey = greyOf(band.sheet);
            const Status s = writeGreyTiff(path, 1500, rows, [&grey](int y0, int n) {
                cv::Mat out(n, grey.cols, CV_8UC1);
                for (int y = 0; y < n; ++y)
                    grey.row((y0 + y) % grey.rows).copyTo(out.row(y));
                return out;
            }, false);
            if (!s) {
                printError(s.error());
                return ExitFailure;
            }
            QString line = QStringLiteral("rss     1500 x %1 sheet:").arg(rows);
            for (const bool collect : {false, true}) {
                QProcess child;
                QStringList childArgs{QStringLiteral("bench"), QStringLiteral("--rss-child"), path};
                if (collect)
                    childArgs << QStringLiteral("--collect");
                child.start(QCoreApplication::applicationFilePath(), childArgs);
                child.waitForFinished(-1);
                const qint64 bytes = child.readAllStandardOutput().trimmed().toLongLong();
                line += QStringLiteral(" %1 %2 MB").arg(collect ? QStringLiteral(", keeping labels + probabilities")
                                                                : QStringLiteral(" streaming bands"))
                            .arg(bytes / 1048576.0, 0, 'f', 0);
            }
            printOut(line + QLatin1Char('\n'));
        }
    }
    return ExitOk;
}

VEER_CLI_COMMAND("bench", "Performance harness: prints this machine's figures", cmdBench);

} // namespace veer::cli
