#include "las/lasreader.h"
#include "testdata.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace veer;

namespace {

QByteArray readResource(const QString &name)
{
    QFile file(test::lasDir() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test file %s", qPrintable(file.fileName()));
    return file.readAll();
}

/** A minimal LAS 2.0 text around a ~P line, a ~C block and ~A rows. */
QByteArray minimalLas(const QByteArray &parameterLine, const QByteArray &curves = "DEPT.M :\nGR.GAPI :\n",
                      const QByteArray &data = "1.0 2.0\n")
{
    return "~V\nVERS. 2.0 :\nWRAP. NO :\n~W\nNULL. -999.25 :\n~P\n" + parameterLine + "\n~C\n" + curves
           + "~A\n" + data;
}

/**
 * Rewrites the data of a LAS text with a different wrapping: one line per depth step, or the
 * depth alone on a line followed by lines of at most five values. The header is kept, except WRAP.
 */
QByteArray rewrap(const QByteArray &bytes, int columns, bool wrap)
{
    const QString text = QString::fromUtf8(bytes);
    const qsizetype a = text.indexOf(QRegularExpression(QStringLiteral("^~A"), QRegularExpression::MultilineOption));
    const qsizetype dataStart = text.indexOf(u'\n', a) + 1;
    QString header = text.left(dataStart);
    header.replace(QRegularExpression(QStringLiteral("^(\\s*WRAP\\s*\\.\\s*)(YES|NO)"),
                                      QRegularExpression::MultilineOption),
                   wrap ? QStringLiteral("\\1YES") : QStringLiteral("\\1NO"));
    const QStringList tokens = text.mid(dataStart).split(QRegularExpression(QStringLiteral("\\s+")),
                                                         Qt::SkipEmptyParts);
    QString out = header;
    for (qsizetype i = 0; i < tokens.size(); i += columns) {
        if (!wrap) {
            out += tokens.mid(i, columns).join(u' ') + u'\n';
            continue;
        }
        out += tokens.at(i) + u'\n';
        for (qsizetype j = 1; j < columns; j += 5)
            out += u' ' + tokens.mid(i + j, std::min<qsizetype>(5, columns - j)).join(u' ') + u'\n';
    }
    return out.toUtf8();
}

} // namespace

class TestLasReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readRealFile_data();
    void readRealFile();
    void knownValue_data();
    void knownValue();
    void wrappedEqualsUnwrapped_data();
    void wrappedEqualsUnwrapped();
    void headerLine_data();
    void headerLine();
    void las12SwapsWellValues();
    void las30FirstLogDataSet();
    void tolerantInput_data();
    void tolerantInput();
    void nullValueFromWell_data();
    void nullValueFromWell();
    void hugeHeaderRangeAllocatesNothing();
    void badInput_data();
    void badInput();
    void readLasNamesFile();
    void truncatedAtEveryByte_data();
    void truncatedAtEveryByte();
};

