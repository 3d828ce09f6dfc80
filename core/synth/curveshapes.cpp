// Curve shapes: real-log windows, a procedural bedded model and the hard cases.
#include "curveshapes.h"

#include "curvelibrary.h"
#include "sheetplan.h"
#include "synthrandom.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

const double kNaN = std::nan("");

double smoothstep(double x)
{
    x = std::clamp(x, 0.0, 1.0);
    return x * x * (3.0 - 2.0 * x);
}


/**
 * Maps a series linearly so that the 2nd..98th percentiles of `reference` (default: the series)
 * span [lo, hi], reversed when asked. A whole-log reference keeps quiet intervals quiet.
 */
void rescale(std::vector<double> &v, double lo, double hi, bool reversed, const std::vector<double> *reference = nullptr)
{
    std::vector<double> s;
    const std::vector<double> &from = reference ? *reference : v;
    s.reserve(from.size());
    for (double x : from) {
        if (std::isfinite(x))
            s.push_back(x);
    }
    if (s.size() < 2)
        return;
    const size_t i2 = s.size() * 2 / 100, i98 = std::min(s.size() - 1, s.size() * 98 / 100);
    std::nth_element(s.begin(), s.begin() + i2, s.end());
    const double p2 = s[i2];
    std::nth_element(s.begin(), s.begin() + i98, s.end());
    const double p98 = s[i98];
    const double span = std::max(p98 - p2, 1e-9);
    for (double &x : v) {
        const double u = (x - p2) / span;
        x = reversed ? hi - u * (hi - lo) : lo + u * (hi - lo);
    }
}

/** Fraction of a value on the scale (unclamped). */
double fractionOf(const CurveScale &scale, double value)
{
    if (scale.type == ScaleType::Log) {
        if (value <= 0)
            return -1.0;
        const double a = std::log10(scale.left), b = std::log10(scale.right);
        return (std::log10(value) - a) / (b - a);
    }
    return (value - scale.left) / (scale.right - scale.left);
}

/** Running mean over `width` samples (centred), applied in place. */
void boxFilter(std::vector<double> &v, int width)
{
    if (width <= 1 || v.empty())
        return;
    const int n = int(v.size());
    std::vector<double> sum(n + 1, 0.0);
    for (int i = 0; i < n; ++i)
        sum[i + 1] = sum[i] + v[i];
    const int h = width / 2;
    for (int i = 0; i < n; ++i) {
        const int lo = std::max(0, i - h), hi = std::min(n, i - h + width);
        v[i] = (sum[hi] - sum[lo]) / (hi - lo);
    }
}

/**
 * Procedural bedded earth: blocky beds whose thickness is drawn in metres, smoothed by a tool
 * response of 0.5-1.5 m, plus measurement noise on the tool's own sample grid (0.1524 m)
 * interpolated to pixel rows. Two responses to the same beds give correlated curves.
 */
