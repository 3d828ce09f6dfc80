#pragma once

#include "undocommandids.h"

#include "reviewstate.h"

#include <QUndoCommand>

namespace veer {

class Document;

/**
 * Changes the stored review (doubt span states and reviewed regions) of a Document from what it
 * is now to `after`, as one undo step. Use the factory functions below; a command that would
 * change nothing is obsolete from the start, so the stack drops it.
 */
class ReviewCommand : public QUndoCommand
{
public:
    ReviewCommand(Document &document, const QString &text, const ReviewState::Base &after, int mergeId = -1);

    void redo() override;
    void undo() override;
    int id() const override { return mMergeId; }
    /** Repeating the same change (pressing A twice on one span) adds nothing to undo. */
    bool mergeWith(const QUndoCommand *other) override;

    /** Accepts span `index` of Document::review().spans(): its rows of its track become reviewed. */
    static ReviewCommand *acceptSpan(Document &document, int index);
    /** Sets span `index` back to unreviewed (its reviewed rows stay reviewed). */
    static ReviewCommand *resetSpan(Document &document, int index);
    /**
     * Marks image rows [firstRow, lastRow] of the tracks whose columns meet [left, right)
     * reviewed; the spans that lie wholly inside become accepted.
     */
    static ReviewCommand *markReviewed(Document &document, int firstRow, int lastRow, double left, double right,
                                       const QString &text);
    /** Every track over all rows of the sheet. */
    static ReviewCommand *markSheetReviewed(Document &document);

private:
    Document &mDocument;
    ReviewState::Base mBefore;
    ReviewState::Base mAfter;
    int mMergeId;
};

} // namespace veer
