#include "rasterwriter.h"

#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <map>

#include <cpl_error.h>
#include <gdal_priv.h>

namespace veer {

namespace {

/** Closes `ds` and moves `tmp` to `path` when `ok`; removes `tmp` otherwise. */
Status finishTiff(GDALDataset *ds, const QString &tmp, const QString &path, bool ok)
{
    GDALClose(ds);
    if (!ok) {
        QFile::remove(tmp);
        return Status::failure(QStringLiteral("%1: writing the TIFF failed").arg(path));
    }
    QFile::remove(path);
    if (!QFile::rename(tmp, path)) {
        QFile::remove(tmp);
        return Status::failure(QStringLiteral("%1: cannot move the finished TIFF into place").arg(path));
    }
    return {};
}

GDALDriver *tiffDriver()
{
    GDALAllRegister();
    return GetGDALDriverManager()->GetDriverByName("GTiff");
}

} // namespace

Status writePaletteTiff(const QString &path, const cv::Mat &bgr)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        return Status::failure(QStringLiteral("%1: a palette TIFF needs a colour image").arg(path));
    std::map<std::uint32_t, std::uint8_t> index;
    cv::Mat indices(bgr.size(), CV_8UC1);
    for (int r = 0; r < bgr.rows; ++r) {
        const cv::Vec3b *p = bgr.ptr<cv::Vec3b>(r);
        std::uint8_t *out = indices.ptr<std::uint8_t>(r);
        for (int c = 0; c < bgr.cols; ++c) {
            const std::uint32_t key = std::uint32_t(p[c][2]) << 16 | std::uint32_t(p[c][1]) << 8 | p[c][0];
            auto it = index.find(key);
            if (it == index.end()) {
                if (index.size() == 256)
                    return Status::failure(QStringLiteral("%1: the image holds more than 256 colours").arg(path));
                it = index.emplace(key, std::uint8_t(index.size())).first;
            }
            out[c] = it->second;
        }
    }
    GDALDriver *driver = tiffDriver();
    if (!driver)
        return Status::failure(QStringLiteral("%1: GDAL has no GTiff driver").arg(path));
    const QString tmp = path + QStringLiteral(".part");
    const char *options[] = {"COMPRESS=LZW", nullptr};
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDataset *ds = driver->Create(QFile::encodeName(tmp).constData(), bgr.cols, bgr.rows, 1, GDT_Byte,
                                     const_cast<char **>(options));
    CPLPopErrorHandler();
    if (!ds)
        return Status::failure(QStringLiteral("%1: cannot create TIFF: %2").arg(path, QString::fromUtf8(CPLGetLastErrorMsg())));
    GDALColorTable table;
    for (const auto &[key, i] : index) {
        const GDALColorEntry entry{short(key >> 16 & 0xff), short(key >> 8 & 0xff), short(key & 0xff), 255};
        table.SetColorEntry(i, &entry);
    }
    GDALRasterBand *band = ds->GetRasterBand(1);
    bool ok = band->SetColorInterpretation(GCI_PaletteIndex) == CE_None && band->SetColorTable(&table) == CE_None;
    ok = ok && band->RasterIO(GF_Write, 0, 0, bgr.cols, bgr.rows, indices.data, bgr.cols, bgr.rows, GDT_Byte, 0, 0,
                              nullptr) == CE_None;
    return finishTiff(ds, tmp, path, ok);
}

Status writeGreyTiff(const QString &path, int width, int height, const std::function<cv::Mat(int, int)> &rows, bool bilevel)
{
    GDALDriver *driver = tiffDriver();
    if (!driver)
        return Status::failure(QStringLiteral("%1: GDAL has no GTiff driver").arg(path));
    // Write beside the target and rename, so a failure never leaves a half-written file.
    const QString tmp = path + QStringLiteral(".part");
    const char *g4[] = {"NBITS=1", "COMPRESS=CCITTFAX4", "PHOTOMETRIC=MINISBLACK", nullptr};
    const char *grey[] = {"COMPRESS=DEFLATE", "TILED=YES", nullptr};
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDataset *ds = driver->Create(QFile::encodeName(tmp).constData(), width, height, 1, GDT_Byte,
                                     const_cast<char **>(bilevel ? g4 : grey));
    CPLPopErrorHandler();
    if (!ds)
        return Status::failure(QStringLiteral("%1: cannot create TIFF: %2").arg(path, QString::fromUtf8(CPLGetLastErrorMsg())));
    const int strip = 512;
    bool ok = true;
    for (int y0 = 0; y0 < height && ok; y0 += strip) {
        const int n = std::min(strip, height - y0);
        cv::Mat band = rows(y0, n);
        if (band.rows != n || band.cols != width || band.type() != CV_8UC1) {
            ok = false;
            break;
        }
        if (!band.isContinuous())
            band = band.clone();
        if (bilevel)
            band = band >= 128;
        if (bilevel)
            band.setTo(1, band);
        ok = ds->GetRasterBand(1)->RasterIO(GF_Write, 0, y0, width, n, band.data, width, n, GDT_Byte, 0, 0, nullptr) == CE_None;
    }
    return finishTiff(ds, tmp, path, ok);
}

} // namespace veer
