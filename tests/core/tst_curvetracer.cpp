#include "base/feedback.h"
#include "calibration/calibration.h"
#include "trace/curvesampler.h"
#include "trace/curvetracer.h"
#include "tracetestutil.h"

#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <limits>

using namespace veer;

using namespace veer::test;

namespace {

/**
 * Checks a curve with a gap: on rows seen[0]..seen[1] and seen[2]..seen[3] it follows `expected`
 * within tol[0]; in the gap rows gap[0]..gap[1] it is either filled within tol[1] (checked from
 * seen[1] to seen[2]) with a confidence below 0.5, or null. Returns the failures, empty if none.
 */
QString checkGapOutcome(const CurveTrace &curve, const Expected &expected, std::array<int, 4> seen,
                        std::array<double, 2> tol, bool filled, std::array<int, 2> gap)
{
    QString msg = checkColumn(curve.column, expected, seen[0], seen[1], tol[0], "before the gap");
    msg += checkColumn(curve.column, expected, seen[2], seen[3], tol[0], "after the gap");
    if (filled)
        msg += checkColumn(curve.column, expected, seen[1], seen[2], tol[1], "in the gap");
    for (int r = gap[0]; r < gap[1]; ++r) {
        if (std::isnan(curve.column[size_t(r)]) == filled)
            msg += QStringLiteral("row %1 is %2; ").arg(r).arg(QLatin1String(filled ? "null" : "filled"));
        if (!(curve.confidence[size_t(r)] < 0.5f))
            msg += QStringLiteral("row %1 confidence %2; ").arg(r).arg(curve.confidence[size_t(r)]);
        if (!msg.isEmpty())
            break;
    }
    return msg;
}

} // namespace

/** Tests CurveTracer (identity through crossings, spikes, gaps) and CurveSampler; wraps are in tst_curvetracer_wrap. */
class TestCurveTracer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crossing_data();
    void crossing();
    void slopeCarriesIdentity_data();
    void slopeCarriesIdentity();
    void tangentTouch_data();
    void tangentTouch();
    void parallel_data();
    void parallel();
    void dashedCrossing_data();
    void dashedCrossing();
    void spike_data();
    void spike();
    void pegged_data();
    void pegged();
    void gap_data();
    void gap();
    void hiddenBesideStroke_data();
    void hiddenBesideStroke();
    void followsHiddenCurve_data();
    void followsHiddenCurve();
    void restartForgetsSlope();
    void reacquiresAfterGap_data();
    void reacquiresAfterGap();
    void subRangeAndAnchor();
    void badInput();
    void canceled();
};

void TestCurveTracer::crossing_data()
{
    QTest::addColumn<int>("spread");  // curve one runs from 150-spread to 150+spread over 400 rows
    QTest::addColumn<int>("thickness");
    QTest::addColumn<bool>("probabilities");
    QTest::addColumn<bool>("grid");
    QTest::addColumn<double>("tol");
    QTest::addColumn<int>("seam");  // rows either side of the crossing where all is class one

    QTest::newRow("moderate") << 50 << 1 << false << false << 0.8 << 0;
    QTest::newRow("steep") << 110 << 1 << false << false << 0.8 << 0;
    QTest::newRow("shallow") << 20 << 1 << false << false << 0.8 << 0;
    QTest::newRow("thick") << 50 << 2 << false << false << 1.0 << 0;
    QTest::newRow("shallow thick") << 20 << 2 << false << false << 1.0 << 0;
    QTest::newRow("moderate, ambiguous seam") << 50 << 1 << false << false << 0.8 << 8;
    QTest::newRow("steep, ambiguous seam") << 110 << 2 << false << false << 1.0 << 10;
    QTest::newRow("shallow, ambiguous seam") << 20 << 1 << false << false << 0.8 << 10;
    QTest::newRow("probabilities") << 50 << 1 << true << false << 0.8 << 0;
    QTest::newRow("probabilities grid") << 50 << 2 << true << true << 1.0 << 0;
    QTest::newRow("shallow probabilities grid") << 20 << 1 << true << true << 1.0 << 0;
}

