// veer-cli segment SHEET -o LABELS.png: the 3-class label map of a sheet.
#include "cliutil.h"
#include "commands.h"

#include "raster/labelmap.h"
#include "raster/rastersource.h"
#include "segment/segmentationmodel.h"

#include <QElapsedTimer>

#include <opencv2/core.hpp>

namespace veer::cli {

static int cmdSegment(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Segment a sheet into background (0), curve one (1) and curve two (2)."));
    parser.addPositionalArgument(QStringLiteral("SHEET"), QStringLiteral("Scanned sheet."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Label map PNG to write."), QStringLiteral("LABELS.png")});
    addModelOption(parser);
    parser.addOption({QStringLiteral("probabilities"), QStringLiteral("Also write P(curve one), P(curve two) x255 as the blue and green channels of an RGB PNG (red 0)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("page"), QStringLiteral("Page of a multipage TIFF (1-based)."), QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("LibTorch threads."), QStringLiteral("N"), QStringLiteral("2")});
    parser.addOption({QStringLiteral("tile"), QStringLiteral("Tile size in pixels."), QStringLiteral("N"), QStringLiteral("512")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Overwrite existing output files.")});
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("segment"), args, 1, 1, code))
        return code;
    if (!parser.isSet(QStringLiteral("output"))) {
        printError(QStringLiteral("segment: -o LABELS.png is required"));
        return ExitUsage;
    }
    SegmentOptions options;
    int page = 1;
    if (!optionInt(parser, QStringLiteral("threads"), options.threads) || !optionInt(parser, QStringLiteral("tile"), options.tileSize)
        || !optionInt(parser, QStringLiteral("page"), page))
        return ExitUsage;
    const QString out = parser.value(QStringLiteral("output"));
    const QString probOut = parser.value(QStringLiteral("probabilities"));
    if (!refuseOverwrite(parser, {out, probOut}))
        return ExitFailure;
    options.probabilities = !probOut.isEmpty();

    auto src = RasterSource::open(parser.positionalArguments().first(), page - 1);
    if (!src) {
        printError(src.error());
        return ExitFailure;
    }
    const std::unique_ptr<SegmentationModel> model = loadModelOption(parser);
    if (!model)
        return ExitFailure;
    QElapsedTimer timer;
    timer.start();
    auto result = model->segment(**src, options);
    if (!result) {
        printError(result.error());
        return ExitFailure;
    }
    const double seconds = timer.elapsed() / 1000.0;
    if (!writePng(out, result->labels))
        return ExitFailure;
    if (options.probabilities) {
        if (!writePng(probOut, encodeProbabilityImage(result->probabilities)))
            return ExitFailure;
    }
    const double mpix = double((*src)->width()) * (*src)->height() / 1e6;
    printOut(QStringLiteral("%1: %2 x %3 px segmented in %4 s (%5 MPix/s) with model %6\n")
                 .arg(out)
                 .arg((*src)->width())
                 .arg((*src)->height())
                 .arg(seconds, 0, 'f', 2)
                 .arg(mpix / std::max(seconds, 1e-9), 0, 'f', 2)
                 .arg(model->info().id));
    return ExitOk;
}

VEER_CLI_COMMAND("segment", "Segment a sheet into the 3-class label map (PNG 0/1/2)", cmdSegment);

} // namespace veer::cli
