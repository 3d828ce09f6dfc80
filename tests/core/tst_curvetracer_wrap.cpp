// Wrap-arounds: a curve wraps only on a backup scale and only where it is seen at both edges.
#include "calibration/calibration.h"
#include "trace/curvesampler.h"
#include "trace/curvetracer.h"
#include "tracetestutil.h"

#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace veer;
using namespace veer::test;

/** Tests CurveTracer's wrap-arounds and the values CurveSampler gives across them. */
class TestCurveTracerWrap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wrapAround_data();
    void wrapAround();
    void wrapsBackAcrossGap_data();
    void wrapsBackAcrossGap();
    void noWrapFromAJump_data();
    void noWrapFromAJump();
    void offScaleSpikeNoBackup();
    void returnNotSeen_data();
    void returnNotSeen();
};

void TestCurveTracerWrap::wrapAround_data()
{
    QTest::addColumn<bool>("wrapScale");
    QTest::addColumn<int>("direction");
    QTest::addColumn<int>("scaleType");
    QTest::addColumn<double>("lastValue");  // value at row 300
    // Unwrapped column at row 300 is 350 (right) or 50 (left) on a track 100..300.
    QTest::newRow("right, wrap scale") << true << 1 << int(ScaleType::Linear) << 125.0;
    // Without a backup scale the curve never wraps: the value stays on the ink (column 150).
    QTest::newRow("right, no backup scale") << false << 1 << int(ScaleType::Linear) << 25.0;
    QTest::newRow("left, wrap scale") << true << -1 << int(ScaleType::Linear) << -25.0;
    QTest::newRow("right, log") << true << 1 << int(ScaleType::Log) << 20000.0;
}

void TestCurveTracerWrap::wrapAround()
{
    QFETCH(bool, wrapScale);
    QFETCH(int, direction);
    QFETCH(int, scaleType);
    QFETCH(double, lastValue);
    const int rows = 301;
    const auto unwrapped = [&](int r) { return 200.0 + direction * 0.5 * r; };
    const Expected column = [&](int r) {
        const double u = unwrapped(r);
        return u > 300.0 ? u - 200.0 : (u < 100.0 ? u + 200.0 : u);
    };
    cv::Mat labels(rows, 320, CV_8UC1, cv::Scalar(0));
    for (int r = 0; r < rows; ++r)
        labels.at<uint8_t>(r, int(std::lround(column(r)))) = 1;
    labels.at<uint8_t>(150, 160) = 2; // a speck of curve two

    Track track = makeTrack(100, 300, wrapScale);
    if (scaleType == int(ScaleType::Log)) {
        track.curves[0].type = ScaleType::Log;
        track.curves[0].left = 0.2;
        track.curves[0].right = 2000.0;
    }
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, track, 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    // Without a backup scale the run at the far edge is a jump: the curve is null until it is
    // picked up again (reacquireRows), then on the ink.
    const int resume = wrapScale ? 0 : 201 + TraceOptions().reacquireRows + 2;
    const QString msg = checkColumn(one.column, column, 0, wrapScale ? rows : 201, 0.6, "one")
                        + checkColumn(one.column, column, resume, rows, 0.6, "one, picked up");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    QCOMPARE(int(one.wraps.size()), wrapScale ? 1 : 0);
    if (wrapScale) {
        QCOMPARE(one.wraps[0].row, 201);
        QCOMPARE(one.wraps[0].direction, direction);
    }

    // Exported values continue past the edge instead of jumping back by a span.
    TraceResult trace;
    trace.rowCount = rows;
    trace.tracks = {res.take()};
    const Calibration cal = makeCalibration({track});
    const double v300 = CurveSampler::valueAtRow(trace.tracks[0].curves[0], 0, track,
                                                 track.curves[0], 300.0);
    QVERIFY2(std::abs(v300 - lastValue) <= 0.01 * std::abs(lastValue) + 0.3,
             qPrintable(QString::number(v300)));
    Result<SampledLog> log = CurveSampler::sample(trace, cal, rows);
    QVERIFY2(log.ok(), qPrintable(log.error()));
    if (!wrapScale) {
        QVERIFY(log->wraps.empty());
        return;
    }
    QCOMPARE(int(log->wraps.size()), 1);
    QCOMPARE(log->wraps[0].mnemonic, QStringLiteral("ONE"));
    QCOMPARE(log->wraps[0].depth, 1020.1);
    const std::vector<double> &values = log->las.curves[0].values;
    for (size_t i = 1; i < values.size(); ++i) {
        const double jump = scaleType == int(ScaleType::Log) ? std::abs(std::log10(values[i] / values[i - 1]))
                                                             : std::abs(values[i] - values[i - 1]);
        QVERIFY2(jump < (scaleType == int(ScaleType::Log) ? 0.05 : 1.0),
                 qPrintable(QStringLiteral("jump at sample %1").arg(i)));
    }
}

