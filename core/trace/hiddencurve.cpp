#include "hiddencurve.h"

#include "calibration/calibration.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace veer {

bool FaintEvidence::near(int curve, int row, float column) const
{
    constexpr int kRows = 2;
    constexpr int kColumns = 4;
    if (!std::isfinite(column))
        return false;
    const int x0 = int(std::floor(column)) - kColumns;
    const int x1 = int(std::ceil(column)) + kColumns;
    for (int r = row - kRows; r <= row + kRows; ++r) {
        for (int x = x0; x <= x1; ++x) {
            if (strength(curve, r, x) > 0)
                return true;
        }
    }
    return false;
}

int FaintEvidence::strength(int curve, int row, int column) const
{
    const int r = bandRow + row;
    if (r < 0 || r >= labels.rows || column < firstColumn || column > lastColumn)
        return 0;
    if (probabilities && !probabilities->empty())
        return probabilities->ptr<uint8_t>(r)[2 * column + curve];
    return labels.ptr<uint8_t>(r)[column] == curve + 1 ? 255 : 0;
}

bool wrapsWithin(const CurveTrace &t, int firstImageRow, int from, int to)
{
    return std::any_of(t.wraps.begin(), t.wraps.end(), [&](const WrapEvent &w) {
        return w.row >= firstImageRow + from && w.row <= firstImageRow + to;
    });
}

void followHidden(int c, CurveTrace &x, const CurveTrace &y, const std::vector<int> &yRun,
                  const RowCandidates &cands, const FaintEvidence &evidence, const Track &track,
                  const TraceOptions &opt, int firstImageRow)
{
    const float reach = opt.hiddenReach;
    const auto beside = [&](int k) {
        const float u = x.column[size_t(k)];
        const float v = y.column[size_t(k)];
        if (std::isnan(u) || std::isnan(v))
            return false;
        const int run = yRun[size_t(k)];
        if (run < 0)
            return std::abs(u - v) <= reach + 1.0f;
        const TraceCandidate &cd = cands.row(k)[run];
        return u >= cd.left - reach && u <= cd.right + reach;
    };
    forEachInnerGap(x.column, [&](int r, int e) {
        const int len = e - r;
        bool hidden = len <= opt.maxHiddenRows && beside(r - 1) && beside(e)
                      && !wrapsWithin(x, firstImageRow, r - 1, e) && !wrapsWithin(y, firstImageRow, r - 1, e);
        for (int k = r; k < e && hidden; ++k)
            hidden = !std::isnan(y.column[size_t(k)]);
        if (!hidden)
            return;
        const float off0 = x.column[size_t(r - 1)] - y.column[size_t(r - 1)];
        const float off1 = x.column[size_t(e)] - y.column[size_t(e)];
        const auto at = [&](int k) {
            const float f = float(k - r + 1) / float(len + 1);
            return y.column[size_t(k)] + off0 + f * (off1 - off0);
        };
        // A pen lifted beside the other curve leaves no sign of this curve at all.
        int seen = 0;
        for (int k = r; k < e; ++k)
            seen += evidence.near(c, k, at(k)) ? 1 : 0;
        if (2 * seen < len)
            return;
        const float conf = 0.5f * std::min(x.confidence[size_t(r - 1)], x.confidence[size_t(e)]);
        for (int k = r; k < e; ++k) {
            x.column[size_t(k)] = std::clamp(at(k), float(track.left), float(track.right));
            x.confidence[size_t(k)] = conf;
        }
    });
}

