#pragma once

#include "base/result.h"
#include "calibration/calibration.h"

#include <QString>

#include <opencv2/core/mat.hpp>

namespace veer {

/**
 * A band of a real sheet labelled by hand (a veer-annotation/1 file, tests/data/real-annotations):
 * which sheet and rows, the label map of the band (0 background, 1 curve one, 2 curve two, 255 not
 * labelled) and a calibration of the band (rows counted from the band's first row) for tracing it.
 *
 *   { "format": "veer-annotation/1", "sheet": "NAME.tif", "first_row": 20000, "rows": 3000,
 *     "width": 3008, "labels": "NAME.png", "labelled_columns": [0, 2176], "calibration": {...} }
 *
 * Columns outside `labelled_columns` (first, end) are 255 in the map.
 */
struct AnnotatedBand
{
    QString sheet;      ///< file name of the sheet, in the real-scans folder
    int firstRow = 0;   ///< sheet row of the band's row 0
    int labelledLeft = 0;
    int labelledRight = 0;  ///< one past the last labelled column
    cv::Mat labels;     ///< CV_8UC1, rows x width
    Calibration calibration;
};

/** Reads a veer-annotation/1 file and its label map; the error names the file and the problem. */
Result<AnnotatedBand> readAnnotation(const QString &path);

} // namespace veer
