// All LibTorch tests live in this one executable: a torch program costs ~0.75 s and 160 MB to start.
#include "segment/segmentationmodel.h"
#include "segment/segmetrics.h"
#include "segment/realbackground.h"
#include "segment/trainer.h"

#include "raster/rastersource.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace veer;

namespace {

NetConfig tinyConfig()
{
    NetConfig c;
    c.base = 4;
    c.levels = 2;
    c.maxChannels = 8;
    return c;
}

/** A small sheet with a solid and a dashed curve crossing, like the generator's. */
cv::Mat drawSheet(int w, int h, cv::Mat *labels = nullptr)
{
    cv::Mat grey(h, w, CV_8UC1, cv::Scalar(250));
    cv::Mat lab(h, w, CV_8UC1, cv::Scalar(0));
    for (int x = 0; x < w; x += 20)
        cv::line(grey, {x, 0}, {x, h - 1}, cv::Scalar(200), 1);
    std::vector<cv::Point> a, b;
    for (int y = 0; y < h; ++y) {
        a.emplace_back(int(w / 2 + w / 3 * std::sin(y / 37.0)), y);
        b.emplace_back(int(w / 2 + w / 3 * std::cos(y / 29.0)), y);
    }
    cv::polylines(grey, a, false, cv::Scalar(20), 2);
    cv::polylines(lab, a, false, cv::Scalar(1), 2);
    for (size_t i = 0; i + 6 < b.size(); i += 12) {
        std::vector<cv::Point> dash(b.begin() + long(i), b.begin() + long(i) + 6);
        cv::polylines(grey, dash, false, cv::Scalar(40), 2);
        cv::polylines(lab, dash, false, cv::Scalar(2), 2);
    }
    if (labels)
        *labels = lab;
    return grey;
}

/**
 * A colour print: paper, a light grey grid, dark track edges, a solid curve one in `ink1` and a
 * dashed curve two in `ink2` (BGR); the labels are the exact stroke masks.
 */
cv::Mat drawColourSheet(const cv::Scalar &ink1, const cv::Scalar &ink2, cv::Mat &labels)
{
    const int w = 480, h = 800;
    cv::Mat sheet(h, w, CV_8UC3, cv::Scalar(248, 250, 250));
    labels = cv::Mat(h, w, CV_8UC1, cv::Scalar(0));
    for (int x = 20; x <= 460; x += 44)
        cv::line(sheet, {x, 0}, {x, h - 1}, cv::Scalar(190, 190, 190), 1);
    for (int y = 0; y < h; y += 40)
        cv::line(sheet, {20, y}, {460, y}, cv::Scalar(190, 190, 190), 1);
    cv::line(sheet, {20, 0}, {20, h - 1}, cv::Scalar(60, 60, 60), 2);
    cv::line(sheet, {460, 0}, {460, h - 1}, cv::Scalar(60, 60, 60), 2);
    std::vector<cv::Point> a, b;
    for (int y = 0; y < h; ++y) {
        a.emplace_back(int(240 + 150 * std::sin(y / 53.0)), y);
        b.emplace_back(int(240 + 170 * std::cos(y / 41.0)), y);
    }
    cv::polylines(sheet, a, false, ink1, 2);
    cv::polylines(labels, a, false, cv::Scalar(1), 2);
    for (size_t i = 0; i + 8 < b.size(); i += 14) {
        std::vector<cv::Point> dash(b.begin() + long(i), b.begin() + long(i) + 8);
        cv::polylines(sheet, dash, false, ink2, 2);
        cv::polylines(labels, dash, false, cv::Scalar(2), 2);
    }
    return sheet;
}

} // namespace

class TestSegment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forwardShapesAndExclusivity();
    void saveLoadRoundTripIsBitEqual();
    void backgroundWeightThinsLabels();
    void averageOfCheckpoints();
    void tiledEqualsWhole();
    void bandsStreamFromRaster();
    void negativesAreTurnedRound();
    void badModelFiles_data();
    void badModelFiles();
    void metricsCountStrictAndTolerant();
    void trainingLossFalls();
    void validatesOnHeldApartFolders();
    void freezeNormKeepsStatistics();
    void colourPrintKeepsLightInk();
    void realBackgroundsLabelWithoutTruth();

private:
    QTemporaryDir mDir;
};

