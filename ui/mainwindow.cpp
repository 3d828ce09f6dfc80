#include "mainwindow.h"

#include "calibrationcommands.h"
#include "calibrationdock.h"
#include "calibrationlayer.h"
#include "calibrationtool.h"
#include "labelbrushtool.h"
#include "swapcurvestool.h"
#include "traceedittool.h"
#include "depthruler.h"
#include "doubtdock.h"
#include "doubtlayer.h"
#include "exportdialog.h"
#include "labellayer.h"
#include "layersdock.h"
#include "logview.h"
#include "modeldialog.h"
#include "runcontroller.h"
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
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

#include <cmath>

namespace veer {

namespace {

QString sheetFilter()
{
    return QObject::tr("Sheets and projects (*.tif *.tiff *.png *.jpg *.jpeg *.bmp *.gif project.json);;"
                       "Veer projects (project.json);;Scanned sheets (*.tif *.tiff *.png *.jpg *.jpeg *.bmp *.gif);;"
                       "All files (*)");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , mView(new SheetView)
    , mRuler(new DepthRuler(*mView))
    , mTools(new ToolManager(*mView, this))
    , mCursorLabel(new QLabel)
    , mZoomLabel(new QLabel)
    , mBuildLabel(new QLabel)
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    mProjects = new ProjectManager(*this);
    connect(&mProjects->autoSaver(), &AutoSaver::failed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(message), 10000);
    });
    mLogView = new LogView(*mView);
    setCentralWidget(createCentralWidget());

    mLabelLayer = std::make_unique<LabelLayer>();
    mTraceLayer = std::make_unique<TraceLayer>();
    mCalibrationLayer = std::make_unique<CalibrationLayer>();
    mView->addLayer(mLabelLayer.get());
    mView->addLayer(mTraceLayer.get());
    mView->addLayer(mCalibrationLayer.get());
    mRun = new RunController(this);
    mTools->registerTool(new NavigateTool);
    mCalibrationTool = new CalibrationTool(*mCalibrationLayer);
    mTools->registerTool(mCalibrationTool);
    mBrushTool = new LabelBrushTool;
    mTools->registerTool(mBrushTool);
    mSwapTool = new SwapCurvesTool;
    mTools->registerTool(mSwapTool);
    mTraceEditTool = new TraceEditTool;
    mTools->registerTool(mTraceEditTool);

    statusBar()->addWidget(mCursorLabel, 1);
    mToolHintLabel = new QLabel;  // permanent, so messages never hide what the tool will do
    statusBar()->addPermanentWidget(mToolHintLabel);
    const auto showToolHint = [this] {
        const AbstractTool *tool = mTools->activeTool();
        mToolHintLabel->setText(tool ? tool->statusHint() : QString());
    };
    connect(mBrushTool, &AbstractTool::statusHintChanged, this, showToolHint);
    connect(mSwapTool, &AbstractTool::statusHintChanged, this, showToolHint);
    connect(mTraceEditTool, &AbstractTool::statusHintChanged, this, showToolHint);
    connect(mCalibrationTool, &AbstractTool::statusHintChanged, this, showToolHint);
    connect(mTraceEditTool, &TraceEditTool::notice, this, [this](const QString &message) {
        statusBar()->showMessage(message, 5000);
    });
    statusBar()->addPermanentWidget(mBuildLabel);
    mProgress = new QProgressBar;
    mProgress->setRange(0, 100);
    mProgress->setMaximumWidth(420);
    mProgress->setTextVisible(true);
    mProgress->hide();
    mCancelButton = new QPushButton(tr("Cancel"));
    mCancelButton->hide();
    statusBar()->addPermanentWidget(mProgress);
    statusBar()->addPermanentWidget(mCancelButton);
    statusBar()->addPermanentWidget(mZoomLabel);
    mCursorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    createActions();
    mCalibrationDock = new CalibrationDock(*mAutoCalibrateAction, *mImportCalibrationAction, *mExportCalibrationAction, this);
    addDockWidget(Qt::RightDockWidgetArea, mCalibrationDock);
    mLayersDock = new LayersDock(*mLabelLayer, *mTraceLayer, *mView, this);
    addDockWidget(Qt::RightDockWidgetArea, mLayersDock);
    createRunActions();
    createProjectActions();
    createMenus();
    createReviewActions();
    // The open document reaches everything that shows or edits it through one signal.
    connect(this, &MainWindow::documentChanged, this, [this](Document *document) {
        mLogView->setDocument(document);
        mRuler->setDocument(document);
        mCalibrationLayer->setDocument(document);
        mCalibrationDock->setDocument(document);
        mRun->setDocument(document);
        mLabelLayer->setDocument(document);
        mTraceLayer->setDocument(document);
        mDoubtLayer->setDocument(document);
        mDoubtDock->setDocument(document);
    });
    connect(this, &MainWindow::documentChanged, mTools, &ToolManager::setDocument);
    connect(mTools, &ToolManager::activeToolChanged, this, [this](AbstractTool *tool) {
        mCalibrationLayer->setVisible(tool == mCalibrationTool || mShowCalibrationAction->isChecked());
        if (tool == mCalibrationTool)
            mCalibrationDock->show();
        mToolHintLabel->setText(tool ? tool->statusHint() : QString());
        mView->viewport()->update();
    });

