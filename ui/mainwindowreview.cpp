// MainWindow's review workflow: the doubtful-span panel and its frame on the sheet, the Review
// menu, and File > Export Training Data (kept apart from mainwindow.cpp to keep files readable).
#include "mainwindow.h"

#include "calibrationdock.h"
#include "document.h"
#include "doubtdock.h"
#include "doubtlayer.h"
#include "retraindialog.h"
#include "reviewcommands.h"
#include "sheetview.h"

#include "raster/rastersource.h"
#include "segment/modelregistry.h"
#include "trace/trainingexport.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

#include <cmath>

namespace veer {

void MainWindow::createReviewActions()
{
    mDoubtLayer = std::make_unique<DoubtLayer>();
    mView->addLayer(mDoubtLayer.get());
    mDoubtDock = new DoubtDock(this);
    addDockWidget(Qt::RightDockWidgetArea, mDoubtDock);
    tabifyDockWidget(mCalibrationDock, mDoubtDock);
    mCalibrationDock->raise();
    connect(mDoubtDock, &DoubtDock::currentSpanChanged, this, [this](int index, const DoubtSpan &span) {
        mDoubtLayer->setSpan(index, span);
        if (index >= 0 && mDocument) {
            const auto &tracks = mDocument->calibration().tracks;
            double x = mView->visibleImageRect().center().x();
            if (span.track >= 0 && span.track < int(tracks.size()))
                x = (tracks[size_t(span.track)].left + tracks[size_t(span.track)].right) / 2.0;
            const QRectF visible = mView->visibleImageRect();
            const QRectF target(QPointF(x - 1, span.firstRow), QPointF(x + 1, span.lastRow + 1));
            if (!visible.contains(target))
                mView->centerOn(QPointF(x, (span.firstRow + span.lastRow + 1) / 2.0));
            statusBar()->showMessage(tr("%1: track %2, %3").arg(mDoubtDock->positionText()).arg(span.track + 1)
                                         .arg(doubtReasonText(span.reasons)), 6000);
        }
        mView->viewport()->update();
    });

    mMarkVisibleReviewedAction = new QAction(tr("Mark &Visible Region Reviewed"), this);
    mMarkVisibleReviewedAction->setShortcut(QKeySequence(Qt::Key_R));
    mMarkVisibleReviewedAction->setToolTip(tr("The tracks and rows in view count as reviewed ground truth (R)"));
    connect(mMarkVisibleReviewedAction, &QAction::triggered, this, [this] {
        if (!mDocument)
            return;
        const QRectF r = mView->visibleImageRect();
        mDocument->undoStack()->push(ReviewCommand::markReviewed(*mDocument, int(std::floor(r.top())),
                                                                 int(std::ceil(r.bottom())) - 1, r.left(), r.right(),
                                                                 tr("Mark Visible Region Reviewed")));
    });
    mMarkSheetReviewedAction = new QAction(tr("Mark &Whole Sheet Reviewed"), this);
    mMarkSheetReviewedAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_R));
    connect(mMarkSheetReviewedAction, &QAction::triggered, this, [this] {
        if (mDocument)
            mDocument->undoStack()->push(ReviewCommand::markSheetReviewed(*mDocument));
    });

    mExportTrainingAction = new QAction(tr("Export &Training Data..."), this);
    mExportTrainingAction->setToolTip(tr("Write the reviewed labels as a training case folder for veer-cli train"));
    connect(mExportTrainingAction, &QAction::triggered, this, [this] {
        if (!mDocument)
            return;
        QSettings settings;
        const QString parent = QFileDialog::getExistingDirectory(this, tr("Export Training Data Into"),
                                                                 settings.value(QStringLiteral("lastTrainingDir")).toString());
        if (parent.isEmpty())
            return;
        settings.setValue(QStringLiteral("lastTrainingDir"), parent);
        const QString name = trainingCaseName(mDocument->fileName().isEmpty() ? mDocument->sheetPath() : mDocument->fileName());
        const QString folder = QDir(parent).filePath(name);
        bool overwrite = false;
        if (QFileInfo::exists(QDir(folder).filePath(QStringLiteral("labels.png")))) {
            if (QMessageBox::question(this, tr("Replace Training Case?"),
                                      tr("%1 already holds a training case. Replace it?").arg(QDir::toNativeSeparators(folder)))
                != QMessageBox::Yes)
                return;
            overwrite = true;
        }
        const Status status = exportTrainingData(folder, overwrite);
        if (!status)
            QMessageBox::critical(this, tr("Cannot Export Training Data"), status.error());
        else
            statusBar()->showMessage(tr("Training case written to %1").arg(QDir::toNativeSeparators(folder)), 8000);
    });

    // File menu: after Export Log; the Review menu goes before Help.
    const QList<QAction *> menus = menuBar()->actions();
    if (!menus.isEmpty() && menus.first()->menu()) {
        QMenu *file = menus.first()->menu();
        const QList<QAction *> items = file->actions();
        const qsizetype at = items.indexOf(mExportAction);
        file->insertAction(at >= 0 && at + 1 < items.size() ? items[at + 1] : nullptr, mExportTrainingAction);
    }
    auto *review = new QMenu(tr("Re&view"), this);
    review->addAction(mDoubtDock->nextAction());
    review->addAction(mDoubtDock->previousAction());
    review->addAction(mDoubtDock->acceptAction());
    review->addSeparator();
    review->addAction(mMarkVisibleReviewedAction);
    review->addAction(mMarkSheetReviewedAction);
    review->addSeparator();
    review->addAction(mDoubtDock->toggleViewAction());
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), review);
}

