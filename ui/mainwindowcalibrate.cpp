// MainWindow: Tools > Auto-Calibrate, a calibration proposed from the sheet itself.
#include "mainwindow.h"

#include "calibrationcommands.h"
#include "calibrationdock.h"
#include "calibrationtool.h"
#include "document.h"
#include "toolmanager.h"

#include "autocal/autocalibrator.h"
#include "base/feedback.h"
#include "raster/rastersource.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace veer {

namespace {

/** The proposal for a sheet, read from its own file (the view's reader stays on the GUI thread). */
Result<AutoCalibration> propose(const QString &path, int page, const QString &unit, Feedback *feedback)
{
    auto source = RasterSource::open(path, page);
    if (!source)
        return Result<AutoCalibration>::failure(source.error());
    AutoCalibrationOptions options;
    options.fallbackUnit = unit;
    return autoCalibrate(*source.value(), options, feedback);
}

QString escaped(const QString &text) { return text.toHtmlEscaped(); }

} // namespace

/** One Auto-Calibrate run in the background: its future, its feedback and its progress dialog. */
class AutoCalibrationJob : public QObject
{
public:
    explicit AutoCalibrationJob(QObject *parent) : QObject(parent) {}
    QFutureWatcher<Result<AutoCalibration>> watcher;
    std::shared_ptr<Feedback> feedback;
};

void MainWindow::autoCalibrate()
{
    if (!mDocument || mAutoJob)
        return;
    const Calibration &current = mDocument->calibration();
    if ((!current.ties.empty() || !current.tracks.empty())
        && QMessageBox::question(this, tr("Replace Calibration?"),
                                 tr("Auto-Calibrate replaces the current calibration with a proposal read from the sheet. "
                                    "Undo brings the current one back. Go on?"))
               != QMessageBox::Yes)
        return;
    auto *progress = new QProgressDialog(tr("Reading the sheet's ruling and depth numbers..."), tr("Cancel"), 0, 100, this);
    progress->setWindowTitle(tr("Auto-Calibrate"));
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    mAutoJob = new AutoCalibrationJob(this);
    AutoCalibrationJob *job = mAutoJob;
    job->feedback = std::make_shared<Feedback>([progress](double percent, const QString &message) {
        QMetaObject::invokeMethod(progress, [progress, percent, message] {
            progress->setValue(int(percent));
            if (!message.isEmpty())
                progress->setLabelText(message);
        });
    });
    connect(progress, &QProgressDialog::canceled, job, [job] { job->feedback->cancel(); });
    const QString path = mDocument->sheetPath();
    const int page = mDocument->page();
    const QString unit = current.depthUnit;
    const QPointer<Document> document = mDocument.get();
    connect(&job->watcher, &QFutureWatcher<Result<AutoCalibration>>::finished, this, [this, job, progress, document] {
        progress->close();
        mAutoJob = nullptr;
        job->deleteLater();
        const Result<AutoCalibration> result = job->watcher.result();
        if (job->feedback->isCanceled() || document != mDocument.get())
            return;
        if (!result) {
            QMessageBox::critical(this, tr("Cannot Auto-Calibrate"), result.error());
            return;
        }
        applyProposal(result.value(), true);
    });
    std::shared_ptr<Feedback> feedback = job->feedback;
    job->watcher.setFuture(QtConcurrent::run([path, page, unit, feedback] { return propose(path, page, unit, feedback.get()); }));
    progress->show();
}

QString MainWindow::autoCalibrateNow()
{
    if (!mDocument)
        return tr("no sheet is open");
    Feedback feedback;
    const Result<AutoCalibration> result = propose(mDocument->sheetPath(), mDocument->page(), mDocument->calibration().depthUnit, &feedback);
    if (!result)
        return result.error();
    return applyProposal(result.value(), false);
}

QString MainWindow::applyProposal(const AutoCalibration &proposal, bool ask)
{
    if (!mDocument)
        return {};
    QString message;
    if (!proposal.ok) {
        // Refused: the tracks found, if any, are still a start; the depth is left to the user.
        message = tr("No calibration proposed: %1").arg(proposal.refusal);
        const bool tracks = !proposal.calibration.tracks.empty();
        if (tracks) {
            Calibration partial = mDocument->calibration();
            partial.tracks = proposal.calibration.tracks;
            const bool apply = !ask
                || QMessageBox::question(this, tr("Auto-Calibrate"),
                                         tr("<p>No calibration proposed: %1.</p><p>Use the %n track(s) found? "
                                            "The depth ties are then yours to set.</p>", nullptr, int(partial.tracks.size()))
                                             .arg(escaped(proposal.refusal)))
                    == QMessageBox::Yes;
            if (apply) {
                mDocument->undoStack()->push(new ReplaceCalibrationCommand(*mDocument, partial, tr("Auto-Calibrate Tracks")));
                message += tr("; the tracks found were applied");
            }
        } else if (ask) {
            QMessageBox box(QMessageBox::Warning, tr("Auto-Calibrate"), tr("No calibration proposed: %1").arg(proposal.refusal),
                            QMessageBox::Ok, this);
            box.setDetailedText(proposal.report());
            box.exec();
        }
        mCalibrationDock->setProposalNotes(tr("<b>Auto-Calibrate refused:</b> %1").arg(escaped(proposal.refusal)));
        statusBar()->showMessage(message, 8000);
        return message;
    }
    mDocument->undoStack()->push(new ReplaceCalibrationCommand(*mDocument, proposal.calibration, tr("Auto-Calibrate")));
    mTools->activate(mCalibrationTool);
    const std::vector<ProposalPart> unsure = proposal.unsureParts();
    if (unsure.empty()) {
        message = tr("Calibration proposed from the sheet: every part sure (%n depth tie(s))", nullptr,
                     int(proposal.calibration.ties.size()));
        mCalibrationDock->setProposalNotes({});
    } else {
        QStringList items;
        for (const ProposalPart &p : unsure)
            items << tr("<li><b>%1</b>: %2</li>").arg(escaped(p.name), escaped(p.note));
        mCalibrationDock->setProposalNotes(tr("<b>Proposed from the sheet. Confirm:</b><ul style=\"margin:0\">%1</ul>").arg(items.join(QString())));
        message = tr("Calibration proposed from the sheet; %n part(s) to confirm in the Calibration panel", nullptr, int(unsure.size()));
        if (ask && !proposal.handsOff()) {
            QMessageBox box(QMessageBox::Information, tr("Auto-Calibrate"),
                            tr("<p>A calibration was proposed, but Veer is not sure of all of it.</p><ul>%1</ul>"
                               "<p>Check these on the sheet before digitizing.</p>").arg(items.join(QString())),
                            QMessageBox::Ok, this);
            box.setDetailedText(proposal.report());
            box.exec();
        }
    }
    statusBar()->showMessage(message, 8000);
    return message;
}

} // namespace veer
