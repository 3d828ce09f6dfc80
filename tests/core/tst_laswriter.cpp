#include "las/lasreader.h"
#include "las/laswriter.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace veer;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/** A log with GR, RHOB and NPHI; every 7th GR is null, every 11th RHOB is NaN. */
LasDocument makeDoc(double start, double step, int rows, bool irregular = false)
{
    LasDocument doc;
    doc.depthUnit = QStringLiteral("M");
    LasCurve gr{QStringLiteral("GR"), QStringLiteral("GAPI"), QStringLiteral("Gamma ray"), {}};
    LasCurve rhob{QStringLiteral("RHOB"), QStringLiteral("G/C3"), QStringLiteral("Bulk density"), {}};
    LasCurve nphi{QStringLiteral("NPHI"), QStringLiteral("V/V"), QStringLiteral("Neutron porosity"), {}};
    for (int i = 0; i < rows; ++i) {
        const double jitter = irregular ? 0.013 * (i % 3) : 0.0;
        doc.depths.push_back(start + step * i + jitter);
        gr.values.push_back(i % 7 == 3 ? doc.nullValue : 40.0 + 30.0 * std::sin(i * 0.37) + 1e-7 * i);
        rhob.values.push_back(i % 11 == 5 ? kNaN : 2.2 + 0.001 * i);
        nphi.values.push_back(-0.015 + 0.0123456789 * (i % 13));
    }
    doc.curves = {gr, rhob, nphi};
    doc.setWellValue(QStringLiteral("WELL"), QStringLiteral("Test 1-32"), QStringLiteral("Well name"));
    doc.setWellValue(QStringLiteral("COMP"), QStringLiteral("Veer Test Co."));
    doc.well.push_back(LasHeaderItem{QStringLiteral("LATI"), QStringLiteral("DEG"), QStringLiteral("37.3153"),
                                     QStringLiteral("Latitude")});
    doc.other = {QStringLiteral("Digitized by Veer from scan.tif"), QStringLiteral("Calibration: 4 points")};
    return doc;
}

/** The value column of a ~WELL line such as ` STRT.M   1670.0000 : START DEPTH`. */
QString headerValue(const QString &text, const QString &mnemonic)
{
    const QRegularExpression re(QStringLiteral("^ %1\\.(\\S*)\\s+(.*?)\\s+: ").arg(QRegularExpression::escape(mnemonic)),
                                QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(2) : QStringLiteral("<missing>");
}

bool isNullOrNaN(double v, double nullValue)
{
    return std::isnan(v) || v == nullValue;
}

void compareDocs(const LasDocument &written, const LasDocument &read, int decimals)
{
    QCOMPARE(read.depthMnemonic, written.depthMnemonic);
    QCOMPARE(read.depthUnit, written.depthUnit);
    QCOMPARE(read.nullValue, written.nullValue);
    QCOMPARE(read.depths.size(), written.depths.size());
    for (std::size_t i = 0; i < written.depths.size(); ++i)
        QVERIFY2(read.depths[i] == written.depths[i], qPrintable(QStringLiteral("depth %1").arg(i)));
    QCOMPARE(read.curves.size(), written.curves.size());
    const double tolerance = 0.5 * std::pow(10.0, -decimals);
    for (std::size_t c = 0; c < written.curves.size(); ++c) {
        const LasCurve &w = written.curves[c];
        const LasCurve &r = read.curves[c];
        QCOMPARE(r.mnemonic, w.mnemonic);
        QCOMPARE(r.unit, w.unit);
        QCOMPARE(r.description, w.description);
        QCOMPARE(r.values.size(), w.values.size());
        for (std::size_t i = 0; i < w.values.size(); ++i) {
            const double expected = w.values[i];
            if (isNullOrNaN(expected, written.nullValue)) {
                QVERIFY2(r.values[i] == read.nullValue, qPrintable(QStringLiteral("%1[%2]").arg(w.mnemonic).arg(i)));
            } else {
                QVERIFY2(std::abs(r.values[i] - expected) <= tolerance * (1 + 1e-9) + 1e-12 * std::abs(expected),
                         qPrintable(QStringLiteral("%1[%2]: %3 vs %4").arg(w.mnemonic).arg(i).arg(r.values[i]).arg(expected)));
            }
        }
    }
}

} // namespace

class TestLasWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void lineEndings_data();
    void lineEndings();
    void headerLayout();
    void parameterSection_data();
    void parameterSection();
    void customNullValue();
    void realFileRoundTrip_data();
    void realFileRoundTrip();
    void writeLasIsAtomicAndNamesFile();
    void csvOutput_data();
    void csvOutput();
    void writeCsvFile();
    void lasJsAgrees_data();
    void lasJsAgrees();
};

void TestLasWriter::roundTrip_data()
{
    QTest::addColumn<bool>("crlf");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("step");
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("irregular");
    QTest::addColumn<QString>("expectedStep");

    QTest::newRow("crlf, 4 decimals") << true << 4 << 1500.0 << 0.125 << 200 << false << "0.1250";
    QTest::newRow("lf, 4 decimals") << false << 4 << 1500.0 << 0.125 << 200 << false << "0.1250";
    QTest::newRow("2 decimals") << true << 2 << 10.0 << 0.5 << 50 << false << "0.5000";
    QTest::newRow("8 decimals") << false << 8 << 10.0 << 0.5 << 50 << false << "0.5000";
    QTest::newRow("decreasing depths") << true << 4 << 1670.0 << -0.125 << 30 << false << "-0.1250";
    QTest::newRow("irregular, STEP 0") << true << 4 << 100.0 << 0.25 << 40 << true << "0";
    QTest::newRow("accumulated 0.1524 step") << true << 4 << 197.5104 << 0.1524 << 500 << false << "0.1524";
    QTest::newRow("one row") << true << 4 << 42.0 << 1.0 << 1 << false << "0";
    QTest::newRow("no rows") << false << 4 << 0.0 << 1.0 << 0 << false << "0";
}

void TestLasWriter::roundTrip()
{
    QFETCH(bool, crlf);
    QFETCH(int, decimals);
    QFETCH(double, start);
    QFETCH(double, step);
    QFETCH(int, rows);
    QFETCH(bool, irregular);
    QFETCH(QString, expectedStep);

    const LasDocument doc = makeDoc(start, step, rows, irregular);
    const QByteArray bytes = lasToBytes(doc, LasWriteOptions{crlf, decimals});
    const QString text = QString::fromUtf8(bytes);

    // STRT/STOP are the first and last depth exactly; STEP is the constant step or 0.
    if (rows > 0) {
        QCOMPARE(headerValue(text, QStringLiteral("STRT")).toDouble(), doc.depths.front());
        QCOMPARE(headerValue(text, QStringLiteral("STOP")).toDouble(), doc.depths.back());
    }
    const QString stepValue = headerValue(text, QStringLiteral("STEP"));
    if (expectedStep == QLatin1String("0"))
        QCOMPARE(stepValue, expectedStep);
    else
        QCOMPARE(stepValue.toDouble(), expectedStep.toDouble());

    const Result<LasDocument> back = readLasBytes(bytes, QStringLiteral("roundtrip"));
    QVERIFY2(back.ok(), qPrintable(back.error()));
    compareDocs(doc, back.value(), decimals);
    QCOMPARE(back->version, QStringLiteral("2.0"));
    QCOMPARE(back->wrapped, false);
    QCOMPARE(back->wellValue(QStringLiteral("WELL")), QStringLiteral("Test 1-32"));
    QCOMPARE(back->wellValue(QStringLiteral("COMP")), QStringLiteral("Veer Test Co."));
    QCOMPARE(back->wellValue(QStringLiteral("LATI")), QStringLiteral("37.3153"));
    QCOMPARE(back->other, doc.other);
}

void TestLasWriter::lineEndings_data()
{
    QTest::addColumn<bool>("crlf");
    QTest::newRow("CR LF") << true;
    QTest::newRow("LF") << false;
}

