#include "rastersource.h"

#include "inkview.h"

#include <QFile>
#include <QFileInfo>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace veer {

namespace {

void registerGdal()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Scans are read window by window; a modest block cache keeps memory bounded.
        GDALSetCacheMax64(GIntBig(256) * 1024 * 1024);
    });
}

/** Silences GDAL's stderr output on this thread for its lifetime and keeps the last message. */
class GdalErrorScope
{
public:
    GdalErrorScope()
    {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~GdalErrorScope() { CPLPopErrorHandler(); }
    QString message() const
    {
        const char *msg = CPLGetLastErrorMsg();
        return msg && *msg ? QString::fromUtf8(msg) : QString();
    }
};

const char *const kAllowedDrivers[] = {"GTiff", "COG", "PNG", "JPEG", "BMP", "GIF", nullptr};

QString withReason(const QString &text, const QString &gdalMessage)
{
    return gdalMessage.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, gdalMessage);
}

} // namespace

struct RasterSource::Private
{
    GDALDataset *dataset = nullptr;
    mutable std::mutex mutex;
    std::vector<uint8_t> paletteGrey;      // palette index -> luminance
    std::vector<QRgb> paletteRgb;          // palette index -> colour
    double scale = 1.0;                    // multiplies raw samples to 0..255
    bool invert = false;                   // MINISWHITE without a palette
    InkView ink;                           // colour -> the network's grey (colour and palette images)

    /**
     * The paper colour from a sample of the first rows (up to 4096, so that a long PNG or JPEG is
     * not decoded to its end when opened): 8 bands of 8 rows, at most 1024 columns wide.
     */
    void estimatePaper(int width, int height, bool palette)
    {
        const int top = std::min(height, 4096);
        const int bandRows = std::min(8, top);
        const int outW = std::min(width, 1024);
        cv::Mat sample(0, outW, CV_8UC3);
        QString error;
        for (int i = 0; i < 8; ++i) {
            const int y = std::min(top - bandRows, i * top / 8);
            const QRect w(0, y, width, bandRows);
            cv::Mat rgb;
            if (palette) {
                if (!readPaletteRgb(w, outW, bandRows, rgb, error))
                    return;
            } else {
                std::vector<float> planes;
                if (!readPlanes(w, outW, bandRows, 3, planes, error))
                    return;
                const size_t n = size_t(outW) * size_t(bandRows);
                rgb.create(bandRows, outW, CV_8UC3);
                uint8_t *dst = rgb.ptr<uint8_t>();
                for (size_t k = 0; k < n; ++k)
                    for (size_t c = 0; c < 3; ++c)
                        dst[3 * k + c] = cv::saturate_cast<uint8_t>(planes[k + c * n] * float(scale));
            }
            sample.push_back(rgb);
        }
        ink = InkView(InkView::paperOf(sample));
    }

    ~Private()
    {
        if (dataset)
            GDALClose(dataset);
    }

    // Reads `bandCount` bands of window into float planes of outW x outH (band-sequential).
    bool readPlanes(const QRect &w, int outW, int outH, int bandCount, std::vector<float> &planes, QString &error) const
    {
        planes.assign(size_t(outW) * size_t(outH) * size_t(bandCount), 0.0f);
        std::vector<int> bandMap(static_cast<size_t>(bandCount));
        for (int b = 0; b < bandCount; ++b)
            bandMap[size_t(b)] = b + 1;
        GDALRasterIOExtraArg extra;
        INIT_RASTERIO_EXTRA_ARG(extra);
        const bool reducing = outW < w.width() || outH < w.height();
        extra.eResampleAlg = reducing ? GRIORA_Average : GRIORA_NearestNeighbour;
        GdalErrorScope scope;
        const CPLErr err = dataset->RasterIO(GF_Read, w.x(), w.y(), w.width(), w.height(), planes.data(), outW, outH,
                                             GDT_Float32, bandCount, bandMap.data(), 0, 0, 0, &extra);
        if (err != CE_None) {
            error = withReason(QStringLiteral("cannot read pixels %1,%2 %3x%4; the file may be truncated or corrupt")
                                   .arg(w.x()).arg(w.y()).arg(w.width()).arg(w.height()),
                               scope.message());
            return false;
        }
        return true;
    }

