// Every correction command: apply, undo (the serialised document equals the snapshot before), redo
// (equals the state after); the label brush driven with the mouse at two zoom levels; the swap of
// curve identities exact to its row range. Set VEER_SCREENSHOT_DIR to also save brush.png and
// swap-curves.png of both tools in use on the sample sheet.
#include "uitestutil.h"

#include "correctioncommands.h"
#include "document.h"
#include "labelbrushtool.h"
#include "mainwindow.h"
#include "sheetview.h"
#include "swapcurvestool.h"
#include "toolmanager.h"

#include "raster/labelmap.h"
#include "trace/curvetracer.h"

#include <QAction>
#include <QCheckBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <opencv2/core.hpp>

#include <cmath>
#include <functional>

using namespace veer;

using CommandFactory = std::function<QUndoCommand *(Document &)>;
Q_DECLARE_METATYPE(CommandFactory)

namespace {

constexpr int kCurveOneCol = 200;
constexpr int kCurveTwoCol = 300;
constexpr int kOutsideCol = 600;  ///< class 1, right of the track
constexpr int kTraceFirstRow = 500;
constexpr int kTraceRows = 3000;

Calibration oneTrack()
{
    Calibration cal;
    cal.ties = {{100.0, 1000.0}, {4100.0, 1400.0}};
    Track track;
    track.left = 100;
    track.right = 500;
    cal.tracks.push_back(track);
    return cal;
}

/** Curve one down column 200, curve two down column 300, and class 1 outside the track at 600. */
void setUpLabels(Document &d, bool probabilities)
{
    cv::Mat labels = cv::Mat::zeros(d.sheetHeight(), d.sheetWidth(), CV_8UC1);
    labels.col(kCurveOneCol).setTo(1);
    labels.col(kCurveTwoCol).setTo(2);
    labels.col(kOutsideCol).setTo(1);
    cv::Mat probs;
    if (probabilities) {
        probs = cv::Mat(labels.size(), CV_8UC2, cv::Scalar(0, 0));
        probs.col(kCurveOneCol).setTo(cv::Scalar(250, 5));
        probs.col(kCurveTwoCol).setTo(cv::Scalar(7, 240));
    }
    d.setLabels(labels, probs);
}

void setUpTrace(Document &d)
{
    TraceResult trace;
    trace.firstRow = kTraceFirstRow;
    trace.rowCount = kTraceRows;
    CurveTrace one;
    one.classId = 1;
    one.column.assign(kTraceRows, float(kCurveOneCol));
    one.confidence.assign(kTraceRows, 0.9f);
    one.wraps = {{600, 1}, {1500, -1}};
    CurveTrace two;
    two.classId = 2;
    two.column.assign(kTraceRows, float(kCurveTwoCol));
    two.confidence.assign(kTraceRows, 0.4f);
    TrackTrace track;
    track.curves = {one, two};
    trace.tracks.push_back(track);
    d.setTrace(trace);
}

/** Shows `window` at 1100 x 800 with `sheet` open and the one-track calibration; null on failure. */
Document *openOneTrack(MainWindow &window, const QString &sheet)
{
    window.resize(1100, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openSheet(sheet).ok())
        return nullptr;
    window.document()->setCalibration(oneTrack());
    return window.document();
}

int nonZero(const cv::Mat &m)
{
    return cv::countNonZero(m);
}

} // namespace

class TestCorrectionCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void applyUndoRedo_data();
    void applyUndoRedo();
    void brushIsExactToThePixel();
    void strokeMergesAndKeepsOnlyItsBox();
    void paintOnEmptyMapUndoesToEmpty();
    void inkOnlyPaintsInkNotPaper();
    void swapOnlyInsideRange();
    void brushDragAtZoom_data();
    void brushDragAtZoom();
    void brushPickerAndSize();
    void swapToolDrag();
    void tracesInIdentityColours();
    void screenshotsOnSampleSheet();

private:
    std::unique_ptr<Document> makeDocument(bool probabilities = true, bool trace = true);
    QTemporaryDir mDir;
    QString mSheet;
};

void TestCorrectionCommands::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    mSheet = test::writeTestSheet(mDir.path());
}

std::unique_ptr<Document> TestCorrectionCommands::makeDocument(bool probabilities, bool trace)
{
    auto doc = Document::openSheet(mSheet);
    if (!doc)
        return nullptr;
    std::unique_ptr<Document> d = doc.take();
    d->setCalibration(oneTrack());
    setUpLabels(*d, probabilities);
    if (trace)
        setUpTrace(*d);
    return d;
}

