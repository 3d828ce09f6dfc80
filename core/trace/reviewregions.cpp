#include "reviewregions.h"

#include "calibration/calibration.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace veer {

void ReviewRegions::add(int track, int first, int last)
{
    if (track < 0 || last < first)
        return;
    if (track >= int(mTracks.size()))
        mTracks.resize(size_t(track) + 1);
    auto &ranges = mTracks[size_t(track)];
    ranges.push_back({first, last});
    std::sort(ranges.begin(), ranges.end(), [](const RowRange &a, const RowRange &b) { return a.first < b.first; });
    std::vector<RowRange> merged;
    for (const RowRange &r : ranges) {
        if (!merged.empty() && r.first <= merged.back().last + 1)
            merged.back().last = std::max(merged.back().last, r.last);
        else
            merged.push_back(r);
    }
    ranges = std::move(merged);
}

bool ReviewRegions::isReviewed(int track, int row) const
{
    if (track < 0 || track >= int(mTracks.size()))
        return false;
    for (const RowRange &r : mTracks[size_t(track)])
        if (row >= r.first && row <= r.last)
            return true;
    return false;
}

int ReviewRegions::reviewedRows(int track) const
{
    if (track < 0 || track >= int(mTracks.size()))
        return 0;
    int n = 0;
    for (const RowRange &r : mTracks[size_t(track)])
        n += r.last - r.first + 1;
    return n;
}

bool ReviewRegions::isEmpty() const
{
    return std::all_of(mTracks.begin(), mTracks.end(), [](const auto &r) { return r.empty(); });
}

RowRange ReviewRegions::rowExtent() const
{
    RowRange extent{0, -1};
    bool any = false;
    for (const auto &ranges : mTracks) {
        for (const RowRange &r : ranges) {
            extent.first = any ? std::min(extent.first, r.first) : r.first;
            extent.last = any ? std::max(extent.last, r.last) : r.last;
            any = true;
        }
    }
    return extent;
}

cv::Mat ReviewRegions::mask(const Calibration &calibration, cv::Size size) const
{
    cv::Mat mask = cv::Mat::zeros(size, CV_8UC1);
    const cv::Rect image(0, 0, size.width, size.height);
    for (size_t t = 0; t < mTracks.size() && t < calibration.tracks.size(); ++t) {
        const Track &track = calibration.tracks[t];
        if (!std::isfinite(track.left) || !std::isfinite(track.right))
            continue;
        const double w = size.width;
        const int x0 = int(std::floor(std::clamp(std::min(track.left, track.right), 0.0, w)));
        const int x1 = int(std::ceil(std::clamp(std::max(track.left, track.right), 0.0, w)));
        for (const RowRange &r : mTracks[t]) {
            const cv::Rect rect = cv::Rect(x0, r.first, x1 - x0, r.last - r.first + 1) & image;
            if (!rect.empty())
                mask(rect).setTo(255);
        }
    }
    return mask;
}

QJsonArray ReviewRegions::toJson() const
{
    QJsonArray tracks;
    for (const auto &ranges : mTracks) {
        QJsonArray a;
        for (const RowRange &r : ranges)
            a.append(QJsonArray{r.first, r.last});
        tracks.append(a);
    }
    return tracks;
}

ReviewRegions ReviewRegions::fromJson(const QJsonArray &array)
{
    ReviewRegions regions;
    for (int t = 0; t < array.size(); ++t) {
        for (const QJsonValue &v : array.at(t).toArray()) {
            const QJsonArray pair = v.toArray();
            if (pair.size() == 2 && pair.at(0).isDouble() && pair.at(1).isDouble())
                regions.add(t, pair.at(0).toInt(), pair.at(1).toInt());
        }
    }
    // Trailing tracks without ranges are not kept, so equality does not depend on them.
    while (!regions.mTracks.empty() && regions.mTracks.back().empty())
        regions.mTracks.pop_back();
    return regions;
}

} // namespace veer
