#pragma once

class QCommandLineParser;
class QString;
#include <QStringList>

namespace veer::cli {

/** Adds evaluate's options of the calibration check (--calibrate). */
void addCalibrationCheckOptions(QCommandLineParser &parser);

/**
 * veer-cli evaluate --calibrate DIR: proposes a calibration for every generated case and compares
 * it with the case's true one: tracks, depth at every row of the interval, interval, unit, scales,
 * and whether the proposal said it was sure. Prints JSON; returns the exit code.
 */
int evaluateCalibrations(const QCommandLineParser &parser, const QStringList &cases);

} // namespace veer::cli
