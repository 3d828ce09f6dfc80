#include "raster/labelmap.h"
#include "raster/rastersource.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <gdal_priv.h>

#include <opencv2/core.hpp>

#include <vector>

using namespace veer;

namespace {

// Pixel value of the test pattern at (x, y): a diagonal stripe of ink on white paper.
uint8_t pattern(int x, int y) { return ((x + y) % 64) < 8 ? 0 : 255; }

struct Spec
{
    const char *driver;     // final driver
    int bands;
    GDALDataType type;
    std::vector<const char *> options;
    bool palette = false;
    bool bilevel = false;
};

// Writes a width x height image of pattern() with GDAL, band by band in strips (bounded memory).
bool writeImage(const QString &path, int width, int height, const Spec &spec)
{
    GDALAllRegister();
    std::vector<const char *> opts = spec.options;
    opts.push_back(nullptr);
    const bool direct = QByteArray(spec.driver) == "GTiff";
    GDALDriver *target = GetGDALDriverManager()->GetDriverByName(spec.driver);
    GDALDriver *mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!target || !mem)
        return false;
    const QByteArray p = QFile::encodeName(path);
    GDALDataset *ds = direct ? target->Create(p.constData(), width, height, spec.bands, spec.type,
                                              const_cast<char **>(opts.data()))
                             : mem->Create("", width, height, spec.bands, spec.type, nullptr);
    if (!ds)
        return false;
    if (spec.palette) {
        GDALColorTable ct;
        GDALColorEntry black{0, 0, 0, 255}, white{255, 255, 255, 255}, red{255, 0, 0, 255};
        ct.SetColorEntry(0, &black);
        ct.SetColorEntry(1, &white);
        ct.SetColorEntry(2, &red);
        ds->GetRasterBand(1)->SetColorTable(&ct);
    }
    const int strip = 256;
    std::vector<uint16_t> buf;
    for (int y0 = 0; y0 < height; y0 += strip) {
        const int h = std::min(strip, height - y0);
        buf.assign(size_t(width) * size_t(h), 0);
        for (int b = 1; b <= spec.bands; ++b) {
            for (int y = 0; y < h; ++y) {
                for (int x = 0; x < width; ++x) {
                    const uint8_t v = pattern(x, y0 + y);
                    uint16_t out = v;
                    if (spec.bilevel || spec.palette)
                        out = v ? 1 : 0;
                    else if (spec.type == GDT_UInt16)
                        out = uint16_t(v) * 257;
                    else if (spec.bands == 3 && b == 1)
                        out = v; // keep grey so luminance equals the pattern
                    buf[size_t(y) * size_t(width) + size_t(x)] = out;
                }
            }
            if (ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y0, width, h, buf.data(), width, h, GDT_UInt16, 0, 0, nullptr)
                != CE_None) {
                GDALClose(ds);
                return false;
            }
        }
    }
    if (!direct) {
        GDALDataset *copy = target->CreateCopy(p.constData(), ds, FALSE, const_cast<char **>(opts.data()), nullptr, nullptr);
        GDALClose(ds);
        if (!copy)
            return false;
        GDALClose(copy);
        return true;
    }
    GDALClose(ds);
    return true;
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestRasterSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void probabilityImageLayout();
    void formats_data();
    void formats();
    void bilevelG4LargeSheet();
    void paletteReductionAverages();
    void labelMapValues();
    void multipage();
    void geotiff();
    void badInput_data();
    void badInput();
    void truncatedFilesRefusedAtOpen_data();
    void truncatedFilesRefusedAtOpen();
    void windowRssStaysSmall();

private:
    QTemporaryDir mDir;
};

void TestRasterSource::formats_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("bands");
    QTest::addColumn<int>("bits");
    QTest::addColumn<int>("tolerance");
    QTest::newRow("1-bit G4 TIFF") << "g4.tif" << 0 << 1 << 1 << 0;
    QTest::newRow("8-bit grey TIFF") << "grey8.tif" << 1 << 1 << 8 << 0;
    QTest::newRow("16-bit grey TIFF") << "grey16.tif" << 2 << 1 << 16 << 0;
    QTest::newRow("RGB TIFF") << "rgb.tif" << 3 << 3 << 8 << 1;
    QTest::newRow("palette TIFF") << "palette.tif" << 4 << 1 << 8 << 1;
    QTest::newRow("PNG grey") << "grey.png" << 5 << 1 << 8 << 0;
    QTest::newRow("JPEG grey") << "grey.jpg" << 6 << 1 << 8 << 40;
    QTest::newRow("PNG RGB") << "rgb.png" << 7 << 3 << 8 << 1;
}

