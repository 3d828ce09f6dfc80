#include "curvetracer.h"

#include "base/feedback.h"
#include "calibration/calibration.h"
#include "trace/candidateextractor.h"
#include "trace/backupscales.h"
#include "trace/hiddencurve.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace veer {

namespace {

constexpr float kInf = 1e30f;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr int kMaxExtrapolateRows = 20;

/** The best path ending in one joint state, reduced to what the next row's costs need. */
struct PathInfo
{
    float cost = 0.0f;
    std::array<float, 2> last{0.0f, 0.0f};   ///< last position (image column)
    std::array<float, 2> vel{0.0f, 0.0f};    ///< px per row, unwrapped
    std::array<float, 2> lastL{0.0f, 0.0f};  ///< extent of the last run
    std::array<float, 2> lastR{0.0f, 0.0f};
    std::array<int, 2> gap{0, 0};            ///< rows absent since last seen
    std::array<bool, 2> seen{false, false};
    std::array<bool, 2> velKnown{false, false};  ///< seen on two rows since (re)starting
    std::array<float, 2> stroke{0.0f, 0.0f};     ///< typical run width, 0 = unknown
    int shared = 0;                          ///< consecutive rows on one shared run
};

/** What a curve does on one row, in the decoded best path. */
struct Step
{
    int cand = -1;  ///< index into the row's candidates, -1 absent
    float pos = kNaN;
    int wrap = 0;
    bool shared = false;
};

struct Forced
{
    int cand = -1;
    float column = 0.0f;
};

float huber(float d, float delta)
{
    return d <= delta ? d * d : 2.0f * delta * d - delta * delta;
}

/** Viterbi over the joint state of both curves of one track. */
class TrackTracer
{
public:
    TrackTracer(const TraceOptions &options, const Track &track)
        : mOpt(options)
        , mLeft(float(track.left))
        , mRight(float(track.right))
        , mWidth(float(track.width()))
        , mFirstColumn(std::ceil(float(track.left)))
        , mLastColumn(std::floor(float(track.right)))
    {
        for (int c = 0; c < 2; ++c) {
            const CurveScale *scale = track.curveForClass(c + 1);
            mEnabled[c] = scale != nullptr;
            // Only a curve with a backup scale wraps: on any other a run at the far edge is a
            // jump (or another stroke), never a value one scale span away.
            mWraps[c] = scale && scale->wrap;
            // A curve with a backup scale is expected to wrap, also while it is unseen: it keeps
            // its course (and may wrap) over longer gaps than one without.
            mReacquireRows[c] = scale && scale->wrap ? std::max(options.reacquireRows, options.wrapReacquireRows)
                                                     : options.reacquireRows;
        }
    }

    /** Decodes the best path; false when canceled. */
    bool run(RowCandidates &cands, const std::array<std::vector<Forced>, 2> &forced,
             const FeedbackRange &progress, std::array<std::vector<Step>, 2> &steps);

private:
    float curveCost(const PathInfo &p, int c, int choice, const TraceCandidate *cs,
                    const Forced &forced, float &pos, int &wrap) const;
    float shareCost(const PathInfo &p, const TraceCandidate &cd) const;
    float unexplainedCost(int c, int choice, int otherChoice, const TraceCandidate *cs,
                          const std::array<float, 2> &unexplained, int strongest,
                          const Forced &forced) const;
    PathInfo advance(const PathInfo &p, float cost, const std::array<int, 2> &choice,
                     const TraceCandidate *cs, const std::array<float, 2> &pos,
                     const std::array<int, 2> &wrap, const std::array<Forced, 2> &forced) const;

    static bool separated(const TraceCandidate &cd)
    {
        return cd.mass1 >= 0.5f && cd.mass2 >= 0.5f && std::abs(cd.centre1 - cd.centre2) >= 1.0f;
    }
    float predict(const PathInfo &p, int c) const
    {
        return p.last[c] + p.vel[c] * float(std::min(p.gap[c] + 1, kMaxExtrapolateRows));
    }