    connect(mView, &SheetView::viewChanged, this, &MainWindow::updateZoomLabel);
    connect(mView, &SheetView::cursorMoved, this, &MainWindow::showCursor);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    mSplitter->restoreState(settings.value(QStringLiteral("mainWindow/splitter")).toByteArray());
    if (!settings.contains(QStringLiteral("mainWindow/geometry")))
        resize(1280, 860);
    updateActions();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // Tools and layers refer to each other and to the document; take them down in order. The document
    // goes last, so nothing it or its undo stack says on the way down may reach this window.
    if (mDocument) {
        mDocument->disconnect(this);
        mDocument->undoStack()->disconnect(this);
    }
    mView->setToolManager(nullptr);
    delete mTools;
    mView->removeLayer(mCalibrationLayer.get());
    mView->removeLayer(mLabelLayer.get());
    mView->removeLayer(mTraceLayer.get());
    mView->removeLayer(mDoubtLayer.get());
    delete mRun;
    mView->setPyramid(nullptr);
    mRuler->setDocument(nullptr);
}

void MainWindow::updateActions()
{
    const bool open = mDocument != nullptr;
    for (QAction *a : {mCloseAction, mSaveAction, mSaveAsAction, mLoadReferenceAction, mAutoCalibrateAction, mImportCalibrationAction, mExportCalibrationAction, mZoomInAction, mZoomOutAction, mFitWidthAction, mFitPageAction, mActualSizeAction})
        a->setEnabled(open);
    const bool running = mRun->isRunning();
    mClearReferenceAction->setEnabled(mLogView->reference().has_value());
    mSegmentAction->setEnabled(open && !running);
    mDigitizeAction->setEnabled(open && !running);
    mCancelRunAction->setEnabled(running);
    mExportAction->setEnabled(open && mDocument->trace().has_value() && !running);
    mSegmentAction->setToolTip(open ? mRun->segmentBlocker() : QString());
    mDigitizeAction->setToolTip(open ? mRun->digitizeBlocker() : QString());
    mUndoAction->setEnabled(open && !running && mDocument->undoStack()->canUndo());
    mRedoAction->setEnabled(open && !running && mDocument->undoStack()->canRedo());
    // Closed, nothing is left to undo: the actions name no command of the closed document.
    mUndoAction->setText(open ? tr("&Undo %1").arg(mDocument->undoStack()->undoText()).trimmed() : tr("&Undo"));
    mRedoAction->setText(open ? tr("&Redo %1").arg(mDocument->undoStack()->redoText()).trimmed() : tr("&Redo"));
    // The toolbar keeps a fixed label, so it never jumps as the command's name changes; the
    // menu and the tooltip name the command.
    mUndoAction->setIconText(tr("Undo"));
    mRedoAction->setIconText(tr("Redo"));
    mUndoAction->setToolTip(QString(mUndoAction->text()).remove(QLatin1Char('&')));
    mRedoAction->setToolTip(QString(mRedoAction->text()).remove(QLatin1Char('&')));
}

void MainWindow::updateTitle()
{
    if (!mDocument) {
        setWindowTitle(tr("Veer"));
        setWindowModified(false);
        return;
    }
    QString name = mDocument->displayName();
    if (mDocument->source()->info().pageCount > 1)
        name += tr(" (page %1 of %2)").arg(mDocument->page() + 1).arg(mDocument->source()->info().pageCount);
    setWindowTitle(tr("%1[*] - Veer").arg(name));
    setWindowModified(mDocument->isModified());
}