void TestCurveTracer::crossing()
{
    QFETCH(int, spread);
    QFETCH(int, thickness);
    QFETCH(bool, probabilities);
    QFETCH(bool, grid);
    QFETCH(double, tol);
    QFETCH(int, seam);

    const int rows = 400;
    const cv::Point a0(150 - spread, 0), a1(150 + spread, rows - 1);
    const cv::Point b0(150 + spread, 0), b1(150 - spread, rows - 1);
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::Mat prob;
    if (probabilities) {
        cv::Mat m1(labels.size(), CV_8UC1, cv::Scalar(0)), m2 = m1.clone();
        cv::line(m1, a0, a1, cv::Scalar(255), thickness);
        cv::line(m2, b0, b1, cv::Scalar(255), thickness);
        prob = makeProbabilities(m1, m2);
        labels = labelsFromProbabilities(prob);
        if (grid)
            addGrid(prob);
    } else {
        cv::line(labels, a0, a1, cv::Scalar(1), thickness);
        cv::line(labels, b0, b1, cv::Scalar(2), thickness);
    }
    // The network cannot tell the curves apart near the crossing: only slope carries identity.
    if (seam > 0) {
        cv::Mat band = labels.rowRange(rows / 2 - seam, rows / 2 + seam + 1);
        band.setTo(1, band == 2);
    }
    const Expected x1 = [&](int r) { return a0.x + double(r) * (a1.x - a0.x) / (rows - 1); };
    const Expected x2 = [&](int r) { return b0.x + double(r) * (b1.x - b0.x) / (rows - 1); };

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, probabilities ? &prob : nullptr,
                                                      makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    const CurveTrace &two = res->curves[1];
    QCOMPARE(int(one.column.size()), rows);
    QCOMPARE(one.classId, 1);
    QCOMPARE(two.classId, 2);

    // Away from the crossing each curve is exact; through it, identity holds within a few px.
    const int cross = rows / 2;
    const int near = int(std::ceil((thickness + 2) * (rows - 1) / (4.0 * spread))) + 2;
    QString msg = checkColumn(one.column, x1, 0, cross - near, tol, "one before");
    msg += checkColumn(one.column, x1, cross + near, rows, tol, "one after");
    msg += checkColumn(two.column, x2, 0, cross - near, tol, "two before");
    msg += checkColumn(two.column, x2, cross + near, rows, tol, "two after");
    msg += checkColumn(one.column, x1, cross - near, cross + near, 1.5 + thickness, "one crossing");
    msg += checkColumn(two.column, x2, cross - near, cross + near, 1.5 + thickness, "two crossing");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    QVERIFY(one.wraps.empty());
    QVERIFY(two.wraps.empty());
    for (int r = 0; r < rows; ++r) {
        QVERIFY(one.confidence[size_t(r)] > 0.0f && one.confidence[size_t(r)] <= 1.0f);
        QVERIFY(two.confidence[size_t(r)] > 0.0f && two.confidence[size_t(r)] <= 1.0f);
    }
    // Confidence is lower at the crossing than far from it.
    QVERIFY(one.confidence[size_t(cross)] < one.confidence[20]);
}

void TestCurveTracer::slopeCarriesIdentity_data()
{
    QTest::addColumn<double>("slope");  // px per row of curve one; curve two mirrors it
    QTest::addColumn<int>("thickness");
    QTest::newRow("moderate") << 0.25 << 1;
    QTest::newRow("steep") << 0.6 << 1;
    QTest::newRow("moderate thick") << 0.25 << 2;
}

