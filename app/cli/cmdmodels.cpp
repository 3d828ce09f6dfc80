// veer-cli models: the per-user model versions (list, activate, rollback, compare, finetune, path).
#include "cliutil.h"
#include "commands.h"

#include "base/feedback.h"
#include "base/resources.h"
#include "segment/finetune.h"
#include "segment/modelregistry.h"
#include "segment/segmentationmodel.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

namespace veer::cli {

namespace {

QString f1Text(const QJsonObject &figures, const char *cls, const char *key)
{
    const QJsonValue v = figures.value(QLatin1String(cls)).toObject().value(QLatin1String(key));
    return v.isDouble() ? QString::number(v.toDouble(), 'f', 3) : QStringLiteral("-");
}

void printComparison(const QJsonObject &c)
{
    const QJsonObject mine = c.value(QStringLiteral("model")).toObject();
    const QJsonObject theirs = c.value(QStringLiteral("parent")).toObject();
    printOut(QStringLiteral("held-apart cases: %1\n").arg(c.value(QStringLiteral("cases")).toInt()));
    printOut(QStringLiteral("%1 %2 %3\n").arg(QStringLiteral("F1"), -26).arg(c.value(QStringLiteral("model_id")).toString(), 14)
                 .arg(c.value(QStringLiteral("parent_id")).toString() + QStringLiteral(" (parent)"), 24));
    for (const char *cls : {"curve_one", "curve_two"}) {
        for (const char *key : {"f1_strict", "f1_tolerant_1px"}) {
            const QString label = QStringLiteral("%1 %2").arg(QLatin1String(cls), QLatin1String(key));
            printOut(QStringLiteral("%1 %2 %3\n").arg(label, -26).arg(f1Text(mine, cls, key), 14).arg(f1Text(theirs, cls, key), 24));
        }
    }
}

int list(const ModelRegistry &registry)
{
    const QString active = registry.activeId();
    for (const QString &w : registry.warnings())
        printError(w);
    printOut(QStringLiteral("models folder: %1\n").arg(QDir::toNativeSeparators(registry.modelsDir())));
    if (registry.versions().empty())
        printError(QStringLiteral("%1: the shipped default model cannot be read").arg(registry.shippedPath()));
    for (const ModelVersion &v : registry.versions()) {
        const double c1 = v.validationF1(1), c2 = v.validationF1(2);
        const QString f1 = c1 < 0 ? QStringLiteral("-") : QStringLiteral("%1/%2").arg(c1, 0, 'f', 3).arg(c2, 0, 'f', 3);
        printOut(QStringLiteral("%1 %2 parent %3 created %4 val F1 c1/c2 %5%6\n")
                     .arg(v.id == active ? QStringLiteral("*") : QStringLiteral(" "))
                     .arg(v.id, -32)
                     .arg(v.parentId.isEmpty() ? QStringLiteral("-") : v.parentId, -32)
                     .arg(v.created.toString(Qt::ISODate), -20)
                     .arg(f1, -11)
                     .arg(v.shipped ? QStringLiteral(" (shipped, read-only)") : QString()));
    }
    return ExitOk;
}

void addModelsOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Model versions: the shipped default (read-only) and fine-tuned versions in the per-user models folder\n"
        "($VEER_MODELS_DIR, else the application data folder). The active version is what the GUI segments with.\n\n"
        "  list                     versions, '*' marks the active one\n"
        "  path                     prints the active model file (for --model)\n"
        "  activate ID              makes version ID active\n"
        "  rollback                 re-activates the previously active version (or the parent)\n"
        "  compare ID --data DIR    compares ID with its parent on reviewed case folders; records it in ID's card\n"
        "  finetune --data DIR      fine-tunes the active version on reviewed case folders into a new version"));
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("list, path, activate, rollback, compare or finetune."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Version id (activate, compare)."), QStringLiteral("[ID]"));
    auto add = [&](const QString &name, const QString &help, const QString &value = {}, const QString &def = {}) {
        parser.addOption(QCommandLineOption(name, help, value, def));
    };
    add(QStringLiteral("models-dir"), QStringLiteral("Models folder (default: $VEER_MODELS_DIR or the application data folder)."), QStringLiteral("DIR"));
    add(QStringLiteral("data"), QStringLiteral("Folder of reviewed case folders (sheet.png + labels.png [+ reviewed.png]); repeatable."), QStringLiteral("DIR"));
    add(QStringLiteral("held-apart"), QStringLiteral("finetune: compare on these case folders instead of holding apart a share of --data; repeatable."), QStringLiteral("DIR"));
    add(QStringLiteral("held-apart-share"), QStringLiteral("finetune: share of the cases held apart for the comparison."), QStringLiteral("X"), QStringLiteral("0.2"));
    add(QStringLiteral("synth-share"), QStringLiteral("finetune: share of crops replayed from generated sheets."), QStringLiteral("X"), QStringLiteral("0.5"));
    add(QStringLiteral("minutes"), QStringLiteral("finetune: time budget (stops after the epoch that passes it)."), QStringLiteral("X"), QStringLiteral("10"));
    add(QStringLiteral("epochs"), QStringLiteral("finetune: epochs."), QStringLiteral("N"), QStringLiteral("4"));
    add(QStringLiteral("steps"), QStringLiteral("finetune: steps per epoch."), QStringLiteral("N"), QStringLiteral("50"));
    add(QStringLiteral("batch"), QStringLiteral("finetune: crops per step."), QStringLiteral("N"), QStringLiteral("8"));
    add(QStringLiteral("crop"), QStringLiteral("finetune: crop size (multiple of 16)."), QStringLiteral("N"), QStringLiteral("256"));
    add(QStringLiteral("lr"), QStringLiteral("finetune: peak learning rate."), QStringLiteral("X"), QStringLiteral("0.0005"));
    add(QStringLiteral("val-cases"), QStringLiteral("finetune: generated validation sheets."), QStringLiteral("N"), QStringLiteral("8"));
    add(QStringLiteral("threads"), QStringLiteral("LibTorch threads."), QStringLiteral("N"), QStringLiteral("2"));
    add(QStringLiteral("id"), QStringLiteral("finetune: id of the new version (default: <parent>-ft-<time>)."), QStringLiteral("ID"));
    add(QStringLiteral("activate"), QStringLiteral("finetune: make the new version active when done."));
    add(QStringLiteral("update-norm"), QStringLiteral("finetune: let batch-norm statistics follow the new sheets (default: keep the parent's)."));
}