void TestCorrectionCommands::applyUndoRedo_data()
{
    QTest::addColumn<CommandFactory>("make");
    QTest::addColumn<bool>("probabilities");
    QTest::newRow("paint curve two") << CommandFactory([](Document &d) {
        return new PaintLabelsCommand(d, {250.3, 1200.7}, {262.0, 1230.1}, 5, 2);
    }) << true;
    QTest::newRow("erase") << CommandFactory([](Document &d) {
        return new PaintLabelsCommand(d, {195, 2000}, {205, 2000}, 9, 0);
    }) << true;
    QTest::newRow("paint without probabilities") << CommandFactory([](Document &d) {
        return new PaintLabelsCommand(d, {10, 10}, {10, 10}, 4, 1, 3);
    }) << false;
    QTest::newRow("paint at the sheet edge") << CommandFactory([](Document &d) {
        return new PaintLabelsCommand(d, {0.2, 4999.5}, {899.9, 4999.9}, 7, 1);
    }) << true;
    QTest::newRow("swap") << CommandFactory([](Document &d) { return new SwapCurvesCommand(d, 0, 1000, 1999); })
                          << true;
    QTest::newRow("swap reversed rows") << CommandFactory([](Document &d) {
        return new SwapCurvesCommand(d, 0, 3999, 400);
    }) << false;
}

void TestCorrectionCommands::applyUndoRedo()
{
    QFETCH(CommandFactory, make);
    QFETCH(bool, probabilities);
    auto doc = makeDocument(probabilities);
    QVERIFY(doc);
    Document &d = *doc;
    const QByteArray before = d.serialise();
    d.undoStack()->push(make(d));
    QVERIFY(d.isModified());
    const QByteArray after = d.serialise();
    QVERIFY(after != before);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
    QVERIFY(!d.isModified());
    d.undoStack()->redo();
    QCOMPARE(d.serialise(), after);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
}

void TestCorrectionCommands::brushIsExactToThePixel()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    const cv::Mat before = d.labels().clone();
    // A 1 px brush paints the pixel under the point, wherever inside the pixel it is.
    d.undoStack()->push(new PaintLabelsCommand(d, {400.95, 1000.05}, {400.95, 1000.05}, 1, 2));
    cv::Mat diff = d.labels() != before;
    QCOMPARE(nonZero(diff), 1);
    QCOMPARE(int(d.labels().at<uchar>(1000, 400)), 2);
    QCOMPARE(d.probabilities().at<cv::Vec2b>(1000, 400), cv::Vec2b(0, 255));
    // A 3 px brush along a row: a 3-row band, one pixel past each end.
    d.undoStack()->push(new PaintLabelsCommand(d, {410.5, 1500.5}, {430.5, 1500.5}, 3, 1));
    diff = d.labels() != before;
    QCOMPARE(nonZero(diff), 1 + 3 * 23);
    QCOMPARE(nonZero(diff(cv::Rect(409, 1499, 23, 3))), 3 * 23);
}

void TestCorrectionCommands::strokeMergesAndKeepsOnlyItsBox()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    const QByteArray before = d.serialise();
    // The stroke crosses curve one's column, so erasing changes labels that were there.
    QPointF last(150, 3000);
    for (int i = 1; i <= 12; ++i) {
        const QPointF p(150 + i * 10, 3000 + i * 3);
        d.undoStack()->push(new PaintLabelsCommand(d, last, p, 5, 0, 42));
        last = p;
    }
    QCOMPARE(d.undoStack()->count(), 1);
    const auto *cmd = static_cast<const PaintLabelsCommand *>(d.undoStack()->command(0));
    QVERIFY(cmd->rect().width < 140 && cmd->rect().height < 50);
    QVERIFY(cmd->rect().contains(cv::Point(kCurveOneCol, 3015)));
    QCOMPARE(int(d.labels().at<uchar>(3015, kCurveOneCol)), 0);
    const QByteArray after = d.serialise();
    // The next drag is a new step.
    d.undoStack()->push(new PaintLabelsCommand(d, {700, 100}, {710, 100}, 3, 2, 43));
    QCOMPARE(d.undoStack()->count(), 2);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), after);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
    d.undoStack()->redo();
    QCOMPARE(d.serialise(), after);
}

