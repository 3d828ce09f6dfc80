#pragma once

#include "trace/doubtfulspans.h"
#include "trace/reviewregions.h"

#include <QJsonObject>

#include <optional>
#include <vector>

#include <opencv2/core/types.hpp>

class QUndoCommand;
class QUndoStack;

namespace veer {

class Calibration;

/** Where a correction command changed the sheet, for marking the doubt spans it touches Fixed. */
struct CorrectionFootprint
{
    int track = -1;   ///< the track it changed, or -1: any track whose columns meet `rect`
    cv::Rect rect;    ///< image pixels; with a track only the rows (y, height) count
    unsigned curves = 3u;  ///< curveBit()s of the curves it changed: it fixes only their spans
};

/**
 * What an undo command means to the review: where it corrected the sheet, and whether it is a
 * segmentation or digitizing run. Correction and run commands derive from it besides QUndoCommand.
 */
class ReviewedCommand
{
public:
    virtual ~ReviewedCommand() = default;
    /**
     * Where the command corrected labels or traces; a doubtful span it touches counts as Fixed
     * while the command is applied after the last run. Empty for a command that changed nothing.
     */
    virtual std::vector<CorrectionFootprint> footprint() const { return {}; }
    /** A run (segment, digitize): what corrections before it fixed no longer counts. */
    virtual bool isRun() const { return false; }
};

/**
 * The review of one Document: its doubtful spans with their states, and which rows of which
 * tracks were reviewed. The stored ("base") part changes only through ReviewCommand and with the
 * trace (spans are found again and keep the states of those they overlap). A span also counts as
 * Fixed while a correction command that touches it is applied on the undo stack after the last
 * segmentation or digitizing run, so undoing the correction undoes the fix; effective states and
 * regions are what the document reports, saves and exports. Reviewed regions include the rows of
 * every accepted or fixed span. A plain value owned by Document; GUI thread.
 */
class ReviewState
{
public:
    /** Spans of one track at most this many rows apart are one span in the review... */
    static constexpr int kReviewMergeGap = 40;
    /** ...as long as that span stays within this many rows: one look, not the whole sheet. */
    static constexpr int kReviewMaxSpanRows = 200;

    /** What a command may change; compared and swapped as a whole. */
    struct Base
    {
        std::vector<DoubtSpan> spans;
        ReviewRegions reviewed;
        bool operator==(const Base &other) const = default;
    };

    const Base &base() const { return mBase; }
    void setBase(const Base &base);

    /** The spans as shown: the base states, with Fixed for spans a correction touches. */
    const std::vector<DoubtSpan> &spans() const { return mSpans; }
    /** The reviewed rows: the base regions plus the rows of accepted and fixed spans. */
    const ReviewRegions &reviewed() const { return mReviewed; }

    /**
     * Finds the spans of a new trace, keeping the states of the old spans they overlap; the
     * calibration's track widths size what a wrap risks.
     */
    void traceChanged(const std::optional<TraceResult> &trace, const Calibration &calibration);
    /** Re-derives Fixed from the applied commands of `stack`; true when anything shown changed. */
    bool updateFixed(const QUndoStack &stack, const Calibration &calibration);

    /** {"spans": [...], "reviewed": [...]} of the effective state; empty when there is nothing. */
    QJsonObject toJson() const;
    /** Takes states and regions saved by toJson(): states go to the current spans they overlap. */
    void restore(const QJsonObject &json);

    /** The footprints of `command` and its children (ReviewedCommand::footprint()). */
    static std::vector<CorrectionFootprint> footprints(const QUndoCommand &command);

private:
    void derive();

    Base mBase;
    std::vector<CorrectionFootprint> mApplied;  ///< corrections applied since the last run
    std::vector<DoubtSpan> mSpans;
    ReviewRegions mReviewed;
};

} // namespace veer
