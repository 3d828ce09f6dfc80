// Column and row profiles of a sheet's ruling: peaks, line centres and widths, grid fits.
#include "gridprofile_p.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace veer::gridprofile {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    const size_t m = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + long(m), v.end());
    return v[m];
}

/** Local maxima of a histogram smoothed over +-2, at least `minValue`, `radius` apart. */
std::vector<int> peaks(const std::vector<double> &hist, double minValue, int radius)
{
    const int n = int(hist.size());
    std::vector<double> s(size_t(n), 0.0);
    for (int x = 0; x < n; ++x) {
        for (int k = -2; k <= 2; ++k) {
            if (x + k >= 0 && x + k < n)
                s[size_t(x)] += hist[size_t(x + k)];
        }
    }
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return s[size_t(a)] > s[size_t(b)]; });
    std::vector<int> out;
    std::vector<char> taken(size_t(n), 0);
    for (int x : order) {
        if (s[size_t(x)] < minValue)
            break;
        if (taken[size_t(x)])
            continue;
        // The peak is the strongest single column near the smoothed maximum.
        int best = x;
        for (int k = -2; k <= 2; ++k) {
            if (x + k >= 0 && x + k < n && hist[size_t(x + k)] > hist[size_t(best)])
                best = x + k;
        }
        out.push_back(best);
        for (int k = -radius; k <= radius; ++k) {
            if (x + k >= 0 && x + k < n)
                taken[size_t(x + k)] = 1;
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

int nearest(const std::vector<int> &sorted, int x, int reach)
{
    auto it = std::lower_bound(sorted.begin(), sorted.end(), x - reach);
    int best = -1, bestD = reach + 1;
    for (; it != sorted.end() && *it <= x + reach; ++it) {
        if (std::abs(*it - x) < bestD) {
            bestD = std::abs(*it - x);
            best = int(it - sorted.begin());
        }
    }
    return best;
}

/** The width in columns of the vertical line at `x`: the column profile about it, over its peak. */
double lineWidth(const std::vector<double> &profile, double x)
{
    const int c = std::clamp(int(std::lround(x)), 0, int(profile.size()) - 1);
    double peak = 0.0;
    for (int k = std::max(0, c - 1); k <= std::min(int(profile.size()) - 1, c + 1); ++k)
        peak = std::max(peak, profile[size_t(k)]);
    if (peak <= 0.0)
        return 0.0;
    double mass = 0.0;
    for (int k = std::max(0, c - 3); k <= std::min(int(profile.size()) - 1, c + 3); ++k)
        mass += std::min(profile[size_t(k)], peak);
    return mass / peak;
}

/**
 * The centre of the vertical line whose outer side is near `column`: the columns within reach whose
 * vertical-run evidence is at least half the strongest's. Falls back to `fallback`.
 */
double lineCentre(const std::vector<double> &vertical, int column, int reach, double fallback)
{
    const int n = int(vertical.size());
    double top = 0.0;
    for (int x = std::max(0, column - reach); x <= std::min(n - 1, column + reach); ++x)
        top = std::max(top, vertical[size_t(x)]);
    if (top <= 0.0)
        return fallback;
    // The band of strong columns around the strongest one.
    int peak = column;
    for (int x = std::max(0, column - reach); x <= std::min(n - 1, column + reach); ++x) {
        if (vertical[size_t(x)] == top) {
            peak = x;
            break;
        }
    }
    double sw = 0.0, sx = 0.0;
    for (int x = peak; x >= 0 && vertical[size_t(x)] >= 0.5 * top && peak - x <= 4; --x) {
        sw += vertical[size_t(x)];
        sx += vertical[size_t(x)] * x;
    }
    for (int x = peak + 1; x < n && vertical[size_t(x)] >= 0.5 * top && x - peak <= 4; ++x) {
        sw += vertical[size_t(x)];
        sx += vertical[size_t(x)] * x;
    }
    return sw > 0.0 ? sx / sw : fallback;
}

GridFit fitGrid(const std::vector<double> &columns, double left, double right)
{
    GridFit fit;
    fit.lines = int(columns.size());
    std::vector<double> f;
    for (double x : columns)
        f.push_back((x - left) / (right - left));
    auto explained = [&](const std::vector<double> &marks) {
        int n = 0;
        for (double v : f) {
            double d = 1.0;
            for (double m : marks)
                d = std::min(d, std::abs(v - m));
            n += d < 0.012 ? 1 : 0;
        }
        return n;
    };
    // Linear: every line near k/N of the width for one N; log: near (j + log10 m)/D for D decades.
    for (int divisions = 2; divisions <= 20; ++divisions) {
        std::vector<double> marks;
        for (int k = 1; k < divisions; ++k)
            marks.push_back(double(k) / divisions);
        const int e = explained(marks);
        fit.linearRaw = std::max(fit.linearRaw, e);
        fit.linear = std::max(fit.linear, e - (divisions > 10 ? 1 : 0));
    }
    for (int decades = 1; decades <= 6; ++decades) {
        std::vector<double> marks;
        for (int j = 0; j < decades; ++j) {
            for (int m = 1; m <= 9; ++m) {
                if (j > 0 || m > 1)
                    marks.push_back((j + std::log10(double(m))) / decades);
            }
        }
        const int e = explained(marks);
        if (e > fit.log) {
            fit.log = e;
            fit.decades = decades;
        }
    }
    return fit;
}

/** 255 where `hat` stands out of the paper's own speckle: 10 levels, or four times its median. */
void thresholdHat(const cv::Mat &hat, cv::Mat &out)
{
    int histogram[256] = {};
    for (int y = 0; y < hat.rows; ++y) {
        const uchar *p = hat.ptr<uchar>(y);
        for (int x = 0; x < hat.cols; ++x)
            ++histogram[p[x]];
    }
    const double total = double(hat.total());
    double seen = 0.0;
    int p50 = 0;
    while (p50 < 255 && (seen += histogram[p50]) < 0.5 * total)
        ++p50;
    cv::threshold(hat, out, std::max(10, 4 * p50), 255, cv::THRESH_BINARY);
}

/**
 * The track border a grid line ends at: the strongest vertical line from 3 px outside `end` to
 * 12 px inside it (`inward` +1 for a left end, -1 for a right end). A line may run on past the
 * border into the depth column's ticks; it never stops short of it.
 */
double borderNear(const std::vector<double> &vertical, int end, int inward)
{
    const int n = int(vertical.size());
    int best = -1;
    for (int k = -3; k <= 12; ++k) {
        const int x = end + inward * k;
        if (x >= 0 && x < n && (best < 0 || vertical[size_t(x)] > vertical[size_t(best)]))
            best = x;
    }
    if (best < 0 || vertical[size_t(best)] <= 0.0)
        return end;
    return lineCentre(vertical, best, 2, best);
}

} // namespace veer::gridprofile
