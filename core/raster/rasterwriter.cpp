#include "rasterwriter.h"

#include <QFile>
#include <QFileInfo>

#include <cpl_error.h>
#include <gdal_priv.h>

namespace veer {

Status writeGreyTiff(const QString &path, int width, int height, const std::function<cv::Mat(int, int)> &rows, bool bilevel)
{
    GDALAllRegister();
    GDALDriver *driver = GetGDALDriverManager()->GetDriverByName("GTiff");
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

} // namespace veer
