// veer-cli digitize SHEET --calibration CAL.json -o OUT.las: segment, trace, export.
#include "cliutil.h"
#include "commands.h"

#include "calibration/calibration.h"
#include "las/laswriter.h"
#include "pipeline/digitizer.h"
#include "raster/labelmap.h"
#include "raster/rastersource.h"


namespace veer::cli {

static int cmdDigitize(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Segment a sheet, trace every track and write LAS 2.0 (and CSV)."));
    parser.addPositionalArgument(QStringLiteral("SHEET"), QStringLiteral("Scanned sheet."));
    parser.addOption({QStringLiteral("calibration"), QStringLiteral("veer-calibration/1 file."), QStringLiteral("CAL.json")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("LAS file to write."), QStringLiteral("OUT.las")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Also write CSV."), QStringLiteral("OUT.csv")});
    addModelOption(parser);
    parser.addOption({QStringLiteral("labels"), QStringLiteral("Trace this label map instead of segmenting (0/1/2 PNG)."), QStringLiteral("LABELS.png")});
    parser.addOption({QStringLiteral("labels-out"), QStringLiteral("Write the label map used."), QStringLiteral("LABELS.png")});
    parser.addOption({QStringLiteral("page"), QStringLiteral("Page of a multipage TIFF (1-based)."), QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("LibTorch threads."), QStringLiteral("N"), QStringLiteral("2")});
    parser.addOption({QStringLiteral("lf"), QStringLiteral("LF line ends in the LAS file (default CR LF).")});
    parser.addOption({QStringLiteral("well"), QStringLiteral("~WELL value, e.g. --well \"WELL=Smith 1\"; repeatable."), QStringLiteral("KEY=VALUE")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Overwrite existing output files.")});
    addTraceOptionsOption(parser);
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("digitize"), args, 1, 1, code))
        return code;
    const QString sheetPath = parser.positionalArguments().first();
    const QString calPath = parser.value(QStringLiteral("calibration"));
    const QString out = parser.value(QStringLiteral("output"));
    if (calPath.isEmpty() || out.isEmpty()) {
        printError(QStringLiteral("digitize: --calibration CAL.json and -o OUT.las are required"));
        return ExitUsage;
    }
    DigitizeOptions options;
    int page = 1;
    if (!optionInt(parser, QStringLiteral("threads"), options.segment.threads) || !optionInt(parser, QStringLiteral("page"), page))
        return ExitUsage;
    if (!readTraceOptions(parser, options.trace))
        return ExitFailure;
    const QString csv = parser.value(QStringLiteral("csv"));
    const QString labelsOut = parser.value(QStringLiteral("labels-out"));
    if (!refuseOverwrite(parser, {out, csv, labelsOut}))
        return ExitFailure;
    QList<QPair<QString, QString>> wellValues;
    for (const QString &kv : parser.values(QStringLiteral("well"))) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            printError(QStringLiteral("--well: expected KEY=VALUE, got '%1'").arg(kv));
            return ExitUsage;
        }
        wellValues.append({kv.left(eq).trimmed().toUpper(), kv.mid(eq + 1).trimmed()});
    }

    auto calibration = Calibration::load(calPath);
    if (!calibration) {
        printError(calibration.error());
        return ExitFailure;
    }
    // Each section's files beside the main ones: refused up front, before anything is written.
    for (const DepthSection &section : calibration->sections) {
        QStringList sectionFiles{sectionOutputPath(out, section.name)};
        if (!csv.isEmpty())
            sectionFiles << sectionOutputPath(csv, section.name);
        if (!refuseOverwrite(parser, sectionFiles))
            return ExitFailure;
    }
    auto sheet = RasterSource::open(sheetPath, page - 1);
    if (!sheet) {
        printError(sheet.error());
        return ExitFailure;
    }
    std::unique_ptr<SegmentationModel> model;
    if (parser.isSet(QStringLiteral("labels"))) {
        auto labels = readLabelMap(parser.value(QStringLiteral("labels")));
        if (!labels) {
            printError(labels.error());
            return ExitFailure;
        }
        options.givenLabels = *labels;
    } else {
        model = loadModelOption(parser);
        if (!model)
            return ExitFailure;
    }
    auto result = digitizeSheet(**sheet, *calibration, model.get(), options);
    if (!result) {
        printError(result.error());
        return ExitFailure;
    }
    LasDocument &las = result->log.las;
    for (const auto &[key, value] : wellValues)
        las.setWellValue(key, value);
    addProvenance(las, sheetPath, calPath, model ? &model->info() : nullptr, {}, result->polarity);
    LasWriteOptions lasOptions;
    lasOptions.crlf = !parser.isSet(QStringLiteral("lf"));
    if (Status s = writeLas(las, out, lasOptions); !s) {
        printError(s.error());
        return ExitFailure;
    }
    if (!csv.isEmpty()) {
        if (Status s = writeCsv(las, csv); !s) {
            printError(s.error());
            return ExitFailure;
        }
    }
    // Each section (a repeat section) beside the main log, on its own depth ties: OUT-NAME.las.
    for (size_t k = 0; k < result->sections.size(); ++k) {
        LasDocument &section = result->sections[k].las;
        const QString name = calibration->sections[k].name;
        for (const auto &[key, value] : wellValues)
            section.setWellValue(key, value);
        addProvenance(section, sheetPath, calPath, model ? &model->info() : nullptr,
                      QStringLiteral("Log section %1, on its own depth ties").arg(name), result->polarity);
        const QString sectionOut = sectionOutputPath(out, name);
        if (Status s = writeLas(section, sectionOut, lasOptions); !s) {
            printError(s.error());
            return ExitFailure;
        }
        if (!csv.isEmpty()) {
            if (Status s = writeCsv(section, sectionOutputPath(csv, name)); !s) {
                printError(s.error());
                return ExitFailure;
            }
        }
        printOut(QStringLiteral("%1: section %2, %3 samples\n").arg(sectionOut, name).arg(section.depths.size()));
    }
    if (!labelsOut.isEmpty() && !writePng(labelsOut, result->labels))
        return ExitFailure;
    const double mpix = double((*sheet)->width()) * (*sheet)->height() / 1e6;
    printOut(QStringLiteral("%1: %2 curve(s), %3 samples at step %4 %5; segment %6 s, trace %7 s (%8 MPix/s overall)\n")
                 .arg(out).arg(las.curves.size()).arg(las.depths.size()).arg(calibration->step).arg(calibration->depthUnit)
                 .arg(result->segmentSeconds, 0, 'f', 2).arg(result->traceSeconds, 0, 'f', 2)
                 .arg(mpix / std::max(1e-9, result->segmentSeconds + result->traceSeconds), 0, 'f', 2));
    for (const SampledWrap &w : result->log.wraps)
        printOut(QStringLiteral("  wrap-around of %1 at %2 (%3)\n").arg(w.mnemonic).arg(w.depth)
                     .arg(w.direction > 0 ? QStringLiteral("past the right edge") : QStringLiteral("past the left edge")));
    return ExitOk;
}

VEER_CLI_COMMAND("digitize", "Segment, trace and export a sheet as LAS 2.0 (and CSV)", cmdDigitize);

} // namespace veer::cli
