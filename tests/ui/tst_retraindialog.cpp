// The Retrain dialog offscreen: a tiny fine-tune through the dialog with its live chart, the new
// version in the registry, Make Active / Roll Back, Cancel keeping the best checkpoint, and the
// Model > Retrain action. Set VEER_SCREENSHOT_DIR to also save retrain-dialog.png there.
#include "uitestutil.h"

#include "core/tinycases.h"

#include "document.h"
#include "mainwindow.h"
#include "modeldialog.h"
#include "retraindialog.h"
#include "runcontroller.h"

#include "segment/modelregistry.h"

#include <QAction>
#include <QChart>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace veer;

class TestRetrainDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fineTuneMakeActiveRollBack();
    void cancelKeepsBestCheckpoint();
    void mainWindowUsesActiveVersion();
    void retrainFromTheOpenSheet();
    void cleanupTestCase();

private:
    FineTuneOptions tinyOptions(int epochs) const;
    static int points(const QChart &chart, int series);
    static QPushButton *button(const RetrainDialog &dialog, const char *name);

    QTemporaryDir mDir;
    QString mShipped;
    QString mShippedPrint;
    QString mModels;
    QString mData;
};

void TestRetrainDialog::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    QVERIFY(QDir().mkpath(mDir.filePath(QStringLiteral("shipped"))));
    mShipped = mDir.filePath(QStringLiteral("shipped/veer-default.pt"));
    QVERIFY(test::writeTinyModel(mShipped, QStringLiteral("shipped-tiny")));
    mShippedPrint = test::folderFingerprint(mDir.filePath(QStringLiteral("shipped")));
    mModels = mDir.filePath(QStringLiteral("models"));
    mData = mDir.filePath(QStringLiteral("reviewed"));
    QVERIFY(test::writeTinyCases(mData, 3, 160, 200));
}

void TestRetrainDialog::cleanupTestCase()
{
    QCOMPARE(test::folderFingerprint(mDir.filePath(QStringLiteral("shipped"))), mShippedPrint);
}

FineTuneOptions TestRetrainDialog::tinyOptions(int epochs) const
{
    FineTuneOptions o;
    o.dataDirs = {mData};
    o.synthShare = 0.25;
    o.heldApartShare = 0.34;
    o.maxMinutes = 5;
    o.epochs = epochs;
    o.stepsPerEpoch = 3;
    o.batchSize = 2;
    o.crop = 64;
    o.learningRate = 1e-2;
    o.validationCases = 1;
    o.threads = 1;
    return o;
}

int TestRetrainDialog::points(const QChart &chart, int series)
{
    const auto all = chart.series();
    return series < all.size() ? int(static_cast<QLineSeries *>(all[series])->count()) : -1;
}

QPushButton *TestRetrainDialog::button(const RetrainDialog &dialog, const char *name)
{
    return dialog.findChild<QPushButton *>(QLatin1String(name));
}