void TestCorrectionCommands::paintOnEmptyMapUndoesToEmpty()
{
    auto doc = Document::openSheet(mSheet);
    QVERIFY(doc);
    Document &d = **doc;
    const QByteArray before = d.serialise();
    d.undoStack()->push(new PaintLabelsCommand(d, {50, 50}, {60, 50}, 3, 1, 1));
    d.undoStack()->push(new PaintLabelsCommand(d, {60, 50}, {60, 80}, 3, 1, 1));
    QCOMPARE(d.labels().rows, d.sheetHeight());
    QCOMPARE(nonZero(d.labels()), 3 * 13 + 3 * 33 - 9);
    const QByteArray after = d.serialise();
    d.undoStack()->undo();
    QVERIFY(d.labels().empty());
    QCOMPARE(d.serialise(), before);
    d.undoStack()->redo();
    QCOMPARE(d.serialise(), after);
}

void TestCorrectionCommands::swapOnlyInsideRange()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    const cv::Mat labelsBefore = d.labels().clone();
    const cv::Mat probsBefore = d.probabilities().clone();
    d.undoStack()->push(new SwapCurvesCommand(d, 0, 1000, 1999));
    const cv::Mat &l = d.labels();
    for (int row : {0, 999, 1000, 1500, 1999, 2000, 4999}) {
        const bool in = row >= 1000 && row <= 1999;
        QCOMPARE(int(l.at<uchar>(row, kCurveOneCol)), in ? 2 : 1);
        QCOMPARE(int(l.at<uchar>(row, kCurveTwoCol)), in ? 1 : 2);
        QCOMPARE(int(l.at<uchar>(row, kOutsideCol)), 1);
        QCOMPARE(d.probabilities().at<cv::Vec2b>(row, kCurveOneCol), in ? cv::Vec2b(5, 250) : cv::Vec2b(250, 5));
    }
    // Exactly the two columns over 1000 rows changed, in labels and probabilities.
    QCOMPARE(nonZero(l != labelsBefore), 2 * 1000);
    cv::Mat pd;
    cv::absdiff(d.probabilities(), probsBefore, pd);
    QCOMPARE(nonZero(pd.reshape(1)), 2 * 2 * 1000);

    const TraceResult &t = *d.trace();
    const CurveTrace &one = t.tracks[0].curves[0];
    const CurveTrace &two = t.tracks[0].curves[1];
    for (int i = 0; i < kTraceRows; ++i) {
        const int row = kTraceFirstRow + i;
        const bool in = row >= 1000 && row <= 1999;
        QCOMPARE(one.column[size_t(i)], float(in ? kCurveTwoCol : kCurveOneCol));
        QCOMPARE(two.column[size_t(i)], float(in ? kCurveOneCol : kCurveTwoCol));
        QCOMPARE(one.confidence[size_t(i)], in ? 0.4f : 0.9f);
    }
    QCOMPARE(int(one.wraps.size()), 1);
    QCOMPARE(one.wraps[0].row, 600);
    QCOMPARE(int(two.wraps.size()), 1);
    QCOMPARE(two.wraps[0].row, 1500);
    QCOMPARE(two.wraps[0].direction, -1);
}

void TestCorrectionCommands::brushDragAtZoom_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<int>("size");
    QTest::newRow("zoomed in x4, 1 px") << 4.0 << 1;
    QTest::newRow("1:1, 3 px") << 1.0 << 3;
    QTest::newRow("zoomed in x2.5, 1 px") << 2.5 << 1;
}

