#include "tracelayer.h"

#include "document.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace veer {

QColor TraceLayer::confidenceColour(float confidence)
{
    // Hue from red (0) through yellow to green (120).
    const float c = std::clamp(confidence, 0.0f, 1.0f);
    return QColor::fromHsvF(c / 3.0f, 0.95f, 0.85f);
}

void TraceLayer::paint(QPainter &painter, const SheetView &view, const QRectF &imageRect)
{
    if (!mVisible || !mDocument || !mDocument->trace() || imageRect.isEmpty())
        return;
    const TraceResult &trace = *mDocument->trace();
    painter.setRenderHint(QPainter::Antialiasing);
    const int first = std::max(trace.firstRow, int(imageRect.top()) - 1);
    const int last = std::min(trace.firstRow + trace.rowCount - 1, int(std::ceil(imageRect.bottom())) + 1);
    // About one vertex per view pixel.
    const int step = std::max(1, int(1.0 / view.scale()));
    for (const TrackTrace &track : trace.tracks) {
        for (const CurveTrace &curve : track.curves) {
            QPointF previous;
            bool havePrevious = false;
            for (int row = first; row <= last; row += step) {
                const size_t i = size_t(row - trace.firstRow);
                if (i >= curve.column.size())
                    break;
                const float column = curve.column[i];
                if (!std::isfinite(column)) {
                    havePrevious = false;
                    continue;
                }
                const QPointF p = view.imageToView(QPointF(column + 0.5, row + 0.5));
                if (havePrevious) {
                    const float conf = i < curve.confidence.size() ? curve.confidence[i] : 0.0f;
                    painter.setPen(QPen(confidenceColour(conf), 2.0, Qt::SolidLine, Qt::RoundCap));
                    painter.drawLine(previous, p);
                }
                previous = p;
                havePrevious = true;
            }
        }
    }
}

} // namespace veer
