// The project file: NAME.veer folders that save and reopen the review exactly, atomic saves that
// survive an interrupted write, autosave into the recovery location with recovery after an unclean
// exit, Save As that asks before replacing a project, and the unsaved-changes prompt.
#include "uitestutil.h"

#include "autosaver.h"
#include "calibrationcommands.h"
#include "document.h"
#include "mainwindow.h"
#include "projectfile.h"
#include "projectmanager.h"
#include "runcommands.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUndoStack>

#include <opencv2/core.hpp>

#include <cmath>

using namespace veer;

class TestProjectFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void roundTripEqualsDocument_data();
    void roundTripEqualsDocument();
    void resaveReplacesRasters();
    void interruptedSaveKeepsPreviousProject();
    void damagedLabelsAreReported();
    void wrapOfAnotherDirectionIsRefused();
    void movedSheetIsFoundOrAskedFor();
    void saveAsAsksBeforeReplacing();
    void closeAsksSaveDiscardCancel();
    void autosaveWritesRecoveryAndRecovers();
    void recoveryOlderThanProjectIsDropped();

private:
    /** Calibrates, segments (made-up labels) and digitizes (made-up trace) the window's document. */
    void edit(Document &doc, int seed, bool completeCalibration = true);
    QString project(const QString &name) const { return mDir.filePath(name); }
    static QByteArray reread(const QString &folder);

    QTemporaryDir mDir;
    QString mSheet;
};

void TestProjectFile::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    mSheet = test::writeTestSheet(mDir.path(), QSize(300, 800), QPoint(100, 400));
}

void TestProjectFile::init()
{
    QDir(AutoSaver::recoveryRoot()).removeRecursively();
}

void TestProjectFile::edit(Document &doc, int seed, bool completeCalibration)
{
    Calibration cal;
    cal.ties = {{50.0, 1000.0 + seed}};
    if (completeCalibration)
        cal.ties.push_back({750.0, 1007.0 + seed});
    Track track;
    track.left = 10;
    track.right = 290;
    CurveScale gr;
    gr.mnemonic = QStringLiteral("GR");
    gr.right = 150;
    CurveScale res = gr;
    res.classId = 2;
    res.mnemonic = QStringLiteral("RES");
    res.type = ScaleType::Log;
    res.left = 0.2;
    res.right = 2000;
    track.curves = {gr, res};
    cal.tracks = {track};
    doc.undoStack()->push(new ReplaceCalibrationCommand(doc, cal, QStringLiteral("calibrate")));

    cv::RNG rng{uint64(seed)};
    cv::Mat labels(doc.sheetHeight(), doc.sheetWidth(), CV_8UC1);
    rng.fill(labels, cv::RNG::UNIFORM, 0, 3);
    cv::Mat probabilities(doc.sheetHeight(), doc.sheetWidth(), CV_8UC2);
    rng.fill(probabilities, cv::RNG::UNIFORM, 0, 256);
    doc.undoStack()->push(new SetSegmentationCommand(doc, labels, probabilities, QStringLiteral("model-%1").arg(seed)));

    TraceResult trace;
    trace.firstRow = 20;
    trace.rowCount = 700;
    TrackTrace tt;
    for (int c = 1; c <= 2; ++c) {
        CurveTrace curve;
        curve.classId = c;
        for (int i = 0; i < trace.rowCount; ++i) {
            const bool null = (i / 50) % 4 == 3;
            curve.column.push_back(null ? NAN : float(100 + 60 * std::sin(i * 0.01 * c + seed)));
            curve.confidence.push_back(null ? 0.0f : float(i % 100) / 100.0f);
        }
        curve.wraps = {{120 + seed, 1}, {400, -1}};
        tt.curves.push_back(curve);
    }
    trace.tracks = {tt};
    doc.undoStack()->push(new SetTraceCommand(doc, trace));
}