void proceduralPair(int n, double pxPerMetre, SynthRandom &rng, std::vector<double> &a, std::vector<double> &b)
{
    std::vector<double> shale(n), poro(n);
    const double meanThickPx = std::max(2.0, rng.logUniform(1.0, 15.0) * pxPerMetre);
    double prevP = rng.uniform();
    int i = 0;
    while (i < n) {
        const int thick = std::max(std::max(1, int(0.3 * pxPerMetre)), int(std::lround(rng.exponential(meanThickPx))));
        const double s = rng.chance(0.15) ? rng.uniform() : (rng.chance(0.5) ? rng.uniform(0.6, 1.0) : rng.uniform(0.0, 0.4));
        const double p = rng.chance(0.3) ? prevP : rng.uniform();
        for (int k = 0; k < thick && i < n; ++k, ++i) {
            shale[i] = s;
            poro[i] = p;
        }
        prevP = p;
    }
    const int response = std::max(1, int(std::lround(rng.uniform(0.5, 1.5) * pxPerMetre)));
    boxFilter(shale, response);
    boxFilter(shale, response);
    boxFilter(poro, response);
    boxFilter(poro, response);
    const double trend = rng.uniform(-0.25, 0.25);
    const double samplePx = std::max(1.0, 0.1524 * pxPerMetre);
    const int m = int(std::ceil(n / samplePx)) + 2;
    auto respond = [&](std::vector<double> &out, double ks, double kp) {
        out.resize(n);
        const double phi = rng.uniform(0.3, 0.9);
        const double sigma = rng.uniform(0.003, 0.02);
        std::vector<double> noise(m);
        double e = 0.0;
        for (double &x : noise) {
            e = phi * e + sigma * rng.normal();
            x = e;
        }
        for (int j = 0; j < n; ++j) {
            const double pos = j / samplePx;
            const int k = int(pos);
            const double f = pos - k;
            const double en = noise[k] + f * (noise[k + 1] - noise[k]);
            out[j] = ks * shale[j] + kp * poro[j] + trend * j / std::max(1, n) + en;
        }
    };
    const double ks1 = rng.chance(0.5) ? rng.uniform(0.5, 1.0) : -rng.uniform(0.5, 1.0);
    respond(a, ks1, rng.uniform(-0.4, 0.4));
    const double ks2 = (rng.chance(0.7) ? 1 : -1) * std::copysign(rng.uniform(0.3, 1.0), ks1);
    respond(b, ks2, rng.uniform(-0.6, 0.6));
}

/** Reflecting (ping-pong) index into [lo, hi): long sheets reuse a range without jumps. */
double reflect(double pos, double lo, double hi)
{
    const double len = hi - lo;
    double p = std::fmod(pos - lo, 2.0 * len);
    if (p < 0)
        p += 2.0 * len;
    return lo + (p <= len ? p : 2.0 * len - p);
}

double sampleAt(const std::vector<double> &values, double pos)
{
    const int i = std::clamp(int(std::floor(pos)), 0, int(values.size()) - 1);
    const int j = std::min(i + 1, int(values.size()) - 1);
    const double f = std::clamp(pos - i, 0.0, 1.0);
    return values[i] + f * (values[j] - values[i]);
}

void fillNaN(std::vector<double> &v)
{
    int last = -1;
    const int n = int(v.size());
    for (int i = 0; i < n; ++i) {
        if (!std::isfinite(v[i]))
            continue;
        if (last < 0) {
            for (int k = 0; k < i; ++k)
                v[k] = v[i];
        } else if (i - last > 1) {
            for (int k = last + 1; k < i; ++k)
                v[k] = v[last] + (v[i] - v[last]) * (k - last) / double(i - last);
        }
        last = i;
    }
    if (last < 0)
        return;
    for (int k = last + 1; k < n; ++k)
        v[k] = v[last];
}

