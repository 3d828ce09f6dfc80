// A sheet with a main log and a repeat section below it on depth ties of its own: each is traced
// and written on its own depth scale, and nothing of one appears in the other.
#include "calibration/calibration.h"
#include "pipeline/digitizer.h"
#include "raster/rastersource.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace veer;

/** Tests Calibration's sections and their run through digitizeSheet. */
class TestSections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAndJson();
    void invalidSections_data();
    void invalidSections();
    void mainLogAndRepeatSection();
};

namespace {

/**
 * Rows 0-1199: the main log, 1000-1012 m (100 rows a metre from row 0). Rows 1400-1899: a repeat
 * section of 1005-1010 m on ties of its own. One track, columns 100-300, one curve 0-100.
 */
Calibration sheetCalibration()
{
    Calibration cal;
    cal.depthUnit = QStringLiteral("M");
    cal.step = 0.1;
    cal.ties = {{0.0, 1000.0}, {1000.0, 1010.0}};
    Track track;
    track.left = 100;
    track.right = 300;
    CurveScale gr;
    gr.classId = 1;
    gr.mnemonic = QStringLiteral("GR");
    gr.unit = QStringLiteral("GAPI");
    gr.left = 0;
    gr.right = 100;
    track.curves = {gr};
    cal.tracks = {track};
    DepthSection repeat;
    repeat.name = QStringLiteral("REPEAT");
    repeat.firstRow = 1400;
    repeat.lastRow = 1899;
    repeat.ties = {{1400.0, 1005.0}, {1900.0, 1010.0}};
    cal.sections = {repeat};
    return cal;
}

} // namespace

void TestSections::rowsAndJson()
{
    const Calibration cal = sheetCalibration();
    QVERIFY2(cal.validate().isEmpty(), qPrintable(cal.validate()));
    // The main log is the sheet less the section (the longer stretch, above it).
    QCOMPARE(cal.logRows(2000, 0), std::make_pair(0, 1399));
    QCOMPARE(cal.traceRows(2000, 0), std::make_pair(0, 1899));
    QCOMPARE(cal.sectionAt(1500), 0);
    QCOMPARE(cal.sectionAt(1200), -1);
    // The main log's grid ends where the section begins: row 1399 is 1013.99 m.
    const std::vector<double> grid = cal.depthGrid(2000);
    QCOMPARE(grid.front(), 1000.0);
    QCOMPARE(grid.back(), 1013.9);
    // The section alone: its ties, its rows' depths as the interval, no sections.
    const Calibration repeat = cal.sectionCalibration(0);
    QVERIFY(repeat.sections.empty());
    QCOMPARE(repeat.ties.size(), size_t(2));
    QCOMPARE(*repeat.topDepth, 1005.0);
    QCOMPARE(*repeat.bottomDepth, 1009.9);
    QCOMPARE(repeat.depthAtRow(1650), 1007.5);
    // Through the file and back.
    auto back = Calibration::fromJson(cal.toJson());
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QVERIFY(back.value() == cal);
    // A file without sections reads as before.
    Calibration plain = cal;
    plain.sections.clear();
    QVERIFY(!plain.toJson().contains("sections"));
}

void TestSections::invalidSections_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one tie") << 0 << QStringLiteral("needs at least two ties");
    QTest::newRow("ends above its start") << 1 << QStringLiteral("must be below");
    QTest::newRow("overlapping") << 2 << QStringLiteral("overlaps");
    QTest::newRow("depth going back") << 3 << QStringLiteral("must increase");
}

void TestSections::invalidSections()
{
    QFETCH(int, what);
    QFETCH(QString, expected);
    Calibration cal = sheetCalibration();
    DepthSection &s = cal.sections[0];
    if (what == 0)
        s.ties.pop_back();
    else if (what == 1)
        s.lastRow = s.firstRow - 10;
    else if (what == 2)
        cal.sections.push_back(s);
    else
        s.ties[1].depth = 1000.0;
    const QString problem = cal.validate();
    QVERIFY2(problem.contains(expected), qPrintable(problem));
    QVERIFY2(problem.contains(QLatin1String("sections[")), qPrintable(problem));
    // In words for the GUI, naming the section.
    QVERIFY2(cal.validate(Calibration::Wording::Words).contains(QLatin1String("REPEAT")),
             qPrintable(cal.validate(Calibration::Wording::Words)));
}

void TestSections::mainLogAndRepeatSection()
{
    // The curve reads 25 on the main log and 75 on the repeat section; the rows between are a
    // header with a horizontal rule that must not be traced into either.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const int rows = 2000;
    cv::Mat labels(rows, 400, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {150, 0}, {150, 1199}, cv::Scalar(1), 2);
    cv::line(labels, {100, 1300}, {300, 1300}, cv::Scalar(1), 2);
    cv::line(labels, {250, 1400}, {250, 1899}, cv::Scalar(1), 2);
    cv::Mat sheet(rows, 400, CV_8UC1, cv::Scalar(255));
    sheet.setTo(0, labels);
    const QString path = dir.filePath(QStringLiteral("sheet.png"));
    QVERIFY(cv::imwrite(path.toStdString(), sheet));
    auto source = RasterSource::open(path);
    QVERIFY2(source.ok(), qPrintable(source.error()));

    DigitizeOptions options;
    options.givenLabels = labels;
    Calibration cal = sheetCalibration();
    cal.bottomDepth = 1012.0;  // the bottom of the main log, above the section's header
    auto result = digitizeSheet(*source.value(), cal, nullptr, options);
    QVERIFY2(result.ok(), qPrintable(result.error()));

    const LasDocument &main = result->log.las;
    QCOMPARE(main.depths.front(), 1000.0);
    QCOMPARE(main.depths.back(), 1012.0);
    for (size_t i = 0; i < main.depths.size(); ++i) {
        const double v = main.curves[0].values[i];
        QVERIFY2(std::abs(v - 25.25) < 0.6, qPrintable(QStringLiteral("main %1: %2").arg(main.depths[i]).arg(v)));
    }
    QCOMPARE(result->sections.size(), size_t(1));
    const LasDocument &repeat = result->sections[0].las;
    QCOMPARE(repeat.depths.front(), 1005.0);
    QCOMPARE(repeat.depths.back(), 1009.9);
    for (size_t i = 0; i < repeat.depths.size(); ++i) {
        const double v = repeat.curves[0].values[i];
        QVERIFY2(std::abs(v - 75.25) < 0.6, qPrintable(QStringLiteral("repeat %1: %2").arg(repeat.depths[i]).arg(v)));
    }
    QCOMPARE(sectionOutputPath(QStringLiteral("/data/well 1.las"), QStringLiteral("REPEAT 2")),
             QStringLiteral("/data/well 1-REPEAT2.las"));
}

QTEST_GUILESS_MAIN(TestSections)
#include "tst_sections.moc"