void TestCurveTracerWrap::wrapsBackAcrossGap_data()
{
    QTest::addColumn<bool>("backup");  // the scales have a backup (wrap-around) scale
    QTest::newRow("backup scale") << true;
    QTest::newRow("no backup scale") << false;
}

void TestCurveTracerWrap::wrapsBackAcrossGap()
{
    // Curve two leaves by the right edge and comes back in at the left (a wrap onto the backup
    // scale), turns and runs back to the left edge, where it is lost for 30 rows; it comes back
    // in at the right edge. On a scale with a backup that is the wrap back onto the main scale,
    // and the values stay continuous. Without one, a wrap is only taken where it is seen: the
    // curve restarts where it comes back.
    QFETCH(bool, backup);
    const int rows = 400;
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {150, 0}, {150, rows - 1}, cv::Scalar(1), 2);
    cv::line(labels, {200, 0}, {289, 99}, cv::Scalar(2), 1);
    cv::line(labels, {10, 100}, {60, 150}, cv::Scalar(2), 1);
    cv::line(labels, {60, 150}, {11, 199}, cv::Scalar(2), 1);
    cv::line(labels, {288, 230}, {200, rows - 1}, cv::Scalar(2), 1);
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290, backup), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &two = res->curves[1];
    const Expected after = [](int r) { return 288.0 - (r - 230) * 88.0 / (rows - 1 - 230); };
    QString msg = checkColumn(res->curves[0].column, [](int) { return 150.5; }, 0, rows, 0.6, "one");
    msg += checkColumn(two.column, after, 232, rows, 1.0, "two after the gap");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    if (!backup) {
        QVERIFY2(two.wraps.empty(), "a curve without a backup scale never wraps");
        return;
    }
    QVERIFY2(!two.wraps.empty() && two.wraps[0].direction == 1 && std::abs(two.wraps[0].row - 100) <= 2,
             "the wrap out by the right edge is seen");
    {
        QCOMPARE(int(two.wraps.size()), 2);
        QCOMPARE(two.wraps[1].direction, -1);
        QVERIFY(two.wraps[1].row >= 200 && two.wraps[1].row <= 232);
    }
}

void TestCurveTracerWrap::noWrapFromAJump_data()
{
    QTest::addColumn<bool>("backup");
    QTest::newRow("backup scale") << true;
    QTest::newRow("no backup scale") << false;
}

void TestCurveTracerWrap::noWrapFromAJump()
{
    // The curve runs to 8 px short of the right edge, the pen lifts for 10 rows, and it comes back
    // 8 px inside the left edge: it was never seen crossing an edge, so it did not wrap, backup
    // scale or not, and every traced value lies on the ink (a wrap here would shift all later
    // values by a whole scale span, silently).
    QFETCH(bool, backup);
    const int rows = 400;
    cv::Mat labels(rows, 320, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {200, 0}, {292, 150}, cv::Scalar(1), 1);
    cv::line(labels, {108, 161}, {200, rows - 1}, cv::Scalar(1), 1);
    const Track track = makeTrack(100, 300, backup);
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, track, 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    QVERIFY2(one.wraps.empty(), qPrintable(QStringLiteral("a wrap at row %1").arg(one.wraps.empty() ? 0 : one.wraps[0].row)));
    const Expected before = [](int r) { return 200.0 + r * 92.0 / 150.0; };
    const Expected after = [](int r) { return 108.0 + (r - 161) * 92.0 / (rows - 1 - 161); };
    QString msg = checkColumn(one.column, before, 0, 150, 1.0, "before");
    for (int r = 161; r < rows; ++r) {
        const float x = one.column[size_t(r)];
        if (!std::isnan(x) && std::abs(x - after(r)) > 1.0)
            msg += QStringLiteral("row %1 off the ink: %2; ").arg(r).arg(double(x));
        const double v = CurveSampler::valueAtRow(one, 0, track, track.curves[0], r);
        if (!std::isnan(v) && std::abs(v - (after(r) - 100.0) / 2.0) > 1.0)
            msg += QStringLiteral("row %1 value %2; ").arg(r).arg(v);
        if (!msg.isEmpty())
            break;
    }
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    QVERIFY2(!std::isnan(one.column[size_t(rows - 1)]), "the curve is picked up again");
}

