#include "sheetview.h"

#include "abstracttool.h"
#include "tilepyramid.h"
#include "toolmanager.h"

#include "raster/rastersource.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace veer {

SheetView::SheetView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    horizontalScrollBar()->setSingleStep(40);
    verticalScrollBar()->setSingleStep(40);
    setFrameShape(QFrame::NoFrame);
    // A wheel, keyboard or scroll-bar scroll moves the sheet under a still cursor: say where it now is.
    connect(this, &SheetView::viewChanged, this, [this] {
        if (mCursorOver)
            reportCursor(mCursorPos);
    });
}

SheetView::~SheetView() = default;

void SheetView::reportCursor(const QPointF &viewPos)
{
    const QPointF ip = viewToImage(viewPos);
    const bool inside = mPyramid && ip.x() >= 0 && ip.y() >= 0 && ip.x() < mPyramid->source()->width()
                        && ip.y() < mPyramid->source()->height();
    Q_EMIT cursorMoved(ip, inside);
}

void SheetView::setPyramid(TilePyramid *pyramid)
{
    if (mPyramid)
        disconnect(mPyramid, nullptr, this, nullptr);
    mPyramid = pyramid;
    if (mPyramid)
        connect(mPyramid, &TilePyramid::tileReady, viewport(), qOverload<>(&QWidget::update));
    mFitWidthPending = mPyramid && viewport()->width() < 50;
    if (mPyramid && !mFitWidthPending)
        fitWidth();
    updateScrollBars();
    viewport()->update();
    Q_EMIT viewChanged();
}

void SheetView::addLayer(SheetLayer *layer)
{
    mLayers.push_back(layer);
    viewport()->update();
}

void SheetView::removeLayer(SheetLayer *layer)
{
    mLayers.erase(std::remove(mLayers.begin(), mLayers.end(), layer), mLayers.end());
    viewport()->update();
}

double SheetView::minScale() const
{
    if (!mPyramid)
        return 0.01;
    const double fit = std::min(double(viewport()->width()) / mPyramid->source()->width(),
                                double(viewport()->height()) / mPyramid->source()->height());
    return std::clamp(fit * 0.5, 1e-4, 0.5);
}

QPointF SheetView::contentOffset() const
{
    if (!mPyramid)
        return {};
    const double cw = mPyramid->source()->width() * mScale;
    const double ch = mPyramid->source()->height() * mScale;
    const double x = cw < viewport()->width() ? std::round((viewport()->width() - cw) / 2) : -horizontalScrollBar()->value();
    const double y = ch < viewport()->height() ? std::round((viewport()->height() - ch) / 2) : -verticalScrollBar()->value();
    return {x, y};
}

QPointF SheetView::imageToView(const QPointF &p) const
{
    return p * mScale + contentOffset();
}

QPointF SheetView::viewToImage(const QPointF &p) const
{
    return (p - contentOffset()) / mScale;
}

QRectF SheetView::visibleImageRect() const
{
    if (!mPyramid)
        return {};
    const QRectF r(viewToImage(QPointF(0, 0)), viewToImage(QPointF(viewport()->width(), viewport()->height())));
    return r.intersected(QRectF(0, 0, mPyramid->source()->width(), mPyramid->source()->height()));
}

int SheetView::currentLevel() const
{
    if (!mPyramid)
        return 0;
    const double effective = mScale * devicePixelRatioF();
    const int level = effective >= 1.0 ? 0 : int(std::floor(std::log2(1.0 / effective)));
    return std::clamp(level, 0, mPyramid->levelCount() - 1);
}

