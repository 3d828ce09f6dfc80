// Automatic calibration: the depth fit, the layout of drawn sheets, OCR of rendered depth numbers,
// and the whole proposal on generated sheets against their true calibration.
#include "autocal/autocalibrator.h"
#include "autocal/depthfit.h"
#include "autocal/layoutfinder.h"
#include "autocal/textreader.h"
#include "synth/synthgenerator.h"

#include <QTest>

#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace veer;

namespace {

/** Readings of a sheet at `rowsPerUnit` px per unit, one every `step` from `first`. */
std::vector<DepthReading> scale(double first, double step, int count, double rowsPerUnit, double rowAtFirst)
{
    std::vector<DepthReading> r;
    for (int k = 0; k < count; ++k)
        r.push_back({rowAtFirst + k * step * rowsPerUnit, first + k * step, 1.0, 14.0});
    return r;
}

struct DrawnTrack
{
    int left, right;
    bool log;
};

/**
 * A clean drawn log: tracks ruled edge to edge with horizontal lines every 10 px (heavy every 50)
 * between rows `top` and `bottom`, vertical lines by 10 divisions or two decades, borders 2 px.
 */
void drawSection(cv::Mat &sheet, const std::vector<DrawnTrack> &tracks, int top, int bottom)
{
    for (const DrawnTrack &t : tracks) {
        for (int y = top; y <= bottom; y += 10)
            cv::line(sheet, {t.left, y}, {t.right, y}, cv::Scalar(y % 50 == top % 50 ? 0 : 110), y % 50 == top % 50 ? 2 : 1);
        std::vector<double> f;
        if (t.log) {
            for (int d = 0; d < 2; ++d) {
                for (int m = 1; m <= 9; ++m) {
                    if (d > 0 || m > 1)
                        f.push_back((d + std::log10(double(m))) / 2.0);
                }
            }
        } else {
            for (int k = 1; k < 10; ++k)
                f.push_back(k / 10.0);
        }
        for (double v : f) {
            const int x = int(std::lround(t.left + v * (t.right - t.left)));
            cv::line(sheet, {x, top}, {x, bottom}, cv::Scalar(110), 1);
        }
        cv::line(sheet, {t.left, top}, {t.left, bottom}, cv::Scalar(0), 2);
        cv::line(sheet, {t.right, top}, {t.right, bottom}, cv::Scalar(0), 2);
    }
}

void putNumber(cv::Mat &sheet, const std::string &text, cv::Point centre, double size, bool turned)
{
    int base = 0;
    const cv::Size ts = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, size, 2, &base);
    cv::Mat patch(ts.height + 12, ts.width + 12, CV_8UC1, cv::Scalar(255));
    cv::putText(patch, text, {6, ts.height + 6}, cv::FONT_HERSHEY_SIMPLEX, size, cv::Scalar(0), 2, cv::LINE_AA);
    if (turned)
        cv::rotate(patch, patch, cv::ROTATE_90_COUNTERCLOCKWISE);
    const cv::Rect at(centre.x - patch.cols / 2, centre.y - patch.rows / 2, patch.cols, patch.rows);
    cv::Mat roi = sheet(at);
    cv::min(roi, patch, roi);
}

cv::Mat greyOf(const cv::Mat &sheet)
{
    if (sheet.channels() == 1)
        return sheet;
    cv::Mat grey;
    cv::cvtColor(sheet, grey, cv::COLOR_BGR2GRAY);
    return grey;
}

} // namespace

class TestAutoCalibration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundSteps();
    void fitWithOutliers();
    void fitCountsOneDigitMisreads();
    void fitFollowsStretch();
    void fitRefusesTooFew();
    void fitRefusesInconsistent();
    void parallelScaleIsUnsure();
    void tiesCarriedAlongGrid();
    void layoutOfDrawnSheets_data();
    void layoutOfDrawnSheets();
    void thinMiddleLineIsGrid();
    void headerBoxIsNotGrid();
    void adjacentTracksSplitAtHeaderRuling();
    void faintSharedBorderSplitAtBoxSide();
    void softBorderCentredOnItsInk();
    void repeatSection();
    void repeatSectionGetsItsOwnTies_data();
    void repeatSectionGetsItsOwnTies();
    void ocrDigits_data();
    void ocrDigits();
    void noGridIsRefusedWithReason();
    void generatedSheets_data();
    void generatedSheets();
};

void TestAutoCalibration::roundSteps()
{
    for (double s : {1.0, 2.0, 2.5, 5.0, 10.0, 50.0, 100.0, 0.5, 0.2})
        QVERIFY2(isRoundStep(s), qPrintable(QString::number(s)));
    for (double s : {3.0, 7.0, 15.0, 0.0, -10.0, 12.5})
        QVERIFY2(!isRoundStep(s), qPrintable(QString::number(s)));
}

