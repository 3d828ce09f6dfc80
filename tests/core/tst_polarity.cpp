#include "raster/polarity.h"
#include "raster/rastersource.h"
#include "synth/synthgenerator.h"
#include "synth/synthoptions.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace veer;

/** Polarity detection: microfilm negatives are recognised and turned round; paper scans are left alone. */
class TestPolarity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handMadeSheets_data();
    void handMadeSheets();
    void generatedRenders_data();
    void generatedRenders();
    void tallNegativeFromFile();
    void toPositiveInverts();
};

namespace {

cv::Mat paperSheet(int w, int h, int paper, int ink)
{
    cv::Mat m(h, w, CV_8UC1, cv::Scalar(paper));
    for (int x = 10; x < w; x += 25)
        cv::line(m, {x, 0}, {x, h - 1}, cv::Scalar((paper + ink) / 2), 1);
    for (int y = 0; y + 1 < h; y += 3)
        cv::line(m, {int(w / 2 + w / 3 * std::sin(y / 40.0)), y}, {int(w / 2 + w / 3 * std::sin((y + 3) / 40.0)), y + 3},
                 cv::Scalar(ink), 2);
    return m;
}

} // namespace

void TestPolarity::handMadeSheets_data()
{
    QTest::addColumn<int>("paper");
    QTest::addColumn<int>("ink");
    QTest::addColumn<bool>("negative");
    QTest::newRow("white paper, black ink") << 250 << 10 << false;
    QTest::newRow("yellowed paper") << 170 << 30 << false;
    QTest::newRow("dark tinted paper") << 125 << 0 << false;
    QTest::newRow("film negative") << 20 << 230 << true;
    QTest::newRow("grey film negative") << 80 << 200 << true;
}

void TestPolarity::handMadeSheets()
{
    QFETCH(int, paper);
    QFETCH(int, ink);
    QFETCH(bool, negative);
    const cv::Mat sheet = paperSheet(300, 400, paper, ink);
    QCOMPARE(detectPolarity(sheet) == Polarity::Negative, negative);
    QCOMPARE(medianGrey(sheet), paper);
}

void TestPolarity::generatedRenders_data()
{
    QTest::addColumn<QString>("render");
    QTest::addColumn<bool>("negative");
    for (const char *r : {"colour", "gray", "fax200", "fax300", "any"})
        QTest::newRow(r) << QString::fromLatin1(r) << false;
    QTest::newRow("negative") << QStringLiteral("negative") << true;
}

void TestPolarity::generatedRenders()
{
    QFETCH(QString, render);
    QFETCH(bool, negative);
    SynthOptions o;
    QVERIFY(parseRenderStyle(render, o.render));
    o.width = 500;
    o.height = 900;
    o.lasFiles.clear();
    for (std::uint64_t seed = 11; seed < 17; ++seed) {
        const SynthCase c = generateSynthCase(o, seed);
        cv::Mat grey;
        if (c.sheet.channels() == 3)
            cv::cvtColor(c.sheet, grey, cv::COLOR_BGR2GRAY);
        else
            grey = c.sheet;
        QVERIFY2((detectPolarity(grey) == Polarity::Negative) == negative,
                 qPrintable(QStringLiteral("seed %1: median grey %2").arg(seed).arg(medianGrey(grey))));
    }
}

void TestPolarity::tallNegativeFromFile()
{
    // Bands sampled along a tall sheet decide, not the first rows: the top is a white leader strip.
    QTemporaryDir dir;
    cv::Mat sheet;
    cv::bitwise_not(paperSheet(200, 3000, 245, 15), sheet);
    sheet.rowRange(0, 200).setTo(255);
    const QString path = dir.filePath(QStringLiteral("negative.png"));
    QVERIFY(cv::imwrite(path.toStdString(), sheet));
    auto source = RasterSource::open(path);
    QVERIFY2(source.ok(), qPrintable(source.error()));
    auto polarity = detectPolarity(**source);
    QVERIFY2(polarity.ok(), qPrintable(polarity.error()));
    QCOMPARE(*polarity, Polarity::Negative);
    QCOMPARE(detectPolarity(sheet.rowRange(0, 100)), Polarity::Positive);
}

void TestPolarity::toPositiveInverts()
{
    const cv::Mat sheet = paperSheet(64, 64, 240, 20);
    QCOMPARE(cv::countNonZero(toPositive(sheet, Polarity::Positive) != sheet), 0);
    cv::Mat back = toPositive(toPositive(sheet, Polarity::Negative), Polarity::Negative);
    QCOMPARE(cv::countNonZero(back != sheet), 0);
    QCOMPARE(int(toPositive(sheet, Polarity::Negative).at<uchar>(0, 0)), 255 - 240);
}

QTEST_GUILESS_MAIN(TestPolarity)
#include "tst_polarity.moc"