void SheetView::updateScrollBars()
{
    if (!mPyramid) {
        horizontalScrollBar()->setRange(0, 0);
        verticalScrollBar()->setRange(0, 0);
        return;
    }
    const int cw = int(std::ceil(mPyramid->source()->width() * mScale));
    const int ch = int(std::ceil(mPyramid->source()->height() * mScale));
    horizontalScrollBar()->setRange(0, std::max(0, cw - viewport()->width()));
    verticalScrollBar()->setRange(0, std::max(0, ch - viewport()->height()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    verticalScrollBar()->setPageStep(viewport()->height());
}

void SheetView::setScale(double scale, const QPointF &anchor)
{
    if (!mPyramid)
        return;
    scale = std::clamp(scale, minScale(), kMaxScale);
    mFit = Fit::None;
    const QPointF imagePoint = viewToImage(anchor);
    mScale = scale;
    updateScrollBars();
    horizontalScrollBar()->setValue(int(std::round(imagePoint.x() * mScale - anchor.x())));
    verticalScrollBar()->setValue(int(std::round(imagePoint.y() * mScale - anchor.y())));
    viewport()->update();
    Q_EMIT viewChanged();
}

void SheetView::setScale(double scale)
{
    setScale(scale, QPointF(viewport()->width() / 2.0, viewport()->height() / 2.0));
}

void SheetView::zoomIn()
{
    setScale(mScale * std::sqrt(2.0));
}

void SheetView::zoomOut()
{
    setScale(mScale / std::sqrt(2.0));
}

void SheetView::fitWidth()
{
    if (!mPyramid)
        return;
    const int top = verticalScrollBar()->value();
    const double oldScale = mScale;
    // Leave room for a vertical scroll bar so the fit does not trigger a horizontal one.
    int available = viewport()->width() + (verticalScrollBar()->isVisible() ? verticalScrollBar()->width() : 0);
    const int viewHeight = viewport()->height();
    double scale = double(available) / mPyramid->source()->width();
    if (mPyramid->source()->height() * scale > viewHeight) {
        available -= style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, verticalScrollBar());
        scale = double(available) / mPyramid->source()->width();
    }
    mScale = std::clamp(scale, 1e-4, kMaxScale);
    mFit = Fit::Width;
    updateScrollBars();
    verticalScrollBar()->setValue(int(std::round(top / oldScale * mScale)));
    horizontalScrollBar()->setValue(0);
    viewport()->update();
    Q_EMIT viewChanged();
}

void SheetView::fitPage()
{
    if (!mPyramid)
        return;
    mScale = std::min(double(viewport()->width()) / mPyramid->source()->width(),
                      double(viewport()->height()) / mPyramid->source()->height());
    mFit = Fit::Page;
    updateScrollBars();
    viewport()->update();
    Q_EMIT viewChanged();
}

void SheetView::actualSize()
{
    setScale(1.0);
}

void SheetView::scrollToRow(double row)
{
    verticalScrollBar()->setValue(int(std::round(row * mScale)));
}

void SheetView::centerOn(const QPointF &p)
{
    horizontalScrollBar()->setValue(int(std::round(p.x() * mScale - viewport()->width() / 2.0)));
    verticalScrollBar()->setValue(int(std::round(p.y() * mScale - viewport()->height() / 2.0)));
}

bool SheetView::isSharp()
{
    if (!mPyramid)
        return true;
    const int level = currentLevel();
    const QRectF r = visibleImageRect();
    const int t = TilePyramid::kTileSize << level;
    for (int ty = int(r.top()) / t; ty <= int(std::ceil(r.bottom()) - 1) / t; ++ty) {
        for (int tx = int(r.left()) / t; tx <= int(std::ceil(r.right()) - 1) / t; ++tx) {
            if (mPyramid->tile({level, tx, ty}).isNull())
                return false;
        }
    }
    return true;
}

bool SheetView::drawFallback(QPainter &painter, int level, int tx, int ty, const QRectF &target)
{
    const QRect levelRect = mPyramid->tileRect({level, tx, ty});
    for (int a = level + 1; a < mPyramid->levelCount(); ++a) {
        const int shift = a - level;
        const TileKey key{a, tx >> shift, ty >> shift};
        const QImage img = mPyramid->tile(key);
        if (img.isNull())
            continue;
        const QRect ar = mPyramid->tileRect(key);
        const double f = 1.0 / (1 << shift);
        const QRectF source(levelRect.x() * f - ar.x(), levelRect.y() * f - ar.y(), levelRect.width() * f,
                            levelRect.height() * f);
        painter.drawImage(target, img, source);
        return true;
    }
    return false;
}

void SheetView::drawTiles(QPainter &painter, const QRectF &imageRect)
{
    const int level = currentLevel();
    const int f = 1 << level;
    const int t = TilePyramid::kTileSize;
    const int tx0 = std::max(0, int(imageRect.left()) / f / t);
    const int ty0 = std::max(0, int(imageRect.top()) / f / t);
    const int tx1 = std::min(mPyramid->tilesAcross(level) - 1, int(std::ceil(imageRect.right()) - 1) / f / t);
    const int ty1 = std::min(mPyramid->tilesDown(level) - 1, int(std::ceil(imageRect.bottom()) - 1) / f / t);
    const double tileScale = mScale * devicePixelRatioF() * f;
    painter.setRenderHint(QPainter::SmoothPixmapTransform, tileScale < 1.5);

    const QPointF centre = imageRect.center();
    std::vector<std::pair<double, TileKey>> missing;
    for (int ty = ty0; ty <= ty1; ++ty) {
        for (int tx = tx0; tx <= tx1; ++tx) {
            const TileKey key{level, tx, ty};
            const QRect lr = mPyramid->tileRect(key);
            const QPointF tl = imageToView(QPointF(lr.left() * f, lr.top() * f));
            const QPointF br = imageToView(QPointF((lr.right() + 1) * double(f), (lr.bottom() + 1) * double(f)));
            const QRectF target(QPointF(std::round(tl.x()), std::round(tl.y())), QPointF(std::round(br.x()), std::round(br.y())));
            const QImage img = mPyramid->tile(key);
            if (!img.isNull()) {
                painter.drawImage(target, img);
                continue;
            }
            if (!drawFallback(painter, level, tx, ty, target))
                painter.fillRect(target, QColor(250, 250, 247));
            const QPointF c((lr.center().x()) * f, (lr.center().y()) * f);
            missing.emplace_back(std::hypot(c.x() - centre.x(), c.y() - centre.y()), key);
        }
    }
    std::sort(missing.begin(), missing.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<TileKey> keys;
    keys.reserve(missing.size());
    for (const auto &m : missing)
        keys.push_back(m.second);
    mPyramid->request(keys);
}

void SheetView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().color(QPalette::Dark));
    if (!mPyramid)
        return;
    const QRectF imageRect = visibleImageRect();
    if (!imageRect.isEmpty())
        drawTiles(painter, imageRect);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (SheetLayer *layer : mLayers) {
        painter.save();
        layer->paint(painter, *this, imageRect);
        painter.restore();
    }
    if (mTools && mTools->activeTool()) {
        painter.save();
        mTools->activeTool()->paint(painter, *this);
        painter.restore();
    }
}

