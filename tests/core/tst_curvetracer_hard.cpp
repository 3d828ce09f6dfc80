#include "calibration/calibration.h"
#include "trace/curvetracer.h"

#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <functional>

using namespace veer;

namespace {

using Course = std::function<double(double row)>;

Track makeTrack(double left, double right, bool wrap = false)
{
    Track t;
    for (int classId : {1, 2}) {
        CurveScale s;
        s.classId = classId;
        s.mnemonic = classId == 1 ? QStringLiteral("ONE") : QStringLiteral("TWO");
        s.unit = QStringLiteral("U");
        s.left = 0.0;
        s.right = 100.0;
        s.wrap = wrap;
        t.curves.push_back(s);
    }
    t.left = left;
    t.right = right;
    return t;
}

/**
 * Draws curve `classId` along column x(row) for rows [r0, r1] as a broken stroke: `on` px of ink
 * then `off` px of paper, measured along the stroke from `phase`. `on` 0 draws round dots of
 * diameter `thickness`, one every `off` px.
 */
void drawBroken(cv::Mat &labels, const Course &x, double r0, double r1, double on, double off,
                int thickness, int classId, double phase = 0.0)
{
    const double period = on + off;
    double along = phase;
    double nextDot = phase;
    cv::Point2d last(x(r0), r0);
    for (double r = r0 + 0.05; r <= r1 + 1e-9; r += 0.05) {
        const cv::Point2d p(x(r), r);
        const double step = std::hypot(p.x - last.x, p.y - last.y);
        if (on <= 0.0) {
            if (along >= nextDot) {
                cv::circle(labels, cv::Point(int(std::lround(p.x)), int(std::lround(p.y))),
                           thickness / 2, cv::Scalar(classId), -1);
                nextDot += off;
            }
        } else if (std::fmod(along, period) < on) {
            cv::line(labels, cv::Point(int(std::lround(last.x)), int(std::lround(last.y))),
                     cv::Point(int(std::lround(p.x)), int(std::lround(p.y))), cv::Scalar(classId),
                     thickness);
        }
        along += step;
        last = p;
    }
}

/** Rows in [r0, r1) where `col` is null or further than `tol` from x(row); empty when none. */
QString misses(const std::vector<float> &col, const Course &x, int r0, int r1, double tol,
               int allowed = 0)
{
    QStringList out;
    for (int r = r0; r < r1; ++r) {
        const float c = col[size_t(r)];
        if (std::isnan(c) || std::abs(c - x(r)) > tol)
            out << QStringLiteral("%1:%2/%3").arg(r).arg(double(c), 0, 'f', 1).arg(x(r), 0, 'f', 1);
    }
    if (out.size() <= allowed)
        return {};
    return QStringLiteral("%1 rows off: %2")
        .arg(out.size())
        .arg(out.mid(0, 12).join(QLatin1Char(' ')));
}

} // namespace

/**
 * Tests CurveTracer on what the generated evaluation sheets showed it losing: broken strokes that
 * run nearly horizontally, turn in a gap, run along an edge, or sweep across an edge to wrap.
 */
class TestCurveTracerHard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shallowBrokenStroke_data();
    void shallowBrokenStroke();
    void turnInDashGap_data();
    void turnInDashGap();
    void dashedAlongEdge();
    void wrapSweep_data();
    void wrapSweep();
    void faintDots_data();
    void faintDots();
    void hatchingIsNoCurve();
};

void TestCurveTracerHard::shallowBrokenStroke_data()
{
    QTest::addColumn<double>("on");
    QTest::addColumn<double>("off");
    QTest::addColumn<int>("thickness");
    QTest::addColumn<double>("amplitude");  // px; the steepest slope is amplitude * 2 pi / 160
    // Dots or dashes of a stroke running at up to 5-8 px per row lie side by side on a row.
    QTest::newRow("dots, 4 px") << 0.0 << 7.5 << 4 << 200.0;
    QTest::newRow("dots, 3 px") << 0.0 << 8.0 << 3 << 130.0;
    QTest::newRow("dashes") << 9.0 << 7.0 << 2 << 200.0;
    QTest::newRow("long dashes") << 25.0 << 8.5 << 3 << 200.0;
    // Single-pixel dots a few rows apart while the slope changes.
    QTest::newRow("sparse 1 px dots") << 0.0 << 5.5 << 1 << 110.0;
}