void TestAutoCalibration::fitWithOutliers()
{
    std::vector<DepthReading> r = scale(8500, 50, 12, 2.978, 751.8);
    r.push_back({1200.0, 8950.0, 0.6, 14});   // a misread between two numbers
    r.push_back({2400.0, 300.0, 0.6, 14});    // a caption read as a number
    r.push_back({3000.0, 86500.0, 0.6, 14});  // one digit too many
    const DepthFitResult fit = fitDepthReadings(r);
    QVERIFY2(fit.ok, qPrintable(fit.reason));
    QCOMPARE(int(fit.inliers.size()), 12);
    QVERIFY(fit.roundStep);
    QCOMPARE(fit.labelStep, 50.0);
    QVERIFY(fit.sure);
    QVERIFY(std::abs(fit.rowAtDepth(8500) - 751.8) < 0.5);
    QVERIFY(std::abs(fit.rowsPerUnit - 2.978) < 0.001);
}

void TestAutoCalibration::fitCountsOneDigitMisreads()
{
    // Sixteen labels every 20 ft, seven of them misread by one digit (lost, gained or wrong) and three
    // captions read as numbers: the nine right ones make the scale, the seven misreads say it is
    // there (each is the label due at its row but for one digit), the captions do not. Nine of
    // nineteen on the scale alone would be refused; with the misreads the fit is given, not sure.
    std::vector<DepthReading> r = scale(11460, 20, 16, 15.45, 704.0);
    // 11600 as 1600, 11640 as 11649, 11660 as 116660, 11680 as 1160, 11720 as 11320, 11760 as
    // 117600, 11560 as 1560.
    const std::vector<std::pair<int, double>> misread{{7, 1600},   {9, 11649},   {10, 116660}, {11, 1160},
                                                      {13, 11320}, {15, 117600}, {5, 1560}};
    for (const auto &[k, value] : misread)
        r[size_t(k)].value = value;
    r.push_back({2500.0, 300.0, 0.6, 14});
    r.push_back({3100.0, 52.0, 0.6, 14});
    r.push_back({3700.0, 7.0, 0.6, 14});
    const DepthFitResult fit = fitDepthReadings(r);
    QVERIFY2(fit.ok, qPrintable(fit.reason));
    QCOMPARE(int(fit.inliers.size()), 9);
    QCOMPARE(fit.misreadByOneDigit, 7);
    QVERIFY(std::abs(fit.supportShare - 16.0 / 19.0) < 1e-9);
    QVERIFY(std::abs(fit.inlierShare - 9.0 / 19.0) < 1e-9);
    QVERIFY(!fit.sure);
    // The same with the seven read as other numbers altogether: nine of nineteen, refused.
    for (const auto &[k, value] : misread)
        r[size_t(k)].value = 40.0 + k;
    const DepthFitResult weaker = fitDepthReadings(r);
    QVERIFY(!weaker.ok);
    QVERIFY2(weaker.reason.contains(QLatin1String("only 9 of the 19")), qPrintable(weaker.reason));
}

void TestAutoCalibration::fitFollowsStretch()
{
    // The lower half of the scan is stretched by 1.5 %: no straight line holds every number to a
    // few px, but each agrees with its neighbours.
    std::vector<DepthReading> r;
    double row = 600.0;
    for (int k = 0; k < 40; ++k) {
        r.push_back({row, 1000.0 + 10.0 * k, 1.0, 14});
        row += k < 20 ? 118.0 : 118.0 * 1.015;
    }
    const DepthFitResult fit = fitDepthReadings(r);
    QVERIFY2(fit.ok, qPrintable(fit.reason));
    QCOMPARE(int(fit.inliers.size()), 40);
    QVERIFY(fit.rmsPx < 1.0);
}

void TestAutoCalibration::fitRefusesTooFew()
{
    const DepthFitResult none = fitDepthReadings({});
    QVERIFY(!none.ok);
    QVERIFY(none.reason.contains(QLatin1String("no depth number")));
    const DepthFitResult two = fitDepthReadings(scale(100, 10, 2, 20.0, 300.0));
    QVERIFY(!two.ok);
    QVERIFY2(two.reason.contains(QLatin1String("only 2")), qPrintable(two.reason));
}

void TestAutoCalibration::fitRefusesInconsistent()
{
    // Numbers that make no depth scale: as many rows going up as down.
    std::vector<DepthReading> r{{100, 500, 1, 14}, {300, 120, 1, 14}, {500, 900, 1, 14}, {700, 40, 1, 14},
                                {900, 700, 1, 14}, {1100, 60, 1, 14}, {1300, 2000, 1, 14}, {1500, 10, 1, 14}};
    const DepthFitResult fit = fitDepthReadings(r);
    QVERIFY(!fit.ok);
    QVERIFY(!fit.reason.isEmpty());
}