    /**
     * Palette images: indices cannot be averaged, so a reduced read expands the palette at full
     * resolution, strip by strip, and area-averages the colours (thin ink stays visible when zoomed out).
     */
    bool readPaletteRgb(const QRect &w, int outW, int outH, cv::Mat &rgb, QString &error) const
    {
        rgb.create(outH, outW, CV_8UC3);
        const double sy = double(w.height()) / outH;
        // Strips of whole output rows, about 4 MB of indices each.
        const int rowsPerStrip = std::max(1, int((4 << 20) / std::max(1, w.width()) / std::max(1.0, sy)));
        std::vector<float> idx;
        for (int oy = 0; oy < outH; oy += rowsPerStrip) {
            const int oh = std::min(rowsPerStrip, outH - oy);
            const int y0 = w.y() + int(std::floor(oy * sy));
            const int y1 = std::min(w.y() + w.height(), w.y() + int(std::ceil((oy + oh) * sy)));
            const QRect strip(w.x(), y0, w.width(), std::max(1, y1 - y0));
            idx.assign(size_t(strip.width()) * size_t(strip.height()), 0.0f);
            GdalErrorScope scope;
            if (dataset->RasterIO(GF_Read, strip.x(), strip.y(), strip.width(), strip.height(), idx.data(), strip.width(),
                                  strip.height(), GDT_Float32, 1, nullptr, 0, 0, 0, nullptr) != CE_None) {
                error = withReason(QStringLiteral("cannot read pixels %1,%2 %3x%4; the file may be truncated or corrupt")
                                       .arg(strip.x()).arg(strip.y()).arg(strip.width()).arg(strip.height()),
                                   scope.message());
                return false;
            }
            cv::Mat full(strip.height(), strip.width(), CV_8UC3);
            const size_t last = paletteRgb.size() - 1;
            for (int y = 0; y < strip.height(); ++y) {
                cv::Vec3b *line = full.ptr<cv::Vec3b>(y);
                for (int x = 0; x < strip.width(); ++x) {
                    const QRgb c = paletteRgb[std::min(size_t(std::max(0.0f, idx[size_t(y) * size_t(strip.width()) + size_t(x)])), last)];
                    line[x] = cv::Vec3b(uint8_t(qRed(c)), uint8_t(qGreen(c)), uint8_t(qBlue(c)));
                }
            }
            cv::Mat reduced;
            cv::resize(full, reduced, cv::Size(outW, oh), 0, 0, cv::INTER_AREA);
            reduced.copyTo(rgb.rowRange(oy, oy + oh));
        }
        return true;
    }
};

RasterSource::RasterSource() : d(std::make_unique<Private>()) {}
RasterSource::~RasterSource() = default;

namespace {

/**
 * Why the file ends before its image data does (empty when it does not), checked without decoding:
 * PNG must end with IEND, JPEG with EOI, and a TIFF's last block of band 1 must lie in the file.
 * GDAL opens such files happily and fails only when the missing rows are read.
 */
QString truncation(const QString &path, const QString &driver, GDALRasterBand *band)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const qint64 size = file.size();
    if (driver == QLatin1String("PNG") || driver == QLatin1String("JPEG")) {
        // Tolerate a little trailing padding after the end marker, as some scanners write.
        const qint64 tail = std::min<qint64>(size, 256);
        file.seek(size - tail);
        const QByteArray end = file.read(tail);
        if (driver == QLatin1String("PNG"))
            return end.contains("IEND") ? QString() : QStringLiteral("no PNG end chunk");
        return end.contains(QByteArray("\xff\xd9", 2)) ? QString() : QStringLiteral("no JPEG end marker");
    }
    if (driver == QLatin1String("GTiff") && band) {
        int bx = 0, by = 0;
        band->GetBlockSize(&bx, &by);
        if (bx <= 0 || by <= 0)
            return {};
        const int nx = (band->GetXSize() + bx - 1) / bx;
        const int ny = (band->GetYSize() + by - 1) / by;
        const QByteArray key = QByteArray::number(nx - 1) + '_' + QByteArray::number(ny - 1);
        const char *offset = band->GetMetadataItem(("BLOCK_OFFSET_" + key).constData(), "TIFF");
        const char *bytes = band->GetMetadataItem(("BLOCK_SIZE_" + key).constData(), "TIFF");
        if (offset && bytes && std::strtoll(offset, nullptr, 10) + std::strtoll(bytes, nullptr, 10) > size)
            return QStringLiteral("its last image block ends past the end of the file");
    }
    return {};
}

} // namespace

