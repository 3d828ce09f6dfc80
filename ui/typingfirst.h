#pragma once

#include <QObject>

class QAbstractItemView;

namespace veer {

/**
 * Gives plain typed characters to an editable item view before any single-key shortcut: with the
 * current cell editable and the view set to edit on any key, a printable key without Ctrl, Alt or
 * Meta opens the cell's editor with that character instead of switching a layer (1, 2, 3) or a tool
 * (B, S, E...). Line edits and spin boxes already take their keys this way; a table does not.
 */
class TypingFirst : public QObject
{
public:
    /** Installs a filter, owned by `view`, on `view`. */
    static void install(QAbstractItemView *view);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace veer
