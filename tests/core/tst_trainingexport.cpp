// Reviewed regions (rows per track) and reviewed pairs written as training case folders.
#include "trace/reviewregions.h"
#include "trace/trainingexport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace veer;

namespace {

Calibration twoTracks()
{
    Calibration c;
    c.ties = {{0.0, 1000.0}, {100.0, 1010.0}};
    Track a;
    a.left = 2.0;
    a.right = 10.0;
    Track b;
    b.left = 12.5;
    b.right = 19.5;
    c.tracks = {a, b};
    return c;
}

} // namespace

class TestTrainingExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addMerges();
    void mask();
    void json();
    void makeCase();
    void writeCase();
};

void TestTrainingExport::addMerges()
{
    ReviewRegions r;
    QVERIFY(r.isEmpty());
    r.add(1, 10, 20);
    r.add(1, 30, 40);
    r.add(1, 21, 25);  // touches the first range: merged
    r.add(1, 5, 3);    // empty: ignored
    r.add(-1, 0, 9);   // no such track: ignored
    QCOMPARE(r.tracks().size(), size_t(2));
    QVERIFY(r.tracks()[0].empty());
    QCOMPARE(r.tracks()[1], (std::vector<RowRange>{{10, 25}, {30, 40}}));
    QCOMPARE(r.reviewedRows(1), 27);
    QVERIFY(r.isReviewed(1, 25));
    QVERIFY(!r.isReviewed(1, 26));
    QVERIFY(!r.isReviewed(0, 12));
    r.add(1, 0, 100);
    QCOMPARE(r.tracks()[1], (std::vector<RowRange>{{0, 100}}));
    QCOMPARE(r.rowExtent(), (RowRange{0, 100}));
}

void TestTrainingExport::mask()
{
    ReviewRegions r;
    r.add(0, 3, 4);
    r.add(1, 0, 0);
    r.add(5, 0, 9);  // not in the calibration: no pixels
    const cv::Mat m = r.mask(twoTracks(), cv::Size(20, 8));
    QCOMPARE(m.type(), CV_8UC1);
    QCOMPARE(cv::countNonZero(m), 2 * 8 + 1 * 8);  // track 0: columns 2..9; track 1: columns 12..19
    QCOMPARE(int(m.at<uchar>(3, 2)), 255);
    QCOMPARE(int(m.at<uchar>(4, 9)), 255);
    QCOMPARE(int(m.at<uchar>(3, 10)), 0);
    QCOMPARE(int(m.at<uchar>(5, 5)), 0);
    QCOMPARE(int(m.at<uchar>(0, 12)), 255);
    QCOMPARE(int(m.at<uchar>(0, 19)), 255);
}

void TestTrainingExport::json()
{
    ReviewRegions r;
    r.add(0, 3, 4);
    r.add(2, 7, 9);
    QCOMPARE(ReviewRegions::fromJson(r.toJson()), r);
    QVERIFY(ReviewRegions::fromJson(QJsonArray{}).isEmpty());
    // Junk is skipped.
    const ReviewRegions junk = ReviewRegions::fromJson(QJsonArray{QJsonArray{QJsonArray{1}, 4, QJsonArray{5, 6}}});
    QCOMPARE(junk.tracks().size(), size_t(1));
    QCOMPARE(junk.tracks()[0], (std::vector<RowRange>{{5, 6}}));
}

void TestTrainingExport::makeCase()
{
    cv::Mat grey(100, 20, CV_8UC1, cv::Scalar(200));
    cv::Mat labels = cv::Mat::zeros(100, 20, CV_8UC1);
    labels.at<uchar>(50, 5) = 1;
    ReviewRegions r;
    auto none = makeTrainingCase(grey, labels, twoTracks(), r);
    QVERIFY(!none);
    QVERIFY(none.error().contains(QStringLiteral("nothing is reviewed")));
    QVERIFY(!makeTrainingCase(grey, cv::Mat(), twoTracks(), r));
    QVERIFY(!makeTrainingCase(grey, labels(cv::Rect(0, 0, 20, 50)), twoTracks(), r));

    r.add(0, 40, 59);
    r.add(1, 45, 50);
    auto whole = makeTrainingCase(grey, labels, twoTracks(), r, false);
    QVERIFY2(whole, qPrintable(whole.error()));
    QCOMPARE(whole->grey.rows, 100);
    QCOMPARE(whole->firstRow, 0);

    auto band = makeTrainingCase(grey, labels, twoTracks(), r, true);
    QVERIFY2(band, qPrintable(band.error()));
    QCOMPARE(band->grey.size(), cv::Size(20, 20));
    QCOMPARE(band->labels.size(), cv::Size(20, 20));
    QCOMPARE(band->firstRow, 40);
    QCOMPARE(int(band->labels.at<uchar>(10, 5)), 1);
    QCOMPARE(cv::countNonZero(band->reviewed), 20 * 8 + 6 * 8);
    // Depths stay with their pixels.
    QCOMPARE(band->calibration.ties[1].row, 60.0);
    QCOMPARE(band->calibration.depthAtRow(10.0), twoTracks().depthAtRow(50.0));
}

void TestTrainingExport::writeCase()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    cv::Mat grey(30, 20, CV_8UC1, cv::Scalar(180));
    cv::Mat labels = cv::Mat::zeros(30, 20, CV_8UC1);
    labels.row(3).setTo(2);
    ReviewRegions r;
    r.add(0, 0, 29);
    auto c = makeTrainingCase(grey, labels, twoTracks(), r);
    QVERIFY(c);
    const QString dir = QDir(tmp.path()).filePath(QStringLiteral("out/well_1"));
    Status s = writeTrainingCase(*c, dir, false);
    QVERIFY2(s, qPrintable(s.error()));
    for (const char *name : {"sheet.png", "labels.png", "reviewed.png", "calibration.json"})
        QVERIFY2(QFile::exists(QDir(dir).filePath(QString::fromLatin1(name))), name);
    const cv::Mat readLabels = cv::imread(QDir(dir).filePath(QStringLiteral("labels.png")).toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(readLabels.type(), CV_8UC1);
    QCOMPARE(cv::countNonZero(readLabels != labels), 0);
    const cv::Mat readMask = cv::imread(QDir(dir).filePath(QStringLiteral("reviewed.png")).toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(cv::countNonZero(readMask), 30 * 8);
    QFile calFile(QDir(dir).filePath(QStringLiteral("calibration.json")));
    QVERIFY(calFile.open(QIODevice::ReadOnly));
    auto cal = Calibration::fromJson(calFile.readAll(), Calibration::Validation::SyntaxOnly);
    QVERIFY2(cal, qPrintable(cal.error()));
    QCOMPARE(cal->tracks.size(), size_t(2));

    s = writeTrainingCase(*c, dir, false);
    QVERIFY(!s);
    QVERIFY2(s.error().contains(QStringLiteral("well_1")), qPrintable(s.error()));
    s = writeTrainingCase(*c, dir, true);
    QVERIFY2(s, qPrintable(s.error()));

    QCOMPARE(trainingCaseName(QStringLiteral("/a/b/Well 12.veer/")), QStringLiteral("Well_12"));
    QCOMPARE(trainingCaseName(QStringLiteral("/a/b/sheet.tif")), QStringLiteral("sheet"));
}

QTEST_GUILESS_MAIN(TestTrainingExport)
#include "tst_trainingexport.moc"
