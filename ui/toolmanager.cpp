#include "toolmanager.h"

#include "abstracttool.h"
#include "sheetview.h"

#include <QAction>
#include <QActionGroup>

namespace veer {

ToolManager::ToolManager(SheetView &view, QObject *parent)
    : QObject(parent)
    , mView(view)
    , mGroup(new QActionGroup(this))
{
    mGroup->setExclusive(true);
    mView.setToolManager(this);
}

ToolManager::~ToolManager()
{
    if (mActive)
        mActive->deactivate();
}

QAction *ToolManager::registerTool(AbstractTool *tool)
{
    tool->setParent(this);
    auto *action = new QAction(tool->icon(), tool->name(), mGroup);
    action->setCheckable(true);
    action->setShortcut(tool->shortcut());
    if (!tool->shortcut().isEmpty())
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tool->name(), tool->shortcut().toString(QKeySequence::NativeText)));
    connect(action, &QAction::triggered, this, [this, tool] { activate(tool); });
    mTools.emplace_back(tool, action);
    if (!mActive)
        activate(tool);
    return action;
}

void ToolManager::setDocument(Document *document)
{
    for (const auto &[tool, action] : mTools)
        tool->setDocument(document);
}

QAction *ToolManager::actionFor(const AbstractTool *tool) const
{
    for (const auto &[t, a] : mTools) {
        if (t == tool)
            return a;
    }
    return nullptr;
}

void ToolManager::activate(AbstractTool *tool)
{
    if (tool == mActive)
        return;
    if (mActive)
        mActive->deactivate();
    mActive = tool;
    if (mActive) {
        mActive->activate(mView);
        mView.viewport()->setCursor(mActive->cursor());
        if (QAction *a = actionFor(mActive))
            a->setChecked(true);
    }
    mView.viewport()->update();
    Q_EMIT activeToolChanged(mActive);
}

} // namespace veer
