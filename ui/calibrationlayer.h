#pragma once

#include "document.h"
#include "sheetview.h"

#include <QPointer>

namespace veer {



/**
 * Draws the document's calibration over the sheet: depth ties as labelled horizontal lines, track
 * edges as vertical lines with the curve scales of each track, and the logged interval's top and
 * bottom as lines with the sheet beyond them greyed. The calibration tool marks the element under
 * the cursor as hot.
 */
class CalibrationLayer : public SheetLayer
{
public:
    enum class Part { None, Tie, TrackLeft, TrackRight, IntervalTop, IntervalBottom };
    struct Hot
    {
        Part part = Part::None;
        int index = -1;  ///< tie or track index
        bool operator==(const Hot &o) const { return part == o.part && index == o.index; }
    };

    void setDocument(Document *document) { mDocument = document; }
    void setVisible(bool visible) { mVisible = visible; }
    bool isVisible() const { return mVisible; }
    void setHot(const Hot &hot) { mHot = hot; }
    const Hot &hot() const { return mHot; }

    /**
     * The element within `tolerance` view pixels of `viewPos`; track edges win over the interval's
     * ends, and they over ties.
     */
    Hot hitTest(const SheetView &view, const QPointF &viewPos, double tolerance = 5.0) const;

    void paint(QPainter &painter, const SheetView &view, const QRectF &imageRect) override;
    /** Image row of the interval's top (`top`) or bottom end; NaN when that end is not set. */
    double intervalRow(bool top) const;

private:
    void paintInterval(QPainter &painter, const SheetView &view, const QRectF &visible) const;
    void paintSections(QPainter &painter, const SheetView &view, const QRectF &visible) const;

    QPointer<Document> mDocument;
    bool mVisible = true;
    Hot mHot;
};

} // namespace veer
