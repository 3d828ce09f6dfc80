// veer-cli info SHEET: raster facts as JSON.
#include "cliutil.h"
#include "commands.h"

#include "raster/rastersource.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace veer::cli {

static int cmdInfo(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the raster facts of a scanned sheet as JSON."));
    parser.addPositionalArgument(QStringLiteral("SHEET"), QStringLiteral("TIFF, PNG, JPEG or GeoTIFF file."));
    parser.addOption({QStringLiteral("page"), QStringLiteral("Page of a multipage TIFF (1-based)."), QStringLiteral("N"), QStringLiteral("1")});
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("info"), args, 1, 1, code))
        return code;
    int page = 1;
    if (!optionInt(parser, QStringLiteral("page"), page))
        return ExitUsage;
    const QString path = parser.positionalArguments().first();
    auto src = RasterSource::open(path, page - 1);
    if (!src) {
        printError(src.error());
        return ExitFailure;
    }
    const RasterInfo &info = (*src)->info();
    // Prove the pixels decode, not just the header: read a small window in the middle.
    const QRect probe(0, info.height / 2, std::min(info.width, 256), std::min(info.height, 64));
    auto pixels = (*src)->readGrey(probe);
    if (!pixels) {
        printError(pixels.error());
        return ExitFailure;
    }
    QJsonObject o{{QStringLiteral("file"), path},
                  {QStringLiteral("driver"), info.driver},
                  {QStringLiteral("width"), info.width},
                  {QStringLiteral("height"), info.height},
                  {QStringLiteral("bands"), info.bands},
                  {QStringLiteral("bits"), info.bitsPerSample},
                  {QStringLiteral("pages"), info.pageCount},
                  {QStringLiteral("page"), info.page + 1},
                  {QStringLiteral("palette"), info.palette},
                  {QStringLiteral("georeferenced"), info.georeferenced},
                  {QStringLiteral("compression"), info.compression}};
    printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
    return ExitOk;
}

VEER_CLI_COMMAND("info", "Print a sheet's raster facts (size, bands, bits, pages) as JSON", cmdInfo);

} // namespace veer::cli
