#pragma once

#include "base/result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QLockFile;
class QTimer;

namespace veer {

class Document;

/**
 * Autosave and crash recovery. While a document with unsaved changes is open, it is written every
 * interval() ms as a project (ProjectFile, so atomically) into its own recovery folder under
 * recoveryRoot(), never over the user's project. A QLockFile beside the folder says that a live
 * process owns it. clear() (a clean close, or a save of the user's project) removes the folder;
 * one that is still there with no live owner is what an unclean exit left: findRecoveries().
 * Lives on the GUI thread; does not own the document.
 */
class AutoSaver : public QObject
{
    Q_OBJECT

public:
    /** A recovery folder left by an unclean exit. */
    struct Recovery
    {
        QString folder;       ///< the recovery project (NAME.veer under recoveryRoot())
        QString projectPath;  ///< the user's project it belongs to; empty if never saved
        QString sheetPath;
        QDateTime savedAt;
    };

    static constexpr int kDefaultIntervalMinutes = 3;

    explicit AutoSaver(QObject *parent = nullptr);
    /** Releases the lock and keeps the recovery, as a crash would; clear() first on a clean close. */
    ~AutoSaver() override;

    /** QStandardPaths::AppDataLocation/autosave. */
    static QString recoveryRoot();

    void setDocument(Document *document);
    /** Milliseconds between autosaves; from QSettings "autosave/intervalMinutes" by default. */
    int interval() const;
    void setInterval(int ms);
    /** This session's recovery project (empty before a document is set). */
    QString recoveryFolder() const;

    /** Writes the recovery now if the document changed since the last one and is unsaved. */
    Status saveNow();
    /** Removes this session's recovery: the document was closed or saved cleanly. */
    void clear();

    /**
     * Recoveries without a live owner that are newer than their project (older ones are stale,
     * the project was saved after them, and are removed). Newest first.
     */
    static QList<Recovery> findRecoveries();
    /** Deletes a recovery folder and its lock. */
    static void discard(const Recovery &recovery);

Q_SIGNALS:
    void saved(const QString &folder);
    void failed(const QString &message);

private:
    void markDirty() { mDirty = true; }
    void release();

    QPointer<Document> mDocument;
    QTimer *mTimer;
    QString mKey;
    std::unique_ptr<QLockFile> mLock;
    bool mDirty = false;
};

} // namespace veer
