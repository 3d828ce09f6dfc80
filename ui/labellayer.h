#pragma once

#include "document.h"
#include "sheetview.h"

#include <QColor>
#include <QImage>
#include <QPointer>

namespace veer {



/**
 * The segmentation classes over the sheet: background, curve one and curve two, each with its own
 * colour, visibility and opacity. Renders only the visible part at screen resolution, keeping
 * curve pixels visible when zoomed out, and caches the result until the view or labels change.
 */
class LabelLayer : public SheetLayer
{
public:
    static constexpr int kClasses = 3;

    LabelLayer();
    void setDocument(Document *document);
    void setClassVisible(int classId, bool visible);
    bool isClassVisible(int classId) const { return mVisible[classId]; }
    void setClassOpacity(int classId, double opacity);
    double classOpacity(int classId) const { return mOpacity[classId]; }
    QColor classColour(int classId) const { return mColour[classId]; }
    /** Drops the cached rendering (labels changed). */
    void invalidate() { mCache = QImage(); }

    void paint(QPainter &painter, const SheetView &view, const QRectF &imageRect) override;

private:
    QPointer<Document> mDocument;
    bool mVisible[kClasses] = {false, true, true};
    double mOpacity[kClasses] = {0.35, 0.8, 0.8};
    QColor mColour[kClasses];
    QImage mCache;
    QRectF mCacheRect;
    QSize mCacheSize;
};

} // namespace veer
