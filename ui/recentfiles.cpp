#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace veer {

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QMenu &menu, QObject *parent)
    : QObject(parent)
    , mMenu(menu)
{
    rebuildMenu();
}

QStringList RecentFiles::files() const
{
    return QSettings().value(kKey).toStringList();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMax)
        list.removeLast();
    QSettings().setValue(kKey, list);
    rebuildMenu();
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = files();
    list.removeAll(path);
    QSettings().setValue(kKey, list);
    rebuildMenu();
}

void RecentFiles::clear()
{
    QSettings().remove(kKey);
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    mMenu.clear();
    const QStringList list = files();
    int index = 1;
    for (const QString &path : list) {
        const QString label = QStringLiteral("&%1 %2").arg(index % 10).arg(QDir::toNativeSeparators(path));
        QAction *action = mMenu.addAction(label);
        action->setEnabled(QFileInfo::exists(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
        ++index;
    }
    if (!list.isEmpty())
        mMenu.addSeparator();
    QAction *clearAction = mMenu.addAction(tr("Clear Menu"));
    clearAction->setEnabled(!list.isEmpty());
    connect(clearAction, &QAction::triggered, this, &RecentFiles::clear);
    mMenu.setEnabled(true);
}

} // namespace veer
