#pragma once

#include "autosaver.h"
#include "base/result.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QWidget;

namespace veer {

class Document;

/**
 * Opens, saves and recovers projects for the main window: Save, Save As and Open with their
 * prompts, atomic saves through ProjectFile, autosave and crash recovery through AutoSaver.
 * Every question goes through a replaceable Prompts function, so tests can answer them.
 * Lives on the GUI thread; does not own documents.
 */
class ProjectManager : public QObject
{
    Q_OBJECT

public:
    enum class Answer { Save, Discard, Cancel };
    enum class RecoveryAnswer { Recover, Discard, Later };

    /** The questions asked while saving and opening; each defaults to a dialog over `parent`. */
    struct Prompts
    {
        /** May `folder`, another existing project, be replaced? */
        std::function<bool(const QString &folder)> confirmOverwrite;
        /** `name` has unsaved changes: save, discard or cancel? */
        std::function<Answer(const QString &name)> unsavedChanges;
        /** The sheet at `missing` is gone; where is it now? Empty cancels. */
        std::function<QString(const QString &missing)> locateSheet;
        /** Where to save; `suggestion` is a NAME.veer path. Empty cancels. */
        std::function<QString(const QString &suggestion)> savePath;
        std::function<RecoveryAnswer(const AutoSaver::Recovery &recovery)> recover;
        /** Which page (zero-based) of a multipage sheet to open; -1 cancels. */
        std::function<int(const QString &path, int pageCount)> page;
        std::function<void(const QString &title, const QString &message)> error;
    };

    explicit ProjectManager(QWidget &parent);

    Prompts &prompts() { return mPrompts; }
    AutoSaver &autoSaver() { return *mAutoSaver; }
    /** Follows the open document for autosave; null when none is open. */
    void setDocument(Document *document);

    /** Reads the project at `path` (the folder or its project.json), asking for a moved sheet. */
    Result<std::unique_ptr<Document>> load(const QString &path);
    /**
     * Saves `document` into the project folder `path` (".veer" is added). Replacing a different
     * existing project asks confirmOverwrite first; `declined` is set when the user said no.
     */
    Status saveTo(Document &document, const QString &path, bool *declined = nullptr);

    /** Save to the document's project, or Save As when it has none; errors in a dialog. */
    bool save(Document &document);
    bool saveAs(Document &document);
    /** Asks Save/Discard/Cancel when `document` has unsaved changes; true when it may close. */
    bool maybeSave(Document &document);
    /** The document was closed cleanly: its recovery is no longer needed. */
    void documentClosed();
    /** Offers what an unclean exit left; returns the recovered document, or null. */
    std::unique_ptr<Document> offerRecovery();
    /** Opens a recovery as a modified document belonging to the project it was autosaved from. */
    Result<std::unique_ptr<Document>> recover(const AutoSaver::Recovery &recovery);

Q_SIGNALS:
    void saved(const QString &folder);

private:
    void installDefaultPrompts();
    QString suggestedPath(const Document &document) const;

    QWidget &mParent;
    Prompts mPrompts;
    AutoSaver *mAutoSaver;
};

} // namespace veer