    const TraceOptions &mOpt;
    float mLeft;
    float mRight;
    float mWidth;
    float mFirstColumn;  ///< first and last pixel column inside the track
    float mLastColumn;
    const TraceCandidate *mLeftEdgeRun = nullptr;   ///< this row's run at the left edge, if any
    const TraceCandidate *mRightEdgeRun = nullptr;
    std::array<bool, 2> mEnabled{};
    std::array<bool, 2> mWraps{};
    std::array<int, 2> mReacquireRows{};
};

float TrackTracer::curveCost(const PathInfo &p, int c, int choice, const TraceCandidate *cs,
                             const Forced &forced, float &pos, int &wrap) const
{
    pos = kNaN;
    wrap = 0;
    if (forced.cand >= 0 && choice != forced.cand + 1)
        return kInf;
    if (choice == 0)
        return mOpt.absentCost[c];

    const TraceCandidate &cd = cs[choice - 1];
    const float m = cd.mass(c);
    const float support = cd.support(c, mOpt.crossClassSupport);
    float cost = forced.cand >= 0 ? 0.0f : mOpt.evidenceWeight * (1.0f - support);
    pos = forced.cand >= 0 ? forced.column : (m >= 0.5f ? cd.classCentre(c) : cd.centre);
    if (!p.seen[c])
        return cost;

    const int g = p.gap[c];
    if (g >= mReacquireRows[c])
        return cost + 1.0f;

    // Unwrapped, the course may run past an edge (a wrap); on the track it ends at the edge,
    // where a pegged stroke runs on.
    const float pred = predict(p, c);
    const float onTrack = std::clamp(pred, mFirstColumn, mLastColumn);
    const bool touch = g == 0 && cd.left <= p.lastR[c] + 1.0f && cd.right >= p.lastL[c] - 1.0f;
    const float dPos = std::abs(pos - onTrack);
    const float dInt = std::max({0.0f, cd.left - onTrack, onTrack - cd.right});
    // Any point of a wide run may carry the stroke: a run is a horizontal stroke segment.
    // Slack grows with the gap, and a curve seen once has no known slope yet.
    const float slack = mOpt.gapTolerance * float(g) + (p.velKnown[c] ? 0.0f : 1.0f);
    const float d = std::max(0.0f, std::min(dPos, dInt + 1.0f) - slack);
    float s = mOpt.slopeWeight * huber(d, mOpt.huberDelta);
    if (touch) {
        s = std::min(s, mOpt.touchCap);
    } else {
        // A wrap is taken only where it is seen: the curve's last run reaches one edge (within
        // edgeMargin px) and this run the other. A wide run (a stroke sweeping across the track)
        // re-enters at its point nearest the course carried past the edge.
        // The exit may lie on this row too, as a run at the far edge touching the last one.
        const auto touchesLast = [&](const TraceCandidate *e) {
            return e && e->left <= p.lastR[c] + 1.0f && e->right >= p.lastL[c] - 1.0f;
        };
        int dir = 0;
        if (mWraps[c]) {
            const float m = float(mOpt.edgeMargin);
            const bool outRight = p.lastR[c] >= mLastColumn - m || (g == 0 && touchesLast(mRightEdgeRun));
            const bool outLeft = p.lastL[c] <= mFirstColumn + m || (g == 0 && touchesLast(mLeftEdgeRun));
            if (outRight && cd.left <= mFirstColumn + m)
                dir = 1;
            else if (outLeft && cd.right >= mLastColumn - m)
                dir = -1;
        }
        if (dir != 0) {
            const float shift = float(dir) * mWidth;
            const float u = cd.width() > 3.0f && forced.cand < 0
                                ? std::clamp(pred, cd.left + shift, cd.right + shift)
                                : pos + shift;
            const float d2 = std::max(0.0f, std::abs(u - pred) - mOpt.gapTolerance * float(g));
            float s2 = mOpt.slopeWeight * huber(d2, mOpt.huberDelta);
            // The stroke left by one edge column and goes on from the other: connected but for
            // the wrap, as a touch is.
            const bool edgeTouch = g <= 1
                                   && (dir > 0 ? (p.lastR[c] >= mLastColumn - 1.0f
                                                  || touchesLast(mRightEdgeRun))
                                                     && cd.left <= mFirstColumn + 1.0f
                                               : (p.lastL[c] <= mFirstColumn + 1.0f
                                                  || touchesLast(mLeftEdgeRun))
                                                     && cd.right >= mLastColumn - 1.0f);
            if (edgeTouch)
                s2 = std::min(s2, mOpt.touchCap);
            s2 += mOpt.wrapCost;
            if (s2 < s) {
                s = s2;
                wrap = dir;
                pos = u - shift;
            }
        }
    }
    return cost + s;
}

float TrackTracer::unexplainedCost(int c, int choice, int otherChoice, const TraceCandidate *cs,
                                   const std::array<float, 2> &unexplained, int strongest,
                                   const Forced &forced) const
{
    // Absent, or on a run of the other class (hiding in the other curve's stroke), while ink of
    // its own class lies unclaimed: with exact labels that ink can only be this curve.
    if (forced.cand >= 0 || (choice > 0 && cs[choice - 1].mass(c) >= 0.5f))
        return 0.0f;
    return unexplained[strongest == otherChoice ? 1 : 0];
}

float TrackTracer::shareCost(const PathInfo &p, const TraceCandidate &cd) const
{
    // Two touching strokes of different class in one run are not one stroke: they may run
    // side by side for long. Otherwise sharing is only for the brief overlap of a crossing.
    if (separated(cd))
        return 0.25f * mOpt.shareCost;
    return mOpt.shareCost + mOpt.shareGrowth * float(p.shared);
}

PathInfo TrackTracer::advance(const PathInfo &p, float cost, const std::array<int, 2> &choice,
                              const TraceCandidate *cs, const std::array<float, 2> &pos,
                              const std::array<int, 2> &wrap,
                              const std::array<Forced, 2> &forced) const
{
    PathInfo q = p;
    q.cost = cost;
    const bool shared = choice[0] > 0 && choice[0] == choice[1];
    // The count of shared rows ends only when both curves go on by runs of their own: a row
    // absent between shared ones must not reset the growing cost of sharing.
    q.shared = shared ? p.shared + 1 : (choice[0] > 0 && choice[1] > 0 ? 0 : p.shared);
    for (int c = 0; c < 2; ++c) {
        if (choice[c] == 0) {
            if (q.seen[c])
                ++q.gap[c];
            continue;
        }
        const TraceCandidate &cd = cs[choice[c] - 1];
        float at = pos[c];
        bool measured = true;
        const bool wide = p.stroke[c] > 0.0f && cd.width() > p.stroke[c] + 2.0f;
        // The other curve just vanished into this run: the two strokes overlap here.
        const int o = 1 - c;
        const float oPred = p.seen[o] ? predict(p, o) : 0.0f;
        const float oLast = p.last[o];
        const bool merged = !shared && choice[o] == 0 && p.seen[o]
                            && p.gap[o] < mOpt.maxBridgeRows
                            && std::max(oPred, oLast) >= cd.left - 1.0f
                            && std::min(oPred, oLast) <= cd.right + 1.0f;
        if (forced[c].cand >= 0) {
            // An anchor: the position is given.
        } else if (separated(cd)) {
            // Two strokes side by side in one run: each class has its own centre.
            at = cd.classCentre(c);
        } else if (p.seen[c] && (shared || merged)) {
            // Inside a crossing or a merge the run says little about where this stroke is:
            // carry on along the predicted course, kept within the run.
            const float half = 0.5f * (std::max(1.0f, p.stroke[c]) - 1.0f);
            const float pred = predict(p, c) - float(wrap[c]) * mWidth;
            at = std::clamp(pred, cd.left + half, std::max(cd.left + half, cd.right - half));
            measured = false;
        }
        if (!shared && !wide && !merged)
            q.stroke[c] = p.stroke[c] > 0.0f ? 0.8f * p.stroke[c] + 0.2f * cd.width() : cd.width();
        // After its reacquire limit of absent rows (reacquireRows, or wrapReacquireRows on a backup
        // scale) the curve restarts: the jump from where it was lost says nothing about its slope.
        const bool restart = p.seen[c] && p.gap[c] >= mReacquireRows[c];
        if (restart)
            q.vel[c] = 0.0f;
        q.velKnown[c] = p.seen[c] && !restart && (p.velKnown[c] || measured);
        if (p.seen[c] && measured && !restart) {
            const float u = at + float(wrap[c]) * mWidth;
            const float stepVel = (u - p.last[c]) / float(p.gap[c] + 1);
            // A step over a gap spans several rows, each of which would have moved the estimate.
            const float keep = std::pow(1.0f - mOpt.velocityGain, float(p.gap[c] + 1));
            const float v = (1.0f - keep) * stepVel + keep * p.vel[c];
            q.vel[c] = std::clamp(v, -0.25f * mWidth, 0.25f * mWidth);
        }
        q.last[c] = at;
        q.lastL[c] = cd.left;
        q.lastR[c] = cd.right;
        q.gap[c] = 0;
        q.seen[c] = true;
    }
    return q;
}

bool TrackTracer::run(RowCandidates &cands, const std::array<std::vector<Forced>, 2> &forced,
                      const FeedbackRange &progress, std::array<std::vector<Step>, 2> &steps)
{
    const int rows = cands.rowCount();
    std::vector<int> stateOffset(size_t(rows) + 1, 0);
    std::vector<uint8_t> back;
    std::array<std::vector<float>, 2> posStore;
    std::array<std::vector<int8_t>, 2> wrapStore;
    back.reserve(size_t(rows) * 9);
    for (int c = 0; c < 2; ++c) {
        posStore[c].reserve(size_t(rows) * 9);
        wrapStore[c].reserve(size_t(rows) * 9);
    }

    std::vector<PathInfo> prev(1), cur;
    std::array<std::vector<float>, 2> tc, tpos;
    std::array<std::vector<int8_t>, 2> twrap;
    auto choices = [&](int r, int c) { return mEnabled[c] ? cands.count(r) + 1 : 1; };

    for (int r = 0; r < rows; ++r) {
        if ((r & 511) == 0) {
            if (progress.isCanceled())
                return false;
            progress.setProgress(100.0 * r / std::max(1, rows));
        }
        const TraceCandidate *cs = cands.row(r);
        const std::array<int, 2> n{choices(r, 0), choices(r, 1)};
        const std::array<Forced, 2> fr{forced[0][size_t(r)], forced[1][size_t(r)]};
        const int sPrev = int(prev.size());
        const int count = cands.count(r);
        mLeftEdgeRun = count > 0 && cs[0].left <= mFirstColumn + 1.0f ? &cs[0] : nullptr;
        mRightEdgeRun = count > 0 && cs[count - 1].right >= mLastColumn - 1.0f ? &cs[count - 1]
                                                                              : nullptr;
        // The strongest run of each curve's own class, and the next strongest for when the other
        // curve takes it: what a curve leaves unexplained when it takes no run of its class.
        std::array<std::array<float, 2>, 2> unexplained{};
        std::array<int, 2> strongest{-1, -1};
        for (int k = 0; k < count; ++k) {
            for (int c = 0; c < 2; ++c) {
                if (cs[k].mass(c) < 0.5f)
                    continue;
                const float e = mOpt.unexplainedCost[c] * (c == 0 ? cs[k].peak1 : cs[k].peak2);
                if (e > unexplained[c][0]) {
                    unexplained[c][1] = unexplained[c][0];
                    unexplained[c][0] = e;
                    strongest[c] = k + 1;
                } else {
                    unexplained[c][1] = std::max(unexplained[c][1], e);
                }
            }
        }
        for (int c = 0; c < 2; ++c) {
            tc[c].resize(size_t(sPrev * n[c]));
            tpos[c].resize(size_t(sPrev * n[c]));
            twrap[c].resize(size_t(sPrev * n[c]));
            for (int s = 0; s < sPrev; ++s) {
                for (int ch = 0; ch < n[c]; ++ch) {
                    float pos;
                    int wrap;
                    const size_t k = size_t(s * n[c] + ch);
                    tc[c][k] = curveCost(prev[size_t(s)], c, ch, cs, fr[c], pos, wrap);
                    tpos[c][k] = pos;
                    twrap[c][k] = int8_t(wrap);
                }
            }
        }

        const int states = n[0] * n[1];
        cur.resize(size_t(states));
        stateOffset[size_t(r) + 1] = stateOffset[size_t(r)] + states;
        float rowMin = kInf;
        for (int i = 0; i < n[0]; ++i) {
            for (int j = 0; j < n[1]; ++j) {
                float best = kInf;
                int bestS = 0;
                const float idle =
                    unexplainedCost(0, i, j, cs, unexplained[0], strongest[0], fr[0])
                    + unexplainedCost(1, j, i, cs, unexplained[1], strongest[1], fr[1]);
                for (int s = 0; s < sPrev; ++s) {
                    const PathInfo &p = prev[size_t(s)];
                    float t = p.cost + idle + tc[0][size_t(s * n[0] + i)]
                              + tc[1][size_t(s * n[1] + j)];
                    if (i > 0 && i == j)
                        t += shareCost(p, cs[i - 1]);
                    if (t < best) {
                        best = t;
                        bestS = s;
                    }
                }
                const size_t k0 = size_t(bestS * n[0] + i);
                const size_t k1 = size_t(bestS * n[1] + j);
                PathInfo q = advance(prev[size_t(bestS)], best, {i, j}, cs,
                                     {tpos[0][k0], tpos[1][k1]}, {twrap[0][k0], twrap[1][k1]}, fr);
                cur[size_t(i * n[1] + j)] = q;
                back.push_back(uint8_t(bestS));
                posStore[0].push_back(i > 0 ? q.last[0] : kNaN);
                posStore[1].push_back(j > 0 ? q.last[1] : kNaN);
                wrapStore[0].push_back(twrap[0][k0]);
                wrapStore[1].push_back(twrap[1][k1]);
                rowMin = std::min(rowMin, best);
            }
        }
        if (rowMin < kInf) {
            for (PathInfo &p : cur)
                p.cost -= rowMin;
        }
        prev.swap(cur);
    }

    for (int c = 0; c < 2; ++c)
        steps[c].assign(size_t(rows), Step());
    if (rows == 0)
        return true;
    int state = int(std::min_element(prev.begin(), prev.end(),
                                     [](const PathInfo &a, const PathInfo &b) {
                                         return a.cost < b.cost;
                                     })
                    - prev.begin());
    for (int r = rows - 1; r >= 0; --r) {
        const int n1 = choices(r, 1);
        const std::array<int, 2> ch{state / n1, state % n1};
        const size_t k = size_t(stateOffset[size_t(r)] + state);
        for (int c = 0; c < 2; ++c) {
            if (ch[c] == 0)
                continue;
            Step &st = steps[c][size_t(r)];
            st.cand = ch[c] - 1;
            st.pos = posStore[c][k];
            st.wrap = wrapStore[c][k];
            st.shared = ch[0] == ch[1];
        }
        state = back[k];
    }
    return true;
}

/** Turns the decoded steps of one curve into a CurveTrace: spikes, confidence, gaps, wraps. */
class TraceFinisher
{
public:
    TraceFinisher(const TraceOptions &options, const Track &track)
        : mOpt(options)
        , mLeft(float(track.left))
        , mRight(float(track.right))
        , mWidth(float(track.width()))
    {
    }

