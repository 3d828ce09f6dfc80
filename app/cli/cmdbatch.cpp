// veer-cli batch MANIFEST: digitize many sheets, resumable, shardable across machines.
#include "cliutil.h"
#include "commands.h"

#include "autocal/autocalibrator.h"
#include "base/atomicfile.h"
#include "calibration/calibration.h"
#include "las/laswriter.h"
#include "pipeline/digitizer.h"
#include "raster/rastersource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <mutex>
#include <thread>

namespace veer::cli {

namespace {

struct Job
{
    int line = 0;
    QString sheet;
    QString calibration;
    QString output;
    QString csv;
};

bool readManifest(const QString &path, std::vector<Job> &jobs)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        printError(QStringLiteral("%1: cannot open: %2").arg(path, f.errorString()));
        return false;
    }
    const QDir base = QFileInfo(path).absoluteDir();
    auto resolve = [&base](const QString &p) { return QDir::isAbsolutePath(p) ? p : base.filePath(p); };
    int lineNo = 0;
    while (!f.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.size() < 3 || cols.size() > 4) {
            printError(QStringLiteral("%1:%2: expected SHEET<TAB>CALIBRATION<TAB>OUT.las[<TAB>OUT.csv]").arg(path).arg(lineNo));
            return false;
        }
        // "auto": the calibration is proposed from the sheet (veer-cli calibrate).
        const QString calibration = cols[1].trimmed() == QLatin1String("auto") ? QStringLiteral("auto") : resolve(cols[1]);
        jobs.push_back({lineNo, resolve(cols[0]), calibration, resolve(cols[2]), cols.size() > 3 ? resolve(cols[3]) : QString()});
    }
    return true;
}

/**
 * The calibration the sheet proposes, written beside the output as OUT.calibration.json; an error
 * unless it is sure of the tracks, depth and interval and read every track's scales.
 */
Result<Calibration> proposeCalibration(const RasterSource &sheet, const Job &job, QString &written)
{
    using R = Result<Calibration>;
    Result<AutoCalibration> ac = autoCalibrate(sheet);
    if (!ac)
        return R::failure(ac.error());
    written = QFileInfo(job.output).absoluteDir().filePath(QFileInfo(job.output).completeBaseName() + QStringLiteral(".calibration.json"));
    QDir().mkpath(QFileInfo(written).absolutePath());
    if (Status s = writeFileAtomically(written, ac.value().toJson()); !s)
        return R::failure(s.error());
    if (!ac.value().ok)
        return R::failure(QStringLiteral("auto calibration: none proposed: %1").arg(ac.value().refusal));
    QStringList unsure;
    for (const ProposalPart &p : ac.value().unsureParts()) {
        if (p.name != QLatin1String("unit"))
            unsure << p.name;
    }
    for (const Track &t : ac.value().calibration.tracks) {
        if (t.curves.empty() && !unsure.contains(QStringLiteral("scales")))
            unsure << QStringLiteral("scales");
    }
    if (!ac.value().handsOff() || !unsure.isEmpty())
        return R::failure(QStringLiteral("auto calibration: not sure of %1; check %2 and give it in the manifest")
                              .arg(unsure.join(QStringLiteral(", ")), written));
    return ac.value().calibration;
}

QString runJob(const Job &job, SegmentationModel &model, const DigitizeOptions &options, const QString &modelNote)
{
    auto sheet = RasterSource::open(job.sheet);
    if (!sheet)
        return sheet.error();
    QString proposal;
    auto cal = job.calibration == QLatin1String("auto") ? proposeCalibration(**sheet, job, proposal) : Calibration::load(job.calibration);
    if (!cal)
        return cal.error();
    auto result = digitizeSheet(**sheet, *cal, &model, options);
    if (!result)
        return result.error();
    addProvenance(result->log.las, job.sheet, proposal.isEmpty() ? job.calibration : proposal, &model.info(), modelNote, result->polarity);
    QDir().mkpath(QFileInfo(job.output).absolutePath());
    if (!job.csv.isEmpty()) {
        if (Status s = writeCsv(result->log.las, job.csv); !s)
            return s.error();
    }
    // Sections (repeat sections) beside it on their own ties: OUT-NAME.las (and .csv).
    for (size_t k = 0; k < result->sections.size(); ++k) {
        LasDocument &section = result->sections[k].las;
        const QString name = cal->sections[k].name;
        addProvenance(section, job.sheet, proposal.isEmpty() ? job.calibration : proposal, &model.info(),
                      QStringLiteral("Log section %1, on its own depth ties").arg(name), result->polarity);
        if (!job.csv.isEmpty()) {
            if (Status s = writeCsv(section, sectionOutputPath(job.csv, name)); !s)
                return s.error();
        }
        if (Status s = writeLas(section, sectionOutputPath(job.output, name)); !s)
            return s.error();
    }
    // The main LAS file is written last and atomically: its existence marks the job done.
    if (Status s = writeLas(result->log.las, job.output); !s)
        return s.error();
    return {};
}

} // namespace

