#pragma once

class QCommandLineParser;
class QString;

namespace veer::cli {

/** Adds evaluate's options of the real-sheet check (--real, --sheets, --windows, --crops). */
void addRealSheetOptions(QCommandLineParser &parser);

/**
 * veer-cli evaluate --real DIR: the grid-ink check of real sheets without truth (measureGridInk) on
 * windows spread down each sheet, with overlay crops for eyes. Prints JSON; returns the exit code.
 */
int evaluateRealSheets(const QCommandLineParser &parser, const QString &root);

} // namespace veer::cli
