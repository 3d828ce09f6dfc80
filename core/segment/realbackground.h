#pragma once

#include "base/result.h"

#include <QStringList>

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

namespace veer {

class RasterSource;

/**
 * Real paper behind generated curves: training crops whose background pixels come from real
 * scanned sheets (grid, speckle, ticks, hand marks, text, shading) and whose curves, with their
 * exact labels, come from the generator.
 *
 * A real window is labelled without truth: paper, long straight grid lines (with the burrs of a
 * ragged line) and specks are background (0); any other ink may be a real curve or text, so it and
 * the pixels near it are left out of the loss (255). The generated curve strokes are then drawn on
 * top (the darker of the two grey values) with their labels 1 and 2; on a 1-bit sheet a stroke
 * pixel is black where the generated ink is clearly dark, and left out of the loss where it is not.
 *
 * Windows are cut from a few bands of each sheet, read once and kept (a CCITT G4 page is one strip:
 * reading a window means decoding from its top). Not thread-safe.
 */
class RealBackgrounds
{
public:
    /**
     * The raster files in `dirs`, less those whose file name is in `exclude` (the held-out sheets).
     * Fails when a folder is missing or no sheet is left.
     */
    static Result<std::unique_ptr<RealBackgrounds>> open(const QStringList &dirs, const QStringList &exclude,
                                                          std::uint64_t seed);
    ~RealBackgrounds();

    int sheetCount() const { return int(mSheets.size()); }
    QStringList sheetNames() const;

    /**
     * A crop of `synthGrey` / `synthLabels`' size (CV_8UC1 each) whose background is real: the
     * generated strokes (labels 1, 2) on a real window. False when no window could be read.
     */
    bool compose(const cv::Mat &synthGrey, const cv::Mat &synthLabels, cv::Mat &grey, cv::Mat &labels);

    /** The labels of a real window without truth (0 background, 255 left out), as compose() uses. */
    static cv::Mat labelWindow(const cv::Mat &grey);

private:
    struct Band
    {
        cv::Mat grey;
        cv::Mat labels;
    };
    struct Sheet
    {
        QString path;
        std::vector<Band> bands;
    };
    RealBackgrounds() = default;
    bool loadBands(Sheet &sheet);

    std::vector<Sheet> mSheets;
    std::mt19937_64 mRng;
};

/** Names of a held-out list file: one file name per line, '#' comments and blank lines skipped. */
Result<QStringList> readNameList(const QString &path);

} // namespace veer
