#pragma once

#include <algorithm>
#include <array>
#include <vector>

namespace cv {
class Mat;
}

namespace veer {

/** One horizontal run of curve pixels on one row: where a curve may pass. */
struct TraceCandidate
{
    float left = 0.0f;    ///< first pixel column of the run
    float right = 0.0f;   ///< last pixel column of the run
    float centre = 0.0f;  ///< evidence-weighted centroid of the whole run
    float centre1 = 0.0f; ///< centroid of curve-one evidence (centre when mass1 is 0)
    float centre2 = 0.0f; ///< centroid of curve-two evidence (centre when mass2 is 0)
    float mass1 = 0.0f;   ///< summed curve-one evidence, in pixels
    float mass2 = 0.0f;   ///< summed curve-two evidence, in pixels
    float peak1 = 0.0f;   ///< strongest curve-one evidence of a pixel, in [0,1]
    float peak2 = 0.0f;
    bool synthetic = false; ///< inserted for an anchor, not seen in the image
    bool labelled = true;   ///< some pixel of the run is labelled a curve (not only scored above the threshold)

    float width() const { return right - left + 1.0f; }
    float mass(int curve) const { return curve == 0 ? mass1 : mass2; }
    float classCentre(int curve) const { return curve == 0 ? centre1 : centre2; }

    /**
     * How well the run supports `curve` (0 or 1), in [0,1]: the peak evidence of the curve's own
     * class, or `crossClass` of the other class's peak where that is more.
     */
    float support(int curve, float crossClass) const
    {
        const float own = curve == 0 ? peak1 : peak2;
        const float other = curve == 0 ? peak2 : peak1;
        return std::min(1.0f, std::max(own, crossClass * other));
    }};

/** Candidates of consecutive rows in flat storage: row r holds items[offsets[r] .. offsets[r+1]). */
struct RowCandidates
{
    std::vector<int> offsets;
    std::vector<TraceCandidate> items;

    int rowCount() const { return offsets.empty() ? 0 : int(offsets.size()) - 1; }
    int count(int row) const { return offsets[row + 1] - offsets[row]; }
    const TraceCandidate *row(int r) const { return items.data() + offsets[r]; }
};

/**
 * Finds the runs of curve pixels on each row of a track in one pass over the pixels, keeping at
 * most `maxCandidates` per row (the strongest, in left-to-right order).
 */
class CandidateExtractor
{
public:
    /**
     * `joinGap[c]`: neighbouring runs that are both mostly curve `c` (0 or 1) and at most this
     * many background pixels apart become one run: the dashes or dots of a broken stroke that
     * runs nearly horizontally lie side by side on a row.
     */
    CandidateExtractor(int maxCandidates, int probabilityThreshold,
                       std::array<int, 2> joinGap = {0, 0});

    /**
     * Rows [firstRow, firstRow + rowCount) of `labels` (CV_8UC1), columns [firstColumn, lastColumn].
     * `probabilities` (CV_8UC2, same size) is optional; where given, a pixel is evidence when its
     * label is a curve or either probability reaches the threshold, weighted by the probabilities.
     */
    RowCandidates extract(const cv::Mat &labels, const cv::Mat *probabilities, int firstRow,
                          int rowCount, int firstColumn, int lastColumn) const;

    /**
     * Hatching called a curve: on a row, three or more thin labelled runs (at most kCombWidth px)
     * whose gaps are whole multiples of one spacing of 5-40 px are a comb. A comb's runs are no
     * candidates; nor is a thin labelled run outside its own row's comb where a third of the rows
     * within kCombReach rows have a comb over its column (a line the network missed on this row
     * breaks the comb). A curve is one stroke per row; a band of parallel strokes is shading.
     * Thicker strokes through the band, and thin ones between a comb's lines, stay. On by default.
     */
    void setDropHatching(bool drop) { mDropHatching = drop; }
    static constexpr float kCombWidth = 3.0f;
    static constexpr int kCombReach = 10;

private:
    void joinFragments(std::vector<TraceCandidate> &runs) const;

    int mMaxCandidates;
    int mProbabilityThreshold;
    std::array<int, 2> mJoinGap;
    bool mDropHatching = true;
};

} // namespace veer
