// Span re-trace: only the span changes (rows outside bit-identical), the splice joins its
// neighbours, anchors are kept exactly; slices copy and restore exactly.
#include "tracetestutil.h"

#include "trace/curvetracer.h"
#include "trace/localretrace.h"

#include <QTest>

#include <cmath>
#include <cstring>

using namespace veer;
using namespace veer::test;

namespace {

constexpr int kRows = 600;
constexpr int kCols = 300;

/** Curve one slanting from column 80 to 120, curve two straight down column 200. */
cv::Mat makeLabels()
{
    cv::Mat labels(kRows, kCols, CV_8UC1, cv::Scalar(0));
    cv::line(labels, {80, 0}, {120, kRows - 1}, cv::Scalar(1));
    cv::line(labels, {200, 0}, {200, kRows - 1}, cv::Scalar(2));
    return labels;
}

double curveOne(int row)
{
    return 80.0 + row * 40.0 / (kRows - 1);
}

bool sameBits(float a, float b)
{
    return std::memcmp(&a, &b, sizeof(float)) == 0;
}

/** Empty when rows outside [first, last] of every curve of track 0 are bit-identical. */
QString compareOutside(const TraceResult &a, const TraceResult &b, int first, int last)
{
    for (size_t k = 0; k < a.tracks[0].curves.size(); ++k) {
        const CurveTrace &ca = a.tracks[0].curves[k];
        const CurveTrace &cb = b.tracks[0].curves[k];
        for (int i = 0; i < a.rowCount; ++i) {
            const int row = a.firstRow + i;
            if (row >= first && row <= last)
                continue;
            if (!sameBits(ca.column[size_t(i)], cb.column[size_t(i)])
                || !sameBits(ca.confidence[size_t(i)], cb.confidence[size_t(i)]))
                return QStringLiteral("curve %1 row %2 changed: %3 -> %4")
                    .arg(k).arg(row).arg(double(ca.column[size_t(i)])).arg(double(cb.column[size_t(i)]));
        }
    }
    return {};
}

} // namespace

class TestLocalRetrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void onlyTheSpanChanges_data();
    void onlyTheSpanChanges();
    void anchorsAreKept();
    void sliceRoundTrip();
    void badInput();

private:
    Calibration mCal;
    cv::Mat mLabels;
    TraceResult mTrace;
};

void TestLocalRetrace::initTestCase()
{
    mCal = makeCalibration({makeTrack(10, 290)});
    mLabels = makeLabels();
    TraceOptions options;
    options.firstRow = 20;
    options.rowCount = 560;  // the trace covers rows 20..579 of the sheet
    Result<TraceResult> res = CurveTracer(options).trace(mLabels, nullptr, mCal);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    mTrace = res.take();
    QString msg = checkColumn(mTrace.tracks[0].curves[0].column, [](int i) { return curveOne(i + 20); },
                              0, 560, 0.8, "one");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
}

void TestLocalRetrace::onlyTheSpanChanges_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::addColumn<int>("margin");
    QTest::newRow("middle") << 250 << 330 << 40;
    QTest::newRow("no margin") << 250 << 330 << 0;
    QTest::newRow("at the trace's top") << 0 << 90 << 40;  // clipped to row 20
    QTest::newRow("at the trace's end") << 500 << 599 << 40;
}

void TestLocalRetrace::onlyTheSpanChanges()
{
    QFETCH(int, first);
    QFETCH(int, last);
    QFETCH(int, margin);
    // A label edit: curve one moves 6 px right over the span (a brush correction).
    cv::Mat labels = mLabels.clone();
    for (int r = first; r <= last; ++r) {
        const int c = int(std::lround(curveOne(r)));
        labels.row(r).colRange(c - 3, c + 4).setTo(0);
        labels.at<uchar>(r, c + 6) = 1;
    }
    LocalRetraceOptions options;
    options.marginRows = margin;
    Result<TraceResult> res = retraceSpan(labels, nullptr, mCal, mTrace, 0, first, last, {}, options);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const TraceResult &out = *res;
    QCOMPARE(out.firstRow, mTrace.firstRow);
    QCOMPARE(out.rowCount, mTrace.rowCount);
    const QString outside = compareOutside(mTrace, out, first, last);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
    // Inside, away from the joins, curve one follows the new ink; curve two did not move.
    const int f = std::max(first, out.firstRow);
    const int l = std::min(last, out.firstRow + out.rowCount - 1);
    const CurveTrace &one = out.tracks[0].curves[0];
    const CurveTrace &two = out.tracks[0].curves[1];
    QString msg = checkColumn(one.column, [&](int i) { return curveOne(i + out.firstRow) + 6.0; },
                              f - out.firstRow + 12, l - out.firstRow - 11, 1.0, "moved one");
    msg += checkColumn(two.column, [](int) { return 200.0; }, f - out.firstRow, l - out.firstRow + 1,
                       0.5, "two");
    QVERIFY2(msg.isEmpty(), qPrintable(msg));
    // The splice joins its neighbours: no jump larger than the edit at either end.
    for (const int row : {f, l}) {
        const size_t i = size_t(row - out.firstRow);
        QVERIFY(std::isfinite(one.column[i]));
        if (row > out.firstRow)
            QVERIFY2(std::abs(one.column[i] - one.column[i - 1]) <= 6.5f, qPrintable(QString::number(row)));
        if (row < out.firstRow + out.rowCount - 1)
            QVERIFY2(std::abs(one.column[i] - one.column[i + 1]) <= 6.5f, qPrintable(QString::number(row)));
    }
}

