// Colour prints and the failure styles of real sheets, on top of a shaped plan.
#include "printstyle.h"

#include "curveshapes.h"
#include "sheetplan.h"
#include "synthrandom.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

// Inks of colour prints (BGR). Light inks lose most of their strength in a luminance grey.
const std::vector<cv::Scalar> kLightInks = {
    {90, 200, 90},   // light green
    {60, 170, 0},    // green
    {230, 180, 0},   // cyan
    {0, 175, 235},   // yellow-orange
    {0, 130, 255},   // orange
    {190, 90, 240},  // pink
    {255, 150, 80},  // light blue
    {90, 90, 250},   // light red
};
const std::vector<cv::Scalar> kDarkInks = {
    {20, 20, 20},    // black
    {160, 40, 20},   // dark blue
    {20, 20, 170},   // dark red
    {30, 100, 0},    // dark green
    {140, 30, 110},  // purple
    {20, 60, 110},   // brown
};
// Grids of colour prints; red is left out (a held-out grid style of the retraining loop).
const std::vector<std::pair<GridColour, cv::Scalar>> kPrintGrids = {
    {GridColour::Orange, {40, 140, 240}},
    {GridColour::Green, {90, 170, 60}},
    {GridColour::Blue, {200, 130, 50}},
    {GridColour::Grey, {150, 150, 150}},
};
// Pale fills between curves.
const std::vector<cv::Scalar> kShadeTints = {
    {150, 240, 255}, // yellow
    {170, 240, 170}, // green
    {250, 220, 170}, // blue
    {220, 190, 250}, // pink
    {215, 215, 215}, // grey
};

/** One curve's ink; always the same count of numbers, whatever `choice` forces. */
cv::Scalar drawInk(SynthRandom &rng, InkChoice choice)
{
    const bool light = rng.chance(0.5);
    const cv::Scalar &l = kLightInks[size_t(rng.uniformInt(0, int(kLightInks.size()) - 1))];
    const cv::Scalar &d = kDarkInks[size_t(rng.uniformInt(0, int(kDarkInks.size()) - 1))];
    cv::Scalar jitter;
    for (int c = 0; c < 3; ++c)
        jitter[c] = rng.uniform(-10, 10);
    cv::Scalar ink;
    switch (choice) {
    case InkChoice::Light: ink = l; break;
    case InkChoice::Dark: ink = d; break;
    case InkChoice::Black: ink = kDarkInks.front(); break;
    case InkChoice::Any: ink = light ? l : d; break;
    }
    for (int c = 0; c < 3; ++c)
        ink[c] = std::clamp(ink[c] + jitter[c], 0.0, 255.0);
    return ink;
}

void record(const SheetPlan &plan, TrackPlan &track, const char *type, int curveClass, int i0, int i1)
{
    const int n = plan.samples();
    track.events.append(QJsonObject{{QStringLiteral("type"), QLatin1String(type)},
                                    {QStringLiteral("curve"), curveClass},
                                    {QStringLiteral("fromDepth"), plan.depthAtIdealRow(plan.logTop + std::max(0, i0))},
                                    {QStringLiteral("toDepth"), plan.depthAtIdealRow(plan.logTop + std::min(n - 1, i1))}});
}

void clampCurve(CurvePlan &curve)
{
    const double lo = curve.scale.wrap ? -0.98 : 0.0;
    const double hi = curve.scale.wrap ? 1.98 : 1.0;
    for (double &x : curve.t) {
        if (std::isfinite(x))
            x = std::clamp(x, lo, hi);
    }
}

/** Mean of the finite values of t over [i0, i1] (0.5 when none). */
double meanOver(const std::vector<double> &t, int i0, int i1)
{
    double sum = 0.0;
    int count = 0;
    for (int i = i0; i <= i1; ++i) {
        if (std::isfinite(t[size_t(i)])) {
            sum += t[size_t(i)];
            ++count;
        }
    }
    return count > 0 ? sum / count : 0.5;
}

