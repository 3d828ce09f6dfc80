#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace veer {

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    return text.trimmed();
}

QString keysOf(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &k : action->shortcuts()) {
        if (!k.isEmpty())
            keys << k.toString(QKeySequence::NativeText);
    }
    return keys.join(QStringLiteral(", "));
}

void collectMenu(const QMenu *menu, const QString &path, std::vector<ShortcutEntry> &out, QSet<const QAction *> &seen)
{
    for (const QAction *a : menu->actions()) {
        if (a->menu()) {
            collectMenu(a->menu(), path + QStringLiteral(" > ") + plainText(a), out, seen);
            continue;
        }
        if (a->isSeparator() || seen.contains(a))
            continue;
        seen.insert(a);
        const QString keys = keysOf(a);
        if (!keys.isEmpty())
            out.push_back({path, plainText(a), keys});
    }
}

} // namespace

std::vector<ShortcutEntry> windowShortcuts(const QMainWindow &window)
{
    std::vector<ShortcutEntry> out;
    QSet<const QAction *> seen;
    for (const QAction *top : window.menuBar()->actions()) {
        if (top->menu())
            collectMenu(top->menu(), plainText(top), out, seen);
    }
    for (const QAction *a : window.findChildren<QAction *>()) {
        if (seen.contains(a) || a->isSeparator() || a->menu())
            continue;
        seen.insert(a);
        const QString keys = keysOf(a);
        if (!keys.isEmpty() && !plainText(a).isEmpty())
            out.push_back({QObject::tr("Other"), plainText(a), keys});
    }
    return out;
}

ShortcutsDialog::ShortcutsDialog(const QMainWindow &window, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(this);
    auto *tree = new QTreeWidget;
    tree->setObjectName(QStringLiteral("shortcutList"));
    tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    tree->setRootIsDecorated(true);
    tree->setAlternatingRowColors(true);
    QTreeWidgetItem *group = nullptr;
    for (const ShortcutEntry &e : windowShortcuts(window)) {
        if (!group || group->text(0) != e.group) {
            group = new QTreeWidgetItem(tree, {e.group});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
        }
        new QTreeWidgetItem(group, {e.action, e.keys});
    }
    tree->expandAll();
    tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(tree);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 640);
}

} // namespace veer