void TestRetrainDialog::fineTuneMakeActiveRollBack()
{
    const QString screenshots = qEnvironmentVariable("VEER_SCREENSHOT_DIR");
    RetrainDialog dialog(mModels, mShipped);
    FineTuneOptions options = tinyOptions(2);
    if (!screenshots.isEmpty()) {
        // Long enough for the chart to show a trend.
        options.epochs = 10;
        options.stepsPerEpoch = 15;
        options.batchSize = 4;
    }
    dialog.setBaseOptions(options);
    QCOMPARE(dialog.dataFolders(), QStringList{mData});
    QCOMPARE(dialog.options().synthShare, 0.25);
    QCOMPARE(dialog.options().modelsDir, QDir::cleanPath(mModels));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *versions = dialog.findChild<QTreeWidget *>(QStringLiteral("modelVersions"));
    QVERIFY(versions);
    QCOMPARE(versions->topLevelItemCount(), 1);
    QVERIFY(!button(dialog, "rollBackButton")->isEnabled());

    QSignalSpy finished(&dialog, &RetrainDialog::runFinished);
    QVERIFY(button(dialog, "startButton")->isEnabled());
    button(dialog, "startButton")->click();
    QVERIFY(dialog.isRunning());
    QVERIFY(button(dialog, "cancelButton")->isEnabled());
    QVERIFY(!button(dialog, "startButton")->isEnabled());
    QVERIFY(finished.wait(60000));
    QVERIFY(!dialog.isRunning());
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    QVERIFY(!finished.first().at(1).toBool());

    const int epochs = dialog.options().epochs;
    // Loss and F1 per curve on generated sheets, then F1 per curve on the held-apart reviewed sheets.
    QCOMPARE(dialog.chart()->series().size(), 5);
    for (int s = 0; s < 5; ++s)
        QCOMPARE(points(*dialog.chart(), s), epochs);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("etaLabel"))->text().startsWith(QStringLiteral("Done in")));
    const QString status = dialog.findChild<QTextBrowser *>(QStringLiteral("retrainStatus"))->toPlainText();
    QVERIFY2(status.contains(QStringLiteral("held-apart")) && status.contains(QStringLiteral("within 1 px")), qPrintable(status));

    // The new version is registered with its parent and selected; the shipped default stays active.
    const QString id = dialog.lastVersionId();
    QVERIFY(!id.isEmpty());
    ModelRegistry registry(mModels, mShipped);
    const ModelVersion *v = registry.find(id);
    QVERIFY(v);
    QCOMPARE(v->parentId, QStringLiteral("shipped-tiny"));
    QCOMPARE(v->card.value(QStringLiteral("training")).toObject().value(QStringLiteral("synth_share")).toDouble(), 0.25);
    QCOMPARE(v->card.value(QStringLiteral("comparison")).toObject().value(QStringLiteral("cases")).toInt(), 1);
    QCOMPARE(registry.activeId(), QStringLiteral("shipped-tiny"));
    QCOMPARE(versions->topLevelItemCount(), 2);
    // The model card of a version shows its fine-tune data and the comparison with its parent.
    auto loaded = SegmentationModel::load(v->path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    const QString html = ModelDialog::cardHtml(v->path, (*loaded)->info(), v->card);
    QVERIFY(html.contains(QStringLiteral("Comparison with the parent")) && html.contains(QStringLiteral("within 1 px")));
    QVERIFY(html.contains(QStringLiteral("training_cases")));
    QCOMPARE(versions->currentItem()->data(0, Qt::UserRole).toString(), id);

    if (!screenshots.isEmpty()) {
        QVERIFY(QDir().mkpath(screenshots));
        QVERIFY(dialog.grab().save(QDir(screenshots).filePath(QStringLiteral("retrain-dialog.png"))));
    }

    QSignalSpy activeChanged(&dialog, &RetrainDialog::activeModelChanged);
    QVERIFY(button(dialog, "makeActiveButton")->isEnabled());
    button(dialog, "makeActiveButton")->click();
    QCOMPARE(activeChanged.size(), 1);
    QCOMPARE(activeChanged.last().at(0).toString(), v->path);
    QCOMPARE(ModelRegistry(mModels, mShipped).activeId(), id);
    QVERIFY(!button(dialog, "makeActiveButton")->isEnabled());
    QVERIFY(versions->currentItem()->text(0).startsWith(QStringLiteral("●")));

    QVERIFY(button(dialog, "rollBackButton")->isEnabled());
    button(dialog, "rollBackButton")->click();
    QCOMPARE(activeChanged.size(), 2);
    QCOMPARE(activeChanged.last().at(0).toString(), mShipped);
    QCOMPARE(ModelRegistry(mModels, mShipped).activeId(), QStringLiteral("shipped-tiny"));
    QVERIFY(!button(dialog, "rollBackButton")->isEnabled());
}

void TestRetrainDialog::cancelKeepsBestCheckpoint()
{
    RetrainDialog dialog(mModels, mShipped);
    dialog.setBaseOptions(tinyOptions(50));
    dialog.show();
    QSignalSpy finished(&dialog, &RetrainDialog::runFinished);
    QVERIFY(dialog.start());
    // Wait for the first epoch's point on the chart, then cancel.
    QTRY_VERIFY_WITH_TIMEOUT(points(*dialog.chart(), 0) >= 1, 30000);
    button(dialog, "cancelButton")->click();
    QVERIFY(!button(dialog, "cancelButton")->isEnabled());
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY(finished.first().at(1).toBool());
    QVERIFY(finished.first().at(2).toString().contains(QStringLiteral("kept the best checkpoint")));
    // A cancelled run says so, and shows the share it reached, never "100 %" and "Done".
    const QString eta = dialog.findChild<QLabel *>(QStringLiteral("etaLabel"))->text();
    QVERIFY2(eta.startsWith(QStringLiteral("Cancelled")), qPrintable(eta));
    auto *progress = dialog.findChild<QProgressBar *>();
    QVERIFY(progress);
    QVERIFY2(progress->value() < progress->maximum(), qPrintable(progress->text()));
    QVERIFY2(progress->text().contains(QStringLiteral("cancelled")), qPrintable(progress->text()));
    const QString id = dialog.lastVersionId();
    QVERIFY(!id.isEmpty());
    ModelRegistry registry(mModels, mShipped);
    const ModelVersion *v = registry.find(id);
    QVERIFY(v);
    const QJsonObject training = v->card.value(QStringLiteral("training")).toObject();
    QVERIFY(training.value(QStringLiteral("canceled")).toBool());
    QVERIFY(training.value(QStringLiteral("epochs_run")).toInt() < 50);
    QVERIFY(SegmentationModel::load(v->path).ok());
}

