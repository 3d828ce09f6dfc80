// The grid-ink measure on drawn sheets: exact labels score nothing, grid called a curve is counted,
// a curve crossing a line is left out, a curve running along a line counts.
#include "pipeline/gridink.h"
#include "raster/gridlines.h"
#include "raster/inkstrokes.h"

#include <QTest>

#include <opencv2/imgproc.hpp>

using namespace veer;

namespace {

/** Paper with horizontal grid lines every 40 rows and vertical ones every 50 columns. */
cv::Mat gridSheet(int w, int h)
{
    cv::Mat grey(h, w, CV_8UC1, cv::Scalar(250));
    for (int y = 20; y < h; y += 40)
        cv::line(grey, {0, y}, {w - 1, y}, cv::Scalar(0), 2);
    for (int x = 25; x < w; x += 50)
        cv::line(grey, {x, 0}, {x, h - 1}, cv::Scalar(0), 1);
    return grey;
}

} // namespace

class TestGridInk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactLabelsScoreNothing();
    void gridCalledCurveIsCounted();
    void curveAlongLineCounts();
    void raggedLineIsNoCrossing();
    void snapToBorderLine();
    void touchedStrokesCrossLines();
    void thickInkOfAHeavyCurve();
};

void TestGridInk::exactLabelsScoreNothing()
{
    // A sloping curve crosses every grid line; its labels are exact. Where it crosses a line its
    // class goes on just off the line, so those pixels are left out: the share is zero.
    cv::Mat grey = gridSheet(600, 800);
    cv::Mat labels(grey.size(), CV_8UC1, cv::Scalar(0));
    cv::line(grey, {100, 0}, {500, 799}, cv::Scalar(0), 2);
    cv::line(labels, {100, 0}, {500, 799}, cv::Scalar(1), 2);
    const GridInkStats s = measureGridInk(grey, labels);
    QVERIFY(s.linePixels > 10000);
    QCOMPARE(s.calledCurve, int64_t(0));
    QVERIFY(s.crossingPixels > 0);
    QCOMPARE(s.share(), 0.0);
}

void TestGridInk::gridCalledCurveIsCounted()
{
    // Two of the twenty horizontal lines called curve two, and a dotted grid row called curve one.
    cv::Mat grey = gridSheet(600, 800);
    cv::Mat labels(grey.size(), CV_8UC1, cv::Scalar(0));
    for (int y : {100, 500})
        labels.rowRange(y, y + 2).setTo(2, grey.rowRange(y, y + 2) < 128);
    cv::Mat lines;
    const GridInkStats s = measureGridInk(grey, labels, {}, &lines);
    // Every labelled pixel is line ink with no curve ink off the line: all of it counts.
    QCOMPARE(s.calledCurve, int64_t(cv::countNonZero(labels == 2)));
    QVERIFY(s.share() > 0.05 && s.share() < 0.2);
    QVERIFY(s.horizontalShare() > s.share());
    QCOMPARE(cv::countNonZero(lines & (labels == 2)), int(s.calledCurve));

    // Dotted grid marks (1 px dots, 3 px apart) are a line too.
    cv::Mat dotted(200, 600, CV_8UC1, cv::Scalar(250));
    cv::Mat dotLabels(dotted.size(), CV_8UC1, cv::Scalar(0));
    for (int x = 0; x < 600; x += 3) {
        dotted.at<uint8_t>(100, x) = 0;
        dotLabels.at<uint8_t>(100, x) = 1;
    }
    const GridInkStats d = measureGridInk(dotted, dotLabels);
    QCOMPARE(d.linePixels, int64_t(200));
    QCOMPARE(d.share(), 1.0);
}

void TestGridInk::curveAlongLineCounts()
{
    // A pegged curve runs down a vertical grid line for 400 rows and is labelled so: without ink
    // of its class off the line there it counts, as it does in the generator's truth.
    cv::Mat grey = gridSheet(600, 800);
    cv::Mat labels(grey.size(), CV_8UC1, cv::Scalar(0));
    labels(cv::Rect(275, 200, 1, 400)).setTo(1);
    const GridInkStats s = measureGridInk(grey, labels);
    QVERIFY(s.calledCurve >= 390 && s.calledCurve <= 400);
}

void TestGridInk::raggedLineIsNoCrossing()
{
    // A ragged 1-bit grid line: burrs of 1-2 px above and below it. Called curve two, burrs and
    // all, it is grid called a curve, not a curve crossing the line.
    cv::Mat grey(200, 600, CV_8UC1, cv::Scalar(255));
    cv::line(grey, {0, 100}, {599, 100}, cv::Scalar(0), 2);
    for (int x = 5; x < 600; x += 11)
        cv::line(grey, {x, 97}, {x, 103}, cv::Scalar(0), 1);
    const cv::Mat labels = (grey < 128) / 255 * 2;
    const GridInkStats s = measureGridInk(grey, labels);
    QVERIFY(s.linePixels >= 1000);
    QCOMPARE(s.crossingPixels, int64_t(0));
    QCOMPARE(s.share(), 1.0);
}