void TestCurveTracer::slopeCarriesIdentity()
{
    // The curves cross near the bottom of the band and the network labels everything past the
    // crossing as curve one: no later class evidence can settle who is who, only the slope.
    QFETCH(double, slope);
    QFETCH(int, thickness);
    const int rows = 200;
    const int cross = 150;
    const double tol = thickness == 1 ? 0.8 : 1.2;
    const int a0 = int(std::lround(150.0 - slope * cross));
    const int a1 = int(std::lround(150.0 + slope * (rows - 1 - cross)));
    const Expected x1 = [&](int r) { return a0 + double(r) * (a1 - a0) / (rows - 1); };
    const Expected x2 = [&](int r) { return 300.0 - x1(r); };
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {a0, 0}, {a1, rows - 1}, cv::Scalar(1), thickness);
    cv::line(labels, {300 - a0, 0}, {300 - a1, rows - 1}, cv::Scalar(2), thickness);
    cv::Mat tail = labels.rowRange(cross - 4, rows);
    tail.setTo(1, tail == 2);

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    const CurveTrace &two = res->curves[1];
    const int near = int(std::ceil((thickness + 2) / (2.0 * slope))) + 1;
    QString msg = checkColumn(one.column, x1, 0, cross - near, tol, "one before");
    msg += checkColumn(one.column, x1, cross + near, rows, tol, "one after");
    msg += checkColumn(two.column, x2, 0, cross - near, tol, "two before");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    // Curve two may fade out on the mislabelled tail, but never takes curve one's side.
    for (int r = cross + near; r < rows; ++r) {
        const float c = two.column[size_t(r)];
        QVERIFY2(std::isnan(c) || std::abs(c - x2(r)) <= tol,
                 qPrintable(QStringLiteral("two at row %1: %2").arg(r).arg(c)));
    }
}

void TestCurveTracer::tangentTouch_data()
{
    QTest::addColumn<int>("side");      // +1: curve two comes from the right, -1 from the left
    QTest::addColumn<int>("topClass");  // which class wins the shared pixels
    QTest::newRow("right, two on top") << 1 << 2;
    QTest::newRow("left, two on top") << -1 << 2;
    QTest::newRow("right, one on top") << 1 << 1;
}

void TestCurveTracer::tangentTouch()
{
    QFETCH(int, side);
    QFETCH(int, topClass);
    const int rows = 400;
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    const Expected x2 = [&](int r) { return 150.0 + side * std::pow((r - 200) / 14.0, 2.0); };
    std::vector<cv::Point> two;
    for (int r = 0; r < rows; ++r) {
        const double x = x2(r);
        if (x > 20 && x < 280)
            two.emplace_back(int(std::lround(x)), r);
    }
    const int other = topClass == 1 ? 2 : 1;
    if (other == 2)
        cv::polylines(labels, two, false, cv::Scalar(2));
    cv::line(labels, {150, 0}, {150, rows - 1}, cv::Scalar(1));
    if (other == 1)
        cv::polylines(labels, two, false, cv::Scalar(2));

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    const CurveTrace &t = res->curves[1];
    QString msg = checkColumn(one.column, [](int) { return 150.0; }, 0, rows, 0.6, "one");
    // Curve two: exact away from the touch, and never on curve one's side of it.
    msg += checkColumn(t.column, x2, two.front().y, 190, 1.0, "two before");
    msg += checkColumn(t.column, x2, 211, two.back().y + 1, 1.0, "two after");
    msg += checkColumn(t.column, x2, 190, 211, 1.5, "two touch");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
}

void TestCurveTracer::parallel_data()
{
    QTest::addColumn<int>("offset");  // column of curve two relative to curve one
    QTest::addColumn<bool>("probabilities");
    QTest::newRow("two px right") << 2 << false;
    QTest::newRow("two px left") << -2 << false;
    QTest::newRow("touching") << 1 << false;
    QTest::newRow("two px right, probabilities") << 2 << true;
}

