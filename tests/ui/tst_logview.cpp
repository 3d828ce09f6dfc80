// The log view beside the raster: curve values and depths map to the right pixels on linear and log
// scales, the plot follows the sheet view's scroll and zoom, nulls break the line, and a reference
// LAS is matched by mnemonic.
#include "uitestutil.h"

#include "calibration/depthticks.h"

#include "calibrationcommands.h"
#include "document.h"
#include "logview.h"
#include "mainwindow.h"
#include "runcommands.h"
#include "sheetview.h"

#include <QFile>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>

using namespace veer;

class TestLogView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void mapsValues_data();
    void mapsValues();
    void tracksShareTheWidth();
    void followsSheetScrollAndZoom();
    void drawsCurvesWithNullsAsBreaks();
    void referenceLasMatchesMnemonics();
    void degenerateCalibrationPaints();

private:
    /** x in the log view's grab of `value`'s pixel column: is it drawn in roughly `colour`? */
    static bool hasColourNear(const QImage &image, int x, int y, const QColor &colour);

    QTemporaryDir mDir;
    QString mSheet;
    std::unique_ptr<MainWindow> mWindow;
    Calibration mCal;
};

void TestLogView::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    mSheet = test::writeTestSheet(mDir.path(), QSize(300, 3000), QPoint(100, 400));
    // 100 rows per metre from 1000 m at row 0.
    mCal.ties = {{0, 1000}, {3000, 1030}};
    Track one;
    one.left = 10;
    one.right = 290;
    CurveScale gr;
    gr.mnemonic = QStringLiteral("GR");
    gr.right = 150;
    CurveScale res;
    res.classId = 2;
    res.mnemonic = QStringLiteral("RES");
    res.type = ScaleType::Log;
    res.left = 0.2;
    res.right = 2000;
    one.curves = {gr, res};
    Track two = one;
    CurveScale nphi;
    nphi.mnemonic = QStringLiteral("NPHI");
    nphi.left = 0.45;
    nphi.right = -0.15;
    two.curves = {nphi};
    mCal.tracks = {one, two};
}

void TestLogView::init()
{
    mWindow = std::make_unique<MainWindow>();
    mWindow->resize(1300, 800);
    mWindow->show();
    QVERIFY(QTest::qWaitForWindowExposed(mWindow.get()));
    QVERIFY(mWindow->openSheet(mSheet).ok());
    Document *doc = mWindow->document();
    doc->undoStack()->push(new ReplaceCalibrationCommand(*doc, mCal, QStringLiteral("calibrate")));
    // Curve one of track one runs down the middle of the track (GR 75), with a null gap at
    // rows 1000-1199; the other curves are null.
    TraceResult trace;
    trace.rowCount = doc->sheetHeight();
    TrackTrace t;
    CurveTrace gr;
    CurveTrace res;
    res.classId = 2;
    for (int row = 0; row < trace.rowCount; ++row) {
        const bool gap = row >= 1000 && row < 1200;
        gr.column.push_back(gap ? NAN : 150.0f);
        gr.confidence.push_back(gap ? 0.0f : 1.0f);
        res.column.push_back(NAN);
        res.confidence.push_back(0.0f);
    }
    t.curves = {gr, res};
    TrackTrace t2;
    t2.curves = {res};
    t2.curves[0].classId = 1;
    trace.tracks = {t, t2};
    doc->undoStack()->push(new SetTraceCommand(*doc, trace));
    doc->setClean();
    QVERIFY(mWindow->logView()->isVisible());
    QVERIFY(mWindow->logView()->width() > 100);
}

void TestLogView::cleanup()
{
    mWindow.reset();
}

