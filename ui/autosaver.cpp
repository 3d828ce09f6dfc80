#include "autosaver.h"

#include "document.h"
#include "projectfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QLockFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>
#include <QUuid>

#include <algorithm>

namespace veer {

namespace {

QString lockPath(const QString &folder)
{
    return folder + QStringLiteral(".lock");
}

} // namespace

AutoSaver::AutoSaver(QObject *parent)
    : QObject(parent)
    , mTimer(new QTimer(this))
{
    QSettings settings;
    const int minutes = settings.value(QStringLiteral("autosave/intervalMinutes"), kDefaultIntervalMinutes).toInt();
    mTimer->setInterval(std::max(1, minutes) * 60 * 1000);
    connect(mTimer, &QTimer::timeout, this, [this] {
        const Status status = saveNow();
        if (!status)
            Q_EMIT failed(status.error());
    });
}

AutoSaver::~AutoSaver()
{
    release();
}

QString AutoSaver::recoveryRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("autosave"));
}

void AutoSaver::release()
{
    mTimer->stop();
    if (mLock)
        mLock->unlock();
    mLock.reset();
    mKey.clear();
}

void AutoSaver::setDocument(Document *document)
{
    if (document && document == mDocument)
        return;
    if (mDocument)
        disconnect(mDocument, nullptr, this, nullptr);
    release();
    mDocument = document;
    mDirty = false;
    if (!mDocument)
        return;
    mKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QDir().mkpath(recoveryRoot());
    mLock = std::make_unique<QLockFile>(lockPath(recoveryFolder()));
    mLock->setStaleLockTime(0);
    mLock->tryLock(0);
    connect(mDocument, &Document::changed, this, &AutoSaver::markDirty);
    connect(mDocument->undoStack(), &QUndoStack::indexChanged, this, &AutoSaver::markDirty);
    mDirty = mDocument->isModified();
    mTimer->start();
}

int AutoSaver::interval() const
{
    return mTimer->interval();
}

void AutoSaver::setInterval(int ms)
{
    mTimer->setInterval(std::max(1, ms));
}

QString AutoSaver::recoveryFolder() const
{
    if (mKey.isEmpty())
        return {};
    return QDir(recoveryRoot()).filePath(mKey + QString::fromLatin1(ProjectFile::kExtension));
}

Status AutoSaver::saveNow()
{
    if (!mDocument)
        return {};
    if (!mDocument->isModified()) {
        // Everything is in the user's project; a recovery would only be stale.
        clear();
        return {};
    }
    if (!mDirty)
        return {};
    ProjectFile::SaveOptions options;
    QJsonObject recovery;
    recovery.insert(QStringLiteral("project"), mDocument->fileName());
    recovery.insert(QStringLiteral("saved_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    recovery.insert(QStringLiteral("pid"), qint64(QCoreApplication::applicationPid()));
    options.extra.insert(QStringLiteral("recovery"), recovery);
    const Status status = ProjectFile::save(*mDocument, recoveryFolder(), options);
    if (status) {
        mDirty = false;
        Q_EMIT saved(recoveryFolder());
    }
    return status;
}

void AutoSaver::clear()
{
    if (mKey.isEmpty())
        return;
    QDir(recoveryFolder()).removeRecursively();
    mDirty = mDocument && mDocument->isModified();
}

QList<AutoSaver::Recovery> AutoSaver::findRecoveries()
{
    QList<Recovery> found;
    QDir root(recoveryRoot());
    const QStringList folders = root.entryList({QStringLiteral("*.veer")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : folders) {
        const QString folder = root.filePath(name);
        QLockFile lock(lockPath(folder));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue;  // a running Veer owns it
        lock.unlock();
        auto data = ProjectFile::read(folder);
        if (!data) {
            // An autosave that never completed its first project.json: nothing to recover.
            if (!QFileInfo::exists(QDir(folder).filePath(QString::fromLatin1(ProjectFile::kManifestName))))
                QDir(folder).removeRecursively();
            continue;
        }
        const QJsonObject info = data->manifest.value(QStringLiteral("recovery")).toObject();
        Recovery r;
        r.folder = folder;
        r.projectPath = info.value(QStringLiteral("project")).toString();
        r.sheetPath = data->sheetPath;
        r.savedAt = QDateTime::fromString(info.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs);
        if (!r.projectPath.isEmpty()) {
            const QFileInfo project(QDir(r.projectPath).filePath(QString::fromLatin1(ProjectFile::kManifestName)));
            if (project.exists() && r.savedAt.isValid() && project.lastModified() > r.savedAt) {
                discard(r);
                continue;
            }
        }
        found.push_back(r);
    }
    // Locks of sessions that died before their first autosave.
    for (const QString &name : root.entryList({QStringLiteral("*.veer.lock")}, QDir::Files | QDir::Hidden)) {
        QLockFile lock(root.filePath(name));
        lock.setStaleLockTime(0);
        if (!QFileInfo::exists(root.filePath(name.chopped(5))) && lock.tryLock(0))
            lock.unlock();  // removes the file
    }
    std::sort(found.begin(), found.end(), [](const Recovery &a, const Recovery &b) { return a.savedAt > b.savedAt; });
    return found;
}

void AutoSaver::discard(const Recovery &recovery)
{
    QDir(recovery.folder).removeRecursively();
    QFile::remove(lockPath(recovery.folder));
}

} // namespace veer
