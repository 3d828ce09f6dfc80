#include "doubtlayer.h"

#include "document.h"

#include <QPainter>

#include <algorithm>

namespace veer {

namespace {
const QColor kReviewedColour(40, 160, 70);
const QColor kReviewedWash(40, 160, 70, 26);
constexpr double kReviewedBar = 5.0;
} // namespace

void DoubtLayer::setSpan(int index, const DoubtSpan &span)
{
    mIndex = index;
    mSpan = span;
}

void DoubtLayer::paintReviewed(QPainter &painter, const SheetView &view, const QRectF &imageRect) const
{
    const auto &tracks = mDocument->calibration().tracks;
    const auto &reviewed = mDocument->review().reviewed().tracks();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (int t = 0; t < int(std::min(tracks.size(), reviewed.size())); ++t) {
        const double left = std::min(tracks[size_t(t)].left, tracks[size_t(t)].right);
        const double right = std::max(tracks[size_t(t)].left, tracks[size_t(t)].right);
        for (const RowRange &r : reviewed[size_t(t)]) {
            const QRectF rows(QPointF(left, r.first), QPointF(right, r.last + 1));
            if (!rows.intersects(imageRect))
                continue;
            const QRectF area(view.imageToView(rows.topLeft()), view.imageToView(rows.bottomRight()));
            // A faint wash over the track and a solid bar down its left edge: reviewed rows.
            painter.fillRect(area, kReviewedWash);
            painter.fillRect(QRectF(area.left(), area.top(), kReviewedBar, std::max(area.height(), 2.0)), kReviewedColour);
        }
    }
    painter.restore();
}

void DoubtLayer::paint(QPainter &painter, const SheetView &view, const QRectF &imageRect)
{
    if (!mDocument)
        return;
    if (mShowReviewed)
        paintReviewed(painter, view, imageRect);
    if (mIndex < 0)
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
