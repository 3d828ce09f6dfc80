// Opening a sheet in the main window and the view state that follows: fit width, level of detail,
// zoom to the cursor, 1:1, errors that name the file, and bounded memory.
#include "uitestutil.h"

#include "calibration/depthticks.h"

#include "depthruler.h"
#include "document.h"
#include "mainwindow.h"
#include "sheetview.h"
#include "tilepyramid.h"

#include "raster/rastersource.h"

#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace veer;

namespace {

/** Shows `window` at 1000 x 700 with `sheet` open and scrollable; null on failure. */
SheetView *showSheet(MainWindow &window, const QString &sheet)
{
    window.resize(1000, 700);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openSheet(sheet).ok())
        return nullptr;
    SheetView *view = window.sheetView();
    for (int i = 0; i < 100 && view->verticalScrollBar()->maximum() <= 0; ++i)
        QTest::qWait(20);
    return view->verticalScrollBar()->maximum() > 0 ? view : nullptr;
}

} // namespace

class TestSheetView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensAndFitsWidth();
    void pyramidIsBoundedAndComplete();
    void pyramidClosesWhileLoading();
    void zoomKeepsPointUnderCursor();
    void actualSizeShowsPixels();
    void cursorPositionFollowsScroll();
    void goToDepthTopBottomAndSideways();
    void openErrorsNameTheFile_data();
    void openErrorsNameTheFile();
    void tickStep_data();
    void tickStep();

private:
    QTemporaryDir mDir;
    QString mSheet;
};

void TestSheetView::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    mSheet = test::writeTestSheet(mDir.path());
}

void TestSheetView::cursorPositionFollowsScroll()
{
    // A scroll under a still cursor (wheel, keyboard, scroll bar) updates the position and depth shown.
    MainWindow window;
    SheetView *view = showSheet(window, mSheet);
    QVERIFY(view);
    const QPoint at(200, 200);
    QTest::mouseMove(view->viewport(), at);
    QSignalSpy moved(view, &SheetView::cursorMoved);
    const double before = view->viewToImage(QPointF(at)).y();
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + 300);
    QVERIFY(moved.count() >= 1);
    const QPointF now = moved.last().at(0).toPointF();
    QVERIFY2(std::abs(now.y() - (before + 300 / view->scale())) < 2.0,
             qPrintable(QStringLiteral("row %1, expected %2").arg(now.y()).arg(before + 300 / view->scale())));
    QVERIFY(moved.last().at(1).toBool());
    // A key scroll too.
    moved.clear();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_PageDown);
    QVERIFY(moved.count() >= 1);
    QVERIFY(moved.last().at(0).toPointF().y() > now.y() + 10);
}

void TestSheetView::goToDepthTopBottomAndSideways()
{
    MainWindow window;
    SheetView *view = showSheet(window, mSheet);
    QVERIFY(view);
    QVERIFY(!window.goToDepth(1200.0));  // no depths yet
    Calibration cal;
    cal.depthUnit = QStringLiteral("FT");
    cal.ties = {{0.0, 1000.0}, {4999.0, 1499.9}};  // 10 rows a foot
    window.document()->setCalibration(cal);
    QVERIFY(window.goToDepth(1300.0));
    QVERIFY2(std::abs(view->visibleImageRect().center().y() - 3000.0) < 2.0,
             qPrintable(QString::number(view->visibleImageRect().center().y())));
    QVERIFY(!window.goToDepth(2000.0));  // off the sheet
    QVERIFY(std::abs(view->visibleImageRect().center().y() - 3000.0) < 2.0);
    // End and Home go to the bottom and the top of the sheet.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_End);
    QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(view->verticalScrollBar()->value(), 0);
    // Shift+wheel scrolls sideways.
    view->setScale(3.0);
    QTRY_VERIFY(view->horizontalScrollBar()->maximum() > 0);
    const int x = view->horizontalScrollBar()->value();
    const QPointF at(100, 100);
    QWheelEvent wheel(at, view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::ShiftModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY2(view->horizontalScrollBar()->value() > x, qPrintable(QString::number(view->horizontalScrollBar()->value())));
}

void TestSheetView::opensAndFitsWidth()
{
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Status status = window.openSheet(mSheet);
    QVERIFY2(status.ok(), qPrintable(status.error()));
    QVERIFY(window.document());
    QCOMPARE(window.document()->sheetWidth(), 900);
    QCOMPARE(window.document()->sheetHeight(), 5000);
    SheetView *view = window.sheetView();
    // Fit width: the sheet spans the viewport without a horizontal scroll bar.
    QTRY_VERIFY(qAbs(view->scale() * 900 - view->viewport()->width()) <= 1.0);
    QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
    QVERIFY(!view->horizontalScrollBar()->isVisible());
    QVERIFY(view->verticalScrollBar()->maximum() > 0);
    QCOMPARE(view->visibleImageRect().top(), 0.0);
    QTRY_VERIFY_WITH_TIMEOUT(window.isDisplayComplete(), 10000);
    QVERIFY(window.windowTitle().contains(QStringLiteral("sheet.png")));
}

void TestSheetView::pyramidIsBoundedAndComplete()
{
    auto src = RasterSource::open(mSheet);
    QVERIFY(src);
    TilePyramid pyramid(*src);
    QTRY_VERIFY_WITH_TIMEOUT(pyramid.isBuilt(), 10000);
    QVERIFY(pyramid.pinnedLevel() >= 1);
    // 5000 rows need 5 halvings to fit one 256-px tile: levels 0..5.
    QCOMPARE(pyramid.levelCount(), 6);
    const int top = pyramid.levelCount() - 1;
    QCOMPARE(pyramid.tilesAcross(top), 1);
    QCOMPARE(pyramid.tilesDown(top), 1);
    const QImage overview = pyramid.tile({top, 0, 0});
    QVERIFY(!overview.isNull());
    QCOMPARE(overview.size(), pyramid.levelSize(top));
    // Never a full-resolution copy: pinned levels hold at most a third of the RGBA sheet.
    QVERIFY(pyramid.memoryBytes() < qint64(900) * 5000 * 4 / 3);
    // A level-0 tile arrives on request and carries the marker at (300, 2000).
    const TileKey key{0, 300 / TilePyramid::kTileSize, 2000 / TilePyramid::kTileSize};
    pyramid.request({key});
    QTRY_VERIFY_WITH_TIMEOUT(!pyramid.tile(key).isNull(), 5000);
    const QImage tile = pyramid.tile(key);
    const QPoint inTile(300 + 20 - key.tx * TilePyramid::kTileSize, 2000 + 20 - key.ty * TilePyramid::kTileSize);
    QCOMPARE(QColor(tile.pixel(inTile)), QColor(Qt::black));
    QCOMPARE(QColor(tile.pixel(inTile + QPoint(30, 0))), QColor(Qt::white));
}

void TestSheetView::pyramidClosesWhileLoading()
{
    // Closing a sheet joins the pyramid's threads; a stop that woke nobody hung Close for ever.
    // Many short lives, each with tiles asked for, so that the stop lands at every point of the loops.
    auto src = RasterSource::open(mSheet);
    QVERIFY(src);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 1000; ++i) {
        TilePyramid pyramid(*src);
        if (i % 2)
            pyramid.request({TileKey{0, 0, i % 19}, TileKey{1, 0, i % 9}});
    }
    QVERIFY2(clock.elapsed() < 120000, qPrintable(QString::number(clock.elapsed())));
}

