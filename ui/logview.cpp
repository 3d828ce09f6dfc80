#include "logview.h"

#include "calibration/depthticks.h"

#include "depthruler.h"
#include "document.h"
#include "sheetview.h"

#include "calibration/calibration.h"
#include "las/lasreader.h"
#include "trace/curvesampler.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace veer {

namespace {

constexpr int kGap = 6;      ///< px between tracks
constexpr int kMargin = 4;   ///< px left and right

/** Draws the polyline collected so far and starts a new one (a null or a wrap breaks the line). */
void flush(QPainter &p, QPolygonF &line)
{
    if (line.size() > 1)
        p.drawPolyline(line);
    line.clear();
}

/**
 * Where a fraction across the track lands on paper: a wrapped scale folds values beyond an edge
 * back into the track (`fold` counts the spans); other scales stay unfolded and are clipped.
 */
double foldFraction(double t, bool wrap, int *fold)
{
    *fold = 0;
    if (!wrap || (t >= 0.0 && t <= 1.0))
        return t;
    *fold = int(std::floor(t));
    return t - *fold;
}

/**
 * Collects one curve's polyline across a track rectangle: a null fraction breaks the line, and so
 * does a fold of a wrapped scale (the pen jumps to the other edge on paper).
 */
class CurvePath
{
public:
    CurvePath(QPainter &painter, const QRectF &track, bool wrap) : mPainter(painter), mTrack(track), mWrap(wrap) {}
    ~CurvePath() { flush(mPainter, mLine); }

    void add(double fraction, double y)
    {
        if (!std::isfinite(fraction)) {
            breakLine();
            return;
        }
        int fold = 0;
        const double x = mTrack.left() + foldFraction(fraction, mWrap, &fold) * mTrack.width();
        if (fold != mLastFold)
            flush(mPainter, mLine);
        mLastFold = fold;
        mLine << QPointF(x, y);
    }
    void breakLine() { flush(mPainter, mLine); }

private:
    QPainter &mPainter;
    QRectF mTrack;
    bool mWrap;
    QPolygonF mLine;
    int mLastFold = 0;
};

} // namespace

