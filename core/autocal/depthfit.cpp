#include "depthfit.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace veer {

namespace {

struct Line { double a = 0.0, b = 0.0; };

Line leastSquares(const std::vector<DepthReading> &points)
{
    double sv = 0, sr = 0, svv = 0, svr = 0;
    const double n = double(points.size());
    for (const DepthReading &p : points) {
        sv += p.value; sr += p.row; svv += p.value * p.value; svr += p.value * p.row;
    }
    const double den = n * svv - sv * sv;
    if (n < 2 || std::abs(den) < 1e-12)
        return {};
    Line l;
    l.a = (n * svr - sv * sr) / den;
    l.b = (sr - l.a * sv) / n;
    return l;
}

/** The median slope of all pairs and the median intercept at it (Theil-Sen): one misread of a few does not
 * move it. */
Line medianLine(const std::vector<DepthReading> &points)
{
    std::vector<double> slopes, intercepts;
    for (size_t i = 0; i < points.size(); ++i) {
        for (size_t j = i + 1; j < points.size(); ++j) {
            if (points[j].value != points[i].value)
                slopes.push_back((points[j].row - points[i].row) / (points[j].value - points[i].value));
        }
    }
    if (slopes.empty())
        return {};
    auto median = [](std::vector<double> &v) {
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
    };
    Line l;
    l.a = median(slopes);
    for (const DepthReading &p : points)
        intercepts.push_back(p.row - l.a * p.value);
    l.b = median(intercepts);
    return l;
}

std::vector<DepthReading> inliersOf(const std::vector<DepthReading> &points, const Line &l, double tolerance)
{
    std::vector<DepthReading> in;
    for (const DepthReading &p : points) {
        if (std::abs(p.row - (l.a * p.value + l.b)) <= tolerance)
            in.push_back(p);
    }
    return in;
}

/**
 * One reading per printed value: the same number read twice (overlapping windows, a number
 * printed on both sides of a track) keeps the more confident row; a value read on two far-apart
 * rows keeps both, for RANSAC to judge.
 */
std::vector<DepthReading> distinct(std::vector<DepthReading> readings)
{
    std::sort(readings.begin(), readings.end(), [](const DepthReading &x, const DepthReading &y) {
        return x.value != y.value ? x.value < y.value : x.row < y.row;
    });
    std::vector<DepthReading> out;
    for (const DepthReading &r : readings) {
        if (!out.empty() && out.back().value == r.value && std::abs(out.back().row - r.row) < 6.0) {
            if (r.confidence > out.back().confidence)
                out.back() = r;
            continue;
        }
        out.push_back(r);
    }
    return out;
}

/** Whether `a` turns into `b` by one digit left out, put in or read as another. */
bool oneDigitApart(const QString &a, const QString &b)
{
    if (a == b || std::abs(a.size() - b.size()) > 1)
        return false;
    if (a.size() == b.size()) {
        int differ = 0;
        for (int k = 0; k < a.size(); ++k)
            differ += a[k] != b[k] ? 1 : 0;
        return differ == 1;
    }
    const QString &longer = a.size() > b.size() ? a : b;
    const QString &shorter = a.size() > b.size() ? b : a;
    for (int k = 0; k < longer.size(); ++k) {
        if (QString(longer).remove(k, 1) == shorter)
            return true;
    }
    return false;
}

/**
 * RANSAC over pairs of readings: every pair when few, otherwise a deterministic spread. More
 * inliers win; among equals, the longer stretch of the sheet. Depth must increase down the sheet.
 */
Line ransacLine(const std::vector<DepthReading> &points, double tolerance, size_t &bestCount)
{
    const size_t n = points.size();
    const size_t stride = n <= 60 ? 1 : n / 60 + 1;
    Line best;
    bestCount = 0;
    double bestSpread = 0.0;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i + 1; j < n; j += (j - i < 8 ? 1 : stride)) {
            const DepthReading &p = points[i], &q = points[j];
            if (p.value == q.value)
                continue;
            Line l;
            l.a = (q.row - p.row) / (q.value - p.value);
            if (!(l.a > 0.0) || !std::isfinite(l.a))
                continue;
            l.b = p.row - l.a * p.value;
            size_t count = 0;
            double lo = 1e300, hi = -1e300;
            for (const DepthReading &r : points) {
                if (std::abs(r.row - (l.a * r.value + l.b)) <= tolerance) {
                    ++count;
                    lo = std::min(lo, r.row);
                    hi = std::max(hi, r.row);
                }
            }
            if (count > bestCount || (count == bestCount && hi - lo > bestSpread)) {
                bestCount = count;
                bestSpread = hi - lo;
                best = l;
            }
        }
    }
    return best;
}

} // namespace