    CurveTrace finish(int c, const RowCandidates &cands, const std::array<std::vector<Step>, 2> &steps,
                      const std::vector<Forced> &forced, int firstImageRow) const;

private:
    void sharpenSpikes(const RowCandidates &cands, const std::vector<Step> &st,
                       std::vector<float> &column) const;
    void bridgeGaps(int c, const RowCandidates &cands, CurveTrace &out, std::vector<int> &wrapAt,
                    const std::vector<Step> &other) const;

    const TraceOptions &mOpt;
    float mLeft;
    float mRight;
    float mWidth;
};

void TraceFinisher::sharpenSpikes(const RowCandidates &cands, const std::vector<Step> &st,
                                  std::vector<float> &column) const
{
    // Typical stroke width of this curve: the median width of its unshared runs.
    std::vector<float> widths;
    for (size_t r = 0; r < st.size(); ++r) {
        if (st[r].cand >= 0 && !st[r].shared)
            widths.push_back(cands.row(int(r))[st[r].cand].width());
    }
    if (widths.empty())
        return;
    std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
    const float stroke = widths[widths.size() / 2];
    const float half = 0.5f * (stroke - 1.0f);
    for (size_t r = 1; r + 1 < st.size(); ++r) {
        const Step &a = st[r - 1];
        const Step &b = st[r];
        const Step &z = st[r + 1];
        if (b.cand < 0 || b.shared || a.cand < 0 || z.cand < 0 || b.wrap || z.wrap)
            continue;
        const TraceCandidate &cb = cands.row(int(r))[b.cand];
        if (cb.width() < std::max(3.0f, 2.0f * stroke) || cb.synthetic)
            continue;
        const TraceCandidate &ca = cands.row(int(r) - 1)[a.cand];
        const TraceCandidate &cz = cands.row(int(r) + 1)[z.cand];
        // The tip of a horizontal excursion: the run reaches past both neighbours' runs.
        if (cb.right > ca.right && cb.right > cz.right && cb.left >= std::min(ca.left, cz.left))
            column[r] = cb.right - half;
        else if (cb.left < ca.left && cb.left < cz.left && cb.right <= std::max(ca.right, cz.right))
            column[r] = cb.left + half;
    }
}

void TraceFinisher::bridgeGaps(int c, const RowCandidates &cands, CurveTrace &out,
                               std::vector<int> &wrapAt, const std::vector<Step> &other) const
{
    // What lies on the straight bridge at gap row k: the run the curve evidently continues along
    // (any class: the labels may be wrong there), or the other curve hiding it (a tangent touch,
    // a shallow crossing). Returns the run index, -2 for hidden, -1 for nothing.
    const auto onBridge = [&](int k, float u) {
        const TraceCandidate *cs = cands.row(k);
        const Step &o = other[size_t(k)];
        bool hidden = o.cand >= 0 && std::abs(o.pos - u) <= 2.5f;
        // A thin stroke running beside the other curve's stroke is lost in its edge.
        if (o.cand >= 0 && u >= cs[o.cand].left - mOpt.hideMargin && u <= cs[o.cand].right + mOpt.hideMargin)
            hidden = true;
        for (int i = 0; i < cands.count(k); ++i) {
            if (u >= cs[i].left - 1.5f && u <= cs[i].right + 1.5f) {
                if (i != o.cand)
                    return i;
                hidden = true;
            }
        }
        return hidden ? -2 : -1;
    };
    forEachInnerGap(out.column, [&](int r, int e) {
        const int len = e - r;
        const int dir = wrapAt[size_t(e)];
        const float u0 = out.column[size_t(r - 1)];
        const float u1 = out.column[size_t(e)] + float(dir) * mWidth;
        const auto at = [&](int k) { return u0 + float(k - r + 1) / float(len + 1) * (u1 - u0); };
        bool covered = dir == 0 && len <= 10 * mOpt.maxBridgeRows;
        for (int k = r; k < e && covered; ++k)
            covered = onBridge(k, at(k)) != -1;
        if (!covered && len > mOpt.maxBridgeRows)
            return;
        const float c0 = out.confidence[size_t(r - 1)];
        const float c1 = out.confidence[size_t(e)];
        bool wrapped = false;
        for (int k = r; k < e; ++k) {
            const float f = float(k - r + 1) / float(len + 1);
            float u = at(k);
            const int run = covered ? onBridge(k, u) : -1;
            if (run >= 0) {
                const TraceCandidate &cd = cands.row(k)[run];
                u = cd.width() > 3.0f ? std::clamp(u, cd.left, cd.right)
                                      : (cd.mass(c) >= 0.5f ? cd.classCentre(c) : cd.centre);
                out.column[size_t(k)] = u;
                out.confidence[size_t(k)] = 0.5f * cd.support(c, 1.0f);
                continue;
            }
            if (dir != 0 && (u > mRight || u < mLeft)) {
                u -= float(dir) * mWidth;
                if (!wrapped) {
                    wrapAt[size_t(k)] = dir;
                    wrapAt[size_t(e)] = 0;
                    wrapped = true;
                }
            }
            out.column[size_t(k)] = u;
            const float edge = std::min(f, 1.0f - f);
            out.confidence[size_t(k)] = 0.5f * std::min(c0, c1) * (1.0f - edge);
        }
    });
}

CurveTrace TraceFinisher::finish(int c, const RowCandidates &cands,
                                 const std::array<std::vector<Step>, 2> &steps,
                                 const std::vector<Forced> &forced, int firstImageRow) const
{
    const std::vector<Step> &st = steps[c];
    const std::vector<Step> &other = steps[1 - c];
    const int rows = int(st.size());
    CurveTrace out;
    out.classId = c + 1;
    out.column.assign(size_t(rows), kNaN);
    out.confidence.assign(size_t(rows), 0.0f);
    std::vector<int> wrapAt(size_t(rows), 0);
    for (int r = 0; r < rows; ++r) {
        const Step &s = st[size_t(r)];
        if (s.cand < 0)
            continue;
        out.column[size_t(r)] = s.pos;
        wrapAt[size_t(r)] = s.wrap;
        if (forced[size_t(r)].cand >= 0) {
            out.confidence[size_t(r)] = 1.0f;
            continue;
        }
        const TraceCandidate *cs = cands.row(r);
        const TraceCandidate &cd = cs[s.cand];
        const float support = cd.support(c, mOpt.crossClassSupport);
        // Competing runs nearby that neither curve took make the choice less certain; the
        // other curve's closeness is applied by markAmbiguity() once both are final.
        float ambiguity = s.shared ? 0.5f : 1.0f;
        const Step &o = other[size_t(r)];
        for (int k = 0; k < cands.count(r) && ambiguity > 0.8f; ++k) {
            if (k != s.cand && k != o.cand && std::abs(cs[k].centre - s.pos) < 6.0f)
                ambiguity = 0.8f;
        }
        out.confidence[size_t(r)] = support * ambiguity;
    }
    sharpenSpikes(cands, st, out.column);
    bridgeGaps(c, cands, out, wrapAt, other);
    for (int r = 0; r < rows; ++r) {
        if (wrapAt[size_t(r)] != 0)
            out.wraps.push_back({firstImageRow + r, wrapAt[size_t(r)]});
    }
    return out;
}

/** Lowers the confidence of both curves where they run within a few pixels of each other. */
void markAmbiguity(CurveTrace &a, CurveTrace &b, const std::array<std::vector<Forced>, 2> &forced)
{
    constexpr float kNear = 4.0f;
    for (size_t r = 0; r < a.column.size(); ++r) {
        const float d = std::abs(a.column[r] - b.column[r]);
        if (!(d < kNear))
            continue;
        const float factor = 0.5f + 0.2f * d / kNear;
        if (forced[0][r].cand < 0)
            a.confidence[r] *= factor;
        if (forced[1][r].cand < 0)
            b.confidence[r] *= factor;
    }
}

} // namespace

