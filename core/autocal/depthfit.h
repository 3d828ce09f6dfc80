#pragma once

#include <QString>

#include <vector>

namespace veer {

/** One depth number read on the sheet: the image row it marks and the value printed. */
struct DepthReading
{
    double row = 0.0;
    double value = 0.0;
    double confidence = 1.0;   ///< of the reading, 0..1
    double size = 0.0;         ///< height of the printed number, px (0: not known)
};

struct DepthFitOptions
{
    double tolerancePx = 4.0;     ///< a reading within this many rows of the line its neighbours make is an inlier
    int minInliers = 3;
    double minInlierShare = 0.5;  ///< of the distinct readings
    double maxRmsPx = 3.0;        ///< above this the fit is given, but not as sure
};

/**
 * Rows to depth from the depth numbers read on a sheet: RANSAC over pairs of readings for the line
 * row = rowsPerUnit * depth + rowAtZero (depth increasing down the sheet), then least squares on
 * its inliers, then the physical checks. Refuses, with a reason, rather than guess.
 */
struct DepthFitResult
{
    bool ok = false;
    QString reason;                    ///< why it refused (empty when ok)
    double rowsPerUnit = 0.0;
    double rowAtZero = 0.0;
    std::vector<DepthReading> inliers; ///< ascending row
    int readings = 0;                  ///< distinct readings offered
    double rmsPx = 0.0;                ///< residual of each inlier about the line through its neighbours
    double maxLocalScaleError = 0.0;   ///< largest departure of one gap's rows per unit from the fit, share
    double inlierShare = 0.0; ///< of the distinct readings, on the scale
    double supportShare = 0.0; ///< of the distinct readings, on the scale or misread by one digit there
    int misreadByOneDigit
        = 0; ///< numbers off the scale whose reading is the label there, one digit lost, gained or wrong
    double labelStep = 0.0;            ///< smallest depth step between labels read
    bool roundStep = false;            ///< every label step a multiple of a round step (1, 2, 2.5, 5 x 10^k)
    int rivalReadings = 0;             ///< numbers off the line that make a parallel line of their own
    bool sure = false;                 ///< every check passed with margin
    double confidence = 0.0;           ///< 0..1

    double rowAtDepth(double depth) const { return rowsPerUnit * depth + rowAtZero; }
    double depthAtRow(double row) const { return (row - rowAtZero) / rowsPerUnit; }
};

DepthFitResult fitDepthReadings(const std::vector<DepthReading> &readings, const DepthFitOptions &options = {});

/**
 * Carries the ties past the first and last number read along the grid they sit on: where the
 * numbers label the heavy lines every `labelStep`, the next labelled line lies one step further at
 * the local scale. Each is taken only where a heavy line stands within 0.4 of the line spacing of
 * that place, and the walk stops at the first place without one, so a scan's stretch is followed
 * and a lost line ends it. `ties` are on the lines (ascending row, depth down the sheet); `lineRows`
 * and `lineWeights` are the section's lines, ascending. Returns how many ties were added; they carry
 * confidence 0.5 and size 0. Where the labelled lines are no heavier than the rest, the lines are
 * counted instead, when a label step holds a whole number of line spacings: each line must then
 * stand within a quarter spacing of where the one before puts it.
 */
int extendTiesAlongGrid(std::vector<DepthReading> &ties, const std::vector<double> &lineRows,
                        const std::vector<double> &lineWeights, double labelStep, double firstRow,
                        double lastRow);

/** True for 1, 2, 2.5 or 5 times a power of ten (within a part in a million). */
bool isRoundStep(double step);

} // namespace veer