void TestCurveTracer::parallel()
{
    QFETCH(int, offset);
    QFETCH(bool, probabilities);
    const int rows = 500;
    const Expected x1 = [](int r) { return std::lround(150.0 + 30.0 * std::sin(r / 40.0)); };
    const Expected x2 = [&](int r) { return x1(r) + offset; };
    cv::Mat m1(rows, 300, CV_8UC1, cv::Scalar(0)), m2 = m1.clone();
    for (int r = 0; r < rows; ++r) {
        m1.at<uint8_t>(r, int(x1(r))) = 255;
        m2.at<uint8_t>(r, int(x2(r))) = 255;
    }
    cv::Mat labels(m1.size(), CV_8UC1, cv::Scalar(0));
    labels.setTo(1, m1);
    labels.setTo(2, m2);
    cv::Mat prob;
    if (probabilities)
        prob = makeProbabilities(m1, m2);

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, probabilities ? &prob : nullptr,
                                                      makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const double tol = probabilities ? 0.5 : 0.01;
    QString msg = checkColumn(res->curves[0].column, x1, 0, rows, tol, "one");
    msg += checkColumn(res->curves[1].column, x2, 0, rows, tol, "two");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
}

void TestCurveTracer::dashedCrossing_data()
{
    QTest::addColumn<int>("on");
    QTest::addColumn<int>("off");
    QTest::addColumn<int>("phase");
    QTest::newRow("dashed, dash at crossing") << 8 << 6 << 0;
    QTest::newRow("dashed, gap at crossing") << 8 << 6 << 10;
    QTest::newRow("dotted") << 2 << 4 << 0;
    QTest::newRow("dotted, shifted") << 2 << 4 << 3;
}

void TestCurveTracer::dashedCrossing()
{
    QFETCH(int, on);
    QFETCH(int, off);
    QFETCH(int, phase);
    const int rows = 400;
    const Expected x1 = [](int r) { return 100.0 + r * 0.25; };
    const Expected x2 = [](int r) { return 200.0 - r * 0.25; };
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {100, 0}, {200, 400}, cv::Scalar(1));
    int first = -1;
    int last = -1;
    for (int r = 0; r < rows; ++r) {
        if ((r + phase) % (on + off) < on) {
            labels.at<uint8_t>(r, int(std::lround(x2(r)))) = 2;
            first = first < 0 ? r : first;
            last = r;
        }
    }

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &two = res->curves[1];
    QString msg = checkColumn(res->curves[0].column, x1, 0, rows, 1.0, "one");
    msg += checkColumn(two.column, x2, first, last + 1, 1.0, "two");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    // Bridged dash gaps carry less confidence than the dashes.
    for (int r = first; r <= last; ++r) {
        const bool inDash = (r + phase) % (on + off) < on;
        if (!inDash && std::abs(r - 200) > 6)
            QVERIFY2(two.confidence[size_t(r)] < 0.5f, qPrintable(QString::number(r)));
    }
}

void TestCurveTracer::spike_data()
{
    QTest::addColumn<int>("amplitude");  // signed, px
    QTest::addColumn<int>("halfRows");   // rows from base to tip
    QTest::addColumn<int>("thickness");
    QTest::newRow("right, 2 rows") << 80 << 2 << 1;
    QTest::newRow("right, 1 row") << 80 << 1 << 1;
    QTest::newRow("right, single row") << 80 << 0 << 1;
    QTest::newRow("left, 2 rows") << -80 << 2 << 1;
    QTest::newRow("right, 3 rows, thick") << 100 << 3 << 2;
}

