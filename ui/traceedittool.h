#pragma once

#include "abstracttool.h"

#include <QList>
#include <QPointer>
#include <QVector>

class QAction;

namespace veer {

class Document;

/**
 * Edits the traced curves by hand. Hover shows the trace node (one sample of a curve on one
 * row) nearest the cursor; a drag moves it sideways and anchors it there (one drag, one undo
 * step); Ctrl+click inserts an anchor on the nearest curve at that row; Delete, Backspace or a
 * right-click removes the node's anchor and re-traces around it; Shift+drag draws the chosen
 * curve (1 / 2) across rows the scan cannot show; R re-traces the last span this tool edited,
 * or the visible rows. Anchors are drawn as small squares.
 */
class TraceEditTool : public AbstractTool
{
    Q_OBJECT

public:
    explicit TraceEditTool(QObject *parent = nullptr);

    void setDocument(Document *document) override;

    /** The curve Shift+drag draws: 1 or 2. */
    int drawClass() const { return mDrawClass; }
    void setDrawClass(int classId);

    /** A sample of a traced curve. */
    struct Node
    {
        int track = -1;
        int classId = 0;
        int row = 0;
        double column = 0.0;
        bool anchored = false;
        bool isValid() const { return track >= 0; }
    };
    /** The node nearest `imagePos` within kPickPixels view pixels (invalid when none). */
    Node nodeAt(const QPointF &imagePos) const;
    Node hoveredNode() const { return mHover; }
    static constexpr double kPickPixels = 6.0;

    /** "Re-trace Edited Span" (Ctrl+Shift+R): the rows of the last label brush edit, re-traced. */
    QList<QAction *> actions() const { return mActions; }
    /** Re-traces the rows of the last label edit; false (and notice()) when there is nothing to do. */
    bool retraceLastLabelEdit();

    void activate(SheetView &view) override;
    void deactivate() override;
    bool mousePressed(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseMoved(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseReleased(QMouseEvent &event, const QPointF &imagePos) override;
    bool keyPressed(QKeyEvent &event) override;
    void paint(QPainter &painter, const SheetView &view) override;
    Qt::CursorShape cursor() const override { return Qt::CrossCursor; }
    QString statusHint() const override;

Q_SIGNALS:
    /** A one-off message for the status bar (why nothing happened). */
    void notice(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Mode { Idle, Moving, Drawing };

    int trackAt(double column) const;
    int falloffRows() const;
    bool deleteNode(const Node &node);
    void retraceSpan();
    void remember(int track, int first, int last);
    void setHover(const Node &node);
    void updateView();

    QPointer<Document> mDocument;
    Mode mMode = Mode::Idle;
    Node mHover;
    Node mGrab;                ///< the node being moved
    int mDragKey = 0;          ///< one per drag, so a drag merges into one undo step
    bool mMoved = false;
    int mDrawTrack = -1;
    QVector<QPointF> mStroke;  ///< image points of the segment being drawn
    int mDrawClass = 1;
    bool mCtrl = false;        ///< modifiers at the last event, for statusHint()
    bool mShift = false;
    int mLastTrack = -1;       ///< the span the tool last edited
    int mLastFirst = 0;
    int mLastLast = -1;
    QList<QAction *> mActions;
};

} // namespace veer