void TestAutoCalibration::tiesCarriedAlongGrid()
{
    // Lines every 10 px, heavy every 50 (the labelled ones, 5 units apart); below row 600 the scan
    // is stretched by 3 %. Numbers were read on rows 100-300 only.
    std::vector<double> rows, weights;
    double row = 0.0;
    for (int k = 0; k <= 100; ++k) {
        rows.push_back(row);
        weights.push_back(k % 5 == 0 ? 6.0 : 2.0);
        row += row < 600.0 ? 10.0 : 10.3;
    }
    const std::vector<DepthReading> read{
        {100, 10, 1, 12}, {150, 15, 1, 12}, {200, 20, 1, 12}, {300, 30, 1, 12}};
    std::vector<DepthReading> ties = read;
    const int added = extendTiesAlongGrid(ties, rows, weights, 5.0, rows.front(), rows.back());
    // Up to row 0 (depth 0) and down to the last line, each on a heavy line, the stretch followed.
    QCOMPARE(added, 2 + 14);
    QCOMPARE(ties.front().value, 0.0);
    QCOMPARE(ties.front().row, 0.0);
    QCOMPARE(ties.back().value, 100.0);
    QCOMPARE(ties.back().row, rows.back());
    for (size_t k = 1; k < ties.size(); ++k)
        QVERIFY(ties[k].row > ties[k - 1].row && ties[k].value > ties[k - 1].value);

    // A labelled line lost in the scan ends the walk there: nothing is guessed past it.
    std::vector<double> gapRows = rows, gapWeights = weights;
    gapRows.erase(gapRows.begin() + 60);
    gapWeights.erase(gapWeights.begin() + 60);
    ties = read;
    QCOMPARE(extendTiesAlongGrid(ties, gapRows, gapWeights, 5.0, gapRows.front(), gapRows.back()), 2 + 5);
    QCOMPARE(ties.back().value, 55.0);

    // Where the labelled lines are no heavier than the rest, the lines are counted: five a label.
    const std::vector<double> even(rows.size(), 2.0);
    ties = read;
    QCOMPARE(extendTiesAlongGrid(ties, rows, even, 5.0, rows.front(), rows.back()), 2 + 14);
    QCOMPARE(ties.back().row, rows.back());
    // Counting stops at a lost line, and says nothing where a label is not a whole number of lines.
    ties = read;
    QCOMPARE(extendTiesAlongGrid(ties, gapRows, std::vector<double>(gapRows.size(), 2.0), 5.0,
                                 gapRows.front(), gapRows.back()),
             2 + 5);
    std::vector<double> wide; // lines every 12 px, labels every 66 px (5.5 lines) on lines of their own
    ties = {{100, 10, 1, 12}, {166, 15, 1, 12}, {232, 20, 1, 12}, {364, 30, 1, 12}};
    for (double r = 0.0; r <= 1000.0; r += 12.0)
        wide.push_back(r);
    for (const DepthReading &t : ties)
        wide.push_back(t.row);
    std::sort(wide.begin(), wide.end());
    QCOMPARE(extendTiesAlongGrid(ties, wide, std::vector<double>(wide.size(), 2.0), 5.0, 0.0, 1000.0), 0);
    QCOMPARE(ties.size(), size_t(4));
}

void TestAutoCalibration::parallelScaleIsUnsure()
{
    // A stretch of numbers that all lost their leading digit: 10400 read as 400. They make a
    // second scale at the same px per unit; the fit is given, but not as sure.
    std::vector<DepthReading> r = scale(9600, 50, 8, 3.0, 1000.0);
    for (const DepthReading &d : scale(10000, 50, 6, 3.0, 1000.0 + 400 * 3.0))
        r.push_back({d.row, d.value - 10000.0, 1.0, 14});
    const DepthFitResult fit = fitDepthReadings(r);
    QVERIFY2(fit.ok, qPrintable(fit.reason));
    QVERIFY(fit.rivalReadings >= 3);
    QVERIFY(!fit.sure);
}

void TestAutoCalibration::layoutOfDrawnSheets_data()
{
    QTest::addColumn<std::vector<DrawnTrack>>("tracks");
    QTest::newRow("two tracks, linear and log") << std::vector<DrawnTrack>{{60, 460, false}, {560, 960, true}};
    QTest::newRow("three tracks") << std::vector<DrawnTrack>{{40, 340, false}, {440, 740, true}, {800, 1100, false}};
    QTest::newRow("four tracks") << std::vector<DrawnTrack>{{30, 280, false}, {380, 630, false}, {690, 940, true}, {1000, 1250, true}};
}