void TestSegment::forwardShapesAndExclusivity()
{
    auto model = SegmentationModel::create(tinyConfig(), 3);
    QVERIFY(model->info().parameterCount > 0);
    QVERIFY(model->info().flopsPerPixel > 0);
    const cv::Mat grey = drawSheet(70, 45); // odd sizes: padded internally
    const SegmentResult r = model->segmentWhole(grey, true);
    QCOMPARE(r.labels.size(), grey.size());
    QCOMPARE(r.labels.type(), CV_8UC1);
    QCOMPARE(r.probabilities.type(), CV_8UC2);
    double minV, maxV;
    cv::minMaxLoc(r.labels, &minV, &maxV);
    QVERIFY(minV >= 0 && maxV <= 2);
    // One softmax: P1 + P2 never exceed 1 (x255, with rounding), and the label is the arg-max.
    for (int y = 0; y < grey.rows; ++y) {
        for (int x = 0; x < grey.cols; ++x) {
            const cv::Vec2b p = r.probabilities.at<cv::Vec2b>(y, x);
            QVERIFY(int(p[0]) + int(p[1]) <= 256);
            const int p0 = 255 - p[0] - p[1];
            const int label = r.labels.at<uint8_t>(y, x);
            const int best = std::max({p0, int(p[0]), int(p[1])});
            const int chosen = label == 0 ? p0 : p[size_t(label - 1)];
            QVERIFY(chosen >= best - 2);
        }
    }
}

void TestSegment::saveLoadRoundTripIsBitEqual()
{
    auto model = SegmentationModel::create(tinyConfig(), 5);
    model->info().id = QStringLiteral("tiny-test");
    model->info().metrics = QJsonObject{{QStringLiteral("note"), QStringLiteral("made in the test")}};
    const QString path = mDir.filePath(QStringLiteral("tiny.pt"));
    QVERIFY(model->save(path).ok());
    auto loaded = SegmentationModel::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE((*loaded)->info().id, QStringLiteral("tiny-test"));
    QCOMPARE((*loaded)->info().net.base, 4);
    QCOMPARE((*loaded)->info().metrics.value(QStringLiteral("note")).toString(), QStringLiteral("made in the test"));
    QCOMPARE((*loaded)->info().classNames.size(), 3);
    const cv::Mat grey = drawSheet(96, 64);
    const SegmentResult a = model->segmentWhole(grey, true);
    const SegmentResult b = (*loaded)->segmentWhole(grey, true);
    QCOMPARE(cv::countNonZero(a.labels != b.labels), 0);
    cv::Mat diff;
    cv::absdiff(a.probabilities, b.probabilities, diff);
    QCOMPARE(cv::countNonZero(diff.reshape(1)), 0);
}

void TestSegment::backgroundWeightThinsLabels()
{
    auto model = SegmentationModel::create(tinyConfig(), 11);
    QCOMPARE(model->info().backgroundWeight, 1.0);
    // A file without a decision (older models) reads as the arg-max.
    QJsonObject json = model->info().toJson();
    json.remove(QStringLiteral("decision"));
    QCOMPARE(ModelInfo::fromJson(json).backgroundWeight, 1.0);

    const cv::Mat grey = drawSheet(160, 120);
    const SegmentResult argMax = model->segmentWhole(grey, true);
    // A weight that the median curve pixel of the arg-max does not clear.
    std::vector<double> ratios;
    for (int y = 0; y < grey.rows; ++y) {
        for (int x = 0; x < grey.cols; ++x) {
            const int label = argMax.labels.at<uint8_t>(y, x);
            const cv::Vec2b p = argMax.probabilities.at<cv::Vec2b>(y, x);
            const int p0 = 255 - p[0] - p[1];
            if (label != 0 && p0 > 0)
                ratios.push_back(double(p[size_t(label - 1)]) / p0);
        }
    }
    QVERIFY2(ratios.size() > 100,
             "the untrained network labels too few pixels as curves to test the decision");
    std::nth_element(ratios.begin(), ratios.begin() + long(ratios.size() / 2), ratios.end());
    const double weight = ratios[ratios.size() / 2];
    QVERIFY(weight > 1.0);

    model->info().backgroundWeight = weight;
    const QString path = mDir.filePath(QStringLiteral("weighted.pt"));
    QVERIFY(model->save(path).ok());
    auto loaded = SegmentationModel::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE((*loaded)->info().backgroundWeight, weight);
    const SegmentResult thinned = (*loaded)->segmentWhole(grey, true);
    // The probabilities are the network's; only the decision moves.
    cv::Mat moved;
    cv::absdiff(thinned.probabilities, argMax.probabilities, moved);
    QCOMPARE(cv::countNonZero(moved.reshape(1)), 0);
    int kept = 0, dropped = 0;
    for (int y = 0; y < grey.rows; ++y) {
        for (int x = 0; x < grey.cols; ++x) {
            const int was = argMax.labels.at<uint8_t>(y, x);
            const int now = thinned.labels.at<uint8_t>(y, x);
            // A curve pixel stays the same curve or becomes background; background stays.
            QVERIFY(now == was || now == 0);
            kept += now != 0 ? 1 : 0;
            dropped += now == 0 && was != 0 ? 1 : 0;
            const cv::Vec2b p = thinned.probabilities.at<cv::Vec2b>(y, x);
            const double p0 = 255.0 - p[0] - p[1];
            const double best = std::max(p[0], p[1]);
            if (best > weight * p0 + 3.0 * (1.0 + weight))
                QVERIFY(now != 0);
            else if (best < weight * p0 - 3.0 * (1.0 + weight))
                QCOMPARE(now, 0);
        }
    }
    // The untrained network's ratios bunch at the median (quantised probabilities), so only a share
    // of the arg-max's curve pixels fall below it, but some must, and some must stay.
    QVERIFY2(
        dropped > int(ratios.size()) / 20 && kept > int(ratios.size()) / 20,
        qPrintable(QStringLiteral("kept %1, dropped %2 of %3").arg(kept).arg(dropped).arg(ratios.size())));
}

