#pragma once

#include "base/result.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QSplitter;
class QLabel;
class QProgressBar;
class QPushButton;
class QMenu;
class QToolBar;

namespace veer {

struct AutoCalibration;

class Calibration;
class RetrainDialog;
class CalibrationDock;
class DoubtDock;
class DoubtLayer;
class CalibrationLayer;
class CalibrationTool;
class LabelBrushTool;
class SwapCurvesTool;
class TraceEditTool;
class DepthRuler;
class LabelLayer;
class LayersDock;
class LogView;
class ProjectManager;
class RunController;
class TraceLayer;
class Document;
class RecentFiles;
class SheetView;
class TilePyramid;
class ToolManager;

/**
 * The review workstation's main window: menus, toolbar, status bar, the sheet view with its depth
 * ruler, and the open Document. Owns the document, the tile pyramid and the tool manager.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /**
     * Opens a sheet without asking anything: page `page` (zero-based). Returns the error (which
     * names the file) instead of showing it.
     */
    Status openSheet(const QString &path, int page = 0);
    /** Where the reviewed rows of open sheets are written as training cases for Model > Retrain. */
    static QString reviewedCasesDir();
    /** A new sheet's calibration: the depth unit used last (else the system's) and its step. */
    static Calibration startingCalibration();
    /**
     * Centres the view on `depth` (View > Go to Depth, Ctrl+G); false, with a word in the status
     * bar, when the sheet has no depths yet or the depth is off the sheet.
     */
    bool goToDepth(double depth);
    /**
     * Opens a sheet or a project (a NAME.veer folder or its project.json) with dialogs: a page
     * picker for multipage files, the moved-sheet question and a message box on errors.
     */
    bool openInteractive(const QString &path);
    /** Opens a project; asks only where a moved sheet is now. The error names the file. */
    Status openProject(const QString &path);
    /**
     * Saves the review as the project folder `path` (".veer" is added); replacing another
     * existing project asks the ProjectManager's confirmOverwrite prompt first.
     */
    Status saveProject(const QString &path);
    /** Offers to recover what an unclean exit left (start-up); true when a recovery was opened. */
    bool offerRecovery();
    /** Reads a reference LAS for the log view's QC overlay. */
    Status loadReferenceLas(const QString &path);

    Document *document() const { return mDocument.get(); }
    SheetView *sheetView() const { return mView; }
    TilePyramid *pyramid() const { return mPyramid.get(); }
    /** True when the overview is built and every visible tile is sharp (screenshots, tests). */
    bool isDisplayComplete() const;

    CalibrationTool *calibrationTool() const { return mCalibrationTool; }
    LabelBrushTool *brushTool() const { return mBrushTool; }
    SwapCurvesTool *swapTool() const { return mSwapTool; }
    TraceEditTool *traceEditTool() const { return mTraceEditTool; }
    CalibrationDock *calibrationDock() const { return mCalibrationDock; }
    ToolManager *toolManager() const { return mTools; }
    RunController *runController() const { return mRun; }
    LayersDock *layersDock() const { return mLayersDock; }
    DoubtDock *doubtDock() const { return mDoubtDock; }
    /** Writes the reviewed labels as a training case into `folder` (File > Export Training Data). */
    Status exportTrainingData(const QString &folder, bool overwrite);
    LogView *logView() const { return mLogView; }
    /** Gives the log view `pixels` of the splitter, the sheet the rest. */
    void setLogViewWidth(int pixels);
    ProjectManager *projectManager() const { return mProjects; }

    /**
     * Calibrate > Auto-Calibrate: proposes a calibration from the sheet in the background (with
     * progress and Cancel), then applies it as one undo step and lists what to confirm.
     */
    void autoCalibrate();
    /**
     * Applies a proposal as one undo step (a refused one applies the tracks it found, if any) and
     * says what it did; with `ask`, dialogs show the refusal or the parts to confirm.
     */
    QString applyProposal(const AutoCalibration &proposal, bool ask);
    /** Runs Auto-Calibrate to the end on this thread and applies it without dialogs (scripted use). */
    QString autoCalibrateNow();

