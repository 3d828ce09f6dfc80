#pragma once

#include <QJsonObject>

#include <opencv2/core/mat.hpp>

#include <cstdint>

namespace veer {

/** How much long straight grid-line ink a label map calls a curve. */
struct GridInkStats
{
    int64_t linePixels = 0;        ///< ink on long horizontal or vertical lines, crossings left out
    int64_t calledCurve = 0;       ///< of those, labelled curve one or two
    int64_t horizontalPixels = 0;  ///< the same for horizontal lines only
    int64_t horizontalCurve = 0;
    int64_t crossingPixels = 0;    ///< line ink left out: a curve of its class goes on just off the line

    double share() const { return linePixels > 0 ? double(calledCurve) / double(linePixels) : 0.0; }
    double horizontalShare() const
    {
        return horizontalPixels > 0 ? double(horizontalCurve) / double(horizontalPixels) : 0.0;
    }
    void add(const GridInkStats &o);
    QJsonObject toJson() const;
};

/** What counts as a grid line. */
struct GridInkOptions
{
    int horizontalLength = 120;  ///< px: ink running at least this far along a row is a line
    int verticalLength = 300;    ///< px: ink running at least this far down a column is a line
    int bridge = 3;              ///< px of gap closed along a line first (broken and dotted grid lines)
    int inkBelowPaper = 45;      ///< a pixel this much darker than the paper (median grey) is ink
    int lineZone = 2;            ///< px about a line whose ink is the line's own (a ragged line's burrs)
    int crossingReach = 3;       ///< px beyond that zone where ink of the pixel's class makes it a crossing
};

/**
 * A measure of a label map that needs no truth: of the ink on long straight horizontal and vertical
 * lines of `grey` (the grid, track edges, tick rows), the share labelled curve one or two. Line ink
 * whose class goes on in ink just off the line (a curve crossing the line or leaving it) is left
 * out. A curve that truly runs along a line for a while still counts, so the generator's own truth
 * labels give a few per cent. `grey` CV_8UC1 (the network's view), `labels` CV_8UC1 0/1/2 of the
 * same size. `lineMask`, when given, receives the counted line pixels (255).
 */
GridInkStats measureGridInk(const cv::Mat &grey, const cv::Mat &labels, const GridInkOptions &options = {},
                            cv::Mat *lineMask = nullptr);

} // namespace veer
