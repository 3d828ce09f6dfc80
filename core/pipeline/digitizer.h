#pragma once

#include "base/feedback.h"
#include "base/result.h"
#include "segment/segmentationmodel.h"
#include "trace/curvesampler.h"
#include "trace/tracetypes.h"

#include <QString>

#include <opencv2/core/mat.hpp>

namespace veer {

class Calibration;
class RasterSource;

/** Settings of one digitization run. */
struct DigitizeOptions
{
    SegmentOptions segment;
    TraceOptions trace;
    /** When set, trace these labels (CV_8UC1 0/1/2) instead of segmenting: the tracer alone. */
    cv::Mat givenLabels;
    /** With givenLabels, optionally their class probabilities (CV_8UC2, as SegmentResult has). */
    cv::Mat givenProbabilities;
};

/** Everything a run produces, in memory. */
struct DigitizeResult
{
    SampledLog log;            ///< LAS (DEPT + calibration curves) with per-sample confidence
    /// Each section of the calibration (a repeat section) on its own depth scale, in its order.
    std::vector<SampledLog> sections;
    TraceResult trace;         ///< per image row centrelines
    cv::Mat labels;            ///< CV_8UC1
    cv::Mat probabilities;     ///< CV_8UC2 (empty when labels were given)
    Polarity polarity = Polarity::Positive; ///< Negative: a film negative, inverted before the network
    double segmentSeconds = 0.0;
    double traceSeconds = 0.0;
};

/**
 * Where section `name`'s LAS (or CSV) goes beside the main log's `path`: "well.las" and "REPEAT"
 * give "well-REPEAT.las". Only letters, digits, '-' and '_' of the name are kept.
 */
QString sectionOutputPath(const QString &path, const QString &name);

/**
 * Samples every section of `calibration` from `trace`, each on its own depth scale; fails naming
 * the section that cannot be sampled.
 */
Result<std::vector<SampledLog>> sampleSections(const TraceResult &trace, const Calibration &calibration, int imageHeight);

/**
 * The whole pipeline for one sheet: segment (or take given labels), trace every track, resample on
 * the calibration's depth grid. `model` may be null only when options.givenLabels is set.
 */
Result<DigitizeResult> digitizeSheet(const RasterSource &sheet, const Calibration &calibration,
                                     SegmentationModel *model, const DigitizeOptions &options,
                                     Feedback *feedback = nullptr);

/** Digitization provenance for ~OTHER: source, calibration, model, software, date. */
void addProvenance(LasDocument &las, const QString &sheetPath, const QString &calibrationPath,
                   const ModelInfo *model, const QString &note = {}, Polarity polarity = Polarity::Positive);

} // namespace veer