void TestSegment::averageOfCheckpoints()
{
    const cv::Mat grey = drawSheet(96, 64);
    QStringList paths;
    for (int seed : {11, 12}) {
        auto m = SegmentationModel::create(tinyConfig(), std::uint64_t(seed));
        m->info().id = QStringLiteral("tiny-%1").arg(seed);
        m->info().training = QJsonObject{{QStringLiteral("epochs"), seed}};
        m->info().metrics = QJsonObject{{QStringLiteral("epoch"), seed}};
        paths << mDir.filePath(QStringLiteral("avg-%1.pt").arg(seed));
        QVERIFY(m->save(paths.last()).ok());
    }
    auto a = SegmentationModel::load(paths[0]);
    auto b = SegmentationModel::load(paths[1]);
    QVERIFY(a.ok() && b.ok());
    const SegmentResult ra = (*a)->segmentWhole(grey, true);
    const SegmentResult rb = (*b)->segmentWhole(grey, true);

    // The mean of a model with itself is that model, bit for bit.
    auto self = SegmentationModel::average({paths[0], paths[0], paths[0]});
    QVERIFY2(self.ok(), qPrintable(self.error()));
    const SegmentResult rs = (*self)->segmentWhole(grey, true);
    QCOMPARE(cv::countNonZero(rs.probabilities.reshape(1) != ra.probabilities.reshape(1)), 0);

    // The mean of two is neither, does not depend on the order, and survives a save and a load.
    auto ab = SegmentationModel::average({paths[0], paths[1]});
    auto ba = SegmentationModel::average({paths[1], paths[0]});
    QVERIFY(ab.ok() && ba.ok());
    const SegmentResult rab = (*ab)->segmentWhole(grey, true);
    QVERIFY(cv::countNonZero(rab.probabilities.reshape(1) != ra.probabilities.reshape(1)) > 0);
    QVERIFY(cv::countNonZero(rab.probabilities.reshape(1) != rb.probabilities.reshape(1)) > 0);
    QCOMPARE(cv::countNonZero((*ba)->segmentWhole(grey, true).probabilities.reshape(1) != rab.probabilities.reshape(1)), 0);
    const QString saved = mDir.filePath(QStringLiteral("avg-mean.pt"));
    QVERIFY((*ab)->save(saved).ok());
    auto reloaded = SegmentationModel::load(saved);
    QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
    QCOMPARE(cv::countNonZero((*reloaded)->segmentWhole(grey, true).probabilities.reshape(1) != rab.probabilities.reshape(1)), 0);

    // The metadata is the last file's, and names the sources.
    QCOMPARE((*reloaded)->info().id, QStringLiteral("tiny-12"));
    QVERIFY((*reloaded)->info().metrics.isEmpty());
    const QJsonArray from = (*reloaded)->info().training.value(QStringLiteral("averaged_from")).toArray();
    QCOMPARE(from.size(), 2);
    QCOMPARE(from[0].toObject().value(QStringLiteral("file")).toString(), QStringLiteral("avg-11.pt"));
    QCOMPARE(from[1].toObject().value(QStringLiteral("epoch")).toInt(), 12);
    // A mean of means keeps the history of its sources.
    auto nested = SegmentationModel::average({saved, paths[0]});
    QVERIFY2(nested.ok(), qPrintable(nested.error()));
    const QJsonArray outer = (*nested)->info().training.value(QStringLiteral("averaged_from")).toArray();
    QCOMPARE(outer.size(), 2);
    QCOMPARE(outer[0].toObject().value(QStringLiteral("averaged_from")).toArray().size(), 2);
    QVERIFY(!outer[1].toObject().contains(QStringLiteral("averaged_from")));

    // A model of another shape, or a missing file, is refused by name.
    NetConfig wider = tinyConfig();
    wider.base = 8;
    const QString other = mDir.filePath(QStringLiteral("avg-wider.pt"));
    QVERIFY(SegmentationModel::create(wider, 1)->save(other).ok());
    auto mixed = SegmentationModel::average({paths[0], other});
    QVERIFY(!mixed.ok());
    QVERIFY2(mixed.error().contains(other) && mixed.error().contains(QStringLiteral("shape")), qPrintable(mixed.error()));
    auto missing = SegmentationModel::average({paths[0], mDir.filePath(QStringLiteral("absent.pt"))});
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(QStringLiteral("absent.pt")), qPrintable(missing.error()));
    QVERIFY(!SegmentationModel::average({}).ok());
}

