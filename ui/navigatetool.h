#pragma once

#include "abstracttool.h"

namespace veer {

/** The default tool: dragging pans the sheet (the view pans when a press is not consumed). */
class NavigateTool : public AbstractTool
{
    Q_OBJECT

public:
    explicit NavigateTool(QObject *parent = nullptr)
        : AbstractTool(tr("Navigate"), QIcon::fromTheme(QStringLiteral("transform-move")),
                       QKeySequence(Qt::Key_H), parent)
    {
    }

    Qt::CursorShape cursor() const override { return Qt::OpenHandCursor; }
};

} // namespace veer
