#include "calibrationlayer.h"

#include "document.h"

#include <QCoreApplication>
#include <QPainter>

#include <cmath>

namespace veer {

namespace {
const QColor kTieColour(230, 120, 0);
const QColor kTrackColour(20, 110, 220);
const QColor kHotColour(220, 0, 120);
const QColor kIntervalColour(0, 140, 110);
const QColor kSectionColour(130, 60, 190);

QString scaleText(const CurveScale &c)
{
    QString text = QStringLiteral("%1 %2 \u2013 %3").arg(c.mnemonic).arg(c.left).arg(c.right);
    if (!c.unit.isEmpty())
        text += QLatin1Char(' ') + c.unit;
    if (c.type == ScaleType::Log)
        text += QStringLiteral(" log");
    if (c.wrap)
        text += QStringLiteral(" wrap");
    return text;
}
} // namespace

CalibrationLayer::Hot CalibrationLayer::hitTest(const SheetView &view, const QPointF &pos, double tolerance) const
{
    if (!mDocument)
        return {};
    const Calibration &cal = mDocument->calibration();
    const double top = view.imageToView(QPointF(0, 0)).y();
    const double bottom = view.imageToView(QPointF(0, mDocument->sheetHeight())).y();
    if (pos.y() >= top && pos.y() <= bottom) {
        for (int i = 0; i < int(cal.tracks.size()); ++i) {
            const Track &t = cal.tracks[size_t(i)];
            if (std::abs(view.imageToView(QPointF(t.left, 0)).x() - pos.x()) <= tolerance)
                return {Part::TrackLeft, i};
            if (std::abs(view.imageToView(QPointF(t.right, 0)).x() - pos.x()) <= tolerance)
                return {Part::TrackRight, i};
        }
    }
    for (bool top : {true, false}) {
        const double row = intervalRow(top);
        if (std::isfinite(row) && std::abs(view.imageToView(QPointF(0, row)).y() - pos.y()) <= tolerance)
            return {top ? Part::IntervalTop : Part::IntervalBottom, 0};
    }
    for (int i = 0; i < int(cal.ties.size()); ++i) {
        if (std::abs(view.imageToView(QPointF(0, cal.ties[size_t(i)].row)).y() - pos.y()) <= tolerance)
            return {Part::Tie, i};
    }
    return {};
}

double CalibrationLayer::intervalRow(bool top) const
{
    if (!mDocument || !mDocument->hasDepth())
        return std::nan("");
    const Calibration &cal = mDocument->calibration();
    const std::optional<double> depth = top ? cal.topDepth : cal.bottomDepth;
    return depth ? cal.rowAtDepth(*depth) : std::nan("");
}

void CalibrationLayer::paintInterval(QPainter &painter, const SheetView &view, const QRectF &visible) const
{
    const Calibration &cal = mDocument->calibration();
    const QFontMetrics fm = painter.fontMetrics();
    for (bool top : {true, false}) {
        const double row = intervalRow(top);
        if (!std::isfinite(row))
            continue;
        const double y = view.imageToView(QPointF(0, row)).y();
        // Which side of the line is outside: above the top, below the bottom (depth running down).
        const double otherRow = intervalRow(!top);
        const double inside = std::isfinite(otherRow) ? otherRow : (top ? mDocument->sheetHeight() : 0.0);
        const bool outsideAbove = row < inside;
        const QRectF outside = outsideAbove ? QRectF(QPointF(visible.left(), visible.top()), QPointF(visible.right(), y))
                                            : QRectF(QPointF(visible.left(), y), QPointF(visible.right(), visible.bottom()));
        if (outside.height() > 0)
            painter.fillRect(outside.intersected(visible), QColor(70, 70, 70, 70));
        if (y < -20 || y > view.viewport()->height() + 20)
            continue;
        const bool hot = mHot.part == (top ? Part::IntervalTop : Part::IntervalBottom);
        painter.setPen(QPen(hot ? kHotColour : kIntervalColour, hot ? 3 : 2));
        painter.drawLine(QPointF(visible.left(), y), QPointF(visible.right(), y));
        const double depth = top ? *cal.topDepth : *cal.bottomDepth;
        const QString text = (top ? QCoreApplication::translate("CalibrationLayer", "Top of log %1 %2")
                                  : QCoreApplication::translate("CalibrationLayer", "Bottom of log %1 %2"))
                                 .arg(depth, 0, 'f', 2).arg(cal.depthUnit.toLower());
        const double boxY = outsideAbove ? y - fm.height() - 3 : y + 2;
        const QRectF box(visible.right() - fm.horizontalAdvance(text) - 14, boxY, fm.horizontalAdvance(text) + 10,
                         fm.height() + 2);
        painter.fillRect(box, hot ? kHotColour : kIntervalColour);
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, text);
    }
}