void TestCurveTracerWrap::offScaleSpikeNoBackup()
{
    // An off-scale spike touches the right edge, and a tick mark at the left edge lies on the same
    // rows. Without a backup scale the curve never wraps: it comes back from the spike on the ink.
    const int rows = 300;
    cv::Mat labels(rows, 320, CV_8UC1, cv::Scalar(0));
    cv::polylines(labels, std::vector<cv::Point>{{200, 0}, {200, 140}, {300, 150}, {200, 160}, {200, rows - 1}},
                  false, cv::Scalar(1), 1);
    cv::rectangle(labels, cv::Rect(100, 150, 4, 3), cv::Scalar(1), cv::FILLED);
    const Track track = makeTrack(100, 300, false);
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, track, 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    QVERIFY(one.wraps.empty());
    const Expected base = [](int) { return 200.0; };
    QString msg = checkColumn(one.column, base, 0, 140, 0.6, "before");
    msg += checkColumn(one.column, base, 161, rows, 0.6, "after");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    for (int r = 0; r < rows; ++r) {
        const double v = CurveSampler::valueAtRow(one, 0, track, track.curves[0], r);
        QVERIFY2(std::isnan(v) || (v >= -0.01 && v <= 100.01), qPrintable(QStringLiteral("row %1 value %2").arg(r).arg(v)));
    }
}


void TestCurveTracerWrap::returnNotSeen_data()
{
    // Strokes of curve one as lines (x, row) on a track 100..300 with a backup scale (0..100
    // on the main scale, 100..200 on the backup past the right edge), and the value expected at
    // three rows. Which scale the curve is on is not seen at its first row, nor over a gap it
    // comes back from far away: there it runs on its main scale for the most rows, as a log does.
    QTest::addColumn<QList<QLine>>("strokes");
    QTest::addColumn<QList<QPoint>>("rowValue");  // (row, expected value)
    QTest::addColumn<int>("wraps");
    const QLine out(200, 0, 299, 99);  // to the right edge: 50 -> 100
    const QLine onBackup(101, 100, 160, 159);  // back in at the left: 100 -> 130
    // Lost on the backup at column 160 and back 90 px away after 40 rows: carrying the backup on
    // unseen would shift every later value by a whole span without a word.
    QTest::newRow("back far away after a gap: main scale")
        << QList<QLine>{out, onBackup, QLine(250, 200, 250, 399)}
        << QList<QPoint>{{149, 125}, {250, 75}, {399, 75}} << 2;
    // Back 10 px from where it was lost: a pen lift on the backup, which it leaves by the left
    // edge later, seen.
    QTest::newRow("back close by after a gap: still on the backup")
        << QList<QLine>{out, onBackup, QLine(170, 200, 101, 269),
                           QLine(299, 270, 250, 399)}
        << QList<QPoint>{{149, 125}, {220, 125}, {399, 75}} << 2;
    // Off scale at the first row (110, drawn at column 120 on the backup), back onto the main
    // scale by the left edge at row 20, seen, and on it from there on.
    QTest::newRow("starts on the backup")
        << QList<QLine>{QLine(120, 0, 101, 19), QLine(299, 20, 200, 399)}
        << QList<QPoint>{{0, 110}, {200, 76}, {399, 50}} << 2;
}

void TestCurveTracerWrap::returnNotSeen()
{
    QFETCH(QList<QLine>, strokes);
    QFETCH(QList<QPoint>, rowValue);
    QFETCH(int, wraps);
    const int rows = 400;
    cv::Mat labels(rows, 320, CV_8UC1, cv::Scalar(0));
    for (const QLine &stroke : strokes)
        cv::line(labels, {stroke.x1(), stroke.y1()}, {stroke.x2(), stroke.y2()}, cv::Scalar(1), 1);
    const Track track = makeTrack(100, 300, true);
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, track, 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    QString events;
    for (const WrapEvent &w : one.wraps)
        events += QStringLiteral("%1 at row %2; ").arg(w.direction).arg(w.row);
    QVERIFY2(int(one.wraps.size()) == wraps, qPrintable(events));
    for (const QPoint &rv : rowValue) {
        const double v = CurveSampler::valueAtRow(one, 0, track, track.curves[0], rv.x());
        QVERIFY2(std::abs(v - rv.y()) <= 1.0,
                 qPrintable(QStringLiteral("row %1: %2, not %3 (wraps: %4)").arg(rv.x()).arg(v).arg(rv.y()).arg(events)));
    }
}

QTEST_GUILESS_MAIN(TestCurveTracerWrap)
#include "tst_curvetracer_wrap.moc"
