#pragma once

#include "base/result.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <functional>
#include <vector>

namespace veer {

class Feedback;
class RasterSource;

/** One depth-gridded body of a log: the main log, or a repeat section. */
struct LogSection
{
    int top = 0;                      ///< first row of the gridded body
    int bottom = 0;                   ///< last row
    std::vector<double> lineRows;     ///< centres of the horizontal grid lines
    std::vector<double> majorRows;    ///< the heavier ones among them
    std::vector<double> lineWeights;  ///< per line: thickness (rows) times darkness (0..255)
    double lineSpacing = 0.0;         ///< px between neighbouring lines (median)
    int majorEvery = 0;               ///< lines per major line (0 when no heavier lines stand out)

    int height() const { return bottom - top + 1; }
};

/** One curve track: the centres of its border lines and how its vertical grid runs. */
struct TrackLayout
{
    double left = 0.0;
    double right = 0.0;
    double confidence = 0.0;          ///< share of the section's grid lines that run edge to edge
    bool logGrid = false;             ///< vertical lines bunch up by decades
    int decades = 0;                  ///< log grids
    std::vector<double> verticalLines; ///< columns of the vertical grid lines inside
    /// A line inside as strong as the borders, where the grid is not one grid: two tracks side by side?
    double innerBorder = -1.0;

    double width() const { return right - left; }
};

/** What the ruling of a sheet says: tracks, sections, and where a depth column may be. */
struct SheetLayout
{
    int width = 0;
    int height = 0;
    std::vector<TrackLayout> tracks;   ///< left to right
    std::vector<LogSection> sections;  ///< top to bottom
    int mainSection = -1;              ///< the tallest section (-1: none)
    std::vector<std::pair<int, int>> depthColumnCandidates;  ///< [left, right) columns between or beside tracks
    std::vector<std::pair<int, int>> unruledInk;  ///< [left, right) columns off the tracks with ink down the log: a track without a grid?
    QString reason;                    ///< why no track or section was found

    bool ok() const { return !tracks.empty() && mainSection >= 0; }
    const LogSection *main() const { return mainSection >= 0 ? &sections[size_t(mainSection)] : nullptr; }
};

/** Reads `rows` rows from `top` (CV_8UC1, full width, dark ink on light paper). */
using BandReader = std::function<Result<cv::Mat>(int top, int rows)>;

/**
 * Finds the tracks (from where the horizontal grid lines start and end, then centred on the
 * border line), the log sections (runs of regularly spaced grid lines) and the grid of a sheet,
 * reading it band by band. No network: the ruling alone.
 */
Result<SheetLayout> findLayout(int width, int height, const BandReader &read, Feedback *feedback = nullptr);
Result<SheetLayout> findLayout(const RasterSource &source, Feedback *feedback = nullptr);
SheetLayout findLayout(const cv::Mat &grey);

/**
 * Thin dark strokes (255) of `grey` across rows (`horizontal`: lines along a row) and across columns
 * (`vertical`), darker than what lies 4 px either side by 10 grey levels or
 * four times the paper's median speckle: faint and coloured rulings count, stains and shading do not.
 */
void lineMasks(const cv::Mat &grey, cv::Mat &horizontal, cv::Mat &vertical);

/** Ink (255) where `grey` is darker than its paper: Otsu's threshold, never above 200. */
cv::Mat inkMask(const cv::Mat &grey);

} // namespace veer
