#include "doubtlayer.h"

#include "document.h"

#include <QPainter>

#include <algorithm>

namespace veer {

void DoubtLayer::setSpan(int index, const DoubtSpan &span)
{
    mIndex = index;
    mSpan = span;
}

void DoubtLayer::paint(QPainter &painter, const SheetView &view, const QRectF &imageRect)
{
    if (mIndex < 0 || !mDocument)
        return;
    const auto &tracks = mDocument->calibration().tracks;
    if (mSpan.track < 0 || mSpan.track >= int(tracks.size()))
        return;
    const Track &t = tracks[size_t(mSpan.track)];
    const QRectF span(QPointF(std::min(t.left, t.right), mSpan.firstRow),
                      QPointF(std::max(t.left, t.right), mSpan.lastRow + 1));
    if (!span.intersects(imageRect.adjusted(-2, -2, 2, 2)))
        return;
    // At least a few view pixels tall, so a one-row span stays visible when zoomed out.
    QRectF frame(view.imageToView(span.topLeft()), view.imageToView(span.bottomRight()));
    if (frame.height() < 6)
        frame.adjust(0, -(6 - frame.height()) / 2, 0, (6 - frame.height()) / 2);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(255, 255, 255, 200), 3.0));
    painter.drawRect(frame.adjusted(-2, -2, 2, 2));
    painter.setPen(QPen(QColor(230, 60, 200), 1.5));
    painter.drawRect(frame.adjusted(-2, -2, 2, 2));
    painter.restore();
}

} // namespace veer