void MainWindow::updateZoomLabel()
{
    if (!mDocument) {
        mZoomLabel->clear();
        return;
    }
    mZoomLabel->setText(tr("%1%").arg(mView->scale() * 100.0, 0, 'f', mView->scale() < 0.1 ? 1 : 0));
}

void MainWindow::showCursor(const QPointF &imagePos, bool inside)
{
    if (!mDocument || !inside) {
        mCursorLabel->clear();
        mRuler->setCursorRow(-1);
        mLogView->setCursorRow(-1);
        return;
    }
    const int x = int(imagePos.x());
    const int y = int(imagePos.y());
    QString text = tr("x %1  y %2").arg(x).arg(y);
    if (mDocument->hasDepth()) {
        const Calibration &cal = mDocument->calibration();
        const int section = cal.sectionAt(imagePos.y());
        text += tr("   depth %1 %2").arg(cal.depthOnSheet(imagePos.y()), 0, 'f', 2).arg(cal.depthUnit);
        if (section >= 0)
            text += tr(" (section %1)").arg(cal.sections[size_t(section)].name);
    }
    text += cursorValues(imagePos);
    mCursorLabel->setText(text);
    mRuler->setCursorRow(imagePos.y());
    mLogView->setCursorRow(imagePos.y());
}

QString MainWindow::cursorValues(const QPointF &imagePos) const
{
    if (!mDocument || !mDocument->trace())
        return {};
    const TraceResult &trace = *mDocument->trace();
    const Calibration &cal = mDocument->calibration();
    QString text;
    for (size_t t = 0; t < trace.tracks.size() && t < cal.tracks.size(); ++t) {
        const Track &track = cal.tracks[t];
        for (size_t c = 0; c < trace.tracks[t].curves.size() && c < track.curves.size(); ++c) {
            float confidence = 0.0f;
            const double v = CurveSampler::valueAtRow(trace.tracks[t].curves[c], trace.firstRow, track, track.curves[c],
                                                      imagePos.y(), &confidence);
            text += std::isfinite(v) ? tr("   %1 %2").arg(track.curves[c].mnemonic).arg(v, 0, 'g', 5)
                                     : tr("   %1 -").arg(track.curves[c].mnemonic);
        }
    }
    return text;
}

QWidget *MainWindow::createCentralWidget()
{
    auto *sheet = new QWidget;
    auto *layout = new QHBoxLayout(sheet);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(mRuler);
    layout->addWidget(mView, 1);
    mSplitter = new QSplitter(Qt::Horizontal);
    mSplitter->setObjectName(QStringLiteral("sheetSplitter"));
    mSplitter->addWidget(sheet);
    mSplitter->addWidget(mLogView);
    mSplitter->setStretchFactor(0, 3);
    mSplitter->setStretchFactor(1, 1);
    mSplitter->setSizes({900, 340});
    return mSplitter;
}

void MainWindow::setLogViewWidth(int pixels)
{
    mSplitter->setSizes({std::max(100, std::max(mSplitter->width(), width() - 300) - pixels), pixels});
}

Status MainWindow::openProject(const QString &path)
{
    auto document = mProjects->load(path);
    if (!document)
        return Status::failure(document.error());
    setDocument(document.take());
    mRecent->add(mDocument->fileName());
    statusBar()->showMessage(tr("Opened project %1").arg(QDir::toNativeSeparators(mDocument->fileName())), 8000);
    return {};
}

Status MainWindow::saveProject(const QString &path)
{
    if (!mDocument)
        return Status::failure(tr("no sheet is open"));
    return mProjects->saveTo(*mDocument, path);
}

bool MainWindow::offerRecovery()
{
    if (mDocument && mDocument->isModified())
        return false;
    std::unique_ptr<Document> recovered = mProjects->offerRecovery();
    if (!recovered)
        return false;
    setDocument(std::move(recovered));
    statusBar()->showMessage(tr("Recovered unsaved changes; save to keep them"), 10000);
    return true;
}