/** Picks a window of two real curves; false when the library has nothing usable. */
bool realPair(const SheetPlan &plan, const TrackPlan &track, const CurveLibrary &library, SynthSplit split,
              SynthRandom &rng, std::vector<double> &a, std::vector<double> &b, QString &source)
{
    const auto &wells = library.wells();
    if (wells.empty())
        return false;
    // Long logs carry more geology: pick wells by length; tiny example files only as a last resort.
    std::vector<double> weights;
    for (const LibraryWell &w : wells)
        weights.push_back(w.samples >= 300 ? double(w.samples) : 0.0);
    double total = 0.0;
    for (double w : weights)
        total += w;
    if (total <= 0.0)
        std::fill(weights.begin(), weights.end(), 1.0);
    const LibraryWell &well = wells[rng.weighted(weights)];
    if (well.curves.empty())
        return false;
    auto choose = [&](CurveFamily family, int avoid) {
        std::vector<int> fits, all;
        for (int k = 0; k < int(well.curves.size()); ++k) {
            if (k == avoid && well.curves.size() > 1)
                continue;
            all.push_back(k);
            if (well.curves[k].family == family)
                fits.push_back(k);
        }
        const std::vector<int> &from = !fits.empty() ? fits : all;
        return from[rng.uniformInt(0, int(from.size()) - 1)];
    };
    const int c1 = choose(track.curves[0].family, -1);
    const int c2 = choose(track.curves[1].family, c1);
    const int n = plan.samples();
    const double unitMetres = plan.depthUnit == QLatin1String("FT") ? 0.3048 : 1.0;
    const double stretch = rng.logUniform(0.5, 2.0);
    double windowSamples = n / plan.pxPerUnit * unitMetres * stretch / well.stepMetres;
    const double lo = split == SynthSplit::Train ? 0.0 : std::floor(0.7 * well.samples);
    const double hi = split == SynthSplit::Train ? std::floor(0.7 * well.samples) : well.samples - 1.0;
    if (hi - lo < 20)
        return false;
    // Longer than the split's range: show the range expanded (up to 4x), tile only beyond that.
    if (windowSamples > 0.9 * (hi - lo))
        windowSamples = std::max(windowSamples / 4.0, 0.9 * (hi - lo) * rng.uniform(0.7, 1.0));
    // Try a few starts, keep the one with the fewest missing samples.
    double bestStart = lo;
    int bestMissing = n + 1;
    const double perRow = windowSamples / n;
    const int probe = std::max(1, n / 400);
    for (int attempt = 0; attempt < 6 && bestMissing > 0; ++attempt) {
        const double start = windowSamples < hi - lo ? rng.uniform(lo, hi - windowSamples) : rng.uniform(lo, hi);
        int missing = 0;
        for (int j = 0; j < n; j += probe) {
            const double pos = reflect(start + j * perRow, lo, hi);
            const int idx = int(pos);
            if (!std::isfinite(well.curves[c1].values[idx]) || !std::isfinite(well.curves[c2].values[idx]))
                ++missing;
        }
        if (missing < bestMissing) {
            bestMissing = missing;
            bestStart = start;
        }
    }
    if (bestMissing * probe > n / 2)
        return false;
    // A well with one usable curve gives curve two from another stretch of the same log.
    const double offset2 = c1 == c2 ? rng.uniform(0.1, 0.4) * (hi - lo) : 0.0;
    // Compressed depth scales: a row covers several log samples; the pen shows their mean.
    std::vector<double> v1 = well.curves[c1].values, v2 = well.curves[c2].values;
    if (perRow > 1.5) {
        fillNaN(v1);
        fillNaN(v2);
        boxFilter(v1, int(std::ceil(perRow)));
        boxFilter(v2, int(std::ceil(perRow)));
    }
    a.resize(n);
    b.resize(n);
    for (int j = 0; j < n; ++j) {
        a[j] = sampleAt(v1, reflect(bestStart + j * perRow, lo, hi));
        b[j] = sampleAt(v2, reflect(bestStart + offset2 + j * perRow, lo, hi));
    }
    fillNaN(a);
    fillNaN(b);
    if (!std::isfinite(a[0]) || !std::isfinite(b[0]))
        return false;
    const double topDepth = well.topMetres + bestStart * well.stepMetres;
    source = QStringLiteral("%1:%2,%3@%4m x%5")
                 .arg(well.source, well.curves[c1].mnemonic, well.curves[c2].mnemonic)
                 .arg(topDepth, 0, 'f', 1)
                 .arg(windowSamples * well.stepMetres / (n / plan.pxPerUnit * unitMetres), 0, 'f', 2);
    // Percentiles over the split's whole range of each log, not just the window.
    std::vector<double> ref1(v1.begin() + int(lo), v1.begin() + int(hi));
    std::vector<double> ref2(v2.begin() + int(lo), v2.begin() + int(hi));
    // Resistivities are shaped in log space.
    auto toLog = [](std::vector<double> &v) {
        for (double &x : v)
            x = std::log10(std::max(x, 1e-3));
    };
    if (well.curves[c1].family == CurveFamily::Resistivity && track.log) {
        toLog(a);
        toLog(ref1);
    }
    if (well.curves[c2].family == CurveFamily::Resistivity && track.log) {
        toLog(b);
        toLog(ref2);
    }
    // Keep native values where the family and scale agree and the window fits; rescale otherwise.
    auto toFraction = [&](std::vector<double> &v, const CurvePlan &curve, CurveFamily family, const std::vector<double> &ref) {
        bool native = family == curve.family && !track.log && rng.chance(0.7);
        if (native) {
            int inside = 0;
            double mn = 1e9, mx = -1e9;
            for (double x : v) {
                const double t = fractionOf(curve.scale, x);
                inside += (t >= 0.0 && t <= 1.0);
                mn = std::min(mn, t);
                mx = std::max(mx, t);
            }
            native = inside >= int(0.9 * v.size()) && mx - mn > 0.2;
            if (native) {
                for (double &x : v)
                    x = fractionOf(curve.scale, x);
            }
        }
        if (!native) {
            const double lo2 = rng.uniform(0.03, 0.4), hi2 = rng.uniform(std::max(lo2 + 0.2, 0.5), 0.97);
            rescale(v, lo2, hi2, curve.scale.left > curve.scale.right && family == curve.family, &ref);
        }
    };
    toFraction(a, track.curves[0], well.curves[c1].family, ref1);
    toFraction(b, track.curves[1], well.curves[c2].family, ref2);
    return true;
}