LogView::LogView(SheetView &view, QWidget *parent)
    : QWidget(parent)
    , mView(view)
    , mClassColour{QColor(250, 230, 120), QColor(230, 30, 30), QColor(20, 90, 230)}
{
    setObjectName(QStringLiteral("LogView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    connect(&mView, &SheetView::viewChanged, this, qOverload<>(&QWidget::update));
}

void LogView::setDocument(Document *document)
{
    if (mDocument)
        disconnect(mDocument, nullptr, this, nullptr);
    mDocument = document;
    if (mDocument)
        connect(mDocument, &Document::changed, this, qOverload<>(&QWidget::update));
    update();
}

void LogView::setClassColour(int classId, const QColor &colour)
{
    if (classId >= 0 && classId < 3)
        mClassColour[classId] = colour;
    update();
}

QColor LogView::classColour(int classId) const
{
    return mClassColour[std::clamp(classId, 0, 2)];
}

void LogView::setReference(const std::optional<LasDocument> &las, const QString &name)
{
    mReference = las;
    mReferenceName = las ? name : QString();
    update();
}

Status LogView::loadReference(const QString &path)
{
    auto las = readLas(path);
    if (!las)
        return Status::failure(las.error());
    setReference(las.take(), QFileInfo(path).fileName());
    return {};
}

int LogView::matchedReferenceCurves() const
{
    if (!mReference || !mDocument)
        return 0;
    int matched = 0;
    for (const Track &track : mDocument->calibration().tracks) {
        for (const CurveScale &scale : track.curves) {
            for (const LasCurve &c : mReference->curves)
                matched += c.mnemonic.compare(scale.mnemonic, Qt::CaseInsensitive) == 0 ? 1 : 0;
        }
    }
    return matched;
}

QSize LogView::sizeHint() const
{
    return {320, 400};
}

QSize LogView::minimumSizeHint() const
{
    return {120, 100};
}

int LogView::trackCount() const
{
    return mDocument ? std::max<int>(1, int(mDocument->calibration().tracks.size())) : 1;
}

QRectF LogView::trackRect(int track) const
{
    const int n = trackCount();
    const double w = (width() - 2.0 * kMargin - (n - 1) * kGap) / n;
    return {kMargin + track * (w + kGap), 0.0, std::max(1.0, w), double(height())};
}

double LogView::viewOffset() const
{
    return mView.viewport()->mapToGlobal(QPoint(0, 0)).y() - mapToGlobal(QPoint(0, 0)).y();
}

double LogView::yOfRow(double row) const
{
    return mView.imageToView(QPointF(0, row)).y() + viewOffset();
}

double LogView::yOfDepth(double depth) const
{
    if (!mDocument || !mDocument->hasDepth())
        return std::numeric_limits<double>::quiet_NaN();
    return yOfRow(mDocument->calibration().rowAtDepth(depth));
}

double LogView::xOfValue(int track, int curve, double value) const
{
    if (!mDocument || track < 0 || track >= int(mDocument->calibration().tracks.size()))
        return std::numeric_limits<double>::quiet_NaN();
    const Track &t = mDocument->calibration().tracks[size_t(track)];
    if (curve < 0 || curve >= int(t.curves.size()))
        return std::numeric_limits<double>::quiet_NaN();
    const QRectF r = trackRect(track);
    return r.left() + t.curves[size_t(curve)].fractionOfValue(value) * r.width();
}

int LogView::headerHeight() const
{
    int lines = 1;
    if (mDocument) {
        for (const Track &t : mDocument->calibration().tracks)
            lines = std::max<int>(lines, int(t.curves.size()));
    }
    return lines * (fontMetrics().height() + 8) + 4;
}

void LogView::setCursorRow(double row)
{
    mCursorRow = row;
    update();
}

void LogView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!mDocument || !mView.pyramid()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Log view"));
        return;
    }
    const Calibration &cal = mDocument->calibration();
    const QRectF visible = mView.visibleImageRect();
    const double firstRow = std::floor(visible.top()) - 1;
    const double lastRow = std::ceil(visible.bottom()) + 1;
    // The sheet's extent: outside it there is nothing to plot.
    const double top = std::max(0.0, yOfRow(0));
    const double bottom = std::min(double(height()), yOfRow(mDocument->sheetHeight()));
    for (int t = 0; t < trackCount(); ++t) {
        const QRectF r = trackRect(t);
        p.fillRect(QRectF(r.left(), top, r.width(), bottom - top), Qt::white);
        const CurveScale *scale = size_t(t) < cal.tracks.size() && !cal.tracks[size_t(t)].curves.empty()
                                      ? &cal.tracks[size_t(t)].curves.front() : nullptr;
        paintGrid(p, t, scale);
    }
    paintDepthLines(p, firstRow, lastRow);
    paintReference(p, firstRow, lastRow);
    paintCurves(p, firstRow, lastRow);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(QPen(palette().color(QPalette::Dark), 1));
    p.setBrush(Qt::NoBrush);
    for (int t = 0; t < trackCount(); ++t) {
        const QRectF r = trackRect(t);
        p.drawRect(QRectF(r.left(), top, r.width() - 1, bottom - top - 1));
    }
    if (mCursorRow >= 0) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
        p.drawLine(QPointF(0, yOfRow(mCursorRow)), QPointF(width(), yOfRow(mCursorRow)));
    }
    if (!mDocument->trace() && !cal.tracks.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, headerHeight(), -8, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Digitize the sheet to plot its curves here."));
    } else if (cal.tracks.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Calibrate the tracks to plot the curves on their scales."));
    }
    paintHeader(p);
}

