#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace veer {

/** The most recently opened sheets and projects, kept in QSettings and offered in a menu. */
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMax = 10;

    explicit RecentFiles(QMenu &menu, QObject *parent = nullptr);

    QStringList files() const;
    void add(const QString &path);
    void remove(const QString &path);
    void clear();

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void rebuildMenu();

    QMenu &mMenu;
};

} // namespace veer