void TestLasReader::readRealFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("wrapped");
    QTest::addColumn<int>("curves");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("depthUnit");
    QTest::addColumn<double>("firstDepth");
    QTest::addColumn<double>("lastDepth");
    QTest::addColumn<double>("nullValue");
    QTest::addColumn<QString>("wellKey");
    QTest::addColumn<QString>("wellValue");

    // Expectations counted from the files with awk, independently of the reader.
    QTest::newRow("1001178549") << "1001178549.las" << "2.0" << true << 26 << 5 << "FT" << 1783.5 << 1784.5
                                << -999.25 << "WELL" << "1-28";
    QTest::newRow("24034") << "24034.LAS" << "2.0" << false << 1 << 769 << "F" << 3128.0 << 3320.0 << -999.25
                           << "OPER" << "CONSUMERS POWER CO AND BREHM E EDWIN AND";
    QTest::newRow("F03-02") << "F03-02.las" << "2.00" << false << 12 << 14069 << "M" << 2153.8647 << 9.9060
                            << -999.25 << "WELL" << "F/3-2";
    QTest::newRow("P-135") << "P-135_out.LAS" << "2.0" << true << 22 << 4951 << "m" << 197.5104 << 951.8904
                           << -999.25 << "DATE" << "12/30/2011";
    QTest::newRow("Wellington v2") << "Wellington_KGS-1-32-wDST2_LASv2.las" << "2.0" << false << 37 << 9341 << "F"
                                   << 580.0 << 5247.5 << -999.25 << "LOC" << "T31S R1W, Sec. 32";
    QTest::newRow("Wellington v3") << "Wellington_KGS-1-32-wDST2_LASv3.las" << "3.0" << false << 37 << 9341 << "F"
                                   << 580.0 << 5247.5 << -999.25 << "DATE" << "02/21/2011";
    QTest::newRow("example_2") << "example_2.las" << "2.00" << false << 12 << 72 << "M" << 1456.3325 << 1445.5122
                               << -999.25 << "WELL" << "Well B";
    QTest::newRow("sample_2.0") << "sample_2.0.las" << "2.0" << false << 7 << 3 << "M" << 1670.0 << 1669.75
                                << -999.25 << "COMP" << "ANY OIL COMPANY INC.";
    QTest::newRow("sample_2.0_wrapped") << "sample_2.0_wrapped.las" << "2.0" << true << 35 << 2 << "M" << 910.0
                                        << 909.875 << -999.25 << "SON" << "142085";
}

void TestLasReader::readRealFile()
{
    QFETCH(QString, file);
    QFETCH(QString, version);
    QFETCH(bool, wrapped);
    QFETCH(int, curves);
    QFETCH(int, rows);
    QFETCH(QString, depthUnit);
    QFETCH(double, firstDepth);
    QFETCH(double, lastDepth);
    QFETCH(double, nullValue);
    QFETCH(QString, wellKey);
    QFETCH(QString, wellValue);

    const Result<LasDocument> result = readLas(test::lasDir() + u'/' + file);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const LasDocument &doc = result.value();
    QCOMPARE(doc.version, version);
    QCOMPARE(doc.wrapped, wrapped);
    QCOMPARE(int(doc.curves.size()), curves);
    QCOMPARE(int(doc.depths.size()), rows);
    QCOMPARE(doc.depthUnit, depthUnit);
    QCOMPARE(doc.depths.front(), firstDepth);
    QCOMPARE(doc.depths.back(), lastDepth);
    QCOMPARE(doc.nullValue, nullValue);
    QCOMPARE(doc.wellValue(wellKey), wellValue);
    for (const LasCurve &curve : doc.curves) {
        QVERIFY(!curve.mnemonic.isEmpty());
        QCOMPARE(int(curve.values.size()), rows);
    }
    for (const LasHeaderItem &item : doc.well) {
        for (const char *reserved : {"STRT", "STOP", "STEP", "NULL"})
            QVERIFY(item.mnemonic.compare(QLatin1String(reserved), Qt::CaseInsensitive) != 0);
    }
}

