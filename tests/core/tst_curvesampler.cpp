#include "base/feedback.h"
#include "calibration/calibration.h"
#include "trace/curvesampler.h"
#include "trace/curvetracer.h"
#include "tracetestutil.h"

#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <functional>
#include <limits>

using namespace veer;

using namespace veer::test;

class TestCurveSampler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampler_data();
    void sampler();
    void samplerUnwrap_data();
    void samplerUnwrap();
    void samplerWrapDirections_data();
    void samplerWrapDirections();
    void lasDocument();
};

void TestCurveSampler::sampler_data()
{
    QTest::addColumn<double>("step");
    QTest::addColumn<int>("firstRow");
    QTest::newRow("step 0.25 (fractional rows)") << 0.25 << 0;
    QTest::newRow("step 0.1 (whole rows)") << 0.1 << 0;
    QTest::newRow("sub-range from row 200") << 0.25 << 200;
}

void TestCurveSampler::sampler()
{
    QFETCH(double, step);
    QFETCH(int, firstRow);
    // Track 100..400: curve one (linear 0..150) moves right 0.3 px/row from column 100 at row 0,
    // curve two (log 0.2..2000) moves left from column 400. Rows 500..509 of curve one are null.
    Track track = makeTrack(100, 400);
    track.curves = {makeScale(1, QStringLiteral("GR"), ScaleType::Linear, 0.0, 150.0),
                    makeScale(2, QStringLiteral("RES"), ScaleType::Log, 0.2, 2000.0)};
    const Calibration cal = makeCalibration({track}, 0.1, step);
    TraceResult trace;
    trace.firstRow = firstRow;
    trace.rowCount = 1000 - firstRow;
    CurveTrace one, two;
    one.classId = 1;
    two.classId = 2;
    for (int r = firstRow; r < 1000; ++r) {
        one.column.push_back(r >= 500 && r < 510 ? NAN : float(100.0 + 0.3 * r));
        two.column.push_back(float(400.0 - 0.3 * r));
        one.confidence.push_back(0.8f);
        two.confidence.push_back(0.6f);
    }
    trace.tracks = {TrackTrace{{one, two}}};

    Result<SampledLog> res = CurveSampler::sample(trace, cal, 1000);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const LasDocument &las = res->las;
    QCOMPARE(las.depths.front(), 1000.0);
    QCOMPARE(int(las.depths.size()), int(std::floor(99.9 / step + 1e-6)) + 1);
    QCOMPARE(int(las.curves.size()), 2);
    for (size_t i = 0; i < las.depths.size(); ++i) {
        const double row = (las.depths[i] - 1000.0) * 10.0;
        const double gr = las.curves[0].values[i];
        const double res2 = las.curves[1].values[i];
        if (row < firstRow - 1e-6) {
            QCOMPARE(gr, -999.25);
            QCOMPARE(res2, -999.25);
            QCOMPARE(res->confidence[0][i], 0.0f);
            continue;
        }
        const bool grNull = row > 499.0 + 1e-6 && row < 510.0 - 1e-6;
        if (grNull) {
            QCOMPARE(gr, -999.25);
        } else {
            QVERIFY2(std::abs(gr - 150.0 * row / 1000.0) < 1e-3,
                     qPrintable(QStringLiteral("GR at %1: %2").arg(las.depths[i]).arg(gr)));
            QCOMPARE(res->confidence[0][i], 0.8f);
        }
        const double expected = 0.2 * std::pow(10.0, 4.0 * (1.0 - row / 1000.0));
        QVERIFY2(std::abs(res2 / expected - 1.0) < 1e-4,
                 qPrintable(QStringLiteral("RES at %1: %2 vs %3").arg(las.depths[i]).arg(res2).arg(expected)));
    }
}

void TestCurveSampler::samplerUnwrap_data()
{
    QTest::addColumn<int>("scaleType");
    QTest::addColumn<int>("direction");
    QTest::addColumn<double>("expected");  // value at row 20, unwrapped column 350 or 50
    QTest::newRow("linear right") << int(ScaleType::Linear) << 1 << 125.0;
    QTest::newRow("linear left") << int(ScaleType::Linear) << -1 << -25.0;
    QTest::newRow("log right") << int(ScaleType::Log) << 1 << 20000.0;
    QTest::newRow("log left") << int(ScaleType::Log) << -1 << 0.2 * std::pow(10.0, -1.0);
}

void TestCurveSampler::samplerUnwrap()
{
    QFETCH(int, scaleType);
    QFETCH(int, direction);
    QFETCH(double, expected);
    Track track = makeTrack(100, 300);
    track.curves = {scaleType == int(ScaleType::Log)
                        ? makeScale(1, QStringLiteral("RES"), ScaleType::Log, 0.2, 2000.0, true)
                        : makeScale(1, QStringLiteral("GR"), ScaleType::Linear, 0.0, 100.0, true)};
    // Unwrapped column 200 + direction * 7.5 * row; wraps at row 14 (|u - 200| > 100).
    CurveTrace curve;
    for (int r = 0; r <= 20; ++r) {
        const double u = 200.0 + direction * 7.5 * r;
        curve.column.push_back(float(u > 300.0 ? u - 200.0 : (u < 100.0 ? u + 200.0 : u)));
        curve.confidence.push_back(1.0f);
    }
    curve.wraps = {{14, direction}};
    QCOMPARE(CurveSampler::valueAtRow(curve, 0, track, track.curves[0], 20.0), expected);
    // Between the rows either side of the wrap the value interpolates the unwrapped column.
    const double mid = CurveSampler::valueAtRow(curve, 0, track, track.curves[0], 13.5);
    const double t = (direction * 7.5 * 13.5 + 100.0) / 200.0;
    QVERIFY(qFuzzyCompare(mid, track.curves[0].valueAtFraction(t)));
    QVERIFY(std::isnan(CurveSampler::valueAtRow(curve, 0, track, track.curves[0], 20.5)));
}