void TestLocalRetrace::anchorsAreKept()
{
    // Anchors inside the span hold exactly, one in the margin holds the context, one of another
    // track or outside the context is ignored.
    const std::vector<TraceAnchor> anchors = {
        {0, 1, 300, 93.25}, {0, 2, 310, 190.5}, {0, 1, 230, 88.0}, {1, 1, 305, 20.0}, {0, 1, 100, 40.0}};
    Result<TraceResult> res = retraceSpan(mLabels, nullptr, mCal, mTrace, 0, 250, 350, anchors);
    QVERIFY2(res.ok(), qPrintable(res.error()));
    const TraceResult &out = *res;
    const CurveTrace &one = out.tracks[0].curves[0];
    const CurveTrace &two = out.tracks[0].curves[1];
    QCOMPARE(one.column[size_t(300 - out.firstRow)], 93.25f);
    QCOMPARE(one.confidence[size_t(300 - out.firstRow)], 1.0f);
    QCOMPARE(two.column[size_t(310 - out.firstRow)], 190.5f);
    const QString outside = compareOutside(mTrace, out, 250, 350);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
    // Re-tracing again with the same anchors changes nothing: anchors survive repeated re-traces.
    Result<TraceResult> again = retraceSpan(mLabels, nullptr, mCal, out, 0, 250, 350, anchors);
    QVERIFY(again.ok());
    QCOMPARE(again->tracks[0].curves[0].column[size_t(300 - out.firstRow)], 93.25f);
    QCOMPARE(again->tracks[0].curves[1].column[size_t(310 - out.firstRow)], 190.5f);
}

void TestLocalRetrace::sliceRoundTrip()
{
    TraceResult trace = mTrace;
    trace.tracks[0].curves[0].wraps = {{30, 1}, {100, -1}, {400, 1}};
    const TraceSlice slice = sliceOf(trace, 0, 90, 120);
    QCOMPARE(slice.firstRow, 90);
    QCOMPARE(slice.rowCount, 31);
    QCOMPARE(int(slice.curves.size()), 2);
    QCOMPARE(int(slice.curves[0].column.size()), 31);
    QCOMPARE(int(slice.curves[0].wraps.size()), 1);
    TraceResult changed = trace;
    for (float &c : changed.tracks[0].curves[0].column)
        c += 1.0f;
    changed.tracks[0].curves[0].wraps.clear();
    applySlice(changed, slice);
    for (int r = 90; r <= 120; ++r)
        QCOMPARE(changed.tracks[0].curves[0].column[size_t(r - 20)],
                 trace.tracks[0].curves[0].column[size_t(r - 20)]);
    QCOMPARE(changed.tracks[0].curves[0].column[size_t(89 - 20)],
             trace.tracks[0].curves[0].column[size_t(89 - 20)] + 1.0f);
    QCOMPARE(int(changed.tracks[0].curves[0].wraps.size()), 1);
    QCOMPARE(changed.tracks[0].curves[0].wraps[0].row, 100);
    // Clipped to the trace; outside it, empty.
    QCOMPARE(sliceOf(trace, 0, 0, 25).rowCount, 6);
    QVERIFY(sliceOf(trace, 0, 600, 700).isEmpty());
    QVERIFY(sliceOf(trace, 3, 100, 200).isEmpty());
}

void TestLocalRetrace::badInput()
{
    QVERIFY(!retraceSpan(mLabels, nullptr, mCal, mTrace, 1, 100, 200, {}).ok());
    QVERIFY(!retraceSpan(cv::Mat(), nullptr, mCal, mTrace, 0, 100, 200, {}).ok());
    const cv::Mat shortLabels = mLabels.rowRange(0, 150);
    QVERIFY(!retraceSpan(shortLabels, nullptr, mCal, mTrace, 0, 100, 200, {}).ok());
    // A span outside the trace changes nothing; reversed rows are the same span.
    Result<TraceResult> none = retraceSpan(mLabels, nullptr, mCal, mTrace, 0, 590, 599, {});
    QVERIFY(none.ok());
    QVERIFY(compareOutside(mTrace, *none, -1, -1).isEmpty());
    Result<TraceResult> reversed = retraceSpan(mLabels, nullptr, mCal, mTrace, 0, 200, 150, {});
    QVERIFY(reversed.ok());
}

QTEST_GUILESS_MAIN(TestLocalRetrace)
#include "tst_localretrace.moc"