void TestLasReader::knownValue_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("curve");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<int>("row");
    QTest::addColumn<double>("value");

    QTest::newRow("1001178549 IDGR") << "1001178549.las" << "IDGR" << "API" << 0 << 50.6465;
    QTest::newRow("1001178549 IDL3") << "1001178549.las" << "IDL3" << "OHMM" << 0 << 0.4533;
    QTest::newRow("1001178549 IDSP last") << "1001178549.las" << "IDSP" << "MVOLT" << 4 << 93.2671;
    QTest::newRow("1001178549 ME null") << "1001178549.las" << "ME" << "OHMM" << 4 << -999.25;
    QTest::newRow("24034 GR first") << "24034.LAS" << "GR" << "GAPI" << 0 << 5.357;
    QTest::newRow("24034 GR last") << "24034.LAS" << "GR" << "GAPI" << 768 << 28.274;
    QTest::newRow("F03-02 SP") << "F03-02.las" << "SP" << "MV" << 5000 << 49.770004;
    QTest::newRow("F03-02 GR") << "F03-02.las" << "GR" << "GAPI" << 5000 << 72.890549;
    QTest::newRow("F03-02 CAL2") << "F03-02.las" << "CAL2" << "IN" << 5000 << 12.049398;
    QTest::newRow("F03-02 -9999 is data") << "F03-02.las" << "LLS" << "OHMM" << 5000 << -9999.0;
    QTest::newRow("P-135 GR row 1") << "P-135_out.LAS" << "GR" << "gAPI" << 1 << 77.621963501;
    QTest::newRow("P-135 GR row 1000") << "P-135_out.LAS" << "GR" << "gAPI" << 1000 << 140.49879456;
    QTest::newRow("P-135 RHOB row 1000") << "P-135_out.LAS" << "RHOB" << "g/cm3" << 1000 << 2.5058090687;
    QTest::newRow("P-135 unit with dot") << "P-135_out.LAS" << "AMF" << "ohm.m" << 0 << -999.25;
    QTest::newRow("Wellington v2 TENS") << "Wellington_KGS-1-32-wDST2_LASv2.las" << "TENS" << "lbs" << 0 << 1805.8065;
    QTest::newRow("Wellington v2 RHOB") << "Wellington_KGS-1-32-wDST2_LASv2.las" << "RHOB" << "g/cc" << 4000 << 2.5517;
    QTest::newRow("Wellington v2 GRTO") << "Wellington_KGS-1-32-wDST2_LASv2.las" << "GRTO" << "api" << 4000 << 86.1974;
    QTest::newRow("Wellington v3 GR") << "Wellington_KGS-1-32-wDST2_LASv3.las" << "GR" << "api" << 0 << 35.7831;
    QTest::newRow("Wellington v3 RHOB") << "Wellington_KGS-1-32-wDST2_LASv3.las" << "RHOB" << "g/cc" << 4000 << 2.5517;
    QTest::newRow("Wellington v3 TENS last") << "Wellington_KGS-1-32-wDST2_LASv3.las" << "TENS" << "lbs" << 9340 << 2133.3867;
    QTest::newRow("example_2 SP") << "example_2.las" << "SP" << "MV" << 0 << 47.01001;
    QTest::newRow("example_2 CAL2 last") << "example_2.las" << "CAL2" << "IN" << 71 << 12.315153;
    QTest::newRow("sample_2.0 NPHI") << "sample_2.0.las" << "NPHI" << "V/V" << 0 << 0.45;
    QTest::newRow("sample_2.0 ILD") << "sample_2.0.las" << "ILD" << "OHMM" << 2 << 105.6;
    QTest::newRow("sample wrapped RHOB") << "sample_2.0_wrapped.las" << "RHOB" << "K/M" << 0 << 2692.7075;
    QTest::newRow("sample wrapped GR") << "sample_2.0_wrapped.las" << "GR" << "GAPI" << 1 << 90.2803;
    QTest::newRow("sample wrapped DT null") << "sample_2.0_wrapped.las" << "DT" << "US/M" << 0 << -999.25;
    QTest::newRow("sample wrapped LSWB") << "sample_2.0_wrapped.las" << "LSWB" << "" << 1 << 0.0;
}

void TestLasReader::knownValue()
{
    QFETCH(QString, file);
    QFETCH(QString, curve);
    QFETCH(QString, unit);
    QFETCH(int, row);
    QFETCH(double, value);

    const Result<LasDocument> result = readLas(test::lasDir() + u'/' + file);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const LasCurve *c = result->curve(curve);
    QVERIFY2(c, qPrintable(curve));
    QCOMPARE(c->unit, unit);
    QVERIFY(row < int(c->values.size()));
    // Parsing the same decimal text must give the same double, so compare exactly.
    QCOMPARE(c->values[std::size_t(row)], value);
}

void TestLasReader::wrappedEqualsUnwrapped_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("wrap");

    // The two spec examples hold different logs, so each is compared with itself rewrapped.
    QTest::newRow("sample_2.0 wrapped") << "sample_2.0.las" << true;
    QTest::newRow("sample_2.0_wrapped unwrapped") << "sample_2.0_wrapped.las" << false;
    QTest::newRow("1001178549 unwrapped") << "1001178549.las" << false;
    QTest::newRow("P-135 unwrapped") << "P-135_out.LAS" << false;
    QTest::newRow("24034 wrapped") << "24034.LAS" << true;
}

