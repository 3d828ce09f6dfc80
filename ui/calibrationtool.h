#pragma once

#include "abstracttool.h"
#include "calibrationlayer.h"

#include <QLineEdit>
#include <QPointer>



namespace veer {

class Document;

/**
 * Calibration mode: click a row to add a depth tie and type its depth in place, drag ties, track
 * edges and the ends of the logged interval, double-click a tie to edit its depth, right-click or
 * Delete to remove it; right-click elsewhere sets the top or bottom of the log there. Every change
 * is a command on the Document; a drag is one undo step.
 */
class CalibrationTool : public AbstractTool
{
    Q_OBJECT

public:
    CalibrationTool(CalibrationLayer &layer, QObject *parent = nullptr);

    void setDocument(Document *document) override;

    void activate(SheetView &view) override;
    void deactivate() override;
    bool mousePressed(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseMoved(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseReleased(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseDoubleClicked(QMouseEvent &event, const QPointF &imagePos) override;
    bool keyPressed(QKeyEvent &event) override;
    Qt::CursorShape cursor() const override { return Qt::CrossCursor; }
    /** What a click does now, step by step while the calibration is incomplete. */
    QString statusHint() const override;

    /**
     * Sets the logged interval's top (`top`) or bottom at an image row, on the output grid and
     * short of the other end, as one command (one step per `dragKey`). False without depth ties.
     */
    bool setIntervalEnd(bool top, double row, int dragKey = 0);

    /**
     * Starts a section with depth ties of its own (a repeat section) at `row`, down to the next
     * section or the bottom of the sheet, as one command. False inside a section.
     */
    bool startSection(double row);
    /** Ends the section holding `row` there, as one command. False outside a section. */
    bool endSection(double row);
    /** Removes the section holding `row`, its ties with it, as one command. */
    bool removeSection(double row);
    /** The in-place depth editor while it is open (tests type into it). */
    QLineEdit *depthEditor() const { return mEditor; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openEditor(const QPointF &viewPos, double row, int tieIndex, double depth);
    void suggestPrintedDepth(double column, double row);
    void commitEditor();
    void closeEditor();
    void setHot(const CalibrationLayer::Hot &hot);
    void updateCursor();

    CalibrationLayer &mLayer;
    QPointer<Document> mDocument;
    QPointer<QLineEdit> mEditor;
    double mEditorRow = 0.0;
    int mEditorTie = -1;  ///< -1: the editor adds a new tie

    bool intervalMenu(QMouseEvent &event, const QPointF &imagePos);
    /** `column` moved onto the printed border line within a few view px, if there is one. */
    double snapEdge(double column) const;
    /** The row of the grid line within a few screen px of `row` across the first track; `row` when none. */
    double snapTie(double row) const;

    enum class Drag { None, Tie, Edge, Interval };
    Drag mDrag = Drag::None;
    int mDragIndex = -1;
    int mDragEdge = 0;
    bool mDragMoved = false;
    int mDragKey = 0;  ///< one per drag, so a drag merges into one undo step
};

} // namespace veer