QByteArray TestProjectFile::reread(const QString &folder)
{
    auto data = ProjectFile::read(folder);
    if (!data)
        return data.error().toUtf8();
    auto doc = ProjectFile::toDocument(*data, data->sheetPath);
    if (!doc)
        return doc.error().toUtf8();
    return (*doc)->serialise();
}

void TestProjectFile::roundTripEqualsDocument_data()
{
    QTest::addColumn<bool>("edited");
    QTest::addColumn<bool>("completeCalibration");
    QTest::newRow("just opened") << false << true;
    QTest::newRow("calibrated, segmented, digitized") << true << true;
    QTest::newRow("calibration still incomplete") << true << false;
}

void TestProjectFile::roundTripEqualsDocument()
{
    QFETCH(bool, edited);
    QFETCH(bool, completeCalibration);
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    if (edited)
        edit(*doc, 3, completeCalibration);
    QCOMPARE(doc->isModified(), edited);
    const QString folder = project(QStringLiteral("round-%1").arg(QString::fromUtf8(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('_')));
    const Status saved = window.saveProject(folder);
    QVERIFY2(saved.ok(), qPrintable(saved.error()));
    QCOMPARE(doc->fileName(), folder + QStringLiteral(".veer"));
    QVERIFY(!doc->isModified());
    QVERIFY(QFileInfo::exists(folder + QStringLiteral(".veer/project.json")));
    QCOMPARE(QFileInfo::exists(folder + QStringLiteral(".veer/labels.png")), edited);
    const QByteArray before = doc->serialise();

    MainWindow reopened;
    const Status opened = reopened.openProject(folder + QStringLiteral(".veer"));
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    QCOMPARE(reopened.document()->serialise(), before);
    QVERIFY(!reopened.document()->isModified());
    QCOMPARE(reopened.document()->fileName(), folder + QStringLiteral(".veer"));
    // The label map itself, not only its digest, and opening through project.json as well.
    if (edited) {
        QCOMPARE(cv::norm(reopened.document()->labels(), doc->labels(), cv::NORM_INF), 0.0);
        QCOMPARE(reopened.document()->calibration(), doc->calibration());
    }
    QVERIFY(reopened.openInteractive(folder + QStringLiteral(".veer/project.json")));
    QCOMPARE(reopened.document()->serialise(), before);
}

void TestProjectFile::resaveReplacesRasters()
{
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    edit(*window.document(), 1);
    const QString folder = project(QStringLiteral("resave.veer"));
    QVERIFY(window.saveProject(folder).ok());
    edit(*window.document(), 2);
    QVERIFY(window.saveProject(folder).ok());  // its own project: no question
    const QStringList rasters = QDir(folder).entryList({QStringLiteral("*.png")}, QDir::Files);
    QCOMPARE(rasters.size(), 2);  // one label map, one probability raster
    QCOMPARE(reread(folder), window.document()->serialise());
}

void TestProjectFile::interruptedSaveKeepsPreviousProject()
{
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    edit(*doc, 4);
    const QString folder = project(QStringLiteral("interrupted.veer"));
    QVERIFY(ProjectFile::save(*doc, folder).ok());
    const QByteArray previous = doc->serialise();
    const QByteArray manifest = [&] {
        QFile f(folder + QStringLiteral("/project.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();

    // New labels and trace; the process "dies" after writing the rasters, before project.json.
    edit(*doc, 5);
    QVERIFY(doc->serialise() != previous);
    ProjectFile::SaveOptions crash;
    bool reached = false;
    crash.beforeManifest = [&reached] {
        reached = true;
        return false;
    };
    const Status status = ProjectFile::save(*doc, folder, crash);
    QVERIFY(reached);
    QVERIFY(!status.ok());
    QVERIFY(status.error().contains(folder));
    // The new rasters are there, but the previous project is intact and still opens.
    QVERIFY(QDir(folder).entryList({QStringLiteral("labels*.png")}).size() == 2);
    QFile f(folder + QStringLiteral("/project.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), manifest);
    QCOMPARE(reread(folder), previous);
    MainWindow reopened;
    QVERIFY(reopened.openProject(folder).ok());
    QCOMPARE(reopened.document()->serialise(), previous);

    // The next save completes and removes what the interrupted one left.
    QVERIFY(ProjectFile::save(*doc, folder).ok());
    QCOMPARE(reread(folder), doc->serialise());
    QCOMPARE(QDir(folder).entryList({QStringLiteral("labels*.png")}).size(), 1);
}

void TestProjectFile::damagedLabelsAreReported()
{
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    edit(*window.document(), 6);
    const QString folder = project(QStringLiteral("damaged.veer"));
    QVERIFY(window.saveProject(folder).ok());
    QFile labels(folder + QStringLiteral("/labels.png"));
    QVERIFY(labels.open(QIODevice::ReadWrite));
    labels.resize(labels.size() / 2);
    labels.close();
    MainWindow reopened;
    const Status status = reopened.openProject(folder);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(QStringLiteral("labels.png")), qPrintable(status.error()));
    QVERIFY(!reopened.document());
    const Status missing = reopened.openProject(project(QStringLiteral("nothing-here.veer")));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().contains(QStringLiteral("nothing-here.veer")));
}

// A wrap moves a curve by one scale: a project whose trace holds any other direction is refused.
void TestProjectFile::wrapOfAnotherDirectionIsRefused()
{
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    edit(*window.document(), 7);
    const QString folder = project(QStringLiteral("wraps.veer"));
    QVERIFY(window.saveProject(folder).ok());
    QFile manifest(folder + QStringLiteral("/project.json"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(manifest.readAll()).object();
    manifest.close();
    QJsonObject trace = root.value(QStringLiteral("trace")).toObject();
    QJsonArray tracks = trace.value(QStringLiteral("tracks")).toArray();
    QJsonObject track = tracks.at(0).toObject();
    QJsonArray curves = track.value(QStringLiteral("curves")).toArray();
    QJsonObject curve = curves.at(0).toObject();
    QJsonArray wraps = curve.value(QStringLiteral("wraps")).toArray();
    QCOMPARE(wraps.size(), 2);
    wraps[1] = QJsonArray{400, 2000000000};
    curve.insert(QStringLiteral("wraps"), wraps);
    curves[0] = curve;
    track.insert(QStringLiteral("curves"), curves);
    tracks[0] = track;
    trace.insert(QStringLiteral("tracks"), tracks);
    root.insert(QStringLiteral("trace"), trace);
    QVERIFY(manifest.open(QIODevice::WriteOnly | QIODevice::Truncate));
    manifest.write(QJsonDocument(root).toJson());
    manifest.close();
    MainWindow reopened;
    const Status status = reopened.openProject(folder);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(QStringLiteral("direction 2000000000")), qPrintable(status.error()));
}

void TestProjectFile::movedSheetIsFoundOrAskedFor()
{
    // Sheet and project move together: found through the relative path, no question.
    const QString away = mDir.filePath(QStringLiteral("moved"));
    QVERIFY(QDir().mkpath(away + QStringLiteral("/a")));
    const QString sheet = away + QStringLiteral("/a/sheet.png");
    QVERIFY(QFile::copy(mSheet, sheet));
    QByteArray saved;
    {
        MainWindow window;
        QVERIFY(window.openSheet(sheet).ok());
        edit(*window.document(), 7);
        QVERIFY(window.saveProject(away + QStringLiteral("/a/p.veer")).ok());
        saved = window.document()->serialise();
    }
    QVERIFY(QDir().rename(away + QStringLiteral("/a"), away + QStringLiteral("/b")));
    MainWindow window;
    int asked = 0;
    QString answer;
    window.projectManager()->prompts().locateSheet = [&](const QString &missing) {
        ++asked;
        return missing == sheet ? answer : QString();
    };
    QVERIFY(window.openProject(away + QStringLiteral("/b/p.veer")).ok());
    QCOMPARE(asked, 0);
    QCOMPARE(window.document()->sheetPath(), away + QStringLiteral("/b/sheet.png"));
    QVERIFY(window.document()->isModified());  // the new location is to be saved

    // The sheet alone moved: the user is asked; cancelling fails with the file named.
    window.projectManager()->prompts().unsavedChanges = [](const QString &) { return ProjectManager::Answer::Discard; };
    QVERIFY(window.closeDocument());
    QVERIFY(QDir().rename(away + QStringLiteral("/b"), away + QStringLiteral("/a")));
    QVERIFY(QFile::rename(sheet, away + QStringLiteral("/elsewhere.png")));
    Status status = window.openProject(away + QStringLiteral("/a/p.veer"));
    QVERIFY(!status.ok());
    QCOMPARE(asked, 1);
    QVERIFY(status.error().contains(QStringLiteral("sheet.png")));
    answer = away + QStringLiteral("/elsewhere.png");
    status = window.openProject(away + QStringLiteral("/a/p.veer"));
    QVERIFY2(status.ok(), qPrintable(status.error()));
    QCOMPARE(asked, 2);
    QCOMPARE(window.document()->sheetPath(), answer);
    QCOMPARE(window.document()->labels().rows, 800);
}

void TestProjectFile::saveAsAsksBeforeReplacing()
{
    const QString folder = project(QStringLiteral("existing.veer"));
    MainWindow first;
    QVERIFY(first.openSheet(mSheet).ok());
    edit(*first.document(), 8);
    QVERIFY(first.saveProject(folder).ok());
    const QByteArray original = reread(folder);

    MainWindow second;
    QVERIFY(second.openSheet(mSheet).ok());
    edit(*second.document(), 9);
    int asked = 0;
    bool replace = false;
    second.projectManager()->prompts().confirmOverwrite = [&](const QString &path) {
        ++asked;
        return path == folder && replace;
    };
    Status status = second.saveProject(folder);
    QVERIFY(!status.ok());
    QCOMPARE(asked, 1);
    QCOMPARE(reread(folder), original);  // untouched
    QVERIFY(second.document()->isModified());
    QVERIFY(second.document()->fileName().isEmpty());
    // Save As through the dialog path: the user declines, then picks another name.
    QStringList paths{folder, project(QStringLiteral("other"))};
    second.projectManager()->prompts().savePath = [&](const QString &) { return paths.isEmpty() ? QString() : paths.takeFirst(); };
    QVERIFY(second.projectManager()->saveAs(*second.document()));
    QCOMPARE(asked, 2);
    QCOMPARE(second.document()->fileName(), project(QStringLiteral("other.veer")));
    QCOMPARE(reread(folder), original);

    replace = true;
    status = second.saveProject(folder);
    QVERIFY2(status.ok(), qPrintable(status.error()));
    QCOMPARE(asked, 3);
    QCOMPARE(reread(folder), second.document()->serialise());
    // Saving to its own project does not ask; a file or foreign folder is never replaced.
    QVERIFY(second.saveProject(folder).ok());
    QCOMPARE(asked, 3);
    QFile plain(project(QStringLiteral("plain.veer")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write("not a project");
    plain.close();
    status = second.saveProject(plain.fileName());
    QVERIFY(!status.ok());
    QVERIFY(status.error().contains(QStringLiteral("plain.veer")));
    QCOMPARE(asked, 3);
}

void TestProjectFile::closeAsksSaveDiscardCancel()
{
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    edit(*window.document(), 10);
    ProjectManager::Answer answer = ProjectManager::Answer::Cancel;
    int asked = 0;
    window.projectManager()->prompts().unsavedChanges = [&](const QString &) {
        ++asked;
        return answer;
    };
    window.projectManager()->prompts().savePath = [this](const QString &) { return project(QStringLiteral("closing")); };
    QVERIFY(!window.closeDocument());
    QVERIFY(window.document());
    answer = ProjectManager::Answer::Save;
    const QByteArray state = window.document()->serialise();
    QVERIFY(window.closeDocument());
    QCOMPARE(asked, 2);
    QVERIFY(!window.document());
    QCOMPARE(reread(project(QStringLiteral("closing.veer"))), state);
    // Unmodified: no question.
    QVERIFY(window.openProject(project(QStringLiteral("closing.veer"))).ok());
    QVERIFY(window.closeDocument());
    QCOMPARE(asked, 2);
}

void TestProjectFile::autosaveWritesRecoveryAndRecovers()
{
    QByteArray state;
    QString recovery;
    {
        MainWindow window;
        QVERIFY(window.openSheet(mSheet).ok());
        AutoSaver &autosaver = window.projectManager()->autoSaver();
        QCOMPARE(autosaver.interval(), AutoSaver::kDefaultIntervalMinutes * 60 * 1000);
        edit(*window.document(), 11);
        QSignalSpy saved(&autosaver, &AutoSaver::saved);
        autosaver.setInterval(50);
        QVERIFY(saved.wait(10000));
        recovery = autosaver.recoveryFolder();
        QVERIFY(recovery.startsWith(AutoSaver::recoveryRoot()));
        QVERIFY(recovery.startsWith(mDir.path()));  // the isolated AppDataLocation
        QVERIFY(QFileInfo::exists(recovery + QStringLiteral("/project.json")));
        QVERIFY(window.document()->isModified());
        QVERIFY(window.document()->fileName().isEmpty());  // the user's file is not touched
        state = window.document()->serialise();
        QCOMPARE(reread(recovery), state);
        // A live owner: not offered.
        QVERIFY(AutoSaver::findRecoveries().isEmpty());
        // Unclean exit: the window goes without closing the document, the recovery stays.
    }
    const QList<AutoSaver::Recovery> found = AutoSaver::findRecoveries();
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().folder, recovery);
    QCOMPARE(found.first().sheetPath, QFileInfo(mSheet).absoluteFilePath());
    QVERIFY(found.first().projectPath.isEmpty());

    MainWindow window;
    int offered = 0;
    window.projectManager()->prompts().recover = [&](const AutoSaver::Recovery &r) {
        ++offered;
        return r.folder == recovery ? ProjectManager::RecoveryAnswer::Recover : ProjectManager::RecoveryAnswer::Later;
    };
    QVERIFY(window.offerRecovery());
    QCOMPARE(offered, 1);
    QCOMPARE(window.document()->serialise(), state);
    QVERIFY(window.document()->isModified());
    QVERIFY(!QFileInfo::exists(recovery));  // replaced by this session's own recovery
    QVERIFY(QFileInfo::exists(window.projectManager()->autoSaver().recoveryFolder() + QStringLiteral("/project.json")));
    // A clean close (discarding) leaves nothing to recover.
    window.projectManager()->prompts().unsavedChanges = [](const QString &) { return ProjectManager::Answer::Discard; };
    QVERIFY(window.closeDocument());
    QVERIFY(AutoSaver::findRecoveries().isEmpty());
    QVERIFY(QDir(AutoSaver::recoveryRoot()).entryList({QStringLiteral("*.veer")}, QDir::Dirs).isEmpty());
}

void TestProjectFile::recoveryOlderThanProjectIsDropped()
{
    const QString folder = project(QStringLiteral("newer.veer"));
    {
        MainWindow window;
        QVERIFY(window.openSheet(mSheet).ok());
        QVERIFY(window.saveProject(folder).ok());
        edit(*window.document(), 12);
        QVERIFY(window.projectManager()->autoSaver().saveNow().ok());
        QCOMPARE(AutoSaver::findRecoveries().size(), 0);
        QTest::qWait(20);
        // The project is saved behind the autosaver's back (another session), then a crash.
        QVERIFY(ProjectFile::save(*window.document(), folder).ok());
    }
    QVERIFY(AutoSaver::findRecoveries().isEmpty());
    QVERIFY(QDir(AutoSaver::recoveryRoot()).entryList({QStringLiteral("*.veer")}, QDir::Dirs).isEmpty());
}

QTEST_MAIN(TestProjectFile)
#include "tst_projectfile.moc"