void TestSegment::tiledEqualsWhole()
{
    // Train a few steps so the classes are not a coin toss, then compare tiled with whole-image inference.
    auto model = SegmentationModel::create(tinyConfig(), 7);
    const cv::Mat grey = drawSheet(300, 420);
    const SegmentResult whole = model->segmentWhole(grey, true);
    SegmentOptions o;
    o.tileSize = 128;
    o.overlap = 48;
    o.probabilities = true;
    auto tiled = model->segmentImage(grey, o);
    QVERIFY2(tiled.ok(), qPrintable(tiled.error()));
    cv::Mat diff;
    cv::absdiff(whole.probabilities, tiled->probabilities, diff);
    double maxDiff;
    cv::minMaxLoc(diff.reshape(1), nullptr, &maxDiff);
    const double meanDiff = cv::mean(diff.reshape(1))[0];
    const int disagree = cv::countNonZero(whole.labels != tiled->labels);
    qInfo("tiled vs whole: max |dP| %.0f/255, mean %.3f/255, %d of %d labels differ", maxDiff, meanDiff, disagree,
          grey.rows * grey.cols);
    // Seams must not show: no row or column band along a tile edge collects disagreements.
    QVERIFY(meanDiff < 1.0);
    QVERIFY(disagree <= grey.rows * grey.cols / 500);
    for (int seam = 128 - 48; seam < grey.rows; seam += 128 - 48) {
        const int rowDisagree = cv::countNonZero(whole.labels.row(seam) != tiled->labels.row(seam));
        QVERIFY2(rowDisagree <= 3, qPrintable(QStringLiteral("row %1: %2 labels differ").arg(seam).arg(rowDisagree)));
    }
}

void TestSegment::bandsStreamFromRaster()
{
    cv::Mat labels;
    const cv::Mat grey = drawSheet(200, 700, &labels);
    const QString png = mDir.filePath(QStringLiteral("sheet.png"));
    QVERIFY(cv::imwrite(png.toStdString(), grey));
    auto src = RasterSource::open(png);
    QVERIFY2(src.ok(), qPrintable(src.error()));
    auto model = SegmentationModel::create(tinyConfig(), 9);
    SegmentOptions o;
    o.tileSize = 128;
    o.overlap = 32;
    int expectedY = 0;
    int bands = 0;
    int maxBand = 0;
    const Status s = model->segment(**src, o, [&](const SegmentBand &band) {
        QCOMPARE(band.y0, expectedY);
        QCOMPARE(band.labels.cols, 200);
        expectedY += band.labels.rows;
        maxBand = std::max(maxBand, band.labels.rows);
        ++bands;
    });
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QCOMPARE(expectedY, 700);
    QVERIFY(bands > 5);
    QVERIFY(maxBand <= 128);
    // Same result as the in-memory path.
    auto fromFile = model->segment(**src, o);
    auto fromMemory = model->segmentImage(grey, o);
    QVERIFY(fromFile.ok() && fromMemory.ok());
    QCOMPARE(cv::countNonZero(fromFile->labels != fromMemory->labels), 0);
    // Cancel stops the run with an error.
    Feedback feedback;
    feedback.cancel();
    QVERIFY(!model->segment(**src, o, &feedback).ok());
}

void TestSegment::badModelFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << QByteArray() << "not found";
    QTest::newRow("empty") << QByteArray("") << "not a Veer model";
    QTest::newRow("text") << QByteArray("this is not a model at all, just some text that is long enough to pass the size check")
                          << "cannot read the model";
    QTest::newRow("zip junk") << (QByteArray("PK\x03\x04", 4) + QByteArray(200, 'x')) << "cannot read the model";
    QTest::newRow("truncated") << QByteArray("truncate") << "cannot read the model";
    QTest::newRow("other architecture") << QByteArray("arch") << "architecture";
}

