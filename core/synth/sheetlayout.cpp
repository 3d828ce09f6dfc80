// Layout, scales, strokes and inks of one synthetic sheet.
#include "sheetplan.h"

#include "synthrandom.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace veer {

QString strokeKindName(StrokeKind kind)
{
    switch (kind) {
    case StrokeKind::Solid: return QStringLiteral("solid");
    case StrokeKind::Dashed: return QStringLiteral("dashed");
    case StrokeKind::LongDashed: return QStringLiteral("longdash");
    case StrokeKind::Dotted: return QStringLiteral("dotted");
    case StrokeKind::DashDot: return QStringLiteral("dashdot");
    case StrokeKind::SparseDotted: return QStringLiteral("sparsedot");
    }
    return {};
}

bool CurvePlan::inkedAt(double length) const
{
    if (stroke == StrokeKind::Solid)
        return true;
    const double period = patternPeriod();
    double p = std::fmod(length + dashPhase, period);
    if (p < 0)
        p += period;
    if (p <= dashOn)
        return true;
    return dotOn > 0.0 && p >= dashOn + dashOff && p <= dashOn + dashOff + dotOn;
}

double CurvePlan::patternPeriod() const
{
    return dashOn + dashOff + (dotOn > 0.0 ? dotOn + dashOff : 0.0);
}

bool CurvePlan::patternAt(double phase, double &remaining) const
{
    if (phase < dashOn) {
        remaining = dashOn - phase;
        return true;
    }
    const double dotStart = dashOn + dashOff;
    if (dotOn <= 0.0 || phase < dotStart) {
        remaining = (dotOn > 0.0 ? dotStart : patternPeriod()) - phase;
        return false;
    }
    if (phase < dotStart + dotOn) {
        remaining = dotStart + dotOn - phase;
        return true;
    }
    remaining = patternPeriod() - phase;
    return false;
}

double valueAtFraction(const CurveScale &scale, double t)
{
    if (scale.type == ScaleType::Log) {
        const double a = std::log10(scale.left), b = std::log10(scale.right);
        return std::pow(10.0, a + t * (b - a));
    }
    return scale.left + t * (scale.right - scale.left);
}

std::vector<std::pair<double, int>> TrackPlan::gridLines() const
{
    std::vector<std::pair<double, int>> lines;
    if (log) {
        for (int d = 0; d < decades; ++d) {
            lines.push_back({double(d) / decades, 2});
            for (int m = 2; m <= 9; ++m)
                lines.push_back({(d + std::log10(double(m))) / decades, m == 5 ? 1 : 0});
        }
        lines.push_back({1.0, 2});
    } else {
        for (int k = 0; k <= divisions; ++k) {
            const int level = (k == 0 || k == divisions) ? 2 : (divisions % 2 == 0 && k == divisions / 2) ? 1 : 0;
            lines.push_back({double(k) / divisions, level});
        }
    }
    return lines;
}

