#include "tracelayer.h"

#include "document.h"

#include <QPainter>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

/** Below this confidence a traced stretch is drawn dashed (identity mode). */
constexpr float kDoubtfulConfidence = 0.5f;

} // namespace

QColor TraceLayer::confidenceColour(float confidence)
{
    // Hue from red (0) through yellow to green (120).
    const float c = std::clamp(confidence, 0.0f, 1.0f);
    return QColor::fromHsvF(c / 3.0f, 0.95f, 0.85f);
}

QColor TraceLayer::identityColour(int classId)
{
    // The hues of the class overlays (curve one red, curve two blue), darker so a trace shows on them.
    return classId == 2 ? QColor(10, 60, 200) : QColor(195, 10, 20);
}

namespace {

/**
 * Walks the traced rows of `curve` in [first, last] by `step`: point(viewPos, confidence) for each
 * row with a column, gap() for each null row.
 */
template<typename Point, typename Gap>
void walkCurve(const SheetView &view, const TraceResult &trace, const CurveTrace &curve, int first, int last, int step,
               Point point, Gap gap)
{
    for (int row = first; row <= last; row += step) {
        const size_t i = size_t(row - trace.firstRow);
        if (i >= curve.column.size())
            break;
        const float column = curve.column[i];
        if (!std::isfinite(column)) {
            gap();
            continue;
        }
        point(view.imageToView(QPointF(column + 0.5, row + 0.5)), i < curve.confidence.size() ? curve.confidence[i] : 0.0f);
    }
}

} // namespace

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
            if (mColourByConfidence) {
                // Each segment in the colour of its confidence.
                QPointF previous;
                bool havePrevious = false;
                walkCurve(view, trace, curve, first, last, step,
                          [&](const QPointF &p, float confidence) {
                              if (havePrevious) {
                                  painter.setPen(QPen(confidenceColour(confidence), 2.0, Qt::SolidLine, Qt::RoundCap));
                                  painter.drawLine(previous, p);
                              }
                              previous = p;
                              havePrevious = true;
                          },
                          [&] { havePrevious = false; });
                continue;
            }
            // Runs of one style (sure or doubtful), each drawn as one polyline over a light casing.
            const QColor colour = identityColour(curve.classId);
            QPolygonF run;
            bool runDoubtful = false;
            auto flush = [&]() {
                if (run.size() >= 2) {
                    painter.setPen(QPen(QColor(255, 255, 255, 170), 4.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                    painter.drawPolyline(run);
                    painter.setPen(QPen(colour, 2.0, runDoubtful ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap, Qt::RoundJoin));
                    painter.drawPolyline(run);
                }
                run.clear();
            };
            walkCurve(view, trace, curve, first, last, step,
                      [&](const QPointF &p, float confidence) {
                          const bool doubtful = confidence < kDoubtfulConfidence;
                          if (!run.isEmpty() && doubtful != runDoubtful) {
                              const QPointF joint = run.last();
                              flush();
                              run << joint;
                          }
                          runDoubtful = doubtful;
                          run << p;
                      },
                      flush);
            flush();
        }
    }
}

} // namespace veer
