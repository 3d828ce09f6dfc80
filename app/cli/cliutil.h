#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include "trace/tracetypes.h"

namespace veer::cli {

/** Exit codes: 0 ok, 1 runtime failure (bad input file, I/O), 2 usage error. */
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

/** Prints "veer-cli: <message>" to stderr. */
void printError(const QString &message);
void printOut(const QString &text);

/**
 * Parses `args` (without program/command names) for command `command`. On --help prints the help
 * and sets exitCode to 0; on an error prints it with usage and sets exitCode to 2. Returns false
 * when the caller should return exitCode.
 */
bool parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &args,
                  int minPositional, int maxPositional, int &exitCode);

/** Parses an option as int/double; prints an error naming the option on failure. */
bool optionInt(const QCommandLineParser &parser, const QString &name, int &value);
bool optionDouble(const QCommandLineParser &parser, const QString &name, double &value);
/**
 * Nothing is overwritten without asking: false, with an error naming the file, when one of the
 * non-empty `paths` exists and --force is not set.
 */
bool refuseOverwrite(const QCommandLineParser &parser, const QStringList &paths);
/** Adds --trace-options FILE (tracer tuning as JSON, see core/trace/traceoptionsjson.h). */
void addTraceOptionsOption(QCommandLineParser &parser);
/** Reads --trace-options into `options` when given; prints the error (naming the file) and returns false on bad input. */
bool readTraceOptions(const QCommandLineParser &parser, TraceOptions &options);

} // namespace veer::cli

namespace cv {
class Mat;
}

#include <memory>

namespace veer {
class SegmentationModel;
}

namespace veer::cli {

/**
 * The model of --model, or the shipped one (defaultModelPath()); null, with the error printed, when
 * it does not load. `path`, when given, receives the file read.
 */
std::unique_ptr<SegmentationModel> loadModelOption(const QCommandLineParser &parser, QString *path = nullptr);
/** Adds --model FILE; its help says which model is the default. */
void addModelOption(QCommandLineParser &parser);
/** The --model file, else the shipped model (the CLI never uses the GUI's active version unasked). */
QString modelOptionPath(const QCommandLineParser &parser);

/** Writes a PNG atomically (temporary file + rename); prints an error naming the file on failure. */
bool writePng(const QString &path, const cv::Mat &image);

} // namespace veer::cli