CurveTracer::CurveTracer(TraceOptions options)
    : mOptions(std::move(options))
{
}

QString CurveTracer::checkInput(const cv::Mat &labels, const cv::Mat *probabilities, int &bandRow,
                                int &rows) const
{
    if (labels.empty() || labels.type() != CV_8UC1)
        return QStringLiteral("The label map must be a non-empty 8-bit single-channel image");
    if (probabilities && !probabilities->empty()
        && (probabilities->type() != CV_8UC2 || probabilities->size() != labels.size()))
        return QStringLiteral("The probability map must be 8-bit two-channel and match the labels");
    bandRow = mOptions.firstRow - mOptions.labelRowOffset;
    rows = mOptions.rowCount < 0 ? labels.rows - bandRow : mOptions.rowCount;
    if (bandRow < 0 || rows < 0 || bandRow + rows > labels.rows)
        return QStringLiteral("Rows %1..%2 are outside the label band (rows %3..%4)")
            .arg(mOptions.firstRow)
            .arg(mOptions.firstRow + rows - 1)
            .arg(mOptions.labelRowOffset)
            .arg(mOptions.labelRowOffset + labels.rows - 1);
    return {};
}

Result<TrackTrace> CurveTracer::traceTrack(const cv::Mat &labels, const cv::Mat *probabilities,
                                           const Track &track, int trackIndex,
                                           Feedback *feedback) const
{
    int bandRow = 0;
    int rows = 0;
    const QString error = checkInput(labels, probabilities, bandRow, rows);
    if (!error.isEmpty())
        return Result<TrackTrace>::failure(error);
    return traceTrackRows(labels, probabilities, track, trackIndex, bandRow, rows,
                          FeedbackRange(feedback, 0.0, 100.0));
}

