#include "hiddencurve.h"

#include "calibration/calibration.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace veer {

bool FaintEvidence::near(int curve, int row, float column) const
{
    constexpr int kRows = 2;
    constexpr int kColumns = 4;
    if (!std::isfinite(column))
        return false;
    const int x0 = std::max(firstColumn, int(std::floor(column)) - kColumns);
    const int x1 = std::min(lastColumn, int(std::ceil(column)) + kColumns);
    const int r0 = std::max(0, bandRow + row - kRows);
    const int r1 = std::min(labels.rows - 1, bandRow + row + kRows);
    const bool haveProb = probabilities && !probabilities->empty();
    for (int r = r0; r <= r1; ++r) {
        if (haveProb) {
            const uint8_t *p = probabilities->ptr<uint8_t>(r);
            for (int x = x0; x <= x1; ++x) {
                if (p[2 * x + curve] > 0)
                    return true;
            }
        } else {
            const uint8_t *l = labels.ptr<uint8_t>(r);
            for (int x = x0; x <= x1; ++x) {
                if (l[x] == curve + 1)
                    return true;
            }
        }
    }
    return false;
}

void followHidden(int c, CurveTrace &x, const CurveTrace &y, const std::vector<int> &yRun,
                  const RowCandidates &cands, const FaintEvidence &evidence, const Track &track,
                  const TraceOptions &opt, int firstImageRow)
{
    const int rows = int(x.column.size());
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
    const auto wrapsWithin = [firstImageRow](const CurveTrace &t, int from, int to) {
        return std::any_of(t.wraps.begin(), t.wraps.end(), [&](const WrapEvent &w) {
            return w.row >= firstImageRow + from && w.row <= firstImageRow + to;
        });
    };
    int r = 1;
    while (r < rows) {
        if (!std::isnan(x.column[size_t(r)])) {
            ++r;
            continue;
        }
        int e = r;
        while (e < rows && std::isnan(x.column[size_t(e)]))
            ++e;
        const int len = e - r;
        bool hidden = e < rows && len <= opt.maxHiddenRows && beside(r - 1) && beside(e)
                      && !wrapsWithin(x, r - 1, e) && !wrapsWithin(y, r - 1, e);
        for (int k = r; k < e && hidden; ++k)
            hidden = !std::isnan(y.column[size_t(k)]);
        const float off0 = hidden ? x.column[size_t(r - 1)] - y.column[size_t(r - 1)] : 0.0f;
        const float off1 = hidden ? x.column[size_t(e)] - y.column[size_t(e)] : 0.0f;
        const auto at = [&](int k) {
            const float f = float(k - r + 1) / float(len + 1);
            return y.column[size_t(k)] + off0 + f * (off1 - off0);
        };
        if (hidden) {
            // A pen lifted beside the other curve leaves no sign of this curve at all.
            int seen = 0;
            for (int k = r; k < e; ++k)
                seen += evidence.near(c, k, at(k)) ? 1 : 0;
            hidden = 2 * seen >= len;
        }
        if (hidden) {
            const float conf = 0.5f * std::min(x.confidence[size_t(r - 1)], x.confidence[size_t(e)]);
            for (int k = r; k < e; ++k) {
                x.column[size_t(k)] = std::clamp(at(k), float(track.left), float(track.right));
                x.confidence[size_t(k)] = conf;
            }
        }
        r = e;
    }
}

} // namespace veer