void TestLasWriter::lineEndings()
{
    QFETCH(bool, crlf);
    const QByteArray bytes = lasToBytes(makeDoc(0.0, 0.5, 20), LasWriteOptions{crlf, 4});
    QVERIFY(bytes.endsWith(crlf ? "\r\n" : "\n"));
    const qsizetype lf = bytes.count('\n');
    QVERIFY(lf > 40);
    QCOMPARE(bytes.count('\r'), crlf ? lf : 0);
    QCOMPARE(bytes.count("\r\n"), crlf ? lf : 0);
}

void TestLasWriter::headerLayout()
{
    LasDocument doc = makeDoc(1000.0, 0.5, 10);
    doc.setWellValue(QStringLiteral("DATE"), QStringLiteral("13:45 02/21/2011"));
    const QString text = QString::fromUtf8(lasToBytes(doc, LasWriteOptions{false, 4}));
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);

    // Sections in order, ~A last, ~PARAMETER absent without parameters.
    QStringList sections;
    for (const QString &line : lines) {
        if (line.startsWith(u'~'))
            sections << line.left(3);
    }
    QCOMPARE(sections.join(u'|'), QStringLiteral("~VE|~WE|~CU|~OT|~A "));
    QCOMPARE(headerValue(text, QStringLiteral("VERS")), QStringLiteral("2.0"));
    QCOMPARE(headerValue(text, QStringLiteral("WRAP")), QStringLiteral("NO"));

    // ~WELL: STRT STOP STEP NULL, the standard items (blank when unknown), then the extra ones.
    const qsizetype wellStart = lines.indexOf(QRegularExpression(QStringLiteral("~WELL.*")));
    QStringList wellMnemonics;
    for (qsizetype i = wellStart + 1; i < lines.size() && !lines.at(i).startsWith(u'~'); ++i) {
        if (!lines.at(i).startsWith(u'#'))
            wellMnemonics << lines.at(i).trimmed().section(u'.', 0, 0);
    }
    QCOMPARE(wellMnemonics.join(u' '), QStringLiteral("STRT STOP STEP NULL COMP WELL FLD LOC SRVC DATE UWI API LATI"));
    QCOMPARE(headerValue(text, QStringLiteral("STRT")), QStringLiteral("1000.0000"));
    QCOMPARE(headerValue(text, QStringLiteral("STOP")), QStringLiteral("1004.5000"));
    QCOMPARE(headerValue(text, QStringLiteral("STEP")), QStringLiteral("0.5000"));
    QCOMPARE(headerValue(text, QStringLiteral("NULL")), QStringLiteral("-999.25"));
    QCOMPARE(headerValue(text, QStringLiteral("WELL")), QStringLiteral("Test 1-32"));
    QCOMPARE(headerValue(text, QStringLiteral("FLD")), QString()); // blank value
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("^ FLD\\.\\s+: FIELD$"), QRegularExpression::MultilineOption)));
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("^ WELL\\.\\s+Test 1-32\\s+: Well name$"),
                                             QRegularExpression::MultilineOption)));
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("^ LATI\\.DEG\\s+37\\.3153\\s+: Latitude$"),
                                             QRegularExpression::MultilineOption)));

    // Units follow the dot with no space; DEPT comes first in ~CURVE.
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("^~CURVE[^\n]*\n#[^\n]*\n DEPT\\.M "),
                                             QRegularExpression::MultilineOption)));
    QVERIFY(text.contains(QStringLiteral(" GR.GAPI ")));
    QVERIFY(text.contains(QStringLiteral(" RHOB.G/C3 ")));

    // Columns line up: the ':' of every ~WELL item sits in the same column, data lines are equally long.
    QSet<qsizetype> colonColumns;
    for (qsizetype i = wellStart + 1; i < lines.size() && !lines.at(i).startsWith(u'~'); ++i)
        colonColumns.insert(lines.at(i).indexOf(QStringLiteral(" :")));
    QCOMPARE(colonColumns.size(), 1);
    const qsizetype dataStart = lines.indexOf(QRegularExpression(QStringLiteral("~A.*")));
    QSet<qsizetype> dataWidths;
    for (qsizetype i = dataStart; i < lines.size(); ++i)
        dataWidths.insert(lines.at(i).size());
    QCOMPARE(dataWidths.size(), 1);
    QVERIFY(lines.at(dataStart).contains(QRegularExpression(QStringLiteral("^~A\\s+DEPT\\s+GR\\s+RHOB\\s+NPHI$"))));

    // The provenance lines are kept in ~OTHER, the time value survives the ':' delimiter.
    QVERIFY(text.contains(QStringLiteral("\n Digitized by Veer from scan.tif\n")));
    const Result<LasDocument> back = readLasBytes(text.toUtf8());
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(back->wellValue(QStringLiteral("DATE")), QStringLiteral("13:45 02/21/2011"));
    QCOMPARE(back->wellValue(QStringLiteral("FLD")), QString());
}

