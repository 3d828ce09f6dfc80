#include "calibration/calibration.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace veer;

namespace {

QByteArray json(const QByteArray &depth, const QByteArray &tracks, const QByteArray &extra = {})
{
    return "{\"format\": \"veer-calibration/1\", \"depth\": " + depth + ", \"step\": 0.1" + extra
        + ", \"tracks\": " + tracks + "}";
}

const QByteArray kTwoTies = R"({"unit": "M", "ties": [{"row": 359.2, "depth": 820.0}, {"row": 2312.8, "depth": 907.5}]})";
const QByteArray kTracks = R"([{"left": 103, "right": 618, "curves": [
    {"class": 1, "mnemonic": "GR", "unit": "GAPI", "scale": "linear", "left": 0, "right": 150},
    {"class": 2, "mnemonic": "ILD", "unit": "OHMM", "scale": "log", "left": 0.2, "right": 2000}]}])";

} // namespace

class TestCalibration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void depthMapping_data();
    void depthMapping();
    void valueMapping_data();
    void valueMapping();
    void validationErrors_data();
    void validationErrors();
    void depthGrid();
    void intervalRows();
    void problemsInWords();
    void degenerateDepthGrid_data();
    void degenerateDepthGrid();
    void jsonRoundTrip();
    void fileErrorsNameTheFile();
};

void TestCalibration::depthMapping_data()
{
    QTest::addColumn<QByteArray>("depth");
    QTest::addColumn<double>("row");
    QTest::addColumn<double>("expected");

    QTest::newRow("line: at tie") << kTwoTies << 359.2 << 820.0;
    QTest::newRow("line: between") << kTwoTies << (359.2 + 2312.8) / 2 << (820.0 + 907.5) / 2;
    QTest::newRow("line: extrapolated above") << kTwoTies << 0.0 << 820.0 - 359.2 * 87.5 / 1953.6;
    const QByteArray three = R"({"unit": "M", "ties": [{"row": 0, "depth": 100}, {"row": 100, "depth": 110}, {"row": 300, "depth": 150}]})";
    QTest::newRow("piecewise: first segment") << three << 50.0 << 105.0;
    QTest::newRow("piecewise: second segment") << three << 200.0 << 130.0;
    QTest::newRow("piecewise: past the end uses last segment") << three << 400.0 << 170.0;
    QTest::newRow("piecewise: before the start uses first segment") << three << -100.0 << 90.0;
    const QByteArray lsq = R"({"unit": "FT", "fit": "least-squares", "ties": [{"row": 0, "depth": 0}, {"row": 10, "depth": 11}, {"row": 20, "depth": 19}, {"row": 30, "depth": 30}]})";
    // Least squares through (0,0),(10,11),(20,19),(30,30): slope 0.98, intercept 0.3.
    QTest::newRow("least squares") << lsq << 15.0 << 0.98 * 15.0 + 0.3;
}

void TestCalibration::depthMapping()
{
    QFETCH(QByteArray, depth);
    QFETCH(double, row);
    QFETCH(double, expected);
    auto cal = Calibration::fromJson(json(depth, kTracks));
    QVERIFY2(cal.ok(), qPrintable(cal.error()));
    QVERIFY(std::abs(cal->depthAtRow(row) - expected) < 1e-9);
    QVERIFY(std::abs(cal->rowAtDepth(expected) - row) < 1e-6);
}

void TestCalibration::valueMapping_data()
{
    QTest::addColumn<int>("curve");
    QTest::addColumn<double>("column");
    QTest::addColumn<double>("expected");
    QTest::newRow("linear left edge") << 0 << 103.0 << 0.0;
    QTest::newRow("linear right edge") << 0 << 618.0 << 150.0;
    QTest::newRow("linear middle") << 0 << 360.5 << 75.0;
    QTest::newRow("log left edge") << 1 << 103.0 << 0.2;
    QTest::newRow("log right edge") << 1 << 618.0 << 2000.0;
    QTest::newRow("log one decade in") << 1 << 103.0 + 515.0 / 4 << 2.0;
    QTest::newRow("log middle") << 1 << 360.5 << 20.0;
}