void TestCurveTracerHard::shallowBrokenStroke()
{
    QFETCH(double, on);
    QFETCH(double, off);
    QFETCH(int, thickness);
    QFETCH(double, amplitude);
    const int rows = 480;
    const Course x1 = [](double r) { return 40.0 + 0.05 * r; };
    const Course x2 = [&](double r) {
        return 300.0 + amplitude * std::sin(r * 2.0 * M_PI / 160.0);
    };
    cv::Mat labels(rows, 600, CV_8UC1, cv::Scalar(0));
    cv::line(labels, cv::Point(40, 0), cv::Point(64, rows - 1), cv::Scalar(1));
    drawBroken(labels, x2, 0.0, rows - 1, on, off, thickness, 2);

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 590), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    // The stroke's course through a row is found within its dots; a few rows at the turning
    // points, where a dot spans several rows, may be off by more.
    const double tol = std::max(3.0, 0.5 * off + thickness);
    QString msg = misses(res->curves[1].column, x2, 10, rows - 10, tol, rows / 50);
    msg += misses(res->curves[0].column, x1, 0, rows, 1.0);
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    int nulls = 0;
    for (int r = 10; r < rows - 10; ++r)
        nulls += std::isnan(res->curves[1].column[size_t(r)]) ? 1 : 0;
    QCOMPARE(nulls, 0);
}

void TestCurveTracerHard::turnInDashGap_data()
{
    QTest::addColumn<double>("slope");  // px per row either side of the turn
    QTest::addColumn<double>("phase");
    QTest::newRow("2.5 px/row, gap at the turn") << 2.5 << 4.0;
    QTest::newRow("2.5 px/row, dash at the turn") << 2.5 << 0.0;
    QTest::newRow("5 px/row, gap at the turn") << 5.0 << 4.0;
}

void TestCurveTracerHard::turnInDashGap()
{
    QFETCH(double, slope);
    QFETCH(double, phase);
    // A dashed stroke zigzags: each turn may fall in a gap between dashes, after which the
    // stroke is far from where its old course predicts.
    const int rows = 400;
    const double period = 80.0;
    const Course x2 = [&](double r) {
        const double t = std::fmod(r, period);
        return 200.0 + slope * (t < period / 2 ? t - period / 4 : 3 * period / 4 - t);
    };
    cv::Mat labels(rows, 400, CV_8UC1, cv::Scalar(0));
    cv::line(labels, cv::Point(40, 0), cv::Point(40, rows - 1), cv::Scalar(1), 2);
    drawBroken(labels, x2, 0.0, rows - 1, 7.0, 4.5, 1, 2, phase);

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 390), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const QString msg = misses(res->curves[1].column, x2, 5, rows - 5, 2.0 + slope, rows / 40);
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    int nulls = 0;
    for (int r = 5; r < rows - 5; ++r)
        nulls += std::isnan(res->curves[1].column[size_t(r)]) ? 1 : 0;
    QCOMPARE(nulls, 0);
}

void TestCurveTracerHard::dashedAlongEdge()
{
    // A dashed curve runs fast into the right edge and stays pegged there: its old course points
    // past the edge, but the stroke can only run on along the edge column.
    const int rows = 300;
    const Course x2 = [](double r) {
        return r < 100 ? 150.0 : std::min(290.0, 150.0 + 8.0 * (r - 100));
    };
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(labels, cv::Point(40, 0), cv::Point(40, rows - 1), cv::Scalar(1), 2);
    drawBroken(labels, x2, 0.0, rows - 1, 7.0, 4.5, 1, 2);

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const QString msg = misses(res->curves[1].column, x2, 120, rows - 5, 1.5);
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    QVERIFY(res->curves[1].wraps.empty());
}

void TestCurveTracerHard::wrapSweep_data()
{
    QTest::addColumn<bool>("wrapScale");
    QTest::addColumn<double>("speed");  // px per row across the track
    QTest::newRow("wrap scale, 40 px/row") << true << 40.0;
    QTest::newRow("wrap scale, 25 px/row") << true << 25.0;
    QTest::newRow("no backup scale, 40 px/row") << false << 40.0;
}