Result<TrackTrace> CurveTracer::traceTrackRows(const cv::Mat &labels, const cv::Mat *probabilities,
                                               const Track &track, int trackIndex, int bandRow,
                                               int rows, const FeedbackRange &progress) const
{
    if (!(track.width() > 0.0))
        return Result<TrackTrace>::failure(QStringLiteral("Track %1 has no width").arg(trackIndex + 1));

    const int firstColumn = std::max(0, int(std::ceil(track.left)));
    const int lastColumn = std::min(labels.cols - 1, int(std::floor(track.right)));
    const CandidateExtractor extractor(mOptions.maxCandidates, mOptions.probabilityThreshold,
                                       {mOptions.joinGap[0], mOptions.joinGap[1]});
    RowCandidates cands = rows > 0 && lastColumn >= firstColumn
                              ? extractor.extract(labels, probabilities, bandRow, rows,
                                                  firstColumn, lastColumn)
                              : RowCandidates{std::vector<int>(size_t(rows) + 1, 0), {}};

    // Anchors: the curve must take the run under the anchor (or a synthetic one) at that row.
    std::array<std::vector<Forced>, 2> forced;
    forced[0].assign(size_t(rows), Forced());
    forced[1].assign(size_t(rows), Forced());
    struct Synthetic
    {
        int row;
        int curve;
        float column;
    };
    std::vector<Synthetic> synthetic;
    for (const TraceAnchor &a : mOptions.anchors) {
        const int r = a.row - mOptions.firstRow;
        if (a.trackIndex != trackIndex || r < 0 || r >= rows || (a.classId != 1 && a.classId != 2))
            continue;
        const float col = float(a.column);
        const TraceCandidate *cs = cands.row(r);
        int hit = -1;
        for (int k = 0; k < cands.count(r) && hit < 0; ++k) {
            if (col >= cs[k].left - 2.0f && col <= cs[k].right + 2.0f)
                hit = k;
        }
        forced[size_t(a.classId - 1)][size_t(r)] = {hit, col};
        if (hit < 0)
            synthetic.push_back({r, a.classId - 1, col});
    }
    if (!synthetic.empty()) {
        RowCandidates merged;
        merged.offsets.push_back(0);
        for (int r = 0; r < rows; ++r) {
            merged.items.insert(merged.items.end(), cands.row(r), cands.row(r) + cands.count(r));
            for (const Synthetic &syn : synthetic) {
                if (syn.row != r)
                    continue;
                TraceCandidate t;
                t.left = t.right = t.centre = t.centre1 = t.centre2 = std::round(syn.column);
                t.synthetic = true;
                forced[size_t(syn.curve)][size_t(r)].cand = int(merged.items.size()) - merged.offsets.back();
                merged.items.push_back(t);
            }
            merged.offsets.push_back(int(merged.items.size()));
        }
        cands = std::move(merged);
    }

    TrackTracer tracer(mOptions, track);
    std::array<std::vector<Step>, 2> steps;
    if (!tracer.run(cands, forced, progress, steps))
        return Result<TrackTrace>::failure(QStringLiteral("Tracing was canceled"));

    TraceFinisher finisher(mOptions, track);
    std::array<CurveTrace, 2> finished{
        finisher.finish(0, cands, steps, forced[0], mOptions.firstRow),
        finisher.finish(1, cands, steps, forced[1], mOptions.firstRow)};
    if (mOptions.maxHiddenRows > 0 || mOptions.maxFaintRows[0] > 0 || mOptions.maxFaintRows[1] > 0) {
        const FaintEvidence evidence{labels, probabilities, bandRow, firstColumn, lastColumn};
        std::array<std::vector<int>, 2> runs;
        for (int c = 0; c < 2; ++c) {
            runs[size_t(c)].resize(steps[size_t(c)].size());
            std::transform(steps[size_t(c)].begin(), steps[size_t(c)].end(), runs[size_t(c)].begin(),
                           [](const Step &s) { return s.cand; });
        }
        for (int c = 0; c < 2 && mOptions.maxHiddenRows > 0; ++c)
            followHidden(c, finished[size_t(c)], finished[size_t(1 - c)], runs[size_t(1 - c)], cands,
                         evidence, track, mOptions, mOptions.firstRow);
        for (int c = 0; c < 2; ++c)
            followFaint(c, finished[size_t(c)], finished[size_t(1 - c)], runs[size_t(1 - c)], cands,
                        evidence, track, mOptions, mOptions.firstRow);
    }
    for (int c = 0; c < 2; ++c) {
        const CurveScale *scale = track.curveForClass(c + 1);
        if (scale && scale->wrap)
            settleBackupScales(finished[size_t(c)], float(track.width()), mOptions.firstRow);
    }
    markAmbiguity(finished[0], finished[1], forced);
    TrackTrace out;
    for (const CurveScale &scale : track.curves) {
        if (scale.classId == 1 || scale.classId == 2) {
            out.curves.push_back(finished[size_t(scale.classId - 1)]);
        } else {
            CurveTrace empty;
            empty.classId = scale.classId;
            empty.column.assign(size_t(rows), kNaN);
            empty.confidence.assign(size_t(rows), 0.0f);
            out.curves.push_back(std::move(empty));
        }
    }
    return out;
}

Result<TraceResult> CurveTracer::trace(const cv::Mat &labels, const cv::Mat *probabilities,
                                       const Calibration &calibration, Feedback *feedback) const
{
    int bandRow = 0;
    int rows = 0;
    const QString error = checkInput(labels, probabilities, bandRow, rows);
    if (!error.isEmpty())
        return Result<TraceResult>::failure(error);
    TraceResult result;
    result.firstRow = mOptions.firstRow;
    result.rowCount = rows;
    const int tracks = int(calibration.tracks.size());
    for (int t = 0; t < tracks; ++t) {
        const FeedbackRange range(feedback, 100.0 * t / tracks, 100.0 * (t + 1) / tracks);
        Result<TrackTrace> track = traceTrackRows(labels, probabilities,
                                                  calibration.tracks[size_t(t)], t, bandRow, rows,
                                                  range);
        if (!track)
            return Result<TraceResult>::failure(track.error());
        result.tracks.push_back(track.take());
    }
    if (feedback)
        feedback->setProgress(100.0, QStringLiteral("Traced %1 tracks").arg(tracks));
    return result;
}

} // namespace veer