void TestRasterSource::formats()
{
    QFETCH(QString, name);
    QFETCH(int, kind);
    QFETCH(int, bands);
    QFETCH(int, bits);
    QFETCH(int, tolerance);
    const std::vector<Spec> specs = {
        {"GTiff", 1, GDT_Byte, {"NBITS=1", "COMPRESS=CCITTFAX4"}, false, true},
        {"GTiff", 1, GDT_Byte, {"COMPRESS=DEFLATE"}},
        {"GTiff", 1, GDT_UInt16, {}},
        {"GTiff", 3, GDT_Byte, {"PHOTOMETRIC=RGB"}},
        {"GTiff", 1, GDT_Byte, {}, true},
        {"PNG", 1, GDT_Byte, {}},
        {"JPEG", 1, GDT_Byte, {"QUALITY=95"}},
        {"PNG", 3, GDT_Byte, {}},
    };
    const int w = 300, h = 200;
    const QString path = mDir.filePath(name);
    QVERIFY(writeImage(path, w, h, specs[size_t(kind)]));

    auto src = RasterSource::open(path);
    QVERIFY2(src.ok(), qPrintable(src.error()));
    const RasterInfo &info = (*src)->info();
    QCOMPARE(info.width, w);
    QCOMPARE(info.height, h);
    QCOMPARE(info.bands, bands);
    QCOMPARE(info.bitsPerSample, bits);
    QCOMPARE(info.pageCount, 1);

    auto grey = (*src)->readGrey(QRect(10, 20, 100, 50));
    QVERIFY2(grey.ok(), qPrintable(grey.error()));
    QCOMPARE(grey->cols, 100);
    QCOMPARE(grey->rows, 50);
    int worst = 0;
    for (int y = 0; y < 50; ++y)
        for (int x = 0; x < 100; ++x)
            worst = std::max(worst, std::abs(int(grey->at<uint8_t>(y, x)) - int(pattern(x + 10, y + 20))));
    QVERIFY2(worst <= tolerance, qPrintable(QStringLiteral("max difference %1").arg(worst)));

    // Reduced read for display: area-averaged, right size.
    auto rgb = (*src)->readRgb(QRect(0, 0, w, h), QSize(75, 50));
    QVERIFY2(rgb.ok(), qPrintable(rgb.error()));
    QCOMPARE(rgb->size(), QSize(75, 50));
}

void TestRasterSource::bilevelG4LargeSheet()
{
    const QString path = mDir.filePath(QStringLiteral("sheet-g4.tif"));
    QVERIFY(writeImage(path, 1700, 18000, {"GTiff", 1, GDT_Byte, {"NBITS=1", "COMPRESS=CCITTFAX4"}, false, true}));
    auto src = RasterSource::open(path);
    QVERIFY2(src.ok(), qPrintable(src.error()));
    QCOMPARE((*src)->width(), 1700);
    QCOMPARE((*src)->height(), 18000);
    QCOMPARE((*src)->info().bitsPerSample, 1);
    QCOMPARE((*src)->info().compression, QStringLiteral("CCITTFAX4"));
    auto grey = (*src)->readGrey(QRect(1600, 17900, 200, 200)); // clipped at the corner
    QVERIFY2(grey.ok(), qPrintable(grey.error()));
    QCOMPARE(grey->cols, 100);
    QCOMPARE(grey->rows, 100);
    QCOMPARE(int(grey->at<uint8_t>(0, 0)), int(pattern(1600, 17900)));
    QCOMPARE(int(grey->at<uint8_t>(99, 99)), int(pattern(1699, 17999)));
}