Status MainWindow::loadReferenceLas(const QString &path)
{
    if (!mDocument)
        return Status::failure(tr("no sheet is open"));
    const Status status = mLogView->loadReference(path);
    if (status && (mLogView->matchedReferenceCurves() == 0 || !mDocument->hasDepth()))
        statusBar()->showMessage(tr("%1: nothing to draw until a curve's mnemonic matches and the sheet has depth ties")
                                     .arg(QFileInfo(path).fileName()), 8000);
    updateActions();
    return status;
}

void MainWindow::showModelCard()
{
    const auto info = mRun->modelInfo();
    ModelDialog dialog(mRun->modelPath(), info ? &*info : nullptr, info ? QString() : info.error(), this);
    dialog.exec();
}

void MainWindow::exportDialog()
{
    if (!mDocument || !mDocument->trace())
        return;
    ExportDialog dialog(*mDocument, this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(dialog.settings().lasPath.isEmpty()
                                                                                   ? dialog.settings().csvPath
                                                                                   : dialog.settings().lasPath)), 8000);
}

bool MainWindow::isDisplayComplete() const
{
    return mPyramid && mPyramid->isBuilt() && mPyramid->isIdle() && mView->isSharp();
}

void MainWindow::openDialog()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastOpenDir"), QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Sheet"), dir, sheetFilter());
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastOpenDir"), QFileInfo(path).absolutePath());
    openInteractive(path);
}

bool MainWindow::openInteractive(const QString &path)
{
    if (!closeDocument())
        return false;
    if (ProjectFile::isProject(path) || path.endsWith(QString::fromLatin1(ProjectFile::kExtension))) {
        const Status status = openProject(path);
        if (!status) {
            QMessageBox::critical(this, tr("Cannot Open Project"), status.error());
            if (!QFileInfo::exists(path))
                mRecent->remove(path);
        }
        return status.ok();
    }
    auto probe = RasterSource::open(path, 0);
    if (!probe) {
        QMessageBox::critical(this, tr("Cannot Open Sheet"), probe.error());
        if (!QFileInfo::exists(path))
            mRecent->remove(path);
        return false;
    }
    int page = 0;
    const int pageCount = (*probe)->info().pageCount;
    probe = Result<std::shared_ptr<RasterSource>>::failure({});
    if (pageCount > 1) {
        page = mProjects->prompts().page(path, pageCount);
        if (page < 0)
            return false;
    }
    const Status status = openSheet(path, page);
    if (!status) {
        QMessageBox::critical(this, tr("Cannot Open Sheet"), status.error());
        return false;
    }
    return true;
}

Calibration MainWindow::startingCalibration()
{
    // The depth unit of the sheets calibrated last, else the system's measurement system; the
    // output step follows the unit.
    QString unit = QSettings().value(QStringLiteral("calibration/depthUnit")).toString();
    if (unit != QLatin1String("M") && unit != QLatin1String("FT"))
        unit = QLocale::system().measurementSystem() == QLocale::MetricSystem ? QStringLiteral("M") : QStringLiteral("FT");
    Calibration cal;
    cal.depthUnit = unit;
    cal.step = Calibration::defaultStep(unit);
    return cal;
}

Status MainWindow::openSheet(const QString &path, int page)
{
    auto doc = Document::openSheet(path, page);
    if (!doc)
        return Status::failure(doc.error());
    std::unique_ptr<Document> document = doc.take();
    // A synthetic or prepared sheet folder carries its calibration beside the image, as
    // calibration.json or NAME.calibration.json.
    QString sibling = QFileInfo(path).dir().filePath(QStringLiteral("calibration.json"));
    const QString named = QFileInfo(path).dir().filePath(QFileInfo(path).completeBaseName() + QStringLiteral(".calibration.json"));
    if (QFileInfo::exists(named))
        sibling = named;
    QString note;
    if (QFileInfo::exists(sibling)) {
        if (auto cal = Calibration::load(sibling)) {
            document->setCalibration(*cal);
            note = tr("; calibration read from %1").arg(QDir::toNativeSeparators(sibling));
        } else {
            note = tr("; %1 ignored: %2").arg(QFileInfo(sibling).fileName(), cal.error());
        }
    }
    if (document->calibration().ties.empty())
        document->setCalibration(startingCalibration());
    setDocument(std::move(document));
    mRecent->add(path);
    const RasterInfo &info = mDocument->source()->info();
    statusBar()->showMessage(tr("Opened %1: %2 x %3 px, %4-bit %5%6")
                                 .arg(QFileInfo(path).fileName()).arg(info.width).arg(info.height)
                                 .arg(info.bitsPerSample).arg(info.driver, note),
                             8000);
    return {};
}

