#include "depthruler.h"

#include "calibration/depthticks.h"

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
    auto yOfRow = [&](double row) { return mView.imageToView(QPointF(0, row)).y() + offset; };

    // Ticks of one depth scale over image rows [top, bottom]: the main log's, then each section's
    // on its own ties over its rows.
    const auto paintTicks = [&](const Calibration &scale, bool deep, double top, double bottom) {
        auto valueAt = [&](double row) { return deep ? scale.depthAtRow(row) : row; };
        auto rowOf = [&](double value) { return deep ? scale.rowAtDepth(value) : value; };
        const double v0 = valueAt(top);
        const double v1 = valueAt(bottom);
        // A calibration still being made (e.g. two ties on one row) can map rows to no finite depth.
        if (!std::isfinite(v0) || !std::isfinite(v1))
            return;
        const double unitsPerPixel = (v1 - v0) / std::max(1.0, (bottom - top) * mView.scale());
        const DepthTicks ticks = depthTicks(v0, v1, unitsPerPixel, fontMetrics().height() * 2.5);
        p.setPen(palette().color(QPalette::WindowText));
        for (const DepthTick &tick : ticks.ticks) {
            const double y = yOfRow(rowOf(tick.value));
            const int len = tick.major ? 10 : 4;
            p.drawLine(QPointF(width() - len, y), QPointF(width(), y));
            if (tick.major) {
                const QString text = QString::number(tick.value, 'f', ticks.decimals);
                p.drawText(QRectF(2, y - fontMetrics().height(), width() - 6, fontMetrics().height()),
                           Qt::AlignRight | Qt::AlignBottom, text);
            }
        }
    };
    paintTicks(cal, depth, visible.top(), visible.bottom());
    for (int k = 0; depth && k < int(cal.sections.size()); ++k) {
        const DepthSection &section = cal.sections[size_t(k)];
        const double top = std::max(visible.top(), section.firstRow);
        const double bottom = std::min(visible.bottom(), section.lastRow + 1.0);
        if (bottom <= top)
            continue;
        const QRectF band(0, yOfRow(top), width() - 1, yOfRow(bottom) - yOfRow(top));
        p.save();
        p.setClipRect(band);
        QColor tint = palette().color(QPalette::Window);
        p.fillRect(band, tint.darker(108));
        if (section.ties.size() >= 2)
            paintTicks(cal.sectionCalibration(k), true, top, bottom);
        p.restore();
    }
    const QString unit = depth ? cal.depthUnit : QString();

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
