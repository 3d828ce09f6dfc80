#include "projectmanager.h"

#include "document.h"
#include "projectfile.h"

#include "raster/rastersource.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QUndoStack>

namespace veer {

ProjectManager::ProjectManager(QWidget &parent)
    : QObject(&parent)
    , mParent(parent)
    , mAutoSaver(new AutoSaver(this))
{
    installDefaultPrompts();
}

void ProjectManager::installDefaultPrompts()
{
    QWidget *parent = &mParent;
    mPrompts.confirmOverwrite = [parent](const QString &folder) {
        return QMessageBox::warning(parent, tr("Replace Project?"),
                                    tr("%1 already exists.\nDo you want to replace it?")
                                        .arg(QDir::toNativeSeparators(folder)),
                                    QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               == QMessageBox::Yes;
    };
    mPrompts.unsavedChanges = [parent](const QString &name) {
        const auto answer = QMessageBox::warning(parent, tr("Unsaved Changes"),
                                                 tr("%1 has unsaved changes. Save them?").arg(name),
                                                 QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                                 QMessageBox::Save);
        return answer == QMessageBox::Save ? Answer::Save : answer == QMessageBox::Discard ? Answer::Discard : Answer::Cancel;
    };
    mPrompts.locateSheet = [parent](const QString &missing) {
        QMessageBox::information(parent, tr("Sheet Not Found"),
                                 tr("The project's sheet %1 was not found. Please show where it is now.")
                                     .arg(QDir::toNativeSeparators(missing)));
        const QString name = QFileInfo(missing).fileName();
        const QString dir = QSettings().value(QStringLiteral("lastOpenDir"), QDir::homePath()).toString();
        return QFileDialog::getOpenFileName(parent, tr("Locate %1").arg(name), dir,
                                            tr("The sheet (%1);;All files (*)").arg(name));
    };
    mPrompts.savePath = [parent](const QString &suggestion) {
        // Our own question about replacing a project folder replaces the dialog's file question.
        return QFileDialog::getSaveFileName(parent, tr("Save Project As"), suggestion, tr("Veer projects (*.veer)"),
                                            nullptr, QFileDialog::DontConfirmOverwrite);
    };
    mPrompts.recover = [parent](const AutoSaver::Recovery &r) {
        QMessageBox box(QMessageBox::Warning, tr("Recover Unsaved Work?"),
                        tr("Veer did not close cleanly. Unsaved changes to %1 were autosaved at %2.")
                            .arg(QDir::toNativeSeparators(r.projectPath.isEmpty() ? r.sheetPath : r.projectPath),
                                 QLocale().toString(r.savedAt.toLocalTime(), QLocale::ShortFormat)),
                        QMessageBox::NoButton, parent);
        box.setInformativeText(tr("Recover opens them as unsaved changes; nothing is written until you save."));
        QPushButton *recover = box.addButton(tr("&Recover"), QMessageBox::AcceptRole);
        QPushButton *discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
        box.addButton(tr("&Later"), QMessageBox::RejectRole);
        box.setDefaultButton(recover);
        box.exec();
        return box.clickedButton() == recover ? RecoveryAnswer::Recover
               : box.clickedButton() == discard ? RecoveryAnswer::Discard
                                                : RecoveryAnswer::Later;
    };
    mPrompts.page = [parent](const QString &path, int pageCount) {
        QStringList items;
        for (int page = 0; page < pageCount; ++page) {
            QString item = tr("Page %1").arg(page + 1);
            if (page < 64) {
                if (auto src = RasterSource::open(path, page)) {
                    const RasterInfo &info = (*src)->info();
                    item += tr(" - %1 x %2 px, %3-bit").arg(info.width).arg(info.height).arg(info.bitsPerSample);
                }
            }
            items << item;
        }
        bool ok = false;
        const QString choice = QInputDialog::getItem(parent, tr("Choose a Page"),
                                                     tr("%1 has %2 pages. Open page:").arg(QFileInfo(path).fileName()).arg(pageCount),
                                                     items, 0, false, &ok);
        return ok ? int(items.indexOf(choice)) : -1;
    };
    mPrompts.error = [parent](const QString &title, const QString &message) {
        QMessageBox::critical(parent, title, message);
    };
}

void ProjectManager::setDocument(Document *document)
{
    mAutoSaver->setDocument(document);
}

Result<std::unique_ptr<Document>> ProjectManager::load(const QString &path)
{
    using R = Result<std::unique_ptr<Document>>;
    const QString folder = ProjectFile::projectFolder(path);
    if (folder.isEmpty())
        return R::failure(tr("%1: not a Veer project (no project.json)").arg(QDir::toNativeSeparators(path)));
    auto data = ProjectFile::read(folder);
    if (!data)
        return R::failure(data.error());
    // Moved together with the project: the saved relative path; else ask.
    QString sheet = data->locatedSheetPath();
    if (!QFileInfo::exists(sheet)) {
        sheet = mPrompts.locateSheet(data->sheetPath);
        if (sheet.isEmpty())
            return R::failure(
                tr("%1: the sheet %2 was not found")
                    .arg(QDir::toNativeSeparators(folder), QDir::toNativeSeparators(data->sheetPath)));
    }
    const bool moved = sheet != data->sheetPath;
    auto document = ProjectFile::toDocument(*data, sheet);
    if (!document)
        return R::failure(document.error());
    (*document)->setFileName(folder);
    if (moved)
        (*document)->undoStack()->resetClean();  // the new sheet location is an unsaved change
    return document;
}

QString ProjectManager::suggestedPath(const Document &document) const
{
    if (!document.fileName().isEmpty())
        return document.fileName();
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastProjectDir"), QFileInfo(document.sheetPath()).absolutePath()).toString();
    return QDir(dir).filePath(QFileInfo(document.sheetPath()).completeBaseName() + QString::fromLatin1(ProjectFile::kExtension));
}

Status ProjectManager::saveTo(Document &document, const QString &path, bool *declined)
{
    if (declined)
        *declined = false;
    const QString folder = QFileInfo(ProjectFile::withExtension(path)).absoluteFilePath();
    const bool own = !document.fileName().isEmpty()
                     && QFileInfo(document.fileName()).absoluteFilePath() == folder;
    const QFileInfo target(folder);
    if (!own && target.exists()) {
        const bool emptyDir = target.isDir() && QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        if (!emptyDir && !ProjectFile::isProject(folder))
            return Status::failure(tr("%1: exists and is not a Veer project; choose another name")
                                       .arg(QDir::toNativeSeparators(folder)));
        if (!emptyDir && !mPrompts.confirmOverwrite(folder)) {
            if (declined)
                *declined = true;
            return Status::failure(tr("%1 already exists and was not replaced").arg(QDir::toNativeSeparators(folder)));
        }
    }
    const Status status = ProjectFile::save(document, folder);
    if (!status)
        return status;
    document.setFileName(folder);
    document.setClean();
    mAutoSaver->clear();
    QSettings().setValue(QStringLiteral("lastProjectDir"), target.absolutePath());
    Q_EMIT saved(folder);
    return {};
}

bool ProjectManager::save(Document &document)
{
    if (document.fileName().isEmpty())
        return saveAs(document);
    const Status status = saveTo(document, document.fileName());
    if (!status)
        mPrompts.error(tr("Cannot Save Project"), status.error());
    return status.ok();
}

bool ProjectManager::saveAs(Document &document)
{
    for (;;) {
        const QString path = mPrompts.savePath(suggestedPath(document));
        if (path.isEmpty())
            return false;
        bool declined = false;
        const Status status = saveTo(document, path, &declined);
        if (status)
            return true;
        if (!declined) {
            mPrompts.error(tr("Cannot Save Project"), status.error());
            return false;
        }
        // Declined to replace: choose another name.
    }
}

bool ProjectManager::maybeSave(Document &document)
{
    if (!document.isModified())
        return true;
    switch (mPrompts.unsavedChanges(document.displayName())) {
    case Answer::Save:
        return save(document);
    case Answer::Discard:
        return true;
    case Answer::Cancel:
        break;
    }
    return false;
}

void ProjectManager::documentClosed()
{
    mAutoSaver->clear();
    mAutoSaver->setDocument(nullptr);
}

Result<std::unique_ptr<Document>> ProjectManager::recover(const AutoSaver::Recovery &recovery)
{
    using R = Result<std::unique_ptr<Document>>;
    auto document = load(recovery.folder);
    if (!document)
        return R::failure(document.error());
    (*document)->setFileName(recovery.projectPath);
    (*document)->undoStack()->resetClean();
    return document;
}

std::unique_ptr<Document> ProjectManager::offerRecovery()
{
    const QList<AutoSaver::Recovery> recoveries = AutoSaver::findRecoveries();
    for (const AutoSaver::Recovery &r : recoveries) {
        switch (mPrompts.recover(r)) {
        case RecoveryAnswer::Later:
            continue;
        case RecoveryAnswer::Discard:
            AutoSaver::discard(r);
            continue;
        case RecoveryAnswer::Recover:
            break;
        }
        auto document = recover(r);
        if (!document) {
            mPrompts.error(tr("Cannot Recover"), document.error());
            continue;
        }
        // This session autosaves the recovered state anew before the old copy goes; the caller
        // shows the document, which keeps the autosaver on it (setDocument is then a no-op).
        std::unique_ptr<Document> doc = document.take();
        mAutoSaver->setDocument(doc.get());
        if (mAutoSaver->saveNow())
            AutoSaver::discard(r);
        return doc;
    }
    return nullptr;
}

} // namespace veer
