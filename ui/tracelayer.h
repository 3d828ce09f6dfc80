#pragma once

#include "document.h"
#include "sheetview.h"

#include <QPointer>

namespace veer {

/**
 * The traced centrelines over the sheet. Each curve is drawn in its identity colour (curve one
 * red, curve two blue, on a light casing), solid where the trace is sure and dashed where its
 * confidence is below 0.5, so a swap shows at a glance; or, as a toggle, coloured by confidence
 * (red low, green high).
 */
class TraceLayer : public SheetLayer
{
public:
    void setDocument(Document *document) { mDocument = document; }
    void setVisible(bool visible) { mVisible = visible; }
    bool isVisible() const { return mVisible; }
    void setColourByConfidence(bool on) { mColourByConfidence = on; }
    bool colourByConfidence() const { return mColourByConfidence; }
    static QColor confidenceColour(float confidence);
    static QColor identityColour(int classId);

    void paint(QPainter &painter, const SheetView &view, const QRectF &imageRect) override;

private:
    QPointer<Document> mDocument;
    bool mVisible = true;
    bool mColourByConfidence = false;
};

} // namespace veer