void colourPrint(SheetPlan &plan, const PrintStyleOptions &options, SynthRandom &rng, QJsonObject &facts)
{
    const auto &grid = kPrintGrids[size_t(rng.uniformInt(0, int(kPrintGrids.size()) - 1))];
    const double paper = rng.uniform(244, 255);
    const double minorStrength = rng.uniform(0.3, 0.7);
    const int majorWidth = rng.uniformInt(1, 2);
    const bool palette = rng.chance(options.palette);
    const int levels = rng.uniformInt(5, 6);
    plan.render = RenderStyle::Colour;
    plan.paper = {paper, paper, paper};
    plan.gridColour = grid.first;
    plan.gridInk = grid.second;
    plan.minorStrength = minorStrength;
    plan.majorWidth = majorWidth;
    plan.textInk = {15, 15, 15};
    plan.paletteLevels = palette ? levels : 0;
    const int n = plan.samples();
    for (TrackPlan &track : plan.tracks) {
        for (CurvePlan &curve : track.curves)
            curve.ink = drawInk(rng, options.ink);
        const bool shade = rng.chance(options.shading);
        const int kind = rng.uniformInt(0, 2);
        const double share = rng.uniform(0.2, 0.8);
        const double start = rng.uniform();
        const cv::Scalar &tint = kShadeTints[size_t(rng.uniformInt(0, int(kShadeTints.size()) - 1))];
        if (shade && n >= 20) {
            ShadePlan s;
            s.kind = ShadePlan::Kind(kind);
            const int len = std::max(10, int(share * n));
            s.from = int(start * std::max(0, n - len));
            s.to = std::min(n - 1, s.from + len);
            s.tint = tint;
            track.shades.push_back(s);
            record(plan, track, "shading", 0, s.from, s.to);
        }
    }
    facts.insert(QStringLiteral("colourPrint"), true);
    facts.insert(QStringLiteral("ink"), inkChoiceName(options.ink));
    if (palette)
        facts.insert(QStringLiteral("paletteLevels"), levels);
}

/** Curve one sits exactly on the track's border line for 10-40 % of the log. */
void longPegged(const SheetPlan &plan, TrackPlan &track, SynthRandom &rng)
{
    const int n = plan.samples();
    CurvePlan &curve = track.curves[0];
    const int len = std::min(n - 2, int(rng.uniform(0.1, 0.4) * n));
    const int i0 = rng.uniformInt(0, std::max(0, n - 1 - len));
    const int i1 = std::min(n - 1, i0 + len);
    const int ramp = rng.uniformInt(3, 20);
    if (curve.scale.wrap || n < 80)
        return;
    const double edge = meanOver(curve.t, i0, i1) >= 0.5 ? 1.0 : 0.0;
    for (int i = std::max(0, i0 - ramp); i <= std::min(n - 1, i1 + ramp); ++i) {
        double &v = curve.t[size_t(i)];
        v += envelope(i, i0, i1, ramp) * (edge - v);
    }
    clampCurve(curve);
    record(plan, track, "longPegged", 1, i0, i1);
}

/** Dashed curve two with fast excursions of a third to a half of the track: its dashes run near flat. */
void violentDash(const SheetPlan &plan, TrackPlan &track, SynthRandom &rng)
{
    const int n = plan.samples();
    CurvePlan &curve = track.curves[1];
    const bool longDash = rng.chance(0.4);
    const double w = curve.width;
    const double on = longDash ? rng.uniform(14, 30) + 2 * w : rng.uniform(5, 11) + w;
    const double off = longDash ? rng.uniform(4, 8) + 0.7 * w : rng.uniform(3, 6) + 0.7 * w;
    const double phase = rng.uniform();
    const int len = std::min(n - 2, rng.uniformInt(150, 800));
    const int i0 = rng.uniformInt(0, std::max(0, n - 1 - len));
    const int i1 = std::min(n - 1, i0 + len);
    const std::uint64_t seed = rng.next();
    if (n < 80)
        return;
    curve.stroke = longDash ? StrokeKind::LongDashed : StrokeKind::Dashed;
    curve.dashOn = on;
    curve.dashOff = off;
    curve.dotOn = 0.0;
    curve.dashPhase = phase * curve.patternPeriod();
    SynthRandom local(seed);
    for (int k = i0 + local.uniformInt(2, 10); k < i1; k += local.uniformInt(6, 30)) {
        const int half = local.uniformInt(2, 8);
        const double amp = (local.chance(0.5) ? 1.0 : -1.0) * local.uniform(0.15, 0.6);
        for (int d = -half + 1; d <= half - 1; ++d) {
            const int i = k + d;
            if (i >= 0 && i < n)
                curve.t[size_t(i)] += amp * (1.0 - std::abs(d) / double(half));
        }
    }
    clampCurve(curve);
    record(plan, track, "violentDash", 2, i0, i1);
}

/** Curve inks dark enough to survive a 1-bit scan's threshold. */
void darkenInks(SheetPlan &plan)
{
    for (TrackPlan &t : plan.tracks) {
        for (CurvePlan &cp : t.curves) {
            if ((cp.ink[0] + cp.ink[1] + cp.ink[2]) / 3.0 > 50.0)
                cp.ink *= 0.4;
        }
    }
}

