#pragma once

#include <QObject>

#include <vector>

class QAction;
class QActionGroup;

namespace veer {

class AbstractTool;
class Document;
class SheetView;

/**
 * Registers tools once, offers each as a checkable action in an exclusive group and keeps
 * exactly one of them active on the sheet view. Owns the tools.
 */
class ToolManager : public QObject
{
    Q_OBJECT

public:
    explicit ToolManager(SheetView &view, QObject *parent = nullptr);
    ~ToolManager() override;

    /** Takes ownership; the first tool registered becomes active. */
    QAction *registerTool(AbstractTool *tool);
    AbstractTool *activeTool() const { return mActive; }
    void activate(AbstractTool *tool);
    QActionGroup *actionGroup() const { return mGroup; }
    QAction *actionFor(const AbstractTool *tool) const;
    /** Gives every registered tool the current document (null: none open). */
    void setDocument(Document *document);

Q_SIGNALS:
    void activeToolChanged(veer::AbstractTool *tool);

private:
    SheetView &mView;
    QActionGroup *mGroup;
    std::vector<std::pair<AbstractTool *, QAction *>> mTools;
    AbstractTool *mActive = nullptr;
};

} // namespace veer