void SheetView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (mFitWidthPending && viewport()->width() >= 50) {
        mFitWidthPending = false;
        fitWidth();
        return;
    }
    if (mFit == Fit::Width && event->oldSize().width() != event->size().width()) {
        fitWidth();
        return;
    }
    if (mFit == Fit::Page) {
        fitPage();
        return;
    }
    updateScrollBars();
    Q_EMIT viewChanged();
}

void SheetView::scrollContentsBy(int, int)
{
    viewport()->update();
    Q_EMIT viewChanged();
}

void SheetView::wheelEvent(QWheelEvent *event)
{
    if (mTools && mTools->activeTool() && mTools->activeTool()->wheelTurned(*event)) {
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        setScale(mScale * std::pow(1.25, steps), event->position());
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        // Sideways, as in most viewers (a wide sheet zoomed in).
        const int delta = event->angleDelta().x() != 0 ? event->angleDelta().x() : event->angleDelta().y();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void SheetView::mousePressEvent(QMouseEvent *event)
{
    const QPointF ip = viewToImage(event->position());
    const bool panButton = event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && mSpaceDown);
    if (!panButton && mTools && mTools->activeTool() && mTools->activeTool()->mousePressed(*event, ip))
        return;
    if (panButton || event->button() == Qt::LeftButton) {
        mPanning = true;
        mPanStart = event->position().toPoint();
        mPanScrollStart = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
}

void SheetView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF ip = viewToImage(event->position());
    mCursorOver = true;
    mCursorPos = event->position();
    reportCursor(mCursorPos);
    if (mPanning) {
        const QPoint delta = event->position().toPoint() - mPanStart;
        horizontalScrollBar()->setValue(mPanScrollStart.x() - delta.x());
        verticalScrollBar()->setValue(mPanScrollStart.y() - delta.y());
        return;
    }
    if (mTools && mTools->activeTool())
        mTools->activeTool()->mouseMoved(*event, ip);
}

void SheetView::mouseReleaseEvent(QMouseEvent *event)
{
    if (mPanning) {
        mPanning = false;
        const AbstractTool *tool = mTools ? mTools->activeTool() : nullptr;
        viewport()->setCursor(mSpaceDown ? Qt::OpenHandCursor : tool ? tool->cursor() : Qt::ArrowCursor);
        return;
    }
    if (mTools && mTools->activeTool())
        mTools->activeTool()->mouseReleased(*event, viewToImage(event->position()));
}

void SheetView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (mTools && mTools->activeTool()
        && mTools->activeTool()->mouseDoubleClicked(*event, viewToImage(event->position())))
        return;
    QAbstractScrollArea::mouseDoubleClickEvent(event);
}

void SheetView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        mSpaceDown = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        return;
    }
    if (mTools && mTools->activeTool() && mTools->activeTool()->keyPressed(*event))
        return;
    QAbstractScrollArea::keyPressEvent(event);
}

void SheetView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        mSpaceDown = false;
        const AbstractTool *tool = mTools ? mTools->activeTool() : nullptr;
        viewport()->setCursor(tool ? tool->cursor() : Qt::ArrowCursor);
        return;
    }
    QAbstractScrollArea::keyReleaseEvent(event);
}

bool SheetView::viewportEvent(QEvent *event)
{
    // The cursor may leave the sheet for a scroll bar without leaving the view.
    if (event->type() == QEvent::Leave && mCursorOver) {
        mCursorOver = false;
        Q_EMIT cursorMoved({}, false);
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void SheetView::leaveEvent(QEvent *event)
{
    mCursorOver = false;
    Q_EMIT cursorMoved({}, false);
    QAbstractScrollArea::leaveEvent(event);
}

} // namespace veer
