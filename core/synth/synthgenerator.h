#pragma once

#include "base/result.h"
#include "calibration/calibration.h"
#include "las/lasdocument.h"
#include "synthoptions.h"

#include <QJsonObject>

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace veer {

/** One synthetic sheet with its exact ground truth. */
struct SynthCase
{
    cv::Mat sheet;             ///< CV_8UC3 BGR, or CV_8UC1 (0/255) when binarised
    cv::Mat labels;            ///< CV_8UC1: 0 background, 1 curve one (solid), 2 curve two (dashed/dotted)
    Calibration calibration;   ///< veer-calibration/1; curves in track order, class 1 then 2
    LasDocument truth;         ///< one curve per calibration curve on calibration.depthGrid(); NULL at gaps
    QJsonObject facts;         ///< style, hard cases, damage, seed (facts.json)
    /** Per truth curve, per depth sample: 1 where the sample lies on ink of its dash pattern. */
    std::vector<std::vector<std::uint8_t>> inked;
    /** Stroke width (px) per truth curve. */
    std::vector<int> lineWidths;
};

/**
 * Generates one case; the same options and seed give byte-identical output. Thread-safe (the
 * only shared state is the read-only curve library). Never throws; on a LAS library load error
 * it falls back to procedural shapes and says so in facts["libraryError"].
 */
SynthCase generateSynthCase(const SynthOptions &options, std::uint64_t seed);

/**
 * Writes sheet.png, labels.png, truth.las, calibration.json and facts.json into `dir` (created).
 * With `paletteTiff`, a colour sheet of at most 256 colours (a print reduced to a palette) is also
 * written as sheet.tif, an 8-bit palette TIFF of the same pixels.
 */
Status writeSynthCase(const SynthCase &synthCase, const QString &dir, bool paletteTiff = false);

/** PNG bytes of an image (fast compression); what writeSynthCase stores. */
QByteArray encodePng(const cv::Mat &image);

} // namespace veer