struct Injector
{
    SheetPlan &plan;
    TrackPlan &track;
    SynthRandom &rng;
    int n;

    std::vector<double> &t(int c) { return track.curves[c].t; }
    double px() const { return 1.0 / std::max(1.0, track.width()); }

    void record(const char *type, int curveClass, int i0, int i1, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("type"), QLatin1String(type));
        if (curveClass > 0)
            extra.insert(QStringLiteral("curve"), curveClass);
        extra.insert(QStringLiteral("fromDepth"), plan.depthAtIdealRow(plan.logTop + std::max(0, i0)));
        extra.insert(QStringLiteral("toDepth"), plan.depthAtIdealRow(plan.logTop + std::min(n - 1, i1)));
        track.events.append(extra);
    }

    void interval(int minLen, int maxLen, int &i0, int &i1)
    {
        const int len = std::min(n - 2, rng.uniformInt(minLen, std::max(minLen, maxLen)));
        i0 = rng.uniformInt(0, std::max(0, n - 1 - len));
        i1 = std::min(n - 1, i0 + len);
    }

    /** Blend curve `c` toward target(i) inside [i0,i1] with eased edges. */
    template<typename F>
    void blend(int c, int i0, int i1, int ramp, F target)
    {
        std::vector<double> &v = t(c);
        for (int i = std::max(0, i0 - ramp); i <= std::min(n - 1, i1 + ramp); ++i) {
            const double w = envelope(i, i0, i1, ramp);
            if (w > 0)
                v[i] = v[i] + w * (target(i) - v[i]);
        }
    }

    void crossing()
    {
        int i0, i1;
        interval(std::max(40, n / 7), std::max(60, int(n * 0.6)), i0, i1);
        const int follower = rng.uniformInt(0, 1);
        const int leader = 1 - follower;
        // Irregular crossovers: the follower tracks the leader with an offset that swings through
        // zero at random spacings and amplitudes (cosine-eased between knots).
        const double period = rng.uniform(30, 260);
        const double amp = rng.uniform(0.02, 0.15);
        const int ramp = rng.uniformInt(5, 40);
        std::vector<double> knotPos, knotVal;
        double pos = i0 - ramp - rng.uniform(0, period / 2);
        double sign = rng.chance(0.5) ? 1 : -1;
        while (pos <= i1 + ramp + period) {
            knotPos.push_back(pos);
            knotVal.push_back(sign * amp * rng.uniform(0.15, 1.0));
            sign = -sign;
            pos += period / 2 * rng.uniform(0.4, 1.6);
        }
        size_t k = 0;
        blend(follower, i0, i1, ramp, [&](int i) {
            while (k + 2 < knotPos.size() && knotPos[k + 1] < i)
                ++k;
            const double f = std::clamp((i - knotPos[k]) / (knotPos[k + 1] - knotPos[k]), 0.0, 1.0);
            const double w = 0.5 - 0.5 * std::cos(3.14159265 * f);
            return t(leader)[i] + knotVal[k] + w * (knotVal[k + 1] - knotVal[k]);
        });
        record("crossing", 0, i0, i1, {{QStringLiteral("periodPx"), period}});
    }

    double closeOffset(double gapPx) const
    {
        return ((track.curves[0].width + track.curves[1].width) / 2.0 + gapPx) * px();
    }

    void nearMiss()
    {
        const int half = rng.uniformInt(8, 60);
        const int ic = rng.uniformInt(half, std::max(half, n - 1 - half));
        const double gap = rng.uniform(1.0, 2.0);
        const double slope = rng.uniform(0.15, 1.2) * px();
        const double sign = t(1)[ic] >= t(0)[ic] ? 1.0 : -1.0;
        const double dmin = closeOffset(gap);
        blend(1, ic - half, ic + half, rng.uniformInt(4, 30),
              [&](int i) { return t(0)[i] + sign * (dmin + slope * std::abs(i - ic)); });
        record("nearMiss", 0, ic - half, ic + half, {{QStringLiteral("gapPx"), gap}});
    }

    void parallel()
    {
        int i0, i1;
        interval(30, std::max(40, std::min(n / 2, 400)), i0, i1);
        const double gap = rng.uniform(1.0, 2.0);
        const int ic = (i0 + i1) / 2;
        const double sign = t(1)[ic] >= t(0)[ic] ? 1.0 : -1.0;
        const double d = closeOffset(gap);
        blend(1, i0, i1, rng.uniformInt(4, 30), [&](int i) { return t(0)[i] + sign * d; });
        record("parallel", 0, i0, i1, {{QStringLiteral("gapPx"), gap}});
    }

    void gridRun()
    {
        const int c = rng.uniformInt(0, 1);
        std::vector<double> interior;
        for (const auto &line : track.gridLines()) {
            if (line.first > 0.01 && line.first < 0.99)
                interior.push_back(line.first);
        }
        if (interior.empty())
            return;
        int i0, i1;
        interval(20, std::max(30, std::min(n / 3, 250)), i0, i1);
        // The grid line nearest to where the curve already is.
        const double here = t(c)[(i0 + i1) / 2];
        double g = interior.front();
        for (double x : interior) {
            if (std::abs(x - here) < std::abs(g - here))
                g = x;
        }
        // Snap to the pixel column the grid line is drawn on.
        g = std::round(track.left + g * track.width()) - track.left;
        g /= track.width();
        blend(c, i0, i1, rng.uniformInt(4, 25), [&](int) { return g; });
        record("gridRun", c + 1, i0, i1, {{QStringLiteral("fraction"), g}});
    }

    void spikes()
    {
        const int c = rng.uniformInt(0, 1);
        const int count = rng.uniformInt(1, 6);
        const int maxWidth = std::max(1, int(std::lround(std::min(3.0, plan.step * plan.pxPerUnit))));
        for (int k = 0; k < count; ++k) {
            const int i = rng.uniformInt(2, std::max(2, n - 3));
            const int w = rng.uniformInt(1, maxWidth);
            const double amp = (rng.chance(0.5) ? 1 : -1) * rng.uniform(0.1, 0.6);
            for (int d = -w + 1; d <= w - 1; ++d) {
                if (i + d >= 0 && i + d < n)
                    t(c)[i + d] += amp * (1.0 - std::abs(d) / double(w));
            }
            record("spike", c + 1, i - w + 1, i + w - 1, {{QStringLiteral("amplitude"), amp}});
        }
    }

    void pegged(int c)
    {
        int i0, i1;
        interval(20, std::max(30, std::min(n / 3, 300)), i0, i1);
        double mean = 0;
        for (int i = i0; i <= i1; ++i)
            mean += t(c)[i];
        mean /= (i1 - i0 + 1);
        const bool right = mean >= 0.5;
        const double push = rng.uniform(0.05, 0.5);
        const double shift = right ? (1.0 + push) - mean : -push - mean;
        blend(c, i0, i1, rng.uniformInt(3, 30), [&](int i) { return t(c)[i] + shift; });
        record("pegged", c + 1, i0, i1, {{QStringLiteral("edge"), right ? QStringLiteral("right") : QStringLiteral("left")}});
    }

    void wrap(int c)
    {
        int i0, i1;
        interval(30, std::max(40, std::min(n / 2, 600)), i0, i1);
        double mean = 0;
        for (int i = i0; i <= i1; ++i)
            mean += t(c)[i];
        mean /= (i1 - i0 + 1);
        const bool right = mean >= 0.4;
        // Carry the interval's mean past the edge so most of it is drawn from the other side.
        const double shift = right ? 1.0 + rng.uniform(0.1, 0.6) - mean : -rng.uniform(0.1, 0.6) - mean;
        blend(c, i0, i1, rng.uniformInt(5, 40), [&](int i) { return t(c)[i] + shift; });
        record("backup", c + 1, i0, i1, {{QStringLiteral("direction"), right ? 1 : -1}});
    }

    void gaps()
    {
        const int count = rng.uniformInt(1, 3);
        for (int k = 0; k < count; ++k) {
            const int c = rng.uniformInt(0, 1);
            int i0, i1;
            interval(4, 80, i0, i1);
            for (int i = i0; i <= i1; ++i)
                t(c)[i] = kNaN;
            record("gap", c + 1, i0, i1);
        }
    }
};

} // namespace

