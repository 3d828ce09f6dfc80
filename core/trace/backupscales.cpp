#include "backupscales.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

namespace veer {

void settleBackupScales(CurveTrace &t, float width, int firstImageRow)
{
    constexpr float kJump = 0.25f;  // of the track width: more than a curve moves across a short gap
    const int rows = int(t.column.size());
    const auto sign = [](int v) { return (v > 0) - (v < 0); };
    const auto seen = [&](int r) { return std::isfinite(t.column[size_t(r)]); };
    std::vector<int> step(size_t(rows), 0);  // the tracer's change of the count at each row
    for (const WrapEvent &w : t.wraps) {
        if (w.row >= firstImageRow && w.row < firstImageRow + rows)
            step[size_t(w.row - firstImageRow)] += sign(w.direction);
    }
    std::vector<int> starts;
    for (int r = 0, last = -1; r < rows; ++r) {
        if (!seen(r))
            continue;
        if (last < 0
            || (r - last > 1 && step[size_t(r)] == 0
                && std::abs(t.column[size_t(r)] - t.column[size_t(last)]) > kJump * width))
            starts.push_back(r);
        last = r;
    }
    // The count over rows [from, to) starting at `start`: its change per row, and the rows on the main scale.
    const auto settle = [&](int from, int to, int start, std::vector<int> &change) {
        change.assign(size_t(to - from), 0);
        int count = start;
        int onMain = 0;
        for (int r = from, last = -1; r < to; ++r) {
            int next = count;
            if (step[size_t(r)] != 0) {
                next = std::clamp(count + step[size_t(r)], -1, 1);
            } else if (seen(r) && last >= 0 && last == r - 1 && count != 0) {
                const float stay = std::abs(t.column[size_t(r)] - t.column[size_t(last)]);
                const float back = std::abs(t.column[size_t(r)] - t.column[size_t(last)] - float(sign(count)) * width);
                if (stay > kJump * width && back < stay)
                    next = count - sign(count);
            }
            change[size_t(r - from)] = next - count;
            count = next;
            if (seen(r)) {
                onMain += count == 0;
                last = r;
            }
        }
        return std::make_pair(onMain, count);
    };
    std::vector<int> settled(size_t(rows), 0);  // the settled change of the count at each row
    int carried = 0;
    for (size_t k = 0; k < starts.size(); ++k) {
        const int from = starts[k];
        const int to = k + 1 < starts.size() ? starts[k + 1] : rows;
        int bestStart = carried;
        std::vector<int> bestChange;
        std::pair<int, int> best = settle(from, to, carried, bestChange);
        for (int start : {0, -1, 1}) {
            std::vector<int> change;
            const std::pair<int, int> tried = settle(from, to, start, change);
            if (tried.first > best.first) {
                best = tried;
                bestStart = start;
                bestChange = std::move(change);
            }
        }
        for (int r = from; r < to; ++r)
            settled[size_t(r)] = bestChange[size_t(r - from)];
        settled[size_t(from)] += bestStart - carried;
        carried = best.second;
    }
    std::vector<WrapEvent> added;
    bool changed = false;
    for (int r = 0; r < rows; ++r) {
        const int delta = settled[size_t(r)] - step[size_t(r)];
        changed = changed || delta != 0;
        for (int i = 0; i < std::abs(delta); ++i)
            added.push_back({firstImageRow + r, sign(delta)});
    }
    if (!changed)
        return;
    // The tracer's events, with those the settled count drops cancelled by an opposite one at the
    // same row, so each event still says what was seen there.
    t.wraps.insert(t.wraps.end(), added.begin(), added.end());
    std::stable_sort(t.wraps.begin(), t.wraps.end(),
                     [](const WrapEvent &a, const WrapEvent &b) { return a.row < b.row; });
}

} // namespace veer