void LogView::paintGrid(QPainter &p, int track, const CurveScale *scale)
{
    const QRectF r = trackRect(track);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(QPen(QColor(215, 222, 230), 1));
    if (scale && scale->type == ScaleType::Log && scale->left > 0 && scale->right > 0) {
        const double lo = std::min(scale->left, scale->right);
        const double hi = std::max(scale->left, scale->right);
        for (double decade = std::pow(10.0, std::floor(std::log10(lo))); decade <= hi; decade *= 10.0) {
            for (int m = 1; m <= 9; ++m) {
                const double v = decade * m;
                if (v < lo || v > hi)
                    continue;
                const double x = r.left() + scale->fractionOfValue(v) * r.width();
                p.setPen(QPen(m == 1 ? QColor(170, 180, 195) : QColor(222, 228, 235), 1));
                p.drawLine(QPointF(x, 0), QPointF(x, height()));
            }
        }
        return;
    }
    for (int i = 1; i < 10; ++i) {
        const double x = r.left() + r.width() * i / 10.0;
        p.setPen(QPen(i == 5 ? QColor(170, 180, 195) : QColor(222, 228, 235), 1));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
}

void LogView::paintDepthLines(QPainter &p, double firstRow, double lastRow)
{
    const Calibration &cal = mDocument->calibration();
    const bool depth = mDocument->hasDepth();
    auto valueAt = [&](double row) { return depth ? cal.depthAtRow(row) : row; };
    auto rowOf = [&](double value) { return depth ? cal.rowAtDepth(value) : value; };
    const double v0 = valueAt(firstRow);
    const double v1 = valueAt(lastRow);
    const double unitsPerPixel = (v1 - v0) / std::max(1.0, (lastRow - firstRow) * mView.scale());
    const DepthTicks ticks = depthTicks(v0, v1, unitsPerPixel, fontMetrics().height() * 2.5);
    p.setRenderHint(QPainter::Antialiasing, false);
    for (const DepthTick &tick : ticks.ticks) {
        p.setPen(QPen(tick.major ? QColor(170, 180, 195) : QColor(228, 232, 238), 1));
        const double y = yOfRow(rowOf(tick.value));
        for (int t = 0; t < trackCount(); ++t) {
            const QRectF r = trackRect(t);
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
        }
    }
}

void LogView::paintCurves(QPainter &p, double firstRow, double lastRow)
{
    if (!mDocument->trace())
        return;
    const TraceResult &trace = *mDocument->trace();
    const Calibration &cal = mDocument->calibration();
    const int first = std::max(trace.firstRow, int(firstRow));
    const int last = std::min(trace.firstRow + trace.rowCount - 1, int(lastRow));
    const int step = std::max(1, int(1.0 / mView.scale()));
    p.setRenderHint(QPainter::Antialiasing);
    for (size_t t = 0; t < trace.tracks.size() && t < cal.tracks.size(); ++t) {
        const Track &track = cal.tracks[t];
        const QRectF r = trackRect(int(t));
        p.save();
        p.setClipRect(r);
        for (size_t c = 0; c < trace.tracks[t].curves.size() && c < track.curves.size(); ++c) {
            const CurveTrace &curve = trace.tracks[t].curves[c];
            const CurveScale &scale = track.curves[c];
            QPen pen(classColour(scale.classId), 1.6, scale.classId == 2 ? Qt::DashLine : Qt::SolidLine);
            p.setPen(pen);
            CurvePath path(p, r, scale.wrap);
            for (int row = first; row <= last; row += step) {
                const double v = CurveSampler::valueAtRow(curve, trace.firstRow, track, scale, row);
                path.add(std::isfinite(v) ? scale.fractionOfValue(v) : v, yOfRow(row + 0.5));
            }
        }
        p.restore();
    }
}

void LogView::paintReference(QPainter &p, double firstRow, double lastRow)
{
    if (!mReference || !mDocument->hasDepth())
        return;
    const Calibration &cal = mDocument->calibration();
    const LasDocument &las = *mReference;
    p.setRenderHint(QPainter::Antialiasing);
    for (size_t t = 0; t < cal.tracks.size(); ++t) {
        const Track &track = cal.tracks[t];
        const QRectF r = trackRect(int(t));
        p.save();
        p.setClipRect(r);
        for (const CurveScale &scale : track.curves) {
            const LasCurve *ref = nullptr;
            for (const LasCurve &c : las.curves)
                ref = !ref && c.mnemonic.compare(scale.mnemonic, Qt::CaseInsensitive) == 0 ? &c : ref;
            if (!ref)
                continue;
            p.setPen(QPen(QColor(120, 120, 120, 200), 2.4, scale.classId == 2 ? Qt::DashLine : Qt::SolidLine));
            CurvePath path(p, r, scale.wrap);
            for (size_t i = 0; i < las.depths.size() && i < ref->values.size(); ++i) {
                const double row = cal.rowAtDepth(las.depths[i]);
                if (row < firstRow - 2 || row > lastRow + 2) {
                    path.breakLine();
                    continue;
                }
                const double v = ref->values[i];
                path.add(v == las.nullValue || !std::isfinite(v) ? std::nan("") : scale.fractionOfValue(v), yOfRow(row));
            }
        }
        p.restore();
    }
}

void LogView::paintHeader(QPainter &p)
{
    const Calibration &cal = mDocument->calibration();
    const int lineHeight = fontMetrics().height() + 8;
    QColor background = palette().color(QPalette::Window);
    background.setAlpha(235);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(QRect(0, 0, width(), headerHeight()), background);
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(0, headerHeight() - 1, width(), headerHeight() - 1);
    for (size_t t = 0; t < cal.tracks.size(); ++t) {
        const QRectF r = trackRect(int(t));
        for (size_t c = 0; c < cal.tracks[t].curves.size(); ++c) {
            const CurveScale &s = cal.tracks[t].curves[c];
            const QRectF box(r.left() + 2, 2 + c * lineHeight, r.width() - 4, lineHeight - 2);
            const QColor colour = classColour(s.classId);
            p.setPen(colour);
            QString name = s.mnemonic.isEmpty() ? tr("curve %1").arg(s.classId) : s.mnemonic;
            if (!s.unit.isEmpty())
                name += QStringLiteral(" (%1)").arg(s.unit);
            if (s.type == ScaleType::Log)
                name += tr(" log");
            p.drawText(box.adjusted(0, 0, 0, -5), Qt::AlignLeft | Qt::AlignTop, QString::number(s.left, 'g', 6));
            p.drawText(box.adjusted(0, 0, 0, -5), Qt::AlignRight | Qt::AlignTop, QString::number(s.right, 'g', 6));
            p.drawText(box.adjusted(0, 0, 0, -5), Qt::AlignHCenter | Qt::AlignTop, name);
            p.setPen(QPen(colour, 1.6, s.classId == 2 ? Qt::DashLine : Qt::SolidLine));
            p.drawLine(QPointF(box.left(), box.bottom() - 2), QPointF(box.right(), box.bottom() - 2));
        }
    }
    if (mReference) {
        const QString text = fontMetrics().elidedText(
            tr("grey: %1 (%2 matched)").arg(mReferenceName).arg(matchedReferenceCurves()), Qt::ElideMiddle,
            width() - 2 * kMargin - 8);
        const int w = fontMetrics().horizontalAdvance(text) + 8;
        const QRect box(width() - kMargin - w, headerHeight(), w, fontMetrics().height() + 4);
        p.fillRect(box, background);
        p.setPen(QColor(90, 90, 90));
        p.drawText(box, Qt::AlignCenter, text);
    }
}

void LogView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        mView.setScale(mView.scale() * std::pow(1.25, steps),
                       QPointF(mView.viewport()->width() / 2.0, event->position().y() - viewOffset()));
        event->accept();
        return;
    }
    QCoreApplication::sendEvent(mView.verticalScrollBar(), event);
}

void LogView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton)
        return;
    mDragging = true;
    mDragStartY = event->position().toPoint().y();
    mDragStartScroll = mView.verticalScrollBar()->value();
    setCursor(Qt::ClosedHandCursor);
}

void LogView::mouseMoveEvent(QMouseEvent *event)
{
    if (mDragging)
        mView.verticalScrollBar()->setValue(mDragStartScroll - (event->position().toPoint().y() - mDragStartY));
}

void LogView::mouseReleaseEvent(QMouseEvent *)
{
    mDragging = false;
    unsetCursor();
}

} // namespace veer
