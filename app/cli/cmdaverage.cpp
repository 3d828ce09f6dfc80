// veer-cli average: checkpoint averaging of the last epochs of one training run.
#include "cliutil.h"
#include "commands.h"

#include "segment/segmentationmodel.h"

namespace veer::cli {

static int cmdAverage(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Average the weights (and batch-norm statistics) of several model files of one network shape into one\n"
        "model: the epochs kept by 'train --keep-epochs' at the end of a run's cosine schedule."));
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("Model files to average (two or more)."), QStringLiteral("MODEL..."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Model file to write."), QStringLiteral("OUT.pt")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("Model id to record (default: the last file's id)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("parent"), QStringLiteral("Parent model id to record (default: the last file's parent)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Overwrite OUT.pt when it exists.")});
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("average"), args, 2, -1, code))
        return code;
    const QString out = parser.value(QStringLiteral("output"));
    if (out.isEmpty()) {
        printError(QStringLiteral("average: -o OUT.pt is required"));
        return ExitUsage;
    }
    if (!refuseOverwrite(parser, {out}))
        return ExitFailure;
    const QStringList inputs = parser.positionalArguments();
    auto averaged = SegmentationModel::average(inputs);
    if (!averaged.ok()) {
        printError(averaged.error());
        return ExitFailure;
    }
    ModelInfo &info = (*averaged)->info();
    if (parser.isSet(QStringLiteral("id")))
        info.id = parser.value(QStringLiteral("id"));
    if (parser.isSet(QStringLiteral("parent")))
        info.parentId = parser.value(QStringLiteral("parent"));
    const Status saved = (*averaged)->save(out);
    if (!saved.ok()) {
        printError(saved.error());
        return ExitFailure;
    }
    printOut(QStringLiteral("%1: the mean of %2 models, id %3, parent %4\n").arg(out).arg(inputs.size()).arg(info.id, info.parentId));
    return ExitOk;
}

VEER_CLI_COMMAND("average", "Average the weights of several epochs of one run into one model", cmdAverage);

} // namespace veer::cli