void TestLasWriter::parameterSection_data()
{
    QTest::addColumn<bool>("withParameters");
    QTest::newRow("no parameters") << false;
    QTest::newRow("parameters") << true;
}

void TestLasWriter::parameterSection()
{
    QFETCH(bool, withParameters);
    LasDocument doc = makeDoc(0.0, 1.0, 3);
    if (withParameters) {
        doc.parameters = {{QStringLiteral("BHT"), QStringLiteral("DEGC"), QStringLiteral("35.5"),
                           QStringLiteral("Bottom hole temperature")},
                          {QStringLiteral("MUD"), QString(), QStringLiteral("GEL CHEM"), QStringLiteral("Mud type")}};
    }
    const QByteArray bytes = lasToBytes(doc);
    QCOMPARE(bytes.contains("~PARAMETER"), withParameters);
    const Result<LasDocument> back = readLasBytes(bytes);
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(back->parameters.size(), doc.parameters.size());
    for (std::size_t i = 0; i < doc.parameters.size(); ++i) {
        QCOMPARE(back->parameters[i].mnemonic, doc.parameters[i].mnemonic);
        QCOMPARE(back->parameters[i].unit, doc.parameters[i].unit);
        QCOMPARE(back->parameters[i].value, doc.parameters[i].value);
        QCOMPARE(back->parameters[i].description, doc.parameters[i].description);
    }
}

void TestLasWriter::customNullValue()
{
    LasDocument doc = makeDoc(5.0, 0.25, 12);
    std::replace(doc.curves[0].values.begin(), doc.curves[0].values.end(), doc.nullValue, -9999.0);
    doc.nullValue = -9999.0;
    doc.curves[0].values[1] = -9999.0;
    doc.curves[1].values[2] = kNaN;
    doc.curves[2].values[3] = std::numeric_limits<double>::infinity();
    const QByteArray bytes = lasToBytes(doc, LasWriteOptions{true, 3});
    const QString text = QString::fromUtf8(bytes);
    QCOMPARE(headerValue(text, QStringLiteral("NULL")), QStringLiteral("-9999"));
    const QString data = text.mid(text.indexOf(QStringLiteral("\r\n~A")));
    QVERIFY(data.size() > 100);
    QVERIFY(!text.contains(QStringLiteral("-999.25")));
    QVERIFY(!data.contains(QStringLiteral("nan"), Qt::CaseInsensitive));
    QVERIFY(!data.contains(QStringLiteral("inf"), Qt::CaseInsensitive));
    const Result<LasDocument> back = readLasBytes(bytes);
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(back->nullValue, -9999.0);
    QCOMPARE(back->curves[0].values[1], -9999.0);
    QCOMPARE(back->curves[1].values[2], -9999.0);
    QCOMPARE(back->curves[2].values[3], -9999.0);
    QCOMPARE(back->curves[0].values[0], std::round(doc.curves[0].values[0] * 1000) / 1000);
}

void TestLasWriter::realFileRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(test::lasDir()).entryList({QStringLiteral("*.las"), QStringLiteral("*.LAS")},
                                                             QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 9);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

