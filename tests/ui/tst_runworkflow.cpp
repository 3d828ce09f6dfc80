// The review workflow end to end, offscreen: open -> calibrate (load a calibration file) ->
// segment with a tiny test model -> digitize -> export, with undo/redo of each step and a
// Cancel that leaves the document unchanged.
#include "uitestutil.h"

#include "document.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "modeldialog.h"
#include "runcontroller.h"

#include "las/lasreader.h"
#include "pipeline/inkhint.h"
#include "raster/rastersource.h"
#include "segment/segmentationmodel.h"

#include <QFile>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QStatusBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <opencv2/core.hpp>

#include <cmath>

using namespace veer;

class TestRunWorkflow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelCardShowsTheModel();
    void cancelLeavesDocumentUnchanged();
    void progressTextFitsItsBar();
    void intervalLimitsTraceAndExport();
    void inkHintsApplyInTheGui();
    void segmentDigitizeExport();

private:
    bool waitForRun(RunController &run, bool *ok = nullptr);

    QTemporaryDir mDir;
    QString mSheet;
    QString mCalibration;
    QString mModel;
};

void TestRunWorkflow::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    mSheet = test::writeTestSheet(mDir.path(), QSize(400, 1200), QPoint(150, 600));
    // A calibration file for the sheet: 100 rows per metre, one track with two curves.
    Calibration cal;
    cal.ties = {{100, 1000}, {1100, 1010}};
    cal.step = 0.5;
    Track track;
    track.left = 20;
    track.right = 380;
    CurveScale gr;
    gr.mnemonic = QStringLiteral("GR");
    gr.unit = QStringLiteral("API");
    gr.right = 150;
    CurveScale sp = gr;
    sp.classId = 2;
    sp.mnemonic = QStringLiteral("SP");
    sp.unit = QStringLiteral("MV");
    track.curves = {gr, sp};
    cal.tracks = {track};
    mCalibration = mDir.filePath(QStringLiteral("calibration.json"));
    QVERIFY(cal.save(mCalibration).ok());
    // The file sits beside the sheet, so opening reads it; remove that shortcut to test import.
    QFile::rename(mCalibration, mDir.filePath(QStringLiteral("cal.json")));
    mCalibration = mDir.filePath(QStringLiteral("cal.json"));

    NetConfig net;
    net.base = 4;
    net.levels = 1;
    net.maxChannels = 8;
    auto model = SegmentationModel::create(net, 7);
    model->info().id = QStringLiteral("tiny-test-model");
    mModel = mDir.filePath(QStringLiteral("tiny.pt"));
    const Status saved = model->save(mModel);
    QVERIFY2(saved.ok(), qPrintable(saved.error()));
}

bool TestRunWorkflow::waitForRun(RunController &run, bool *ok)
{
    QSignalSpy spy(&run, &RunController::finished);
    if (!spy.wait(120000))
        return false;
    if (ok)
        *ok = spy.first().at(0).toBool();
    return true;
}

void TestRunWorkflow::modelCardShowsTheModel()
{
    RunController run;
    run.setModelPath(mModel);
    const auto info = run.modelInfo();
    QVERIFY2(info, qPrintable(info.error()));
    QCOMPARE(info->id, QStringLiteral("tiny-test-model"));
    const QString html = ModelDialog::cardHtml(mModel, *info);
    QVERIFY(html.contains(QStringLiteral("tiny-test-model")));
    QVERIFY(html.contains(QStringLiteral("tiny.pt")));
    run.setModelPath(mDir.filePath(QStringLiteral("missing.pt")));
    const auto missing = run.modelInfo();
    QVERIFY(!missing);
    QVERIFY(missing.error().contains(QStringLiteral("missing.pt")));
}

void TestRunWorkflow::cancelLeavesDocumentUnchanged()
{
    MainWindow window;
    window.runController()->setModelPath(mModel);
    QVERIFY(window.openSheet(mSheet).ok());
    QVERIFY(window.importCalibration(mCalibration).ok());
    Document *doc = window.document();
    const QByteArray before = doc->serialise();
    const int steps = doc->undoStack()->count();
    QSignalSpy spy(window.runController(), &RunController::finished);
    QVERIFY(window.runController()->segment());
    QVERIFY(window.runController()->isRunning());
    window.runController()->cancel();
    QVERIFY(spy.wait(120000));
    QCOMPARE(spy.first().at(0).toBool(), false);  // not ok
    QCOMPARE(spy.first().at(1).toBool(), true);   // cancelled
    QCOMPARE(doc->serialise(), before);
    QCOMPARE(doc->undoStack()->count(), steps);
    QVERIFY(!window.runController()->isRunning());
}