void TestCalibration::valueMapping()
{
    QFETCH(int, curve);
    QFETCH(double, column);
    QFETCH(double, expected);
    auto cal = Calibration::fromJson(json(kTwoTies, kTracks));
    QVERIFY2(cal.ok(), qPrintable(cal.error()));
    const Track &track = cal->tracks.front();
    const CurveScale &scale = track.curves[size_t(curve)];
    const double value = scale.valueAtFraction(track.fractionOfColumn(column));
    QVERIFY2(std::abs(value - expected) < 1e-9 * std::max(1.0, expected), qPrintable(QString::number(value)));
    QVERIFY(std::abs(track.columnOfFraction(scale.fractionOfValue(expected)) - column) < 1e-9);
}

void TestCalibration::validationErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("key");
    QTest::newRow("not json") << QByteArray("{nope") << "JSON";
    QTest::newRow("wrong format") << QByteArray(R"({"format": "other/1"})") << "format";
    QTest::newRow("one tie") << json(R"({"unit": "M", "ties": [{"row": 1, "depth": 2}]})", kTracks) << "depth.ties";
    QTest::newRow("ties in reverse order")
        << json(R"({"unit": "M", "ties": [{"row": 500, "depth": 900}, {"row": 100, "depth": 800}]})", kTracks) << "depth.ties";
    QTest::newRow("depth not monotonic")
        << json(R"({"unit": "M", "ties": [{"row": 100, "depth": 900}, {"row": 500, "depth": 800}]})", kTracks) << "depth.ties";
    QTest::newRow("tie without row") << json(R"({"unit": "M", "ties": [{"depth": 1}, {"row": 5, "depth": 2}]})", kTracks)
                                     << "depth.ties[0].row";
    QTest::newRow("bad unit") << json(R"({"unit": "KM", "ties": [{"row": 1, "depth": 2}, {"row": 5, "depth": 3}]})", kTracks)
                              << "depth.unit";
    QTest::newRow("bad fit") << json(R"({"fit": "cubic", "ties": []})", kTracks) << "depth.fit";
    QByteArray zeroStep = json(kTwoTies, kTracks);
    zeroStep.replace("\"step\": 0.1", "\"step\": 0");
    QTest::newRow("zero step") << zeroStep << "step";
    QByteArray negStep = json(kTwoTies, kTracks);
    negStep.replace("\"step\": 0.1", "\"step\": -0.5");
    QTest::newRow("negative step") << negStep << "step";
    QTest::newRow("track left == right")
        << json(kTwoTies, R"([{"left": 10, "right": 10, "curves": []}])") << "tracks[0].left";
    QTest::newRow("curve left == right")
        << json(kTwoTies, R"([{"left": 10, "right": 100, "curves": [{"class": 1, "mnemonic": "GR", "left": 5, "right": 5}]}])")
        << "tracks[0].curves[0].left";
    QTest::newRow("log with zero bound")
        << json(kTwoTies, R"([{"left": 10, "right": 100, "curves": [{"class": 1, "mnemonic": "RT", "scale": "log", "left": 0, "right": 100}]}])")
        << "tracks[0].curves[0].left";
    QTest::newRow("log with negative bound")
        << json(kTwoTies, R"([{"left": 10, "right": 100, "curves": [{"class": 1, "mnemonic": "RT", "scale": "log", "left": 1, "right": -100}]}])")
        << "tracks[0].curves[0].left";
    QTest::newRow("class 3")
        << json(kTwoTies, R"([{"left": 10, "right": 100, "curves": [{"class": 3, "mnemonic": "GR", "left": 0, "right": 1}]}])")
        << "tracks[0].curves[0].class";
    QTest::newRow("class 0")
        << json(kTwoTies, R"([{"left": 10, "right": 100, "curves": [{"class": 0, "mnemonic": "GR", "left": 0, "right": 1}]}])")
        << "tracks[0].curves[0].class";
    QTest::newRow("bad scale name")
        << json(kTwoTies, R"([{"left": 10, "right": 100, "curves": [{"class": 1, "mnemonic": "GR", "scale": "sqrt", "left": 0, "right": 1}]}])")
        << "tracks[0].curves[0].scale";
    QTest::newRow("wrap not bool")
        << json(kTwoTies, R"([{"left": 10, "right": 100, "curves": [{"class": 1, "mnemonic": "GR", "left": 0, "right": 1, "wrap": "yes"}]}])")
        << "tracks[0].curves[0].wrap";
    QTest::newRow("no tracks") << json(kTwoTies, "[]") << "tracks";
    QTest::newRow("NaN step") << QByteArray(R"({"format": "veer-calibration/1", "depth": {"ties": []}, "step": NaN, "tracks": []})")
                              << "JSON";
    QTest::newRow("bottom above top") << json(kTwoTies, kTracks, ", \"top_depth\": 900, \"bottom_depth\": 850") << "bottom_depth";
}

