#include "calibrationtool.h"

#include "calibrationcommands.h"
#include "document.h"
#include "sheetview.h"

#include <QDoubleValidator>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QUndoStack>

#include <cmath>

namespace veer {

CalibrationTool::CalibrationTool(CalibrationLayer &layer, QObject *parent)
    : AbstractTool(tr("Calibrate"), QIcon::fromTheme(QStringLiteral("measure")), QKeySequence(Qt::Key_C), parent)
    , mLayer(layer)
{
}

void CalibrationTool::setDocument(Document *document)
{
    closeEditor();
    mDocument = document;
    mDrag = Drag::None;
    setHot({});
}

void CalibrationTool::activate(SheetView &view)
{
    AbstractTool::activate(view);
    mLayer.setVisible(true);
}

void CalibrationTool::deactivate()
{
    closeEditor();
    setHot({});
    mDrag = Drag::None;
    AbstractTool::deactivate();
}

void CalibrationTool::setHot(const CalibrationLayer::Hot &hot)
{
    if (mLayer.hot() == hot)
        return;
    mLayer.setHot(hot);
    updateCursor();
    if (view())
        view()->viewport()->update();
}

void CalibrationTool::updateCursor()
{
    if (!view())
        return;
    Qt::CursorShape shape = Qt::CrossCursor;
    switch (mLayer.hot().part) {
    case CalibrationLayer::Part::Tie: shape = Qt::SizeVerCursor; break;
    case CalibrationLayer::Part::TrackLeft:
    case CalibrationLayer::Part::TrackRight: shape = Qt::SizeHorCursor; break;
    case CalibrationLayer::Part::None: break;
    }
    view()->viewport()->setCursor(shape);
}

bool CalibrationTool::mousePressed(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument || !view())
        return false;
    closeEditor();
    const CalibrationLayer::Hot hot = mLayer.hitTest(*view(), event.position());
    if (event.button() == Qt::RightButton) {
        if (hot.part != CalibrationLayer::Part::Tie)
            return false;
        QMenu menu;
        QAction *edit = menu.addAction(tr("Edit Depth..."));
        QAction *remove = menu.addAction(tr("Remove Tie"));
        QAction *chosen = menu.exec(event.globalPosition().toPoint());
        if (chosen == remove) {
            mDocument->undoStack()->push(new RemoveTieCommand(*mDocument, hot.index));
            setHot({});
        } else if (chosen == edit) {
            const DepthTie tie = mDocument->calibration().ties[size_t(hot.index)];
            openEditor(event.position(), tie.row, hot.index, tie.depth);
        }
        return true;
    }
    if (event.button() != Qt::LeftButton)
        return false;
    mDragMoved = false;
    ++mDragKey;
    switch (hot.part) {
    case CalibrationLayer::Part::Tie:
        mDrag = Drag::Tie;
        mDragIndex = hot.index;
        return true;
    case CalibrationLayer::Part::TrackLeft:
    case CalibrationLayer::Part::TrackRight:
        mDrag = Drag::Edge;
        mDragIndex = hot.index;
        mDragEdge = hot.part == CalibrationLayer::Part::TrackLeft ? 0 : 1;
        return true;
    case CalibrationLayer::Part::None:
        break;
    }
    if (imagePos.y() < 0 || imagePos.y() >= mDocument->sheetHeight())
        return false;
    // A new tie: suggest the depth the current calibration predicts.
    const double row = std::round(imagePos.y() * 10.0) / 10.0;
    double suggested = std::nan("");
    if (mDocument->hasDepth())
        suggested = std::round(mDocument->calibration().depthAtRow(row) * 100.0) / 100.0;
    openEditor(event.position(), row, -1, suggested);
    return true;
}

bool CalibrationTool::mouseMoved(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument || !view())
        return false;
    if (mDrag == Drag::None) {
        setHot(mLayer.hitTest(*view(), event.position()));
        return false;
    }
    mDragMoved = true;
    const Calibration &cal = mDocument->calibration();
    if (mDrag == Drag::Tie && mDragIndex < int(cal.ties.size())) {
        // A tie moves between its neighbours so the ties stay ordered during the drag.
        double lo = 0.0;
        double hi = mDocument->sheetHeight() - 1.0;
        if (mDragIndex > 0)
            lo = cal.ties[size_t(mDragIndex - 1)].row + 1.0;
        if (mDragIndex + 1 < int(cal.ties.size()))
            hi = cal.ties[size_t(mDragIndex + 1)].row - 1.0;
        DepthTie tie = cal.ties[size_t(mDragIndex)];
        tie.row = std::clamp(std::round(imagePos.y() * 10.0) / 10.0, lo, hi);
        mDocument->undoStack()->push(new SetTieCommand(*mDocument, mDragIndex, tie, mDragKey));
    } else if (mDrag == Drag::Edge && mDragIndex < int(cal.tracks.size())) {
        const double column = std::clamp(std::round(imagePos.x() * 10.0) / 10.0, 0.0, double(mDocument->sheetWidth()));
        mDocument->undoStack()->push(new MoveTrackEdgeCommand(*mDocument, mDragIndex, mDragEdge, column, mDragKey));
    }
    return true;
}

