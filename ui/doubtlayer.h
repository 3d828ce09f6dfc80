#pragma once

#include "sheetview.h"

#include "trace/doubtfulspans.h"

#include <QPointer>

namespace veer {

class Document;

/**
 * The review on the sheet: reviewed rows of each track (accepted, fixed, or reviewed by hand) as a
 * green bar down the track's left edge over a faint green wash, and a thin frame around the
 * current doubtful span (its track's columns over its rows).
 */
class DoubtLayer : public SheetLayer
{
public:
    void setDocument(Document *document) { mDocument = document; }
    /** The span to frame; index < 0 hides the frame. */
    void setSpan(int index, const DoubtSpan &span);
    bool hasSpan() const { return mIndex >= 0; }

    void paint(QPainter &painter, const SheetView &view, const QRectF &imageRect) override;
    void setShowReviewed(bool show) { mShowReviewed = show; }
    bool showReviewed() const { return mShowReviewed; }

private:
    void paintReviewed(QPainter &painter, const SheetView &view, const QRectF &imageRect) const;

    QPointer<Document> mDocument;
    int mIndex = -1;
    DoubtSpan mSpan;
    bool mShowReviewed = true;
};

} // namespace veer