void TestCalibration::validationErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, key);
    auto cal = Calibration::fromJson(text);
    QVERIFY(!cal.ok());
    QVERIFY2(cal.error().contains(key), qPrintable(QStringLiteral("'%1' not named in: %2").arg(key, cal.error())));
}

void TestCalibration::depthGrid()
{
    auto cal = Calibration::fromJson(json(kTwoTies, kTracks, ", \"top_depth\": 810.0, \"bottom_depth\": 917.5"));
    QVERIFY2(cal.ok(), qPrintable(cal.error()));
    std::vector<double> grid = cal->depthGrid(3000);
    QCOMPARE(grid.size(), size_t(1076));
    QCOMPARE(grid.front(), 810.0);
    QCOMPARE(grid.back(), 917.5);
    QCOMPARE(grid[1], 810.1);

    // Without bounds: the depth range of the sheet's rows, snapped inward to the step.
    auto open = Calibration::fromJson(json(R"({"unit": "M", "ties": [{"row": 0, "depth": 100.03}, {"row": 1000, "depth": 200.03}]})", kTracks));
    QVERIFY2(open.ok(), qPrintable(open.error()));
    grid = open->depthGrid(1001);
    QCOMPARE(grid.front(), 100.1);
    QCOMPARE(grid.back(), 200.0);
    QCOMPARE(grid.size(), size_t(1000));
}

void TestCalibration::intervalRows()
{
    Calibration cal;
    cal.ties = {{100.0, 1000.0}, {1100.0, 1010.0}};  // 100 rows a metre
    QCOMPARE(cal.intervalRows(1200), std::make_pair(0, 1199));  // no interval: the whole sheet
    cal.topDepth = 1003.0;
    QCOMPARE(cal.intervalRows(1200), std::make_pair(398, 1199));
    cal.bottomDepth = 1008.0;
    QCOMPARE(cal.intervalRows(1200), std::make_pair(398, 902));
    QCOMPARE(cal.intervalRows(1200, 0), std::make_pair(400, 900));
    cal.topDepth.reset();
    QCOMPARE(cal.intervalRows(1200), std::make_pair(0, 902));
    // Depth running up the sheet: the top is the lower row.
    Calibration up;
    up.ties = {{100.0, 1010.0}, {1100.0, 1000.0}};
    up.topDepth = 1003.0;  // row 800
    QCOMPARE(up.intervalRows(1200, 0), std::make_pair(0, 800));
    // Off the sheet: empty; two ties on one row: the whole sheet, never a wild row.
    cal.topDepth = 2000.0;
    cal.bottomDepth = 2010.0;
    const auto off = cal.intervalRows(1200);
    QVERIFY(off.second < off.first);
    Calibration flat;
    flat.ties = {{100.0, 1000.0}, {100.0, 1010.0}};
    flat.topDepth = 1003.0;
    const auto rows = flat.intervalRows(1200);
    QVERIFY(rows.first >= 0 && rows.second <= 1199);
}