bool CalibrationTool::mouseReleased(QMouseEvent &event, const QPointF &)
{
    if (mDrag == Drag::None)
        return false;
    mDrag = Drag::None;
    if (view())
        setHot(mLayer.hitTest(*view(), event.position()));
    return true;
}

bool CalibrationTool::mouseDoubleClicked(QMouseEvent &event, const QPointF &)
{
    if (!mDocument || !view())
        return false;
    const CalibrationLayer::Hot hot = mLayer.hitTest(*view(), event.position());
    if (hot.part != CalibrationLayer::Part::Tie)
        return false;
    mDrag = Drag::None;
    const DepthTie tie = mDocument->calibration().ties[size_t(hot.index)];
    openEditor(event.position(), tie.row, hot.index, tie.depth);
    return true;
}

bool CalibrationTool::keyPressed(QKeyEvent &event)
{
    if (!mDocument || (event.key() != Qt::Key_Delete && event.key() != Qt::Key_Backspace))
        return false;
    if (mLayer.hot().part != CalibrationLayer::Part::Tie)
        return false;
    mDocument->undoStack()->push(new RemoveTieCommand(*mDocument, mLayer.hot().index));
    setHot({});
    return true;
}

void CalibrationTool::openEditor(const QPointF &viewPos, double row, int tieIndex, double depth)
{
    closeEditor();
    mEditorRow = row;
    mEditorTie = tieIndex;
    mEditor = new QLineEdit(view()->viewport());
    mEditor->setObjectName(QStringLiteral("depthEditor"));
    mEditor->setPlaceholderText(tr("depth"));
    auto *validator = new QDoubleValidator(mEditor);
    validator->setLocale(QLocale::c());
    mEditor->setValidator(validator);
    if (std::isfinite(depth))
        mEditor->setText(QString::number(depth, 'f', 2));
    mEditor->setToolTip(tr("Depth at row %1; Enter to accept, Esc to cancel").arg(row));
    mEditor->resize(mEditor->fontMetrics().horizontalAdvance(QStringLiteral("000000.00 MM")) + 12, mEditor->sizeHint().height());
    mEditor->move(QPoint(int(viewPos.x()) + 8, int(viewPos.y()) - mEditor->height() / 2));
    mEditor->installEventFilter(this);
    mEditor->show();
    mEditor->selectAll();
    mEditor->setFocus();
    connect(mEditor, &QLineEdit::returnPressed, this, &CalibrationTool::commitEditor);
}

void CalibrationTool::commitEditor()
{
    if (!mEditor || !mDocument)
        return;
    bool ok = false;
    const double depth = QLocale::c().toDouble(mEditor->text().trimmed(), &ok);
    if (!ok || !std::isfinite(depth)) {
        mEditor->selectAll();
        return;
    }
    if (mEditorTie < 0) {
        mDocument->undoStack()->push(new AddTieCommand(*mDocument, DepthTie{mEditorRow, depth}));
    } else if (mEditorTie < int(mDocument->calibration().ties.size())) {
        mDocument->undoStack()->push(new SetTieCommand(*mDocument, mEditorTie, DepthTie{mEditorRow, depth}));
    }
    closeEditor();
}

void CalibrationTool::closeEditor()
{
    if (!mEditor)
        return;
    QLineEdit *editor = mEditor;
    mEditor = nullptr;
    editor->removeEventFilter(this);
    editor->hide();
    editor->deleteLater();
    if (view())
        view()->setFocus();
}

bool CalibrationTool::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == mEditor) {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            closeEditor();
            return true;
        }
        if (event->type() == QEvent::FocusOut) {
            QMetaObject::invokeMethod(this, &CalibrationTool::closeEditor, Qt::QueuedConnection);
        }
    }
    return AbstractTool::eventFilter(watched, event);
}

} // namespace veer