void TestCurveTracer::spike()
{
    QFETCH(int, amplitude);
    QFETCH(int, halfRows);
    QFETCH(int, thickness);
    const int rows = 400;
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    const std::vector<cv::Point> one{{150, 0},
                                     {150, 200},
                                     {150 + amplitude, 200 + halfRows},
                                     {150, 200 + std::max(1, 2 * halfRows)},
                                     {150, rows - 1}};
    cv::polylines(labels, one, false, cv::Scalar(1), thickness);
    cv::line(labels, {40, 0}, {40, rows - 1}, cv::Scalar(2));

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const std::vector<float> &col = res->curves[0].column;
    const int end = 200 + std::max(1, 2 * halfRows);
    const Expected base = [](int) { return 150.0; };
    QString msg = checkColumn(col, base, 0, 199, 0.5, "before");
    msg += checkColumn(col, base, end + 2, rows, 0.5, "after");
    msg += checkColumn(res->curves[1].column, [](int) { return 40.0; }, 0, rows, 0.01, "two");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    float extreme = 150.0f;
    for (int r = 195; r < end + 5; ++r) {
        QVERIFY2(!std::isnan(col[size_t(r)]), qPrintable(QString::number(r)));
        extreme = amplitude > 0 ? std::max(extreme, col[size_t(r)]) : std::min(extreme, col[size_t(r)]);
    }
    QVERIFY2(std::abs(extreme - (150.0f + float(amplitude))) <= 1.0f,
             qPrintable(QStringLiteral("spike tip %1").arg(extreme)));
}

void TestCurveTracer::pegged_data()
{
    QTest::addColumn<bool>("wrapScale");
    QTest::addColumn<int>("edge");  // +1 right edge, -1 left edge
    QTest::newRow("right") << false << 1;
    QTest::newRow("right, wrap scale") << true << 1;
    QTest::newRow("left, wrap scale") << true << -1;
}

void TestCurveTracer::pegged()
{
    QFETCH(bool, wrapScale);
    QFETCH(int, edge);
    const int rows = 301;
    const int e = edge > 0 ? 300 : 100;
    cv::Mat labels(rows, 320, CV_8UC1, cv::Scalar(0));
    cv::polylines(labels, std::vector<cv::Point>{{200, 0}, {e, 100}, {e, 200}, {200, 300}}, false,
                  cv::Scalar(1));
    const Track track = makeTrack(100, 300, wrapScale);
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, track, 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    const Expected x = [&](int r) {
        if (r <= 100)
            return 200.0 + (e - 200.0) * r / 100.0;
        if (r <= 200)
            return double(e);
        return e + (200.0 - e) * (r - 200) / 100.0;
    };
    const QString msg = checkColumn(one.column, x, 0, rows, 0.8, "one");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    QVERIFY(one.wraps.empty());
    for (int r = 101; r <= 200; ++r) {
        const double v = CurveSampler::valueAtRow(one, 0, track, track.curves[0], r);
        QCOMPARE(v, edge > 0 ? 100.0 : 0.0);
    }
    // Curve two has no pixels at all: null throughout.
    for (float c : res->curves[1].column)
        QVERIFY(std::isnan(c));
}

void TestCurveTracer::gap_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("bridged");
    QTest::newRow("short") << 5 << true;
    QTest::newRow("at bridge limit") << 12 << true;
    QTest::newRow("long") << 13 << false;
    QTest::newRow("very long") << 80 << false;
}

void TestCurveTracer::gap()
{
    QFETCH(int, length);
    QFETCH(bool, bridged);
    const int rows = 400;
    const Expected x = [](int r) { return 100.0 + 0.25 * r; };
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    for (int r = 0; r < rows; ++r) {
        if (r < 200 || r >= 200 + length)
            labels.at<uint8_t>(r, int(std::lround(x(r)))) = 1;
    }
    cv::line(labels, {250, 0}, {250, rows - 1}, cv::Scalar(2));
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    QString msg = checkColumn(one.column, x, 0, 200, 0.5, "before");
    msg += checkColumn(one.column, x, 200 + length, rows, 0.5, "after");
    if (bridged)
        msg += checkColumn(one.column, x, 200, 200 + length, 0.8, "bridge");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    for (int r = 200; r < 200 + length; ++r) {
        QCOMPARE(std::isnan(one.column[size_t(r)]), !bridged);
        QVERIFY(one.confidence[size_t(r)] < 0.5f);
        QCOMPARE(one.confidence[size_t(r)] > 0.0f, bridged);
    }
    QVERIFY(one.confidence[100] > 0.9f);
}

