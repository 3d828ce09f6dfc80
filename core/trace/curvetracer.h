#pragma once

#include "base/result.h"
#include "trace/tracetypes.h"

namespace cv {
class Mat;
}

namespace veer {

class Calibration;
class Feedback;
class FeedbackRange;
struct Track;

/**
 * Turns a per-pixel class map (0 background, 1 curve one, 2 curve two) into the centrelines of
 * the two curves of every track, keeping their identity through crossings and touches.
 *
 * Per row it collects runs of curve pixels (CandidateExtractor), then finds the globally best
 * assignment down the track with a Viterbi pass over the joint state of both curves (each on a
 * run or absent), scoring class evidence, continuity of position and slope, sharing of a run
 * and absence. Short gaps are bridged, spikes keep their extreme, wrap-arounds are detected.
 * Stateless apart from its options; trace() may run on any thread.
 */
class CurveTracer
{
public:
    explicit CurveTracer(TraceOptions options = {});

    const TraceOptions &options() const { return mOptions; }
    void setOptions(const TraceOptions &options) { mOptions = options; }

    /**
     * Traces every track of `calibration` over options().firstRow / rowCount (image rows).
     * `labels` is CV_8UC1 and covers image rows from options().labelRowOffset; `probabilities`
     * is optional, CV_8UC2 of the same size (P(curve one)*255, P(curve two)*255). Fails on bad
     * input or when `feedback` is canceled.
     */
    Result<TraceResult> trace(const cv::Mat &labels, const cv::Mat *probabilities,
                              const Calibration &calibration, Feedback *feedback = nullptr) const;

    /** As trace(), for one track; `trackIndex` selects the anchors that apply. */
    Result<TrackTrace> traceTrack(const cv::Mat &labels, const cv::Mat *probabilities,
                                  const Track &track, int trackIndex,
                                  Feedback *feedback = nullptr) const;

private:
    QString checkInput(const cv::Mat &labels, const cv::Mat *probabilities, int &bandRow,
                       int &rows) const;
    Result<TrackTrace> traceTrackRows(const cv::Mat &labels, const cv::Mat *probabilities,
                                      const Track &track, int trackIndex, int bandRow, int rows,
                                      const FeedbackRange &progress) const;

    TraceOptions mOptions;
};

} // namespace veer