void TestSheetView::zoomKeepsPointUnderCursor()
{
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(mSheet).ok());
    SheetView *view = window.sheetView();
    view->verticalScrollBar()->setValue(800);
    const QPointF cursor(200, 150);
    const QPointF before = view->viewToImage(cursor);
    const double scale = view->scale();
    QWheelEvent wheel(cursor, view->viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY(view->scale() > scale * 1.4);
    const QPointF after = view->viewToImage(cursor);
    QVERIFY2(qAbs(after.x() - before.x()) < 1.0 && qAbs(after.y() - before.y()) < 1.0,
             qPrintable(QStringLiteral("%1,%2 -> %3,%4").arg(before.x()).arg(before.y()).arg(after.x()).arg(after.y())));
    QCOMPARE(view->currentLevel(), 0);
    view->setScale(0.1);
    QVERIFY(view->currentLevel() >= 3);
}

void TestSheetView::actualSizeShowsPixels()
{
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(mSheet).ok());
    SheetView *view = window.sheetView();
    view->actualSize();
    QCOMPARE(view->scale(), 1.0);
    view->centerOn(QPointF(320, 2020));
    QTRY_VERIFY_WITH_TIMEOUT(window.isDisplayComplete(), 10000);
    // The marker's centre is drawn black where the view says it is.
    const QImage shot = view->viewport()->grab().toImage();
    const QPointF centre = view->imageToView(QPointF(320, 2020)) * shot.devicePixelRatio();
    QCOMPARE(QColor(shot.pixel(centre.toPoint())), QColor(Qt::black));
    const QPointF paper = view->imageToView(QPointF(420, 2050)) * shot.devicePixelRatio();
    QCOMPARE(QColor(shot.pixel(paper.toPoint())), QColor(Qt::white));
}

void TestSheetView::openErrorsNameTheFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("missing") << QStringLiteral("missing.tif") << QByteArray();
    QTest::newRow("empty") << QStringLiteral("empty.png") << QByteArray("");
    QTest::newRow("garbage") << QStringLiteral("garbage.png") << QByteArray("this is not an image at all\n");
}

void TestSheetView::openErrorsNameTheFile()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    const QString path = mDir.filePath(name);
    if (name != QLatin1String("missing.tif")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    MainWindow window;
    const Status status = window.openSheet(path);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(name), qPrintable(status.error()));
    QVERIFY(!window.document());
}

void TestSheetView::tickStep_data()
{
    QTest::addColumn<double>("unitsPerPixel");
    QTest::addColumn<double>("minPixels");
    QTest::addColumn<double>("expected");
    QTest::newRow("metres") << 0.07 << 40.0 << 5.0;
    QTest::newRow("fine") << 0.001 << 40.0 << 0.05;
    QTest::newRow("rows") << 2.0 << 40.0 << 100.0;
    QTest::newRow("exact") << 0.25 << 40.0 << 10.0;
}

void TestSheetView::tickStep()
{
    QFETCH(double, unitsPerPixel);
    QFETCH(double, minPixels);
    QFETCH(double, expected);
    QCOMPARE(depthTickStep(unitsPerPixel, minPixels), expected);
}

QTEST_MAIN(TestSheetView)
#include "tst_sheetview.moc"
