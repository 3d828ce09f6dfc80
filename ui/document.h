#pragma once

#include "base/result.h"
#include "reviewstate.h"
#include "calibration/calibration.h"
#include "trace/tracetypes.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <memory>
#include <optional>

class QUndoStack;

namespace veer {

class RasterSource;

/** What changed in a Document; views repaint or rebuild what depends on it. */
struct ChangeEvent
{
    enum Type {
        CalibrationChanged,  ///< ties, tracks, scales or the depth grid
        LabelsChanged,       ///< the segmentation label map (and probabilities)
        TraceChanged,        ///< the traced curves
        ModelChanged,        ///< the id of the model that produced the labels
        ReviewChanged,       ///< doubt span states or reviewed regions
        WellHeaderChanged,   ///< the ~WELL header items of the export
    };
    Type type;
};

/**
 * One open review: the sheet (read through RasterSource), its calibration, label map, traces and
 * the model id, with the undo stack, the project file name and the modified flag. The model parts
 * are plain value types; every edit goes through a QUndoCommand that calls the setters below, and
 * each setter emits changed(). Lives on the GUI thread.
 */
class Document : public QObject
{
    Q_OBJECT

public:
    /** Opens page `page` (zero-based) of a sheet; the error names the file and the problem. */
    static Result<std::unique_ptr<Document>> openSheet(const QString &path, int page = 0);
    ~Document() override;

    const std::shared_ptr<RasterSource> &source() const { return mSource; }
    QString sheetPath() const { return mSheetPath; }
    int page() const { return mPage; }
    int sheetWidth() const;
    int sheetHeight() const;

    const Calibration &calibration() const { return mCalibration; }
    /** True when the calibration has at least two ties (depths are known). */
    bool hasDepth() const { return mCalibration.ties.size() >= 2; }
    const cv::Mat &labels() const { return mLabels; }
    const cv::Mat &probabilities() const { return mProbabilities; }
    const std::optional<TraceResult> &trace() const { return mTrace; }
    /** Positions the user fixed on the traced curves; span re-traces pass through them. */
    const std::vector<TraceAnchor> &traceAnchors() const { return mTraceAnchors; }
    QString modelId() const { return mModelId; }
    /** The ~WELL items this sheet's exports write (COMP, WELL, UWI...): mnemonic -> value. */
    const QJsonObject &wellHeader() const { return mWellHeader; }

    // Setters for undo commands (and for loading); each emits changed().
    void setCalibration(const Calibration &calibration);
    void setLabels(const cv::Mat &labels, const cv::Mat &probabilities);
    /**
     * Writes `labels` (CV_8UC1) and, when not empty, `probabilities` (CV_8UC2) into `rect` of the
     * maps; an empty label map becomes a zero one of the sheet's size first. Buffers shared with
     * other holders (undo commands, workers) are copied before the write, never changed in place.
     */
    void writeLabelPatch(const cv::Rect &rect, const cv::Mat &labels, const cv::Mat &probabilities);
    void setTrace(const std::optional<TraceResult> &trace);
    void setTraceAnchors(const std::vector<TraceAnchor> &anchors);
    void setModelId(const QString &id);
    void setWellHeader(const QJsonObject &header);

    /** Doubtful spans of the trace with their states, and the reviewed rows (see ReviewState). */
    const ReviewState &review() const { return mReview; }
    /** For ReviewCommand: replaces the stored review; emits ReviewChanged. */
    void setReviewBase(const ReviewState::Base &base);
    /** For loading: the "review" object of project.json (missing = nothing reviewed). */
    void restoreReview(const QJsonObject &json);

    QUndoStack *undoStack() const { return mUndoStack; }
    /** Project folder (NAME.veer) this review was saved to or opened from; empty when unsaved. */
    QString fileName() const { return mFileName; }
    void setFileName(const QString &fileName);
    bool isModified() const;
    /** Marks the current state as saved. */
    void setClean();
    QString displayName() const;

    /**
     * The review state as JSON (sheet, page, calibration, traces, model id and a digest of the
     * label map); what project.json holds and what tests compare before and after undo.
     */
    QJsonObject toJson() const;
    QByteArray serialise() const;

Q_SIGNALS:
    void changed(const veer::ChangeEvent &event);
    void modifiedChanged(bool modified);
    void fileNameChanged(const QString &fileName);

private:
    Document(std::shared_ptr<RasterSource> source, const QString &path, int page);

    std::shared_ptr<RasterSource> mSource;
    QString mSheetPath;
    int mPage = 0;
    Calibration mCalibration;
    cv::Mat mLabels;
    cv::Mat mProbabilities;
    std::optional<TraceResult> mTrace;
    std::vector<TraceAnchor> mTraceAnchors;
    QString mModelId;
    QJsonObject mWellHeader;
    ReviewState mReview;
    QUndoStack *mUndoStack;
    QString mFileName;
};

} // namespace veer

Q_DECLARE_METATYPE(veer::ChangeEvent)
