#pragma once

#include "autocal/depthfit.h"
#include "autocal/layoutfinder.h"
#include "calibration/calibration.h"

#include <QJsonObject>
#include <QRect>
#include <QString>

#include <optional>
#include <vector>

namespace veer {

class Feedback;
class RasterSource;

struct AutoCalibrationOptions
{
    /** Depth unit when none is printed: the proposal marks it unsure. */
    QString fallbackUnit = QStringLiteral("FT");
    /** Read the curve captions and scale values above each track. */
    bool readScales = true;
};

/** One part of a proposal and how sure it is. */
struct ProposalPart
{
    QString name; ///< "tracks", "depth", "interval", "unit", "scales, track 2", "section REPEAT",
                  ///< "other section, rows 3900-4800" (no ties: left out)
    bool sure = false;
    double confidence = 0.0; ///< 0..1
    QString note;            ///< what was found, or why it is unsure
};

/** A depth number as read, for drawing on the sheet. */
struct DepthLabel
{
    QRect box;               ///< on the sheet
    QString text;
    double row = 0.0;        ///< the row it marks (after snapping to its grid line)
    bool inlier = false;     ///< on the fitted depth scale
};

/**
 * A calibration proposed from the sheet alone: tracks and log section from the ruling, the depth
 * scale from the printed depth numbers (OCR, RANSAC, checks), the curve scales from the captions
 * where they can be read. Refuses, with a reason, rather than give a depth it cannot back.
 */
struct AutoCalibration
{
    bool ok = false;                 ///< a calibration is proposed
    QString refusal;                 ///< why not (ok == false)
    Calibration calibration;         ///< the proposal (tracks even when the depth was refused)
    SheetLayout layout;
    DepthFitResult depth;
    std::pair<int, int> depthColumn{-1, -1};  ///< [left, right) columns the numbers were read in
    std::vector<DepthLabel> labels;
    bool tiesOnGridLines = false;    ///< the ties sit on the grid lines the numbers label
    std::vector<ProposalPart> parts;

    /**
     * A proposal whose tracks, depth scale, interval and sections with ties of their own are all
     * sure: the sheet is depth-registered without a hand. The unit and the scales, where unsure,
     * are still listed for the user.
     */
    bool handsOff() const;
    /** The parts the user should look at. */
    std::vector<ProposalPart> unsureParts() const;
    /** What was found and why anything was refused, for people. */
    QString report() const;
    /** The parts and the refusal, for the `proposal` object of a calibration file. */
    QJsonObject proposalJson() const;
    /** The calibration file: `veer-calibration/1` with a `proposal` object beside it. */
    QByteArray toJson() const;
};

/** Reads a window of the sheet as grey (dark ink on light paper). */
using WindowReader = std::function<Result<cv::Mat>(const QRect &window)>;

Result<AutoCalibration> autoCalibrate(int width, int height, const WindowReader &read,
                                      const AutoCalibrationOptions &options = {}, Feedback *feedback = nullptr);
Result<AutoCalibration> autoCalibrate(const RasterSource &source, const AutoCalibrationOptions &options = {},
                                      Feedback *feedback = nullptr);
Result<AutoCalibration> autoCalibrate(const cv::Mat &grey, const AutoCalibrationOptions &options = {});

/**
 * Reads the depth numbers printed in columns [x0, x1) over rows [top, bottom]: text blobs between
 * the grid's ticks, each read as a line of digits, upright or turned 90 degrees either way.
 */
std::vector<DepthLabel> readDepthNumbers(const WindowReader &read, int x0, int x1, int top, int bottom,
                                         class TextReader &ocr, Feedback *feedback = nullptr);

/**
 * The printed depth number nearest `row`, read around a click at (`column`, `row`) on a sheet of
 * `width` x `height`: within a few hundred columns and 80 rows of it. For the first depth ties,
 * where no depth scale predicts a depth yet. Nothing when no number is read there.
 */
std::optional<DepthLabel> readDepthNear(const WindowReader &read, int width, int height, double column, double row,
                                        class TextReader &ocr);

} // namespace veer
