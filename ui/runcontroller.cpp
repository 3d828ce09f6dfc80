#include "runcontroller.h"

#include "document.h"
#include "runcommands.h"

#include "base/feedback.h"
#include "calibration/calibration.h"
#include "pipeline/inkhint.h"
#include "raster/rastersource.h"
#include "trace/curvetracer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace veer {

RunController::RunController(QObject *parent)
    : QObject(parent)
    , mModelPath(defaultModelPath())
    , mPoll(new QTimer(this))
{
    mPoll->setInterval(100);
    connect(mPoll, &QTimer::timeout, this, [this] {
        if (mFeedback)
            Q_EMIT progress(mFeedback->progress(), mFeedback->message());
    });
    connect(&mWatcher, &QFutureWatcher<Output>::finished, this, &RunController::onFinished);
}

RunController::~RunController()
{
    if (mFeedback)
        mFeedback->cancel();
    mWatcher.waitForFinished();
}

void RunController::setDocument(Document *document)
{
    if (isRunning())
        cancel();
    mDocument = document;
}

void RunController::setModelPath(const QString &path)
{
    mModelPath = path;
    mInfoCache.reset();
}

Result<ModelInfo> RunController::modelInfo() const
{
    if (mInfoCache)
        return *mInfoCache;
    if (mModelPath.isEmpty())
        return Result<ModelInfo>::failure(tr("no segmentation model was found; set VEER_MODEL to a model file or install the default model"));
    auto model = SegmentationModel::load(mModelPath);
    if (!model)
        return Result<ModelInfo>::failure(model.error());
    mInfoCache = (*model)->info();
    return *mInfoCache;
}

QString RunController::segmentBlocker() const
{
    if (!mDocument)
        return tr("Open a sheet first.");
    if (isRunning())
        return tr("A run is in progress.");
    if (mModelPath.isEmpty() || !QFileInfo::exists(mModelPath))
        return tr("No segmentation model found (%1).").arg(mModelPath.isEmpty() ? tr("none installed") : mModelPath);
    return {};
}

QString RunController::digitizeBlocker() const
{
    if (!mDocument)
        return tr("Open a sheet first.");
    if (isRunning())
        return tr("A run is in progress.");
    if (mDocument->labels().empty())
        return tr("Segment the sheet first.");
    const QString invalid = mDocument->calibration().validate(Calibration::Wording::Words);
    if (!invalid.isEmpty())
        return tr("Complete the calibration first: %1").arg(invalid);
    const auto [first, last] = mDocument->calibration().traceRows(mDocument->labels().rows);
    if (last < first)
        return tr("The depth interval lies off the sheet: set its top and bottom on the sheet.");
    return {};
}

bool RunController::segment()
{
    if (!segmentBlocker().isEmpty())
        return false;
    const std::shared_ptr<RasterSource> source = mDocument->source();
    const QString modelPath = mModelPath;
    const Calibration calibration = mDocument->calibration();
    auto feedback = std::make_shared<Feedback>();
    mFeedback = feedback;
    start(Job::Segment, tr("Segmenting"), [source, modelPath, calibration, feedback]() {
        Output out;
        feedback->setProgress(0, QCoreApplication::translate("RunController", "Loading the model"));
        auto model = SegmentationModel::load(modelPath);
        if (!model) {
            out.error = model.error();
            return out;
        }
        SegmentOptions options;
        options.probabilities = true;
        options.threads = 2;
        auto result = (*model)->segment(*source, options, feedback.get());
        if (!result) {
            out.error = result.error();
            return out;
        }
        out.labels = result->labels;
        out.probabilities = result->probabilities;
        // The user's ink colours, where given, take the class from ink of another colour (as digitizeSheet does).
        if (hasInkHints(calibration) && !out.probabilities.empty()) {
            auto hinted = applyInkHints(*source, calibration, out.labels, out.probabilities);
            if (!hinted) {
                out.error = hinted.error();
                return out;
            }
        }
        out.modelId = (*model)->info().id;
        out.negative = result->polarity == Polarity::Negative;
        return out;
    });
    return true;
}

bool RunController::digitize()
{
    if (!digitizeBlocker().isEmpty())
        return false;
    // cv::Mat copies share pixels; commands replace the document's matrices and never write them.
    const cv::Mat labels = mDocument->labels();
    const cv::Mat probabilities = mDocument->probabilities();
    const Calibration calibration = mDocument->calibration();
    // Nodes the user anchored by hand hold through a whole new trace as through a local re-trace.
    TraceOptions options;
    options.anchors = mDocument->traceAnchors();
    // Only the logged interval and the sections are traced (digitizeSheet does the same).
    const auto [first, last] = calibration.traceRows(labels.rows);
    options.firstRow = std::max(0, first);
    options.rowCount = std::max(1, last - first + 1);
    auto feedback = std::make_shared<Feedback>();
    mFeedback = feedback;
    start(Job::Digitize, tr("Digitizing"), [labels, probabilities, calibration, options, feedback]() {
        Output out;
        CurveTracer tracer(options);
        auto result = tracer.trace(labels, probabilities.empty() ? nullptr : &probabilities, calibration, feedback.get());
        if (!result) {
            out.error = result.error();
            return out;
        }
        out.trace = result.take();
        return out;
    });
    return true;
}

void RunController::start(Job job, const QString &title, std::function<Output()> work)
{
    mJob = job;
    Q_EMIT runningChanged(true);
    Q_EMIT started(title);
    Q_EMIT progress(0, title);
    mPoll->start();
    mWatcher.setFuture(QtConcurrent::run(std::move(work)));
}

void RunController::cancel()
{
    if (mFeedback)
        mFeedback->cancel();
}

void RunController::onFinished()
{
    mPoll->stop();
    const Output out = mWatcher.result();
    const Job job = mJob;
    const bool canceled = mFeedback && mFeedback->isCanceled();
    mJob = Job::None;
    mFeedback.reset();
    Q_EMIT runningChanged(false);
    if (canceled) {
        Q_EMIT finished(false, true, tr("Cancelled; nothing was changed."));
        return;
    }
    if (!out.error.isEmpty()) {
        Q_EMIT finished(false, false, out.error);
        return;
    }
    if (!mDocument) {
        Q_EMIT finished(false, false, tr("The document was closed before the run finished."));
        return;
    }
    if (job == Job::Segment) {
        mDocument->undoStack()->push(new SetSegmentationCommand(*mDocument, out.labels, out.probabilities, out.modelId));
        Q_EMIT finished(true, false, out.negative ? tr("Segmented with model %1; the sheet is a negative (light ink on dark film) and was inverted for the network.").arg(out.modelId)
                                                  : tr("Segmented with model %1.").arg(out.modelId));
    } else {
        mDocument->undoStack()->push(new SetTraceCommand(*mDocument, out.trace));
        Q_EMIT finished(true, false, tr("Digitized %1 track(s).").arg(out.trace ? int(out.trace->tracks.size()) : 0));
    }
}

} // namespace veer