bool isRoundStep(double step)
{
    if (!(step > 0.0) || !std::isfinite(step))
        return false;
    const double p = std::pow(10.0, std::floor(std::log10(step)));
    const double m = step / p;
    for (double r : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (std::abs(m - r) < 1e-6 * r)
            return true;
    }
    return false;
}

DepthFitResult fitDepthReadings(const std::vector<DepthReading> &input, const DepthFitOptions &options)
{
    DepthFitResult result;
    const std::vector<DepthReading> points = distinct(input);
    result.readings = int(points.size());
    if (points.empty()) {
        result.reason = QStringLiteral("no depth number could be read");
        return result;
    }
    if (int(points.size()) < options.minInliers) {
        result.reason = QStringLiteral("only %1 depth number(s) could be read; at least %2 are needed")
                            .arg(points.size()).arg(options.minInliers);
        return result;
    }

    // Scans stretch: a straight line over the whole sheet may be off by more than a few rows at
    // its ends. So the global line has a loose tolerance (1.5 % of the rows spanned), and each
    // number must then agree with its neighbours to `tolerancePx`.
    double lo = 1e300, hi = -1e300;
    for (const DepthReading &p : points) {
        lo = std::min(lo, p.row);
        hi = std::max(hi, p.row);
    }
    const double loose = std::max(options.tolerancePx, 0.015 * (hi - lo));
    size_t bestCount = 0;
    const Line best = ransacLine(points, loose, bestCount);
    if (bestCount < 2) {
        result.reason = QStringLiteral("the %1 depth numbers read do not increase down the sheet").arg(points.size());
        return result;
    }
    const size_t n = points.size();
    std::vector<DepthReading> in = inliersOf(points, best, loose);
    // A value read on two rows keeps the one nearer the line.
    std::sort(in.begin(), in.end(), [](const DepthReading &x, const DepthReading &y) { return x.value < y.value; });
    std::vector<DepthReading> unique;
    for (const DepthReading &r : in) {
        if (!unique.empty() && unique.back().value == r.value) {
            if (std::abs(r.row - (best.a * r.value + best.b)) < std::abs(unique.back().row - (best.a * unique.back().value + best.b)))
                unique.back() = r;
            continue;
        }
        unique.push_back(r);
    }
    in = std::move(unique);
    // Local agreement: the line through up to three neighbours on each side (their median line)
    // predicts each number. The worst number is dropped, one at a time, so that a misread does not
    // take its good neighbours with it.
    double localSs = 0.0;
    while (in.size() >= 3) {
        localSs = 0.0;
        size_t worst = 0;
        double worstResidual = 0.0;
        for (size_t i = 0; i < in.size(); ++i) {
            std::vector<DepthReading> near;
            for (size_t j = i >= 3 ? i - 3 : 0; j < std::min(in.size(), i + 4); ++j) {
                if (j != i)
                    near.push_back(in[j]);
            }
            const Line local = medianLine(near);
            const double residual = local.a > 0.0 ? in[i].row - (local.a * in[i].value + local.b) : 0.0;
            localSs += residual * residual;
            if (std::abs(residual) > worstResidual) {
                worstResidual = std::abs(residual);
                worst = i;
            }
        }
        if (worstResidual <= options.tolerancePx)
            break;
        in.erase(in.begin() + long(worst));
    }
    const Line fit = leastSquares(in);
    result.rowsPerUnit = fit.a;
    result.rowAtZero = fit.b;
    result.rmsPx = in.empty() ? 0.0 : std::sqrt(localSs / double(in.size()));

    // Label steps: every step between neighbours a multiple of the smallest, itself round.
    double minStep = 0.0;
    for (size_t k = 1; k < in.size(); ++k) {
        const double d = in[k].value - in[k - 1].value;
        if (d > 0.0 && (minStep == 0.0 || d < minStep))
            minStep = d;
    }
    result.labelStep = minStep;
    bool multiples = minStep > 0.0;
    for (size_t k = 1; k < in.size() && multiples; ++k) {
        const double m = (in[k].value - in[k - 1].value) / minStep;
        multiples = std::abs(m - std::round(m)) < 1e-6;
    }
    result.roundStep = multiples && isRoundStep(minStep);
    // Physical check: the scale between neighbouring labels agrees with the whole fit.
    for (size_t k = 1; k < in.size(); ++k) {
        const double local = (in[k].row - in[k - 1].row) / (in[k].value - in[k - 1].value);
        result.maxLocalScaleError = std::max(result.maxLocalScaleError, std::abs(local / fit.a - 1.0));
    }
    result.inliers = in;

    // A number off the scale whose reading is the label due at its row with one digit lost, gained
    // or misread (11840 read as 1840) still says the scale is there: it saves the fit from refusal,
    // though it makes no tie and does not make the scale sure (the scale a digit off the true one,
    // read where the OCR loses a digit on most numbers, has the true numbers as its "misreads").
    if (minStep > 0.0 && fit.a > 0.0) {
        for (const DepthReading &p : points) {
            bool onScale = false;
            for (const DepthReading &q : in)
                onScale = onScale || (q.value == p.value && q.row == p.row);
            if (onScale)
                continue;
            const double label = std::round((p.row - fit.b) / fit.a / minStep) * minStep;
            if (label > 0.0 && std::abs(fit.a * label + fit.b - p.row) <= 2.0 * options.tolerancePx
                && oneDigitApart(QString::number(p.value, 'f', 0), QString::number(label, 'f', 0)))
                ++result.misreadByOneDigit;
        }
    }
    result.inlierShare = double(in.size()) / double(n);
    result.supportShare = double(in.size() + size_t(result.misreadByOneDigit)) / double(n);

    // A rival scale: numbers off the line that make a line of their own at the same px per unit
    // (a digit lost or gained on every number of a stretch reads as depths shifted by a power of ten).
    std::vector<DepthReading> outliers;
    for (const DepthReading &p : points) {
        if (std::abs(p.row - (fit.a * p.value + fit.b)) > loose)
            outliers.push_back(p);
    }
    if (outliers.size() >= 3) {
        size_t rivalCount = 0;
        const Line rival = ransacLine(outliers, loose, rivalCount);
        if (rivalCount >= 3 && std::abs(rival.a / fit.a - 1.0) < 0.05)
            result.rivalReadings = int(rivalCount);
    }

    if (!(fit.a > 0.0) || int(in.size()) < options.minInliers) {
        result.reason = QStringLiteral("the %1 depth numbers read do not fall on one depth scale: the best line "
                                       "holds %2 of them, at least %3 are needed")
                            .arg(n).arg(in.size()).arg(options.minInliers);
        return result;
    }
    if (result.supportShare < options.minInlierShare) {
        result.reason
            = QStringLiteral("only %1 of the %2 depth numbers read fall on one depth scale%3")
                  .arg(in.size())
                  .arg(n)
                  .arg(
                      result.misreadByOneDigit > 0
                          ? QStringLiteral(" (%1 more read with a digit wrong)").arg(result.misreadByOneDigit)
                          : QString());
        return result;
    }
    result.ok = true;
    result.sure = result.roundStep && result.rmsPx <= options.maxRmsPx && int(in.size()) >= options.minInliers + 1
               && result.inlierShare >= 0.7 && result.maxLocalScaleError < 0.1 && result.rivalReadings == 0;
    const double count = std::min(1.0, double(in.size()) / 6.0);
    const double residual = std::exp(-result.rmsPx / (2.0 * options.maxRmsPx));
    result.confidence = count * std::min(1.0, result.inlierShare / 0.9) * residual * (result.roundStep ? 1.0 : 0.5)
                      * (result.maxLocalScaleError < 0.1 ? 1.0 : 0.5) * (result.rivalReadings > 0 ? 0.3 : 1.0);
    return result;
}

