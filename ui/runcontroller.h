#pragma once

#include "base/result.h"
#include "segment/segmentationmodel.h"
#include "trace/tracetypes.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QTimer;

namespace veer {

class Document;
class Feedback;

/**
 * Runs "Segment" and "Digitize" off the GUI thread: QtConcurrent::run on copied inputs (the
 * worker loads its own model; SegmentationModel is not thread-safe), watched by a QFutureWatcher.
 * Progress is polled from a Feedback; cancel() stops the worker and leaves the document as it
 * was. A finished run is applied on the GUI thread as one undo command. Never captures a widget.
 */
class RunController : public QObject
{
    Q_OBJECT

public:
    enum class Job { None, Segment, Digitize };

    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    void setDocument(Document *document);

    /** The model file used by Segment; defaults to defaultModelPath(). */
    QString modelPath() const { return mModelPath; }
    void setModelPath(const QString &path);
    /** The model file's metadata (its card); an error when it cannot be read. */
    Result<ModelInfo> modelInfo() const;

    bool isRunning() const { return mJob != Job::None; }
    Job job() const { return mJob; }
    /** Why Segment or Digitize cannot run now (empty when it can). */
    QString segmentBlocker() const;
    QString digitizeBlocker() const;

public Q_SLOTS:
    bool segment();
    bool digitize();
    void cancel();

Q_SIGNALS:
    void started(const QString &title);
    void progress(double percent, const QString &message);
    /** `ok` false with a message on failure; `canceled` when the user stopped it. */
    void finished(bool ok, bool canceled, const QString &message);
    void runningChanged(bool running);

private:
    struct Output
    {
        QString error;
        cv::Mat labels;
        cv::Mat probabilities;
        QString modelId;
        bool negative = false; ///< the sheet was a film negative, inverted before the network
        std::optional<TraceResult> trace;
    };
    void start(Job job, const QString &title, std::function<Output()> work);
    void onFinished();

    QPointer<Document> mDocument;
    QString mModelPath;
    mutable std::optional<ModelInfo> mInfoCache;
    Job mJob = Job::None;
    std::shared_ptr<Feedback> mFeedback;
    QFutureWatcher<Output> mWatcher;
    QTimer *mPoll;
};

} // namespace veer