// Bug: the status bar's "Segmenting 20 %" text was clipped, the bar being narrower than its text.
void TestRunWorkflow::progressTextFitsItsBar()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.runController()->setModelPath(mModel);
    QVERIFY(window.openSheet(mSheet).ok());
    QVERIFY(window.importCalibration(mCalibration).ok());
    QProgressBar *bar = window.statusBar()->findChild<QProgressBar *>();
    QVERIFY(bar);
    QSignalSpy spy(window.runController(), &RunController::finished);
    QVERIFY(window.runController()->segment());
    QCoreApplication::processEvents();
    QVERIFY(bar->isVisible());
    bar->setValue(100);  // the widest text the bar shows
    QCoreApplication::processEvents();
    QVERIFY(bar->text().startsWith(QStringLiteral("Segmenting")));
    const int textWidth = bar->fontMetrics().horizontalAdvance(bar->text());
    QVERIFY2(bar->width() >= textWidth + 8,
             qPrintable(QStringLiteral("bar %1 px, text %2 px").arg(bar->width()).arg(textWidth)));
    window.runController()->cancel();
    QVERIFY(spy.wait(120000));
}

// Bug 2: with a logged interval, nothing outside it is traced, listed as doubtful or written.
void TestRunWorkflow::intervalLimitsTraceAndExport()
{
    MainWindow window;
    window.runController()->setModelPath(mModel);
    QVERIFY(window.openSheet(mSheet).ok());
    QVERIFY(window.importCalibration(mCalibration).ok());
    Document *doc = window.document();
    Calibration cal = doc->calibration();
    cal.topDepth = 1003.0;     // row 400
    cal.bottomDepth = 1008.0;  // row 900
    doc->setCalibration(cal);
    bool ok = false;
    QVERIFY(window.runController()->segment());
    QVERIFY(waitForRun(*window.runController(), &ok));
    QVERIFY(ok);
    QVERIFY(window.runController()->digitize());
    QVERIFY(waitForRun(*window.runController(), &ok));
    QVERIFY(ok);
    QVERIFY(doc->trace().has_value());
    QCOMPARE(doc->trace()->firstRow, 398);
    QCOMPARE(doc->trace()->rowCount, 902 - 398 + 1);
    for (const DoubtSpan &span : doc->review().spans())
        QVERIFY(span.firstRow >= 398 && span.lastRow <= 902);
    ExportSettings settings;
    settings.lasPath = mDir.filePath(QStringLiteral("interval.las"));
    const Status exported = exportLog(*doc, settings);
    QVERIFY2(exported.ok(), qPrintable(exported.error()));
    auto las = readLas(settings.lasPath);
    QVERIFY2(las, qPrintable(las.error()));
    QCOMPARE(las->depths.front(), 1003.0);
    QCOMPARE(las->depths.back(), 1008.0);

    // A repeat section below the interval on ties of its own: traced too, its spans listed, and
    // exported beside the main log on its own depths; the main log is unchanged.
    DepthSection repeat;
    repeat.firstRow = 950;
    repeat.lastRow = 1150;
    repeat.ties = {{1000.0, 1500.0}, {1100.0, 1501.0}};
    cal.sections = {repeat};
    doc->setCalibration(cal);
    QVERIFY(window.runController()->digitize());
    QVERIFY(waitForRun(*window.runController(), &ok));
    QVERIFY(ok);
    QCOMPARE(doc->trace()->firstRow + doc->trace()->rowCount - 1, 1152);
    for (const DoubtSpan &span : doc->review().spans())
        QVERIFY2(span.lastRow <= 902 || span.firstRow >= 948,
                 qPrintable(QStringLiteral("a span over the rows between: %1-%2").arg(span.firstRow).arg(span.lastRow)));
    QVERIFY(exportLog(*doc, settings).ok());
    las = readLas(settings.lasPath);
    QVERIFY2(las, qPrintable(las.error()));
    QCOMPARE(las->depths.front(), 1003.0);
    QCOMPARE(las->depths.back(), 1008.0);
    auto section = readLas(mDir.filePath(QStringLiteral("interval-REPEAT.las")));
    QVERIFY2(section, qPrintable(section.error()));
    QCOMPARE(int(section->depths.size()), 5);  // 1499.5 to 1501.5 m at 0.5 m
    QVERIFY(section->depths.front() >= 1499.5 - 1e-6 && section->depths.back() <= 1501.5 + 1e-6);
    cal.sections.clear();

    // An interval off the sheet blocks the run with a message that says so.
    cal.topDepth = 2000.0;
    cal.bottomDepth = 2010.0;
    doc->setCalibration(cal);
    QVERIFY(window.runController()->digitizeBlocker().contains(QStringLiteral("interval")));
}