double envelope(int i, int i0, int i1, int ramp)
{
    if (i >= i0 && i <= i1)
        return 1.0;
    if (ramp <= 0)
        return 0.0;
    if (i < i0)
        return smoothstep(1.0 - double(i0 - i) / ramp);
    return smoothstep(1.0 - double(i - i1) / ramp);
}

void shapeCurves(SheetPlan &plan, const SynthOptions &options, const CurveLibrary *library, SynthRandom &rng)
{
    const int n = plan.samples();
    const HardCaseOptions &hard = options.hard;
    for (TrackPlan &track : plan.tracks) {
        std::vector<double> a, b;
        QString source;
        const bool haveLibrary = library && !library->isEmpty();
        const bool wantReal = options.realShapes.has_value() ? *options.realShapes : rng.chance(0.6);
        bool real = haveLibrary && wantReal && realPair(plan, track, *library, options.split, rng, a, b, source);
        if (!real) {
            const double pxPerMetre = plan.pxPerUnit / (plan.depthUnit == QLatin1String("FT") ? 0.3048 : 1.0);
            proceduralPair(n, pxPerMetre, rng, a, b);
            const double lo1 = rng.uniform(0.03, 0.4), hi1 = rng.uniform(0.55, 0.97);
            const double lo2 = rng.uniform(0.03, 0.4), hi2 = rng.uniform(0.55, 0.97);
            rescale(a, lo1, hi1, false);
            rescale(b, lo2, hi2, false);
            source = QStringLiteral("procedural");
        }
        track.curves[0].t = std::move(a);
        track.curves[1].t = std::move(b);
        track.curves[0].shapeSource = source;
        track.curves[1].shapeSource = source;

        Injector inj{plan, track, rng, n};
        if (n >= 80) {
            if (rng.chance(hard.crossing))
                inj.crossing();
            if (rng.chance(hard.nearMiss))
                inj.nearMiss();
            if (rng.chance(hard.parallel))
                inj.parallel();
            if (rng.chance(hard.gridRun))
                inj.gridRun();
        }
        if (rng.chance(hard.spike))
            inj.spikes();
        int wrapCurve = -1;
        if (!track.log && n >= 80 && rng.chance(hard.wrap)) {
            wrapCurve = rng.uniformInt(0, 1);
            track.curves[wrapCurve].scale.wrap = true;
            inj.wrap(wrapCurve);
        }
        if (n >= 80 && rng.chance(hard.pegged)) {
            const int c = wrapCurve == 0 ? 1 : wrapCurve == 1 ? 0 : rng.uniformInt(0, 1);
            inj.pegged(c);
        }
        for (CurvePlan &curve : track.curves) {
            const double lo = curve.scale.wrap ? -0.98 : 0.0;
            const double hi = curve.scale.wrap ? 1.98 : 1.0;
            for (double &x : curve.t) {
                if (std::isfinite(x))
                    x = std::clamp(x, lo, hi);
            }
        }
        if (n >= 40 && rng.chance(hard.gap))
            inj.gaps();
    }
}

} // namespace veer