void TestAutoCalibration::layoutOfDrawnSheets()
{
    QFETCH(std::vector<DrawnTrack>, tracks);
    cv::Mat sheet(3000, 1300, CV_8UC1, cv::Scalar(245));
    drawSection(sheet, tracks, 300, 2900);
    const SheetLayout layout = findLayout(sheet);
    QVERIFY2(layout.ok(), qPrintable(layout.reason));
    QCOMPARE(layout.tracks.size(), tracks.size());
    for (size_t t = 0; t < tracks.size(); ++t) {
        QVERIFY2(std::abs(layout.tracks[t].left - tracks[t].left) <= 1.0, qPrintable(QString::number(layout.tracks[t].left)));
        QVERIFY2(std::abs(layout.tracks[t].right - tracks[t].right) <= 1.0, qPrintable(QString::number(layout.tracks[t].right)));
        QCOMPARE(layout.tracks[t].logGrid, tracks[t].log);
        if (tracks[t].log)
            QCOMPARE(layout.tracks[t].decades, 2);
    }
    QCOMPARE(layout.sections.size(), size_t(1));
    const LogSection &s = *layout.main();
    QVERIFY2(std::abs(s.top - 300) <= 2 && std::abs(s.bottom - 2900) <= 2, qPrintable(QStringLiteral("%1-%2").arg(s.top).arg(s.bottom)));
    QVERIFY(std::abs(s.lineSpacing - 10.0) < 0.6);
    QCOMPARE(s.majorEvery, 5);
}

void TestAutoCalibration::thinMiddleLineIsGrid()
{
    // One linear track divided in two by a thin grid line: its borders are heavier, so it is one
    // track, and a sure one. Heavy lines and borders are 3 px (OpenCV's thickness 2).
    cv::Mat sheet(2600, 1000, CV_8UC1, cv::Scalar(245));
    for (int y = 400; y <= 2500; y += 10)
        cv::line(sheet, {100, y}, {900, y}, cv::Scalar(y % 50 == 0 ? 0 : 110), y % 50 == 0 ? 2 : 1);
    cv::line(sheet, {500, 400}, {500, 2500}, cv::Scalar(110), 1);
    cv::line(sheet, {100, 400}, {100, 2500}, cv::Scalar(0), 2);
    cv::line(sheet, {900, 400}, {900, 2500}, cv::Scalar(0), 2);
    const SheetLayout layout = findLayout(sheet);
    QVERIFY2(layout.ok(), qPrintable(layout.reason));
    QCOMPARE(layout.tracks.size(), size_t(1));
    QCOMPARE(layout.tracks[0].innerBorder, -1.0);
    // Drawn as heavy as the borders, the same line may be where two tracks meet: a doubt.
    cv::line(sheet, {500, 400}, {500, 2500}, cv::Scalar(0), 2);
    const SheetLayout doubted = findLayout(sheet);
    QVERIFY2(doubted.ok(), qPrintable(doubted.reason));
    QVERIFY(doubted.tracks.size() == 2
            || (doubted.tracks.size() == 1 && doubted.tracks[0].innerBorder >= 0.0));
    // ... unless the header boxes the track's captions with rulings at its borders and none there
    // (a log track's heavy decade line).
    cv::rectangle(sheet, {100, 150}, {900, 380}, cv::Scalar(0), 1);
    const SheetLayout boxed = findLayout(sheet);
    QVERIFY2(boxed.ok(), qPrintable(boxed.reason));
    QCOMPARE(boxed.tracks.size(), size_t(1));
    QCOMPARE(boxed.tracks[0].innerBorder, -1.0);
    // A ruling there too: two tracks side by side after all.
    cv::line(sheet, {500, 150}, {500, 380}, cv::Scalar(0), 1);
    const SheetLayout split = findLayout(sheet);
    QVERIFY2(split.ok(), qPrintable(split.reason));
    QVERIFY(split.tracks.size() == 2 || (split.tracks.size() == 1 && split.tracks[0].innerBorder >= 0.0));
}

