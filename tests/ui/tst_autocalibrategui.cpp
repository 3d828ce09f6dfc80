// Tools > Auto-Calibrate in the window: one undo step that undo takes back, the parts to confirm
// in the Calibration panel, and a refusal that says why and changes nothing it cannot back.
#include "uitestutil.h"

#include "calibrationdock.h"
#include "calibrationtool.h"
#include "document.h"
#include "mainwindow.h"
#include "sheetview.h"
#include "toolmanager.h"

#include "synth/synthgenerator.h"

#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <opencv2/core.hpp>

using namespace veer;

class TestAutoCalibrateGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void proposalIsOneUndoStep();
    void refusalSaysWhy();
    void firstTieSuggestsPrintedDepth();

private:
    QTemporaryDir mDir;
};

void TestAutoCalibrateGui::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
}

namespace {

/** A clean generated sheet with a header and two tracks, written to `path`. */
SynthCase writeGeneratedSheet(const QString &path)
{
    SynthOptions options;
    options.split = SynthSplit::Eval;
    options.width = 1200;
    options.height = 4000;
    options.tracks = 2;
    options.header = true;
    options.noDamage = true;
    options.realShapes = false;
    SynthCase synth = generateSynthCase(options, 41);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(encodePng(synth.sheet));
    return synth;
}

} // namespace

void TestAutoCalibrateGui::proposalIsOneUndoStep()
{
    const QString path = mDir.filePath(QStringLiteral("generated.png"));
    const SynthCase synth = writeGeneratedSheet(path);
    QVERIFY(QFile::exists(path));

    MainWindow window;
    QVERIFY(window.openSheet(path).ok());
    Document *doc = window.document();
    const Calibration before = doc->calibration();
    const int steps = doc->undoStack()->count();
    const QString message = window.autoCalibrateNow();
    QVERIFY2(message.startsWith(QLatin1String("Calibration proposed")), qPrintable(message));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Auto-Calibrate"));
    const Calibration &proposed = doc->calibration();
    QCOMPARE(proposed.tracks.size(), synth.calibration.tracks.size());
    QVERIFY(proposed.ties.size() >= 3);
    QVERIFY(proposed.topDepth && proposed.bottomDepth);
    QVERIFY(proposed.validate().isEmpty());
    doc->undoStack()->undo();
    QVERIFY(doc->calibration() == before);
}

void TestAutoCalibrateGui::refusalSaysWhy()
{
    // A sheet without a ruled grid: nothing to propose, and the panel says why.
    const cv::Mat blank(1500, 600, CV_8UC1, cv::Scalar(245));
    const QString path = mDir.filePath(QStringLiteral("blank.png"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(encodePng(blank));
    file.close();
    MainWindow window;
    QVERIFY(window.openSheet(path).ok());
    Document *doc = window.document();
    const int steps = doc->undoStack()->count();
    const QString message = window.autoCalibrateNow();
    QVERIFY2(message.startsWith(QLatin1String("No calibration proposed")), qPrintable(message));
    QCOMPARE(doc->undoStack()->count(), steps);
    QVERIFY(window.calibrationDock()->proposalNotes().contains(QLatin1String("refused")));
}

void TestAutoCalibrateGui::firstTieSuggestsPrintedDepth()
{
    // No depth tie yet, so no scale predicts a depth: a click beside a printed depth number offers
    // that number in the editor, read from the sheet; Enter accepts it.
    const QString path = mDir.filePath(QStringLiteral("numbers.png"));
    const SynthCase synth = writeGeneratedSheet(path);
    const QJsonObject style = synth.facts.value(QStringLiteral("style")).toObject();
    const QJsonArray depthTrack = style.value(QStringLiteral("depthTrack")).toArray();
    const double every = style.value(QStringLiteral("depthLabelsEvery")).toDouble();
    QVERIFY(depthTrack.size() == 2 && every > 0);
    const double depth = (std::floor(synth.calibration.depthAtRow(2000) / every) + 1) * every;
    const double row = synth.calibration.rowAtDepth(depth);
    const double column = (depthTrack[0].toDouble() + depthTrack[1].toDouble()) / 2;

    MainWindow window;
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(path).ok());
    Document *doc = window.document();
    QVERIFY(doc->calibration().ties.empty());
    window.toolManager()->activate(window.calibrationTool());
    SheetView *view = window.sheetView();
    view->centerOn(QPointF(column, row));
    QTest::qWait(50);
    // Clicked a few rows off the number, as a hand does.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->imageToView(QPointF(column + 30, row + 4)).toPoint());
    QLineEdit *editor = window.calibrationTool()->depthEditor();
    QVERIFY(editor);
    QTRY_COMPARE_WITH_TIMEOUT(editor->text(), QString::number(long(depth)), 10000);
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(int(doc->calibration().ties.size()), 1);
    QCOMPARE(doc->calibration().ties[0].depth, depth);
}

QTEST_MAIN(TestAutoCalibrateGui)
#include "tst_autocalibrategui.moc"
