#pragma once

#include <QAbstractScrollArea>
#include <QPointer>

#include "tilepyramid.h"

#include <vector>

class QPainter;

namespace veer {

class SheetView;
class TilePyramid;
class ToolManager;

/** Something drawn over the sheet (class overlays, traces, calibration): paints in view pixels. */
class SheetLayer
{
public:
    virtual ~SheetLayer() = default;
    /** `imageRect` is the part of the sheet (image pixels) that is exposed. */
    virtual void paint(QPainter &painter, const SheetView &view, const QRectF &imageRect) = 0;
};

/**
 * The scanned sheet, drawn from a TilePyramid at the level of detail that matches the zoom, with
 * coarser tiles standing in while finer ones load. Pans, zooms to the cursor, fits the width and
 * shows 1:1; layers paint on top; mouse input goes to the ToolManager's active tool.
 * Does not own the pyramid, the layers or the tool manager.
 */
class SheetView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit SheetView(QWidget *parent = nullptr);
    ~SheetView() override;

    void setPyramid(TilePyramid *pyramid);
    TilePyramid *pyramid() const { return mPyramid; }
    void setToolManager(ToolManager *tools) { mTools = tools; }
    void addLayer(SheetLayer *layer);
    void removeLayer(SheetLayer *layer);

    /** View (logical) pixels per image pixel. */
    double scale() const { return mScale; }
    void setScale(double scale, const QPointF &anchorViewPos);
    void setScale(double scale);
    double minScale() const;
    static constexpr double kMaxScale = 32.0;

    QPointF imageToView(const QPointF &p) const;
    QPointF viewToImage(const QPointF &p) const;
    /** The part of the image shown in the viewport, in image pixels. */
    QRectF visibleImageRect() const;
    /** The pyramid level drawn at the current zoom (accounts for the device pixel ratio). */
    int currentLevel() const;
    /** True when every tile of the current level in view is in memory. */
    bool isSharp();

    /** Scrolls so that image row `row` is at the top of the viewport (keeps the column). */
    void scrollToRow(double row);
    void centerOn(const QPointF &imagePoint);

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitWidth();
    void fitPage();
    void actualSize();

Q_SIGNALS:
    /** Scale or scroll position changed. */
    void viewChanged();
    /** The cursor moved over the view; `imagePos` in image pixels, `inside` if over the sheet. */
    void cursorMoved(const QPointF &imagePos, bool inside);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void updateScrollBars();
    QPointF contentOffset() const;
    void drawTiles(QPainter &painter, const QRectF &imageRect);
    bool drawFallback(QPainter &painter, int level, int tx, int ty, const QRectF &target);

    QPointer<TilePyramid> mPyramid;
    ToolManager *mTools = nullptr;
    std::vector<SheetLayer *> mLayers;
    double mScale = 1.0;
    /** Emits cursorMoved for a cursor at `viewPos` in the viewport. */
    void reportCursor(const QPointF &viewPos);

    bool mCursorOver = false;   ///< the cursor is over the viewport (last move, no leave since)
    QPointF mCursorPos;         ///< its viewport position
    bool mPanning = false;
    bool mSpaceDown = false;
    QPoint mPanStart;
    QPoint mPanScrollStart;
    bool mFitWidthPending = false;
    enum class Fit { None, Width, Page };
    Fit mFit = Fit::None;  ///< kept on resize until the user zooms
};

} // namespace veer