// The GUI says what is missing in words, not in the file's keys.
void TestCalibration::problemsInWords()
{
    Calibration cal;
    QCOMPARE(cal.validate(Calibration::Wording::Words),
             QStringLiteral("needs two depth ties: click two printed depths on the sheet"));
    cal.ties = {{100.0, 1000.0}};
    QVERIFY(cal.validate(Calibration::Wording::Words).startsWith(QStringLiteral("needs a second depth tie")));
    QVERIFY(cal.validate().contains(QStringLiteral("'depth.ties'")));
    cal.ties.push_back({1100.0, 1010.0});
    QCOMPARE(cal.validate(Calibration::Wording::Words), QStringLiteral("needs at least one track"));
    Track track;
    track.left = 10;
    track.right = 300;
    CurveScale gr;
    gr.mnemonic = QStringLiteral("GR");
    gr.right = 150;
    CurveScale sp = gr;
    sp.mnemonic = QStringLiteral("SP");
    track.curves = {gr, sp};
    cal.tracks = {track};
    QCOMPARE(cal.validate(Calibration::Wording::Words),
             QStringLiteral("track 1 has two curves of class C1: one must be C1, the other C2"));
    for (const QString &problem : {cal.validate(Calibration::Wording::Words)})
        QVERIFY2(!problem.contains(QLatin1Char('\'')) && !problem.contains(QLatin1Char('[')), qPrintable(problem));
    cal.tracks[0].curves[1].classId = 2;
    QVERIFY(cal.validate(Calibration::Wording::Words).isEmpty());
}

void TestCalibration::degenerateDepthGrid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("syntaxOnly");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("expectedSize");

    // Inputs found by tests/fuzz/fuzz_calibration (docs/hardening.md): the grid's size was a
    // NaN or infinite double converted to long long, undefined behaviour that UBSan reports.
    const QByteArray oneRow = R"({"unit": "M", "ties": [{"row": 7, "depth": 900}, {"row": 7, "depth": 950}]})";
    QTest::newRow("fuzz: two ties on one row, unvalidated") << json(oneRow, kTracks) << true << 0 << 0;
    QTest::newRow("fuzz: two ties on one row, unvalidated, tall sheet") << json(oneRow, kTracks) << true << 6000 << 0;
    QTest::newRow("fuzz: bounds 2e308 apart")
        << json(kTwoTies, kTracks, ", \"top_depth\": -1e308, \"bottom_depth\": 1e308") << false << 3000 << 0;
    QTest::newRow("fuzz: step of 1e-300")
        << QByteArray(json(kTwoTies, kTracks).replace("\"step\": 0.1", "\"step\": 1e-300")) << false << 3000 << 0;
    QTest::newRow("bounded grid still made")
        << json(kTwoTies, kTracks, ", \"top_depth\": 810.0, \"bottom_depth\": 917.5") << false << 3000 << 1076;
}

void TestCalibration::degenerateDepthGrid()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, syntaxOnly);
    QFETCH(int, height);
    QFETCH(int, expectedSize);
    auto cal = Calibration::fromJson(text, syntaxOnly ? Calibration::Validation::SyntaxOnly : Calibration::Validation::Full);
    QVERIFY2(cal.ok(), qPrintable(cal.error()));
    QCOMPARE(int(cal->depthGrid(height).size()), expectedSize);
}

void TestCalibration::jsonRoundTrip()
{
    auto cal = Calibration::fromJson(json(kTwoTies, kTracks, ", \"top_depth\": 810.0"));
    QVERIFY2(cal.ok(), qPrintable(cal.error()));
    cal->tracks[0].curves[1].wrap = true;
    auto again = Calibration::fromJson(cal->toJson());
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QVERIFY(*again == *cal);
    QVERIFY(again->tracks[0].curves[1].wrap);
    QVERIFY(!again->bottomDepth.has_value());
}

void TestCalibration::fileErrorsNameTheFile()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    auto r = Calibration::load(missing);
    QVERIFY(!r.ok());
    QVERIFY(r.error().contains(missing));

    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json(kTwoTies, R"([{"left": 5, "right": 5, "curves": []}])"));
    f.close();
    r = Calibration::load(bad);
    QVERIFY(!r.ok());
    QVERIFY(r.error().contains(bad));
    QVERIFY(r.error().contains(QStringLiteral("tracks[0]")));

    auto good = Calibration::fromJson(json(kTwoTies, kTracks));
    QVERIFY(good.ok());
    const QString path = dir.filePath(QStringLiteral("good.json"));
    QVERIFY(good->save(path).ok());
    auto loaded = Calibration::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QVERIFY(*loaded == *good);
}

QTEST_GUILESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
