#include "cliutil.h"

#include "raster/pngfile.h"
#include "segment/segmentationmodel.h"
#include "trace/traceoptionsjson.h"

#include <QFileInfo>

#include <cmath>
#include <cstdio>

namespace veer::cli {

void printError(const QString &message)
{
    std::fprintf(stderr, "veer-cli: %s\n", qPrintable(message));
    std::fflush(stderr);
}

void printOut(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

bool parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &args,
                  int minPositional, int maxPositional, int &exitCode)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList full = args;
    full.prepend(QStringLiteral("veer-cli ") + command);
    if (!parser.parse(full)) {
        printError(parser.errorText());
        std::fputs(parser.helpText().toUtf8().constData(), stderr);
        exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText());
        exitCode = ExitOk;
        return false;
    }
    const int n = int(parser.positionalArguments().size());
    if (n < minPositional || (maxPositional >= 0 && n > maxPositional)) {
        printError(n < minPositional ? QStringLiteral("%1: missing argument").arg(command)
                                     : QStringLiteral("%1: too many arguments").arg(command));
        std::fputs(parser.helpText().toUtf8().constData(), stderr);
        exitCode = ExitUsage;
        return false;
    }
    return true;
}

bool optionInt(const QCommandLineParser &parser, const QString &name, int &value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok) {
        printError(QStringLiteral("--%1: expected an integer, got '%2'").arg(name, parser.value(name)));
        return false;
    }
    value = v;
    return true;
}

bool optionDouble(const QCommandLineParser &parser, const QString &name, double &value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        printError(QStringLiteral("--%1: expected a number, got '%2'").arg(name, parser.value(name)));
        return false;
    }
    value = v;
    return true;
}

bool refuseOverwrite(const QCommandLineParser &parser, const QStringList &paths)
{
    if (parser.isSet(QStringLiteral("force")))
        return true;
    for (const QString &path : paths) {
        if (!path.isEmpty() && QFileInfo::exists(path)) {
            printError(QStringLiteral("%1: already exists; pass --force to overwrite").arg(path));
            return false;
        }
    }
    return true;
}

bool writePng(const QString &path, const cv::Mat &image)
{
    const Status s = writePngFile(path, image, 1);
    if (!s)
        printError(s.error());
    return bool(s);
}

void addTraceOptionsOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("trace-options"),
                      QStringLiteral("Tracer tuning as JSON, e.g. {\"probabilityThreshold\": 40, \"maxBridgeRows\": 20}."),
                      QStringLiteral("FILE")});
}

bool readTraceOptions(const QCommandLineParser &parser, TraceOptions &options)
{
    if (!parser.isSet(QStringLiteral("trace-options")))
        return true;
    auto loaded = loadTraceOptions(parser.value(QStringLiteral("trace-options")));
    if (!loaded) {
        printError(loaded.error());
        return false;
    }
    options = loaded.take();
    return true;
}

void addModelOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("model"),
                      QStringLiteral("Model file (default: the shipped model; the GUI segments with the active version "
                                     "of 'veer-cli models', which 'veer-cli models path' prints)."),
                      QStringLiteral("FILE")});
}

QString modelOptionPath(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("model")) ? parser.value(QStringLiteral("model")) : defaultModelPath();
}

std::unique_ptr<SegmentationModel> loadModelOption(const QCommandLineParser &parser, QString *path)
{
    const QString modelPath = modelOptionPath(parser);
    if (path)
        *path = modelPath;
    auto loaded = SegmentationModel::load(modelPath);
    if (!loaded) {
        printError(loaded.error());
        return nullptr;
    }
    return loaded.take();
}

} // namespace veer::cli