QString MainWindow::reviewedCasesDir()
{
    return QDir(ModelRegistry::defaultModelsDir()).filePath(QStringLiteral("reviewed-sheets"));
}

void MainWindow::offerReviewedRows(RetrainDialog &dialog)
{
    // The open sheet's reviewed rows become a training case of their own (rewritten each time, so
    // it holds the latest corrections); the folder of such cases is offered to the fine-tune.
    if (!mDocument || mDocument->review().reviewed().isEmpty() || mDocument->labels().empty())
        return;
    const QString name = QFileInfo(mDocument->sheetPath()).completeBaseName()
                         + (mDocument->page() > 0 ? QStringLiteral("-page%1").arg(mDocument->page() + 1) : QString());
    const QString folder = QDir(reviewedCasesDir()).filePath(name);
    const Status written = exportTrainingData(folder, true);
    if (!written) {
        statusBar()->showMessage(tr("The reviewed rows could not be offered for retraining: %1").arg(written.error()), 10000);
        return;
    }
    QStringList folders = dialog.dataFolders();
    if (!folders.contains(reviewedCasesDir()))
        dialog.setDataFolders(folders << reviewedCasesDir());
    int rows = 0;
    const auto &tracks = mDocument->review().reviewed().tracks();
    for (int t = 0; t < int(tracks.size()); ++t)
        rows += mDocument->review().reviewed().reviewedRows(t);
    statusBar()->showMessage(tr("This sheet's reviewed rows (%1 track rows) are offered for retraining, in %2")
                                 .arg(rows).arg(QDir::toNativeSeparators(folder)),
                             10000);
}

Status MainWindow::exportTrainingData(const QString &folder, bool overwrite)
{
    if (!mDocument)
        return Status::failure(tr("No sheet is open"));
    const Document &d = *mDocument;
    auto grey = d.source()->readGrey(QRect(0, 0, d.sheetWidth(), d.sheetHeight()));
    if (!grey)
        return Status::failure(grey.error());
    auto trainingCase = makeTrainingCase(*grey, d.labels(), d.calibration(), d.review().reviewed());
    if (!trainingCase)
        return Status::failure(QStringLiteral("%1: %2").arg(d.displayName(), trainingCase.error()));
    return writeTrainingCase(*trainingCase, folder, overwrite);
}

} // namespace veer