void TestSegment::badModelFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = mDir.filePath(QStringLiteral("bad-%1.pt").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('-')));
    if (content == "truncate" || content == "arch") {
        auto model = SegmentationModel::create(tinyConfig(), 1);
        if (content == QByteArray("arch"))
            model->info().architecture = QStringLiteral("resnet-classifier");
        QVERIFY(model->save(path).ok());
        if (content == QByteArray("truncate")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(f.size() / 2));
        }
    } else if (QString::fromLatin1(QTest::currentDataTag()) != QLatin1String("missing")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    auto loaded = SegmentationModel::load(path);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(path), qPrintable(loaded.error()));
    QVERIFY2(loaded.error().contains(expected), qPrintable(loaded.error()));
}

void TestSegment::metricsCountStrictAndTolerant()
{
    cv::Mat truth(10, 10, CV_8UC1, cv::Scalar(0));
    truth.col(4).setTo(1);
    cv::Mat predicted(10, 10, CV_8UC1, cv::Scalar(0));
    predicted.col(5).setTo(1); // one pixel off everywhere
    SegMetrics m(1);
    m.add(predicted, truth);
    QCOMPARE(m.f1(1), 0.0);
    QCOMPARE(m.f1Tolerant(1), 1.0);
    SegMetrics exact(1);
    exact.add(truth, truth);
    QCOMPARE(exact.f1(1), 1.0);
    QCOMPARE(exact.iou(1), 1.0);
    // Ignored pixels (255) count neither way.
    cv::Mat ignored = truth.clone();
    ignored.col(5).setTo(255);
    SegMetrics ign(1);
    ign.add(predicted, ignored);
    QCOMPARE(ign.f1(1), 0.0);
    QCOMPARE(ign.recall(1), 0.0);
}

void TestSegment::negativesAreTurnedRound()
{
    // A microfilm negative (light ink on dark film) is inverted before the network, so it gets the
    // labels of the positive; forcing Positive feeds the film as it is.
    auto model = SegmentationModel::create(tinyConfig(), 5);
    const cv::Mat grey = drawSheet(200, 300);
    cv::Mat film;
    cv::bitwise_not(grey, film);
    SegmentOptions o;
    o.tileSize = 128;
    o.overlap = 32;
    o.probabilities = true;
    auto positive = model->segmentImage(grey, o);
    auto negative = model->segmentImage(film, o);
    QVERIFY(positive.ok() && negative.ok());
    QCOMPARE(positive->polarity, Polarity::Positive);
    QCOMPARE(negative->polarity, Polarity::Negative);
    QCOMPARE(cv::countNonZero(positive->labels != negative->labels), 0);
    cv::Mat diff;
    cv::absdiff(positive->probabilities, negative->probabilities, diff);
    QCOMPARE(cv::countNonZero(diff.reshape(1)), 0);

    o.polarity = PolarityMode::Positive;
    auto forced = model->segmentImage(film, o);
    QVERIFY(forced.ok());
    QCOMPARE(forced->polarity, Polarity::Positive);
    cv::absdiff(positive->probabilities, forced->probabilities, diff);
    QVERIFY(cv::countNonZero(diff.reshape(1)) > 0);

    // The streaming path decides once per sheet, from the file.
    const QString png = mDir.filePath(QStringLiteral("film.png"));
    QVERIFY(cv::imwrite(png.toStdString(), film));
    auto src = RasterSource::open(png);
    QVERIFY2(src.ok(), qPrintable(src.error()));
    o.polarity = PolarityMode::Auto;
    auto fromFile = model->segment(**src, o);
    QVERIFY2(fromFile.ok(), qPrintable(fromFile.error()));
    QCOMPARE(fromFile->polarity, Polarity::Negative);
    QCOMPARE(cv::countNonZero(fromFile->labels != positive->labels), 0);
}