void TestRasterSource::paletteReductionAverages()
{
    // A 1-px ink line on a palette (bilevel-like) image must stay visible when reduced 4x: colours are
    // averaged after the palette lookup instead of picking one index.
    const QString path = mDir.filePath(QStringLiteral("palette-lines.tif"));
    {
        GDALAllRegister();
        GDALDataset *ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            QFile::encodeName(path).constData(), 64, 64, 1, GDT_Byte, nullptr);
        QVERIFY(ds);
        GDALColorTable ct;
        GDALColorEntry black{0, 0, 0, 255}, white{255, 255, 255, 255};
        ct.SetColorEntry(0, &black);
        ct.SetColorEntry(1, &white);
        ds->GetRasterBand(1)->SetColorTable(&ct);
        std::vector<uint8_t> px(64 * 64, 1);
        for (int y = 0; y < 64; ++y)
            px[size_t(y) * 64 + 9] = 0; // column 9: inside output column 2 (columns 8..11)
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 64, 64, px.data(), 64, 64, GDT_Byte, 0, 0, nullptr), CE_None);
        GDALClose(ds);
    }
    auto src = RasterSource::open(path);
    QVERIFY2(src.ok(), qPrintable(src.error()));
    auto grey = (*src)->readGrey(QRect(0, 0, 64, 64), QSize(16, 16));
    QVERIFY2(grey.ok(), qPrintable(grey.error()));
    for (int y = 0; y < 16; ++y) {
        QVERIFY(std::abs(int(grey->at<uint8_t>(y, 2)) - 191) <= 2); // 3 white + 1 black
        QCOMPARE(int(grey->at<uint8_t>(y, 5)), 255);
    }
    auto rgb = (*src)->readRgb(QRect(0, 0, 64, 64), QSize(16, 16));
    QVERIFY2(rgb.ok(), qPrintable(rgb.error()));
    QVERIFY(std::abs(qRed(rgb->pixel(2, 7)) - 191) <= 2);
}

void TestRasterSource::labelMapValues()
{
    const QString good = mDir.filePath(QStringLiteral("labels-good.png"));
    const QString bad = mDir.filePath(QStringLiteral("labels-bad.png"));
    cv::Mat labels(20, 30, CV_8UC1, cv::Scalar(0));
    labels.col(3).setTo(1);
    labels.col(7).setTo(2);
    labels.row(19).setTo(255);
    QVERIFY(writeImage(good, 30, 20, {"PNG", 1, GDT_Byte, {}})); // make the file, then overwrite with labels
    {
        GDALDataset *mem = GetGDALDriverManager()->GetDriverByName("MEM")->Create("", 30, 20, 1, GDT_Byte, nullptr);
        QCOMPARE(mem->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 30, 20, labels.data, 30, 20, GDT_Byte, 0, 0, nullptr), CE_None);
        GDALClose(GetGDALDriverManager()->GetDriverByName("PNG")->CreateCopy(QFile::encodeName(good).constData(), mem, FALSE, nullptr, nullptr, nullptr));
        labels.at<uint8_t>(5, 11) = 7;
        QCOMPARE(mem->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 30, 20, labels.data, 30, 20, GDT_Byte, 0, 0, nullptr), CE_None);
        GDALClose(GetGDALDriverManager()->GetDriverByName("PNG")->CreateCopy(QFile::encodeName(bad).constData(), mem, FALSE, nullptr, nullptr, nullptr));
        GDALClose(mem);
    }
    auto ok = readLabelMap(good);
    QVERIFY2(ok.ok(), qPrintable(ok.error()));
    QCOMPARE(int(ok->at<uint8_t>(0, 3)), 1);
    QCOMPARE(int(ok->at<uint8_t>(0, 7)), 2);
    QCOMPARE(int(ok->at<uint8_t>(19, 0)), 255);
    auto rejected = readLabelMap(bad);
    QVERIFY(!rejected.ok());
    QVERIFY2(rejected.error().contains(bad) && rejected.error().contains(QStringLiteral("x=11, y=5")), qPrintable(rejected.error()));
}

