#pragma once

#include <QJsonArray>

#include <opencv2/core/mat.hpp>

#include <vector>

namespace veer {

class Calibration;

/** An inclusive range of image rows. */
struct RowRange
{
    int first = 0;
    int last = -1;
    bool operator==(const RowRange &other) const = default;
};

/**
 * Which rows of which tracks a person has reviewed: per track a sorted list of disjoint row
 * ranges. Reviewed pixels are the track's columns on those rows; everything else is unreviewed
 * and is ignored when the corrected labels become training data. A plain value type.
 */
class ReviewRegions
{
public:
    /** Marks rows [first, last] of `track` reviewed (merging with what touches them). */
    void add(int track, int first, int last);
    bool isReviewed(int track, int row) const;
    /** Number of reviewed rows of `track`. */
    int reviewedRows(int track) const;
    bool isEmpty() const;
    const std::vector<std::vector<RowRange>> &tracks() const { return mTracks; }
    /** First and last reviewed row over all tracks; an empty range when nothing is reviewed. */
    RowRange rowExtent() const;

    /**
     * The reviewed pixels as a CV_8UC1 mask of `size` (255 = reviewed, 0 = not): the columns of
     * each track from `calibration`, clipped to the image.
     */
    cv::Mat mask(const Calibration &calibration, cv::Size size) const;

    /** Per track an array of [first, last] pairs. */
    QJsonArray toJson() const;
    /** Tolerates anything: what does not parse is left out. */
    static ReviewRegions fromJson(const QJsonArray &array);

    bool operator==(const ReviewRegions &other) const = default;

private:
    std::vector<std::vector<RowRange>> mTracks;
};

} // namespace veer