void TestCurveTracerHard::wrapSweep()
{
    QFETCH(bool, wrapScale);
    QFETCH(double, speed);
    // A thin curve sweeps nearly horizontally out by the right edge and in by the left within a
    // few rows (one row holds both ends), then later back out by the left and in by the right.
    const int rows = 400;
    const double width = 280.0;  // track 10..290
    const Course unwrapped = [&](double r) {
        if (r < 100)
            return 150.0;
        if (r < 100 + width / speed)
            return 150.0 + speed * (r - 100);
        if (r < 250)
            return 150.0 + width;
        if (r < 250 + width / speed)
            return 150.0 + width - speed * (r - 250);
        return 150.0;
    };
    const Course onTrack = [&](double r) {
        const double u = unwrapped(r);
        return u > 290.0 ? u - width : u;
    };
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    for (double r = 0.0; r < rows - 1; r += 0.02) {
        const double u = unwrapped(r);
        const double v = unwrapped(r + 0.02);
        const bool across = (u <= 290.0) != (v <= 290.0);
        if (!across) {
            const double x0 = u > 290.0 ? u - width : u;
            const double x1 = v > 290.0 ? v - width : v;
            cv::line(labels, cv::Point(int(std::lround(x0)), int(std::lround(r))),
                     cv::Point(int(std::lround(x1)), int(std::lround(r + 0.02))), cv::Scalar(1));
        }
    }
    cv::line(labels, cv::Point(60, 0), cv::Point(60, rows - 1), cv::Scalar(2), 2);

    Result<TrackTrace> res =
        CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 290, wrapScale), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &one = res->curves[0];
    const int sweep = int(std::ceil(width / speed)) + 2;
    if (!wrapScale) {
        // Without a backup scale it never wraps: after each jump it is null until picked up again
        // (reacquireRows), then on the ink.
        const int resume = sweep + TraceOptions().reacquireRows + 2;
        QString msg = misses(one.column, onTrack, 0, 100, 1.0);
        msg += misses(one.column, onTrack, 100 + resume, 250, 1.5);
        msg += misses(one.column, onTrack, 250 + resume, rows, 1.5);
        QVERIFY2(msg.isEmpty(), qPrintable(msg));
        QVERIFY(one.wraps.empty());
        return;
    }
    QString msg = misses(one.column, onTrack, 0, 100, 1.0);
    msg += misses(one.column, onTrack, 100 + sweep, 250, 1.5);
    msg += misses(one.column, onTrack, 250 + sweep, rows, 1.5);
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    // Exactly one wrap each way, in the sweeps: the unwrapped course comes back to the start.
    QCOMPARE(int(one.wraps.size()), 2);
    QCOMPARE(one.wraps[0].direction, 1);
    QVERIFY2(one.wraps[0].row >= 100 && one.wraps[0].row <= 100 + sweep,
             qPrintable(QString::number(one.wraps[0].row)));
    QCOMPARE(one.wraps[1].direction, -1);
    QVERIFY2(one.wraps[1].row >= 250 && one.wraps[1].row <= 250 + sweep,
             qPrintable(QString::number(one.wraps[1].row)));
    QVERIFY(res->curves[1].wraps.empty());
}

void TestCurveTracerHard::faintDots_data()
{
    QTest::addColumn<int>("faint");  // P(curve two) * 255 of the dots the network barely saw
    QTest::addColumn<bool>("followed");
    QTest::newRow("faint dots: followed") << 30 << true;
    QTest::newRow("no dots: the pen lifted") << 0 << false;
}