void TestCorrectionCommands::brushDragAtZoom()
{
    QFETCH(double, scale);
    QFETCH(int, size);
    MainWindow window;
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    doc->setCalibration(oneTrack());
    setUpLabels(*doc, false);
    doc->setClean();
    window.toolManager()->activate(window.brushTool());
    window.brushTool()->setBrushClass(2);
    window.brushTool()->setBrushSize(size);
    SheetView *view = window.sheetView();
    view->setScale(scale);
    view->centerOn(QPointF(420, 1200));
    QTest::qWait(50);
    const QByteArray before = doc->serialise();
    const cv::Mat labelsBefore = doc->labels().clone();

    const QPoint start = view->imageToView(QPointF(400.3, 1200.3)).toPoint();
    const QPoint end = start + QPoint(int(30 * scale), 0);
    QTest::mouseMove(view->viewport(), start);
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
    for (int i = 1; i <= 10; ++i) {
        const QPoint p = start + (end - start) * i / 10;
        QMouseEvent move(QEvent::MouseMove, p, view->viewport()->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
        QCoreApplication::sendEvent(view->viewport(), &move);
    }
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, end);
    QCOMPARE(doc->undoStack()->count(), 1);

    // The pixels under the view points the events carried, through the view's own transform.
    const QPointF a = view->viewToImage(start);
    const QPointF b = view->viewToImage(end);
    const int row = int(std::floor(a.y()));
    QCOMPARE(int(std::floor(b.y())), row);
    const int c0 = int(std::floor(a.x())) - size / 2;
    const int c1 = int(std::floor(b.x())) + size / 2;
    const cv::Rect band(c0, row - size / 2, c1 - c0 + 1, size);
    const cv::Mat changed = doc->labels() != labelsBefore;
    QCOMPARE(nonZero(changed), band.area());
    QCOMPARE(nonZero(changed(band)), band.area());
    QCOMPARE(nonZero(doc->labels()(band) == 2), band.area());

    doc->undoStack()->undo();
    QCOMPARE(doc->serialise(), before);
}

void TestCorrectionCommands::inkOnlyPaintsInkNotPaper()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    const cv::Mat before = d.labels().clone();
    // A 15 px stroke across the black square at (300, 2000)-(339, 2039), clear of the grid rows
    // 2000 and 2100: only the square's pixels under it take curve two, not the paper beside them.
    d.undoStack()->push(new PaintLabelsCommand(d, {280, 2020}, {360, 2020}, 15, 2, 0, BrushTarget::Ink));
    const cv::Mat changed = d.labels() != before;
    QCOMPARE(nonZero(changed), 15 * 40 - 15);  // column 300 was curve two already
    QCOMPARE(nonZero(changed(cv::Rect(300, 2013, 40, 15))), 15 * 40 - 15);
    QCOMPARE(int(d.labels().at<uchar>(2020, 320)), 2);
    QCOMPARE(int(d.labels().at<uchar>(2020, 290)), 0);
    // The grey grid line is ink too (135 levels darker than the paper).
    d.undoStack()->push(new PaintLabelsCommand(d, {400, 1100}, {400, 1100}, 9, 1, 0, BrushTarget::Ink));
    QCOMPARE(int(d.labels().at<uchar>(1100, 400)), 1);
    QCOMPARE(int(d.labels().at<uchar>(1101, 400)), 0);
    // The eraser erases paper called a curve whatever the mode: curve one's column 200 is paper.
    d.undoStack()->push(new PaintLabelsCommand(d, {190, 3000}, {210, 3000}, 5, 0, 0, BrushTarget::Ink));
    QCOMPARE(int(d.labels().at<uchar>(3000, kCurveOneCol)), 0);
    // Undo gives the map back as it was.
    while (d.undoStack()->canUndo())
        d.undoStack()->undo();
    QCOMPARE(nonZero(d.labels() != before), 0);
    // Whole strokes: a 3 px dab on the square's corner labels all of it but its top four rows: the
    // grid line along row 2000 and the 3 px beside it where a ragged line has its burrs. The rest of
    // that line and the paper stay as they were.
    d.undoStack()->push(new PaintLabelsCommand(d, {303, 2006}, {303, 2006}, 3, 1, 0, BrushTarget::Strokes));
    const cv::Mat stroke = d.labels() != before;
    QCOMPARE(nonZero(stroke(cv::Rect(300, 2004, 40, 36))), 40 * 36);
    QCOMPARE(nonZero(stroke), 40 * 36);
    // The eraser on whole strokes takes the square away though the dab covers a few pixels of it.
    d.undoStack()->push(new PaintLabelsCommand(d, {303, 2006}, {303, 2006}, 3, 0, 0, BrushTarget::Strokes));
    QCOMPARE(nonZero(d.labels()(cv::Rect(300, 2004, 40, 36))), 0);
}

