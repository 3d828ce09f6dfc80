#include "runcommands.h"

#include "document.h"

#include <QCoreApplication>

namespace veer {

SetSegmentationCommand::SetSegmentationCommand(Document &document, const cv::Mat &labels,
                                               const cv::Mat &probabilities, const QString &modelId)
    : QUndoCommand(QCoreApplication::translate("RunCommands", "Segment"))
    , mDocument(document)
    , mLabels{document.labels(), labels}
    , mProbabilities{document.probabilities(), probabilities}
    , mModelId{document.modelId(), modelId}
    , mTrace(document.trace())
{
}

void SetSegmentationCommand::redo()
{
    mDocument.setLabels(mLabels[1], mProbabilities[1]);
    mDocument.setModelId(mModelId[1]);
    if (mTrace)
        mDocument.setTrace(std::nullopt);
}

void SetSegmentationCommand::undo()
{
    mDocument.setLabels(mLabels[0], mProbabilities[0]);
    mDocument.setModelId(mModelId[0]);
    if (mTrace)
        mDocument.setTrace(mTrace);
}

SetTraceCommand::SetTraceCommand(Document &document, const std::optional<TraceResult> &trace)
    : QUndoCommand(QCoreApplication::translate("RunCommands", "Digitize"))
    , mDocument(document)
    , mBefore(document.trace())
    , mAfter(trace)
{
}

void SetTraceCommand::redo()
{
    mDocument.setTrace(mAfter);
}

void SetTraceCommand::undo()
{
    mDocument.setTrace(mBefore);
}

} // namespace veer