// Track edges and ties snap onto the printed line near where they are dropped.
void TestGridInk::snapToBorderLine()
{
    cv::Mat grey(300, 80, CV_8UC1, cv::Scalar(245));
    grey.colRange(40, 43).setTo(20);                                   // a 3 px border line, centre 41
    grey(cv::Rect(10, 100, 12, 20)).setTo(0);                          // a word: short, not a line
    cv::line(grey, {60, 0}, {60, 299}, cv::Scalar(150), 1);            // a faint grid line, lighter than ink
    QCOMPARE(snapToLine(grey, 37.0, 6, true), 41.0);
    QCOMPARE(snapToLine(grey, 44.6, 6, true), 41.0);
    QCOMPARE(snapToLine(grey, 16.0, 6, true), 16.0);                  // only the word in reach
    QCOMPARE(snapToLine(grey, 30.0, 6, true), 30.0);                  // nothing in reach
    QCOMPARE(snapToLine(grey, 58.0, 6, true), 58.0);                  // paler than mid-grey: no ink
    // Horizontal: a broken grid line (dashes over 70 % of the width) at row 200.
    cv::Mat rows(300, 100, CV_8UC1, cv::Scalar(255));
    for (int x = 0; x < 100; x += 10)
        rows(cv::Rect(x, 200, 7, 1)).setTo(0);
    QCOMPARE(snapToLine(rows, 203.0, 5, false), 200.0);
    QCOMPARE(snapToLine(rows, 203.0, 5, false, 0.8), 203.0);
    QCOMPARE(snapToLine(cv::Mat(), 5.0, 3, true), 5.0);
}

QTEST_GUILESS_MAIN(TestGridInk)
void TestGridInk::touchedStrokesCrossLines()
{
    // Paper 230 with a 3 px grid line along row 200 and a border down column 20; a 3 px wide stroke
    // crosses the grid line from (100, 150) to (140, 250); a dash of it lies apart at (160, 300).
    cv::Mat grey(600, 600, CV_8UC1, cv::Scalar(230));
    cv::line(grey, {0, 200}, {599, 200}, cv::Scalar(40), 3);
    cv::line(grey, {20, 0}, {20, 599}, cv::Scalar(40), 2);
    cv::line(grey, {100, 150}, {140, 250}, cv::Scalar(20), 3);
    cv::line(grey, {160, 300}, {170, 320}, cv::Scalar(20), 3);
    cv::Mat brush = cv::Mat::zeros(grey.size(), CV_8UC1);
    cv::circle(brush, {105, 162}, 3, cv::Scalar(255), cv::FILLED);
    const cv::Mat strokes = touchedStrokes(grey, brush);
    // The whole stroke, on both sides of the line and across it, and nothing of the line or the dash.
    QVERIFY(strokes.at<uchar>(160, 104));
    QVERIFY(strokes.at<uchar>(240, 136));
    QVERIFY(strokes.at<uchar>(200, 120));
    QCOMPARE(cv::countNonZero(strokes.row(200)(cv::Rect(0, 0, 100, 1))), 0);
    QCOMPARE(cv::countNonZero(strokes.row(200)(cv::Rect(150, 0, 450, 1))), 0);
    QCOMPARE(cv::countNonZero(strokes.col(20)), 0);
    QCOMPARE(cv::countNonZero(strokes(cv::Rect(150, 290, 40, 40))), 0);
    // Every stroke pixel is ink, and a brush on paper touches nothing.
    QCOMPARE(cv::countNonZero(strokes & ~inkPixels(grey)), 0);
    brush.setTo(0);
    cv::circle(brush, {400, 400}, 10, cv::Scalar(255), cv::FILLED);
    QCOMPARE(cv::countNonZero(touchedStrokes(grey, brush)), 0);
}

void TestGridInk::thickInkOfAHeavyCurve()
{
    // A 10 px solid curve with a 3 px one crossing it, a 2 px grid line, a 12 px heavy line along
    // row 300 that the heavy curve crosses and a 10 px heavy line down the whole of column 600.
    cv::Mat grey(1000, 700, CV_8UC1, cv::Scalar(230));
    cv::line(grey, {0, 100}, {699, 100}, cv::Scalar(40), 2);
    cv::line(grey, {0, 300}, {699, 300}, cv::Scalar(30), 12);
    cv::line(grey, {200, 0}, {260, 699}, cv::Scalar(20), 10);
    cv::line(grey, {100, 200}, {400, 230}, cv::Scalar(20), 3);
    cv::line(grey, {600, 0}, {600, 999}, cv::Scalar(20), 10);
    // A heavy curve pegged straight down for 500 rows is no line.
    cv::line(grey, {450, 400}, {450, 900}, cv::Scalar(20), 10);
    const cv::Mat thick = thickInk(grey);
    const cv::Mat ink = inkPixels(grey);
    // The heavy curve, across the thin one, the grid line and the heavy line.
    const auto onCurve = [](int y) { return 200 + 60 * y / 699; };
    for (int y : {50, 100, 215, 300, 500})
        QVERIFY2(thick.at<uchar>(y, onCurve(y)), qPrintable(QString::number(y)));
    // Not the thin curve off the heavy one, the grid line or the heavy line off the curve.
    QCOMPARE(cv::countNonZero(thick(cv::Rect(100, 195, 80, 30))), 0);
    QCOMPARE(cv::countNonZero(thick(cv::Rect(280, 195, 120, 40))), 0);
    QCOMPARE(cv::countNonZero(thick.row(100)(cv::Rect(0, 0, 180, 1))), 0);
    QCOMPARE(cv::countNonZero(thick(cv::Rect(0, 290, 180, 20))), 0);
    QCOMPARE(cv::countNonZero(thick(cv::Rect(300, 290, 400, 20))), 0);
    QCOMPARE(cv::countNonZero(thick(cv::Rect(560, 0, 80, 1000))), 0);
    QVERIFY(thick.at<uchar>(650, 450));
    QCOMPARE(cv::countNonZero(thick & ~ink), 0);
    // Nearly all of the heavy curve's ink off the lines is found.
    cv::Mat curve = cv::Mat::zeros(grey.size(), CV_8UC1);
    cv::line(curve, {200, 0}, {260, 699}, cv::Scalar(255), 10);
    curve(cv::Rect(0, 290, 700, 20)).setTo(0);
    QVERIFY(cv::countNonZero(thick & curve) > 0.97 * cv::countNonZero(curve));
}

#include "tst_gridink.moc"