void TestLasReader::wrappedEqualsUnwrapped()
{
    QFETCH(QString, file);
    QFETCH(bool, wrap);

    const QByteArray original = readResource(file);
    const Result<LasDocument> a = readLasBytes(original, file);
    QVERIFY2(a.ok(), qPrintable(a.error()));
    QCOMPARE(a->wrapped, !wrap);

    const QByteArray rewrapped = rewrap(original, int(a->curves.size()) + 1, wrap);
    const Result<LasDocument> b = readLasBytes(rewrapped, file + QStringLiteral(" (rewrapped)"));
    QVERIFY2(b.ok(), qPrintable(b.error()));
    QCOMPARE(b->wrapped, wrap);
    QCOMPARE(b->depths, a->depths);
    QCOMPARE(b->curves.size(), a->curves.size());
    for (std::size_t i = 0; i < a->curves.size(); ++i) {
        QCOMPARE(b->curves[i].mnemonic, a->curves[i].mnemonic);
        QCOMPARE(b->curves[i].values, a->curves[i].values);
    }
}

void TestLasReader::headerLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("mnemonic");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("description");

    QTest::newRow("spec") << QByteArray(" BHT   .DEGC   35.5000  :   BOTTOM HOLE TEMPERATURE") << "BHT" << "DEGC"
                          << "35.5000" << "BOTTOM HOLE TEMPERATURE";
    QTest::newRow("date with slashes") << QByteArray("DATE.  02/21/2011 : Completion Date") << "DATE" << ""
                                       << "02/21/2011" << "Completion Date";
    QTest::newRow("dots in value") << QByteArray(" LOC  .   T31S R1W, Sec. 32  : Location (Sec Town Range)") << "LOC"
                                   << "" << "T31S R1W, Sec. 32" << "Location (Sec Town Range)";
    QTest::newRow("dotted date") << QByteArray("DATE.  21.02.2011 : Log date") << "DATE" << "" << "21.02.2011"
                                 << "Log date";
    QTest::newRow("colon in description") << QByteArray("NOTE.   fine : Remark: see log") << "NOTE" << ""
                                          << "fine" << "Remark: see log";
    QTest::newRow("time value") << QByteArray("TIME.  13:45:00 : Time: logged") << "TIME" << "" << "13:45:00"
                                << "Time: logged";
    QTest::newRow("value ends in colon") << QByteArray("CLAB  .   Province:     :County Label") << "CLAB" << ""
                                         << "Province:" << "County Label";
    QTest::newRow("no spaces") << QByteArray("GL.FT 3190.0000:Ground Level") << "GL" << "FT" << "3190.0000"
                               << "Ground Level";
    QTest::newRow("unit with dot") << QByteArray("AMF .ohm.m                : Array Induction") << "AMF" << "ohm.m"
                                   << "" << "Array Induction";
    QTest::newRow("no unit") << QByteArray("MUD    .               GEL CHEM        :   MUD TYPE") << "MUD" << ""
                             << "GEL CHEM" << "MUD TYPE";
    QTest::newRow("odd spacing and tab") << QByteArray("\t  ODD \t .M \t 1 2 3 \t :   spaced  ") << "ODD" << "M"
                                         << "1 2 3" << "spaced";
    QTest::newRow("no description") << QByteArray("NODESC.M 5") << "NODESC" << "M" << "5" << "";
    QTest::newRow("empty") << QByteArray("EMPTY.  :") << "EMPTY" << "" << "" << "";
    QTest::newRow("unit then colon") << QByteArray("RUN.:Run number") << "RUN" << "" << "" << "Run number";
    QTest::newRow("no period") << QByteArray("PDAT  : GL") << "PDAT" << "" << "GL" << "";
}

void TestLasReader::headerLine()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, mnemonic);
    QFETCH(QString, unit);
    QFETCH(QString, value);
    QFETCH(QString, description);

    const Result<LasDocument> result = readLasBytes(minimalLas(line));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->parameters.size(), std::size_t(1));
    const LasHeaderItem &item = result->parameters.front();
    QCOMPARE(item.mnemonic, mnemonic);
    QCOMPARE(item.unit, unit);
    QCOMPARE(item.value, value);
    QCOMPARE(item.description, description);
}