void TestRetrainDialog::mainWindowUsesActiveVersion()
{
    qputenv("VEER_MODELS_DIR", QFile::encodeName(mModels));
    qputenv("VEER_MODEL", QFile::encodeName(mShipped));
    ModelRegistry registry;
    QCOMPARE(registry.modelsDir(), QDir::cleanPath(mModels));
    QVERIFY(registry.versions().size() >= 2);
    const ModelVersion version = registry.versions().back();
    QVERIFY(registry.setActive(version.id).ok());
    {
        MainWindow window;
        QCOMPARE(window.runController()->modelPath(), version.path);
        QAction *retrain = window.findChild<QAction *>(QStringLiteral("retrainAction"));
        QVERIFY(retrain);
        retrain->trigger();
        auto *dialog = window.findChild<RetrainDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->registry().activeId(), version.id);
        // Rolling back in the dialog switches what Segment uses.
        QVERIFY(dialog->rollBack());
        QCOMPARE(window.runController()->modelPath(), mShipped);
        retrain->trigger();
        QCOMPARE(window.findChildren<RetrainDialog *>().size(), 1);
    }
    qunsetenv("VEER_MODELS_DIR");
    qunsetenv("VEER_MODEL");
}

// Model > Retrain offers the open sheet's reviewed rows without exporting them by hand.
void TestRetrainDialog::retrainFromTheOpenSheet()
{
    const QString models = mDir.filePath(QStringLiteral("models-project"));
    qputenv("VEER_MODELS_DIR", QFile::encodeName(models));
    qputenv("VEER_MODEL", QFile::encodeName(mShipped));
    {
        MainWindow window;
        const QString sheet = test::writeTestSheet(mDir.path(), QSize(600, 800), QPoint(200, 300));
        QVERIFY(window.openSheet(sheet).ok());
        Document *doc = window.document();
        Calibration cal;
        cal.ties = {{0, 100}, {800, 180}};
        Track track;
        track.left = 50;
        track.right = 550;
        CurveScale gr;
        gr.mnemonic = QStringLiteral("GR");
        gr.right = 150;
        track.curves = {gr};
        cal.tracks = {track};
        doc->setCalibration(cal);
        cv::Mat labels = cv::Mat::zeros(800, 600, CV_8UC1);
        labels.col(220).setTo(1);
        doc->setLabels(labels, cv::Mat());
        QAction *retrain = window.findChild<QAction *>(QStringLiteral("retrainAction"));
        QVERIFY(retrain);
        // Nothing reviewed: nothing offered.
        retrain->trigger();
        auto *dialog = window.findChild<RetrainDialog *>();
        QVERIFY(dialog);
        QVERIFY(!dialog->dataFolders().contains(MainWindow::reviewedCasesDir()));
        ReviewState::Base base;
        base.reviewed.add(0, 100, 399);
        doc->setReviewBase(base);
        retrain->trigger();
        QVERIFY(dialog->dataFolders().contains(MainWindow::reviewedCasesDir()));
        const QString folder = QDir(MainWindow::reviewedCasesDir()).filePath(QStringLiteral("sheet"));
        for (const char *file : {"sheet.png", "labels.png", "reviewed.png"})
            QVERIFY2(QFile::exists(QDir(folder).filePath(QLatin1String(file))), file);
        // Offered once, however often the dialog is opened.
        retrain->trigger();
        QCOMPARE(dialog->dataFolders().count(MainWindow::reviewedCasesDir()), 1);
    }
    qunsetenv("VEER_MODELS_DIR");
    qunsetenv("VEER_MODEL");
}

QTEST_MAIN(TestRetrainDialog)
#include "tst_retraindialog.moc"