int extendTiesAlongGrid(std::vector<DepthReading> &ties, const std::vector<double> &lineRows,
                        const std::vector<double> &lineWeights, double labelStep, double firstRow,
                        double lastRow)
{
    if (ties.size() < 2 || lineRows.size() < 4 || lineRows.size() != lineWeights.size() || !(labelStep > 0.0)
        || !(ties.back().value > ties.front().value))
        return 0;
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    auto lineNear = [&](double row, double reach) -> int { // the nearest line within reach, -1 when none
        auto it = std::lower_bound(lineRows.begin(), lineRows.end(), row);
        int best = -1;
        for (auto j : {it - 1, it}) {
            if (j < lineRows.begin() || j >= lineRows.end() || std::abs(*j - row) > reach)
                continue;
            if (best < 0 || std::abs(*j - row) < std::abs(lineRows[size_t(best)] - row))
                best = int(j - lineRows.begin());
        }
        return best;
    };
    std::vector<double> gaps, tied;
    for (size_t k = 1; k < lineRows.size(); ++k)
        gaps.push_back(lineRows[k] - lineRows[k - 1]);
    const double spacing = median(gaps);
    for (const DepthReading &t : ties) {
        const int k = lineNear(t.row, 0.5);
        if (k < 0)
            return 0; // the ties are not on the lines
        tied.push_back(lineWeights[size_t(k)]);
    }
    std::sort(tied.begin(), tied.end());
    const double labelled = tied[tied.size() / 4], all = median(lineWeights);
    // Where the labelled lines do not stand out, the lines are counted instead: a label step must
    // then hold a whole number of line spacings, and each line be where the last one says.
    const bool counted = labelled < 1.3 * all;
    const double labelRows
        = labelStep * (ties.back().row - ties.front().row) / (ties.back().value - ties.front().value);
    const double perLabel = spacing > 0.0 ? labelRows / spacing : 0.0;
    const int linesPerLabel = perLabel > 0.0 && perLabel < 1000.0 ? int(std::lround(perLabel)) : 0;
    if (counted && (linesPerLabel < 1 || std::abs(perLabel - linesPerLabel) > 0.1))
        return 0;
    const double reach = std::max(3.0, 0.4 * spacing);
    const double heavy = std::max(0.7 * labelled, 1.15 * all);
    auto heavyNear = [&](double row) -> int { // the nearest heavy line within reach, -1 when none
        int best = -1;
        for (auto it = std::lower_bound(lineRows.begin(), lineRows.end(), row - reach);
             it != lineRows.end() && *it <= row + reach; ++it) {
            const int k = int(it - lineRows.begin());
            if (lineWeights[size_t(k)] >= heavy
                && (best < 0 || std::abs(*it - row) < std::abs(lineRows[size_t(best)] - row)))
                best = k;
        }
        return best;
    };
    int added = 0;
    for (const int dir : {1, -1}) {
        for (;;) {
            // The local scale from the end tie and the one four ties in.
            const size_t n = ties.size();
            const DepthReading &end = dir > 0 ? ties[n - 1] : ties[0];
            const DepthReading &in
                = dir > 0 ? ties[n - std::min<size_t>(n, 5)] : ties[std::min<size_t>(n, 5) - 1];
            if (in.value == end.value)
                break;
            const double rowsPerUnit = (end.row - in.row) / (end.value - in.value);
            if (!(rowsPerUnit > 0.0))
                break;
            const double next = end.row + dir * labelStep * rowsPerUnit;
            if (next > lastRow + reach || next < firstRow - reach)
                break;
            int k = -1;
            if (!counted) {
                k = heavyNear(next);
            } else {
                const double step = (next - end.row) / linesPerLabel;
                double at = end.row;
                for (int i = 0; i < linesPerLabel; ++i) {
                    k = lineNear(at + step, 0.25 * std::abs(step));
                    if (k < 0)
                        break;
                    at = lineRows[size_t(k)];
                }
                if (k >= 0 && std::abs(at - next) > reach)
                    k = -1;
            }
            if (k < 0)
                break;
            const DepthReading tie{lineRows[size_t(k)], end.value + dir * labelStep, 0.5, 0.0};
            if (dir > 0)
                ties.push_back(tie);
            else
                ties.insert(ties.begin(), tie);
            ++added;
        }
    }
    return added;
}

} // namespace veer
