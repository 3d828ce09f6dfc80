#pragma once

#include "reviewstate.h"
#include "undocommandids.h"

#include <QPointF>
#include <QUndoCommand>

#include <opencv2/core/mat.hpp>

namespace veer {

class Document;

/** What the label brush paints on. */
enum class BrushTarget {
    Everything,  ///< every pixel under the brush
    /** Ink under the brush: pixels darker than the paper by PaintLabelsCommand::inkContrast(). */
    Ink,
    /**
     * Whole strokes the brush touches (touchedStrokes(): ink 8-connected to the ink under it, long
     * straight grid lines left out but crossed), up to strokeReach() px beyond the brush.
     */
    Strokes,
    /** Ink of strokes at least thickWidth() px thick under the brush (thickInk()): a heavy curve. */
    Thick,
};

/**
 * Paints one brush segment of class 0 (background), 1 or 2 on the label map: every pixel whose
 * centre lies within diameter/2 of the segment from `from` to `to` (image pixels). The ends snap to
 * the pixel grid (odd diameters to pixel centres, even ones to corners) so a 1 px brush paints
 * exactly the pixel under the cursor. Keeps only the stroke's bounding box before and after;
 * segments with the same non-zero `strokeKey` (one per drag) merge into one undo step. Where
 * probabilities exist, painted pixels get P = 255 for their class and 0 for the other.
 *
 * `target` narrows what a curve class is painted on (see BrushTarget); the eraser (class 0) always
 * erases everything under the brush, since paper called a curve must be erasable too, and with
 * BrushTarget::Strokes also the whole strokes it touches (a tick mark, a digit).
 */
class PaintLabelsCommand : public QUndoCommand, public ReviewedCommand
{
public:
    PaintLabelsCommand(Document &document, const QPointF &from, const QPointF &to, int diameter, int classId,
                       int strokeKey = 0, BrushTarget target = BrushTarget::Everything);

    void redo() override;
    void undo() override;
    int id() const override { return mStrokeKey ? PaintLabelsId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

    /** The part of the label map this command (with everything merged into it) touches. */
    cv::Rect rect() const { return mRect; }
    /** Its rectangle, and the curves whose pixels it painted or painted over. */
    std::vector<CorrectionFootprint> footprint() const override;
    /** Where the brush centre lands for a cursor at `p` with `diameter` (image pixels). */
    static QPointF snap(const QPointF &p, int diameter);
    /** How much darker than the paper a pixel must be to count as ink (BrushTarget::Ink, Strokes). */
    static constexpr int inkContrast() { return 45; }
    /** How far past the brush BrushTarget::Strokes labels the strokes it touches. */
    static constexpr int strokeReach() { return 64; }
    /** How thick a stroke must be for BrushTarget::Thick. */
    static constexpr int thickWidth() { return 8; }

private:
    Document &mDocument;
    int mStrokeKey;
    bool mCreated = false;  ///< the map was empty: undo removes it again
    cv::Rect mRect;
    cv::Mat mLabelsBefore, mLabelsAfter;
    cv::Mat mProbsBefore, mProbsAfter;  ///< empty when the document has no probabilities
};

/**
 * Exchanges curve one and curve two over image rows [firstRow, lastRow] of one track: labels 1 and
 * 2 (and their probabilities) in the track's columns, and the two curves' traced columns,
 * confidences and wraps on those rows. The exchange is its own inverse, so nothing is stored.
 */
class SwapCurvesCommand : public QUndoCommand, public ReviewedCommand
{
public:
    SwapCurvesCommand(Document &document, int track, int firstRow, int lastRow);

    void redo() override { apply(); }
    void undo() override { apply(); }

    /** The label-map pixels the swap covers (empty when the track or rows are out of range). */
    cv::Rect rect() const { return mRect; }
    std::vector<CorrectionFootprint> footprint() const override { return {{-1, mRect}}; }

private:
    void apply();

    Document &mDocument;
    int mTrack;
    int mFirstRow;
    int mLastRow;
    cv::Rect mRect;
};

} // namespace veer