void TestLogView::mapsValues_data()
{
    QTest::addColumn<int>("track");
    QTest::addColumn<int>("curve");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("fraction");
    QTest::newRow("linear left edge") << 0 << 0 << 0.0 << 0.0;
    QTest::newRow("linear middle") << 0 << 0 << 75.0 << 0.5;
    QTest::newRow("linear right edge") << 0 << 0 << 150.0 << 1.0;
    QTest::newRow("linear fifth") << 0 << 0 << 30.0 << 0.2;
    QTest::newRow("linear past right (unwrapped)") << 0 << 0 << 225.0 << 1.5;
    QTest::newRow("log left edge") << 0 << 1 << 0.2 << 0.0;
    QTest::newRow("log two decades") << 0 << 1 << 20.0 << 0.5;
    QTest::newRow("log one decade") << 0 << 1 << 2.0 << 0.25;
    QTest::newRow("log right edge") << 0 << 1 << 2000.0 << 1.0;
    QTest::newRow("reversed linear left") << 1 << 0 << 0.45 << 0.0;
    QTest::newRow("reversed linear zero") << 1 << 0 << 0.0 << 0.75;
}

void TestLogView::mapsValues()
{
    QFETCH(int, track);
    QFETCH(int, curve);
    QFETCH(double, value);
    QFETCH(double, fraction);
    LogView *lv = mWindow->logView();
    const QRectF r = lv->trackRect(track);
    const double x = lv->xOfValue(track, curve, value);
    QVERIFY2(std::abs(x - (r.left() + fraction * r.width())) < 1e-6,
             qPrintable(QStringLiteral("x %1, expected %2").arg(x).arg(r.left() + fraction * r.width())));
    QVERIFY(std::isnan(lv->xOfValue(0, 1, -1.0)));  // no log of a negative value
    QVERIFY(std::isnan(lv->xOfValue(5, 0, 1.0)));
}

void TestLogView::tracksShareTheWidth()
{
    LogView *lv = mWindow->logView();
    const QRectF a = lv->trackRect(0);
    const QRectF b = lv->trackRect(1);
    QCOMPARE(a.width(), b.width());
    QVERIFY(a.right() < b.left());
    QVERIFY(a.left() >= 0);
    QVERIFY(b.right() <= lv->width());
    QVERIFY(b.right() > lv->width() - 10);
}

void TestLogView::followsSheetScrollAndZoom()
{
    LogView *lv = mWindow->logView();
    SheetView *view = mWindow->sheetView();
    // Row r sits at the same window y in the sheet view and in the log view.
    auto windowYInView = [&](double row) {
        return view->viewport()->mapTo(mWindow.get(), view->imageToView(QPointF(0, row)).toPoint()).y();
    };
    auto windowYInLog = [&](double row) { return lv->mapTo(mWindow.get(), QPoint(0, int(std::lround(lv->yOfRow(row))))).y(); };
    view->setScale(1.0);
    for (const double row : {0.0, 500.0, 1234.0}) {
        view->scrollToRow(row);
        QVERIFY(std::abs(windowYInLog(row) - windowYInView(row)) <= 1);
        QVERIFY(std::abs(lv->yOfRow(row + 100) - lv->yOfRow(row) - 100.0) < 1e-6);
    }
    // Scrolling by 300 px moves every row up 300 px in the log view.
    const double before = lv->yOfRow(1500);
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + 300);
    QVERIFY(std::abs(lv->yOfRow(1500) - (before - 300)) < 1e-6);
    // Zooming scales the spacing of rows.
    view->setScale(0.5);
    QVERIFY(std::abs(lv->yOfRow(1100) - lv->yOfRow(1000) - 50.0) < 1e-6);
    QVERIFY(std::abs(windowYInLog(1500) - windowYInView(1500)) <= 1);
    // Depths go through the calibration: 1012 m is row 1200.
    QVERIFY(std::abs(lv->yOfDepth(1012.0) - lv->yOfRow(1200)) < 1e-6);
    // A wheel over the log view scrolls the sheet view.
    const int scroll = view->verticalScrollBar()->value();
    QWheelEvent wheel(QPointF(50, 300), lv->mapToGlobal(QPointF(50, 300)), {}, QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(lv, &wheel);
    QVERIFY(view->verticalScrollBar()->value() > scroll);
}

bool TestLogView::hasColourNear(const QImage &image, int x, int y, const QColor &colour)
{
    for (int dx = -3; dx <= 3; ++dx) {
        const QColor c = image.pixelColor(std::clamp(x + dx, 0, image.width() - 1), y);
        if (std::abs(c.red() - colour.red()) < 60 && std::abs(c.green() - colour.green()) < 60
            && std::abs(c.blue() - colour.blue()) < 60)
            return true;
    }
    return false;
}

