#pragma once

#include "document.h"
#include "sheetview.h"

#include <QPointer>

namespace veer {



/** The traced centrelines over the sheet as polylines coloured by confidence (red low, green high). */
class TraceLayer : public SheetLayer
{
public:
    void setDocument(Document *document) { mDocument = document; }
    void setVisible(bool visible) { mVisible = visible; }
    bool isVisible() const { return mVisible; }
    static QColor confidenceColour(float confidence);

    void paint(QPainter &painter, const SheetView &view, const QRectF &imageRect) override;

private:
    QPointer<Document> mDocument;
    bool mVisible = true;
};

} // namespace veer