/** A 1-bit sheet whose backup curve leaves the scale and comes back onto it two to four times. */
void wrapBack(SheetPlan &plan, SynthRandom &rng, QJsonObject &facts)
{
    const int n = plan.samples();
    std::vector<int> linear;
    for (int k = 0; k < int(plan.tracks.size()); ++k) {
        if (!plan.tracks[size_t(k)].log)
            linear.push_back(k);
    }
    const int pickTrack = rng.uniformInt(0, 99);
    const int c = rng.uniformInt(0, 1);
    const bool fax200 = rng.chance(0.5);
    const int events = rng.uniformInt(2, 4);
    const std::uint64_t seed = rng.next();
    if (linear.empty() || n < 200)
        return;
    TrackPlan &track = plan.tracks[size_t(linear[size_t(pickTrack) % linear.size()])];
    CurvePlan &curve = track.curves[size_t(c)];
    curve.scale.wrap = true;
    plan.render = fax200 ? RenderStyle::Binary200 : RenderStyle::Binary300;
    plan.paletteLevels = 0;
    darkenInks(plan);
    SynthRandom local(seed);
    for (int e = 0; e < events; ++e) {
        const int len = std::min(n / 3, local.uniformInt(20, 200));
        const int i0 = local.uniformInt(0, std::max(0, n - 1 - len));
        const int i1 = std::min(n - 1, i0 + len);
        const int ramp = local.uniformInt(3, 25);
        const double mean = meanOver(curve.t, i0, i1);
        const bool right = mean >= 0.5;
        const double push = local.uniform(0.05, 0.5);
        const double shift = right ? 1.0 + push - mean : -push - mean;
        for (int i = std::max(0, i0 - ramp); i <= std::min(n - 1, i1 + ramp); ++i)
            curve.t[size_t(i)] += envelope(i, i0, i1, ramp) * shift;
        record(plan, track, "wrapBack", c + 1, i0, i1);
    }
    clampCurve(curve);
    facts.insert(QStringLiteral("wrapBack"), true);
}

/** An old paper log: heavy ragged grid (drawn by the renderer from its own seed), mostly scanned 1-bit. */
void wornGrid(SheetPlan &plan, SynthRandom &rng, QJsonObject &facts)
{
    plan.wornGridSeed = rng.next() | 1u;
    const bool binary = rng.chance(0.75);
    const bool fax200 = rng.chance(0.4);
    if (binary) {
        plan.render = fax200 ? RenderStyle::Binary200 : RenderStyle::Binary300;
        plan.paletteLevels = 0;
        darkenInks(plan);
    }
    facts.insert(QStringLiteral("wornGrid"), true);
}

} // namespace

QJsonObject applyPrintStyles(SheetPlan &plan, const PrintStyleOptions &options, SynthRandom &rng)
{
    QJsonObject facts;
    if (!options.any())
        return facts;
    // Every decision draws its numbers whether or not it is taken, so one knob never shifts another.
    const bool colour = rng.chance(options.colourPrint) || options.ink != InkChoice::Any;
    SynthRandom colourRng = rng.fork(1);
    if (colour)
        colourPrint(plan, options, colourRng, facts);
    for (TrackPlan &track : plan.tracks) {
        const bool pegged = rng.chance(options.longPegged);
        SynthRandom peggedRng = rng.fork(2);
        if (pegged)
            longPegged(plan, track, peggedRng);
        const bool violent = rng.chance(options.violentDash);
        SynthRandom violentRng = rng.fork(3);
        if (violent)
            violentDash(plan, track, violentRng);
    }
    const bool wrap = rng.chance(options.wrapBack);
    SynthRandom wrapRng = rng.fork(4);
    if (wrap)
        wrapBack(plan, wrapRng, facts);
    // How the depth numbers are printed (drawn last, so that no earlier draw moves).
    plan.turnedNumbers = rng.chance(options.turnedNumbers);
    plan.numbersAbove = rng.chance(options.numbersAbove);
    if (plan.turnedNumbers)
        facts.insert(QStringLiteral("turnedNumbers"), true);
    if (plan.numbersAbove)
        facts.insert(QStringLiteral("numbersAbove"), true);
    const bool worn = rng.chance(options.wornGrid);
    SynthRandom wornRng = rng.fork(5);
    if (worn && !colour)
        wornGrid(plan, wornRng, facts);
    // A repeat section: the last stretch of the log logged again, at least three labelled lines of it.
    const bool repeat = rng.chance(options.repeatSection);
    SynthRandom repeatRng = rng.fork(6);
    const int labelRows = int(std::ceil(plan.labelEvery * plan.pxPerUnit));
    const int rows = std::max(int(3.5 * labelRows), int(repeatRng.uniform(0.15, 0.3) * plan.samples()));
    const int gap = repeatRng.uniformInt(120, 260);
    if (repeat && rows <= plan.samples() / 2) {
        plan.repeatRows = rows;
        plan.repeatGap = gap;
        facts.insert(QStringLiteral("repeatSection"), QJsonArray{rows, gap});
    }
    return facts;
}

void reduceToPalette(cv::Mat &sheet, int levels)
{
    levels = std::clamp(levels, 2, 256);
    cv::Mat lut(1, 256, CV_8UC1);
    const double step = 255.0 / (levels - 1);
    for (int v = 0; v < 256; ++v)
        lut.at<uchar>(v) = cv::saturate_cast<uchar>(std::round(std::round(v / step) * step));
    cv::LUT(sheet, lut, sheet);
}

} // namespace veer
