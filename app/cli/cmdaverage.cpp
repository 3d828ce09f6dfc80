// veer-cli average: checkpoint averaging of the last epochs of one training run.
#include "cliutil.h"
#include "commands.h"

#include "segment/segmentationmodel.h"

namespace veer::cli {

static int cmdAverage(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Average the weights (and batch-norm statistics) of several model files of one network shape\n"
        "into one model: the epochs kept by 'train --keep-epochs' at the end of a run's cosine schedule.\n"
        "With one model file and --background-weight, writes a copy of it with that label decision."));
    parser.addPositionalArgument(
        QStringLiteral("MODEL"),
        QStringLiteral("Model files to average (two or more, or one with --background-weight)."),
        QStringLiteral("MODEL..."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Model file to write."), QStringLiteral("OUT.pt")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("Model id to record (default: the last file's id)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("parent"), QStringLiteral("Parent model id to record (default: the last file's parent)."), QStringLiteral("ID")});
    parser.addOption(
        {QStringLiteral("background-weight"),
         QStringLiteral(
             "Label decision to record: a pixel is a curve only where P(curve) > K x P(background) "
             "(default: the last file's; 1 is the arg-max)."),
         QStringLiteral("K")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Overwrite OUT.pt when it exists.")});
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("average"), args, 1, -1, code))
        return code;
    const bool newWeight = parser.isSet(QStringLiteral("background-weight"));
    double weight = 1.0;
    if (newWeight
        && (!optionDouble(parser, QStringLiteral("background-weight"), weight) || weight < 0.01
            || weight > 100.0)) {
        printError(QStringLiteral("average: --background-weight must be a number from 0.01 to 100"));
        return ExitUsage;
    }
    if (parser.positionalArguments().size() < 2 && !newWeight) {
        printError(QStringLiteral("average: give two or more model files, or one with --background-weight"));
        return ExitUsage;
    }
    const QString out = parser.value(QStringLiteral("output"));
    if (out.isEmpty()) {
        printError(QStringLiteral("average: -o OUT.pt is required"));
        return ExitUsage;
    }
    if (!refuseOverwrite(parser, {out}))
        return ExitFailure;
    const QStringList inputs = parser.positionalArguments();
    auto averaged
        = inputs.size() == 1 ? SegmentationModel::load(inputs.first()) : SegmentationModel::average(inputs);
    if (!averaged.ok()) {
        printError(averaged.error());
        return ExitFailure;
    }
    ModelInfo &info = (*averaged)->info();
    if (parser.isSet(QStringLiteral("id")))
        info.id = parser.value(QStringLiteral("id"));
    if (parser.isSet(QStringLiteral("parent")))
        info.parentId = parser.value(QStringLiteral("parent"));
    if (newWeight)
        info.backgroundWeight = weight;
    const Status saved = (*averaged)->save(out);
    if (!saved.ok()) {
        printError(saved.error());
        return ExitFailure;
    }
    printOut(QStringLiteral("%1: %2, id %3, parent %4, background weight %5\n")
                 .arg(out,
                      inputs.size() == 1 ? QStringLiteral("a copy of one model")
                                         : QStringLiteral("the mean of %1 models").arg(inputs.size()),
                      info.id, info.parentId)
                 .arg(info.backgroundWeight));
    return ExitOk;
}

VEER_CLI_COMMAND("average", "Average the weights of several epochs of one run into one model", cmdAverage);

} // namespace veer::cli