void TestLogView::drawsCurvesWithNullsAsBreaks()
{
    LogView *lv = mWindow->logView();
    SheetView *view = mWindow->sheetView();
    view->setScale(1.0);
    view->scrollToRow(800);
    QCoreApplication::processEvents();
    const QColor red = lv->classColour(1);
    const int x = int(std::lround(lv->xOfValue(0, 0, 75.0)));
    auto drawnAt = [&](double row) {
        const QImage image = lv->grab().toImage();
        const int y = int(std::lround(lv->yOfRow(row) * image.devicePixelRatio()));
        return hasColourNear(image, int(x * image.devicePixelRatio()), y, red);
    };
    QVERIFY(drawnAt(950));    // traced
    QVERIFY(!drawnAt(1100));  // null: a break
    QVERIFY(drawnAt(1250));
    // After scrolling, the line is found where the rows went.
    view->scrollToRow(1050);
    QCoreApplication::processEvents();
    QVERIFY(!drawnAt(1150));
    QVERIFY(drawnAt(1300));
}

void TestLogView::referenceLasMatchesMnemonics()
{
    const QString path = mDir.filePath(QStringLiteral("ref.las"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray las = "~VERSION INFORMATION\n VERS.   2.0 : CWLS LOG ASCII STANDARD - VERSION 2.0\n"
                     " WRAP.   NO  : ONE LINE PER DEPTH STEP\n~WELL INFORMATION\n STRT.M  1005.0 :\n"
                     " STOP.M  1010.0 :\n STEP.M  0.5 :\n NULL.   -999.25 :\n~CURVE INFORMATION\n"
                     " DEPT.M   : DEPTH\n gr  .API : GAMMA RAY\n XX  .    : NOT CALIBRATED\n~A\n";
    for (int i = 0; i <= 10; ++i)
        las += QByteArray::number(1005.0 + i * 0.5) + (i == 5 ? " -999.25 1\n" : " 30 1\n");
    file.write(las);
    file.close();
    const Status loaded = mWindow->loadReferenceLas(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    LogView *lv = mWindow->logView();
    QCOMPARE(lv->matchedReferenceCurves(), 1);  // GR by mnemonic, case-insensitive
    QCOMPARE(lv->referenceName(), QStringLiteral("ref.las"));
    SheetView *view = mWindow->sheetView();
    view->setScale(1.0);
    view->scrollToRow(450);
    QCoreApplication::processEvents();
    const QImage image = lv->grab().toImage();
    const int x = int(std::lround(lv->xOfValue(0, 0, 30.0) * image.devicePixelRatio()));
    auto yOf = [&](double depth) { return int(std::lround(lv->yOfDepth(depth) * image.devicePixelRatio())); };
    QVERIFY(hasColourNear(image, x, yOf(1006.2), QColor(120, 120, 120)));
    QVERIFY(!hasColourNear(image, x, yOf(1007.5), QColor(120, 120, 120)));  // NULL sample: a break
    const Status missing = mWindow->loadReferenceLas(mDir.filePath(QStringLiteral("missing.las")));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().contains(QStringLiteral("missing.las")));
}

// Two ties on one row map rows to no finite depth; the log view and the ruler draw no depth
// lines then, and never loop without end (the log view's own tick loop once did).
void TestLogView::degenerateCalibrationPaints()
{
    Document *doc = mWindow->document();
    Calibration cal = mCal;
    cal.ties = {{100.0, 1000.0}, {100.0, 1010.0}};
    doc->setCalibration(cal);
    QVERIFY(doc->hasDepth());
    QVERIFY(!std::isfinite(cal.depthAtRow(500.0)));
    const QImage image = mWindow->logView()->grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(!mWindow->grab().isNull());  // the depth ruler too
    const DepthTicks none = depthTicks(-INFINITY, 10.0, 0.1, 20.0);
    QVERIFY(none.ticks.empty());
    const DepthTicks many = depthTicks(0.0, 1e12, 1e-9, 20.0);
    QVERIFY(many.ticks.size() <= 4000);
}

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