namespace {

struct ScaleChoiceSpec
{
    CurveFamily family;
    const char *mnemonic;
    const char *unit;
    double left;
    double right;
};

const std::vector<ScaleChoiceSpec> &linearScales()
{
    static const std::vector<ScaleChoiceSpec> scales = {
        {CurveFamily::GammaRay, "GR", "GAPI", 0, 150},    {CurveFamily::GammaRay, "GR", "GAPI", 0, 100},
        {CurveFamily::GammaRay, "GR", "GAPI", 0, 200},    {CurveFamily::GammaRay, "SGR", "GAPI", 0, 120},
        {CurveFamily::Caliper, "CALI", "IN", 6, 16},      {CurveFamily::Caliper, "CALI", "IN", 4, 14},
        {CurveFamily::SpontaneousPotential, "SP", "MV", -100, 0},
        {CurveFamily::SpontaneousPotential, "SP", "MV", -80, 20},
        {CurveFamily::Density, "RHOB", "G/C3", 1.95, 2.95}, {CurveFamily::Density, "RHOB", "G/C3", 2.0, 3.0},
        {CurveFamily::Neutron, "NPHI", "V/V", 0.45, -0.15}, {CurveFamily::Neutron, "NPHI", "PU", 45, -15},
        {CurveFamily::Sonic, "DT", "US/F", 140, 40},      {CurveFamily::Sonic, "DT", "US/F", 150, 50},
        {CurveFamily::Resistivity, "ILD", "OHMM", 0, 20}, {CurveFamily::Resistivity, "SN", "OHMM", 0, 50},
        {CurveFamily::Resistivity, "LLS", "OHMM", 0, 10},
    };
    return scales;
}

const ScaleChoiceSpec &pickScale(SynthRandom &rng, CurveFamily family)
{
    std::vector<const ScaleChoiceSpec *> fits;
    for (const ScaleChoiceSpec &s : linearScales()) {
        if (s.family == family)
            fits.push_back(&s);
    }
    return *fits[rng.uniformInt(0, int(fits.size()) - 1)];
}

/** Classic pairings in one linear track: (curve one, curve two). */
const std::vector<std::pair<CurveFamily, CurveFamily>> &linearPairs()
{
    using F = CurveFamily;
    static const std::vector<std::pair<F, F>> pairs = {
        {F::GammaRay, F::Caliper}, {F::GammaRay, F::SpontaneousPotential}, {F::SpontaneousPotential, F::GammaRay},
        {F::Density, F::Neutron},  {F::Neutron, F::Density},               {F::Sonic, F::GammaRay},
        {F::GammaRay, F::Sonic},   {F::Caliper, F::GammaRay},              {F::Resistivity, F::Resistivity},
        {F::GammaRay, F::GammaRay},
    };
    return pairs;
}

const char *resistivityNames[] = {"ILD", "ILM", "LLD", "LLS", "SFLU", "MSFL", "RT", "RXO"};

cv::Scalar gridInkFor(GridColour colour, SynthRandom &rng)
{
    auto jitter = [&rng](double v) { return std::clamp(v + rng.uniform(-12, 12), 0.0, 255.0); };
    switch (colour) {
    case GridColour::Black: return {jitter(20), jitter(20), jitter(20)};
    case GridColour::Grey: {
        const double g = rng.uniform(90, 150);
        return {g, g, g};
    }
    case GridColour::Green: return {jitter(70), jitter(150), jitter(40)};
    case GridColour::Orange: return {jitter(30), jitter(130), jitter(235)};
    case GridColour::Blue: return {jitter(190), jitter(110), jitter(40)};
    case GridColour::Red: return {jitter(50), jitter(40), jitter(215)};
    case GridColour::Any: break;
    }
    return {0, 0, 0};
}

cv::Scalar pickCurveInk(SynthRandom &rng, bool darkOnly)
{
    static const std::vector<cv::Scalar> inks = {
        {15, 15, 15},  // black
        {30, 30, 200}, // red
        {170, 40, 20}, // blue
        {30, 110, 20}, // green
        {140, 30, 120}, // purple
        {30, 60, 120}, // brown
        {110, 20, 10}, // dark blue
    };
    static const std::vector<double> weights = {0.45, 0.14, 0.14, 0.08, 0.06, 0.06, 0.07};
    static const std::vector<double> darkWeights = {0.6, 0.1, 0.05, 0.05, 0.05, 0.05, 0.1};
    cv::Scalar ink = inks[rng.weighted(darkOnly ? darkWeights : weights)];
    for (int c = 0; c < 3; ++c)
        ink[c] = std::clamp(ink[c] + rng.uniform(-10, 10), 0.0, 255.0);
    if (darkOnly) {
        for (int c = 0; c < 3; ++c)
            ink[c] *= 0.6;
    }
    return ink;
}

int pickWidth(SynthRandom &rng)
{
    return 1 + rng.weighted({0.24, 0.36, 0.24, 0.10, 0.06});
}

void setupStroke(CurvePlan &curve, StrokeKind kind, SynthRandom &rng)
{
    curve.stroke = kind;
    const double w = curve.width;
    switch (kind) {
    case StrokeKind::Solid: break;
    case StrokeKind::Dashed:
        curve.dashOn = rng.uniform(5, 11) + w;
        curve.dashOff = rng.uniform(3, 6) + 0.7 * w;
        break;
    case StrokeKind::LongDashed:
        curve.dashOn = rng.uniform(14, 30) + 2 * w;
        curve.dashOff = rng.uniform(4, 8) + 0.7 * w;
        break;
    case StrokeKind::Dotted:
        curve.dashOn = rng.uniform(0.3, 1.0);
        curve.dashOff = w + rng.uniform(2.0, 4.5);
        break;
    case StrokeKind::SparseDotted:
        curve.dashOn = rng.uniform(0.3, 1.0);
        curve.dashOff = w + rng.uniform(7.0, 12.0);
        break;
    case StrokeKind::DashDot:
        curve.dashOn = rng.uniform(12, 22) + w;
        curve.dashOff = rng.uniform(3, 5) + 0.7 * w;
        curve.dotOn = rng.uniform(0.3, 1.2);
        break;
    }
    curve.dashPhase = rng.uniform(0, curve.patternPeriod());
}

} // namespace

