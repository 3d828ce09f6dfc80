// Tracer tuning as JSON (--trace-options): round trip, partial files, and every kind of bad input.
#include "trace/traceoptionsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace veer;

class TestTraceOptionsJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void partialKeepsDefaults();
    void badValues_data();
    void badValues();
    void fileErrorsNameTheFile();
};

void TestTraceOptionsJson::roundTrip()
{
    TraceOptions o;
    o.probabilityThreshold = 40;
    o.absentCost[1] = 2.25f;
    o.joinGap[1] = 14;
    o.maxBridgeRows = 30;
    o.edgeMargin = 6.5;
    auto back = traceOptionsFromJson(traceOptionsToJson(o));
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(back->probabilityThreshold, 40);
    QCOMPARE(back->absentCost[0], o.absentCost[0]);
    QCOMPARE(back->absentCost[1], 2.25f);
    QCOMPARE(back->joinGap[1], 14);
    QCOMPARE(back->maxBridgeRows, 30);
    QCOMPARE(back->edgeMargin, 6.5);
    QCOMPARE(traceOptionsToJson(*back), traceOptionsToJson(o));
}

void TestTraceOptionsJson::partialKeepsDefaults()
{
    const TraceOptions defaults;
    auto o = traceOptionsFromJson(QJsonObject{{QStringLiteral("absentCost"), 3.0},
                                              {QStringLiteral("unexplainedCost"), QJsonArray{0.5, 4.0}}});
    QVERIFY2(o.ok(), qPrintable(o.error()));
    QCOMPARE(o->absentCost[0], 3.0f);  // one number sets both curves
    QCOMPARE(o->absentCost[1], 3.0f);
    QCOMPARE(o->unexplainedCost[0], 0.5f);
    QCOMPARE(o->unexplainedCost[1], 4.0f);
    QCOMPARE(o->slopeWeight, defaults.slopeWeight);
    QCOMPARE(o->maxBridgeRows, defaults.maxBridgeRows);
}

void TestTraceOptionsJson::badValues_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key") << QByteArray(R"({"probabilityTreshold": 40})") << "unknown tracer option 'probabilityTreshold'";
    QTest::newRow("string") << QByteArray(R"({"slopeWeight": "0.3"})") << "'slopeWeight' must be a number";
    QTest::newRow("fraction for a count") << QByteArray(R"({"maxBridgeRows": 2.5})") << "whole number";
    QTest::newRow("negative") << QByteArray(R"({"absentCost": [1, -2]})") << "'absentCost'";
    QTest::newRow("three values") << QByteArray(R"({"joinGap": [1, 2, 3]})") << "array of two numbers";
    QTest::newRow("array for a scalar") << QByteArray(R"({"wrapCost": [1, 2]})") << "'wrapCost' must be a number";
    QTest::newRow("threshold zero") << QByteArray(R"({"probabilityThreshold": 0})") << "from 1 to 255";
}

void TestTraceOptionsJson::badValues()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    auto o = traceOptionsFromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!o.ok());
    QVERIFY2(o.error().contains(expected), qPrintable(o.error()));
}

void TestTraceOptionsJson::fileErrorsNameTheFile()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("absent.json"));
    auto a = loadTraceOptions(missing);
    QVERIFY(!a.ok() && a.error().contains(missing));
    const QString nan = dir.filePath(QStringLiteral("nan.json"));
    QFile f(nan);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"slopeWeight": NaN})");
    f.close();
    auto b = loadTraceOptions(nan);
    QVERIFY(!b.ok());
    QVERIFY2(b.error().contains(nan) && b.error().contains(QStringLiteral("not valid JSON")), qPrintable(b.error()));
}

QTEST_GUILESS_MAIN(TestTraceOptionsJson)
#include "tst_traceoptionsjson.moc"