void TestCurveTracer::hiddenBesideStroke_data()
{
    QTest::addColumn<int>("offset");  // px from curve one's stroke edge to curve two
    QTest::addColumn<bool>("bridged");
    QTest::newRow("lost in the stroke's edge") << 3 << true;
    QTest::newRow("clear of the stroke: a real gap") << 12 << false;
}

void TestCurveTracer::hiddenBesideStroke()
{
    // A thin curve two runs beside a 7 px curve one and vanishes for 100 rows (far beyond the
    // bridge limit) where the network merged it into the thick stroke's edge. Close beside the
    // stroke the gap is bridged along the straight line; clear of it, it stays null.
    QFETCH(int, offset);
    QFETCH(bool, bridged);
    const int rows = 400;
    const Expected x1 = [](int r) { return 100.0 + 0.1 * r; };
    const Expected x2 = [&](int r) { return x1(r) + 3.0 + offset; };
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {100, 0}, {140, rows - 1}, cv::Scalar(1), 7);
    for (int r = 0; r < rows; ++r) {
        if (r < 150 || r >= 250)
            labels.at<uint8_t>(r, int(std::lround(x2(r)))) = 2;
    }
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    QString msg = checkColumn(res->curves[0].column, x1, 0, rows, 1.0, "one");
    msg += checkGapOutcome(res->curves[1], x2, {0, 150, 250, rows}, {0.6, 1.0}, bridged, {150, 250});
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
}

void TestCurveTracer::followsHiddenCurve_data()
{
    QTest::addColumn<int>("offset");  // px from curve one's stroke edge to curve two
    QTest::addColumn<bool>("faint");  // the network still gives curve two a little probability
    QTest::addColumn<bool>("followed");
    QTest::newRow("reading alike, hidden in the stroke") << 6 << true << true;
    QTest::newRow("pen lifted beside the stroke") << 6 << false << false;
    QTest::newRow("clear of the stroke: a real gap") << 25 << true << false;
}

void TestCurveTracer::followsHiddenCurve()
{
    // Two curves read alike for 300 rows, a wiggling 7 px curve one with curve two merged into
    // its stroke: the network calls it all curve one, with a faint curve-two probability left
    // along curve two. A straight bridge cannot follow the wiggles; the hidden curve follows
    // curve one at the offset of the gap's ends. Where the pen lifted (no sign of curve two at
    // all) or curve two vanishes far clear of the stroke, the gap stays null.
    QFETCH(int, offset);
    QFETCH(bool, faint);
    QFETCH(bool, followed);
    const int rows = 600;
    const Expected x1 = [](int r) { return 120.0 + 40.0 * std::sin(r / 25.0); };
    const Expected x2 = [&](int r) { return x1(r) + 3.5 + offset; };
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::Mat faintTwo(rows, 300, CV_8UC1, cv::Scalar(0));
    for (int r = 1; r < rows; ++r) {
        const cv::Point a(int(std::lround(x1(r - 1))), r - 1), b(int(std::lround(x1(r))), r);
        cv::line(labels, a, b, cv::Scalar(1), 7);
        const cv::Point c(int(std::lround(x2(r - 1))), r - 1), d(int(std::lround(x2(r))), r);
        if (r < 150 || r >= 450)
            cv::line(labels, c, d, cv::Scalar(2), 1);
        else if (faint)
            cv::line(faintTwo, c, d, cv::Scalar(12), 1);
    }
    // P(curve one), P(curve two) as the network would give them.
    std::vector<cv::Mat> channels{cv::Mat((labels == 1) & cv::Scalar(255)),
                                  cv::Mat(cv::max((labels == 2) & cv::Scalar(255), faintTwo))};
    cv::Mat probabilities;
    cv::merge(channels, probabilities);
    // The faint trail clear of the stroke would be followed as faint dots (tst_curvetracer_hard
    // faintDots); off here, so that only the hidden-curve rule is tested.
    TraceOptions options;
    options.maxFaintRows[1] = 0;
    Result<TrackTrace> res = CurveTracer(options).traceTrack(labels, &probabilities, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    QString msg = checkColumn(res->curves[0].column, x1, 3, rows, 1.5, "one");
    msg += checkGapOutcome(res->curves[1], x2, {5, 145, 455, rows}, {1.5, 2.0}, followed, {160, 440});
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
}

void TestCurveTracer::restartForgetsSlope()
{
    // A dotted curve two is lost for 80 rows (past reacquireRows) and comes back 140 px away as a
    // run of dots straight down. The jump is no slope: the dots after it are followed. (A stiffer
    // slope weight than the default makes a slope taken from the jump decisive.)
    const int rows = 420;
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {130, 0}, {130, rows - 1}, cv::Scalar(1), 3);
    for (int r = 0; r < 100; r += 4)
        labels.at<uint8_t>(r, 200) = 2;
    for (int r = 180; r < rows; r += 6)
        labels.at<uint8_t>(r, 60) = 2;
    TraceOptions options;
    options.slopeWeight = 0.3f;
    Result<TrackTrace> res = CurveTracer(options).traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const Expected x2 = [](int r) { return r < 140 ? 200.0 : 60.0; };
    QString msg = checkColumn(res->curves[0].column, [](int) { return 130.0; }, 0, rows, 0.6, "one");
    msg += checkColumn(res->curves[1].column, x2, 180, 415, 0.6, "two after the restart");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
}