Result<std::shared_ptr<RasterSource>> RasterSource::open(const QString &path, int page)
{
    using R = Result<std::shared_ptr<RasterSource>>;
    registerGdal();
    const QFileInfo fi(path);
    if (!fi.exists())
        return R::failure(QStringLiteral("%1: no such file").arg(path));
    if (!fi.isFile())
        return R::failure(QStringLiteral("%1: not a regular file").arg(path));
    if (fi.size() == 0)
        return R::failure(QStringLiteral("%1: the file is empty").arg(path));

    GdalErrorScope scope;
    const QByteArray native = QFile::encodeName(path);
    GDALDataset *ds = GDALDataset::FromHandle(
        GDALOpenEx(native.constData(), GDAL_OF_RASTER | GDAL_OF_READONLY, kAllowedDrivers, nullptr, nullptr));
    if (!ds)
        return R::failure(withReason(QStringLiteral("%1: not an image Veer can read (TIFF, PNG, JPEG, GeoTIFF)").arg(path),
                                     scope.message()));

    // Multipage TIFF: pages are GDAL subdatasets.
    int pageCount = 1;
    char **subdatasets = ds->GetMetadata("SUBDATASETS");
    const int subCount = CSLCount(subdatasets) / 2;
    if (subCount > 1)
        pageCount = subCount;
    if (page < 0 || page >= pageCount) {
        GDALClose(ds);
        return R::failure(QStringLiteral("%1: page %2 does not exist; the file has %3 page(s)").arg(path).arg(page + 1).arg(pageCount));
    }
    if (pageCount > 1 && page > 0) {
        const QByteArray key = QByteArray("SUBDATASET_") + QByteArray::number(page + 1) + "_NAME";
        const char *name = CSLFetchNameValue(subdatasets, key.constData());
        GDALDataset *pageDs = name ? GDALDataset::FromHandle(GDALOpenEx(name, GDAL_OF_RASTER | GDAL_OF_READONLY,
                                                                        nullptr, nullptr, nullptr))
                                   : nullptr;
        GDALClose(ds);
        if (!pageDs)
            return R::failure(withReason(QStringLiteral("%1: cannot open page %2").arg(path).arg(page + 1), scope.message()));
        ds = pageDs;
    }

    std::shared_ptr<RasterSource> src(new RasterSource);
    src->d->dataset = ds;
    RasterInfo &info = src->mInfo;
    info.path = path;
    info.driver = QString::fromUtf8(ds->GetDriver() ? ds->GetDriver()->GetDescription() : "");
    info.width = ds->GetRasterXSize();
    info.height = ds->GetRasterYSize();
    info.bands = ds->GetRasterCount();
    info.pageCount = pageCount;
    info.page = page;
    if (info.bands < 1)
        return R::failure(QStringLiteral("%1: the image has no raster bands").arg(path));
    if (info.width <= 0 || info.height <= 0)
        return R::failure(QStringLiteral("%1: the image has no pixels").arg(path));
    if (info.width > kMaxSide || info.height > kMaxSide || double(info.width) * info.height > kMaxPixels)
        return R::failure(QStringLiteral("%1: claims %2 x %3 pixels, more than Veer accepts (at most %4 pixels, %5 per side); "
                                         "the header is probably corrupt")
                              .arg(path).arg(info.width).arg(info.height).arg(kMaxPixels, 0, 'g', 3).arg(kMaxSide));

    if (const QString cut = truncation(path, info.driver, ds->GetRasterBand(1)); !cut.isEmpty())
        return R::failure(QStringLiteral("%1: the file is truncated (%2); it may still be copying or was cut short").arg(path, cut));

    double gt[6];
    info.georeferenced = ds->GetGeoTransform(gt) == CE_None || ds->GetGCPCount() > 0;
    if (const char *c = ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"))
        info.compression = QString::fromUtf8(c);

    GDALRasterBand *band = ds->GetRasterBand(1);
    const GDALDataType type = band->GetRasterDataType();
    info.bitsPerSample = GDALGetDataTypeSizeBits(type);
    if (const char *nbits = band->GetMetadataItem("NBITS", "IMAGE_STRUCTURE"))
        info.bitsPerSample = std::atoi(nbits);

    if (GDALColorTable *ct = band->GetColorTable()) {
        info.palette = true;
        const int n = std::min(ct->GetColorEntryCount(), 65536);
        src->d->paletteGrey.resize(size_t(std::max(n, 1)), 0);
        src->d->paletteRgb.resize(size_t(std::max(n, 1)), qRgb(0, 0, 0));
        for (int i = 0; i < n; ++i) {
            const GDALColorEntry *e = ct->GetColorEntry(i);
            src->d->paletteRgb[size_t(i)] = qRgb(e->c1, e->c2, e->c3);
        }
        src->d->estimatePaper(info.width, info.height, true);
        for (int i = 0; i < n; ++i) {
            const QRgb c = src->d->paletteRgb[size_t(i)];
            src->d->paletteGrey[size_t(i)] = src->d->ink.apply(float(qRed(c)), float(qGreen(c)), float(qBlue(c)));
        }
    } else if (type == GDT_Byte) {
        src->d->scale = info.bitsPerSample > 0 && info.bitsPerSample < 8 ? 255.0 / ((1 << info.bitsPerSample) - 1) : 1.0;
    } else if (type == GDT_UInt16 || type == GDT_Int16) {
        const int bits = info.bitsPerSample > 0 && info.bitsPerSample <= 16 ? info.bitsPerSample : 16;
        src->d->scale = 255.0 / ((1 << bits) - 1);
    } else {
        double minV = 0, maxV = 0;
        if (band->GetStatistics(TRUE, TRUE, &minV, &maxV, nullptr, nullptr) == CE_None && maxV > minV)
            src->d->scale = 255.0 / maxV;
    }
    if (info.bands >= 3 && !info.palette)
        src->d->estimatePaper(info.width, info.height, false);
    if (const char *photometric = ds->GetMetadataItem("MINISWHITE", "IMAGE_STRUCTURE"))
        src->d->invert = !info.palette && QByteArray(photometric).toUpper() != "NO";
    return src;
}

Result<cv::Mat> RasterSource::readGrey(const QRect &window, const QSize &outSize) const
{
    using R = Result<cv::Mat>;
    const QRect w = window.intersected(QRect(0, 0, mInfo.width, mInfo.height));
    if (w.isEmpty())
        return R::failure(QStringLiteral("%1: window outside the image").arg(mInfo.path));
    const int outW = outSize.isValid() ? std::max(1, outSize.width()) : w.width();
    const int outH = outSize.isValid() ? std::max(1, outSize.height()) : w.height();
    const int bandCount = mInfo.bands >= 3 && !mInfo.palette ? 3 : 1;
    const bool reducing = outW < w.width() || outH < w.height();
    QString error;
    if (!d->paletteGrey.empty() && reducing) {
        cv::Mat rgb;
        {
            std::lock_guard<std::mutex> lock(d->mutex);
            if (!d->readPaletteRgb(w, outW, outH, rgb, error))
                return R::failure(QStringLiteral("%1: %2").arg(mInfo.path, error));
        }
        cv::Mat grey(rgb.size(), CV_8UC1);
        for (int y = 0; y < rgb.rows; ++y) {
            const uint8_t *p = rgb.ptr<uint8_t>(y);
            uint8_t *o = grey.ptr<uint8_t>(y);
            for (int x = 0; x < rgb.cols; ++x)
                o[x] = d->ink.apply(p[3 * x], p[3 * x + 1], p[3 * x + 2]);
        }
        return grey;
    }
    std::vector<float> planes;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        if (!d->readPlanes(w, outW, outH, bandCount, planes, error))
            return R::failure(QStringLiteral("%1: %2").arg(mInfo.path, error));
    }
    cv::Mat out(outH, outW, CV_8UC1);
    const size_t n = size_t(outW) * size_t(outH);
    uint8_t *dst = out.ptr<uint8_t>();
    if (!d->paletteGrey.empty()) {
        const size_t last = d->paletteGrey.size() - 1;
        for (size_t i = 0; i < n; ++i)
            dst[i] = d->paletteGrey[std::min(size_t(std::max(0.0f, planes[i])), last)];
    } else if (bandCount == 3) {
        const float *r = planes.data();
        const float *g = r + n;
        const float *b = g + n;
        const float s = float(d->scale);
        for (size_t i = 0; i < n; ++i)
            dst[i] = d->ink.apply(r[i] * s, g[i] * s, b[i] * s);
    } else {
        const float s = float(d->scale);
        for (size_t i = 0; i < n; ++i) {
            const uint8_t v = cv::saturate_cast<uint8_t>(planes[i] * s);
            dst[i] = d->invert ? uint8_t(255 - v) : v;
        }
    }
    return out;
}

