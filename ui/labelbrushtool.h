#pragma once

#include "abstracttool.h"
#include "correctioncommands.h"

#include <QList>
#include <QPointer>

class QAction;

namespace veer {

class Document;

/**
 * Paints curve one, curve two or background (the eraser) on the label map with a round brush.
 * The cursor maps through the view's own view-to-image transform, so a stroke is exact to the
 * pixel at any zoom; one drag is one undo step. Size: Shift+wheel or [ and ]; class: Alt+0/1/2
 * (plain 1/2/3 toggle the class layers). What it paints on (BrushTarget): everything under it; with
 * "ink only" (I) only the ink under it, so a broad stroke along a curve labels its pixels and not the
 * paper beside them; with "whole strokes" (W) every stroke it touches, grid lines left out, so one
 * sweep along a dashed curve labels each of its dashes whole; with "thick ink" (H) only ink of strokes at
 * least 8 px thick, so a heavy solid curve can be labelled where a thin one crosses or touches it.
 */
class LabelBrushTool : public AbstractTool
{
    Q_OBJECT

public:
    explicit LabelBrushTool(QObject *parent = nullptr);

    void setDocument(Document *document) override;

    int brushClass() const { return mClass; }
    void setBrushClass(int classId);
    int brushSize() const { return mSize; }
    void setBrushSize(int diameter);
    BrushTarget target() const { return mTarget; }
    void setTarget(BrushTarget target);
    static constexpr int kMaxSize = 200;

    /** Class picker and size actions (with their shortcuts), for a menu; the tool owns them. */
    QList<QAction *> actions() const { return mActions; }

    void activate(SheetView &view) override;
    void deactivate() override;
    bool mousePressed(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseMoved(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseReleased(QMouseEvent &event, const QPointF &imagePos) override;
    bool keyPressed(QKeyEvent &event) override;
    bool wheelTurned(QWheelEvent &event) override;
    void paint(QPainter &painter, const SheetView &view) override;
    Qt::CursorShape cursor() const override { return Qt::CrossCursor; }
    QString statusHint() const override;

private:
    void updateView();

    QPointer<Document> mDocument;
    int mClass = 1;
    int mSize = 5;
    BrushTarget mTarget = BrushTarget::Everything;
    bool mPainting = false;
    bool mHover = false;
    QPointF mLast;       ///< image position of the last painted point of the stroke
    QPointF mHoverPos;   ///< image position under the cursor
    int mStrokeKey = 0;  ///< one per drag, so a drag merges into one undo step
    QList<QAction *> mActions;
    QAction *mClassActions[3] = {};
    QAction *mInkAction = nullptr;
    QAction *mStrokesAction = nullptr;
    QAction *mThickAction = nullptr;
};

} // namespace veer
