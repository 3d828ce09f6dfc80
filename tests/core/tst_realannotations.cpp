// The hand-labelled bands of real sheets (tests/data/real-annotations): what they are, and that they
// lie on their sheets (where ../shared holds the real scans).
#include "pipeline/annotation.h"
#include "raster/rastersource.h"
#include "segment/finetune.h"
#include "segment/segmentationmodel.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace veer;

class TestRealAnnotations : public QObject
{
    Q_OBJECT

private:
    static QString annotationDir()
    {
        return QDir(qEnvironmentVariable("VEER_SOURCE_DIR")).filePath(QStringLiteral("tests/data/real-annotations"));
    }
    static QStringList annotations()
    {
        const QDir dir(annotationDir());
        QStringList out;
        for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            out << dir.filePath(f);
        return out;
    }

private Q_SLOTS:
    void bandsAreLabelMapsOfTheirSize();
    void labelsLieOnInk();
    void fineTuneOnACropOfPage0808();
};

void TestRealAnnotations::bandsAreLabelMapsOfTheirSize()
{
    const QStringList files = annotations();
    QVERIFY2(!files.isEmpty(), qPrintable(annotationDir()));
    for (const QString &file : files) {
        auto band = readAnnotation(file);
        QVERIFY2(band.ok(), qPrintable(band.ok() ? QString() : band.error()));
        const cv::Mat &labels = band->labels;
        QCOMPARE(labels.type(), CV_8UC1);
        // Labelled columns hold 0, 1 and 2 only, the rest 255 only.
        const cv::Rect inside(band->labelledLeft, 0, band->labelledRight - band->labelledLeft, labels.rows);
        const cv::Mat in = labels(inside);
        QCOMPARE(cv::countNonZero(in > 2), 0);
        cv::Mat outside = labels.clone();
        outside(inside).setTo(255);
        QCOMPARE(cv::countNonZero(outside != 255), 0);
        // Both curves are there in earnest, and most of the band is paper.
        QVERIFY(cv::countNonZero(in == 1) > 10000);
        QVERIFY(cv::countNonZero(in == 2) > 10000);
        QVERIFY(cv::countNonZero(in == 0) > 0.9 * in.total());
        // Its calibration has the tracks that are labelled.
        QVERIFY(!band->calibration.tracks.empty());
        for (const Track &t : band->calibration.tracks)
            QVERIFY(t.left >= band->labelledLeft && t.right <= band->labelledRight);
    }
}

void TestRealAnnotations::labelsLieOnInk()
{
    const QString scans = QDir(qEnvironmentVariable("VEER_SOURCE_DIR")).filePath(QStringLiteral("../shared/data/realscans"));
    if (!QDir(scans).exists())
        QSKIP("../shared/data/realscans is not here: the bands cannot be laid on their sheets");
    for (const QString &file : annotations()) {
        auto band = readAnnotation(file);
        QVERIFY(band.ok());
        auto sheet = RasterSource::open(QDir(scans).filePath(band->sheet));
        QVERIFY2(sheet.ok(), qPrintable(sheet.ok() ? QString() : sheet.error()));
        QCOMPARE((*sheet)->width(), band->labels.cols);
        auto grey = (*sheet)->readGrey(QRect(0, band->firstRow, band->labels.cols, band->labels.rows));
        QVERIFY(grey.ok());
        // Every labelled curve pixel is ink on the sheet (a band off by a few rows is not).
        const cv::Mat curve = (band->labels == 1) | (band->labels == 2);
        const double onInk = double(cv::countNonZero(curve & (*grey < 128))) / cv::countNonZero(curve);
        QVERIFY2(onInk > 0.99, qPrintable(QStringLiteral("%1: %2 of the curve pixels on ink").arg(file).arg(onInk)));
        const cv::Mat shifted = (*grey)(cv::Rect(0, 5, grey->cols, grey->rows - 5));
        const double offByFive = double(cv::countNonZero(curve(cv::Rect(0, 0, curve.cols, curve.rows - 5)) & (shifted < 128)))
                                 / cv::countNonZero(curve);
        qInfo("%s: %.4f of the curve pixels on ink, %.4f with the band 5 rows off", qPrintable(band->sheet), onInk, offByFive);
        QVERIFY(offByFive < 0.9);
    }
}

void TestRealAnnotations::fineTuneOnACropOfPage0808()
{
    // A CI-sized correction loop on 900 rows of the labelled band of page 0808 (never page 0812,
    // which is held apart for good): fine-tune the shipped model on the first 700, compare on the
    // last 200. The crop of the scan goes to a temporary folder only.
    const QString scans = QDir(qEnvironmentVariable("VEER_SOURCE_DIR")).filePath(QStringLiteral("../shared/data/realscans"));
    if (!QDir(scans).exists())
        QSKIP("../shared/data/realscans is not here: nothing to fine-tune on");
    auto band = readAnnotation(QDir(annotationDir()).filePath(QStringLiteral("12481-0808-rows8000.json")));
    QVERIFY2(band.ok(), qPrintable(band.ok() ? QString() : band.error()));
    QVERIFY(!band->sheet.contains(QStringLiteral("0812")));
    auto sheet = RasterSource::open(QDir(scans).filePath(band->sheet));
    QVERIFY(sheet.ok());
    const int first = 1900, rows = 900;  // both curves, crossing, in these rows
    auto grey = (*sheet)->readGrey(QRect(0, band->firstRow + first, band->labelledRight, rows));
    QVERIFY(grey.ok());
    QTemporaryDir dir;
    const QString caseDir = dir.filePath(QStringLiteral("data/case0808"));
    QVERIFY(QDir().mkpath(caseDir));
    const cv::Mat labels = band->labels(cv::Rect(0, first, band->labelledRight, rows));
    QVERIFY(cv::imwrite((caseDir + QStringLiteral("/sheet.png")).toStdString(), *grey));
    QVERIFY(cv::imwrite((caseDir + QStringLiteral("/labels.png")).toStdString(), labels));

    FineTuneOptions o;
    o.modelsDir = dir.filePath(QStringLiteral("models"));
    o.shippedPath = defaultModelPath();
    QVERIFY2(QFileInfo::exists(o.shippedPath), qPrintable(o.shippedPath));
    o.dataDirs = {dir.filePath(QStringLiteral("data"))};
    o.heldApartShare = 0.22;
    o.synthShare = 0.5;
    o.epochs = 3;
    o.stepsPerEpoch = 12;
    o.batchSize = 4;
    o.crop = 192;
    o.validationCases = 1;
    o.maxMinutes = 0;
    auto result = fineTune(o);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
    const QJsonObject &cmp = result->comparison;
    const auto f1 = [&](const char *side, const char *curve) {
        return cmp.value(QLatin1String(side)).toObject().value(QLatin1String(curve)).toObject().value(QStringLiteral("f1_strict")).toDouble();
    };
    qInfo("held-apart rows, F1 strict c1 %.3f -> %.3f, c2 %.3f -> %.3f", f1("parent", "curve_one"), f1("model", "curve_one"),
          f1("parent", "curve_two"), f1("model", "curve_two"));
    // Thirty-six steps already teach this page's dash-dot curve two (0.10 -> 0.27 when written);
    // curve one dips a little this early (0.64 -> 0.59) and recovers with a longer run
    // (docs/retraining.md), but must not collapse.
    QVERIFY(f1("model", "curve_two") > f1("parent", "curve_two") + 0.08);
    QVERIFY(f1("model", "curve_one") > f1("parent", "curve_one") - 0.1);
}

QTEST_GUILESS_MAIN(TestRealAnnotations)
#include "tst_realannotations.moc"
