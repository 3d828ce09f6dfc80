#pragma once

#include "segment/finetune.h"
#include "segment/modelregistry.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QFutureWatcher>

#include <memory>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QTimer;
class QTreeWidget;
class QValueAxis;

namespace veer {

class Feedback;

/**
 * Fine-tunes the active model on reviewed case folders in the background (QtConcurrent on a copy
 * of the options, watched by a QFutureWatcher), with a live chart of training loss and validation
 * F1 per curve, an ETA and Cancel (which keeps the best checkpoint); then shows the comparison
 * with the parent and lets the user make a version active or roll back. Closing the dialog while
 * a run is going only hides it; destroying it cancels the run and waits for the worker.
 */
class RetrainDialog : public QDialog
{
    Q_OBJECT

public:
    RetrainDialog(const QString &modelsDir, const QString &shippedPath, QWidget *parent = nullptr);
    ~RetrainDialog() override;

    /** Settings that are not on the form (steps, batch, crop, rate, LAS files...); tests make them tiny. */
    void setBaseOptions(const FineTuneOptions &options);
    /** The options a Start would use: the base options plus the form. */
    FineTuneOptions options() const;

    void setDataFolders(const QStringList &dirs);
    QStringList dataFolders() const;

    bool isRunning() const;
    /** The version made by the last run (empty when none). */
    QString lastVersionId() const { return mLastVersion; }
    QChart *chart() const { return mChart; }
    const ModelRegistry &registry() const { return mRegistry; }

public Q_SLOTS:
    /** Starts a run; false (with the reason in the status line) when it cannot start. */
    bool start();
    void cancel();
    /** Makes the version selected in the list active. */
    bool makeActive();
    bool rollBack();
    void refreshVersions();

Q_SIGNALS:
    /** The active model changed to the file `path` (make active or roll back). */
    void activeModelChanged(const QString &path);
    void runFinished(bool ok, bool canceled, const QString &message);

private:
    struct Output
    {
        QString error;
        FineTuneResult result;
    };
    struct EpochQueue;

    QWidget *createForm();
    QWidget *createVersions();
    QChartView *createChart();
    void poll();
    void addEpoch(const EpochReport &report);
    void onFinished();
    void updateButtons();
    void setStatus(const QString &html);
    QString selectedVersion() const;

    ModelRegistry mRegistry;
    FineTuneOptions mBase;
    QString mLastVersion;

    QListWidget *mFolders;
    QSpinBox *mReplay;
    QSpinBox *mHeldApart;
    QSpinBox *mBudget;
    QSpinBox *mEpochs;
    QTreeWidget *mVersions;
    QChart *mChart;
    QLineSeries *mLoss;
    QLineSeries *mF1One;
    QLineSeries *mF1Two;
    QLineSeries *mHeldF1One = nullptr; ///< on held-apart reviewed sheets; added with the first such figure
    QLineSeries *mHeldF1Two = nullptr;
    QValueAxis *mF1Axis;
    QValueAxis *mEpochAxis;
    QValueAxis *mLossAxis;
    QProgressBar *mProgress;
    QLabel *mEta;
    QTextBrowser *mStatus;
    QPushButton *mStart;
    QPushButton *mCancel;
    QPushButton *mMakeActive;
    QPushButton *mRollBack;

    std::shared_ptr<Feedback> mFeedback;
    std::shared_ptr<EpochQueue> mQueue;
    QFutureWatcher<Output> mWatcher;
    QTimer *mPoll;
    QElapsedTimer mClock;
    double mBudgetSeconds = 0.0;
    double mLastEpochSeconds = 0.0;
};

} // namespace veer
