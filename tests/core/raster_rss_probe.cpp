// Opens a raster, reads one 512-row window through RasterSource and prints the peak RSS in bytes.
#include "raster/rastersource.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    auto src = veer::RasterSource::open(QString::fromLocal8Bit(argv[1]));
    if (!src)
        return 1;
    const int h = (*src)->height();
    auto grey = (*src)->readGrey(QRect(0, h / 2, (*src)->width(), std::min(512, h)));
    if (!grey)
        return 1;
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            const long long kb = line.mid(6).trimmed().split(' ').first().toLongLong();
            std::printf("%lld\n", kb * 1024);
            return 0;
        }
    }
    return 1;
}
