// The review workflow end to end, offscreen: open -> calibrate (load a calibration file) ->
// segment with a tiny test model -> digitise -> export, with undo/redo of each step and a
// Cancel that leaves the document unchanged.
#include "uitestutil.h"

#include "document.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "modeldialog.h"
#include "runcontroller.h"

#include "las/lasreader.h"
#include "segment/segmentationmodel.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace veer;

class TestRunWorkflow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelCardShowsTheModel();
    void cancelLeavesDocumentUnchanged();
    void segmentDigitiseExport();

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

void TestRunWorkflow::segmentDigitiseExport()
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
    QVERIFY(!window.runController()->digitiseBlocker().isEmpty());  // needs labels first

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

    // Digitise.
    QVERIFY2(window.runController()->digitiseBlocker().isEmpty(), qPrintable(window.runController()->digitiseBlocker()));
    QVERIFY(window.runController()->digitise());
    QVERIFY(waitForRun(*window.runController(), &ok));
    QVERIFY(ok);
    QVERIFY(doc->trace().has_value());
    QCOMPARE(int(doc->trace()->tracks.size()), 1);
    QCOMPARE(int(doc->trace()->tracks[0].curves.size()), 2);
    const QByteArray digitised = doc->serialise();
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
    QCOMPARE(doc->serialise(), digitised);

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