    /** Replaces the calibration with a veer-calibration/1 file as one undo step. */
    Status importCalibration(const QString &path);
    Status exportCalibration(const QString &path) const;

    /** Closes the document, asking Save/Discard/Cancel if it has unsaved changes; false on Cancel. */
    bool closeDocument();

Q_SIGNALS:
    /** The open document changed (null: none open); everything that shows or edits it follows. */
    void documentChanged(veer::Document *document);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    /** Writes the open sheet's reviewed rows as a training case and offers its folder to `dialog`. */
    void offerReviewedRows(RetrainDialog &dialog);
    void createActions();
    void createMenus();
    void updateActions();
    void updateTitle();
    void updateZoomLabel();
    void showCursor(const QPointF &imagePos, bool inside);
    void openDialog();
    void setDocument(std::unique_ptr<Document> document);
    void about();
    void createRunActions();
    void createProjectActions();
    void createReviewActions();
    QWidget *createCentralWidget();
    void showModelCard();
    void exportDialog();
    /** Each traced curve's value under the cursor, for the status bar. */
    QString cursorValues(const QPointF &imagePos) const;

    std::unique_ptr<Document> mDocument;
    std::unique_ptr<TilePyramid> mPyramid;
    SheetView *mView;
    DepthRuler *mRuler;
    ToolManager *mTools;
    RecentFiles *mRecent = nullptr;
    std::unique_ptr<CalibrationLayer> mCalibrationLayer;
    CalibrationTool *mCalibrationTool = nullptr;
    LabelBrushTool *mBrushTool = nullptr;
    SwapCurvesTool *mSwapTool = nullptr;
    TraceEditTool *mTraceEditTool = nullptr;
    QLabel *mToolHintLabel = nullptr;
    CalibrationDock *mCalibrationDock = nullptr;
    QAction *mAutoCalibrateAction = nullptr;
    QAction *mImportCalibrationAction = nullptr;
    class AutoCalibrationJob *mAutoJob = nullptr;
    QAction *mExportCalibrationAction = nullptr;
    QAction *mShowCalibrationAction = nullptr;

    RunController *mRun = nullptr;
    std::unique_ptr<LabelLayer> mLabelLayer;
    std::unique_ptr<TraceLayer> mTraceLayer;
    LayersDock *mLayersDock = nullptr;
    QProgressBar *mProgress = nullptr;
    QPushButton *mCancelButton = nullptr;
    QAction *mSegmentAction = nullptr;
    QAction *mDigitizeAction = nullptr;
    QAction *mCancelRunAction = nullptr;
    QAction *mExportAction = nullptr;
    QAction *mModelAction = nullptr;

    ProjectManager *mProjects = nullptr;
    LogView *mLogView = nullptr;
    QSplitter *mSplitter = nullptr;
    QAction *mSaveAction = nullptr;
    QAction *mSaveAsAction = nullptr;
    QAction *mLoadReferenceAction = nullptr;
    QAction *mClearReferenceAction = nullptr;

    DoubtDock *mDoubtDock = nullptr;
    std::unique_ptr<DoubtLayer> mDoubtLayer;
    QAction *mExportTrainingAction = nullptr;
    QAction *mMarkVisibleReviewedAction = nullptr;
    QAction *mMarkSheetReviewedAction = nullptr;

    QLabel *mCursorLabel;
    QLabel *mZoomLabel;
    QLabel *mBuildLabel;

    QAction *mOpenAction;
    QAction *mCloseAction;
    QAction *mQuitAction;
    QAction *mZoomInAction;
    QAction *mZoomOutAction;
    QAction *mFitWidthAction;
    QAction *mFitPageAction;
    QAction *mActualSizeAction;
    QAction *mGoToDepthAction;
    QAction *mTopAction;
    QAction *mBottomAction;
    QAction *mAboutAction;
    QAction *mUndoAction = nullptr;
    QAction *mRedoAction = nullptr;
    QMenu *mRecentMenu = nullptr;
    QMenu *mToolsMenu = nullptr;
    QToolBar *mMainToolBar = nullptr;
};

} // namespace veer
