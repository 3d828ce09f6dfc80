#include "candidateextractor.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace veer {

namespace {

constexpr int kMaxFringe = 3;

struct RunAccumulator
{
    int left = -1;
    float s1 = 0.0f;
    float s2 = 0.0f;
    float x1 = 0.0f;
    float x2 = 0.0f;
    float p1 = 0.0f;
    float p2 = 0.0f;
    int labelled = 0;

    void merge(const RunAccumulator &o)
    {
        s1 += o.s1;
        s2 += o.s2;
        x1 += o.x1;
        x2 += o.x2;
        p1 = std::max(p1, o.p1);
        p2 = std::max(p2, o.p2);
    }

    void add(int x, float w1, float w2)
    {
        s1 += w1;
        s2 += w2;
        x1 += w1 * float(x);
        x2 += w2 * float(x);
        p1 = std::max(p1, w1);
        p2 = std::max(p2, w2);
    }

    TraceCandidate finish(int right) const
    {
        TraceCandidate c;
        c.left = float(left);
        c.right = float(right);
        const float total = s1 + s2;
        c.centre = total > 0.0f ? (x1 + x2) / total : 0.5f * float(left + right);
        c.centre1 = s1 > 0.0f ? x1 / s1 : c.centre;
        c.centre2 = s2 > 0.0f ? x2 / s2 : c.centre;
        // A run the network never labelled a curve is faint evidence at best.
        const float scale = labelled > 0 ? 1.0f : 0.5f;
        c.mass1 = s1 * scale;
        c.mass2 = s2 * scale;
        c.peak1 = p1 * scale;
        c.peak2 = p2 * scale;
        c.labelled = labelled > 0;
        return c;
    }
};

// Keeps the strongest `cap` runs of a row, in their original left-to-right order.
void capRuns(std::vector<TraceCandidate> &runs, int cap)
{
    if (int(runs.size()) <= cap)
        return;
    std::vector<int> order(runs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::partial_sort(order.begin(), order.begin() + cap, order.end(), [&](int a, int b) {
        return runs[a].mass1 + runs[a].mass2 > runs[b].mass1 + runs[b].mass2;
    });
    order.resize(size_t(cap));
    std::sort(order.begin(), order.end());
    std::vector<TraceCandidate> kept;
    kept.reserve(size_t(cap));
    for (int i : order)
        kept.push_back(runs[size_t(i)]);
    runs.swap(kept);
}

/**
 * Removes the comb from `runs` (left to right): three or more thin labelled runs whose gaps are
 * whole multiples (up to four) of one spacing of 5-40 px, as hatching is where the network misses
 * some of its lines. Done before the strongest runs are kept, so hatch lines never crowd out a
 * curve. Returns the comb's column extent widened by the spacing at each end; empty (first >
 * second) when there is none.
 */
std::pair<float, float> removeComb(std::vector<TraceCandidate> &runs)
{
    std::vector<size_t> thin;
    for (size_t i = 0; i < runs.size(); ++i)
        if (runs[i].labelled && runs[i].width() <= CandidateExtractor::kCombWidth)
            thin.push_back(i);
    const auto centre = [&](size_t k) { return runs[thin[k]].centre; };
    std::vector<bool> comb(runs.size(), false);
    std::pair<float, float> extent{1.0f, 0.0f};
    // The spacing is the row's smallest gap between thin runs (5-40 px); a chain's gaps are
    // whole multiples of it.
    float spacing = 0.0f;
    for (size_t k = 0; k + 1 < thin.size(); ++k) {
        const float gap = centre(k + 1) - centre(k);
        if (gap >= 5.0f && gap <= 40.0f && (spacing == 0.0f || gap < spacing))
            spacing = gap;
    }
    if (spacing == 0.0f)
        return extent;
    size_t start = 0;
    while (start + 2 < thin.size()) {
        size_t end = start;
        while (end + 1 < thin.size()) {
            const float k = (centre(end + 1) - centre(end)) / spacing;
            const float whole = std::round(k);
            if (whole < 1.0f || whole > 4.0f || std::abs(k - whole) > 0.15f * whole)
                break;
            ++end;
        }
        if (end >= start + 2) {
            for (size_t k = start; k <= end; ++k)
                comb[thin[k]] = true;
            const float l = centre(start) - spacing, r = centre(end) + spacing;
            extent = extent.first > extent.second ? std::make_pair(l, r)
                                                  : std::make_pair(std::min(extent.first, l), std::max(extent.second, r));
        }
        start = end + 1;
    }
    if (extent.first <= extent.second) {
        size_t out = 0;
        for (size_t i = 0; i < runs.size(); ++i)
            if (!comb[i])
                runs[out++] = runs[i];
        runs.resize(out);
    }
    return extent;
}

/** Drops thin labelled runs off their own row's comb where a third of the rows around have one over them. */
void dropHatching(RowCandidates &cands, const std::vector<std::pair<float, float>> &combs)
{
    const int rows = cands.rowCount();
    bool any = false;
    for (const auto &c : combs)
        any = any || c.first <= c.second;
    if (!any)
        return;
    const auto covers = [&combs](int q, float x) { return combs[size_t(q)].first <= x && x <= combs[size_t(q)].second; };
    RowCandidates kept;
    kept.offsets.reserve(cands.offsets.size());
    kept.items.reserve(cands.items.size());
    kept.offsets.push_back(0);
    const int reach = CandidateExtractor::kCombReach;
    for (int r = 0; r < rows; ++r) {
        const TraceCandidate *row = cands.row(r);
        const int q0 = std::max(0, r - reach), q1 = std::min(rows - 1, r + reach);
        for (int i = 0; i < cands.count(r); ++i) {
            const TraceCandidate &cd = row[i];
            bool hatch = false;
            if (cd.labelled && !cd.synthetic && cd.width() <= CandidateExtractor::kCombWidth
                && !covers(r, cd.centre)) {
                int covered = 0;
                for (int q = q0; q <= q1; ++q)
                    covered += covers(q, cd.centre);
                hatch = 3 * covered >= q1 - q0 + 1;
            }
            if (!hatch)
                kept.items.push_back(cd);
        }
        kept.offsets.push_back(int(kept.items.size()));
    }
    cands = std::move(kept);
}

} // namespace

CandidateExtractor::CandidateExtractor(int maxCandidates, int probabilityThreshold,
                                       std::array<int, 2> joinGap)
    : mMaxCandidates(std::max(1, maxCandidates))
    , mProbabilityThreshold(std::clamp(probabilityThreshold, 1, 255))
    , mJoinGap{std::max(0, joinGap[0]), std::max(0, joinGap[1])}
{
}

void CandidateExtractor::joinFragments(std::vector<TraceCandidate> &runs) const
{
    if (runs.size() < 2 || (mJoinGap[0] <= 0 && mJoinGap[1] <= 0))
        return;
    const auto curveOf = [](const TraceCandidate &c) { return c.mass2 > c.mass1 ? 1 : 0; };
    size_t out = 0;
    for (size_t i = 1; i < runs.size(); ++i) {
        TraceCandidate &a = runs[out];
        const TraceCandidate &b = runs[i];
        const int c = curveOf(a);
        if (c != curveOf(b) || b.left - a.right - 1.0f > float(mJoinGap[size_t(c)])) {
            runs[++out] = b;
            continue;
        }
        const float wa = a.mass1 + a.mass2;
        const float wb = b.mass1 + b.mass2;
        const auto blend = [](float x, float mx, float y, float my) {
            return mx + my > 0.0f ? (x * mx + y * my) / (mx + my) : 0.5f * (x + y);
        };
        a.centre = blend(a.centre, wa, b.centre, wb);
        a.centre1 = a.mass1 + b.mass1 > 0.0f ? blend(a.centre1, a.mass1, b.centre1, b.mass1)
                                             : a.centre;
        a.centre2 = a.mass2 + b.mass2 > 0.0f ? blend(a.centre2, a.mass2, b.centre2, b.mass2)
                                             : a.centre;
        a.mass1 += b.mass1;
        a.mass2 += b.mass2;
        a.peak1 = std::max(a.peak1, b.peak1);
        a.peak2 = std::max(a.peak2, b.peak2);
        a.right = b.right;
    }
    runs.resize(out + 1);
}

RowCandidates CandidateExtractor::extract(const cv::Mat &labels, const cv::Mat *probabilities,
                                          int firstRow, int rowCount, int firstColumn,
                                          int lastColumn) const
{
    RowCandidates out;
    out.offsets.reserve(size_t(rowCount) + 1);
    out.items.reserve(size_t(rowCount) * 2);
    out.offsets.push_back(0);
    const bool haveProb = probabilities && !probabilities->empty();
    const int threshold = mProbabilityThreshold;
    constexpr float kInv255 = 1.0f / 255.0f;
    std::vector<TraceCandidate> runs;
    runs.reserve(64);
    std::vector<std::pair<float, float>> combs(mDropHatching ? size_t(rowCount) : 0, {1.0f, 0.0f});

    for (int r = 0; r < rowCount; ++r) {
        runs.clear();
        const uint8_t *lab = labels.ptr<uint8_t>(firstRow + r);
        RunAccumulator acc;
        if (!haveProb) {
            int x = firstColumn;
            while (x <= lastColumn) {
                // Skip background eight pixels at a time: most of a track is empty.
                if (acc.left < 0 && x + 8 <= lastColumn + 1) {
                    uint64_t word;
                    std::memcpy(&word, lab + x, sizeof(word));
                    if (word == 0) {
                        x += 8;
                        continue;
                    }
                }
                const uint8_t v = lab[x];
                if (v == 1 || v == 2) {
                    if (acc.left < 0)
                        acc.left = x;
                    acc.add(x, v == 1 ? 1.0f : 0.0f, v == 2 ? 1.0f : 0.0f);
                    ++acc.labelled;
                } else if (acc.left >= 0) {
                    runs.push_back(acc.finish(x - 1));
                    acc = RunAccumulator();
                }
                ++x;
            }
        } else {
            // Pixels the network labelled background but scored above the threshold only widen a
            // labelled run by a short fringe (sub-pixel centres); longer such stretches (grid
            // lines, smears) are dropped so that they can never pull a trace.
            const uint8_t *prob = probabilities->ptr<uint8_t>(firstRow + r);
            RunAccumulator pend;
            int pendRight = -1;
            int accRight = -1;
            auto closeAcc = [&] {
                if (acc.left >= 0)
                    runs.push_back(acc.finish(accRight));
                acc = RunAccumulator();
            };
            auto settlePend = [&](bool runEnds) {
                if (pend.left < 0)
                    return;
                const int len = pendRight - pend.left + 1;
                if (len <= kMaxFringe) {
                    if (acc.left < 0) {
                        acc = pend;
                        acc.labelled = 0;
                    } else {
                        acc.merge(pend);
                    }
                    accRight = pendRight;
                } else if (!runEnds) {
                    closeAcc();
                }
                pend = RunAccumulator();
            };
            for (int x = firstColumn; x <= lastColumn; ++x) {
                const uint8_t v = lab[x];
                const int p1 = prob[2 * x];
                const int p2 = prob[2 * x + 1];
                const bool labelled = v == 1 || v == 2;
                if (labelled) {
                    settlePend(false);
                    if (acc.left < 0)
                        acc.left = x;
                    acc.add(x, std::max(float(p1) * kInv255, v == 1 ? 0.5f : 0.0f),
                            std::max(float(p2) * kInv255, v == 2 ? 0.5f : 0.0f));
                    ++acc.labelled;
                    accRight = x;
                } else if (p1 >= threshold || p2 >= threshold) {
                    if (pend.left < 0)
                        pend.left = x;
                    pend.add(x, float(p1) * kInv255, float(p2) * kInv255);
                    pendRight = x;
                } else {
                    settlePend(true);
                    closeAcc();
                }
            }
            settlePend(true);
            closeAcc();
            joinFragments(runs);
            if (mDropHatching)
                combs[size_t(r)] = removeComb(runs);
            capRuns(runs, mMaxCandidates);
            out.items.insert(out.items.end(), runs.begin(), runs.end());
            out.offsets.push_back(int(out.items.size()));
            continue;
        }
        if (acc.left >= 0)
            runs.push_back(acc.finish(lastColumn));
        joinFragments(runs);
        if (mDropHatching)
            combs[size_t(r)] = removeComb(runs);
        capRuns(runs, mMaxCandidates);
        out.items.insert(out.items.end(), runs.begin(), runs.end());
        out.offsets.push_back(int(out.items.size()));
    }
    if (mDropHatching)
        dropHatching(out, combs);
    return out;
}

} // namespace veer