namespace {

/** The faint dots of one gap: the path the dynamic programme chose, and which of its rows hold a dot. */
struct FaintPath
{
    std::vector<float> column;  ///< per gap row, sub-pixel (the dot's centroid where there is one)
    std::vector<float> dot;     ///< per gap row, the dot's strength in [0,1]; 0 = no dot
};

/**
 * The cheapest path through gap rows [r, e) from column u0 (row r - 1) to u1 (row e): each row on a
 * dot earns up to 1, each px of sideways step costs, and `y`'s stroke may be crossed but earns
 * nothing and costs a little. Empty when no path exists within the search band.
 */
FaintPath faintPath(int c, int r, int e, float u0, float u1, const CurveTrace &y,
                    const std::vector<int> &yRun, const RowCandidates &cands,
                    const FaintEvidence &evidence, const TraceOptions &opt)
{
    constexpr float kStepCost = 0.04f;  // per px^2 of sideways step
    constexpr float kOnOther = 0.3f;    // per row on the other curve's stroke
    constexpr float kInf = std::numeric_limits<float>::infinity();
    const int len = e - r;
    const int kStep = std::max(1, opt.faintStep);
    const int margin = std::clamp(len / 2, 8, 48);
    const int lo = std::max(evidence.firstColumn, int(std::floor(std::min(u0, u1))) - margin);
    const int hi = std::min(evidence.lastColumn, int(std::ceil(std::max(u0, u1))) + margin);
    const int width = hi - lo + 1;
    const int start = int(std::lround(u0)) - lo;
    const int end = int(std::lround(u1)) - lo;
    if (width <= 0 || start < 0 || start >= width || end < 0 || end >= width)
        return {};

    std::vector<float> cost(size_t(width), kInf);
    std::vector<float> next(size_t(width), kInf);
    std::vector<int16_t> back(size_t(len) * size_t(width), 0);
    cost[size_t(start)] = 0.0f;
    const float full = float(std::max(opt.probabilityThreshold, opt.faintThreshold));
    for (int k = r; k < e; ++k) {
        float otherLo = 1.0f, otherHi = 0.0f;  // y's stroke on this row, empty by default
        if (!std::isnan(y.column[size_t(k)])) {
            const int run = yRun[size_t(k)];
            otherLo = run >= 0 ? cands.row(k)[run].left - 1.0f : y.column[size_t(k)] - 1.5f;
            otherHi = run >= 0 ? cands.row(k)[run].right + 1.0f : y.column[size_t(k)] + 1.5f;
        }
        int16_t *b = back.data() + size_t(k - r) * size_t(width);
        for (int j = 0; j < width; ++j) {
            float best = kInf;
            int16_t bestStep = 0;
            for (int d = -kStep; d <= kStep; ++d) {
                const int from = j - d;
                if (from < 0 || from >= width || cost[size_t(from)] == kInf)
                    continue;
                const float v = cost[size_t(from)] + kStepCost * float(d * d);
                if (v < best) {
                    best = v;
                    bestStep = int16_t(d);
                }
            }
            const float col = float(lo + j);
            if (best < kInf) {
                if (col >= otherLo && col <= otherHi) {
                    best += kOnOther;
                } else {
                    const int s = evidence.strength(c, k, lo + j);
                    if (s >= opt.faintThreshold)
                        best -= std::min(1.0f, float(s) / full);
                }
            }
            next[size_t(j)] = best;
            b[j] = bestStep;
        }
        cost.swap(next);
    }
    // Row e: the path must arrive at the gap's far end.
    float best = kInf;
    int at = -1;
    for (int d = -kStep; d <= kStep; ++d) {
        const int from = end - d;
        if (from >= 0 && from < width && cost[size_t(from)] < kInf
            && cost[size_t(from)] + kStepCost * float(d * d) < best) {
            best = cost[size_t(from)] + kStepCost * float(d * d);
            at = from;
        }
    }
    if (at < 0)
        return {};

    FaintPath path;
    path.column.assign(size_t(len), 0.0f);
    path.dot.assign(size_t(len), 0.0f);
    for (int k = e - 1; k >= r; --k) {
        const size_t i = size_t(k - r);
        // The dot's centroid over its pixels beside the path, so that the value is sub-pixel.
        float sum = 0.0f, weighted = 0.0f;
        for (int j = std::max(0, at - 2); j <= std::min(width - 1, at + 2); ++j) {
            const int s = evidence.strength(c, k, lo + j);
            if (s >= opt.faintThreshold) {
                sum += float(s);
                weighted += float(s) * float(lo + j);
            }
        }
        const int s = evidence.strength(c, k, lo + at);
        path.dot[i] = s >= opt.faintThreshold ? std::min(1.0f, float(s) / full) : 0.0f;
        path.column[i] = s >= opt.faintThreshold ? weighted / sum : float(lo + at);
        at -= back[i * size_t(width) + size_t(at)];
    }
    return path;
}

} // namespace

void followFaint(int c, CurveTrace &x, const CurveTrace &y, const std::vector<int> &yRun,
                 const RowCandidates &cands, const FaintEvidence &evidence, const Track &track,
                 const TraceOptions &opt, int firstImageRow)
{
    const int spacing = std::max(1, opt.faintSpacing);
    forEachInnerGap(x.column, [&](int r, int e) {
        const int len = e - r;
        if (len <= opt.maxBridgeRows || len > opt.maxFaintRows[c] || wrapsWithin(x, firstImageRow, r - 1, e))
            return;
        const FaintPath path = faintPath(c, r, e, x.column[size_t(r - 1)], x.column[size_t(e)], y, yRun,
                                         cands, evidence, opt);
        if (path.column.empty())
            return;
        // Join consecutive dots (the gap's ends count as full dots) no more than `spacing` rows
        // apart; confidence: half that of the weaker end, times the weaker dot's strength.
        const float conf = 0.5f * std::min(x.confidence[size_t(r - 1)], x.confidence[size_t(e)]);
        int prev = r - 1;
        float prevColumn = x.column[size_t(r - 1)];
        float prevStrength = 1.0f;
        for (int k = r; k <= e; ++k) {
            const float strength = k == e ? 1.0f : path.dot[size_t(k - r)];
            if (strength <= 0.0f)
                continue;
            const float column = k == e ? x.column[size_t(e)] : path.column[size_t(k - r)];
            if (k - prev <= spacing) {
                for (int q = prev + 1; q <= std::min(k, e - 1); ++q) {
                    const float f = float(q - prev) / float(k - prev);
                    const float u = prevColumn + f * (column - prevColumn);
                    x.column[size_t(q)] = std::clamp(u, float(track.left), float(track.right));
                    x.confidence[size_t(q)] = conf * std::min(prevStrength, strength);
                }
            }
            prev = k;
            prevColumn = column;
            prevStrength = strength;
        }
    });
}

} // namespace veer
