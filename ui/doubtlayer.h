#pragma once

#include "sheetview.h"

#include "trace/doubtfulspans.h"

#include <QPointer>

namespace veer {

class Document;

/** A thin frame around the current doubtful span: its track's columns over its rows. */
class DoubtLayer : public SheetLayer
{
public:
    void setDocument(Document *document) { mDocument = document; }
    /** The span to frame; index < 0 hides the frame. */
    void setSpan(int index, const DoubtSpan &span);
    bool hasSpan() const { return mIndex >= 0; }

    void paint(QPainter &painter, const SheetView &view, const QRectF &imageRect) override;

private:
    QPointer<Document> mDocument;
    int mIndex = -1;
    DoubtSpan mSpan;
};

} // namespace veer