void TestSegment::trainingLossFalls()
{
    // A tiny folder of labelled sheets; the loss after a few epochs must be well below the first.
    const QString data = mDir.filePath(QStringLiteral("train"));
    for (int i = 0; i < 3; ++i) {
        const QString caseDir = QStringLiteral("%1/case%2").arg(data).arg(i);
        QVERIFY(QDir().mkpath(caseDir));
        cv::Mat labels;
        const cv::Mat grey = drawSheet(160 + 20 * i, 200, &labels);
        QVERIFY(cv::imwrite((caseDir + QStringLiteral("/sheet.png")).toStdString(), grey));
        QVERIFY(cv::imwrite((caseDir + QStringLiteral("/labels.png")).toStdString(), labels));
    }
    TrainOptions o;
    o.dataDirs = {data};
    o.synthShare = 0.0;
    o.outPath = mDir.filePath(QStringLiteral("trained.pt"));
    o.net = tinyConfig();
    o.epochs = 4;
    o.stepsPerEpoch = 12;
    o.batchSize = 4;
    o.crop = 64;
    o.learningRate = 1e-2;
    o.validationCases = 1;
    o.keepEpochs = true;
    std::vector<double> losses;
    o.onEpoch = [&](const EpochReport &r) { losses.push_back(r.trainLoss); };
    auto summary = trainModel(o);
    QVERIFY2(summary.ok(), qPrintable(summary.error()));
    QCOMPARE(int(losses.size()), 4);
    qInfo("train loss per epoch: %.4f %.4f %.4f %.4f", losses[0], losses[1], losses[2], losses[3]);
    QVERIFY(losses.back() < 0.85 * losses.front());
    QVERIFY(losses[2] < losses[0]);
    QVERIFY(QFile::exists(o.outPath));
    QVERIFY(QFile::exists(o.outPath + QStringLiteral(".state.json")));
    auto reloaded = SegmentationModel::load(o.outPath);
    QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
    QVERIFY((*reloaded)->info().metrics.contains(QStringLiteral("validation")));
    // --keep-epochs: every epoch's weights, the last equal to the resume point's.
    for (int e = 1; e <= 4; ++e)
        QVERIFY(QFile::exists(o.outPath + QStringLiteral(".epoch%1.pt").arg(e, 3, 10, QLatin1Char('0'))));
    QFile kept(o.outPath + QStringLiteral(".epoch004.pt"));
    QFile last(o.outPath + QStringLiteral(".last.pt"));
    QVERIFY(kept.open(QIODevice::ReadOnly) && last.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), last.readAll());

    // Resume continues from the saved epoch rather than starting over.
    o.epochs = 5;
    losses.clear();
    o.resume = true;
    auto resumed = trainModel(o);
    QVERIFY2(resumed.ok(), qPrintable(resumed.error()));
    QCOMPARE(int(losses.size()), 1);
    QCOMPARE(resumed->epochsRun, 5);
}

void TestSegment::freezeNormKeepsStatistics()
{
    // With a learning rate of zero only batch norm's running statistics can move. Frozen, the
    // fine-tuned model must answer bit for bit like its parent; not frozen, it must not.
    const QString data = mDir.filePath(QStringLiteral("freeze"));
    const QString caseDir = data + QStringLiteral("/case0");
    QVERIFY(QDir().mkpath(caseDir));
    cv::Mat labels;
    cv::Mat grey = drawSheet(180, 220, &labels);
    grey = grey * 0.6; // darker than anything the parent's statistics were taken on
    QVERIFY(cv::imwrite((caseDir + QStringLiteral("/sheet.png")).toStdString(), grey));
    QVERIFY(cv::imwrite((caseDir + QStringLiteral("/labels.png")).toStdString(), labels));
    const QString parentPath = mDir.filePath(QStringLiteral("parent.pt"));
    QVERIFY(SegmentationModel::create(tinyConfig(), 3)->save(parentPath).ok());

    auto probabilitiesOf = [&](const QString &path) {
        auto m = SegmentationModel::load(path);
        return m.ok() ? (*m)->segmentWhole(drawSheet(96, 96), true).probabilities : cv::Mat();
    };
    const cv::Mat parent = probabilitiesOf(parentPath);
    QVERIFY(!parent.empty());
    for (const bool freeze : {true, false}) {
        TrainOptions o;
        o.initPath = parentPath;
        o.dataDirs = {data};
        o.synthShare = 0.0;
        o.outPath = mDir.filePath(freeze ? QStringLiteral("frozen.pt") : QStringLiteral("updated.pt"));
        o.epochs = 1;
        o.stepsPerEpoch = 3;
        o.batchSize = 2;
        o.crop = 64;
        o.learningRate = 0.0;
        o.validationCases = 1;
        o.freezeNorm = freeze;
        auto summary = trainModel(o);
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
        cv::Mat diff;
        cv::absdiff(parent, probabilitiesOf(o.outPath), diff);
        const int changed = cv::countNonZero(diff.reshape(1));
        qInfo("freezeNorm %d: %d probabilities changed", int(freeze), changed);
        if (freeze)
            QCOMPARE(changed, 0);
        else
            QVERIFY(changed > 0);
    }
}

