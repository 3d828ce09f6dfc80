// The bad-input corpus through the GUI's paths: opening sheets and projects, importing a
// calibration, segmenting with a wrong model, and saving into a read-only folder or onto a full
// disk. Each case must end in a message that names the file and the problem, never a crash, and
// leave nothing half-written.
#include "document.h"
#include "mainwindow.h"
#include "projectfile.h"
#include "projectmanager.h"
#include "runcontroller.h"
#include "uitestutil.h"

#include "calibration/calibration.h"
#include "segment/segmentationmodel.h"

#include <QAction>
#include <QApplication>
#include <QJsonDocument>
#include <QUndoStack>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gdal_priv.h>

#include <opencv2/core.hpp>

#include <sys/resource.h>
#include <unistd.h>
#include <csignal>
#include <cstdio>

using namespace veer;

namespace {

const char *kChildVariable = "VEER_BADINPUT_CHILD";

QString sample(const QString &name)
{
    return qEnvironmentVariable("VEER_SOURCE_DIR") + QStringLiteral("/resources/samples/") + name;
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write test input %s", qPrintable(path));
    return path;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** Runs `action` while answering every message box it raises; returns "title: text" of each. */
QStringList answerDialogs(const std::function<void()> &action)
{
    QStringList seen;
    QTimer timer;
    timer.setInterval(20);
    QObject::connect(&timer, &QTimer::timeout, [&seen] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            seen << box->windowTitle() + QStringLiteral(": ") + box->text();
            box->done(QMessageBox::Cancel);
        }
    });
    timer.start();
    action();
    return seen;
}

/**
 * Child: opens the sample sheet in a MainWindow and saves it as the project named by the
 * variable ("save:PROJECT"); prints the error and exits 1 when the save fails.
 */
int childMain(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString spec = qEnvironmentVariable(kChildVariable);
    const QString project = spec.section(QLatin1Char(':'), 1);
    // Settings and autosave of the child go where it may write, whoever it runs as.
    test::isolateSettings(QDir::temp().filePath(QStringLiteral("veer-badinput-%1").arg(::getuid())));
    MainWindow window;
    if (Status s = window.openSheet(sample(QStringLiteral("sample-sheet.png"))); !s) {
        std::fprintf(stderr, "open: %s\n", qPrintable(s.error()));
        return 2;
    }
    window.projectManager()->prompts().confirmOverwrite = [](const QString &) { return true; };
    // A label map that does not compress to a few bytes, so the save has real data to write.
    cv::Mat labels(window.document()->sheetHeight(), window.document()->sheetWidth(), CV_8UC1);
    cv::randu(labels, 0, 3);
    window.document()->setLabels(labels, cv::Mat());
    if (Status s = window.saveProject(project); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error()));
        return 1;
    }
    return 0;
}

} // namespace

class TestGuiBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void openBadSheet_data();
    void openBadSheet();
    void openBadProject_data();
    void openBadProject();
    void importBadCalibration_data();
    void importBadCalibration();
    void segmentWithWrongModel_data();
    void segmentWithWrongModel();
    void saveIntoReadOnlyFolder();
    void saveOntoFullDisk();

private:
    /** Runs this executable as the save child, with `modifier` applied in the child. */
    QProcess *startSaveChild(const QString &project, const QStringList &prefix);

    QTemporaryDir mDir;
    QString mProject;  ///< a good project of the sample sheet
};

void TestGuiBadInput::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("settings")));
    MainWindow window;
    QVERIFY(window.openSheet(sample(QStringLiteral("sample-sheet.png"))).ok());
    mProject = mDir.filePath(QStringLiteral("good.veer"));
    QVERIFY(window.saveProject(mProject).ok());
}

void TestGuiBadInput::openBadSheet_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty file") << "empty" << "empty";
    QTest::newRow("truncated PNG") << "truncated" << "";
    QTest::newRow("text with a .tif extension") << "text" << "not an image";
    QTest::newRow("PNG header claiming 100000 x 100000") << "huge" << "100000 x 100000";
    QTest::newRow("missing file") << "missing" << "";
}