void TestAutoCalibration::headerBoxIsNotGrid()
{
    // A coarse grid (a line every 60 rows) under a header box whose sides are the track's borders,
    // with two legend strokes across it: the box's rules are as far apart as the grid's, and the
    // borders run through them, but the grid's inner lines do not.
    cv::Mat sheet(3000, 900, CV_8UC1, cv::Scalar(245));
    for (int y = 800; y <= 2900; y += 60)
        cv::line(sheet, {100, y}, {700, y}, cv::Scalar(y % 300 == 200 ? 0 : 110), 1);
    for (int k = 1; k < 10; ++k)
        cv::line(sheet, {100 + 60 * k, 800}, {100 + 60 * k, 2900}, cv::Scalar(110), 1);
    cv::line(sheet, {100, 400}, {100, 2900}, cv::Scalar(0), 2);
    cv::line(sheet, {700, 400}, {700, 2900}, cv::Scalar(0), 2);
    cv::line(sheet, {100, 400}, {700, 400}, cv::Scalar(0), 2);
    cv::line(sheet, {100, 530}, {700, 530}, cv::Scalar(0), 1);
    cv::line(sheet, {100, 660}, {700, 660}, cv::Scalar(0), 1);
    const SheetLayout layout = findLayout(sheet);
    QVERIFY2(layout.ok(), qPrintable(layout.reason));
    QCOMPARE(layout.tracks.size(), size_t(1));
    const LogSection &s = *layout.main();
    QVERIFY2(std::abs(s.top - 800) <= 2 && std::abs(s.bottom - 2900) <= 2,
             qPrintable(QStringLiteral("%1-%2").arg(s.top).arg(s.bottom)));
}

void TestAutoCalibration::adjacentTracksSplitAtHeaderRuling()
{
    // Tracks two and three share a border and their grid lines run on through it; the caption
    // boxes of the header have a ruling there.
    cv::Mat sheet(2600, 1000, CV_8UC1, cv::Scalar(245));
    drawSection(sheet, {{50, 450, false}, {450, 900, false}}, 400, 2500);
    cv::rectangle(sheet, {50, 200}, {900, 380}, cv::Scalar(0), 1);
    cv::line(sheet, {450, 200}, {450, 380}, cv::Scalar(0), 1);
    const SheetLayout layout = findLayout(sheet);
    QVERIFY2(layout.ok(), qPrintable(layout.reason));
    QCOMPARE(layout.tracks.size(), size_t(2));
    QVERIFY(std::abs(layout.tracks[0].right - 450) <= 1.0);
    QVERIFY(std::abs(layout.tracks[1].left - 450) <= 1.0);
}

void TestAutoCalibration::faintSharedBorderSplitAtBoxSide()
{
    // Two tracks side by side whose shared border a noisy scan has broken into short pieces (a
    // third of its length left in runs long enough to count): the header's caption boxes have a
    // side there as tall as their outer sides, so the tracks meet there.
    cv::Mat sheet(2600, 1000, CV_8UC1, cv::Scalar(245));
    for (int y = 400; y <= 2500; y += 10)
        cv::line(sheet, {50, y}, {900, y}, cv::Scalar(y % 50 == 0 ? 0 : 110), y % 50 == 0 ? 2 : 1);
    for (int x = 135; x < 900; x += 85) {
        if (x != 475)
            cv::line(sheet, {x, 400}, {x, 2500}, cv::Scalar(110), 1);
    }
    for (int y = 400; y < 2500; y += 220)
        cv::line(sheet, {475, y}, {475, std::min(2500, y + 70)}, cv::Scalar(0), 2);
    cv::line(sheet, {50, 400}, {50, 2500}, cv::Scalar(0), 2);
    cv::line(sheet, {900, 400}, {900, 2500}, cv::Scalar(0), 2);
    cv::rectangle(sheet, {50, 200}, {900, 380}, cv::Scalar(0), 1);
    // A legend's short divider inside the box says nothing.
    cv::line(sheet, {475, 300}, {475, 380}, cv::Scalar(0), 1);
    const SheetLayout oneBox = findLayout(sheet);
    QVERIFY2(oneBox.ok(), qPrintable(oneBox.reason));
    QCOMPARE(oneBox.tracks.size(), size_t(1));
    cv::line(sheet, {475, 200}, {475, 380}, cv::Scalar(0), 1);
    const SheetLayout layout = findLayout(sheet);
    QVERIFY2(layout.ok(), qPrintable(layout.reason));
    QCOMPARE(layout.tracks.size(), size_t(2));
    QVERIFY(std::abs(layout.tracks[0].right - 475.5) <= 1.0);
    QVERIFY(std::abs(layout.tracks[1].left - 475.5) <= 1.0);
}