SheetPlan planSheet(const SynthOptions &options, SynthRandom &rng)
{
    SheetPlan plan;
    plan.width = options.width > 0 ? options.width : rng.uniformInt(600, 3000);
    plan.height = options.height > 0 ? options.height : rng.uniformInt(2000, 20000);

    // Scanner output.
    plan.render = options.render;
    if (plan.render == RenderStyle::Any) {
        if (!options.noDamage && rng.chance(options.damage.binarise))
            plan.render = rng.chance(0.5) ? RenderStyle::Binary200 : RenderStyle::Binary300;
        else
            plan.render = (!options.noDamage && rng.chance(options.damage.gray)) ? RenderStyle::Gray : RenderStyle::Colour;
    } else {
        rng.uniform();
    }
    const bool binary = plan.render == RenderStyle::Binary200 || plan.render == RenderStyle::Binary300;

    // Paper and grid.
    if (rng.chance(0.6)) {
        const double v = rng.uniform(243, 255);
        plan.paper = {v, v, v};
    } else {
        const double v = rng.uniform(232, 250);
        plan.paper = {v - rng.uniform(8, 30), v - rng.uniform(0, 8), v};  // cream
    }
    plan.gridColour = options.grid != GridColour::Any
        ? options.grid
        : GridColour(1 + rng.weighted({0.25, 0.2, 0.2, 0.2, 0.15}));
    plan.gridInk = gridInkFor(plan.gridColour, rng);
    plan.textInk = rng.chance(0.7) ? cv::Scalar(10, 10, 10) : plan.gridInk * 0.7;
    plan.majorWidth = rng.uniformInt(1, 3);
    plan.minorStrength = rng.uniform(0.35, 0.8);
    if (plan.gridColour == GridColour::Red)
        plan.minorStrength = 1.0;  // the held-out style: every grid line at full strength
    static const int faces[] = {cv::FONT_HERSHEY_SIMPLEX, cv::FONT_HERSHEY_PLAIN, cv::FONT_HERSHEY_DUPLEX,
                                cv::FONT_HERSHEY_COMPLEX_SMALL};
    plan.fontFace = faces[rng.uniformInt(0, 3)];
    plan.wellName = QStringLiteral("WELL %1-%2").arg(rng.uniformInt(1, 99)).arg(rng.uniformInt(1, 40));
    static const char *companies[] = {"VEER PETROLEUM", "NORTH BASIN OIL CO", "PRAIRIE EXPLORATION", "GULF COAST ENERGY",
                                      "HIGHLAND RESOURCES"};
    static const char *fields[] = {"WILDCAT", "WELLINGTON", "EAST RIDGE", "BLUE CREEK", "F3 BLOCK"};
    plan.headerNotes = {QStringLiteral("COMPANY  %1").arg(QLatin1String(companies[rng.uniformInt(0, 4)])),
                        QStringLiteral("FIELD  %1").arg(QLatin1String(fields[rng.uniformInt(0, 4)])),
                        QStringLiteral("DATE  %1/%2/19%3").arg(rng.uniformInt(1, 28)).arg(rng.uniformInt(1, 12)).arg(rng.uniformInt(55, 99))};

    // Vertical layout: header band, log area.
    const bool tall = plan.height >= 1200;
    const bool header = options.header.has_value() ? *options.header : (tall || rng.chance(0.3));
    plan.headerBottom = header ? std::clamp(int(plan.height * rng.uniform(0.02, 0.06)) + rng.uniformInt(60, 140), 70,
                                            std::max(70, plan.height / 3))
                               : 0;
    plan.logTop = plan.headerBottom + rng.uniformInt(header ? 4 : 0, header ? 30 : 10);
    plan.logBottom = plan.height - 1 - rng.uniformInt(0, tall ? 40 : 8);

    // Depth scale: print scale x scan resolution.
    plan.depthUnit = rng.chance(0.55) ? QStringLiteral("M") : QStringLiteral("FT");
    const bool metric = plan.depthUnit == QLatin1String("M");
    if (metric) {
        static const std::vector<double> ppm = {59.1, 39.4, 23.6, 15.7, 11.8, 7.9};
        plan.pxPerUnit = rng.pick(ppm) * rng.uniform(0.97, 1.03);
        plan.minorDepth = 1;
        plan.mediumDepth = 5;
        plan.majorDepth = 10;
        plan.labelEvery = plan.pxPerUnit * 10 >= 70 ? 10 : 50;
        static const std::vector<double> steps = {0.1, 0.1524, 0.2, 0.25, 0.5};
        plan.step = rng.pick(steps);
        plan.depthAtLogTop = rng.uniformInt(20, 300) * 10 + rng.uniform(0, 10);
    } else {
        static const std::vector<double> ppf = {15.0, 10.0, 6.0, 4.0, 3.0};
        plan.pxPerUnit = rng.pick(ppf) * rng.uniform(0.97, 1.03);
        plan.minorDepth = 2;
        plan.mediumDepth = 10;
        plan.majorDepth = 50;
        plan.labelEvery = plan.pxPerUnit * 10 >= 90 ? 10 : 50;
        static const std::vector<double> steps = {0.25, 0.5, 0.5, 1.0};
        plan.step = rng.pick(steps);
        plan.depthAtLogTop = rng.uniformInt(10, 300) * 50 + rng.uniform(0, 50);
    }

    plan.headerNotes.push_back(QStringLiteral("DEPTH SCALE  %1 PX/%2").arg(plan.pxPerUnit, 0, 'f', 1).arg(plan.depthUnit));

    // Horizontal layout.
    const int nTracks = options.tracks > 0 ? std::clamp(options.tracks, 1, 3)
                                           : 1 + rng.weighted({0.25, 0.4, 0.35});
    const int marginL = rng.uniformInt(4, std::max(5, plan.width / 40));
    const int marginR = rng.uniformInt(4, std::max(5, plan.width / 40));
    const int depthWidth = std::clamp(int(plan.width * rng.uniform(0.06, 0.1)), 48, 130);
    const int depthSlot = nTracks == 1 ? rng.uniformInt(0, 1) : (rng.chance(0.75) ? 1 : 0);
    int usable = plan.width - marginL - marginR - depthWidth;
    // Printed tracks are about 2.5 in wide: wide scans get paper margins, not giant tracks.
    const int maxTrack = rng.uniformInt(380, 800);
    int x = marginL;
    if (usable > nTracks * maxTrack) {
        const int extra = usable - nTracks * maxTrack;
        x += int(extra * rng.uniform(0.0, 0.5));
        usable = nTracks * maxTrack;
    }
    std::vector<double> shares(nTracks);
    double total = 0;
    for (double &s : shares) {
        s = rng.uniform(0.85, 1.15);
        total += s;
    }
    for (int k = 0; k <= nTracks; ++k) {
        if (k == depthSlot) {
            plan.depthLeft = x;
            plan.depthRight = x + depthWidth;
            x += depthWidth;
        }
        if (k == nTracks)
            break;
        TrackPlan track;
        const int w = int(usable * shares[k] / total);
        track.left = x;
        track.right = x + w - 1;
        x += w;
        plan.tracks.push_back(track);
    }
    // Adjacent tracks share an edge line when they touch.
    for (size_t k = 1; k < plan.tracks.size(); ++k) {
        if (plan.tracks[k].left == plan.tracks[k - 1].right + 1)
            plan.tracks[k].left = plan.tracks[k - 1].right;
    }

    // Scales, strokes and inks per track.
    const bool sameInkSheet = rng.chance(0.35);
    const cv::Scalar sheetInk = pickCurveInk(rng, binary);
    int resName = rng.uniformInt(0, 7);
    for (TrackPlan &track : plan.tracks) {
        const bool canLog = track.width() >= 90;
        track.log = canLog && (options.scale == ScaleChoice::Log || (options.scale == ScaleChoice::Any && rng.chance(0.35)));
        CurveFamily f1, f2;
        if (track.log) {
            f1 = f2 = CurveFamily::Resistivity;
            track.decades = track.width() >= 220 ? rng.uniformInt(2, 4) : rng.uniformInt(2, 3);
            static const std::vector<double> lefts = {0.2, 0.2, 1.0, 2.0, 0.1};
            double left = rng.pick(lefts);
            for (int c = 0; c < 2; ++c) {
                CurveScale &s = track.curves[c].scale;
                s.type = ScaleType::Log;
                s.left = left;
                s.right = left * std::pow(10.0, track.decades);
                s.unit = QStringLiteral("OHMM");
                s.mnemonic = QString::fromLatin1(resistivityNames[(resName++) % 8]);
            }
        } else {
            const auto &pair = rng.pick(linearPairs());
            f1 = pair.first;
            f2 = pair.second;
            track.divisions = rng.chance(0.85) ? 10 : 5;
            const ScaleChoiceSpec &s1 = pickScale(rng, f1);
            const ScaleChoiceSpec &s2 = (f1 == f2 && rng.chance(0.5)) ? s1 : pickScale(rng, f2);
            const ScaleChoiceSpec *specs[2] = {&s1, &s2};
            for (int c = 0; c < 2; ++c) {
                CurveScale &s = track.curves[c].scale;
                s.type = ScaleType::Linear;
                s.left = specs[c]->left;
                s.right = specs[c]->right;
                s.unit = QString::fromLatin1(specs[c]->unit);
                s.mnemonic = QString::fromLatin1(specs[c]->mnemonic);
                if (specs[c]->family == CurveFamily::Resistivity)
                    s.mnemonic = QString::fromLatin1(resistivityNames[(resName++) % 8]);
            }
        }
        track.curves[0].family = f1;
        track.curves[1].family = f2;
        const bool sameInkTrack = sameInkSheet || rng.chance(0.3);
        for (int c = 0; c < 2; ++c) {
            CurvePlan &curve = track.curves[c];
            curve.scale.classId = c + 1;
            curve.width = pickWidth(rng);
            if (c == 0)
                curve.ink = sameInkSheet ? sheetInk : pickCurveInk(rng, binary);
            else
                curve.ink = sameInkTrack ? track.curves[0].ink : pickCurveInk(rng, binary);
            StrokeKind kind = StrokeKind::Solid;
            if (c == 1) {
                DashStyle d = options.dash;
                if (d == DashStyle::Any)
                    d = DashStyle(1 + rng.weighted({0.45, 0.25, 0.30}));
                kind = d == DashStyle::Dashed ? StrokeKind::Dashed
                     : d == DashStyle::LongDashed ? StrokeKind::LongDashed
                     : d == DashStyle::DashDot ? StrokeKind::DashDot
                     : d == DashStyle::SparseDotted ? StrokeKind::SparseDotted : StrokeKind::Dotted;
            }
            setupStroke(curve, kind, rng);
        }
        track.topClass = rng.chance(0.5) ? 1 : 2;
    }
    // Unique mnemonics across the sheet (LAS needs them).
    std::vector<QString> seen;
    for (TrackPlan &track : plan.tracks) {
        for (CurvePlan &curve : track.curves) {
            QString name = curve.scale.mnemonic;
            int n = 1;
            while (std::find(seen.begin(), seen.end(), name) != seen.end())
                name = curve.scale.mnemonic + QString::number(++n);
            curve.scale.mnemonic = name;
            seen.push_back(name);
        }
    }
    return plan;
}

} // namespace veer
