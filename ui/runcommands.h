#pragma once

#include "reviewstate.h"

#include "trace/tracetypes.h"

#include <QString>
#include <QUndoCommand>

#include <opencv2/core/mat.hpp>

#include <optional>

namespace veer {

class Document;

/**
 * Applies a segmentation result: the label map, its probabilities and the model id, as one step.
 * Traces made from the previous labels no longer match, so they are cleared with it.
 */
class SetSegmentationCommand : public QUndoCommand, public ReviewedCommand
{
public:
    SetSegmentationCommand(Document &document, const cv::Mat &labels, const cv::Mat &probabilities,
                           const QString &modelId);
    void redo() override;
    void undo() override;
    bool isRun() const override { return true; }

private:
    Document &mDocument;
    cv::Mat mLabels[2];
    cv::Mat mProbabilities[2];
    QString mModelId[2];
    std::optional<TraceResult> mTrace;  ///< the trace that was there before
};

/** Applies a digitizing result (the traced curves) as one step. */
class SetTraceCommand : public QUndoCommand, public ReviewedCommand
{
public:
    SetTraceCommand(Document &document, const std::optional<TraceResult> &trace);
    void redo() override;
    void undo() override;
    bool isRun() const override { return true; }

private:
    Document &mDocument;
    std::optional<TraceResult> mBefore;
    std::optional<TraceResult> mAfter;
};

} // namespace veer
