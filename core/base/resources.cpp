#include "resources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace veer {

QString findDataDir(const QString &name)
{
    QStringList candidates;
    const QByteArray env = qgetenv("VEER_DATA_DIR");
    if (!env.isEmpty())
        candidates << QString::fromLocal8Bit(env) + QLatin1Char('/') + name;
    if (QCoreApplication::instance()) {
        const QString exe = QCoreApplication::applicationDirPath();
        candidates << exe + QStringLiteral("/../share/veer/") + name;
    }
    const QString src = QStringLiteral(VEER_SOURCE_DIR);
    candidates << src + QLatin1Char('/') + name << src + QStringLiteral("/resources/") + name;
    for (const QString &c : candidates) {
        if (QFileInfo(c).isDir())
            return QDir::cleanPath(c);
    }
    return {};
}

QStringList shippedLasFiles()
{
    const QString dir = findDataDir(QStringLiteral("las"));
    if (dir.isEmpty())
        return {};
    QStringList files;
    const QStringList names = QDir(dir).entryList({QStringLiteral("*.las"), QStringLiteral("*.LAS")}, QDir::Files, QDir::Name);
    for (const QString &n : names)
        files << QDir(dir).filePath(n);
    return files;
}

} // namespace veer
