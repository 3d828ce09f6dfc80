#pragma once

#include <QDialog>
#include <QString>

#include <vector>

class QMainWindow;

namespace veer {

/** One keyboard shortcut of the window: where its action lives, what it does, its keys. */
struct ShortcutEntry
{
    QString group;     ///< menu path, e.g. "View > Layers"; "Other" for actions in no menu
    QString action;    ///< the action's text without mnemonics
    QString keys;      ///< every shortcut of the action, in the platform's text
};

/**
 * Every shortcut of `window`, generated from its actions: each menu of the menu bar in order
 * (submenus as "Menu > Submenu"), then the actions with a shortcut that no menu holds.
 */
std::vector<ShortcutEntry> windowShortcuts(const QMainWindow &window);

/** Help > Keyboard Shortcuts: the list of windowShortcuts(), grouped by menu. */
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QMainWindow &window, QWidget *parent = nullptr);
};

} // namespace veer
