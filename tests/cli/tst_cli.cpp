#include "calibration/calibration.h"
#include "las/lasreader.h"
#include "raster/pngfile.h"
#include "raster/rastersource.h"
#include "raster/rasterwriter.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <gdal_priv.h>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace veer;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run veerCli(const QStringList &args, int timeoutMs = 300000)
{
    QProcess p;
    p.start(QStringLiteral(VEER_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString sample(const QString &name) { return QDir(test::sourceDir()).absoluteFilePath(QStringLiteral("resources/samples/") + name); }

/** The LAS text without ~OTHER (it names paths and the date). */
QString lasWithoutOther(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(f.readAll());
    const qsizetype other = text.indexOf(QStringLiteral("~OTHER"));
    const qsizetype ascii = text.indexOf(QStringLiteral("~A"));
    if (other < 0 || ascii < other)
        return text;
    return text.left(other) + text.mid(ascii);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionAndHelp();
    void usageErrors_data();
    void usageErrors();
    void infoOnBilevelG4();
    void badInput_data();
    void badInput();
    void digitizeTrueLabelsMatchesGolden();
    void neverOverwritesWithoutForce();
    void digitizeWritesSections();
    void readOnlyOutputFolder();
    void fullDiskLeavesNoOutput();
    void absurdClaimedSize();
    void batchResumesAndShards();
    void evaluateWritesEachCaseLas();

private Q_SLOTS: // export-training: reviewed labels of projects as training cases
    void exportTrainingCases();
    void realAnnotations();

private:
    QTemporaryDir mDir;
};

void TestCli::versionAndHelp()
{
    Run r = veerCli({QStringLiteral("--version")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith(QStringLiteral("veer-cli ")));
    r = veerCli({QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    for (const char *cmd : {"info", "synth", "segment", "train", "digitize", "evaluate", "batch", "bench", "overlay", "average"})
        QVERIFY2(r.out.contains(QStringLiteral("  %1 ").arg(QLatin1String(cmd))), cmd);
    r = veerCli({QStringLiteral("digitize"), QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("--calibration")));
    // Every output is -o/--output (old spellings kept); internal flags are not listed.
    for (const char *cmd : {"train", "synth", "segment", "digitize", "overlay", "average", "export-training"}) {
        r = veerCli({QLatin1String(cmd), QStringLiteral("--help")});
        QVERIFY2(r.out.contains(QStringLiteral("-o, --output")), cmd);
    }
    r = veerCli({QStringLiteral("bench"), QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(!r.out.contains(QStringLiteral("rss-child")) && !r.out.contains(QStringLiteral("internal")));
    QTemporaryDir dir;
    r = veerCli({QStringLiteral("synth"), QStringLiteral("-o"), dir.filePath(QStringLiteral("o")), QStringLiteral("--count"),
                 QStringLiteral("1"), QStringLiteral("--width"), QStringLiteral("300"), QStringLiteral("--height"),
                 QStringLiteral("600"), QStringLiteral("--seed"), QStringLiteral("5")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("o/seed_5/sheet.png"))));
    r = veerCli({QStringLiteral("synth"), QStringLiteral("-o"), dir.filePath(QStringLiteral("a")), dir.filePath(QStringLiteral("b"))});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("once")));

    // The GUI's help and version print without a display (no platform plugin is loaded).
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    gui.setProcessEnvironment(env);
    for (const char *arg : {"--help", "--version"}) {
        gui.start(QStringLiteral(VEER_GUI_PATH), {QLatin1String(arg)});
        QVERIFY(gui.waitForFinished(30000));
        QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
        QCOMPARE(gui.exitCode(), 0);
        const QString out = QString::fromUtf8(gui.readAllStandardOutput());
        QVERIFY2(out.contains(QLatin1String(arg) == QLatin1String("--help") ? QStringLiteral("--screenshot") : QStringLiteral("Veer")),
                 qPrintable(out));
    }
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << "Usage";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << "unknown command 'frobnicate'";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("info"), QStringLiteral("--bogus"), QStringLiteral("x.tif")} << "bogus";
    QTest::newRow("missing argument") << QStringList{QStringLiteral("info")} << "missing argument";
    QTest::newRow("digitize without calibration") << QStringList{QStringLiteral("digitize"), QStringLiteral("x.png"), QStringLiteral("-o"), QStringLiteral("y.las")}
                                                  << "--calibration";
    QTest::newRow("non-numeric option") << QStringList{QStringLiteral("info"), QStringLiteral("--page"), QStringLiteral("two"), QStringLiteral("x.tif")}
                                        << "--page";
    QTest::newRow("average of one model") << QStringList{QStringLiteral("average"), QStringLiteral("-o"),
                                                         QStringLiteral("m.pt"), QStringLiteral("a.pt")}
                                          << "two or more model files";
    QTest::newRow("background weight out of range") << QStringList{QStringLiteral("average"),
                                                                   QStringLiteral("-o"),
                                                                   QStringLiteral("m.pt"),
                                                                   QStringLiteral("a.pt"),
                                                                   QStringLiteral("--background-weight"),
                                                                   QStringLiteral("0")}
                                                    << "--background-weight";
    QTest::newRow("colour share without print styles")
        << QStringList{QStringLiteral("train"), QStringLiteral("-o"), QStringLiteral("m.pt"),
                       QStringLiteral("--colour-share"), QStringLiteral("0.5")}
        << "--colour-share needs --print-styles";
    QTest::newRow("colour share out of range")
        << QStringList{QStringLiteral("train"),          QStringLiteral("-o"),
                       QStringLiteral("m.pt"),           QStringLiteral("--print-styles"),
                       QStringLiteral("--colour-share"), QStringLiteral("1.5")}
        << "--colour-share must lie in [0, 1]";
    QTest::newRow("bad shard") << QStringList{QStringLiteral("batch"), QStringLiteral("m.tsv"), QStringLiteral("--shard"), QStringLiteral("3/2")} << "--shard";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = veerCli(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCli::infoOnBilevelG4()
{
    const QString path = mDir.filePath(QStringLiteral("scan-g4.tif"));
    const Status s = writeGreyTiff(path, 1700, 18000, [](int y0, int n) {
        cv::Mat band(n, 1700, CV_8UC1, cv::Scalar(255));
        for (int y = 0; y < n; ++y)
            band.at<uint8_t>(y, (y0 + y) % 1700) = 0;
        return band;
    }, true);
    QVERIFY2(s.ok(), qPrintable(s.error()));
    const Run r = veerCli({QStringLiteral("info"), path});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("\"width\": 1700")));
    QVERIFY(r.out.contains(QStringLiteral("\"height\": 18000")));
    QVERIFY(r.out.contains(QStringLiteral("\"bits\": 1")));
    QVERIFY(r.out.contains(QStringLiteral("\"bands\": 1")));
    QVERIFY(r.out.contains(QStringLiteral("\"pages\": 1")));
    QVERIFY(r.out.contains(QStringLiteral("CCITTFAX4")));
}

void TestCli::badInput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty sheet") << "empty" << "empty";
    QTest::newRow("truncated PNG") << "truncated" << "sheet.png";
    QTest::newRow("text with .tif extension") << "text" << "not an image";
    QTest::newRow("NaN in calibration") << "nan" << "not valid JSON";
    QTest::newRow("Infinity in calibration") << "inf" << "not valid JSON";
    QTest::newRow("ties in reverse order") << "reverse" << "depth.ties";
    QTest::newRow("a file that is not a model") << "model" << "cannot read the model";
    QTest::newRow("missing model") << "nomodel" << "model file not found";
}

void TestCli::badInput()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString dir = mDir.filePath(QStringLiteral("bad-") + kind);
    QDir().mkpath(dir);
    QString sheet = sample(QStringLiteral("sample-sheet.png"));
    QString cal = sample(QStringLiteral("sample-sheet.calibration.json"));
    QStringList extra{QStringLiteral("--labels"), sample(QStringLiteral("sample-sheet.labels.png"))};
    auto write = [&](const QString &name, const QByteArray &bytes) -> QString {
        QFile f(dir + QLatin1Char('/') + name);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write test input");
        return f.fileName();
    };
    QFile calFile(cal);
    QVERIFY(calFile.open(QIODevice::ReadOnly));
    const QByteArray calText = calFile.readAll();
    if (kind == QLatin1String("empty")) {
        sheet = write(QStringLiteral("sheet.tif"), QByteArray());
    } else if (kind == QLatin1String("truncated")) {
        QFile f(sheet);
        QVERIFY(f.open(QIODevice::ReadOnly));
        sheet = write(QStringLiteral("sheet.png"), f.readAll().left(5000));
    } else if (kind == QLatin1String("text")) {
        sheet = write(QStringLiteral("sheet.tif"), "DEPTH GR\n1000 45\n");
    } else if (kind == QLatin1String("nan") || kind == QLatin1String("inf")) {
        QByteArray t = calText;
        t.replace("\"step\": ", kind == QLatin1String("nan") ? "\"step\": NaN, \"x\": " : "\"step\": Infinity, \"x\": ");
        cal = write(QStringLiteral("cal.json"), t);
    } else if (kind == QLatin1String("reverse")) {
        auto c = Calibration::fromJson(calText);
        QVERIFY(c.ok());
        std::reverse(c->ties.begin(), c->ties.end());
        cal = write(QStringLiteral("cal.json"), c->toJson());
    } else if (kind == QLatin1String("model")) {
        extra = {QStringLiteral("--model"), write(QStringLiteral("model.pt"), QByteArray(4096, 'm'))};
    } else if (kind == QLatin1String("nomodel")) {
        extra = {QStringLiteral("--model"), dir + QStringLiteral("/absent.pt")};
    }
    const QString out = dir + QStringLiteral("/out.las");
    const Run r = veerCli(QStringList{QStringLiteral("digitize"), sheet, QStringLiteral("--calibration"), cal, QStringLiteral("-o"), out} + extra);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QVERIFY2(!QFile::exists(out), "no output may be left behind");
    QVERIFY(QDir(dir).entryList({QStringLiteral("*.las*")}, QDir::Files).isEmpty());
}

void TestCli::digitizeTrueLabelsMatchesGolden()
{
    // The tracer on the true label map is deterministic: the LAS must equal the checked-in golden file.
    const QString out = mDir.filePath(QStringLiteral("golden.las"));
    const QString csv = mDir.filePath(QStringLiteral("golden.csv"));
    const Run r = veerCli({QStringLiteral("digitize"), sample(QStringLiteral("sample-sheet.png")), QStringLiteral("--calibration"),
                           sample(QStringLiteral("sample-sheet.calibration.json")), QStringLiteral("--labels"),
                           sample(QStringLiteral("sample-sheet.labels.png")), QStringLiteral("-o"), out, QStringLiteral("--csv"), csv,
                           QStringLiteral("--well"), QStringLiteral("WELL=Sample 1")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString golden = test::sourceDir() + QStringLiteral("/tests/cli/golden/sample-sheet.true-labels.las");
    if (qEnvironmentVariableIsSet("VEER_UPDATE_GOLDEN")) {
        QFile::remove(golden);
        QVERIFY(QFile::copy(out, golden));
    }
    QCOMPARE(lasWithoutOther(out), lasWithoutOther(golden));
    auto las = readLas(out);
    QVERIFY2(las.ok(), qPrintable(las.error()));
    QCOMPARE(las->wellValue(QStringLiteral("WELL")), QStringLiteral("Sample 1"));
    QCOMPARE(int(las->curves.size()), 4);
    QVERIFY(QFile::exists(csv));

    // The independent reader (npm las-js) parses it without warnings.
    const QString script = test::sourceDir() + QStringLiteral("/tests/lasjs/check-las.mjs");
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()
        || !QFileInfo::exists(test::sourceDir() + QStringLiteral("/tests/lasjs/node_modules/las-js")))
        QSKIP("node or las-js missing: run npm ci --prefix tests/lasjs");
    QProcess node;
    node.start(QStringLiteral("node"), {script, out});
    QVERIFY(node.waitForFinished(60000));
    const QByteArray report = node.readAllStandardOutput();
    QVERIFY2(node.exitCode() == 0, report.constData());
    QVERIFY2(report.contains("\"warnings\": []"), report.constData());
}

void TestCli::digitizeWritesSections()
{
    // The sample's last 500 rows declared a section on ties of its own (the same depths, so the
    // same values): the main LAS stops above it, and OUT-REPEAT.las holds it.
    auto cal = Calibration::load(sample(QStringLiteral("sample-sheet.calibration.json")));
    QVERIFY2(cal.ok(), qPrintable(cal.error()));
    Calibration withSection = cal.value();
    DepthSection section;
    section.firstRow = 2500;
    section.lastRow = 2999;
    section.ties = {{2550.0, cal->depthAtRow(2550)}, {2950.0, cal->depthAtRow(2950)}};
    withSection.sections = {section};
    const QString calPath = mDir.filePath(QStringLiteral("section.calibration.json"));
    QVERIFY(withSection.save(calPath).ok());
    const QString plain = mDir.filePath(QStringLiteral("plain.las"));
    const QString out = mDir.filePath(QStringLiteral("sectioned.las"));
    const QStringList labels{QStringLiteral("--labels"), sample(QStringLiteral("sample-sheet.labels.png"))};
    Run r = veerCli(QStringList{QStringLiteral("digitize"), sample(QStringLiteral("sample-sheet.png")), QStringLiteral("--calibration"),
                                sample(QStringLiteral("sample-sheet.calibration.json")), QStringLiteral("-o"), plain} + labels);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = veerCli(QStringList{QStringLiteral("digitize"), sample(QStringLiteral("sample-sheet.png")), QStringLiteral("--calibration"),
                            calPath, QStringLiteral("-o"), out} + labels);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString sectionPath = mDir.filePath(QStringLiteral("sectioned-REPEAT.las"));
    QVERIFY2(r.out.contains(QStringLiteral("section REPEAT")), qPrintable(r.out));
    auto whole = readLas(plain);
    auto main = readLas(out);
    auto repeat = readLas(sectionPath);
    QVERIFY(whole.ok() && main.ok() && repeat.ok());
    const double sectionTop = cal->depthAtRow(2500);
    QVERIFY2(main->depths.back() < sectionTop, qPrintable(QString::number(main->depths.back())));
    QVERIFY(repeat->depths.front() >= sectionTop - 1e-6);
    QVERIFY(repeat->depths.size() > 100);  // 500 rows of about 0.25 ft at a 1 ft step
    // The same pixels on the same depths: the values agree with the plain run's.
    int compared = 0;
    int agree = 0;
    for (size_t i = 0; i < repeat->depths.size(); ++i) {
        const auto at = std::find(whole->depths.begin(), whole->depths.end(), repeat->depths[i]);
        if (at == whole->depths.end())
            continue;
        const size_t j = size_t(at - whole->depths.begin());
        for (size_t c = 0; c < repeat->curves.size(); ++c) {
            const double a = repeat->curves[c].values[i];
            const double b = whole->curves[c].values[j];
            if (a == repeat->nullValue || b == whole->nullValue)
                continue;
            ++compared;
            agree += std::abs(a - b) <= 0.01 * std::abs(whole->curves[c].values[j]) + 1e-3;
        }
    }
    QVERIFY2(compared > 400 && agree >= compared * 95 / 100, qPrintable(QStringLiteral("%1 of %2").arg(agree).arg(compared)));
    // A second run does not replace the section's file without --force.
    QFile::remove(out);
    r = veerCli(QStringList{QStringLiteral("digitize"), sample(QStringLiteral("sample-sheet.png")), QStringLiteral("--calibration"),
                            calPath, QStringLiteral("-o"), out} + labels);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("sectioned-REPEAT.las")), qPrintable(r.err));
}

void TestCli::neverOverwritesWithoutForce()
{
    const QString out = mDir.filePath(QStringLiteral("exists.png"));
    QFile f(out);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("keep me");
    f.close();
    const Run r = veerCli({QStringLiteral("overlay"), sample(QStringLiteral("sample-sheet.png")),
                           sample(QStringLiteral("sample-sheet.labels.png")), QStringLiteral("-o"), out});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("--force")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep me"));
}

void TestCli::readOnlyOutputFolder()
{
    // As root, permissions do not stop writes: run veer-cli as "nobody" through setpriv.
    QStringList prefix;
    if (geteuid() == 0) {
        if (!QFile::exists(QStringLiteral("/usr/bin/setpriv")))
            QSKIP("running as root without setpriv: cannot make a folder read-only for veer-cli");
        prefix = {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                  QStringLiteral(VEER_CLI_PATH)};
        QFile::setPermissions(mDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                               | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
    }
    const QString dir = mDir.filePath(QStringLiteral("readonly"));
    QDir().mkpath(dir);
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
    const QStringList args{QStringLiteral("digitize"), sample(QStringLiteral("sample-sheet.png")), QStringLiteral("--calibration"),
                           sample(QStringLiteral("sample-sheet.calibration.json")), QStringLiteral("--labels"),
                           sample(QStringLiteral("sample-sheet.labels.png")), QStringLiteral("-o"), dir + QStringLiteral("/out.las")};
    QProcess p;
    if (prefix.isEmpty())
        p.start(QStringLiteral(VEER_CLI_PATH), args);
    else
        p.start(QStringLiteral("/usr/bin/setpriv"), prefix + args);
    QVERIFY(p.waitForFinished(120000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains(dir), qPrintable(err));
    QVERIFY(QDir(dir).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

void TestCli::fullDiskLeavesNoOutput()
{
    // A full disk, simulated with a file-size limit on the child: writes beyond 16 kB fail (EFBIG).
    const QString dir = mDir.filePath(QStringLiteral("fulldisk"));
    QDir().mkpath(dir);
    const QString out = dir + QStringLiteral("/out.las");
    QProcess p;
    p.setChildProcessModifier([] {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{16384, 16384};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    p.start(QStringLiteral(VEER_CLI_PATH),
            {QStringLiteral("digitize"), sample(QStringLiteral("sample-sheet.png")), QStringLiteral("--calibration"),
             sample(QStringLiteral("sample-sheet.calibration.json")), QStringLiteral("--labels"),
             sample(QStringLiteral("sample-sheet.labels.png")), QStringLiteral("-o"), out});
    QVERIFY(p.waitForFinished(120000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains(out), qPrintable(err));
    QVERIFY2(QDir(dir).entryList(QDir::Files | QDir::Hidden).isEmpty(), "no half-written file may remain");
}

void TestCli::absurdClaimedSize()
{
    // A TIFF header claiming 100 000 x 100 000 pixels (sparse: no pixel data) is refused by name.
    const QString path = mDir.filePath(QStringLiteral("huge.tif"));
    GDALAllRegister();
    const char *opts[] = {"SPARSE_OK=TRUE", "TILED=YES", nullptr};
    GDALDataset *ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        QFile::encodeName(path).constData(), 100000, 100000, 1, GDT_Byte, const_cast<char **>(opts));
    QVERIFY(ds);
    GDALClose(ds);
    for (const QString &cmd : {QStringLiteral("info"), QStringLiteral("segment")}) {
        QStringList args{cmd, path};
        if (cmd == QLatin1String("segment"))
            args << QStringLiteral("-o") << mDir.filePath(QStringLiteral("huge-labels.png"));
        const Run r = veerCli(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(path) && r.err.contains(QStringLiteral("100000 x 100000")), qPrintable(r.err));
    }
    QVERIFY(!QFile::exists(mDir.filePath(QStringLiteral("huge-labels.png"))));
}

void TestCli::batchResumesAndShards()
{
    const QString dir = mDir.filePath(QStringLiteral("batch"));
    QDir().mkpath(dir);
    // Bookkeeping first: a finished output is skipped, a bad model fails with its name.
    QFile done(dir + QStringLiteral("/done.las"));
    QVERIFY(done.open(QIODevice::WriteOnly));
    done.write("finished earlier");
    done.close();
    QFile manifest(dir + QStringLiteral("/manifest.tsv"));
    QVERIFY(manifest.open(QIODevice::WriteOnly));
    manifest.write("# sheet\tcalibration\toutput\n"
                   "missing.png\tcal.json\tout1.las\n"
                   "missing.png\tcal.json\tdone.las\n"
                   "missing2.png\tcal.json\tout3.las\n");
    manifest.close();
    Run r = veerCli({QStringLiteral("batch"), manifest.fileName(), QStringLiteral("--shard"), QStringLiteral("1/2"),
                     QStringLiteral("--model"), dir + QStringLiteral("/absent.pt")});
    // Shard 1 of 2 holds only line 2, whose output exists: nothing to do, no model needed.
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("0 digitized, 1 already done, 0 failed")), qPrintable(r.out));
    r = veerCli({QStringLiteral("batch"), manifest.fileName(), QStringLiteral("--shard"), QStringLiteral("0/2"),
                 QStringLiteral("--model"), dir + QStringLiteral("/absent.pt")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("absent.pt")), qPrintable(r.err));
    QFile bad(dir + QStringLiteral("/bad.tsv"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("only-one-column\n");
    bad.close();
    r = veerCli({QStringLiteral("batch"), bad.fileName()});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("bad.tsv:1")), qPrintable(r.err));

    // A real run with a tiny model trained here: two sheets, then a rerun that resumes past both.
    const QString model = dir + QStringLiteral("/tiny.pt");
    r = veerCli({QStringLiteral("train"), QStringLiteral("--out"), model, QStringLiteral("--base"), QStringLiteral("4"),
                 QStringLiteral("--levels"), QStringLiteral("2"), QStringLiteral("--epochs"), QStringLiteral("1"),
                 QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--batch"), QStringLiteral("2"),
                 QStringLiteral("--crop"), QStringLiteral("64"), QStringLiteral("--val-cases"), QStringLiteral("1")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile real(dir + QStringLiteral("/real.tsv"));
    QVERIFY(real.open(QIODevice::WriteOnly));
    const QByteArray line = (sample(QStringLiteral("sample-sheet.png")) + QLatin1Char('\t')
                             + sample(QStringLiteral("sample-sheet.calibration.json")) + QLatin1Char('\t')).toUtf8();
    real.write(line + "out/a.las\n" + line + "out/b.las\tout/b.csv\n");
    real.close();
    r = veerCli({QStringLiteral("batch"), real.fileName(), QStringLiteral("--model"), model, QStringLiteral("--jobs"), QStringLiteral("2")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("2 digitized, 0 already done, 0 failed")), qPrintable(r.out));
    QVERIFY(readLas(dir + QStringLiteral("/out/a.las")).ok());
    QVERIFY(QFile::exists(dir + QStringLiteral("/out/b.csv")));
    r = veerCli({QStringLiteral("batch"), real.fileName(), QStringLiteral("--model"), model});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("0 digitized, 2 already done, 0 failed")), qPrintable(r.out));
}

namespace {

/** A project folder as the GUI saves it, made by hand: the sample sheet, its true labels, `review`. */
QString writeProject(const QString &folder, const QJsonObject &review)
{
    QDir().mkpath(folder);
    QFile::copy(sample(QStringLiteral("sample-sheet.labels.png")), folder + QStringLiteral("/labels.png"));
    QFile cal(sample(QStringLiteral("sample-sheet.calibration.json")));
    if (!cal.open(QIODevice::ReadOnly))
        return {};
    // The label map's digest, as the GUI records it beside the file's name.
    auto labels = readPngFile(folder + QStringLiteral("/labels.png"), CV_8UC1);
    if (!labels)
        return {};
    QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("veer-project/1")},
        {QStringLiteral("sheet"),
         QJsonObject{{QStringLiteral("path"), sample(QStringLiteral("sample-sheet.png"))},
                     {QStringLiteral("page"), 0}}},
        {QStringLiteral("calibration"), QJsonDocument::fromJson(cal.readAll()).object()},
        {QStringLiteral("labels"),
         QJsonObject{{QStringLiteral("sha1"), QString::fromLatin1(pixelSha1(*labels))}}},
        {QStringLiteral("files"), QJsonObject{{QStringLiteral("labels"), QStringLiteral("labels.png")}}}};
    if (!review.isEmpty())
        root.insert(QStringLiteral("review"), review);
    QFile f(folder + QStringLiteral("/project.json"));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QJsonDocument(root).toJson());
    return folder;
}

} // namespace

void TestCli::evaluateWritesEachCaseLas()
{
    // Two generated cases, the tracer fed their true labels: the JSON counts both, and --las-out
    // keeps each case's digitized log under its case name, readable and with the calibration's curves.
    const QString cases = mDir.filePath(QStringLiteral("eval-cases"));
    Run r = veerCli({QStringLiteral("synth"), cases, QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--split"),
                     QStringLiteral("eval"), QStringLiteral("--seed"), QStringLiteral("1900000000"), QStringLiteral("--width"),
                     QStringLiteral("700"), QStringLiteral("--height"), QStringLiteral("1200"), QStringLiteral("--clean")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString lasDir = mDir.filePath(QStringLiteral("eval-las"));
    r = veerCli({QStringLiteral("evaluate"), cases, QStringLiteral("--true-labels"), QStringLiteral("--las-out"), lasDir});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("cases")).toInt(), 2);
    QVERIFY(report.value(QStringLiteral("curves")).toObject().value(QStringLiteral("coverage")).toDouble() > 0.9);
    for (const QString &seed : {QStringLiteral("seed_1900000000"), QStringLiteral("seed_1900000001")}) {
        auto las = readLas(QDir(lasDir).filePath(seed + QStringLiteral(".las")));
        QVERIFY2(las.ok(), qPrintable(las.error()));
        auto cal = Calibration::load(QDir(cases).filePath(seed + QStringLiteral("/calibration.json")));
        QVERIFY2(cal.ok(), qPrintable(cal.error()));
        int curves = 0;
        for (const Track &t : cal->tracks)
            curves += int(t.curves.size());
        QCOMPARE(int(las->curves.size()), curves);
        QVERIFY(!las->depths.empty());
    }

    // An output folder that cannot be made is a clear failure naming it.
    QFile blocker(mDir.filePath(QStringLiteral("eval-blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    r = veerCli({QStringLiteral("evaluate"), cases, QStringLiteral("--true-labels"), QStringLiteral("--las-out"),
                 blocker.fileName() + QStringLiteral("/sub")});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains(QStringLiteral("eval-blocker")), qPrintable(r.err));
}

void TestCli::exportTrainingCases()
{
    const QString dir = mDir.filePath(QStringLiteral("export-training"));
    // Track 1 reviewed on rows 1000-1199, track 2 on rows 1100-1149.
    const QJsonObject review{{QStringLiteral("reviewed"),
                              QJsonArray{QJsonArray{QJsonArray{1000, 1199}}, QJsonArray{QJsonArray{1100, 1149}}}}};
    const QString reviewed = writeProject(dir + QStringLiteral("/well-a.veer"), review);
    const QString unreviewed = writeProject(dir + QStringLiteral("/well-b.veer"), {});
    QVERIFY(!reviewed.isEmpty() && !unreviewed.isEmpty());
    const QString out = dir + QStringLiteral("/cases");

    Run r = veerCli({QStringLiteral("export-training"), reviewed});
    QCOMPARE(r.code, 2);
    r = veerCli({QStringLiteral("export-training"), reviewed, QStringLiteral("-o"), out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    for (const char *name : {"sheet.png", "labels.png", "reviewed.png", "calibration.json"})
        QVERIFY2(QFile::exists(out + QStringLiteral("/well-a/") + QLatin1String(name)), name);
    auto mask = RasterSource::open(out + QStringLiteral("/well-a/reviewed.png"));
    QVERIFY2(mask, qPrintable(mask.error()));
    QCOMPARE((*mask)->width(), 1500);
    QCOMPARE((*mask)->height(), 200);  // only the reviewed rows
    auto sheet = RasterSource::open(out + QStringLiteral("/well-a/sheet.png"));
    QVERIFY(sheet);
    QCOMPARE((*sheet)->height(), 200);

    // An existing case is never replaced without --force; the error names it.
    r = veerCli({QStringLiteral("export-training"), reviewed, QStringLiteral("-o"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("well-a")) && r.err.contains(QStringLiteral("--force")), qPrintable(r.err));
    r = veerCli({QStringLiteral("export-training"), reviewed, QStringLiteral("-o"), out, QStringLiteral("--force"),
                 QStringLiteral("--full-sheet")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    mask = RasterSource::open(out + QStringLiteral("/well-a/reviewed.png"));
    QVERIFY(mask);
    QCOMPARE((*mask)->height(), 3000);

    // Nothing reviewed, or no project at all: an error that names it, exit 1.
    r = veerCli({QStringLiteral("export-training"), unreviewed, QStringLiteral("-o"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(unreviewed) && r.err.contains(QStringLiteral("nothing is reviewed")), qPrintable(r.err));
    QVERIFY(!QFile::exists(out + QStringLiteral("/well-b")));
    r = veerCli({QStringLiteral("export-training"), dir + QStringLiteral("/missing.veer"), QStringLiteral("-o"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("missing.veer")), qPrintable(r.err));
    // The GUI's reader checks what it reads: an empty project.json, and a label map that does not
    // match its digest, are refused naming the file.
    const QString broken = writeProject(dir + QStringLiteral("/broken.veer"), review);
    QFile labels(broken + QStringLiteral("/labels.png"));
    QVERIFY(QFile::remove(labels.fileName()));
    QVERIFY(QFile::copy(sample(QStringLiteral("sample-sheet.png")), labels.fileName()));
    r = veerCli({QStringLiteral("export-training"), broken, QStringLiteral("-o"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("broken.veer/labels.png")), qPrintable(r.err));
    QFile manifest(broken + QStringLiteral("/project.json"));
    QVERIFY(manifest.open(QIODevice::WriteOnly | QIODevice::Truncate));
    manifest.close();
    r = veerCli({QStringLiteral("export-training"), broken, QStringLiteral("-o"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("broken.veer/project.json"))
                 && r.err.contains(QStringLiteral("not valid JSON")),
             qPrintable(r.err));
    QVERIFY(!QFile::exists(out + QStringLiteral("/broken")));

    // The trainer reads the cases unchanged (only them: no generated sheets).
    r = veerCli({QStringLiteral("train"), QStringLiteral("--data"), out, QStringLiteral("--no-synth"),
                 QStringLiteral("--out"), dir + QStringLiteral("/m.pt"), QStringLiteral("--base"), QStringLiteral("4"),
                 QStringLiteral("--levels"), QStringLiteral("2"), QStringLiteral("--epochs"), QStringLiteral("1"),
                 QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--batch"), QStringLiteral("1"),
                 QStringLiteral("--crop"), QStringLiteral("64"), QStringLiteral("--val-cases"), QStringLiteral("1")});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY(QFile::exists(dir + QStringLiteral("/m.pt")));
}

void TestCli::realAnnotations()
{
    const QString scans = QDir(test::sourceDir()).absoluteFilePath(QStringLiteral("../shared/data/realscans"));
    if (!QDir(scans).exists())
        QSKIP("../shared/data/realscans is not here");
    const QString annotations = QDir(test::sourceDir()).absoluteFilePath(QStringLiteral("tests/data/real-annotations"));
    const QString out = mDir.filePath(QStringLiteral("annotation-cases"));
    // The band of page 0808 becomes a training case; page 0812's is held out and skipped.
    Run r = veerCli({QStringLiteral("export-training"), QStringLiteral("--annotations"), annotations, QStringLiteral("--real"),
                     scans, QStringLiteral("-o"), out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("held out")));
    QVERIFY(QFile::exists(out + QStringLiteral("/12481-0808-rows8000/reviewed.png")));
    QVERIFY(!QFile::exists(out + QStringLiteral("/12481-0812-rows20000")));
    r = veerCli({QStringLiteral("export-training"), QStringLiteral("--annotations"), annotations, QStringLiteral("-o"), out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--real")), qPrintable(r.err));

    // Scoring on the bands: F1 per class, coverage and swaps, each band named.
    r = veerCli({QStringLiteral("evaluate"), QStringLiteral("--real"), scans, QStringLiteral("--annotations"), annotations});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonArray bands = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("bands")).toArray();
    QCOMPARE(bands.size(), 2);
    for (const QJsonValue &b : bands) {
        const QJsonObject o = b.toObject();
        for (const char *key : {"f1_strict_c1", "f1_strict_c2", "f1_1px_c1", "f1_1px_c2", "trace_coverage", "trace_swaps"}) {
            const double v = o.value(QLatin1String(key)).toDouble(-1);
            QVERIFY2(v >= 0.0 && v <= 1.0, key);
        }
        QVERIFY(o.value(QStringLiteral("f1_1px_c1")).toDouble() >= o.value(QStringLiteral("f1_strict_c1")).toDouble());
        QVERIFY(o.value(QStringLiteral("trace_samples")).toInt() > 5000);
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