void TestAutoCalibration::softBorderCentredOnItsInk()
{
    // A colour print's border: soft (its ink fades over a pixel either side) with faint print
    // just inside it, which the vertical-run mask takes as part of the line. The edge is where
    // the line's ink is, to the pixel.
    cv::Mat sheet(2600, 1000, CV_8UC1, cv::Scalar(245));
    for (int y = 400; y <= 2500; y += 10)
        cv::line(sheet, {100, y}, {900, y}, cv::Scalar(y % 50 == 0 ? 150 : 200), 1);
    for (int x = 180; x < 900; x += 80)
        cv::line(sheet, {x, 400}, {x, 2500}, cv::Scalar(200), 1);
    for (int x : {100, 900}) {
        cv::line(sheet, {x - 1, 400}, {x - 1, 2500}, cv::Scalar(205), 1);
        cv::line(sheet, {x, 400}, {x, 2500}, cv::Scalar(150), 1);
        cv::line(sheet, {x + 1, 400}, {x + 1, 2500}, cv::Scalar(205), 1);
    }
    cv::rectangle(sheet, {102, 400}, {104, 2500}, cv::Scalar(215), cv::FILLED);
    cv::rectangle(sheet, {896, 400}, {898, 2500}, cv::Scalar(215), cv::FILLED);
    const SheetLayout layout = findLayout(sheet);
    QVERIFY2(layout.ok(), qPrintable(layout.reason));
    QCOMPARE(layout.tracks.size(), size_t(1));
    QVERIFY2(std::abs(layout.tracks[0].left - 100.0) <= 0.5
                 && std::abs(layout.tracks[0].right - 900.0) <= 0.5,
             qPrintable(QStringLiteral("%1-%2").arg(layout.tracks[0].left).arg(layout.tracks[0].right)));
}

void TestAutoCalibration::repeatSection()
{
    // The main log, a blank stretch and a short repeat section with its own header: two sections,
    // the taller one the main.
    cv::Mat sheet(5000, 900, CV_8UC1, cv::Scalar(245));
    drawSection(sheet, {{60, 460, false}, {560, 860, true}}, 200, 3400);
    cv::putText(sheet, "REPEAT SECTION", {200, 3700}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 2);
    drawSection(sheet, {{60, 460, false}, {560, 860, true}}, 3900, 4800);
    const SheetLayout layout = findLayout(sheet);
    QVERIFY2(layout.ok(), qPrintable(layout.reason));
    QCOMPARE(layout.sections.size(), size_t(2));
    QCOMPARE(layout.mainSection, 0);
    QVERIFY(std::abs(layout.sections[0].bottom - 3400) <= 2);
    QVERIFY(std::abs(layout.sections[1].top - 3900) <= 2);
}

void TestAutoCalibration::repeatSectionGetsItsOwnTies_data()
{
    QTest::addColumn<double>("repeatTop"); // the depth printed at the second section's first row
    QTest::addColumn<bool>("ownSection");
    // A repeat section logs again a stretch the main log holds: depths it prints are the main
    // log's, at other rows.
    QTest::newRow("repeat section") << 1250.0 << true;
    // A log whose grid breaks off and goes on: its numbers continue the main log's scale.
    QTest::newRow("the main log going on") << 1370.0 << false;
}

void TestAutoCalibration::repeatSectionGetsItsOwnTies()
{
    // Two sections ruled alike, 10 px a metre, with depth numbers every 10 m in the column between
    // the tracks. The main log prints 1000 m at row 200.
    QFETCH(double, repeatTop);
    QFETCH(bool, ownSection);
    cv::Mat sheet(5000, 1100, CV_8UC1, cv::Scalar(245));
    const std::vector<DrawnTrack> tracks{{60, 440, false}, {620, 1040, true}};
    drawSection(sheet, tracks, 200, 3400);
    cv::putText(sheet, "REPEAT SECTION", {300, 3700}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 2);
    drawSection(sheet, tracks, 3900, 4800);
    auto number = [&](int row, double depth) {
        cv::line(sheet, {440, row}, {450, row}, cv::Scalar(0), 1);
        cv::line(sheet, {610, row}, {620, row}, cv::Scalar(0), 1);
        putNumber(sheet, std::to_string(int(std::lround(depth))), {530, row}, 0.8, false);
    };
    for (int row = 300; row <= 3300; row += 100)
        number(row, 1000.0 + (row - 200) / 10.0);
    for (int row = 4000; row <= 4700; row += 100)
        number(row, repeatTop + (row - 3900) / 10.0);
    Result<AutoCalibration> result = autoCalibrate(sheet);
    QVERIFY(result.ok());
    const AutoCalibration &ac = result.value();
    QVERIFY2(ac.ok, qPrintable(ac.report()));
    QVERIFY2(ac.handsOff(), qPrintable(ac.report()));
    const Calibration &cal = ac.calibration;
    QVERIFY2(std::abs(cal.depthAtRow(1200) - 1100.0) < 0.3, qPrintable(ac.report()));
    if (!ownSection) {
        QVERIFY2(cal.sections.empty(), qPrintable(ac.report()));
        return;
    }
    QCOMPARE(cal.sections.size(), size_t(1));
    const DepthSection &section = cal.sections.front();
    QVERIFY(std::abs(section.firstRow - 3900) <= 2 && std::abs(section.lastRow - 4800) <= 2);
    QVERIFY2(section.ties.size() >= 3, qPrintable(ac.report()));
    // Its own depths: the section's rows on its ties, the main log's rows on the main ties.
    const Calibration repeat = cal.sectionCalibration(0);
    QVERIFY2(std::abs(repeat.depthAtRow(4300) - (repeatTop + 40.0)) < 0.3, qPrintable(ac.report()));
    QVERIFY(cal.validate().isEmpty());
    bool reported = false;
    for (const ProposalPart &p : ac.parts)
        reported = reported || (p.name == QLatin1String("section REPEAT") && p.sure);
    QVERIFY2(reported, qPrintable(ac.report()));
}