void TestCurveTracer::reacquiresAfterGap_data()
{
    QTest::addColumn<int>("from");   // curve two's column until it is lost
    QTest::addColumn<int>("gap");    // rows the network lost it for
    QTest::addColumn<int>("shift");  // px it came back away from where it was lost
    QTest::newRow("30 rows, 60 px") << 150 << 30 << 60;
    QTest::newRow("20 rows, 120 px") << 150 << 20 << 120;
    QTest::newRow("lost at the right edge, back at the left") << 284 << 30 << -264;
    QTest::newRow("lost at the left edge, back at the right") << 14 << 40 << 266;
}

void TestCurveTracer::reacquiresAfterGap()
{
    // Curve two is lost for a few dozen rows (past the bridge limit) and comes back well away from
    // where it was lost. It is traced again from the row it is back: the distance it moved while
    // unseen is no evidence against it, and, lost at one edge and back at the other, it did not
    // wrap (which would shift every later value by a scale span): a wrap is seen, not guessed
    // across a gap (reacquireRows). The gap itself stays null.
    QFETCH(int, from);
    QFETCH(int, gap);
    QFETCH(int, shift);
    const int rows = 400;
    const int lost = 200;
    const int back = lost + gap;
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {60, 0}, {60, rows - 1}, cv::Scalar(1), 2);
    cv::line(labels, {from, 0}, {from, lost - 1}, cv::Scalar(2), 2);
    cv::line(labels, {from + shift, back}, {from + shift, rows - 1}, cv::Scalar(2), 2);
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const auto at = [](double x) { return [x](int) { return x; }; };
    const CurveTrace &two = res->curves[1];
    QString msg = checkColumn(res->curves[0].column, at(60.5), 0, rows, 0.6, "one");
    msg += checkColumn(two.column, at(from + 0.5), 0, lost, 0.6, "two before");
    msg += checkColumn(two.column, at(from + shift + 0.5), back, rows, 0.6, "two after");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    QVERIFY2(two.wraps.empty(), qPrintable(QStringLiteral("a wrap at row %1").arg(two.wraps.empty() ? 0 : two.wraps[0].row)));
    // cv::line's 2 px stroke reaches one row past each end.
    for (int r = lost + 1; r < back - 1; ++r)
        QVERIFY2(std::isnan(two.column[size_t(r)]), qPrintable(QStringLiteral("row %1 filled").arg(r)));
}