void MainWindow::setDocument(std::unique_ptr<Document> document)
{
    mView->setPyramid(nullptr);
    mLogView->setReference(std::nullopt);
    // Everyone lets go of the old document before it goes, then takes the new one.
    Q_EMIT documentChanged(nullptr);
    mPyramid.reset();
    mDocument = std::move(document);
    // The autosaver goes straight to the new document: a recovered one keeps the recovery it has.
    mProjects->setDocument(mDocument.get());
    Q_EMIT documentChanged(mDocument.get());
    if (mDocument) {
        mPyramid = std::make_unique<TilePyramid>(mDocument->source());
        connect(mPyramid.get(), &TilePyramid::buildProgressChanged, this, [this](double percent) {
            mBuildLabel->setText(tr("Building overview %1%").arg(int(percent)));
        });
        connect(mPyramid.get(), &TilePyramid::buildFinished, mBuildLabel, &QLabel::clear);
        connect(mPyramid.get(), &TilePyramid::readFailed, this, [this](const QString &message) {
            statusBar()->showMessage(tr("Read error: %1").arg(message));
        });
        mView->setPyramid(mPyramid.get());
        QUndoStack *stack = mDocument->undoStack();
        connect(stack, &QUndoStack::indexChanged, this, &MainWindow::updateActions);
        connect(stack, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
        connect(mDocument.get(), &Document::fileNameChanged, this, &MainWindow::updateTitle);
        connect(mDocument.get(), &Document::changed, this, [this](const ChangeEvent &e) {
            if (e.type == ChangeEvent::LabelsChanged)
                mLabelLayer->invalidate();
            mView->viewport()->update();
            updateActions();
        });
    }
    mBuildLabel->clear();
    updateActions();
    updateTitle();
    updateZoomLabel();
}

bool MainWindow::closeDocument()
{
    if (!mDocument)
        return true;
    if (mRun->isRunning()) {
        if (QMessageBox::question(this, tr("Run in Progress"), tr("Cancel the run and close?")) != QMessageBox::Yes)
            return false;
        mRun->cancel();
    }
    if (!mProjects->maybeSave(*mDocument))
        return false;
    mProjects->documentClosed();
    setDocument(nullptr);
    return true;
}

Status MainWindow::importCalibration(const QString &path)
{
    if (!mDocument)
        return Status::failure(tr("no sheet is open"));
    auto cal = Calibration::load(path);
    if (!cal)
        return Status::failure(cal.error());
    mDocument->undoStack()->push(new ReplaceCalibrationCommand(*mDocument, *cal,
                                                               tr("Import Calibration %1").arg(QFileInfo(path).fileName())));
    return {};
}

Status MainWindow::exportCalibration(const QString &path) const
{
    if (!mDocument)
        return Status::failure(tr("no sheet is open"));
    const QString invalid = mDocument->calibration().validate();
    if (!invalid.isEmpty())
        return Status::failure(QStringLiteral("%1: %2").arg(path, invalid));
    return mDocument->calibration().save(path);
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Veer"),
                       tr("<h3>Veer</h3><p>Digitizes scanned well logs into LAS.</p>") + libraryVersionsHtml());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!closeDocument()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/splitter"), mSplitter->saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    const QString path = urls.first().toLocalFile();
    // Let the drop finish before any dialog opens.
    QMetaObject::invokeMethod(this, [this, path] { openInteractive(path); }, Qt::QueuedConnection);
}

bool MainWindow::goToDepth(double depth)
{
    if (!mDocument || !mDocument->hasDepth()) {
        statusBar()->showMessage(tr("The sheet has no depths yet: set two depth ties."), 5000);
        return false;
    }
    const double row = mDocument->calibration().rowAtDepth(depth);
    if (!std::isfinite(row) || row < 0 || row >= mDocument->sheetHeight()) {
        statusBar()->showMessage(tr("Depth %1 is not on this sheet.").arg(depth), 5000);
        return false;
    }
    mView->centerOn(QPointF(mView->visibleImageRect().center().x(), row));
    return true;
}

} // namespace veer