void TestAutoCalibration::ocrDigits_data()
{
    QTest::addColumn<double>("size");
    QTest::addColumn<bool>("turned");
    QTest::addColumn<bool>("ticksJoined");
    QTest::addColumn<bool>("grainy");
    QTest::newRow("upright, small") << 0.55 << false << false << false;
    QTest::newRow("upright") << 0.8 << false << false << false;
    QTest::newRow("turned 90 degrees") << 0.7 << true << false << false;
    // "-12350-": the line's stubs run into the digits, as where a number is printed on its line.
    QTest::newRow("ticks joined to the digits") << 0.55 << false << true << false;
    // A colour-reduced scan: one pixel in twelve of the paper a whole palette step darker.
    QTest::newRow("small, on grainy paper") << 0.55 << false << false << true;
}

void TestAutoCalibration::ocrDigits()
{
    QFETCH(double, size);
    QFETCH(bool, turned);
    QFETCH(bool, ticksJoined);
    QFETCH(bool, grainy);
    TextReader ocr;
    QVERIFY2(ocr.isReady(), qPrintable(ocr.error()));
    // A depth column of numbers every 300 rows between ticks on both borders.
    cv::Mat column(3200, 110, CV_8UC1, cv::Scalar(250));
    cv::line(column, {0, 0}, {0, 3199}, cv::Scalar(0), 1);
    cv::line(column, {109, 0}, {109, 3199}, cv::Scalar(0), 1);
    std::vector<int> values;
    for (int k = 0; k < 10; ++k) {
        const int y = 150 + 300 * k;
        const int value = 12350 + 50 * k;
        values.push_back(value);
        cv::line(column, {0, y}, {8, y}, cv::Scalar(0), 1);
        cv::line(column, {101, y}, {109, y}, cv::Scalar(0), 1);
        putNumber(column, std::to_string(value), {55, y}, size, turned);
        if (ticksJoined) {
            int base = 0;
            const cv::Size ts
                = cv::getTextSize(std::to_string(value), cv::FONT_HERSHEY_SIMPLEX, size, 2, &base);
            const int yc = y - ts.height / 2 + 3; // about the middle of the digits
            cv::line(column, {55 - ts.width / 2 - 8, yc}, {55 - ts.width / 2 + 1, yc}, cv::Scalar(0), 1);
            cv::line(column, {55 + ts.width / 2 - 1, yc}, {55 + ts.width / 2 + 8, yc}, cv::Scalar(0), 1);
        }
    }
    if (grainy) {
        cv::RNG rng(7);
        for (int y = 0; y < column.rows; ++y) {
            for (int x = 0; x < column.cols; ++x) {
                uchar &v = column.at<uchar>(y, x);
                if (rng.uniform(0, 12) == 0)
                    v = uchar(std::max(0, int(v) - 51));
            }
        }
    }
    const WindowReader read = [&](const QRect &w) {
        const cv::Rect r = cv::Rect(w.x(), w.y(), w.width(), w.height()) & cv::Rect(0, 0, column.cols, column.rows);
        return Result<cv::Mat>(column(r).clone());
    };
    const std::vector<DepthLabel> labels = readDepthNumbers(read, 0, column.cols, 0, column.rows - 1, ocr);
    int right = 0;
    for (const DepthLabel &l : labels) {
        const int k = int(std::lround((l.row - 150) / 300.0));
        if (k >= 0 && k < 10 && std::abs(l.row - (150 + 300 * k)) <= 3 && l.text == QString::number(values[size_t(k)]))
            ++right;
    }
    QVERIFY2(right >= 9, qPrintable(QStringLiteral("%1 of 10 numbers read right (%2 read)").arg(right).arg(labels.size())));
}

void TestAutoCalibration::noGridIsRefusedWithReason()
{
    cv::Mat sheet(2000, 800, CV_8UC1, cv::Scalar(245));
    cv::putText(sheet, "NOT A LOG", {100, 1000}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0), 3);
    Result<AutoCalibration> ac = autoCalibrate(sheet);
    QVERIFY(ac.ok());
    QVERIFY(!ac.value().ok);
    QVERIFY(!ac.value().refusal.isEmpty());
    QVERIFY(!ac.value().handsOff());
}

