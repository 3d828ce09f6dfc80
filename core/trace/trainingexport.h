#pragma once

#include "reviewregions.h"

#include "base/result.h"
#include "calibration/calibration.h"

#include <QString>

#include <opencv2/core/mat.hpp>

namespace veer {

/**
 * One reviewed sheet as a training case in the generator's layout: sheet.png (grey), labels.png
 * (0/1/2), reviewed.png (255 = reviewed, 0 = ignored in the loss) and calibration.json, all of
 * one size. `veer-cli train --data DIR` reads such folders unchanged.
 */
struct TrainingCase
{
    cv::Mat grey;      ///< CV_8UC1
    cv::Mat labels;    ///< CV_8UC1, 0/1/2
    cv::Mat reviewed;  ///< CV_8UC1, 255 = reviewed
    Calibration calibration;
    int firstRow = 0;  ///< sheet row of the case's row 0 (when cropped)
};

/**
 * Makes a case from a whole sheet (`grey` and `labels` of the same size) and its review. With
 * `cropToReviewed` only the band of rows that holds reviewed pixels is kept, and the
 * calibration's ties move with it. Fails when nothing is reviewed or the sizes differ.
 */
Result<TrainingCase> makeTrainingCase(const cv::Mat &grey, const cv::Mat &labels, const Calibration &calibration,
                                      const ReviewRegions &reviewed, bool cropToReviewed = true);

/**
 * Writes `trainingCase` into the folder `dir` (created). An existing folder that holds any of
 * the case's files is refused unless `overwrite`; the error names it.
 */
Status writeTrainingCase(const TrainingCase &trainingCase, const QString &dir, bool overwrite);

/** A folder name for a project or sheet path: its base name without ".veer", safe characters only. */
QString trainingCaseName(const QString &path);

} // namespace veer