void TestSegment::validatesOnHeldApartFolders()
{
    // One held-apart reviewed sheet: its windows are validated besides the generated sheets and
    // the best-epoch score is the mean of the two mean curve F1s.
    const QString val = mDir.filePath(QStringLiteral("heldapart"));
    const QString caseDir = val + QStringLiteral("/case0");
    QVERIFY(QDir().mkpath(caseDir));
    cv::Mat labels;
    const cv::Mat grey = drawSheet(160, 200, &labels);
    cv::Mat reviewed(labels.size(), CV_8UC1, cv::Scalar(255));
    reviewed.rowRange(100, 200).setTo(0);
    QVERIFY(cv::imwrite((caseDir + QStringLiteral("/sheet.png")).toStdString(), grey));
    QVERIFY(cv::imwrite((caseDir + QStringLiteral("/labels.png")).toStdString(), labels));
    QVERIFY(cv::imwrite((caseDir + QStringLiteral("/reviewed.png")).toStdString(), reviewed));

    TrainOptions o;
    o.outPath = mDir.filePath(QStringLiteral("valdirs.pt"));
    o.net = tinyConfig();
    o.epochs = 1;
    o.stepsPerEpoch = 2;
    o.batchSize = 2;
    o.crop = 64;
    o.validationCases = 1;
    o.validationDirs = {val};
    EpochReport report;
    o.onEpoch = [&](const EpochReport &r) { report = r; };
    auto summary = trainModel(o);
    QVERIFY2(summary.ok(), qPrintable(summary.error()));
    QVERIFY(!report.valDataMetrics.isEmpty());
    auto f1 = [](const QJsonObject &m, const char *cls) {
        return m.value(QLatin1String(cls)).toObject().value(QStringLiteral("f1_strict")).toDouble();
    };
    const double generated = (f1(report.valMetrics, "curve_one") + f1(report.valMetrics, "curve_two")) / 2.0;
    const double folders = (f1(report.valDataMetrics, "curve_one") + f1(report.valDataMetrics, "curve_two")) / 2.0;
    QVERIFY(qAbs(report.meanCurveF1 - (generated + folders) / 2.0) < 1e-9);
    const QJsonObject entry = summary->history.last().toObject();
    QVERIFY(entry.contains(QStringLiteral("val_data")));
    auto reloaded = SegmentationModel::load(o.outPath);
    QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
    QVERIFY((*reloaded)->info().metrics.contains(QStringLiteral("validation_data")));

    // Without generated validation sheets the folders alone choose the epoch.
    o.validationCases = 0;
    o.outPath = mDir.filePath(QStringLiteral("valdirs-only.pt"));
    auto foldersOnly = trainModel(o);
    QVERIFY2(foldersOnly.ok(), qPrintable(foldersOnly.error()));
    const double onlyFolders = (f1(report.valDataMetrics, "curve_one") + f1(report.valDataMetrics, "curve_two")) / 2.0;
    QVERIFY(qAbs(report.meanCurveF1 - onlyFolders) < 1e-9);
    o.validationCases = 1;

    // A validation folder that is not there fails before training, naming it.
    o.validationDirs = {mDir.filePath(QStringLiteral("no-such-folder"))};
    auto missing = trainModel(o);
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().contains(QStringLiteral("no-such-folder")));
}

QTEST_GUILESS_MAIN(TestSegment)
void TestSegment::colourPrintKeepsLightInk()
{
    // A light-green dashed curve two and a blue curve one, read from a colour PNG as a user opens
    // it, with the shipped model: the labels are as good as those of the same drawing in black and
    // dark grey ink. Luminance alone (the grey conversion) makes the green ink faint grey.
    const QString modelPath = qEnvironmentVariable("VEER_SOURCE_DIR") + QStringLiteral("/models/veer-default.pt");
    if (!QFile::exists(modelPath))
        QSKIP("the shipped model is not in the source tree");
    auto model = SegmentationModel::load(modelPath);
    QVERIFY2(model.ok(), qPrintable(model.error()));
    SegmentOptions o;
    const auto score = [&](const cv::Mat &sheet, const cv::Mat &truth, const QString &name, SegMetrics &m) {
        const QString png = mDir.filePath(name);
        QVERIFY(cv::imwrite(png.toStdString(), sheet));
        auto src = RasterSource::open(png);
        QVERIFY2(src.ok(), qPrintable(src.error()));
        auto res = (*model)->segment(**src, o);
        QVERIFY2(res.ok(), qPrintable(res.error()));
        m.add(res->labels, truth);
    };
    cv::Mat truth, greyTruth;
    const cv::Mat colour = drawColourSheet(cv::Scalar(190, 70, 20), cv::Scalar(120, 225, 120), truth);
    const cv::Mat black = drawColourSheet(cv::Scalar(20, 20, 20), cv::Scalar(45, 45, 45), greyTruth);
    SegMetrics colourM, blackM, lumaM;
    score(colour, truth, QStringLiteral("colour.png"), colourM);
    score(black, greyTruth, QStringLiteral("black.png"), blackM);
    cv::Mat luma;
    cv::cvtColor(colour, luma, cv::COLOR_BGR2GRAY);
    auto lumaRes = (*model)->segmentImage(luma, o);
    QVERIFY2(lumaRes.ok(), qPrintable(lumaRes.error()));
    lumaM.add(lumaRes->labels, truth);
    qInfo("1-px F1 curve one / two: colour %.3f / %.3f, black ink %.3f / %.3f, luminance of the colour %.3f / %.3f",
          colourM.f1Tolerant(1), colourM.f1Tolerant(2), blackM.f1Tolerant(1), blackM.f1Tolerant(2),
          lumaM.f1Tolerant(1), lumaM.f1Tolerant(2));
    for (int c = 1; c <= 2; ++c) {
        QVERIFY2(colourM.f1Tolerant(c) >= blackM.f1Tolerant(c) - 0.02,
                 qPrintable(QStringLiteral("curve %1: colour %2, black ink %3").arg(c).arg(colourM.f1Tolerant(c)).arg(blackM.f1Tolerant(c))));
        QVERIFY2(colourM.f1Tolerant(c) >= 0.85, qPrintable(QStringLiteral("curve %1: %2").arg(c).arg(colourM.f1Tolerant(c))));
    }
}