void TestLasReader::las12SwapsWellValues()
{
    // The LAS 1.2 specification example: label before the colon, value after it.
    const QByteArray las12 = "~VERSION INFORMATION\r\n"
                             " VERS.                  1.2:   CWLS LOG ASCII STANDARD -VERSION 1.2\r\n"
                             " WRAP.                  NO:   ONE LINE PER DEPTH STEP\r\n"
                             "~WELL INFORMATION BLOCK\r\n"
                             "#MNEM.UNIT       DATA TYPE    INFORMATION\r\n"
                             " STRT.M        1670.0000:\r\n"
                             " STOP.M        1669.7500:\r\n"
                             " STEP.M        -0.1250:\r\n"
                             " NULL.         -999.2500:\r\n"
                             " COMP.             COMPANY:   ANY OIL COMPANY INC.\r\n"
                             " WELL.                WELL:   AAAAA_2\r\n"
                             " FLD .               FIELD:   WILDCAT\r\n"
                             " DATE.            LOG DATE:   13-DEC-86\r\n"
                             " UWI .      UNIQUE WELL ID:   100123401234W500\r\n"
                             "~CURVE INFORMATION\r\n"
                             " DEPT.M                        :  1  DEPTH\r\n"
                             " DT  .US/M     60 520 32 00    :  2  SONIC TRANSIT TIME\r\n"
                             " RHOB.K/M3     45 350 01 00    :  3  BULK DENSITY\r\n"
                             "~A  DEPTH     DT       RHOB\r\n"
                             "1670.000   123.450 2550.000\r\n"
                             "1669.875   123.450 -999.25\r\n"
                             "1669.750   123.450 2550.000\r\n";
    const Result<LasDocument> result = readLasBytes(las12, QStringLiteral("las12"));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->version, QStringLiteral("1.2"));
    QCOMPARE(result->wellValue(QStringLiteral("COMP")), QStringLiteral("ANY OIL COMPANY INC."));
    QCOMPARE(result->wellValue(QStringLiteral("WELL")), QStringLiteral("AAAAA_2"));
    QCOMPARE(result->wellValue(QStringLiteral("FLD")), QStringLiteral("WILDCAT"));
    QCOMPARE(result->wellValue(QStringLiteral("DATE")), QStringLiteral("13-DEC-86"));
    QCOMPARE(result->wellValue(QStringLiteral("UWI")), QStringLiteral("100123401234W500"));
    QCOMPARE(result->depths, (std::vector<double>{1670.0, 1669.875, 1669.75}));
    QCOMPARE(result->curve(QStringLiteral("RHOB"))->values, (std::vector<double>{2550.0, -999.25, 2550.0}));
    QCOMPARE(result->curve(QStringLiteral("DT"))->description, QStringLiteral("2  SONIC TRANSIT TIME"));
}