Result<QImage> RasterSource::readRgb(const QRect &window, const QSize &outSize) const
{
    using R = Result<QImage>;
    const QRect w = window.intersected(QRect(0, 0, mInfo.width, mInfo.height));
    if (w.isEmpty())
        return R::failure(QStringLiteral("%1: window outside the image").arg(mInfo.path));
    const int outW = outSize.isValid() ? std::max(1, outSize.width()) : w.width();
    const int outH = outSize.isValid() ? std::max(1, outSize.height()) : w.height();
    const bool colour = mInfo.bands >= 3 && !mInfo.palette;
    if (!colour && d->paletteRgb.empty()) {
        auto grey = readGrey(window, outSize);
        if (!grey)
            return R::failure(grey.error());
        QImage img(outW, outH, QImage::Format_Grayscale8);
        for (int y = 0; y < outH; ++y)
            std::memcpy(img.scanLine(y), grey->ptr<uint8_t>(y), size_t(outW));
        return img;
    }
    QString error;
    if (!colour && (outW < w.width() || outH < w.height())) {
        cv::Mat rgb;
        {
            std::lock_guard<std::mutex> lock(d->mutex);
            if (!d->readPaletteRgb(w, outW, outH, rgb, error))
                return R::failure(QStringLiteral("%1: %2").arg(mInfo.path, error));
        }
        QImage img(outW, outH, QImage::Format_RGB888);
        for (int y = 0; y < outH; ++y)
            std::memcpy(img.scanLine(y), rgb.ptr<uint8_t>(y), size_t(outW) * 3);
        return img.convertToFormat(QImage::Format_RGB32);
    }
    std::vector<float> planes;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        if (!d->readPlanes(w, outW, outH, colour ? 3 : 1, planes, error))
            return R::failure(QStringLiteral("%1: %2").arg(mInfo.path, error));
    }
    QImage img(outW, outH, QImage::Format_RGB32);
    const size_t n = size_t(outW) * size_t(outH);
    const float s = float(d->scale);
    for (int y = 0; y < outH; ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        for (int x = 0; x < outW; ++x) {
            const size_t i = size_t(y) * size_t(outW) + size_t(x);
            if (colour) {
                line[x] = qRgb(cv::saturate_cast<uint8_t>(planes[i] * s), cv::saturate_cast<uint8_t>(planes[i + n] * s),
                               cv::saturate_cast<uint8_t>(planes[i + 2 * n] * s));
            } else {
                const size_t idx = std::min(size_t(std::max(0.0f, planes[i])), d->paletteRgb.size() - 1);
                line[x] = d->paletteRgb[idx];
            }
        }
    }
    return img;
}

} // namespace veer