static int cmdBatch(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Digitize the sheets listed in MANIFEST, one per line: SHEET<TAB>CALIBRATION<TAB>OUT.las[<TAB>OUT.csv]\n"
        "(relative paths are relative to the manifest; '#' starts a comment). CALIBRATION 'auto' proposes it from\n"
        "the sheet (veer-cli calibrate), writes it as OUT.calibration.json and digitizes only when it is sure of\n"
        "the tracks, depth, interval and every scale. Sheets whose OUT.las exists are\n"
        "skipped, so a rerun resumes. --shard I/N takes every N-th line starting at I (0-based) for one machine or\n"
        "array task; see docs/batch.md for Slurm and GNU parallel."));
    parser.addPositionalArgument(QStringLiteral("MANIFEST"), QStringLiteral("Tab-separated list of jobs."));
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Sheets digitized at once (each with its own model)."), QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("shard"), QStringLiteral("Take shard I of N (0-based)."), QStringLiteral("I/N")});
    addModelOption(parser);
    parser.addOption({QStringLiteral("threads"), QStringLiteral("LibTorch threads in all."), QStringLiteral("N"), QStringLiteral("2")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Redo sheets whose output exists.")});
    addTraceOptionsOption(parser);
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("batch"), args, 1, 1, code))
        return code;
    int jobsAtOnce = 1, threads = 2;
    if (!optionInt(parser, QStringLiteral("jobs"), jobsAtOnce) || !optionInt(parser, QStringLiteral("threads"), threads))
        return ExitUsage;
    int shard = 0, shards = 1;
    if (parser.isSet(QStringLiteral("shard"))) {
        const QStringList parts = parser.value(QStringLiteral("shard")).split(QLatin1Char('/'));
        bool ok1 = false, ok2 = false;
        if (parts.size() == 2) {
            shard = parts[0].toInt(&ok1);
            shards = parts[1].toInt(&ok2);
        }
        if (!ok1 || !ok2 || shards < 1 || shard < 0 || shard >= shards) {
            printError(QStringLiteral("--shard: expected I/N with 0 <= I < N, got '%1'").arg(parser.value(QStringLiteral("shard"))));
            return ExitUsage;
        }
    }
    if (jobsAtOnce < 1 || threads < 1) {
        printError(QStringLiteral("--jobs and --threads must be positive"));
        return ExitUsage;
    }
    std::vector<Job> all;
    if (!readManifest(parser.positionalArguments().first(), all))
        return ExitFailure;
    std::vector<Job> mine;
    int skipped = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        if (int(i % size_t(shards)) != shard)
            continue;
        if (!parser.isSet(QStringLiteral("force")) && QFileInfo::exists(all[i].output)) {
            ++skipped;
            continue;
        }
        mine.push_back(all[i]);
    }
    const QString modelPath = modelOptionPath(parser);
    std::vector<std::unique_ptr<SegmentationModel>> models;
    const int workers = std::max(1, std::min<int>(jobsAtOnce, int(mine.size())));
    for (int w = 0; w < workers && !mine.empty(); ++w) {
        auto loaded = SegmentationModel::load(modelPath);
        if (!loaded) {
            printError(loaded.error());
            return ExitFailure;
        }
        models.push_back(loaded.take());
    }
    DigitizeOptions options;
    options.segment.threads = std::max(1, threads / workers);
    if (!readTraceOptions(parser, options.trace))
        return ExitFailure;
    const QString note = QStringLiteral("Batch: %1, shard %2/%3").arg(QFileInfo(parser.positionalArguments().first()).fileName()).arg(shard).arg(shards);
    std::atomic<size_t> next{0};
    std::atomic<int> done{0}, failed{0};
    std::mutex printMutex;
    std::vector<std::thread> pool;
    for (int w = 0; w < workers && !mine.empty(); ++w) {
        pool.emplace_back([&, w] {
            for (size_t i = next++; i < mine.size(); i = next++) {
                const QString error = runJob(mine[i], *models[size_t(w)], options, note);
                std::lock_guard<std::mutex> lock(printMutex);
                if (error.isEmpty()) {
                    ++done;
                    printOut(QStringLiteral("ok     %1 -> %2\n").arg(mine[i].sheet, mine[i].output));
                } else {
                    ++failed;
                    printError(QStringLiteral("line %1: %2").arg(mine[i].line).arg(error));
                }
            }
        });
    }
    for (auto &t : pool)
        t.join();
    printOut(QStringLiteral("batch: %1 digitized, %2 already done, %3 failed (shard %4/%5 of %6 lines)\n")
                 .arg(done.load()).arg(skipped).arg(failed.load()).arg(shard).arg(shards).arg(all.size()));
    return failed.load() ? ExitFailure : ExitOk;
}

VEER_CLI_COMMAND("batch", "Digitize many sheets from a manifest (resumable, --shard I/N)", cmdBatch);

} // namespace veer::cli