void TestLasReader::las30FirstLogDataSet()
{
    const QByteArray las30 = "~Version\n"
                             " VERS .   3.0  : CWLS LOG ASCII STANDARD - VERSION 3.0\n"
                             " WRAP .    NO  : ONE LINE PER DEPTH STEP\n"
                             " DLM  . COMMA  : DELIMITING CHARACTER\n"
                             "~Well\n"
                             " STRT .m  100.0 : START DEPTH {F}\n"
                             " STOP .m  101.0 : STOP DEPTH {F}\n"
                             " STEP .m    0.5 : STEP {F}\n"
                             " NULL .   -9999 : NULL VALUE {F}\n"
                             " WELL .  Test 1 : Well Name {S}\n"
                             "~Core_Definition\n"
                             " CDEP .m : Core depth {F}\n"
                             " POR  .% : Porosity {F}\n"
                             "~Core_Data | Core_Definition\n"
                             " 1,2\n"
                             "~Log_Parameter\n"
                             " BS .mm  200 : Bit size {F} | Run[1]\n"
                             "~Log_Definition\n"
                             " DEPT .m     : Depth {F}\n"
                             " GR   .gAPI  : Gamma ray {F}\n"
                             " RHOB .g/cm3 : Density {F}\n"
                             "~Log_Data | Log_Definition\n"
                             " 100.0, 45.5, 2.31\n"
                             " 100.5,     , 2.35\n"
                             " 101.0, -9999, 2.40,\n"
                             "~Log_Data[2] | Log_Definition[2]\n"
                             " 7, 8, 9, 10\n";
    const Result<LasDocument> result = readLasBytes(las30, QStringLiteral("las30"));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const LasDocument &doc = result.value();
    QCOMPARE(doc.version, QStringLiteral("3.0"));
    QCOMPARE(doc.nullValue, -9999.0);
    QCOMPARE(doc.depthUnit, QStringLiteral("m"));
    QCOMPARE(doc.depths, (std::vector<double>{100.0, 100.5, 101.0}));
    QCOMPARE(doc.curves.size(), std::size_t(2));
    QCOMPARE(doc.curves[0].mnemonic, QStringLiteral("GR"));
    QCOMPARE(doc.curves[0].description, QStringLiteral("Gamma ray"));
    QCOMPARE(doc.curves[0].values, (std::vector<double>{45.5, -9999.0, -9999.0}));
    QCOMPARE(doc.curves[1].values, (std::vector<double>{2.31, 2.35, 2.40}));
    QCOMPARE(doc.wellValue(QStringLiteral("WELL")), QStringLiteral("Test 1"));
    QCOMPARE(doc.parameters.size(), std::size_t(1));
    QCOMPARE(doc.parameters[0].description, QStringLiteral("Bit size"));
}

void TestLasReader::tolerantInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("curves");
    QTest::addColumn<double>("lastValue");

    const QByteArray base = minimalLas("BS.MM 200 : bit", "DEPT.M :\nGR.GAPI :\nRHOB.G/C3 :\n",
                                       "10 1 2\n10.5 3 4\n");
    QTest::newRow("plain") << base << 2 << 2 << 4.0;
    QByteArray crlf = base;
    QTest::newRow("crlf") << crlf.replace("\n", "\r\n") << 2 << 2 << 4.0;
    QByteArray cr = base;
    QTest::newRow("cr only") << cr.replace("\n", "\r") << 2 << 2 << 4.0;
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF" + base) << 2 << 2 << 4.0;
    QTest::newRow("comments and blanks")
        << QByteArray("# leading comment\n\n~Version\n# c\nVERS. 2.0 :\n\n~Well\nNULL. -999.25 :\n"
                      "~Curve\n#MNEM.UNIT\nDEPT .M : d\n  GR .GAPI : g\n\n~A DEPT GR\n# data comment\n"
                      "1 5\n\n   2    -999.25   \n\n")
        << 2 << 1 << -999.25;
    QTest::newRow("lowercase sections, tabs") << QByteArray("~version\nVERS.\t2.0\t:\n~well\n~curve\nDEPT.M\t:\n"
                                                            "GR.API\t:\n~ascii\n1\t7.5\n")
                                              << 1 << 1 << 7.5;
    QTest::newRow("no units, no descriptions") << QByteArray("~V\nVERS. 2.0\n~W\nNULL. -999.25\n~C\nDEPT.\nGR.\n"
                                                             "~A\n1 2\n")
                                               << 1 << 1 << 2.0;
    QTest::newRow("no ~V, no ~W") << QByteArray("~C\nDEPT.M :\nGR.GAPI :\n~A\n1 2\n3 4\n") << 2 << 1 << 4.0;
    QTest::newRow("empty data section") << QByteArray("~C\nDEPT.M :\nGR.GAPI :\n~A\n") << 0 << 1 << 0.0;
    QTest::newRow("nan becomes null") << QByteArray("~C\nDEPT.M :\nGR.GAPI :\n~A\n1 2\n3 NaN\n") << 2 << 1 << -999.25;
    QTest::newRow("tab delimiter") << QByteArray("~V\nVERS. 3.0 :\nDLM . TAB :\n~C\nDEPT.M :\nGR.GAPI :\n~A\n1\t2\n3\t\n")
                                   << 2 << 1 << -999.25;
    QTest::newRow("comma without DLM") << QByteArray("~C\nDEPT.M :\nGR.GAPI :\n~A\n1, 2\n3 ,4\n") << 2 << 1 << 4.0;
    QTest::newRow("STEP 0 irregular") << QByteArray("~W\nSTEP.M 0 :\n~C\nDEPT.M :\nGR.GAPI :\n~A\n1 2\n1.3 4\n"
                                                    "2.9 6\n")
                                      << 3 << 1 << 6.0;
    QTest::newRow("sections after data") << QByteArray("~C\nDEPT.M :\nGR.GAPI :\n~A\n1 2\n~O\nnote\n") << 1 << 1 << 2.0;
}