// The ink hints of the calibration act on the GUI's segmentation as on veer-cli's: the labels are
// the network's with the hints applied.
void TestRunWorkflow::inkHintsApplyInTheGui()
{
    const QString shipped = qEnvironmentVariable("VEER_SOURCE_DIR") + QStringLiteral("/models/veer-default.pt");
    if (!QFile::exists(shipped))
        QSKIP("the shipped model is not in the source tree");
    // A colour print: a blue solid curve and a green dashed one on a pale grid.
    QImage img(420, 900, QImage::Format_RGB32);
    img.fill(QColor(250, 250, 246));
    QPainter p(&img);
    p.setPen(QPen(QColor(200, 200, 200), 1));
    for (int x = 20; x <= 400; x += 38)
        p.drawLine(x, 0, x, 899);
    QPolygonF one, two;
    for (int y = 0; y < 900; ++y) {
        one << QPointF(150 + 70 * std::sin(y / 60.0), y);
        two << QPointF(280 + 60 * std::cos(y / 75.0), y);
    }
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(20, 50, 200), 3));
    p.drawPolyline(one);
    p.setPen(QPen(QColor(60, 190, 70), 3, Qt::DashLine));
    p.drawPolyline(two);
    p.end();
    const QString sheet = mDir.filePath(QStringLiteral("inks.png"));
    QVERIFY(img.save(sheet));
    Calibration cal;
    cal.ties = {{0, 1000}, {900, 1009}};
    Track track;
    track.left = 20;
    track.right = 400;
    CurveScale a;
    a.mnemonic = QStringLiteral("GR");
    a.right = 150;
    a.ink = QStringLiteral("#3cbe46");  // the hints the wrong way round: they must change the labels
    CurveScale b = a;
    b.classId = 2;
    b.mnemonic = QStringLiteral("SP");
    b.ink = QStringLiteral("#1432c8");
    track.curves = {a, b};
    cal.tracks = {track};

    MainWindow window;
    window.runController()->setModelPath(shipped);
    QVERIFY(window.openSheet(sheet).ok());
    window.document()->setCalibration(cal);
    bool ok = false;
    QVERIFY(window.runController()->segment());
    QVERIFY(waitForRun(*window.runController(), &ok));
    QVERIFY(ok);

    auto source = RasterSource::open(sheet);
    QVERIFY2(source.ok(), qPrintable(source.error()));
    auto model = SegmentationModel::load(shipped);
    QVERIFY2(model.ok(), qPrintable(model.error()));
    SegmentOptions options;
    options.probabilities = true;
    options.threads = 2;
    auto raw = (*model)->segment(**source, options);
    QVERIFY2(raw.ok(), qPrintable(raw.error()));
    cv::Mat labels = raw->labels.clone();
    cv::Mat probabilities = raw->probabilities.clone();
    auto changed = applyInkHints(**source, cal, labels, probabilities);
    QVERIFY2(changed.ok(), qPrintable(changed.error()));
    QVERIFY2(*changed > 100, qPrintable(QString::number(*changed)));
    QCOMPARE(cv::countNonZero(window.document()->labels() != labels), 0);
}