void TestCurveSampler::samplerWrapDirections_data()
{
    QTest::addColumn<QList<int>>("wraps");  // row, direction, row, direction, ...
    QTest::addColumn<double>("expected");   // value at row 20 of samplerUnwrap's linear curve
    QTest::newRow("one wrap right") << QList<int>{14, 1} << 125.0;
    // From tests/fuzz/fuzz_project (docs/hardening.md): directions read from a project file.
    QTest::newRow("fuzz: direction 2e9 is one wrap right (was a 2e9-step loop)")
        << QList<int>{14, 2000000000} << 125.0;
    QTest::newRow("fuzz: two directions of 2e9 (was int overflow)")
        << QList<int>{14, 2000000000, 16, 2000000000} << 225.0;
    QTest::newRow("fuzz: INT_MIN is one wrap left (was abs(INT_MIN))")
        << QList<int>{14, std::numeric_limits<int>::min()} << -75.0;
    QTest::newRow("direction 0 is no wrap") << QList<int>{14, 0} << 25.0;
}

void TestCurveSampler::samplerWrapDirections()
{
    QFETCH(QList<int>, wraps);
    QFETCH(double, expected);
    Track track = makeTrack(100, 300);
    track.curves = {makeScale(1, QStringLiteral("GR"), ScaleType::Linear, 0.0, 100.0, true)};
    CurveTrace curve;
    for (int r = 0; r <= 20; ++r) {
        const double u = 200.0 + 7.5 * r;
        curve.column.push_back(float(u > 300.0 ? u - 200.0 : u));
        curve.confidence.push_back(1.0f);
    }
    for (qsizetype i = 0; i + 1 < wraps.size(); i += 2)
        curve.wraps.push_back({wraps[i], wraps[i + 1]});
    QCOMPARE(CurveSampler::valueAtRow(curve, 0, track, track.curves[0], 20.0), expected);
}

void TestCurveSampler::lasDocument()
{
    // Two tracks; order within a track follows the calibration, not the class id.
    Track a = makeTrack(10, 110);
    a.curves = {makeScale(1, QStringLiteral("GR"), ScaleType::Linear, 0, 150),
                makeScale(2, QStringLiteral("SP"), ScaleType::Linear, -80, 20)};
    a.curves[0].unit = QStringLiteral("GAPI");
    a.curves[1].unit = QStringLiteral("MV");
    Track b = makeTrack(120, 220);
    b.curves = {makeScale(2, QStringLiteral("ILD"), ScaleType::Log, 0.2, 2000),
                makeScale(1, QStringLiteral("CALI"), ScaleType::Linear, 6, 16)};
    Calibration cal = makeCalibration({a, b}, 0.1, 0.5);
    cal.depthUnit = QStringLiteral("FT");

    cv::Mat labels(200, 230, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {60, 0}, {60, 99}, cv::Scalar(1));    // GR 75 in rows 0..99 only
    cv::line(labels, {30, 0}, {30, 199}, cv::Scalar(2));   // SP -60
    cv::line(labels, {170, 0}, {170, 199}, cv::Scalar(2)); // ILD 20
    cv::line(labels, {195, 0}, {195, 199}, cv::Scalar(1)); // CALI 13.5
    Result<TraceResult> traced = CurveTracer().trace(labels, nullptr, cal);
    QVERIFY2(traced.ok(), qPrintable(traced.error()));
    Result<SampledLog> res = CurveSampler::sample(*traced, cal, labels.rows);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const LasDocument &las = res->las;
    QCOMPARE(las.depthMnemonic, QStringLiteral("DEPT"));
    QCOMPARE(las.depthUnit, QStringLiteral("FT"));
    QCOMPARE(las.nullValue, -999.25);
    QCOMPARE(int(las.depths.size()), 40);  // 1000.0 .. 1019.5
    QCOMPARE(las.depths.back(), 1019.5);
    QStringList names;
    for (const LasCurve &c : las.curves) {
        names << c.mnemonic + QLatin1Char('.') + c.unit;
        QCOMPARE(c.values.size(), las.depths.size());
    }
    QCOMPARE(names.join(QLatin1Char(' ')), QStringLiteral("GR.GAPI SP.MV ILD.U CALI.U"));
    QCOMPARE(int(res->confidence.size()), 4);
    for (size_t i = 0; i < las.depths.size(); ++i) {
        const double row = (las.depths[i] - 1000.0) * 10.0;
        if (row <= 99.0)
            QVERIFY(std::abs(las.curves[0].values[i] - 75.0) < 1e-6);
        else
            QCOMPARE(las.curves[0].values[i], -999.25);
        QVERIFY(std::abs(las.curves[1].values[i] + 60.0) < 1e-6);
        QVERIFY(std::abs(las.curves[2].values[i] / 20.0 - 1.0) < 1e-6);
        QVERIFY(std::abs(las.curves[3].values[i] - 13.5) < 1e-6);
        QVERIFY(res->confidence[3][i] > 0.9f);
    }
    QVERIFY(res->wraps.empty());
}

QTEST_GUILESS_MAIN(TestCurveSampler)
#include "tst_curvesampler.moc"
