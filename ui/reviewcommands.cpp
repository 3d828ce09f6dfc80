#include "reviewcommands.h"

#include "document.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace veer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ReviewCommands", text);
}

} // namespace

ReviewCommand::ReviewCommand(Document &document, const QString &text, const ReviewState::Base &after, int mergeId)
    : QUndoCommand(text)
    , mDocument(document)
    , mBefore(document.review().base())
    , mAfter(after)
    , mMergeId(mergeId)
{
    setObsolete(mBefore == mAfter);
}

void ReviewCommand::redo()
{
    mDocument.setReviewBase(mAfter);
}

void ReviewCommand::undo()
{
    mDocument.setReviewBase(mBefore);
}

bool ReviewCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const ReviewCommand *>(other);
    return o->mBefore == o->mAfter && o->mAfter == mAfter;
}

ReviewCommand *ReviewCommand::acceptSpan(Document &document, int index)
{
    ReviewState::Base after = document.review().base();
    if (index >= 0 && index < int(after.spans.size())) {
        DoubtSpan &s = after.spans[size_t(index)];
        s.state = DoubtState::Accepted;
        after.reviewed.add(s.track, s.firstRow, s.lastRow);
    }
    return new ReviewCommand(document, tr("Accept Span"), after, AcceptSpanId);
}

ReviewCommand *ReviewCommand::resetSpan(Document &document, int index)
{
    ReviewState::Base after = document.review().base();
    if (index >= 0 && index < int(after.spans.size()))
        after.spans[size_t(index)].state = DoubtState::Unreviewed;
    return new ReviewCommand(document, tr("Reset Span"), after);
}

ReviewCommand *ReviewCommand::markReviewed(Document &document, int firstRow, int lastRow, double left, double right,
                                           const QString &text)
{
    ReviewState::Base after = document.review().base();
    firstRow = std::max(0, firstRow);
    lastRow = std::min(document.sheetHeight() - 1, lastRow);
    const auto &tracks = document.calibration().tracks;
    for (int t = 0; t < int(tracks.size()) && firstRow <= lastRow; ++t) {
        const double l = std::min(tracks[size_t(t)].left, tracks[size_t(t)].right);
        const double r = std::max(tracks[size_t(t)].left, tracks[size_t(t)].right);
        if (r <= left || l >= right)
            continue;
        after.reviewed.add(t, firstRow, lastRow);
        for (DoubtSpan &s : after.spans)
            if (s.track == t && s.firstRow >= firstRow && s.lastRow <= lastRow && s.state == DoubtState::Unreviewed)
                s.state = DoubtState::Accepted;
    }
    return new ReviewCommand(document, text, after, MarkReviewedId);
}

ReviewCommand *ReviewCommand::markSheetReviewed(Document &document)
{
    const double inf = std::numeric_limits<double>::infinity();
    return markReviewed(document, 0, document.sheetHeight() - 1, -inf, inf, tr("Mark Sheet Reviewed"));
}

} // namespace veer