void TestLasReader::tolerantInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, rows);
    QFETCH(int, curves);
    QFETCH(double, lastValue);

    const Result<LasDocument> result = readLasBytes(bytes, QStringLiteral("tolerant.las"));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(int(result->depths.size()), rows);
    QCOMPARE(int(result->curves.size()), curves);
    if (rows > 0)
        QCOMPARE(result->curves.back().values.back(), lastValue);
}

void TestLasReader::nullValueFromWell_data()
{
    QTest::addColumn<QByteArray>("nullLine");
    QTest::addColumn<QByteArray>("nullText");
    QTest::addColumn<double>("nullValue");

    QTest::newRow("-999.25") << QByteArray("NULL. -999.25 : NULL VALUE") << QByteArray("-999.2500") << -999.25;
    QTest::newRow("-9999") << QByteArray("NULL. -9999 : NULL VALUE") << QByteArray("-9999.000000") << -9999.0;
    QTest::newRow("-99999") << QByteArray(" NULL  .   -99999   :") << QByteArray("-99999") << -99999.0;
    QTest::newRow("0") << QByteArray("NULL. 0 :") << QByteArray("0.0") << 0.0;
    QTest::newRow("missing") << QByteArray("COMP. X : company") << QByteArray("-999.25") << -999.25;
}

void TestLasReader::nullValueFromWell()
{
    QFETCH(QByteArray, nullLine);
    QFETCH(QByteArray, nullText);
    QFETCH(double, nullValue);

    const QByteArray bytes = "~V\nVERS. 2.0 :\n~W\n" + nullLine + "\n~C\nDEPT.M :\nGR.GAPI :\n~A\n1 5\n2 " + nullText
                             + "\n";
    const Result<LasDocument> result = readLasBytes(bytes);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->nullValue, nullValue);
    QCOMPARE(result->curves[0].values, (std::vector<double>{5.0, nullValue}));
}

void TestLasReader::hugeHeaderRangeAllocatesNothing()
{
    // A header that promises 1e16 samples must not make the reader reserve memory for them.
    const QByteArray bytes = "~W\nSTRT.M 0 :\nSTOP.M 1e12 :\nSTEP.M 0.0001 :\n~C\nDEPT.M :\nGR.GAPI :\n~A\n0 1\n"
                             "0.0001 2\n";
    const Result<LasDocument> result = readLasBytes(bytes);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->depths.size(), std::size_t(2));
    QVERIFY(result->depths.capacity() < 1024);
}

