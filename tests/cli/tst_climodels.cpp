// veer-cli models, run as a user would (QProcess) against a models folder and a tiny "shipped"
// model made in the test: list, finetune, activate, path, rollback, compare, and errors that
// name the file with a non-zero exit.
#include "core/tinycases.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace veer;

class TestCliModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void versionsLifeCycle();
    void errors_data();
    void errors();
    void cleanupTestCase();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run cli(const QStringList &args) const;

    QTemporaryDir mDir;
    QString mShipped;
    QString mShippedPrint;
    QString mModels;
    QString mData;
};

TestCliModels::Run TestCliModels::cli(const QStringList &args) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("VEER_MODELS_DIR"), mModels);
    env.insert(QStringLiteral("VEER_MODEL"), mShipped);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(VEER_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestCliModels::initTestCase()
{
    QVERIFY(mDir.isValid());
    QVERIFY(QDir().mkpath(mDir.filePath(QStringLiteral("shipped"))));
    mShipped = mDir.filePath(QStringLiteral("shipped/veer-default.pt"));
    QVERIFY(test::writeTinyModel(mShipped, QStringLiteral("shipped-tiny")));
    mShippedPrint = test::folderFingerprint(mDir.filePath(QStringLiteral("shipped")));
    mModels = mDir.filePath(QStringLiteral("models"));
    mData = mDir.filePath(QStringLiteral("reviewed"));
    QVERIFY(test::writeTinyCases(mData, 3));
}

void TestCliModels::cleanupTestCase()
{
    QCOMPARE(test::folderFingerprint(mDir.filePath(QStringLiteral("shipped"))), mShippedPrint);
}

void TestCliModels::versionsLifeCycle()
{
    Run r = cli({QStringLiteral("models"), QStringLiteral("list")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("* shipped-tiny")) && r.out.contains(QStringLiteral("(shipped, read-only)")), qPrintable(r.out));

    r = cli({QStringLiteral("models"), QStringLiteral("finetune"), QStringLiteral("--data"), mData, QStringLiteral("--id"), QStringLiteral("ft1"),
             QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--batch"),
             QStringLiteral("2"), QStringLiteral("--crop"), QStringLiteral("64"), QStringLiteral("--val-cases"), QStringLiteral("1"),
             QStringLiteral("--synth-share"), QStringLiteral("0"), QStringLiteral("--held-apart-share"), QStringLiteral("0.34")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("new version ft1 (parent shipped-tiny)")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("held-apart cases: 1")));
    QVERIFY(QFileInfo::exists(mModels + QStringLiteral("/ft1/model.pt")));
    QVERIFY(QFileInfo::exists(mModels + QStringLiteral("/ft1/card.json")));

    r = cli({QStringLiteral("models"), QStringLiteral("list")});
    QVERIFY(r.out.contains(QStringLiteral("* shipped-tiny")));
    QVERIFY(r.out.contains(QStringLiteral("  ft1")));

    r = cli({QStringLiteral("models"), QStringLiteral("activate"), QStringLiteral("ft1")});
    QCOMPARE(r.code, 0);
    r = cli({QStringLiteral("models"), QStringLiteral("path")});
    QCOMPARE(r.out.trimmed(), mModels + QStringLiteral("/ft1/model.pt"));
    r = cli({QStringLiteral("models"), QStringLiteral("list")});
    QVERIFY(r.out.contains(QStringLiteral("* ft1")));

    r = cli({QStringLiteral("models"), QStringLiteral("compare"), QStringLiteral("ft1"), QStringLiteral("--data"), mData});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("held-apart cases: 3")));
    QVERIFY(r.out.contains(QStringLiteral("curve_two f1_tolerant_1px")));

    r = cli({QStringLiteral("models"), QStringLiteral("rollback")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("active: shipped-tiny")));
    r = cli({QStringLiteral("models"), QStringLiteral("path")});
    QCOMPARE(r.out.trimmed(), mShipped);
    r = cli({QStringLiteral("models"), QStringLiteral("rollback")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("nothing to roll back to")));
}

void TestCliModels::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QString models = QStringLiteral("models");
    QTest::newRow("unknown action") << QStringList{models, QStringLiteral("frobnicate")} << 2 << QStringLiteral("unknown action");
    QTest::newRow("activate without id") << QStringList{models, QStringLiteral("activate")} << 2 << QStringLiteral("missing the version ID");
    QTest::newRow("unknown version") << QStringList{models, QStringLiteral("activate"), QStringLiteral("nope")} << 1 << QStringLiteral("no model version 'nope'");
    QTest::newRow("compare without data") << QStringList{models, QStringLiteral("compare"), QStringLiteral("ft1")} << 2 << QStringLiteral("--data DIR is required");
    QTest::newRow("compare the shipped default") << QStringList{models, QStringLiteral("compare"), QStringLiteral("shipped-tiny"), QStringLiteral("--data"), QStringLiteral("/no/such/dir")}
                                                 << 1 << QStringLiteral("shipped default has no parent");
    QTest::newRow("compare missing folder") << QStringList{models, QStringLiteral("compare"), QStringLiteral("ft1"), QStringLiteral("--data"), QStringLiteral("/no/such/dir")}
                                            << 1 << QStringLiteral("/no/such/dir: not a folder");
    QTest::newRow("finetune missing folder") << QStringList{models, QStringLiteral("finetune"), QStringLiteral("--data"), QStringLiteral("/no/such/dir")}
                                             << 1 << QStringLiteral("/no/such/dir: not a folder");
    QTest::newRow("bad crop") << QStringList{models, QStringLiteral("finetune"), QStringLiteral("--data"), QStringLiteral("x"), QStringLiteral("--crop"), QStringLiteral("50")}
                              << 2 << QStringLiteral("--crop");
}

void TestCliModels::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCliModels)
#include "tst_climodels.moc"
