// Tools > Auto-Calibrate in the window: one undo step that undo takes back, the parts to confirm
// in the Calibration panel, and a refusal that says why and changes nothing it cannot back.
#include "uitestutil.h"

#include "calibrationdock.h"
#include "document.h"
#include "mainwindow.h"

#include "synth/synthgenerator.h"

#include <QFile>
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

private:
    QTemporaryDir mDir;
};

void TestAutoCalibrateGui::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
}

void TestAutoCalibrateGui::proposalIsOneUndoStep()
{
    SynthOptions options;
    options.split = SynthSplit::Eval;
    options.width = 1200;
    options.height = 4000;
    options.tracks = 2;
    options.header = true;
    options.noDamage = true;
    options.realShapes = false;
    const SynthCase synth = generateSynthCase(options, 41);
    const QString path = mDir.filePath(QStringLiteral("generated.png"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(encodePng(synth.sheet));
    file.close();

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

QTEST_MAIN(TestAutoCalibrateGui)
#include "tst_autocalibrategui.moc"
