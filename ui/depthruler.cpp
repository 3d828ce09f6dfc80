#include "depthruler.h"

#include "document.h"
#include "sheetview.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace veer {

DepthRuler::DepthRuler(SheetView &view, QWidget *parent)
    : QWidget(parent)
    , mView(view)
{
    connect(&mView, &SheetView::viewChanged, this, qOverload<>(&QWidget::update));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void DepthRuler::setDocument(Document *document)
{
    if (mDocument)
        disconnect(mDocument, nullptr, this, nullptr);
    mDocument = document;
    if (mDocument)
        connect(mDocument, &Document::changed, this, qOverload<>(&QWidget::update));
    update();
}

QSize DepthRuler::sizeHint() const
{
    return {fontMetrics().horizontalAdvance(QStringLiteral("00000.0 M")) + 14, 100};
}

double DepthRuler::tickStep(double unitsPerPixel, double minPixels)
{
    const double raw = std::abs(unitsPerPixel) * minPixels;
    if (!(raw > 0.0) || !std::isfinite(raw))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10.0 * magnitude;
}

void DepthRuler::setCursorRow(double row)
{
    mCursorRow = row;
    update();
}

void DepthRuler::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(width() - 1, 0, width() - 1, height());
    if (!mDocument || !mView.pyramid())
        return;

    // The ruler shares its top edge with the view's viewport.
    const int offset = mView.viewport()->mapTo(window(), QPoint(0, 0)).y() - mapTo(window(), QPoint(0, 0)).y();
    const QRectF visible = mView.visibleImageRect();
    if (visible.isEmpty())
        return;
    const bool depth = mDocument->hasDepth();
    const Calibration &cal = mDocument->calibration();
    auto valueAt = [&](double row) { return depth ? cal.depthAtRow(row) : row; };
    auto rowOf = [&](double value) { return depth ? cal.rowAtDepth(value) : value; };
    auto yOfRow = [&](double row) { return mView.imageToView(QPointF(0, row)).y() + offset; };

    const double v0 = valueAt(visible.top());
    const double v1 = valueAt(visible.bottom());
    // A calibration still being made (e.g. two ties on one row) can map rows to no finite depth.
    if (!std::isfinite(v0) || !std::isfinite(v1))
        return;
    const double unitsPerPixel = (v1 - v0) / std::max(1.0, visible.height() * mView.scale());
    const double step = tickStep(unitsPerPixel, fontMetrics().height() * 2.5);
    const double minor = step / 5.0;
    const double lo = std::min(v0, v1);
    const double hi = std::max(v0, v1);
    const int decimals = step >= 1.0 ? 0 : int(std::ceil(-std::log10(step)));
    const QString unit = depth ? cal.depthUnit : QString();

    p.setPen(palette().color(QPalette::WindowText));
    const double first = std::floor(lo / minor) * minor;
    const int ticks = int(std::min(4000.0, (hi + minor - first) / minor));
    for (int i = 0; i <= ticks; ++i) {
        const double v = first + i * minor;
        const double y = yOfRow(rowOf(v));
        const bool major = std::abs(std::remainder(v, step)) < minor * 0.01;
        const int len = major ? 10 : 4;
        p.drawLine(QPointF(width() - len, y), QPointF(width(), y));
        if (major) {
            const QString text = QString::number(v, 'f', decimals);
            p.drawText(QRectF(2, y - fontMetrics().height(), width() - 6, fontMetrics().height()),
                       Qt::AlignRight | Qt::AlignBottom, text);
        }
    }
    // Unit caption at the top.
    const QString caption = depth ? unit : QStringLiteral("row");
    QFont small = font();
    small.setBold(true);
    p.setFont(small);
    p.fillRect(QRect(0, 0, width() - 1, fontMetrics().height() + 4), palette().color(QPalette::Window));
    p.drawText(QRect(0, 2, width() - 4, fontMetrics().height()), Qt::AlignRight, caption);

    if (mCursorRow >= 0) {
        const double y = yOfRow(mCursorRow);
        QPainterPath marker;
        marker.moveTo(width() - 1, y);
        marker.lineTo(width() - 9, y - 5);
        marker.lineTo(width() - 9, y + 5);
        marker.closeSubpath();
        p.setRenderHint(QPainter::Antialiasing);
        p.fillPath(marker, palette().color(QPalette::Highlight));
    }
}

} // namespace veer