int activate(ModelRegistry &registry, const QString &id)
{
    if (Status s = registry.setActive(id); !s) {
        printError(s.error());
        return ExitFailure;
    }
    printOut(QStringLiteral("active: %1 (%2)\n").arg(registry.activeId(), registry.activePath()));
    return ExitOk;
}

int rollback(ModelRegistry &registry)
{
    auto back = registry.rollback();
    if (!back) {
        printError(back.error());
        return ExitFailure;
    }
    printOut(QStringLiteral("active: %1 (%2)\n").arg(*back, registry.activePath()));
    return ExitOk;
}

int compare(const ModelRegistry &registry, const QString &id, const QStringList &data, int threads,
            Feedback *feedback)
{
    auto c = compareWithParent(registry.modelsDir(), registry.shippedPath(), id, data, threads, feedback);
    std::fprintf(stderr, "\n");
    if (!c) {
        printError(c.error());
        return ExitFailure;
    }
    printComparison(*c);
    return ExitOk;
}

/** The fine-tune options of the command line, checked; false (after a message) on a bad value. */
bool fineTuneOptions(const QCommandLineParser &parser, FineTuneOptions &o)
{
    o.heldApartDirs = parser.values(QStringLiteral("held-apart"));
    o.newId = parser.value(QStringLiteral("id"));
    o.lasFiles = shippedLasFiles();
    o.freezeNorm = !parser.isSet(QStringLiteral("update-norm"));
    if (!optionDouble(parser, QStringLiteral("held-apart-share"), o.heldApartShare) || !optionDouble(parser, QStringLiteral("synth-share"), o.synthShare)
        || !optionDouble(parser, QStringLiteral("minutes"), o.maxMinutes) || !optionInt(parser, QStringLiteral("epochs"), o.epochs)
        || !optionInt(parser, QStringLiteral("steps"), o.stepsPerEpoch) || !optionInt(parser, QStringLiteral("batch"), o.batchSize)
        || !optionInt(parser, QStringLiteral("crop"), o.crop) || !optionDouble(parser, QStringLiteral("lr"), o.learningRate)
        || !optionInt(parser, QStringLiteral("val-cases"), o.validationCases))
        return false;
    if (o.epochs < 1 || o.stepsPerEpoch < 1 || o.batchSize < 1 || o.crop < 32 || o.crop % 16 != 0 || o.validationCases < 1
        || o.synthShare < 0 || o.synthShare > 1 || o.heldApartShare < 0 || o.heldApartShare >= 1 || o.maxMinutes < 0) {
        printError(QStringLiteral("models finetune: --epochs, --steps, --batch, --val-cases must be positive, --crop a multiple of 16 of "
                                  "at least 32, --synth-share in [0, 1], --held-apart-share in [0, 1) and --minutes not negative"));
        return false;
    }
    return true;
}

