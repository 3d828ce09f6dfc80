// veer-cli calibrate SHEET -o CAL.json: propose a calibration from the sheet itself.
#include "cliutil.h"
#include "commands.h"

#include "autocal/autocalibrator.h"
#include "base/atomicfile.h"
#include "raster/rastersource.h"

namespace veer::cli {

static int cmdCalibrate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Propose a calibration from the sheet itself: tracks and the log section from the ruling, the depth\n"
        "scale from the printed depth numbers (OCR, then a robust fit), the curve scales from the captions\n"
        "above the tracks where they can be read. Writes a veer-calibration/1 file with a 'proposal' object:\n"
        "a confidence per part, and the reason when it refuses. Exit status 0 when a calibration is\n"
        "proposed, 3 when it refuses (no file is written then), 1 on a file error."));
    parser.addPositionalArgument(QStringLiteral("SHEET"), QStringLiteral("TIFF, PNG, JPEG or GeoTIFF file."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Calibration file to write."), QStringLiteral("CAL.json")});
    parser.addOption({QStringLiteral("report"), QStringLiteral("Print what was found, and why anything was refused.")});
    parser.addOption({QStringLiteral("unit"), QStringLiteral("Depth unit when none is printed: FT or M."), QStringLiteral("UNIT"), QStringLiteral("FT")});
    parser.addOption({QStringLiteral("no-scales"), QStringLiteral("Leave the curve scales empty (for the user to fill in).")});
    parser.addOption({QStringLiteral("page"), QStringLiteral("Page of a multipage TIFF (1-based)."), QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Overwrite an existing output file.")});
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("calibrate"), args, 1, 1, code))
        return code;
    const QString output = parser.value(QStringLiteral("output"));
    if (output.isEmpty() && !parser.isSet(QStringLiteral("report"))) {
        printError(QStringLiteral("calibrate: give -o CAL.json, --report, or both"));
        return ExitUsage;
    }
    const QString unit = parser.value(QStringLiteral("unit")).toUpper();
    if (unit != QLatin1String("FT") && unit != QLatin1String("M")) {
        printError(QStringLiteral("--unit must be FT or M, not '%1'").arg(parser.value(QStringLiteral("unit"))));
        return ExitUsage;
    }
    int page = 1;
    if (!optionInt(parser, QStringLiteral("page"), page))
        return ExitUsage;
    if (!refuseOverwrite(parser, {output}))
        return ExitFailure;
    const QString path = parser.positionalArguments().first();
    auto source = RasterSource::open(path, page - 1);
    if (!source) {
        printError(source.error());
        return ExitFailure;
    }
    AutoCalibrationOptions options;
    options.fallbackUnit = unit;
    options.readScales = !parser.isSet(QStringLiteral("no-scales"));
    Result<AutoCalibration> result = autoCalibrate(*source.value(), options);
    if (!result) {
        printError(QStringLiteral("%1: %2").arg(path, result.error()));
        return ExitFailure;
    }
    const AutoCalibration &ac = result.value();
    if (parser.isSet(QStringLiteral("report")))
        printOut(QStringLiteral("%1\n%2").arg(path, ac.report()));
    if (!ac.ok) {
        printError(QStringLiteral("%1: no calibration proposed: %2").arg(path, ac.refusal));
        return 3;
    }
    if (!output.isEmpty()) {
        const Status saved = writeFileAtomically(output, ac.toJson());
        if (!saved) {
            printError(saved.error());
            return ExitFailure;
        }
    }
    return ExitOk;
}

VEER_CLI_COMMAND("calibrate", "Propose a calibration from the sheet: tracks, log section, depth (OCR), scales", cmdCalibrate);

} // namespace veer::cli
