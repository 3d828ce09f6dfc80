#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace veer {

/**
 * Encodes `image` (8 or 16 bit, 1, 3 or 4 channels) as PNG with zlib level `compression` and writes
 * it atomically: the file at `path` is the old one or the new one, never half of either.
 */
Status writePngFile(const QString &path, const cv::Mat &image, int compression = 3);

/** Reads a PNG unchanged (depth and channels as stored); `type` >= 0 requires that OpenCV type. */
Result<cv::Mat> readPngFile(const QString &path, int type = -1);

/** SHA-1 (hex) of a matrix's pixels, row by row: the label and probability digests of project.json. */
QByteArray pixelSha1(const cv::Mat &mat);

} // namespace veer
