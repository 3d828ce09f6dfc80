#pragma once

#include "reviewstate.h"
#include "undocommandids.h"

#include "trace/localretrace.h"
#include "trace/tracetypes.h"

#include <QPointF>
#include <QUndoCommand>
#include <QVector>

#include <vector>

namespace veer {

class Document;

/**
 * What every trace edit keeps to undo exactly: the traced rows of one track it changes, before
 * and after, and the document's anchor list before and after. Subclasses work out the change in
 * their constructor; a command that changes nothing marks itself obsolete so the stack drops it.
 */
class TraceEditCommand : public QUndoCommand, public ReviewedCommand
{
public:
    void redo() override;
    void undo() override;
    /** The rows of the track the edit changed, and the curves it changed there. */
    std::vector<CorrectionFootprint> footprint() const override;

    int track() const { return mAfter.trackIndex; }
    /** Image rows this command (with everything merged into it) changes; empty span: rowCount 0. */
    int firstRow() const { return mAfter.firstRow; }
    int lastRow() const { return mAfter.firstRow + mAfter.rowCount - 1; }
    bool changesNothing() const { return mNothing; }
    /** Why the command changes nothing (no trace, no labels, the tracer failed); may be empty. */
    QString error() const { return mError; }

protected:
    TraceEditCommand(Document &document, const QString &text, QUndoCommand *parent = nullptr);

    /** Keeps rows [first, last] of `track` as they are now and as in `after`, and both anchor lists. */
    void record(int track, int first, int last, const TraceResult &after,
                const std::vector<TraceAnchor> &anchorsAfter);
    void fail(const QString &error);

    Document &mDocument;
    TraceSlice mBefore;
    TraceSlice mAfter;
    std::vector<TraceAnchor> mAnchorsBefore;
    std::vector<TraceAnchor> mAnchorsAfter;

private:
    void apply(const TraceSlice &slice, const std::vector<TraceAnchor> &anchors);
    bool mNothing = false;
    QString mError;
};

/**
 * Moves the sample of curve `classId` of `track` on image row `row` to `column` and anchors it
 * there. The rows up to `falloffRows` away (never past another anchor of the curve) follow by a
 * linearly fading share of the move, so the curve stays continuous. Moves with the same non-zero
 * `dragKey` on the same node (one per drag) merge into one undo step.
 */
class MoveTraceNodeCommand : public TraceEditCommand
{
public:
    MoveTraceNodeCommand(Document &document, int track, int classId, int row, double column,
                         int falloffRows, int dragKey = 0);

    int id() const override { return mDragKey ? MoveTraceNodeId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

protected:
    MoveTraceNodeCommand(Document &document, const QString &text, int track, int classId, int row,
                         double column, int falloffRows);

private:
    int mClassId;
    int mRow;
    int mDragKey = 0;
};

/** Adds an anchor (a node) on curve `classId` of `track` at `row`, `column`, as a zero-length move. */
class InsertTraceNodeCommand : public MoveTraceNodeCommand
{
public:
    InsertTraceNodeCommand(Document &document, int track, int classId, int row, double column,
                           int falloffRows = 0);
};

/**
 * Removes the anchors of curve `classId` of `track` on `row` and re-traces that curve from the
 * labels over up to `spanRows` rows either side (not past its neighbouring anchors), keeping
 * every other anchor. Without a label map only the anchor goes.
 */
class DeleteTraceNodeCommand : public TraceEditCommand
{
public:
    DeleteTraceNodeCommand(Document &document, int track, int classId, int row, int spanRows = 30);
};

/**
 * A hand-drawn stretch of curve `classId` of `track` where the scan cannot be read: `points`
 * (image pixels, in drawing order) give the column on every row they cross (later strokes win),
 * with confidence 1, no wraps, and anchors every `anchorStep` rows and at both ends (replacing
 * the curve's anchors there).
 */
class DrawTraceSegmentCommand : public TraceEditCommand
{
public:
    DrawTraceSegmentCommand(Document &document, int track, int classId, const QVector<QPointF> &points,
                            int anchorStep = 8);
};

/**
 * Re-traces image rows [firstRow, lastRow] of `track` from the current labels through the
 * document's anchors, joined to the rows either side (retraceSpan()); `classId` 0 re-traces both
 * curves, 1 or 2 only that one.
 */
class RetraceSpanCommand : public TraceEditCommand
{
public:
    RetraceSpanCommand(Document &document, int track, int firstRow, int lastRow, int classId = 0,
                       QUndoCommand *parent = nullptr);

    /**
     * One command that re-traces the rows of the most recent label brush edit on the undo stack
     * (below its index) in every track the edit touched; nullptr, with `error` set, when there
     * is none or nothing can be traced.
     */
    static QUndoCommand *forLastLabelEdit(Document &document, QString *error = nullptr);
    /** Re-traces rows [firstRow, lastRow] of every track, as one command; nullptr when none. */
    static QUndoCommand *forAllTracks(Document &document, int firstRow, int lastRow,
                                      QString *error = nullptr);
};

/** Image column of a sample for a point in image pixels: samples sit at pixel centres. */
inline double columnAt(const QPointF &imagePos)
{
    return imagePos.x() - 0.5;
}

} // namespace veer