void TestAutoCalibration::generatedSheets_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("tracks");
    QTest::addColumn<bool>("turned");
    QTest::addColumn<bool>("above");
    QTest::addColumn<bool>("repeat");
    for (quint64 seed : {41u, 42u, 43u})
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed)))
            << seed << int(seed % 3) + 1 << false << false << false;
    QTest::newRow("numbers turned 90 degrees") << quint64(44) << 2 << true << false << false;
    QTest::newRow("numbers above their lines") << quint64(45) << 2 << false << true << false;
    QTest::newRow("repeat section") << quint64(46) << 2 << false << false << true;
}

void TestAutoCalibration::generatedSheets()
{
    // Clean generated sheets with a header: the proposal is hands-off and right, or it says it
    // is unsure. A sure proposal must be right: tracks within 1 px, depth within 0.1 % of the
    // interval at every row.
    QFETCH(quint64, seed);
    QFETCH(int, tracks);
    QFETCH(bool, turned);
    QFETCH(bool, above);
    QFETCH(bool, repeat);
    SynthOptions options;
    options.print.turnedNumbers = turned ? 1.0 : 0.0;
    options.print.numbersAbove = above ? 1.0 : 0.0;
    options.print.repeatSection = repeat ? 1.0 : 0.0;
    options.split = SynthSplit::Eval;
    options.width = 1400;
    options.height = 5000;
    options.tracks = tracks;
    options.header = true;
    options.noDamage = true;
    options.realShapes = false;
    const SynthCase synth = generateSynthCase(options, seed);
    Result<AutoCalibration> result = autoCalibrate(greyOf(synth.sheet));
    QVERIFY(result.ok());
    const AutoCalibration &ac = result.value();
    QVERIFY2(ac.ok, qPrintable(ac.refusal));
    const Calibration &truth = synth.calibration;
    auto edges = [](const Calibration &cal) {
        QStringList e;
        for (const Track &t : cal.tracks)
            e << QStringLiteral("%1-%2").arg(t.left).arg(t.right);
        return e.join(QStringLiteral(", "));
    };
    QVERIFY2(ac.calibration.tracks.size() == truth.tracks.size(),
             qPrintable(QStringLiteral("tracks %1, true %2").arg(edges(ac.calibration), edges(truth))));
    for (size_t t = 0; t < truth.tracks.size(); ++t) {
        QVERIFY(std::abs(ac.calibration.tracks[t].left - truth.tracks[t].left) <= 1.0);
        QVERIFY(std::abs(ac.calibration.tracks[t].right - truth.tracks[t].right) <= 1.0);
    }
    const double top = *truth.topDepth, bottom = *truth.bottomDepth;
    double worst = 0.0;
    for (double row = truth.rowAtDepth(top); row <= truth.rowAtDepth(bottom); row += 1.0)
        worst = std::max(worst, std::abs(ac.calibration.depthAtRow(row) - truth.depthAtRow(row)));
    QVERIFY2(worst < 0.001 * (bottom - top), qPrintable(QStringLiteral("depth off by %1\n%2").arg(worst).arg(ac.report())));
    // The unit, when the proposal says it read one, is the printed one.
    for (const ProposalPart &p : ac.parts) {
        if (p.name == QLatin1String("unit") && p.sure)
            QCOMPARE(ac.calibration.depthUnit, truth.depthUnit);
    }
    QVERIFY2(ac.handsOff(), qPrintable(ac.report()));
    QVERIFY(!ac.calibration.validate().size());
    // A repeat section: its own ties, on its own depths to the same share, and sure.
    QCOMPARE(truth.sections.size(), size_t(repeat ? 1 : 0));
    QCOMPARE(ac.calibration.sections.size(), truth.sections.size());
    for (size_t k = 0; k < truth.sections.size(); ++k) {
        const DepthSection &want = truth.sections[k];
        const int found = ac.calibration.sectionAt(0.5 * (want.firstRow + want.lastRow));
        QVERIFY2(found >= 0, qPrintable(ac.report()));
        const Calibration got = ac.calibration.sectionCalibration(found),
                          right = truth.sectionCalibration(int(k));
        const double span = std::abs(right.depthAtRow(want.lastRow) - right.depthAtRow(want.firstRow));
        for (double row = want.firstRow; row <= want.lastRow; row += 1.0)
            QVERIFY2(std::abs(got.depthAtRow(row) - right.depthAtRow(row)) < 0.001 * span,
                     qPrintable(ac.report()));
        for (const ProposalPart &p : ac.parts) {
            if (p.name.startsWith(QLatin1String("section ")))
                QVERIFY2(p.sure, qPrintable(ac.report()));
        }
    }
}

QTEST_GUILESS_MAIN(TestAutoCalibration)
#include "tst_autocalibration.moc"