void TestCorrectionCommands::brushPickerAndSize()
{
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    LabelBrushTool *brush = window.brushTool();
    window.toolManager()->activate(brush);
    const QList<QAction *> actions = brush->actions();
    QCOMPARE(actions.size(), 8);
    QCOMPARE(actions[0]->shortcut(), QKeySequence(Qt::ALT | Qt::Key_0));
    actions[0]->trigger();
    QCOMPARE(brush->brushClass(), 0);
    QVERIFY(brush->statusHint().contains(QStringLiteral("erase")));
    actions[2]->trigger();
    QCOMPARE(brush->brushClass(), 2);
    const int size = brush->brushSize();
    actions[4]->trigger();  // ]
    QCOMPARE(brush->brushSize(), size + 1);
    actions[3]->trigger();  // [
    QCOMPARE(brush->brushSize(), size);
    QCOMPARE(brush->target(), BrushTarget::Everything);
    QCOMPARE(actions[5]->shortcut(), QKeySequence(Qt::Key_I));
    QCOMPARE(actions[6]->shortcut(), QKeySequence(Qt::Key_W));
    actions[5]->trigger();
    QCOMPARE(brush->target(), BrushTarget::Ink);
    QVERIFY(brush->statusHint().contains(QStringLiteral("on ink only")));
    actions[6]->trigger();  // one narrower target at a time
    QCOMPARE(brush->target(), BrushTarget::Strokes);
    QVERIFY(!actions[5]->isChecked());
    QVERIFY(brush->statusHint().contains(QStringLiteral("whole strokes")));
    actions[7]->trigger();
    QCOMPARE(actions[7]->shortcut(), QKeySequence(Qt::Key_H));
    QCOMPARE(brush->target(), BrushTarget::Thick);
    QVERIFY(!actions[6]->isChecked());
    actions[7]->trigger();
    QCOMPARE(brush->target(), BrushTarget::Everything);
    QWheelEvent wheel(QPointF(50, 50), QPointF(50, 50), {}, QPoint(0, 120), Qt::NoButton, Qt::ShiftModifier,
                      Qt::NoScrollPhase, false);
    const double scale = window.sheetView()->scale();
    QCoreApplication::sendEvent(window.sheetView()->viewport(), &wheel);
    QCOMPARE(brush->brushSize(), size + 1);
    QCOMPARE(window.sheetView()->scale(), scale);
}

void TestCorrectionCommands::swapToolDrag()
{
    MainWindow window;
    Document *doc = openOneTrack(window, mSheet);
    QVERIFY(doc);
    setUpLabels(*doc, true);
    setUpTrace(*doc);
    doc->setClean();
    window.toolManager()->activate(window.swapTool());
    SheetView *view = window.sheetView();
    view->setScale(1.0);
    view->centerOn(QPointF(300, 1200));
    QTest::qWait(50);
    const QByteArray before = doc->serialise();
    const QPoint start = view->imageToView(QPointF(250, 1100)).toPoint();
    const QPoint end = view->imageToView(QPointF(250, 1300)).toPoint();
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
    for (int i = 1; i <= 5; ++i) {
        const QPoint p = start + (end - start) * i / 5;
        QMouseEvent move(QEvent::MouseMove, p, view->viewport()->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
        QCoreApplication::sendEvent(view->viewport(), &move);
    }
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, end);
    QCOMPARE(doc->undoStack()->count(), 1);
    const int first = int(std::floor(view->viewToImage(start).y()));
    const int last = int(std::floor(view->viewToImage(end).y()));
    QCOMPARE(int(doc->labels().at<uchar>(first - 1, kCurveOneCol)), 1);
    QCOMPARE(int(doc->labels().at<uchar>(first, kCurveOneCol)), 2);
    QCOMPARE(int(doc->labels().at<uchar>(last, kCurveOneCol)), 2);
    QCOMPARE(int(doc->labels().at<uchar>(last + 1, kCurveOneCol)), 1);
    QCOMPARE(doc->trace()->tracks[0].curves[0].column[size_t(first - kTraceFirstRow)], float(kCurveTwoCol));
    doc->undoStack()->undo();
    QCOMPARE(doc->serialise(), before);
}