void TestGuiBadInput::openBadSheet()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString dir = mDir.filePath(QStringLiteral("sheet-") + kind);
    QDir().mkpath(dir);
    QString path;
    if (kind == QLatin1String("empty")) {
        path = writeFile(dir + QStringLiteral("/sheet.tif"), {});
    } else if (kind == QLatin1String("truncated")) {
        path = writeFile(dir + QStringLiteral("/sheet.png"), readFile(sample(QStringLiteral("sample-sheet.png"))).left(5000));
    } else if (kind == QLatin1String("text")) {
        path = writeFile(dir + QStringLiteral("/sheet.tif"), "~VERSION INFORMATION\n VERS. 2.0 :\n");
    } else if (kind == QLatin1String("huge")) {
        path = dir + QStringLiteral("/huge.tif");
        GDALAllRegister();
        const char *opts[] = {"SPARSE_OK=TRUE", "TILED=YES", nullptr};
        GDALDataset *ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            QFile::encodeName(path).constData(), 100000, 100000, 1, GDT_Byte, const_cast<char **>(opts));
        QVERIFY(ds);
        GDALClose(ds);
    } else {
        path = dir + QStringLiteral("/absent.png");
    }
    MainWindow window;
    window.show();
    bool opened = true;
    const QStringList dialogs = answerDialogs([&] { opened = window.openInteractive(path); });
    QVERIFY(!opened);
    QVERIFY(!window.document());
    QCOMPARE(dialogs.size(), 1);
    QVERIFY2(dialogs.first().startsWith(QStringLiteral("Cannot Open Sheet")), qPrintable(dialogs.first()));
    QVERIFY2(dialogs.first().contains(path), qPrintable(dialogs.first()));
    QVERIFY2(dialogs.first().contains(expected), qPrintable(dialogs.first()));
}

void TestGuiBadInput::openBadProject_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("NaN in project.json") << "nan" << "project.json";
    QTest::newRow("Infinity in project.json") << "inf" << "project.json";
    QTest::newRow("empty project.json") << "empty" << "project.json";
    QTest::newRow("truncated labels.png") << "labels" << "labels";
}

void TestGuiBadInput::openBadProject()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString folder = mDir.filePath(QStringLiteral("project-%1.veer").arg(kind));
    QDir().mkpath(folder);
    for (const QString &name : QDir(mProject).entryList(QDir::Files))
        QVERIFY(QFile::copy(QDir(mProject).filePath(name), QDir(folder).filePath(name)));
    const QString manifest = QDir(folder).filePath(QStringLiteral("project.json"));
    QByteArray json = readFile(manifest);
    QVERIFY(!json.isEmpty());
    if (kind == QLatin1String("nan") || kind == QLatin1String("inf")) {
        json.replace("\"step\": ", kind == QLatin1String("nan") ? "\"step\": NaN, \"x\": " : "\"step\": Infinity, \"x\": ");
        writeFile(manifest, json);
    } else if (kind == QLatin1String("empty")) {
        writeFile(manifest, {});
    } else if (kind == QLatin1String("labels")) {
        // A project with labels: segment-free, so write a label map first through a Document.
        MainWindow window;
        QVERIFY(window.openSheet(sample(QStringLiteral("sample-sheet.png"))).ok());
        const cv::Mat labels = cv::Mat(window.document()->sheetHeight(), window.document()->sheetWidth(), CV_8UC1, cv::Scalar(0));
        window.document()->setLabels(labels, cv::Mat());
        window.projectManager()->prompts().confirmOverwrite = [](const QString &) { return true; };
        QVERIFY(window.saveProject(folder).ok());
        const QString labelsPng = QDir(folder).filePath(QStringLiteral("labels.png"));
        QVERIFY(QFile::exists(labelsPng));
        writeFile(labelsPng, readFile(labelsPng).left(100));
    }
    MainWindow window;
    window.show();
    bool opened = true;
    const QStringList dialogs = answerDialogs([&] { opened = window.openInteractive(folder); });
    QVERIFY(!opened);
    QVERIFY(!window.document());
    QCOMPARE(dialogs.size(), 1);
    QVERIFY2(dialogs.first().startsWith(QStringLiteral("Cannot Open Project")), qPrintable(dialogs.first()));
    QVERIFY2(dialogs.first().contains(folder), qPrintable(dialogs.first()));
    QVERIFY2(dialogs.first().contains(expected, Qt::CaseInsensitive), qPrintable(dialogs.first()));
}

void TestGuiBadInput::importBadCalibration_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("NaN") << "nan" << "not valid JSON";
    QTest::newRow("Infinity") << "inf" << "not valid JSON";
    QTest::newRow("ties in reverse order") << "reverse" << "depth.ties";
    QTest::newRow("empty") << "empty" << "";
}

void TestGuiBadInput::importBadCalibration()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QByteArray good = readFile(sample(QStringLiteral("sample-sheet.calibration.json")));
    QVERIFY(!good.isEmpty());
    QByteArray text = good;
    if (kind == QLatin1String("nan") || kind == QLatin1String("inf")) {
        text.replace("\"step\": ", kind == QLatin1String("nan") ? "\"step\": NaN, \"x\": " : "\"step\": Infinity, \"x\": ");
    } else if (kind == QLatin1String("reverse")) {
        auto c = Calibration::fromJson(good);
        QVERIFY(c.ok());
        std::reverse(c->ties.begin(), c->ties.end());
        text = c->toJson();
    } else {
        text.clear();
    }
    const QString path = writeFile(mDir.filePath(QStringLiteral("cal-%1.json").arg(kind)), text);
    MainWindow window;
    QVERIFY(window.openSheet(sample(QStringLiteral("sample-sheet.png"))).ok());
    const QByteArray before = window.document()->serialise();
    const Status s = window.importCalibration(path);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(path) && s.error().contains(expected), qPrintable(s.error()));
    QCOMPARE(window.document()->serialise(), before);  // nothing changed
    QCOMPARE(window.document()->undoStack()->count(), 0);
}