void TestRasterSource::multipage()
{
    const QString path = mDir.filePath(QStringLiteral("pages.tif"));
    QVERIFY(writeImage(path, 120, 80, {"GTiff", 1, GDT_Byte, {}}));
    // Append a second page of another size.
    {
        GDALDriver *mem = GetGDALDriverManager()->GetDriverByName("MEM");
        GDALDataset *ds = mem->Create("", 60, 40, 1, GDT_Byte, nullptr);
        std::vector<uint8_t> ink(60 * 40, 0);
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 60, 40, ink.data(), 60, 40, GDT_Byte, 0, 0, nullptr), CE_None);
        const char *opts[] = {"APPEND_SUBDATASET=YES", nullptr};
        GDALDataset *out = GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(
            QFile::encodeName(path).constData(), ds, FALSE, const_cast<char **>(opts), nullptr, nullptr);
        QVERIFY(out);
        GDALClose(out);
        GDALClose(ds);
    }
    auto first = RasterSource::open(path, 0);
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QCOMPARE((*first)->info().pageCount, 2);
    QCOMPARE((*first)->width(), 120);
    auto second = RasterSource::open(path, 1);
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QCOMPARE((*second)->width(), 60);
    QCOMPARE((*second)->height(), 40);
    auto px = (*second)->readGrey(QRect(0, 0, 4, 4));
    QVERIFY(px.ok());
    QCOMPARE(int(px->at<uint8_t>(2, 2)), 0);
    auto third = RasterSource::open(path, 2);
    QVERIFY(!third.ok());
    QVERIFY(third.error().contains(QStringLiteral("page 3")));
}

void TestRasterSource::geotiff()
{
    const QString path = mDir.filePath(QStringLiteral("geo.tif"));
    QVERIFY(writeImage(path, 64, 64, {"GTiff", 3, GDT_Byte, {}}));
    {
        GDALDataset *ds = GDALDataset::Open(QFile::encodeName(path).constData(), GDAL_OF_UPDATE | GDAL_OF_RASTER);
        QVERIFY(ds);
        double gt[6] = {500000.0, 1.0, 0.0, 4100000.0, 0.0, -1.0};
        ds->SetGeoTransform(gt);
        GDALClose(ds);
    }
    auto src = RasterSource::open(path);
    QVERIFY2(src.ok(), qPrintable(src.error()));
    QVERIFY((*src)->info().georeferenced);
    QCOMPARE((*src)->info().bands, 3);
    auto grey = (*src)->readGrey(QRect(0, 0, 64, 64));
    QVERIFY(grey.ok());
    QVERIFY(std::abs(int(grey->at<uint8_t>(0, 0)) - 0) <= 1);
}

void TestRasterSource::badInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << "missing.tif" << QByteArray() << "no such file";
    QTest::newRow("empty") << "empty.tif" << QByteArray("") << "empty";
    QTest::newRow("text with image extension") << "notes.png" << QByteArray("depth,gr\n100,45\n") << "not an image";
    QTest::newRow("binary junk") << "junk.tif" << QByteArray(4096, '\x5a') << "not an image";
    QTest::newRow("truncated TIFF header") << "trunc.tif" << QByteArray("II*\0\x08\0\0\0\x0e\0", 10) << "not an image";
}

void TestRasterSource::badInput()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = mDir.filePath(name);
    if (name != QLatin1String("missing.tif"))
        writeBytes(path, content);
    auto src = RasterSource::open(path);
    QVERIFY(!src.ok());
    QVERIFY2(src.error().contains(path), qPrintable(src.error()));
    QVERIFY2(src.error().contains(expected), qPrintable(src.error()));
}

void TestRasterSource::truncatedFilesRefusedAtOpen_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("name");
    QTest::newRow("PNG") << "PNG" << "cut.png";
    QTest::newRow("JPEG") << "JPEG" << "cut.jpg";
    QTest::newRow("TIFF strips") << "GTiff" << "cut.tif";
}

void TestRasterSource::truncatedFilesRefusedAtOpen()
{
    // A file cut short (a copy still running, a broken download) is refused when it is opened,
    // naming the file, rather than opening and failing tile by tile later. The whole file opens.
    QFETCH(QString, driver);
    QFETCH(QString, name);
    const QString whole = mDir.filePath(QStringLiteral("whole-") + name);
    const QByteArray d = driver.toLatin1();
    QVERIFY(writeImage(whole, 300, 900, {d.constData(), 1, GDT_Byte, {}}));
    auto ok = RasterSource::open(whole);
    QVERIFY2(ok.ok(), qPrintable(ok.error()));
    QFile f(whole);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const QString cut = mDir.filePath(name);
    writeBytes(cut, bytes.left(bytes.size() * 6 / 10));
    auto src = RasterSource::open(cut);
    QVERIFY(!src.ok());
    QVERIFY2(src.error().contains(cut) && src.error().contains(QStringLiteral("truncated")), qPrintable(src.error()));
}