void CalibrationLayer::paint(QPainter &painter, const SheetView &view, const QRectF &imageRect)
{
    if (!mVisible || !mDocument || imageRect.isEmpty())
        return;
    const Calibration &cal = mDocument->calibration();
    const QPointF tl = view.imageToView(QPointF(0, 0));
    const QPointF br = view.imageToView(QPointF(mDocument->sheetWidth(), mDocument->sheetHeight()));
    const QRectF sheet(tl, br);
    const QRectF visible = sheet.intersected(QRectF(QPointF(0, 0), QSizeF(view.viewport()->size())));
    const QFontMetrics fm = painter.fontMetrics();

    // Tracks: edges over the full height, the scales in a band at the top of the view.
    for (int i = 0; i < int(cal.tracks.size()); ++i) {
        const Track &t = cal.tracks[size_t(i)];
        const double x0 = view.imageToView(QPointF(t.left, 0)).x();
        const double x1 = view.imageToView(QPointF(t.right, 0)).x();
        const bool hotL = mHot == Hot{Part::TrackLeft, i};
        const bool hotR = mHot == Hot{Part::TrackRight, i};
        painter.fillRect(QRectF(QPointF(x0, visible.top()), QPointF(x1, visible.bottom())), QColor(20, 110, 220, 18));
        painter.setPen(QPen(hotL ? kHotColour : kTrackColour, hotL ? 3 : 1.5));
        painter.drawLine(QPointF(x0, visible.top()), QPointF(x0, visible.bottom()));
        painter.setPen(QPen(hotR ? kHotColour : kTrackColour, hotR ? 3 : 1.5));
        painter.drawLine(QPointF(x1, visible.top()), QPointF(x1, visible.bottom()));
        int line = 0;
        QStringList lines{QStringLiteral("Track %1").arg(i + 1)};
        for (const CurveScale &c : t.curves)
            lines << QStringLiteral("%1: %2").arg(c.classId == 1 ? QStringLiteral("C1") : QStringLiteral("C2"), scaleText(c));
        const double boxWidth = std::max(40.0, x1 - x0 - 8);
        for (const QString &text : lines) {
            const QString elided = fm.elidedText(text, Qt::ElideRight, int(boxWidth));
            const QRectF box(x0 + 4, visible.top() + 4 + line * (fm.height() + 2), fm.horizontalAdvance(elided) + 8, fm.height() + 2);
            painter.fillRect(box, QColor(255, 255, 255, 225));
            painter.setPen(kTrackColour.darker(130));
            painter.drawText(box.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft, elided);
            ++line;
        }
    }

    paintInterval(painter, view, visible);

    // Depth ties: labelled lines across the sheet.
    for (int i = 0; i < int(cal.ties.size()); ++i) {
        const DepthTie &tie = cal.ties[size_t(i)];
        const double y = view.imageToView(QPointF(0, tie.row)).y();
        if (y < -20 || y > view.viewport()->height() + 20)
            continue;
        const bool hot = mHot == Hot{Part::Tie, i};
        QPen pen(hot ? kHotColour : kTieColour, hot ? 2.5 : 1.5, Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(QPointF(visible.left(), y), QPointF(visible.right(), y));
        const QString text = QStringLiteral("%1 %2").arg(tie.depth, 0, 'f', 2).arg(cal.depthUnit);
        const QRectF box(visible.left() + 4, y - fm.height() - 3, fm.horizontalAdvance(text) + 10, fm.height() + 2);
        painter.fillRect(box, hot ? kHotColour : kTieColour);
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, text);
    }
    paintSections(painter, view, visible);
}

void CalibrationLayer::paintSections(QPainter &painter, const SheetView &view, const QRectF &visible) const
{
    // Each section: a tinted band between its first and last row, named, and its own ties.
    const Calibration &cal = mDocument->calibration();
    const QFontMetrics fm = painter.fontMetrics();
    const auto label = [&](double y, const QString &text, bool below) {
        const QRectF box(visible.right() - fm.horizontalAdvance(text) - 14, below ? y + 2 : y - fm.height() - 3,
                         fm.horizontalAdvance(text) + 10, fm.height() + 2);
        painter.fillRect(box, kSectionColour);
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, text);
    };
    for (const DepthSection &section : cal.sections) {
        const double y0 = view.imageToView(QPointF(0, section.firstRow)).y();
        const double y1 = view.imageToView(QPointF(0, section.lastRow + 1.0)).y();
        if (y1 < visible.top() - 20 || y0 > visible.bottom() + 20)
            continue;
        QColor band = kSectionColour;
        band.setAlpha(22);
        painter.fillRect(QRectF(QPointF(visible.left(), std::max(y0, visible.top())),
                                QPointF(visible.right(), std::min(y1, visible.bottom()))), band);
        painter.setPen(QPen(kSectionColour, 2));
        painter.drawLine(QPointF(visible.left(), y0), QPointF(visible.right(), y0));
        painter.drawLine(QPointF(visible.left(), y1), QPointF(visible.right(), y1));
        const QString state = section.ties.size() < 2
                                  ? QCoreApplication::translate("CalibrationLayer", "needs two depth ties of its own")
                                  : QCoreApplication::translate("CalibrationLayer", "%n own depth tie(s)", nullptr,
                                                                int(section.ties.size()));
        label(y0, QCoreApplication::translate("CalibrationLayer", "Section %1: %2").arg(section.name, state), true);
        label(y1, QCoreApplication::translate("CalibrationLayer", "End of section %1").arg(section.name), false);
        for (const DepthTie &tie : section.ties) {
            const double y = view.imageToView(QPointF(0, tie.row)).y();
            painter.setPen(QPen(kSectionColour, 1.5, Qt::DashLine));
            painter.drawLine(QPointF(visible.left(), y), QPointF(visible.right(), y));
            const QString text = QStringLiteral("%1 %2").arg(tie.depth, 0, 'f', 2).arg(cal.depthUnit);
            const QRectF box(visible.left() + 4, y - fm.height() - 3, fm.horizontalAdvance(text) + 10, fm.height() + 2);
            painter.fillRect(box, kSectionColour);
            painter.setPen(Qt::white);
            painter.drawText(box, Qt::AlignCenter, text);
        }
    }
}

} // namespace veer
