// veer-cli synth: synthetic log sheets with exact labels, for training and evaluation.
#include "cliutil.h"

#include "base/resources.h"
#include "commands.h"

#include "synth/curvelibrary.h"
#include "synth/synthgallery.h"
#include "synth/synthgenerator.h"
#include "synth/synthoptions.h"
#include "synth/synthstats.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <mutex>
#include <thread>

using namespace veer;
using namespace veer::cli;

namespace {

constexpr std::uint64_t kEvalSeedStart = 1000000000ull;

struct ProbabilityOption
{
    const char *name;
    double *target;
    const char *what;
};

bool collectLas(const QString &path, std::vector<QString> &files)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        const QDir dir(path);
        const QStringList names = dir.entryList({QStringLiteral("*.las"), QStringLiteral("*.LAS")}, QDir::Files, QDir::Name);
        if (names.isEmpty()) {
            printError(QStringLiteral("--las %1: no .las files in directory").arg(path));
            return false;
        }
        for (const QString &n : names)
            files.push_back(dir.filePath(n));
        return true;
    }
    if (!info.isFile()) {
        printError(QStringLiteral("--las %1: no such file").arg(path));
        return false;
    }
    files.push_back(path);
    return true;
}

} // namespace

static int cmdSynth(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Generate synthetic log sheets with exact labels. Each case is written to OUTDIR/seed_<seed>/ as sheet.png, "
        "labels.png (0 background, 1 solid curve one, 2 dashed/dotted curve two), truth.las, calibration.json and "
        "facts.json. Training uses seeds below 1000000000 and --split train; evaluation seeds from 1000000000 "
        "with --split eval (see docs/synth.md)."));
    parser.addPositionalArgument(QStringLiteral("OUTDIR"), QStringLiteral("Output directory (created); the same as -o."),
                                 QStringLiteral("[OUTDIR]"));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Output directory (created)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("count"), QStringLiteral("Number of cases (default 1)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("First seed; case i uses seed+i (default 0, or 1000000000 with --split eval)."), QStringLiteral("S")});
    parser.addOption({QStringLiteral("split"), QStringLiteral("train or eval: which part of each real log and which seeds (default train)."), QStringLiteral("SPLIT")});
    parser.addOption({QStringLiteral("any-seed"), QStringLiteral("Allow seeds outside the split's range.")});
    parser.addOption({QStringLiteral("las"), QStringLiteral("Real LAS file or directory for curve shapes (repeatable; default: resources/las)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("no-las"), QStringLiteral("Procedural curve shapes only.")});
    parser.addOption({QStringLiteral("width"), QStringLiteral("Sheet width in px (default random 600-3000)."), QStringLiteral("W")});
    parser.addOption({QStringLiteral("height"), QStringLiteral("Sheet height in px (default random 2000-20000)."), QStringLiteral("H")});
    parser.addOption({QStringLiteral("tracks"), QStringLiteral("Curve tracks 1-3 (default random)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("dash"), QStringLiteral("Curve two stroke: any, dashed, longdash, dotted, or the held-out dashdot and sparsedot (never in any)."), QStringLiteral("STYLE")});
    parser.addOption({QStringLiteral("scale"), QStringLiteral("Track scales: any, linear, log."), QStringLiteral("SCALE")});
    parser.addOption({QStringLiteral("render"), QStringLiteral("Scan output: any, colour, gray, fax200, fax300, or the held-out negative (a microfilm negative; never in any)."), QStringLiteral("STYLE")});
    parser.addOption({QStringLiteral("grid"), QStringLiteral("Grid colour: any, black, grey, green, orange, blue, or the held-out red (never in any)."), QStringLiteral("COLOUR")});
    parser.addOption({QStringLiteral("shapes"), QStringLiteral("Curve shapes: any, real, procedural."), QStringLiteral("KIND")});
    parser.addOption({QStringLiteral("clean"), QStringLiteral("No scan damage.")});
    parser.addOption({QStringLiteral("print-styles"), QStringLiteral("Add the print styles of the training mix (colour prints, long pegs, "
                                                                     "violent dashes, 1-bit wraps back); the p- options below override it.")});
    parser.addOption({QStringLiteral("palette-tiff"), QStringLiteral("Also write each colour print reduced to a palette as "
                                                                     "sheet.tif, an 8-bit palette TIFF of the same pixels.")});
    parser.addOption({QStringLiteral("ink"), QStringLiteral("Make every sheet a colour print with these curve inks: light, dark or black "
                                                            "(one seed gives the same sheet apart from the inks)."), QStringLiteral("INK")});
    SynthOptions options;
    const ProbabilityOption probabilities[] = {
        {"p-crossing", &options.hard.crossing, "curves cross"},
        {"p-near-miss", &options.hard.nearMiss, "curves pass 1-2 px apart"},
        {"p-parallel", &options.hard.parallel, "curves run 1-2 px apart"},
        {"p-spike", &options.hard.spike, "sharp spikes"},
        {"p-pegged", &options.hard.pegged, "curve pegged at a track edge"},
        {"p-wrap", &options.hard.wrap, "backup trace wraps around (linear tracks)"},
        {"p-grid-run", &options.hard.gridRun, "curve runs along a grid line"},
        {"p-gap", &options.hard.gap, "pen lifted (truth NULL)"},
        {"p-blur", &options.damage.blur, "blur"},
        {"p-noise", &options.damage.noise, "pixel noise"},
        {"p-jpeg", &options.damage.jpeg, "JPEG blocks"},
        {"p-tint", &options.damage.tint, "uneven paper tint"},
        {"p-banding", &options.damage.banding, "photocopy banding"},
        {"p-stain", &options.damage.stain, "stains"},
        {"p-fold", &options.damage.fold, "fold line"},
        {"p-specks", &options.damage.specks, "specks"},
        {"p-fade", &options.damage.fade, "faded ink"},
        {"p-bleed", &options.damage.bleed, "bleed-through"},
        {"p-geometry", &options.damage.geometry, "slight stretch and skew"},
        {"p-binarise", &options.damage.binarise, "1-bit fax output"},
        {"p-gray", &options.damage.gray, "gray scan"},
        {"p-colour-print", &options.print.colourPrint,
         "a colour print: light and dark colour inks, coloured grid, shading"},
        {"p-long-pegged", &options.print.longPegged, "curve one on the border line for 10-40 % of the log"},
        {"p-violent-dash", &options.print.violentDash, "dashed curve two with fast, wide excursions"},
        {"p-wrap-back", &options.print.wrapBack, "a 1-bit sheet whose backup curve goes out and back"},
        {"p-palette", &options.print.palette,
         "of colour prints: reduced to a small palette, as palette TIFFs are"},
        {"p-turned-numbers", &options.print.turnedNumbers, "depth numbers printed turned 90 degrees"},
        {"p-numbers-above", &options.print.numbersAbove,
         "depth numbers printed just above the line they label"},
        {"p-worn-grid", &options.print.wornGrid,
         "an old paper log's grid: heavy ragged broken lines, dotted minor lines, edge ticks"},
        {"p-repeat-section", &options.print.repeatSection,
         "a repeat section below the log: its last stretch logged again under a header of its own"},
    };
    for (const ProbabilityOption &p : probabilities) {
        parser.addOption({QString::fromLatin1(p.name),
                          QStringLiteral("Probability of: %1 (default %2; per track for curve cases, per sheet for damage).")
                              .arg(QString::fromLatin1(p.what)).arg(*p.target),
                          QStringLiteral("P")});
    }
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Worker threads (default 1)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("stats"), QStringLiteral("Print counts over the generated cases.")});
    parser.addOption({QStringLiteral("stats-only"), QStringLiteral("Generate and count, write only stats.json.")});
    parser.addOption({QStringLiteral("gallery"), QStringLiteral("Write the documentation crops (docs/synth) into OUTDIR and stop.")});

    int exitCode = ExitOk;
    if (!parseCommand(parser, QStringLiteral("synth"), args, 0, 1, exitCode))
        return exitCode;
    const QString outDir = parser.isSet(QStringLiteral("output")) ? parser.value(QStringLiteral("output"))
                           : parser.positionalArguments().isEmpty() ? QString()
                                                                    : parser.positionalArguments().front();
    if (outDir.isEmpty() || (parser.isSet(QStringLiteral("output")) && !parser.positionalArguments().isEmpty())) {
        printError(QStringLiteral("synth: give the output directory once, as -o DIR or as OUTDIR"));
        std::fputs(parser.helpText().toUtf8().constData(), stderr);
        return ExitUsage;
    }

    int count = 1, jobs = 1;
    if (!optionInt(parser, QStringLiteral("count"), count) || !optionInt(parser, QStringLiteral("jobs"), jobs)
        || !optionInt(parser, QStringLiteral("width"), options.width) || !optionInt(parser, QStringLiteral("height"), options.height)
        || !optionInt(parser, QStringLiteral("tracks"), options.tracks))
        return ExitUsage;
    if (count < 1) {
        printError(QStringLiteral("--count: must be at least 1"));
        return ExitUsage;
    }
    if (jobs < 1 || jobs > 256) {
        printError(QStringLiteral("--jobs: must be 1..256"));
        return ExitUsage;
    }
    if ((parser.isSet(QStringLiteral("width")) && (options.width < 64 || options.width > 20000))
        || (parser.isSet(QStringLiteral("height")) && (options.height < 64 || options.height > 60000))) {
        printError(QStringLiteral("--width/--height: must be 64..20000 and 64..60000"));
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("tracks")) && (options.tracks < 1 || options.tracks > 3)) {
        printError(QStringLiteral("--tracks: must be 1, 2 or 3"));
        return ExitUsage;
    }
    auto parseWord = [&parser](const char *name, auto parse, auto &target) {
        const QString key = QString::fromLatin1(name);
        if (!parser.isSet(key))
            return true;
        if (!parse(parser.value(key), target)) {
            printError(QStringLiteral("--%1: unknown value '%2'").arg(key, parser.value(key)));
            return false;
        }
        return true;
    };
    if (!parseWord("split", parseSynthSplit, options.split) || !parseWord("dash", parseDashStyle, options.dash)
        || !parseWord("scale", parseScaleChoice, options.scale) || !parseWord("render", parseRenderStyle, options.render)
        || !parseWord("grid", parseGridColour, options.grid))
        return ExitUsage;
    if (parser.isSet(QStringLiteral("shapes"))) {
        const QString v = parser.value(QStringLiteral("shapes"));
        if (v == QLatin1String("real"))
            options.realShapes = true;
        else if (v == QLatin1String("procedural"))
            options.realShapes = false;
        else if (v != QLatin1String("any")) {
            printError(QStringLiteral("--shapes: unknown value '%1'").arg(v));
            return ExitUsage;
        }
    }
    options.noDamage = parser.isSet(QStringLiteral("clean"));
    if (parser.isSet(QStringLiteral("print-styles")))
        options.print = PrintStyleOptions::trainingMix();
    if (!parseWord("ink", parseInkChoice, options.print.ink))
        return ExitUsage;
    for (const ProbabilityOption &p : probabilities) {
        const QString key = QString::fromLatin1(p.name);
        if (!optionDouble(parser, key, *p.target))
            return ExitUsage;
        if (*p.target < 0.0 || *p.target > 1.0) {
            printError(QStringLiteral("--%1: probability must be in [0, 1]").arg(key));
            return ExitUsage;
        }
    }

    // Seeds and split discipline.
    const bool eval = options.split == SynthSplit::Eval;
    std::uint64_t seed = eval ? kEvalSeedStart : 0;
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            printError(QStringLiteral("--seed: expected a non-negative integer, got '%1'").arg(parser.value(QStringLiteral("seed"))));
            return ExitUsage;
        }
    }
    const std::uint64_t lastSeed = seed + std::uint64_t(count) - 1;
    if (!parser.isSet(QStringLiteral("any-seed"))) {
        if (!eval && lastSeed >= kEvalSeedStart) {
            printError(QStringLiteral("--seed: training seeds must stay below %1 (use --split eval or --any-seed)").arg(kEvalSeedStart));
            return ExitUsage;
        }
        if (eval && seed < kEvalSeedStart) {
            printError(QStringLiteral("--seed: evaluation seeds start at %1 (or pass --any-seed)").arg(kEvalSeedStart));
            return ExitUsage;
        }
    }

    // Real curve library, read once for all workers.
    if (!parser.isSet(QStringLiteral("no-las"))) {
        std::vector<QString> files;
        QStringList sources = parser.values(QStringLiteral("las"));
        if (sources.isEmpty()) {
            const QString dir = findDataDir(QStringLiteral("las"));
            if (!dir.isEmpty())
                sources << dir;
            else
                printError(QStringLiteral("note: resources/las not found; procedural shapes only (pass --las)"));
        }
        for (const QString &s : sources) {
            if (!collectLas(s, files))
                return ExitFailure;
        }
        if (!files.empty()) {
            Result<std::shared_ptr<const CurveLibrary>> lib = CurveLibrary::load(files);
            if (!lib) {
                printError(lib.error());
                return ExitFailure;
            }
            options.library = *lib;
        }
    }
    if (options.realShapes.value_or(false) && !options.library) {
        printError(QStringLiteral("--shapes real: no LAS files"));
        return ExitUsage;
    }

    if (parser.isSet(QStringLiteral("gallery"))) {
        const Status st = writeSynthGallery(outDir, options.library);
        if (!st) {
            printError(st.error());
            return ExitFailure;
        }
        printOut(QStringLiteral("wrote gallery to %1\n").arg(outDir));
        return ExitOk;
    }

    const bool statsOnly = parser.isSet(QStringLiteral("stats-only"));
    const bool paletteTiff = parser.isSet(QStringLiteral("palette-tiff"));
    if (!QDir().mkpath(outDir)) {
        printError(QStringLiteral("%1: cannot create directory").arg(outDir));
        return ExitFailure;
    }

    std::vector<QJsonObject> facts(count);
    std::vector<QString> errors(count);
    std::atomic<int> next{0};
    std::atomic<long long> generateNs{0};
    QElapsedTimer wall;
    wall.start();
    auto worker = [&]() {
        for (int i = next++; i < count; i = next++) {
            const std::uint64_t s = seed + std::uint64_t(i);
            const auto t0 = std::chrono::steady_clock::now();
            SynthCase c = generateSynthCase(options, s);
            generateNs += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
            facts[i] = c.facts;
            if (!statsOnly) {
                const Status st = writeSynthCase(c, QDir(outDir).filePath(QStringLiteral("seed_%1").arg(s)), paletteTiff);
                if (!st)
                    errors[i] = st.error();
            }
        }
    };
    std::vector<std::thread> threads;
    for (int k = 0; k < std::min(jobs, count); ++k)
        threads.emplace_back(worker);
    for (std::thread &t : threads)
        t.join();
    const double seconds = wall.nsecsElapsed() / 1e9;

    for (const QString &e : errors) {
        if (!e.isEmpty()) {
            printError(e);
            return ExitFailure;
        }
    }
    SynthStats stats;
    for (const QJsonObject &f : facts)
        stats.add(f);
    printOut(QStringLiteral("%1 %2 case(s), seeds %3..%4, in %5 s wall (%6 cases/s); generation alone %7 s per case per thread\n")
                 .arg(statsOnly ? QStringLiteral("generated") : QStringLiteral("wrote"))
                 .arg(count).arg(seed).arg(lastSeed)
                 .arg(seconds, 0, 'f', 2).arg(count / seconds, 0, 'f', 2)
                 .arg(generateNs.load() / 1e9 / count, 0, 'f', 3));
    if (statsOnly || parser.isSet(QStringLiteral("stats"))) {
        printOut(stats.report());
        const Status st = [&] {
            QFile f(QDir(outDir).filePath(QStringLiteral("stats.json")));
            if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(stats.toJson()).toJson()) < 0)
                return Status::failure(QStringLiteral("%1: cannot write").arg(f.fileName()));
            return Status();
        }();
        if (!st) {
            printError(st.error());
            return ExitFailure;
        }
    }
    return ExitOk;
}

VEER_CLI_COMMAND("synth", "Generate synthetic log sheets with exact labels", cmdSynth);
