// Kill during save: a child process with an edited review autosaves, then saves its project over and
// over while the test kills it with SIGKILL at spread moments. After every kill the previous project
// (or the new one) must open complete, and the edits must be in it or in a recovery that opens.
#include "autosaver.h"
#include "correctioncommands.h"
#include "document.h"
#include "projectfile.h"
#include "uitestutil.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <opencv2/imgproc.hpp>

#include <cstdio>

using namespace veer;

namespace {

const char *kChildVariable = "VEER_KILLSAVE_CHILD";

QByteArray digest(const cv::Mat &labels)
{
    if (labels.empty())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (int r = 0; r < labels.rows; ++r)
        hash.addData(QByteArrayView(labels.ptr<char>(r), labels.cols));
    return hash.result().toHex();
}

/** Labels that do not compress to nothing: a band of wavy curves down the whole sheet. */
cv::Mat busyLabels(cv::Size size)
{
    cv::Mat labels(size, CV_8UC1, cv::Scalar(0));
    for (int r = 0; r < size.height; ++r) {
        for (int k = 0; k < 6; ++k) {
            const int x = int(size.width * (0.1 + 0.14 * k) + 30 * std::sin(r * (0.013 + 0.004 * k)) + (r * 7919 % 13));
            labels.at<uchar>(r, std::clamp(x, 0, size.width - 1)) = uchar(1 + k % 2);
        }
    }
    return labels;
}

/** The edit every child makes: a brush stroke of curve two down 2 000 rows. */
void applyEdit(Document &document)
{
    document.undoStack()->push(new PaintLabelsCommand(document, QPointF(200, 100), QPointF(260, 2100), 9, 2, 1));
}

/**
 * Child: opens the project, edits, autosaves (prints AUTOSAVED), then saves the project in a loop,
 * printing SAVING before each save, until it is killed.
 */
int childMain(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString root = qEnvironmentVariable(kChildVariable);
    test::isolateSettings(root);
    const QString project = root + QStringLiteral("/review.veer");
    auto data = ProjectFile::read(project);
    if (!data) {
        std::fprintf(stderr, "read: %s\n", qPrintable(data.error()));
        return 2;
    }
    auto document = ProjectFile::toDocument(*data, data->sheetPath);
    if (!document) {
        std::fprintf(stderr, "open: %s\n", qPrintable(document.error()));
        return 2;
    }
    Document &doc = **document;
    doc.setFileName(project);
    applyEdit(doc);
    AutoSaver autoSaver;
    autoSaver.setInterval(3600 * 1000);
    autoSaver.setDocument(&doc);
    if (Status s = autoSaver.saveNow(); !s) {
        std::fprintf(stderr, "autosave: %s\n", qPrintable(s.error()));
        return 2;
    }
    std::printf("AUTOSAVED\n");
    std::fflush(stdout);
    for (;;) {
        std::printf("SAVING\n");
        std::fflush(stdout);
        if (Status s = ProjectFile::save(doc, project); !s) {
            std::fprintf(stderr, "save: %s\n", qPrintable(s.error()));
            return 2;
        }
    }
}

} // namespace

class TestKillDuringSave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killAtSpreadMoments();

private:
    QTemporaryDir mDir;
    QString mProject;
    QByteArray mBefore;  ///< label digest of the project as first saved
    QByteArray mEdited;  ///< label digest after the child's edit
    double mSaveMs = 0;
};

void TestKillDuringSave::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.path());
    const QString sheet = test::writeTestSheet(mDir.path(), QSize(1500, 24000));
    auto document = Document::openSheet(sheet);
    QVERIFY2(document.ok(), qPrintable(document.error()));
    Document &doc = **document;
    doc.setLabels(busyLabels(cv::Size(doc.sheetWidth(), doc.sheetHeight())), cv::Mat());
    mProject = mDir.filePath(QStringLiteral("review.veer"));
    QVERIFY(ProjectFile::save(doc, mProject).ok());
    mBefore = digest(doc.labels());

    // The state the child reaches, and how long one save of it takes here.
    applyEdit(doc);
    mEdited = digest(doc.labels());
    QVERIFY(mEdited != mBefore);
    const QString scratch = mDir.filePath(QStringLiteral("timing.veer"));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(ProjectFile::save(doc, scratch).ok());
    mSaveMs = double(clock.elapsed());
    qInfo("one save of a %d x %d review: %.0f ms", doc.sheetWidth(), doc.sheetHeight(), mSaveMs);
}

void TestKillDuringSave::killAtSpreadMoments()
{
    // Kill moments after the child starts its first save: spread over that save and the next.
    const double fractions[] = {0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0, 1.3, 1.7};
    int sawOld = 0, sawNew = 0, recovered = 0;
    for (double f : fractions) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildVariable), mDir.path());
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        // Wait for the autosave, then for the first SAVING line.
        QByteArray out;
        QElapsedTimer wait;
        wait.start();
        while (!out.contains("SAVING") && wait.elapsed() < 120000) {
            if (!child.waitForReadyRead(1000) && child.state() != QProcess::Running)
                break;
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("AUTOSAVED") && out.contains("SAVING"),
                 (out + child.readAllStandardError()).constData());
        QTest::qSleep(int(f * mSaveMs));
        child.kill();  // SIGKILL
        QVERIFY(child.waitForFinished(10000));

        // The project opens, complete: either as it was or as the child saved it.
        auto data = ProjectFile::read(mProject);
        QVERIFY2(data.ok(), qPrintable(QStringLiteral("kill at %1 of a save: %2").arg(f).arg(data.error())));
        const QByteArray now = digest(data->labels);
        QVERIFY2(now == mBefore || now == mEdited, qPrintable(QStringLiteral("kill at %1: labels are neither state").arg(f)));
        auto document = ProjectFile::toDocument(*data, data->sheetPath);
        QVERIFY2(document.ok(), qPrintable(document.error()));

        // The edits survive: in the project, or in a recovery that opens.
        const QList<AutoSaver::Recovery> recoveries = AutoSaver::findRecoveries();
        if (now == mEdited) {
            ++sawNew;
        } else {
            ++sawOld;
            QCOMPARE(recoveries.size(), 1);
            auto rec = ProjectFile::read(recoveries.first().folder);
            QVERIFY2(rec.ok(), qPrintable(rec.error()));
            QCOMPARE(digest(rec->labels), mEdited);
            QCOMPARE(QFileInfo(recoveries.first().projectPath).absoluteFilePath(), QFileInfo(mProject).absoluteFilePath());
            ++recovered;
        }
        for (const AutoSaver::Recovery &r : recoveries)
            AutoSaver::discard(r);

        // Start the next round from the original project again.
        if (now != mBefore) {
            auto original = Document::openSheet(data->sheetPath);
            QVERIFY(original.ok());
            (*original)->setLabels(busyLabels(cv::Size((*original)->sheetWidth(), (*original)->sheetHeight())), cv::Mat());
            QVERIFY(ProjectFile::save(**original, mProject).ok());
        }
    }
    qInfo("%d kills: %d left the previous project (edits recovered from the autosave: %d), %d the new one",
          int(std::size(fractions)), sawOld, recovered, sawNew);
    QVERIFY(sawOld > 0);  // some kills must land inside the first save
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kChildVariable))
        return childMain(argc, argv);
    QApplication app(argc, argv);
    TestKillDuringSave test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_killduringsave.moc"