/** Fine-tunes the active version on `data` into a new one, printing each epoch; activates it if asked. */
int fineTuneVersion(const QCommandLineParser &parser, ModelRegistry &registry, FineTuneOptions o,
                    Feedback *feedback)
{
    o.onEpoch = [](const EpochReport &r) {
        auto f = [&](const char *cls) {
            return r.valMetrics.value(QLatin1String(cls)).toObject().value(QStringLiteral("f1_strict")).toDouble();
        };
        std::fprintf(stderr, "\n");
        printOut(QStringLiteral("epoch %1/%2  train loss %3  val F1 c1 %4 c2 %5%6\n")
                     .arg(r.epoch).arg(r.epochs).arg(r.trainLoss, 0, 'f', 4).arg(f("curve_one"), 0, 'f', 3).arg(f("curve_two"), 0, 'f', 3)
                     .arg(r.best ? QStringLiteral("  (best)") : QString()));
    };
    auto result = fineTune(o, feedback);
    std::fprintf(stderr, "\n");
    if (!result) {
        printError(result.error());
        return ExitFailure;
    }
    if (result->id.isEmpty()) {
        printError(QStringLiteral("fine-tuning stopped before the first checkpoint; no version was made"));
        return ExitFailure;
    }
    printOut(QStringLiteral("new version %1 (parent %2): %3\n").arg(result->id, result->parentId, result->modelPath));
    if (!result->comparison.isEmpty())
        printComparison(result->comparison);
    if (parser.isSet(QStringLiteral("activate"))) {
        registry.refresh();
        if (Status s = registry.setActive(result->id); !s) {
            printError(s.error());
            return ExitFailure;
        }
        printOut(QStringLiteral("active: %1\n").arg(result->id));
    }
    return ExitOk;
}

} // namespace

static int cmdModels(const QStringList &args)
{
    QCommandLineParser parser;
    addModelsOptions(parser);
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("models"), args, 1, 2, code))
        return code;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.first();
    const QString id = pos.size() > 1 ? pos[1] : QString();
    const QStringList actions{QStringLiteral("list"),     QStringLiteral("path"),
                              QStringLiteral("activate"), QStringLiteral("rollback"),
                              QStringLiteral("compare"),  QStringLiteral("finetune")};
    if (!actions.contains(action)) {
        printError(QStringLiteral("models: unknown action '%1' (%2)")
                       .arg(action, actions.join(QStringLiteral(", "))));
        return ExitUsage;
    }
    const bool needsId = action == QLatin1String("activate") || action == QLatin1String("compare");
    if (needsId != !id.isEmpty()) {
        printError(needsId ? QStringLiteral("models %1: missing the version ID").arg(action)
                           : QStringLiteral("models %1: takes no ID").arg(action));
        return ExitUsage;
    }
    int threads = 2;
    if (!optionInt(parser, QStringLiteral("threads"), threads))
        return ExitUsage;
    const QString modelsDir = parser.value(QStringLiteral("models-dir"));
    ModelRegistry registry(modelsDir);

    if (action == QLatin1String("list"))
        return list(registry);
    if (action == QLatin1String("path")) {
        printOut(registry.activePath() + QLatin1Char('\n'));
        return ExitOk;
    }
    if (action == QLatin1String("activate"))
        return activate(registry, id);
    if (action == QLatin1String("rollback"))
        return rollback(registry);
    const QStringList data = parser.values(QStringLiteral("data"));
    if (data.isEmpty()) {
        printError(QStringLiteral("models %1: --data DIR is required").arg(action));
        return ExitUsage;
    }
    Feedback feedback(
        [](double p, const QString &message) {
            std::fprintf(stderr, "\r%5.1f%% %s   ", p, qPrintable(message));
            std::fflush(stderr);
        },
        1000);
    if (action == QLatin1String("compare"))
        return compare(registry, id, data, threads, &feedback);
    FineTuneOptions o;
    o.modelsDir = registry.modelsDir();
    o.shippedPath = registry.shippedPath();
    o.dataDirs = data;
    o.threads = threads;
    if (!fineTuneOptions(parser, o))
        return ExitUsage;
    return fineTuneVersion(parser, registry, o, &feedback);
}

VEER_CLI_COMMAND("models", "Model versions: list, activate, rollback, compare, finetune", cmdModels);

} // namespace veer::cli
