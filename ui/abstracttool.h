#pragma once

#include <QIcon>
#include <QKeySequence>
#include <QObject>
#include <QPointF>
#include <QString>

class QKeyEvent;
class QMouseEvent;
class QPainter;
class QWheelEvent;

namespace veer {

class Document;
class SheetView;

/**
 * An editing mode of the sheet view, in the manner of Tiled's AbstractTool: it is activated and
 * deactivated by the ToolManager and receives the view's mouse and key input in image pixels.
 * Tools ask the Document for changes and never edit the model directly.
 */
class AbstractTool : public QObject
{
    Q_OBJECT

public:
    AbstractTool(const QString &name, const QIcon &icon, const QKeySequence &shortcut, QObject *parent = nullptr)
        : QObject(parent), mName(name), mIcon(icon), mShortcut(shortcut)
    {
    }

    QString name() const { return mName; }
    QIcon icon() const { return mIcon; }
    QKeySequence shortcut() const { return mShortcut; }

    /** The document the tool edits (null: none open); the ToolManager passes it to every tool. */
    virtual void setDocument(Document *document) {}
    virtual void activate(SheetView &view) { mView = &view; }
    virtual void deactivate() { mView = nullptr; }

    /** Each returns true when the tool consumed the event. */
    virtual bool mousePressed(QMouseEvent &event, const QPointF &imagePos) { return false; }
    virtual bool mouseMoved(QMouseEvent &event, const QPointF &imagePos) { return false; }
    virtual bool mouseReleased(QMouseEvent &event, const QPointF &imagePos) { return false; }
    virtual bool mouseDoubleClicked(QMouseEvent &event, const QPointF &imagePos) { return false; }
    virtual bool keyPressed(QKeyEvent &event) { return false; }
    /** Called before the view scrolls or zooms; true when the tool used the wheel. */
    virtual bool wheelTurned(QWheelEvent &event) { return false; }

    /** One line for the status bar: what the tool will do (empty: nothing to say). */
    virtual QString statusHint() const { return {}; }

    /** Tool feedback drawn over the sheet and the layers, in view pixels. */
    virtual void paint(QPainter &painter, const SheetView &view) {}

    /** The cursor the view shows while the tool is active. */
    virtual Qt::CursorShape cursor() const { return Qt::ArrowCursor; }

Q_SIGNALS:
    /** statusHint() changed. */
    void statusHintChanged();

protected:
    SheetView *view() const { return mView; }

private:
    QString mName;
    QIcon mIcon;
    QKeySequence mShortcut;
    SheetView *mView = nullptr;
};

} // namespace veer