void TestCorrectionCommands::screenshotsOnSampleSheet()
{
    const QString out = qEnvironmentVariable("VEER_SCREENSHOT_DIR");
    const QString source = qEnvironmentVariable("VEER_SOURCE_DIR");
    if (out.isEmpty() || source.isEmpty())
        QSKIP("set VEER_SCREENSHOT_DIR (and VEER_SOURCE_DIR) to save the tool screenshots");
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(source + QStringLiteral("/resources/samples/sample-sheet.png")).ok());
    Document *doc = window.document();
    auto labels = readLabelMap(source + QStringLiteral("/resources/samples/sample-sheet.labels.png"));
    QVERIFY(labels.ok());
    doc->setLabels(*labels, cv::Mat());
    auto trace = CurveTracer().trace(doc->labels(), nullptr, doc->calibration());
    QVERIFY(trace.ok());
    doc->setTrace(*trace);
    doc->setClean();
    SheetView *view = window.sheetView();
    auto drag = [&](QPointF from, QPointF to, bool release) {
        const QPoint a = view->imageToView(from).toPoint();
        const QPoint b = view->imageToView(to).toPoint();
        QTest::mouseMove(view->viewport(), a);
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, a);
        for (int i = 1; i <= 12; ++i) {
            const QPoint p = a + (b - a) * i / 12;
            QMouseEvent move(QEvent::MouseMove, p, view->viewport()->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
            QCoreApplication::sendEvent(view->viewport(), &move);
        }
        if (release)
            QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, b);
    };
    auto waitSharp = [&] {
        for (int i = 0; i < 200 && !window.isDisplayComplete(); ++i)
            QTest::qWait(25);
        QTest::qWait(50);
    };

    // The brush: curve two painted over a stretch the map called background, stroke still held.
    window.toolManager()->activate(window.brushTool());
    window.brushTool()->setBrushClass(2);
    window.brushTool()->setBrushSize(5);
    view->setScale(3.0);
    view->centerOn(QPointF(320, 1500));
    waitSharp();
    drag(QPointF(300, 1470), QPointF(340, 1530), false);
    waitSharp();
    QVERIFY(window.grab().save(QDir(out).filePath(QStringLiteral("brush.png"))));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, view->imageToView(QPointF(340, 1530)).toPoint());

    // The swap: a depth range of track 1 selected, before the release exchanges the curves.
    window.toolManager()->activate(window.swapTool());
    view->setScale(1.0);
    view->centerOn(QPointF(400, 1200));
    waitSharp();
    drag(QPointF(250, 1050), QPointF(250, 1350), false);
    waitSharp();
    QVERIFY(window.grab().save(QDir(out).filePath(QStringLiteral("swap-curves.png"))));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, view->imageToView(QPointF(250, 1350)).toPoint());
    QCOMPARE(doc->undoStack()->count(), 2);
}

void TestCorrectionCommands::tracesInIdentityColours()
{
    // Each traced curve is drawn in its own colour (curve one red, curve two blue), whatever its
    // confidence, so a swap shows at a glance; the Layers toggle colours them by confidence instead.
    MainWindow window;
    Document *doc = openOneTrack(window, mSheet);
    QVERIFY(doc);
    setUpTrace(*doc);  // curve one sure (0.9), curve two unsure (0.4)
    SheetView *view = window.sheetView();
    view->setScale(1.0);
    view->centerOn(QPointF(250, 1200));
    QTest::qWait(50);
    auto count = [&](int column, auto test) {
        const QImage shot = view->viewport()->grab().toImage();
        int hits = 0;
        for (int row = 1100; row < 1300; ++row) {
            const QPoint p = view->imageToView(QPointF(column + 0.5, row + 0.5)).toPoint();
            // The 2 px line covers the curve's column or its neighbour, depending on rounding.
            hits += (test(shot.pixelColor(p)) || test(shot.pixelColor(p + QPoint(-1, 0))) || test(shot.pixelColor(p + QPoint(1, 0))))
                        ? 1 : 0;
        }
        return hits;
    };
    const auto red = [](const QColor &c) { return c.red() > c.green() + 80 && c.red() > c.blue() + 80; };
    const auto blue = [](const QColor &c) { return c.blue() > c.red() + 80 && c.blue() > c.green() + 40; };
    const auto green = [](const QColor &c) { return c.green() > c.red() + 40 && c.green() > c.blue() + 40; };
    QVERIFY2(count(kCurveOneCol, red) > 190, "curve one is drawn red along its whole length");
    const int twoBlue = count(kCurveTwoCol, blue);
    QVERIFY2(twoBlue > 60 && twoBlue < 190, qPrintable(QStringLiteral("curve two: blue and dashed (%1 of 200 rows)").arg(twoBlue)));
    auto *byConfidence = window.findChild<QCheckBox *>(QStringLiteral("traceConfidence"));
    QVERIFY(byConfidence);
    byConfidence->setChecked(true);
    QTest::qWait(20);
    QVERIFY2(count(kCurveOneCol, green) > 190, "by confidence, the sure curve one is green");
    QCOMPARE(count(kCurveTwoCol, blue), 0);
}

QTEST_MAIN(TestCorrectionCommands)
#include "tst_correctioncommands.moc"