void TestRunWorkflow::segmentDigitizeExport()
{
    MainWindow window;
    window.runController()->setModelPath(mModel);
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    QUndoStack *stack = doc->undoStack();
    const QByteArray opened = doc->serialise();

    // Calibrate by loading the file.
    QVERIFY(window.importCalibration(mCalibration).ok());
    const QByteArray calibrated = doc->serialise();
    QVERIFY(calibrated != opened);
    QVERIFY(!window.runController()->digitizeBlocker().isEmpty());  // needs labels first

    // Segment.
    QVERIFY(window.runController()->segment());
    bool ok = false;
    QVERIFY(waitForRun(*window.runController(), &ok));
    QVERIFY(ok);
    QCOMPARE(doc->labels().cols, 400);
    QCOMPARE(doc->labels().rows, 1200);
    QCOMPARE(doc->probabilities().type(), CV_8UC2);
    QCOMPARE(doc->modelId(), QStringLiteral("tiny-test-model"));
    const QByteArray segmented = doc->serialise();
    QCOMPARE(stack->count(), 2);

    // Digitize.
    QVERIFY2(window.runController()->digitizeBlocker().isEmpty(), qPrintable(window.runController()->digitizeBlocker()));
    QVERIFY(window.runController()->digitize());
    QVERIFY(waitForRun(*window.runController(), &ok));
    QVERIFY(ok);
    QVERIFY(doc->trace().has_value());
    QCOMPARE(int(doc->trace()->tracks.size()), 1);
    QCOMPARE(int(doc->trace()->tracks[0].curves.size()), 2);
    const QByteArray digitized = doc->serialise();
    QCOMPARE(stack->count(), 3);

    // Undo and redo each step.
    stack->undo();
    QCOMPARE(doc->serialise(), segmented);
    stack->undo();
    QCOMPARE(doc->serialise(), calibrated);
    stack->undo();
    QCOMPARE(doc->serialise(), opened);
    stack->redo();
    QCOMPARE(doc->serialise(), calibrated);
    stack->redo();
    QCOMPARE(doc->serialise(), segmented);
    stack->redo();
    QCOMPARE(doc->serialise(), digitized);

    // Export LAS and CSV with well header items, and read the LAS back.
    ExportSettings settings;
    settings.lasPath = mDir.filePath(QStringLiteral("out.las"));
    settings.csvPath = mDir.filePath(QStringLiteral("out.csv"));
    settings.well = {{QStringLiteral("WELL"), {}, QStringLiteral("TEST 1-23"), {}},
                     {QStringLiteral("COMP"), {}, QStringLiteral("VEER TEST CO"), {}}};
    const Status exported = exportLog(*doc, settings);
    QVERIFY2(exported.ok(), qPrintable(exported.error()));
    auto las = readLas(settings.lasPath);
    QVERIFY2(las, qPrintable(las.error()));
    QCOMPARE(las->wellValue(QStringLiteral("WELL")), QStringLiteral("TEST 1-23"));
    QCOMPARE(las->wellValue(QStringLiteral("COMP")), QStringLiteral("VEER TEST CO"));
    QVERIFY(las->curve(QStringLiteral("GR")));
    QVERIFY(las->curve(QStringLiteral("SP")));
    // The calibration maps rows 0..1199 to 999..1010.99 m; the 0.5 m grid spans 999.0..1010.5.
    QCOMPARE(las->depths.front(), 999.0);
    QCOMPARE(las->depths.back(), 1010.5);
    QCOMPARE(int(las->depths.size()), 24);
    bool provenance = false;
    for (const QString &line : las->other)
        provenance = provenance || line.contains(QStringLiteral("tiny-test-model"));
    QVERIFY(provenance);
    QFile csv(settings.csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("DEPT,GR,SP"));

    // The export dialog keeps the well header with this document (its project), undoably, and
    // never offers it for another sheet.
    {
        ExportDialog dialog(*doc);
        auto *path = dialog.findChild<QLineEdit *>(QStringLiteral("path"));
        auto *well = dialog.findChild<QLineEdit *>(QStringLiteral("WELL"));
        QVERIFY(path && well);
        QVERIFY(well->text().isEmpty());
        path->setText(mDir.filePath(QStringLiteral("dialog.las")));
        well->setText(QStringLiteral("ALPHA 7"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(doc->wellHeader().value(QStringLiteral("WELL")).toString(), QStringLiteral("ALPHA 7"));
    QVERIFY(doc->toJson().value(QStringLiteral("well_header")).toObject().contains(QStringLiteral("WELL")));
    QCOMPARE(stack->count(), 4);
    stack->undo();
    QVERIFY(doc->wellHeader().isEmpty());
    stack->redo();
    QCOMPARE(doc->wellHeader().value(QStringLiteral("WELL")).toString(), QStringLiteral("ALPHA 7"));
    auto other = Document::openSheet(doc->sheetPath());
    QVERIFY2(other, qPrintable(other.error()));
    ExportDialog next(**other);
    QVERIFY(next.findChild<QLineEdit *>(QStringLiteral("WELL"))->text().isEmpty());
    QVERIFY(next.findChild<QLineEdit *>(QStringLiteral("COMP"))->text().isEmpty());
}

QTEST_MAIN(TestRunWorkflow)
#include "tst_runworkflow.moc"