void TestLasWriter::realFileRoundTrip()
{
    QFETCH(QString, file);
    const Result<LasDocument> original = readLas(test::lasDir() + u'/' + file);
    QVERIFY2(original.ok(), qPrintable(original.error()));
    const int decimals = 9; // enough for every value in these files
    const QByteArray bytes = lasToBytes(original.value(), LasWriteOptions{true, decimals});
    const Result<LasDocument> back = readLasBytes(bytes, file + QStringLiteral(" (rewritten)"));
    QVERIFY2(back.ok(), qPrintable(back.error()));
    compareDocs(original.value(), back.value(), decimals);
    for (const LasHeaderItem &item : original->well) {
        const auto first = std::find_if(original->well.begin(), original->well.end(),
                                        [&](const LasHeaderItem &i) { return i.mnemonic == item.mnemonic; });
        QCOMPARE(back->wellValue(item.mnemonic), first->value);
    }
    QCOMPARE(back->parameters.size(), original->parameters.size());
    for (std::size_t i = 0; i < original->parameters.size(); ++i)
        QCOMPARE(back->parameters[i].value, original->parameters[i].value);
    QCOMPARE(back->other, original->other);
}

void TestLasWriter::writeLasIsAtomicAndNamesFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("log.las"));
    const LasDocument doc = makeDoc(100.0, 0.5, 10);
    Status status = writeLas(doc, path);
    QVERIFY2(status.ok(), qPrintable(status.error()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), lasToBytes(doc));
    file.close();

    // A document whose curves do not match the depths is refused and leaves the old file alone.
    LasDocument broken = doc;
    broken.curves[1].values.pop_back();
    status = writeLas(broken, path);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(path) && status.error().contains(QStringLiteral("RHOB")),
             qPrintable(status.error()));
    QVERIFY(readLas(path).ok());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("log.las")});

    const QString unwritable = dir.filePath(QStringLiteral("no/such/dir/log.las"));
    status = writeLas(doc, unwritable);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(unwritable), qPrintable(status.error()));
}

void TestLasWriter::csvOutput_data()
{
    QTest::addColumn<bool>("crlf");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray lf = "DEPT,GR,\"RES,DEEP\"\n"
                          "M,GAPI,OHMM\n"
                          "100.0000,12.5,2.35\n"
                          "100.5000,,0.001\n"
                          "101.0000,-3,\n";
    QByteArray crlf = lf;
    crlf.replace("\n", "\r\n");
    QTest::newRow("LF") << false << lf;
    QTest::newRow("CR LF") << true << crlf;
}

void TestLasWriter::csvOutput()
{
    QFETCH(bool, crlf);
    QFETCH(QByteArray, expected);

    LasDocument doc;
    doc.depths = {100.0, 100.5, 101.0};
    doc.curves = {{QStringLiteral("GR"), QStringLiteral("GAPI"), QString(), {12.5, -999.25, -3.0}},
                  {QStringLiteral("RES,DEEP"), QStringLiteral("OHMM"), QString(), {2.35, 0.001, kNaN}}};
    QCOMPARE(csvToBytes(doc, crlf), expected);
}

void TestLasWriter::writeCsvFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("log.csv"));
    const LasDocument doc = makeDoc(0.0, 0.1524, 25);
    Status status = writeCsv(doc, path);
    QVERIFY2(status.ok(), qPrintable(status.error()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 2 + 25 + 1);
    QCOMPARE(lines.at(0), QByteArray("DEPT,GR,RHOB,NPHI"));
    QCOMPARE(lines.at(1), QByteArray("M,GAPI,G/C3,V/V"));
    for (int r = 0; r < 25; ++r) {
        const QList<QByteArray> cells = lines.at(r + 2).split(',');
        QCOMPARE(cells.size(), 4);
        QCOMPARE(cells.at(0).toDouble(), doc.depths[std::size_t(r)]);
        for (int c = 0; c < 3; ++c) {
            const double v = doc.curves[std::size_t(c)].values[std::size_t(r)];
            if (isNullOrNaN(v, doc.nullValue))
                QVERIFY(cells.at(c + 1).isEmpty());
            else
                QCOMPARE(cells.at(c + 1).toDouble(), v); // shortest exact form
        }
    }
    const QString bad = dir.filePath(QStringLiteral("missing/log.csv"));
    status = writeCsv(doc, bad);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(bad), qPrintable(status.error()));
}