void TestSegment::realBackgroundsLabelWithoutTruth()
{
    // A "real" sheet: a grid, specks and an unknown hand-drawn curve. Its grid and specks are
    // background, the unknown curve (and the grid about it) is left out of the loss, and a
    // generated stroke drawn on top keeps its label. A held-out sheet is never read.
    const QDir dir(mDir.filePath(QStringLiteral("real")));
    QVERIFY(QDir().mkpath(dir.path()));
    cv::Mat real(1000, 600, CV_8UC1, cv::Scalar(245));
    for (int y = 10; y < real.rows; y += 40)
        cv::line(real, {0, y}, {599, y}, cv::Scalar(30), 2);
    for (int x = 10; x < real.cols; x += 60)
        cv::line(real, {x, 0}, {x, 999}, cv::Scalar(30), 1);
    for (int i = 0; i < 200; ++i)
        real.at<uint8_t>((i * 37) % 1000, (i * 53) % 600) = 0;
    std::vector<cv::Point> unknown;
    for (int y = 0; y < 1000; ++y)
        unknown.emplace_back(int(300 + 120 * std::sin(y / 30.0)), y);
    cv::polylines(real, unknown, false, cv::Scalar(0), 2);
    QVERIFY(cv::imwrite(dir.filePath(QStringLiteral("sheet.png")).toStdString(), real));
    QVERIFY(cv::imwrite(dir.filePath(QStringLiteral("heldout.png")).toStdString(), real));

    auto opened = RealBackgrounds::open({dir.path()}, {QStringLiteral("heldout.png")}, 3);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    QCOMPARE((*opened)->sheetNames(), QStringList{QStringLiteral("sheet.png")});
    QVERIFY(!RealBackgrounds::open({dir.path()}, {QStringLiteral("heldout.png"), QStringLiteral("sheet.png")}, 3).ok());

    const cv::Mat labels = RealBackgrounds::labelWindow(real);
    // Grid far from the unknown curve is background; the curve itself is left out.
    QCOMPARE(int(labels.at<uint8_t>(10, 20)), 0);
    QCOMPARE(int(labels.at<uint8_t>(500, 10)), 0);
    int curveLeftOut = 0;
    for (const cv::Point &p : unknown)
        curveLeftOut += labels.at<uint8_t>(p) == 255 ? 1 : 0;
    QVERIFY2(curveLeftOut >= 990, qPrintable(QString::number(curveLeftOut)));
    QVERIFY(cv::countNonZero(labels == 0) > 600 * 1000 / 2);

    cv::Mat synthGrey(256, 256, CV_8UC1, cv::Scalar(250)), synthLabels(256, 256, CV_8UC1, cv::Scalar(0));
    cv::line(synthGrey, {128, 0}, {128, 255}, cv::Scalar(20), 2);
    cv::line(synthLabels, {128, 0}, {128, 255}, cv::Scalar(2), 2);
    cv::Mat grey, composed;
    QVERIFY((*opened)->compose(synthGrey, synthLabels, grey, composed));
    QCOMPARE(grey.size(), synthGrey.size());
    QCOMPARE(cv::countNonZero(composed == 2), cv::countNonZero(synthLabels == 2));
    QCOMPARE(cv::countNonZero((composed == 2) & (grey > 40)), 0);
    QCOMPARE(cv::countNonZero(composed == 1), 0);
}

#include "tst_segment.moc"
