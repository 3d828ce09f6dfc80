// Ink hints on a drawn colour sheet: ink of another colour loses a hinted class, ink of the
// hinted colour (also its light, anti-aliased edge) keeps it.
#include "calibration/calibration.h"
#include "pipeline/inkhint.h"
#include "raster/rastersource.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace veer;

class TestInkHint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hueDistance();
    void otherInksLoseTheClass();
};

void TestInkHint::hueDistance()
{
    const std::array<double, 3> paper{250, 250, 245};
    QCOMPARE(inkHueDistance({20, 20, 20}, {0, 0, 0}, paper) < 0.05, true);
    QVERIFY(inkHueDistance({0, 160, 0}, {0, 0, 0}, paper) > 0.3);
    QVERIFY(inkHueDistance({230, 120, 20}, {0, 160, 0}, paper) > 0.3);
    // A light edge of the green stroke: half ink, half paper.
    QVERIFY(inkHueDistance({125, 205, 122}, {0, 160, 0}, paper) < 0.1);
    // Paper itself says nothing.
    QVERIFY(inkHueDistance({245, 248, 244}, {0, 160, 0}, paper) < 0.0);
}

void TestInkHint::otherInksLoseTheClass()
{
    QTemporaryDir dir;
    cv::Mat sheet(300, 400, CV_8UC3, cv::Scalar(245, 250, 250));  // BGR
    cv::line(sheet, {0, 100}, {399, 100}, cv::Scalar(30, 130, 235), 2);   // orange grid line
    cv::line(sheet, {100, 0}, {100, 299}, cv::Scalar(200, 40, 0), 2);     // blue curve one
    cv::line(sheet, {300, 0}, {250, 299}, cv::Scalar(0, 160, 0), 2);      // green curve two
    const QString png = dir.filePath(QStringLiteral("colour.png"));
    QVERIFY(cv::imwrite(png.toStdString(), sheet));
    auto src = RasterSource::open(png);
    QVERIFY2(src.ok(), qPrintable(src.error()));

    // A network that called every ink pixel curve two.
    cv::Mat grey;
    cv::cvtColor(sheet, grey, cv::COLOR_BGR2GRAY);
    const cv::Mat ink = grey < 200;
    cv::Mat labels(sheet.size(), CV_8UC1, cv::Scalar(0));
    labels.setTo(2, ink);
    cv::Mat probabilities(sheet.size(), CV_8UC2, cv::Scalar(0, 0));
    probabilities.setTo(cv::Scalar(20, 220), ink);

    Calibration cal;
    Track track;
    track.left = 10;
    track.right = 390;
    CurveScale one, two;
    one.classId = 1;
    one.mnemonic = QStringLiteral("SP");
    two.classId = 2;
    two.mnemonic = QStringLiteral("GR");
    two.ink = QStringLiteral("#00a000");
    track.curves = {one, two};
    cal.tracks = {track};

    cv::Mat l = labels.clone(), p = probabilities.clone();
    auto changed = applyInkHints(**src, cal, l, p);
    QVERIFY2(changed.ok(), qPrintable(changed.error()));
    QVERIFY(*changed > 0);
    // The green stroke keeps curve two; the orange grid and the blue curve lose it.
    int greenKept = 0, greenAll = 0, otherKept = 0, otherAll = 0;
    for (int y = 0; y < sheet.rows; ++y) {
        for (int x = 10; x <= 390; ++x) {
            if (!ink.at<uint8_t>(y, x))
                continue;
            const cv::Vec3b c = sheet.at<cv::Vec3b>(y, x);
            const bool isGreen = c[1] > 100 && c[2] < 100 && c[0] < 100;
            (isGreen ? greenAll : otherAll) += 1;
            if (l.at<uint8_t>(y, x) == 2)
                (isGreen ? greenKept : otherKept) += 1;
        }
    }
    QVERIFY(greenAll > 500 && otherAll > 1000);
    QCOMPARE(greenKept, greenAll);
    QVERIFY2(otherKept <= otherAll / 50, qPrintable(QStringLiteral("%1 of %2 kept").arg(otherKept).arg(otherAll)));

    // Without a hint, or on a grey sheet, nothing changes.
    cal.tracks[0].curves[1].ink.clear();
    l = labels.clone();
    p = probabilities.clone();
    QCOMPARE(*applyInkHints(**src, cal, l, p), 0LL);
    const QString greyPng = dir.filePath(QStringLiteral("grey.png"));
    QVERIFY(cv::imwrite(greyPng.toStdString(), grey));
    auto greySrc = RasterSource::open(greyPng);
    QVERIFY(greySrc.ok());
    cal.tracks[0].curves[1].ink = QStringLiteral("#00a000");
    QCOMPARE(*applyInkHints(**greySrc, cal, l, p), 0LL);

    // The hint survives a save and load of the calibration; a bad colour is refused by name.
    cal.depthUnit = QStringLiteral("M");
    cal.ties = {{0.0, 100.0}, {299.0, 130.0}};
    cal.step = 0.1;
    const QString calPath = dir.filePath(QStringLiteral("cal.json"));
    QVERIFY(cal.save(calPath).ok());
    auto loaded = Calibration::load(calPath);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->tracks[0].curves[1].ink, QStringLiteral("#00a000"));
    QVERIFY(loaded->tracks[0].curves[0].ink.isEmpty());
    QFile f(calPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray json = f.readAll();
    f.close();
    json.replace("\"#00a000\"", "\"green\"");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(json);
    f.close();
    auto bad = Calibration::load(calPath);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().contains(QStringLiteral(".ink")), qPrintable(bad.error()));
}

QTEST_GUILESS_MAIN(TestInkHint)
#include "tst_inkhint.moc"
