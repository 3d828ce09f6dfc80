#pragma once

#include "base/result.h"

#include <QImage>
#include <QRect>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <memory>

namespace veer {

/** Facts about one page of a raster file. */
struct RasterInfo
{
    QString path;
    QString driver;          ///< GDAL short driver name, e.g. "GTiff", "PNG"
    int width = 0;
    int height = 0;
    int bands = 0;
    int bitsPerSample = 0;   ///< 1 for bilevel scans
    int pageCount = 1;
    int page = 0;            ///< zero-based page this source reads
    bool palette = false;
    bool georeferenced = false;
    QString compression;     ///< e.g. "CCITTFAX4", "DEFLATE"; empty when unknown
};

/**
 * A scanned sheet read through GDAL, window by window, with bounded memory: never holds the whole
 * image. Gives an 8-bit grey view for the network (InkView on colour) and an RGB view for display.
 * Thread-safe: reads are serialised on an internal mutex (a GDAL dataset is not re-entrant).
 */
class RasterSource
{
public:
    /** Largest image accepted, in pixels; larger claims are refused before any allocation. */
    static constexpr double kMaxPixels = 2.0e9;
    static constexpr int kMaxSide = 1'000'000;

    /** Opens page `page` (zero-based) of `path`. Errors name the file and the problem. */
    static Result<std::shared_ptr<RasterSource>> open(const QString &path, int page = 0);
    ~RasterSource();

    RasterSource(const RasterSource &) = delete;
    RasterSource &operator=(const RasterSource &) = delete;

    const RasterInfo &info() const { return mInfo; }
    int width() const { return mInfo.width; }
    int height() const { return mInfo.height; }

    /**
     * 8-bit grey (0 black ink, 255 white paper) of `window`: luminance for grey and 1-bit images,
     * InkView (the darkest tint-corrected channel) for colour and palette ones, resampled to `outSize` (default:
     * the window's size) with area averaging when reducing. The window is clipped to the image.
     */
    Result<cv::Mat> readGrey(const QRect &window, const QSize &outSize = {}) const;

    /** RGB view of `window` for display, resampled to `outSize` (default: window size). */
    Result<QImage> readRgb(const QRect &window, const QSize &outSize = {}) const;

private:
    RasterSource();
    struct Private;
    std::unique_ptr<Private> d;
    RasterInfo mInfo;
};

} // namespace veer