void TestCurveTracerHard::faintDots()
{
    // A dotted curve two (1 px dots every 5 px) wiggles beside a solid curve one. Over 200 rows
    // (far past the bridge limit and past reacquireRows) the network gives its dots only a faint
    // probability, below the threshold that makes a candidate. The chain of faint dots is followed,
    // at low confidence; where the pen lifted there are no dots and the gap stays null.
    QFETCH(int, faint);
    QFETCH(bool, followed);
    const int rows = 500;
    const Course x2 = [](double r) { return 180.0 + 40.0 * std::sin(r / 40.0); };
    cv::Mat one(rows, 300, CV_8UC1, cv::Scalar(0));
    cv::line(one, cv::Point(60, 0), cv::Point(60, rows - 1), cv::Scalar(255), 3);
    cv::Mat dots(rows, 300, CV_8UC1, cv::Scalar(0));
    drawBroken(dots, x2, 0.0, rows - 1, 0.0, 5.0, 1, 255);
    cv::Mat two = dots.clone();
    cv::Mat(two.rowRange(150, 350)).setTo(faint, dots.rowRange(150, 350) > 0);
    cv::Mat probabilities;
    cv::merge(std::vector<cv::Mat>{one, two}, probabilities);
    cv::Mat labels(rows, 300, CV_8UC1, cv::Scalar(0));
    labels.setTo(1, one >= 128);
    labels.setTo(2, two >= 128);

    Result<TrackTrace> res = CurveTracer().traceTrack(labels, &probabilities, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &c2 = res->curves[1];
    QString msg = misses(res->curves[0].column, [](double) { return 60.0; }, 0, rows, 1.0);
    msg += misses(c2.column, x2, 10, 145, 2.0);
    msg += misses(c2.column, x2, 355, rows - 10, 2.0);
    if (followed)
        msg += misses(c2.column, x2, 145, 355, 2.0);
    for (int r = 160; r < 340 && msg.isEmpty(); ++r) {
        if (std::isnan(c2.column[size_t(r)]) == followed)
            msg += QStringLiteral("row %1 is %2").arg(r).arg(QLatin1String(followed ? "null" : "filled"));
        else if (!(c2.confidence[size_t(r)] < 0.5f))
            msg += QStringLiteral("row %1 confidence %2").arg(r).arg(c2.confidence[size_t(r)]);
    }
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    // Off: the faint dots are not followed.
    TraceOptions off;
    off.maxFaintRows[1] = 0;
    res = CurveTracer(off).traceTrack(labels, &probabilities, makeTrack(10, 290), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    int filled = 0;
    for (int r = 160; r < 340; ++r)
        filled += std::isnan(res->curves[1].column[size_t(r)]) ? 0 : 1;
    QCOMPARE(filled, 0);
}

// Hatching the network calls curve two (parallel thin diagonal lines, some missed) is no curve:
// where the dashed curve is lost for 100 rows it stays null rather than taking the hatch lines.
// (A solid curve through such a band, and one wrapping inside it, is tst_kansaslike's case.)
void TestCurveTracerHard::hatchingIsNoCurve()
{
    const int rows = 320;
    cv::Mat labels(rows, 400, CV_8UC1, cv::Scalar(0));
    for (int r = 0; r < rows; ++r)
        if ((r < 110 || r >= 210) && r % 22 < 14)
            labels.at<uint8_t>(r, 200) = 2;                                 // dashed curve two, lost on 110-209
    int line = 0;
    for (int d = -100; d < 300; d += 14, ++line) {
        if (line % 4 == 3)
            continue;  // a hatch line the network missed
        cv::line(labels, {270, 40 + d}, {380, 150 + d}, cv::Scalar(2), 1, cv::LINE_4);
    }
    labels.rowRange(0, 40).setTo(0);
    labels.rowRange(280, rows).setTo(0);
    labels.rowRange(0, 40).col(200).setTo(2);
    cv::line(labels, {100, 0}, {100, rows - 1}, cv::Scalar(1), 3);         // curve one
    Result<TrackTrace> res = CurveTracer().traceTrack(labels, nullptr, makeTrack(10, 390), 0);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const CurveTrace &two = res->curves[1];
    int inBand = 0;
    for (int r = 0; r < rows; ++r)
        inBand += std::isfinite(two.column[size_t(r)]) && two.column[size_t(r)] > 250.0f;
    QCOMPARE(inBand, 0);
    QVERIFY(std::abs(two.column[50] - 200.0f) < 2.0f && std::abs(two.column[250] - 200.0f) < 2.0f);
    // The 100 rows where it is lost are null, apart from the bridged ends.
    int nulls = 0;
    for (int r = 110; r < 210; ++r)
        nulls += !std::isfinite(two.column[size_t(r)]);
    QVERIFY2(nulls >= 100 - 2 * TraceOptions().maxBridgeRows, qPrintable(QString::number(nulls)));
    const CurveTrace &one = res->curves[0];
    for (int r = 0; r < rows; ++r)
        QVERIFY2(std::isfinite(one.column[size_t(r)]), qPrintable(QString::number(r)));
}

QTEST_GUILESS_MAIN(TestCurveTracerHard)
#include "tst_curvetracer_hard.moc"