void TestLasReader::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("fragment");

    QByteArray binary(512, '\0');
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = char((i * 37 + 11) % 256);
    QByteArray highBytes;
    for (int i = 0; i < 300; ++i)
        highBytes += char(0x80 + (i * 13) % 128);

    QTest::newRow("empty") << QByteArray() << "bad.las: empty file";
    QTest::newRow("whitespace") << QByteArray(" \r\n\t\n") << "bad.las: empty file";
    QTest::newRow("binary") << binary << "bad.las: binary data";
    QTest::newRow("high bytes") << highBytes << "bad.las:1: expected a LAS section";
    QTest::newRow("text") << QByteArray("\n\nhello world\n~A\n1 2\n") << "bad.las:3: expected a LAS section";
    QTest::newRow("only comments") << QByteArray("# one\n# two\n") << "bad.las: no LAS section";
    QTest::newRow("no ~A") << QByteArray("~V\nVERS. 2.0 :\n~W\nNULL. -999.25 :\n~C\nDEPT.M :\n") << "bad.las: no ~A";
    QTest::newRow("truncated in header") << QByteArray("~VERSION\nVERS. 2.0 :\nWRAP. NO :\n~WELL\nSTRT.M 1") << "no ~A";
    QTest::newRow("no curves") << QByteArray("~V\nVERS. 2.0 :\n~A\n1 2\n") << "bad.las:3: no curves";
    QTest::newRow("too few values")
        << QByteArray("~V\nVERS. 2.0 :\nWRAP. NO :\n~C\nDEPT.M :\nGR.GAPI :\nRHOB.G/C3 :\n~A\n1 2 3\n2 3\n")
        << "bad.las:10: expected 3 values (one per curve) but found 2";
    QTest::newRow("too many values") << QByteArray("~C\nDEPT.M :\nGR.GAPI :\n~A\n1 2\n\n2 3 4\n")
                                     << "bad.las:7: expected 2 values";
    QTest::newRow("truncated data line") << QByteArray("~C\nDEPT.M :\nGR.GAPI :\nRHOB.G/C3 :\n~A\n1 2 3\n2 3")
                                         << "bad.las:7: expected 3 values";
    QTest::newRow("truncated wrapped record")
        << QByteArray("~V\nWRAP. YES :\n~C\nDEPT.M :\nA.M :\nB.M :\nC.M :\n~A\n1\n2 3 4\n2\n3 4\n")
        << "bad.las:11: incomplete wrapped record: 3 of 4";
    QTest::newRow("not a number") << QByteArray("~C\nDEPT.M :\nGR.GAPI :\n~A\n1 2\n2 abc\n")
                                  << "bad.las:6: 'abc' is not a number";
    QTest::newRow("junk after ~A") << QByteArray("~C\nDEPT.M :\n~A\n\x01\x02\x03\n") << "bad.las:4: '\?\?\?' is not a number";
}

void TestLasReader::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, fragment);

    const Result<LasDocument> result = readLasBytes(bytes, QStringLiteral("bad.las"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(fragment), qPrintable(result.error()));
}

void TestLasReader::readLasNamesFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing.las"));
    Result<LasDocument> result = readLas(missing);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(missing), qPrintable(result.error()));

    const QString garbage = dir.filePath(QStringLiteral("garbage.las"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("~V\nVERS. 2.0 :\n~C\nDEPT.M :\nGR.GAPI :\n~A\n1 2\n3\n");
    file.close();
    result = readLas(garbage);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(garbage + QStringLiteral(":8: ")), qPrintable(result.error()));
}

void TestLasReader::truncatedAtEveryByte_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("unwrapped") << "sample_2.0.las";
    QTest::newRow("wrapped") << "sample_2.0_wrapped.las";
}

void TestLasReader::truncatedAtEveryByte()
{
    // Every prefix of a valid file either reads or fails with a message naming the file; a cut
    // inside the data can only leave whole rows behind.
    QFETCH(QString, file);
    const QByteArray bytes = readResource(file);
    const Result<LasDocument> full = readLasBytes(bytes);
    QVERIFY2(full.ok(), qPrintable(full.error()));
    int failures = 0;
    for (qsizetype n = 0; n < bytes.size(); ++n) {
        const Result<LasDocument> result = readLasBytes(bytes.left(n), QStringLiteral("cut.las"));
        if (!result.ok()) {
            ++failures;
            QVERIFY2(result.error().startsWith(QStringLiteral("cut.las")), qPrintable(result.error()));
            continue;
        }
        QVERIFY(result->depths.size() <= full->depths.size());
        for (const LasCurve &curve : result->curves)
            QCOMPARE(curve.values.size(), result->depths.size());
    }
    QVERIFY(failures > 0);
}

QTEST_GUILESS_MAIN(TestLasReader)
#include "tst_lasreader.moc"
