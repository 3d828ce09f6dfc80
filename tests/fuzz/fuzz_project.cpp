// libFuzzer target: the project file (project.json of a NAME.veer folder) through
// ProjectFile::read, then ProjectFile::toDocument against a fixed small sheet, then the export
// of what was loaded (CurveSampler::sample, as "Export LAS" does). The folder also
// holds a valid labels.png and probabilities.png, so inputs that name them reach the digest and
// size checks. See docs/hardening.md.
//
// Seeds: VEER_FUZZ_PROJECT_SEEDS=<dir> fuzz_project -runs=0 writes project.json files that
// ProjectFile::save makes for that folder into <dir> (how corpus/project was made).
#include "document.h"
#include "projectfile.h"

#include "trace/curvesampler.h"

#include <QDir>
#include <QFile>
#include <QUndoStack>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <unistd.h>

using veer::Document;
using veer::ProjectFile;

namespace {

QString gRoot;
QString gFolder;
QString gSheet;

constexpr int kWidth = 6;
constexpr int kHeight = 4;

cv::Mat labels()
{
    cv::Mat m(kHeight, kWidth, CV_8UC1);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x)
            m.at<uint8_t>(y, x) = uint8_t((x + y) % 3);
    return m;
}

cv::Mat probabilities()
{
    cv::Mat m(kHeight, kWidth, CV_8UC2);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x)
            m.at<cv::Vec2b>(y, x) = cv::Vec2b(uint8_t(40 * x), uint8_t(60 * y));
    return m;
}

void writeSeeds(const QString &dir)
{
    QDir().mkpath(dir);
    auto doc = Document::openSheet(gSheet);
    if (!doc)
        std::abort();
    const char *calibration = R"({"format":"veer-calibration/1","depth":{"unit":"M","ties":[{"row":0,"depth":100},{"row":3,"depth":101.5}]},
        "step":0.5,"tracks":[{"left":0,"right":5,"curves":[{"class":1,"mnemonic":"GR","unit":"GAPI","left":0,"right":150},
        {"class":2,"mnemonic":"RT","unit":"OHMM","scale":"log","left":0.2,"right":2000,"wrap":true}]}]})";
    veer::TraceResult trace;
    trace.firstRow = 1;
    trace.rowCount = 3;
    veer::CurveTrace curve;
    curve.column = {1.5f, NAN, 2.25f};
    curve.confidence = {0.9f, 0.0f, 0.7f};
    curve.wraps = {{2, 1}};
    veer::CurveTrace dashed;
    dashed.classId = 2;
    dashed.column = {4.0f, 3.5f, 0.5f};
    dashed.confidence = {0.5f, 0.6f, 0.4f};
    dashed.wraps = {{3, -1}};
    trace.tracks = {veer::TrackTrace{{curve, dashed}}};

    const auto save = [&](const QString &name) {
        const QString folder = QDir(gRoot).filePath(QStringLiteral("seed.veer"));
        QDir(folder).removeRecursively();
        if (!ProjectFile::save(**doc, folder))
            std::abort();
        QFile::remove(QDir(dir).filePath(name));
        QFile::copy(QDir(folder).filePath(QStringLiteral("project.json")), QDir(dir).filePath(name));
    };
    save(QStringLiteral("sheet-only.json"));
    (*doc)->setCalibration(*veer::Calibration::fromJson(calibration));
    save(QStringLiteral("calibrated.json"));
    (*doc)->setLabels(labels(), cv::Mat());
    save(QStringLiteral("labels.json"));
    (*doc)->setLabels(labels(), probabilities());
    (*doc)->setTrace(trace);
    (*doc)->setModelId(QStringLiteral("veer-default@1"));
    save(QStringLiteral("full.json"));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    char dir[] = "/tmp/veer-fuzz-project-XXXXXX";
    if (!mkdtemp(dir))
        std::abort();
    gRoot = QString::fromLocal8Bit(dir);
    std::atexit([] { QDir(gRoot).removeRecursively(); });
    gFolder = QDir(gRoot).filePath(QStringLiteral("p.veer"));
    gSheet = QDir(gRoot).filePath(QStringLiteral("sheet.png"));
    QDir().mkpath(gFolder);
    cv::Mat sheet(kHeight, kWidth, CV_8UC1, cv::Scalar(255));
    std::vector<cv::Mat> channels;
    cv::split(probabilities(), channels);
    channels.push_back(cv::Mat::zeros(kHeight, kWidth, CV_8UC1));
    cv::Mat bgr;
    cv::merge(channels, bgr);
    if (!cv::imwrite(gSheet.toStdString(), sheet)
        || !cv::imwrite(QDir(gFolder).filePath(QStringLiteral("labels.png")).toStdString(), labels())
        || !cv::imwrite(QDir(gFolder).filePath(QStringLiteral("probabilities.png")).toStdString(), bgr))
        std::abort();
    if (const char *seeds = std::getenv("VEER_FUZZ_PROJECT_SEEDS"))
        writeSeeds(QString::fromLocal8Bit(seeds));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    {
        QFile file(QDir(gFolder).filePath(QStringLiteral("project.json")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    const auto project = ProjectFile::read(gFolder);
    if (!project)
        return 0;
    // The sheet is always the fixed one: an input must not make the fuzzer open arbitrary paths.
    auto doc = ProjectFile::toDocument(*project, gSheet);
    if (!doc)
        return 0;
    (void)(*doc)->serialise();
    // Export: the traced curves resampled on the depth grid. Grids past 100 000 samples are legal
    // but only slow the fuzzer down.
    const Document &d = **doc;
    if (d.trace() && d.calibration().depthGrid(d.sheetHeight()).size() <= 100'000)
        (void)veer::CurveSampler::sample(*d.trace(), d.calibration(), d.sheetHeight());
    return 0;
}