void TestCurveTracer::subRangeAndAnchor()
{
    const int rows = 400;
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {100, 0}, {200, rows - 1}, cv::Scalar(1));
    cv::line(labels, {200, 0}, {100, rows - 1}, cv::Scalar(2));
    const Expected x1 = [](int r) { return 100.0 + r * 100.0 / 399.0; };
    const Expected x2 = [](int r) { return 200.0 - r * 100.0 / 399.0; };

    // A band of rows 50..349 of the sheet; trace image rows 100..299 of it.
    TraceOptions options;
    options.labelRowOffset = 50;
    options.firstRow = 100;
    options.rowCount = 200;
    options.anchors = {{0, 1, 150, 140.0}, {1, 1, 150, 10.0}};  // second: other track, ignored
    const cv::Mat band = labels.rowRange(50, 350);
    const Calibration cal = makeCalibration({makeTrack(10, 290)});
    Result<TraceResult> res = CurveTracer(options).trace(band, nullptr, cal);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    QCOMPARE(res->firstRow, 100);
    QCOMPARE(res->rowCount, 200);
    QCOMPARE(int(res->tracks.size()), 1);
    const CurveTrace &one = res->tracks[0].curves[0];
    const CurveTrace &two = res->tracks[0].curves[1];
    QCOMPARE(int(one.column.size()), 200);
    QCOMPARE(one.column[50], 140.0f);  // the anchor, 2 px off the stroke
    QCOMPARE(one.confidence[50], 1.0f);
    const Expected l1 = [&](int r) { return x1(r + 100); };
    const Expected l2 = [&](int r) { return x2(r + 100); };
    QString msg = checkColumn(one.column, l1, 0, 40, 0.8, "one");
    msg += checkColumn(one.column, l1, 110, 200, 0.8, "one after");
    msg += checkColumn(two.column, l2, 0, 90, 0.8, "two");
    msg += checkColumn(two.column, l2, 110, 200, 0.8, "two after");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));

    // Rows outside the band are refused.
    options.rowCount = 300;
    QVERIFY(!CurveTracer(options).trace(band, nullptr, cal).ok());
}

void TestCurveTracer::badInput()
{
    const Calibration cal = makeCalibration({makeTrack(10, 290)});
    const cv::Mat wrongType(100, 300, CV_8UC3, cv::Scalar(0, 0, 0));
    QVERIFY(!CurveTracer().trace(wrongType, nullptr, cal).ok());
    const cv::Mat labels(100, 300, CV_8UC1, cv::Scalar(0));
    const cv::Mat prob(50, 300, CV_8UC2, cv::Scalar(0, 0));
    Result<TraceResult> r = CurveTracer().trace(labels, &prob, cal);
    QVERIFY(!r.ok());
    QVERIFY(!r.error().isEmpty());
    // An empty sheet traces to nulls.
    Result<TraceResult> empty = CurveTracer().trace(labels, nullptr, cal);
    QVERIFY(empty.ok());
    for (float c : empty->tracks[0].curves[0].column)
        QVERIFY(std::isnan(c));
}

void TestCurveTracer::canceled()
{
    const Calibration cal = makeCalibration({makeTrack(10, 290)});
    const cv::Mat labels(2000, 300, CV_8UC1, cv::Scalar(0));
    Feedback feedback;
    feedback.cancel();
    QVERIFY(!CurveTracer().trace(labels, nullptr, cal, &feedback).ok());
    Feedback running;
    QVERIFY(CurveTracer().trace(labels, nullptr, cal, &running).ok());
    QCOMPARE(running.progress(), 100.0);
}

QTEST_GUILESS_MAIN(TestCurveTracer)
#include "tst_curvetracer.moc"
