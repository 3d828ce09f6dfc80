#pragma once

#include "base/result.h"

#include <opencv2/core/mat.hpp>

namespace veer {

class RasterSource;

/** Which way round a scan's tones are: dark ink on light paper, or a (microfilm) negative. */
enum class Polarity { Positive, Negative };

/** How the segmentation input's polarity is chosen. */
enum class PolarityMode { Auto, Positive, Negative };

/**
 * Polarity of a grey sample: a log sheet is mostly paper, so the median tone is the paper's.
 * A median darker than kNegativePaperLevel means light ink on dark film. Ignores an empty image.
 */
Polarity detectPolarity(const cv::Mat &grey);

/**
 * Polarity of a whole sheet from up to 16 bands spread over its length (bounded reads, whatever the
 * sheet's length). Errors name the file.
 */
Result<Polarity> detectPolarity(const RasterSource &source);

/** Median grey level (0-255) of an 8-bit grey image; 255 for an empty one. */
int medianGrey(const cv::Mat &grey);

/** Returns `grey` unchanged for a positive and inverted (255 - v) for a negative. */
cv::Mat toPositive(const cv::Mat &grey, Polarity polarity);

/**
 * The polarity to segment with: `mode` itself unless Auto, else detected from the sheet (or image).
 */
Result<Polarity> resolvePolarity(PolarityMode mode, const RasterSource &source);
Polarity resolvePolarity(PolarityMode mode, const cv::Mat &grey);

/** Paper darker than this (median grey) is taken for film: real paper, even yellowed, stays far above. */
constexpr int kNegativePaperLevel = 100;

} // namespace veer
