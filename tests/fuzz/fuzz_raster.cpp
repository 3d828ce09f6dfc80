// libFuzzer target: raster opening through Veer's GDAL wrapper (RasterSource::open) and small
// window reads, the way the viewer and the tiler use it. GDAL reads files, so each input is
// written to a file in a private temporary folder first. See docs/hardening.md.
#include "raster/rastersource.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <cpl_conv.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <unistd.h>

using veer::RasterSource;

namespace {

QString gInputPath;

void readWindows(const RasterSource &source)
{
    const int w = source.width();
    const int h = source.height();
    // Windows stay small whatever size the header claims: memory is bounded by the window.
    const QRect topLeft(0, 0, std::min(w, 64), std::min(h, 64));
    const QRect straddling(w - 16, h - 16, 48, 48);  // partly outside the image
    const QRect middle(w / 2, h / 2, 32, 32);
    for (const QRect &window : {topLeft, straddling, middle}) {
        (void)source.readGrey(window);
        (void)source.readRgb(window);
        // Reduced reads take the averaging (and for palettes, the expanding) path.
        (void)source.readGrey(window, QSize(std::max(1, window.width() / 3), std::max(1, window.height() / 3)));
        (void)source.readRgb(window, QSize(7, 5));
    }
    (void)source.readGrey(QRect(w, h, 10, 10));  // wholly outside: an error, not a read
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // No .aux.xml side files from statistics, no directory scans for side-car files.
    CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
    CPLSetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    char dir[] = "/tmp/veer-fuzz-raster-XXXXXX";
    if (!mkdtemp(dir))
        std::abort();
    gInputPath = QDir(QString::fromLocal8Bit(dir)).filePath(QStringLiteral("input"));
    std::atexit([] { QFileInfo(gInputPath).dir().removeRecursively(); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    {
        QFile file(gInputPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    auto first = RasterSource::open(gInputPath);
    if (!first)
        return 0;
    readWindows(**first);
    const int pages = (*first)->info().pageCount;
    first = RasterSource::open(gInputPath, std::min(pages, 3) - 1);  // a later page of a multipage TIFF
    if (first)
        readWindows(**first);
    (void)RasterSource::open(gInputPath, pages);  // one past the last page: an error
    return 0;
}