void TestGuiBadInput::segmentWithWrongModel_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not a model") << "junk" << "cannot read the model";
    QTest::newRow("another architecture") << "arch" << "architecture";
}

void TestGuiBadInput::segmentWithWrongModel()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString path = mDir.filePath(QStringLiteral("model-%1.pt").arg(kind));
    if (kind == QLatin1String("junk")) {
        writeFile(path, QByteArray(4096, 'm'));
    } else {
        NetConfig tiny;
        tiny.base = 4;
        tiny.levels = 2;
        tiny.maxChannels = 8;
        auto model = SegmentationModel::create(tiny);
        model->info().architecture = QStringLiteral("resnet-classifier");
        QVERIFY(model->save(path).ok());
    }
    MainWindow window;
    window.show();
    QVERIFY(window.openSheet(sample(QStringLiteral("sample-sheet.png"))).ok());
    window.runController()->setModelPath(path);
    QVERIFY(!window.runController()->modelInfo().ok());
    QSignalSpy finished(window.runController(), &RunController::finished);
    QStringList dialogs = answerDialogs([&] {
        QVERIFY(window.runController()->segment());
        QVERIFY(finished.wait(60000));
        QTest::qWait(200);  // the message box opens from the finished handler
    });
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(dialogs.size(), 1);
    QVERIFY2(dialogs.first().startsWith(QStringLiteral("Run Failed")), qPrintable(dialogs.first()));
    QVERIFY2(dialogs.first().contains(path) && dialogs.first().contains(expected), qPrintable(dialogs.first()));
    QVERIFY(window.document()->labels().empty());
}

QProcess *TestGuiBadInput::startSaveChild(const QString &project, const QStringList &prefix)
{
    auto *p = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildVariable), QStringLiteral("save:") + project);
    p->setProcessEnvironment(env);
    if (prefix.isEmpty())
        p->start(QCoreApplication::applicationFilePath(), {});
    else
        p->start(prefix.first(), prefix.mid(1) + QStringList{QCoreApplication::applicationFilePath()});
    return p;
}

void TestGuiBadInput::saveIntoReadOnlyFolder()
{
    // As root, permissions do not stop writes: the child runs as "nobody" through setpriv.
    const QString dir = mDir.filePath(QStringLiteral("readonly"));
    QVERIFY(QDir().mkpath(dir));
    QStringList prefix;
    if (::geteuid() == 0) {
        if (!QFile::exists(QStringLiteral("/usr/bin/setpriv")))
            QSKIP("running as root without setpriv: cannot make a folder read-only for the GUI");
        prefix = {QStringLiteral("/usr/bin/setpriv"), QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                  QStringLiteral("--clear-groups")};
        // nobody must reach the executable and the sample; the folder itself stays read-only.
        QFile::setPermissions(mDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                               | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
    }
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther);
    const QString project = dir + QStringLiteral("/review.veer");
    QProcess *p = startSaveChild(project, prefix);
    QVERIFY(p->waitForFinished(120000));
    const QString err = QString::fromUtf8(p->readAllStandardError());
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QCOMPARE(p->exitCode(), 1);
    QVERIFY2(err.contains(dir), qPrintable(err));
    QVERIFY2(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty(), "nothing may be left behind");
}

void TestGuiBadInput::saveOntoFullDisk()
{
    // A full disk, simulated with a file-size limit on the child: the save over an existing project
    // fails with the file named, and the previous project still opens unchanged.
    const QString project = mDir.filePath(QStringLiteral("full.veer"));
    QDir().mkpath(project);
    for (const QString &name : QDir(mProject).entryList(QDir::Files))
        QVERIFY(QFile::copy(QDir(mProject).filePath(name), QDir(project).filePath(name)));
    const QStringList before = QDir(project).entryList(QDir::Files | QDir::Hidden);
    const QByteArray manifest = readFile(project + QStringLiteral("/project.json"));

    auto *p = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildVariable), QStringLiteral("save:") + project);
    p->setProcessEnvironment(env);
    p->setChildProcessModifier([] {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{2048, 2048};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    p->start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(p->waitForFinished(120000));
    const QString err = QString::fromUtf8(p->readAllStandardError());
    QCOMPARE(p->exitCode(), 1);
    QVERIFY2(err.contains(project), qPrintable(err));
    QCOMPARE(QDir(project).entryList(QDir::Files | QDir::Hidden), before);
    QCOMPARE(readFile(project + QStringLiteral("/project.json")), manifest);
    QVERIFY(ProjectFile::read(project).ok());
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kChildVariable))
        return childMain(argc, argv);
    QApplication app(argc, argv);
    TestGuiBadInput test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_guibadinput.moc"