void TestLasWriter::lasJsAgrees_data()
{
    QTest::addColumn<QString>("source"); // resource file to rewrite, or empty for a synthetic log
    QTest::addColumn<bool>("crlf");

    QTest::newRow("synthetic, CR LF") << QString() << true;
    QTest::newRow("synthetic, LF") << QString() << false;
    QTest::newRow("sample_2.0_wrapped rewritten") << QStringLiteral("sample_2.0_wrapped.las") << true;
    QTest::newRow("example_2 rewritten") << QStringLiteral("example_2.las") << true;
}

void TestLasWriter::lasJsAgrees()
{
    QFETCH(QString, source);
    QFETCH(bool, crlf);

    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        QSKIP("node is not installed; install Node.js and run `npm ci --prefix tests/lasjs`");
    const QString lasjsDir = test::sourceDir() + QStringLiteral("/tests/lasjs");
    if (!QFileInfo::exists(lasjsDir + QStringLiteral("/node_modules/las-js/package.json")))
        QSKIP("tests/lasjs/node_modules is missing; run `npm ci --prefix tests/lasjs`");

    LasDocument doc;
    if (source.isEmpty()) {
        doc = makeDoc(1500.0, 0.25, 60);
    } else {
        Result<LasDocument> read = readLas(test::lasDir() + u'/' + source);
        QVERIFY2(read.ok(), qPrintable(read.error()));
        doc = read.take();
    }
    const int decimals = 4;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("check.las"));
    const Status status = writeLas(doc, path, LasWriteOptions{crlf, decimals});
    QVERIFY2(status.ok(), qPrintable(status.error()));

    QProcess process;
    process.start(node, {lasjsDir + QStringLiteral("/check-las.mjs"), path});
    QVERIFY2(process.waitForFinished(60000), "node did not finish");
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             qPrintable(QString::fromUtf8(err + out)));

    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(out, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QCOMPARE(report.value(QStringLiteral("warnings")).toArray().size(), 0);
    QCOMPARE(report.value(QStringLiteral("version")).toDouble(), 2.0);
    QCOMPARE(report.value(QStringLiteral("wrap")).toBool(), false);
    QCOMPARE(report.value(QStringLiteral("nullValue")).toDouble(), doc.nullValue);

    QStringList expectedCurves{doc.depthMnemonic};
    for (const LasCurve &curve : doc.curves)
        expectedCurves << curve.mnemonic;
    QStringList curves;
    for (const QJsonValue &v : report.value(QStringLiteral("curves")).toArray())
        curves << v.toString();
    QCOMPARE(curves, expectedCurves);
    QCOMPARE(report.value(QStringLiteral("rowCount")).toInt(), int(doc.depths.size()));

    const double tolerance = 0.5 * std::pow(10.0, -decimals) * (1 + 1e-9);
    const auto checkRow = [&](const QString &key, std::size_t r) {
        const QJsonArray row = report.value(key).toArray();
        QCOMPARE(row.size(), qsizetype(doc.curves.size() + 1));
        QCOMPARE(row.at(0).toDouble(), doc.depths[r]);
        for (std::size_t c = 0; c < doc.curves.size(); ++c) {
            const double written = doc.curves[c].values[r];
            const double parsed = row.at(qsizetype(c + 1)).toDouble();
            if (isNullOrNaN(written, doc.nullValue))
                QCOMPARE(parsed, doc.nullValue);
            else
                QVERIFY2(std::abs(parsed - written) <= tolerance,
                         qPrintable(QStringLiteral("%1 %2: %3 vs %4").arg(key, doc.curves[c].mnemonic).arg(parsed).arg(written)));
        }
    };
    checkRow(QStringLiteral("firstRow"), 0);
    if (QTest::currentTestFailed())
        return;
    checkRow(QStringLiteral("lastRow"), doc.depths.size() - 1);
}

QTEST_GUILESS_MAIN(TestLasWriter)
#include "tst_laswriter.moc"
