// The actions, menus and toolbars of MainWindow (split from mainwindow.cpp to keep files readable).
#include "mainwindow.h"

#include "calibrationcommands.h"
#include "calibrationdock.h"
#include "calibrationlayer.h"
#include "calibrationtool.h"
#include "labelbrushtool.h"
#include "swapcurvestool.h"
#include "traceedittool.h"
#include "depthruler.h"
#include "exportdialog.h"
#include "labellayer.h"
#include "layersdock.h"
#include "logview.h"
#include "modeldialog.h"
#include "retraindialog.h"
#include "runcontroller.h"
#include "shortcutsdialog.h"
#include "tracelayer.h"
#include "document.h"
#include "navigatetool.h"
#include "projectfile.h"
#include "projectmanager.h"
#include "recentfiles.h"
#include "sheetview.h"
#include "tilepyramid.h"
#include "toolmanager.h"
#include "versions.h"

#include "raster/rastersource.h"
#include "trace/curvesampler.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace veer {

void MainWindow::createActions()
{
    mOpenAction = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open..."), this);
    mOpenAction->setShortcut(QKeySequence::Open);
    mOpenAction->setToolTip(tr("Open a scanned sheet or a project"));
    connect(mOpenAction, &QAction::triggered, this, &MainWindow::openDialog);

    mCloseAction = new QAction(tr("&Close"), this);
    mCloseAction->setShortcut(QKeySequence::Close);
    connect(mCloseAction, &QAction::triggered, this, &MainWindow::closeDocument);

    mQuitAction = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this);
    mQuitAction->setShortcut(QKeySequence::Quit);
    mQuitAction->setMenuRole(QAction::QuitRole);
    connect(mQuitAction, &QAction::triggered, this, &QWidget::close);

    mZoomInAction = new QAction(QIcon::fromTheme(QStringLiteral("zoom-in")), tr("Zoom &In"), this);
    mZoomInAction->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(mZoomInAction, &QAction::triggered, mView, &SheetView::zoomIn);
    mZoomOutAction = new QAction(QIcon::fromTheme(QStringLiteral("zoom-out")), tr("Zoom &Out"), this);
    mZoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(mZoomOutAction, &QAction::triggered, mView, &SheetView::zoomOut);
    mFitWidthAction = new QAction(QIcon::fromTheme(QStringLiteral("zoom-fit-width")), tr("Fit &Width"), this);
    mFitWidthAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(mFitWidthAction, &QAction::triggered, mView, &SheetView::fitWidth);
    mFitPageAction = new QAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), tr("Fit &Page"), this);
    mFitPageAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_0));
    connect(mFitPageAction, &QAction::triggered, mView, &SheetView::fitPage);
    mActualSizeAction = new QAction(QIcon::fromTheme(QStringLiteral("zoom-original")), tr("&Actual Pixels (1:1)"), this);
    mActualSizeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(mActualSizeAction, &QAction::triggered, mView, &SheetView::actualSize);
    mGoToDepthAction = new QAction(tr("&Go to Depth..."), this);
    mGoToDepthAction->setObjectName(QStringLiteral("goToDepthAction"));
    mGoToDepthAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(mGoToDepthAction, &QAction::triggered, this, [this] {
        if (!mDocument)
            return;
        if (!mDocument->hasDepth()) {
            QMessageBox::information(this, tr("Go to Depth"), tr("Set two depth ties first: the sheet has no depths yet."));
            return;
        }
        const Calibration &cal = mDocument->calibration();
        const double top = cal.depthAtRow(0), bottom = cal.depthAtRow(mDocument->sheetHeight() - 1);
        const double here = cal.depthAtRow(mView->visibleImageRect().center().y());
        bool ok = false;
        const double depth = QInputDialog::getDouble(this, tr("Go to Depth"),
                                                     tr("Depth (%1), %2 to %3:").arg(cal.depthUnit.toLower())
                                                         .arg(std::min(top, bottom), 0, 'f', 1).arg(std::max(top, bottom), 0, 'f', 1),
                                                     here, std::min(top, bottom), std::max(top, bottom), 2, &ok);
        if (ok)
            goToDepth(depth);
    });
    mTopAction = new QAction(tr("Go to &Top"), this);
    mTopAction->setShortcut(QKeySequence(Qt::Key_Home));
    connect(mTopAction, &QAction::triggered, this, [this] { mView->verticalScrollBar()->setValue(0); });
    mBottomAction = new QAction(tr("Go to &Bottom"), this);
    mBottomAction->setShortcut(QKeySequence(Qt::Key_End));
    connect(mBottomAction, &QAction::triggered, this,
            [this] { mView->verticalScrollBar()->setValue(mView->verticalScrollBar()->maximum()); });
    // Home and End move within tables, lists and combo boxes elsewhere: on the sheet only.
    for (QAction *a : {mTopAction, mBottomAction}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        mView->addAction(a);
    }

    mAutoCalibrateAction = new QAction(tr("&Auto-Calibrate"), this);
    mAutoCalibrateAction->setObjectName(QStringLiteral("autoCalibrateAction"));
    mAutoCalibrateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    mAutoCalibrateAction->setToolTip(tr("Propose the whole calibration from the sheet: tracks, log interval, depth ties "
                                        "(read from the printed depth numbers) and, where printed, the curve scales"));
    connect(mAutoCalibrateAction, &QAction::triggered, this, &MainWindow::autoCalibrate);
    mImportCalibrationAction = new QAction(tr("&Import Calibration..."), this);
    mImportCalibrationAction->setToolTip(tr("Replace the calibration with a veer-calibration/1 file"));
    connect(mImportCalibrationAction, &QAction::triggered, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Calibration"),
                                                          settings.value(QStringLiteral("lastCalibrationDir")).toString(),
                                                          tr("Veer calibration (*.json);;All files (*)"));
        if (path.isEmpty())
            return;
        settings.setValue(QStringLiteral("lastCalibrationDir"), QFileInfo(path).absolutePath());
        const Status status = importCalibration(path);
        if (!status)
            QMessageBox::critical(this, tr("Cannot Import Calibration"), status.error());
    });
    mExportCalibrationAction = new QAction(tr("&Export Calibration..."), this);
    mExportCalibrationAction->setToolTip(tr("Write the calibration as a veer-calibration/1 file"));
    connect(mExportCalibrationAction, &QAction::triggered, this, [this] {
        if (!mDocument)
            return;
        const QString invalid = mDocument->calibration().validate(Calibration::Wording::Words);
        if (!invalid.isEmpty()) {
            QMessageBox::warning(this, tr("Calibration Incomplete"), tr("The calibration cannot be exported yet: %1").arg(invalid));
            return;
        }
        QSettings settings;
        const QString start = QDir(settings.value(QStringLiteral("lastCalibrationDir")).toString())
                                  .filePath(QFileInfo(mDocument->sheetPath()).completeBaseName() + QStringLiteral(".calibration.json"));
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Calibration"), start,
                                                          tr("Veer calibration (*.json)"));
        if (path.isEmpty())
            return;
        settings.setValue(QStringLiteral("lastCalibrationDir"), QFileInfo(path).absolutePath());
        const Status status = exportCalibration(path);
        if (!status)
            QMessageBox::critical(this, tr("Cannot Export Calibration"), status.error());
        else
            statusBar()->showMessage(tr("Calibration written to %1").arg(QDir::toNativeSeparators(path)), 5000);
    });
    mShowCalibrationAction = new QAction(tr("Show &Calibration"), this);
    mShowCalibrationAction->setCheckable(true);
    mShowCalibrationAction->setChecked(true);
    mShowCalibrationAction->setShortcut(QKeySequence(Qt::Key_K));
    connect(mShowCalibrationAction, &QAction::toggled, this, [this](bool on) {
        mCalibrationLayer->setVisible(on || mTools->activeTool() == mCalibrationTool);
        mView->viewport()->update();
    });

    mAboutAction = new QAction(tr("&About Veer"), this);
    mAboutAction->setMenuRole(QAction::AboutRole);
    connect(mAboutAction, &QAction::triggered, this, &MainWindow::about);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(mOpenAction);
    mRecentMenu = file->addMenu(tr("Open &Recent"));
    mRecent = new RecentFiles(*mRecentMenu, this);
    connect(mRecent, &RecentFiles::openRequested, this, &MainWindow::openInteractive);
    connect(mProjects, &ProjectManager::saved, mRecent, &RecentFiles::add);
    file->addSeparator();
    file->addAction(mSaveAction);
    file->addAction(mSaveAsAction);
    file->addSeparator();
    file->addAction(mExportAction);
    file->addSeparator();
    file->addAction(mImportCalibrationAction);
    file->addAction(mExportCalibrationAction);
    file->addSeparator();
    file->addAction(mLoadReferenceAction);
    file->addAction(mClearReferenceAction);
    file->addSeparator();
    file->addAction(mCloseAction);
    file->addSeparator();
    file->addAction(mQuitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = new QAction(QIcon::fromTheme(QStringLiteral("edit-undo")), tr("&Undo"), this);
    undo->setShortcut(QKeySequence::Undo);
    undo->setEnabled(false);
    QAction *redo = new QAction(QIcon::fromTheme(QStringLiteral("edit-redo")), tr("&Redo"), this);
    redo->setShortcut(QKeySequence::Redo);
    redo->setEnabled(false);
    connect(undo, &QAction::triggered, this, [this] {
        if (mDocument)
            mDocument->undoStack()->undo();
    });
    connect(redo, &QAction::triggered, this, [this] {
        if (mDocument)
            mDocument->undoStack()->redo();
    });
    edit->addAction(undo);
    edit->addAction(redo);
    mUndoAction = undo;
    mRedoAction = redo;

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(mZoomInAction);
    view->addAction(mZoomOutAction);
    view->addSeparator();
    view->addAction(mFitWidthAction);
    view->addAction(mFitPageAction);
    view->addAction(mActualSizeAction);
    view->addSeparator();
    view->addAction(mGoToDepthAction);
    view->addAction(mTopAction);
    view->addAction(mBottomAction);
    view->addSeparator();
    view->addAction(mShowCalibrationAction);
    QMenu *panels = view->addMenu(tr("&Panels"));
    panels->addAction(mCalibrationDock->toggleViewAction());
    panels->addAction(mLayersDock->toggleViewAction());
    QAction *logViewAction = panels->addAction(tr("&Log View"));
    logViewAction->setCheckable(true);
    logViewAction->setChecked(true);
    logViewAction->setShortcut(QKeySequence(Qt::Key_L));
    connect(logViewAction, &QAction::toggled, mLogView, &QWidget::setVisible);
    QMenu *layers = view->addMenu(tr("&Layers"));
    for (int c = 0; c < 3; ++c)
        layers->addAction(mLayersDock->classAction(c));
    layers->addAction(mLayersDock->traceAction());

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(mSegmentAction);
    run->addAction(mDigitizeAction);
    run->addAction(mCancelRunAction);

    mToolsMenu = menuBar()->addMenu(tr("&Tools"));
    mToolsMenu->addActions(mTools->actionGroup()->actions());
    mToolsMenu->addSeparator();
    mToolsMenu->addAction(mAutoCalibrateAction);
    mToolsMenu->addSeparator();
    mToolsMenu->addActions(mBrushTool->actions());
    mToolsMenu->addSeparator();
    mToolsMenu->addActions(mTraceEditTool->actions());

    QMenu *model = menuBar()->addMenu(tr("&Model"));
    model->addAction(mModelAction);
    QAction *retrain = model->addAction(tr("&Retrain..."));
    retrain->setObjectName(QStringLiteral("retrainAction"));
    connect(retrain, &QAction::triggered, this, [this] {
        // One modeless dialog: a fine-tune keeps running while the user reviews sheets.
        auto *dialog = findChild<RetrainDialog *>();
        if (!dialog) {
            dialog = new RetrainDialog(ModelRegistry::defaultModelsDir(), QString(), this);
            connect(dialog, &RetrainDialog::activeModelChanged, this, [this](const QString &path) {
                mRun->setModelPath(path);
                statusBar()->showMessage(tr("Segmenting with %1").arg(QDir::toNativeSeparators(path)), 8000);
            });
        }
        offerReviewedRows(*dialog);
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"));
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    connect(shortcuts, &QAction::triggered, this, [this] {
        auto *dialog = new ShortcutsDialog(*this, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    help->addSeparator();
    help->addAction(mAboutAction);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addAction(mOpenAction);
    bar->addAction(mSaveAction);
    bar->addSeparator();
    bar->addAction(undo);
    bar->addAction(redo);
    bar->addSeparator();
    bar->addAction(mZoomOutAction);
    bar->addAction(mZoomInAction);
    bar->addAction(mFitWidthAction);
    bar->addAction(mActualSizeAction);
    bar->addSeparator();
    bar->addActions(mTools->actionGroup()->actions());
    bar->addSeparator();
    bar->addAction(mSegmentAction);
    bar->addAction(mDigitizeAction);
    bar->addAction(mExportAction);
    mMainToolBar = bar;
}

void MainWindow::createRunActions()
{
    mSegmentAction = new QAction(QIcon::fromTheme(QStringLiteral("system-run")), tr("&Segment"), this);
    mSegmentAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(mSegmentAction, &QAction::triggered, this, [this] {
        const QString blocker = mRun->segmentBlocker();
        if (!blocker.isEmpty())
            QMessageBox::information(this, tr("Segment"), blocker);
        else
            mRun->segment();
    });
    mDigitizeAction = new QAction(tr("&Digitize"), this);
    mDigitizeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(mDigitizeAction, &QAction::triggered, this, [this] {
        const QString blocker = mRun->digitizeBlocker();
        if (!blocker.isEmpty())
            QMessageBox::information(this, tr("Digitize"), blocker);
        else
            mRun->digitize();
    });
    mCancelRunAction = new QAction(tr("&Cancel Run"), this);
    mCancelRunAction->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(mCancelRunAction, &QAction::triggered, mRun, &RunController::cancel);
    connect(mCancelButton, &QPushButton::clicked, mRun, &RunController::cancel);
    mExportAction = new QAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("&Export Log..."), this);
    mExportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(mExportAction, &QAction::triggered, this, &MainWindow::exportDialog);
    // Segment with the model version made active in the per-user registry (the shipped default unless one was).
    mRun->setModelPath(ModelRegistry().activePath());
    mModelAction = new QAction(tr("Segmentation &Model..."), this);
    connect(mModelAction, &QAction::triggered, this, &MainWindow::showModelCard);

    connect(mRun, &RunController::started, this, [this](const QString &title) {
        mProgress->setFormat(title + QStringLiteral(" %p%"));
        // Wide enough for the title at 100 % and the bar's frame, whatever the style and font.
        const int text = mProgress->fontMetrics().horizontalAdvance(title + QStringLiteral(" 100%"));
        mProgress->setMinimumWidth(std::min(text + 4 * mProgress->fontMetrics().averageCharWidth() + 16, 420));
        mProgress->setValue(0);
        mProgress->show();
        mCancelButton->show();
    });
    connect(mRun, &RunController::progress, this, [this](double percent, const QString &message) {
        mProgress->setValue(int(percent));
        if (!message.isEmpty())
            mProgress->setToolTip(message);
    });
    connect(mRun, &RunController::runningChanged, this, &MainWindow::updateActions);
    connect(mRun, &RunController::finished, this, [this](bool ok, bool canceled, const QString &message) {
        mProgress->hide();
        mCancelButton->hide();
        if (ok || canceled)
            statusBar()->showMessage(message, 8000);
        else if (isVisible())
            QMessageBox::critical(this, tr("Run Failed"), message);
        else
            statusBar()->showMessage(message);
        updateActions();
    });
}

void MainWindow::createProjectActions()
{
    mSaveAction = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save Project"), this);
    mSaveAction->setShortcut(QKeySequence::Save);
    connect(mSaveAction, &QAction::triggered, this, [this] {
        if (mDocument)
            mProjects->save(*mDocument);
    });
    mSaveAsAction = new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save Project &As..."), this);
    mSaveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(mSaveAsAction, &QAction::triggered, this, [this] {
        if (mDocument)
            mProjects->saveAs(*mDocument);
    });
    connect(mProjects, &ProjectManager::saved, this, [this](const QString &folder) {
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(folder)), 5000);
    });
    mLoadReferenceAction = new QAction(tr("Load &Reference LAS..."), this);
    mLoadReferenceAction->setToolTip(tr("Overlay a LAS file on the log view for QC"));
    connect(mLoadReferenceAction, &QAction::triggered, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(this, tr("Load Reference LAS"),
                                                          settings.value(QStringLiteral("lastReferenceDir")).toString(),
                                                          tr("LAS files (*.las *.LAS);;All files (*)"));
        if (path.isEmpty())
            return;
        settings.setValue(QStringLiteral("lastReferenceDir"), QFileInfo(path).absolutePath());
        const Status status = loadReferenceLas(path);
        if (!status)
            QMessageBox::critical(this, tr("Cannot Load Reference LAS"), status.error());
    });
    mClearReferenceAction = new QAction(tr("C&lear Reference LAS"), this);
    connect(mClearReferenceAction, &QAction::triggered, this, [this] {
        mLogView->setReference(std::nullopt);
        updateActions();
    });
}

} // namespace veer