void TestRasterSource::windowRssStaysSmall()
{
    // Truncated pixel data: the header opens, reading fails with a message, no crash.
    const QString good = mDir.filePath(QStringLiteral("cut-source.png"));
    QVERIFY(writeImage(good, 400, 400, {"PNG", 1, GDT_Byte, {}}));
    QFile f(good);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    f.close();
    const QString cut = mDir.filePath(QStringLiteral("cut.png"));
    writeBytes(cut, bytes.left(bytes.size() / 3));
    auto src = RasterSource::open(cut);
    if (src.ok()) {
        auto px = (*src)->readGrey(QRect(0, 0, 400, 400));
        QVERIFY(!px.ok());
        QVERIFY2(px.error().contains(cut), qPrintable(px.error()));
    }

    // A header claiming 100 000 x 100 000 pixels is refused before any allocation.
    const QString huge = mDir.filePath(QStringLiteral("huge.tif"));
    {
        const char *opts[] = {"SPARSE_OK=TRUE", "TILED=YES", nullptr};
        GDALDataset *ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            QFile::encodeName(huge).constData(), 100000, 100000, 1, GDT_Byte, const_cast<char **>(opts));
        QVERIFY(ds);
        GDALClose(ds);
    }
    auto big = RasterSource::open(huge);
    QVERIFY(!big.ok());
    QVERIFY2(big.error().contains(QStringLiteral("100000 x 100000")), qPrintable(big.error()));

    // Peak RSS of reading one window of a 1700 x 18000 G4 sheet, against a tiny image.
    const QString probe = QString::fromLocal8Bit(qgetenv("VEER_BINARY_DIR")) + QStringLiteral("/tests/core/raster_rss_probe");
    if (!QFile::exists(probe))
        QSKIP("raster_rss_probe not built");
    const QString sheet = mDir.filePath(QStringLiteral("sheet-g4.tif"));
    if (!QFile::exists(sheet))
        QVERIFY(writeImage(sheet, 1700, 18000, {"GTiff", 1, GDT_Byte, {"NBITS=1", "COMPRESS=CCITTFAX4"}, false, true}));
    const QString tiny = mDir.filePath(QStringLiteral("tiny.tif"));
    QVERIFY(writeImage(tiny, 64, 64, {"GTiff", 1, GDT_Byte, {"NBITS=1", "COMPRESS=CCITTFAX4"}, false, true}));
    auto peak = [&](const QString &file) {
        QProcess p;
        p.start(probe, {file});
        p.waitForFinished(60000);
        return p.readAllStandardOutput().trimmed().toLongLong();
    };
    const qint64 base = peak(tiny);
    const qint64 used = peak(sheet);
    QVERIFY(base > 0 && used > 0);
    const qint64 copy8 = 1700LL * 18000LL;
    qInfo("peak RSS: tiny image %lld kB, window of the 1700x18000 sheet %lld kB; an 8-bit copy is %lld kB",
          base / 1024, used / 1024, copy8 / 1024);
    QVERIFY2(used - base < copy8 / 4, "reading a window must not cost a quarter of an 8-bit copy");
}

// One layout for the probability PNG: B = P(curve one), G = P(curve two), R = 0.
void TestRasterSource::probabilityImageLayout()
{
    cv::Mat p(3, 4, CV_8UC2);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c)
            p.at<cv::Vec2b>(r, c) = cv::Vec2b(uchar(10 * r + c), uchar(200 - c));
    const cv::Mat bgr = encodeProbabilityImage(p);
    QCOMPARE(bgr.type(), CV_8UC3);
    QCOMPARE(bgr.at<cv::Vec3b>(2, 3), cv::Vec3b(23, 197, 0));
    const cv::Mat back = decodeProbabilityImage(bgr);
    QCOMPARE(cv::countNonZero(back.reshape(1) != p.reshape(1)), 0);
    QVERIFY(encodeProbabilityImage(cv::Mat(2, 2, CV_8UC1)).empty());
    QVERIFY(decodeProbabilityImage(cv::Mat(2, 2, CV_8UC1)).empty());
}

QTEST_GUILESS_MAIN(TestRasterSource)
#include "tst_rastersource.moc"
