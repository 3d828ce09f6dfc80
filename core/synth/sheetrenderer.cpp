// The ideal sheet: header band, depth track, grids and the curve strokes with their labels.
#include "sheetrenderer.h"

#include "sheetplan.h"
#include "synthrandom.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace veer {

namespace {

constexpr int kShift = 3;
constexpr double kFixed = 8.0;

cv::Point fixedPoint(double x, double y)
{
    return {int(std::lround(x * kFixed)), int(std::lround(y * kFixed))};
}

cv::Scalar mix(const cv::Scalar &a, const cv::Scalar &b, double f)
{
    return a * (1.0 - f) + b * f;
}

using Polylines = std::vector<std::vector<cv::Point>>;

/**
 * The drawn path of one curve as polylines in fixed point: wrap curves jump to the opposite edge,
 * NaN lifts the pen, dashes cut the path by drawn length. Fills curve.arc.
 */
void buildStroke(const SheetPlan &plan, const TrackPlan &track, CurvePlan &curve, Polylines &polys)
{
    const int n = int(curve.t.size());
    curve.arc.assign(n, 0.0);
    const double W = track.width();
    const double L = track.left;
    const bool dashed = curve.stroke != StrokeKind::Solid;
    const double period = curve.patternPeriod();
    double length = 0.0;
    std::vector<cv::Point> current;
    int currentBand = 99;
    auto flush = [&]() {
        if (current.size() == 1)
            current.push_back(current.front());
        if (!current.empty())
            polys.push_back(std::move(current));
        current.clear();
        currentBand = 99;
    };
    auto add = [&](double x, double y) {
        const cv::Point p = fixedPoint(x, y);
        if (current.empty() || current.back() != p)
            current.push_back(p);
    };
    for (int j = 0; j + 1 < n; ++j) {
        curve.arc[j] = length;
        const double t0 = curve.t[j], t1 = curve.t[j + 1];
        if (!std::isfinite(t0) || !std::isfinite(t1)) {
            flush();
            continue;
        }
        const double y0 = plan.logTop + j;
        double us[4] = {0.0, 0.0, 0.0, 1.0};
        int nu = 1;
        for (double b : {0.0, 1.0}) {
            if ((t0 - b) * (t1 - b) < 0)
                us[nu++] = (b - t0) / (t1 - t0);
        }
        if (nu == 3 && us[1] > us[2])
            std::swap(us[1], us[2]);
        us[nu++] = 1.0;
        for (int k = 0; k + 1 < nu; ++k) {
            const double ua = us[k], ub = us[k + 1];
            const double tm = t0 + 0.5 * (ua + ub) * (t1 - t0);
            const int band = tm < 0.0 ? -1 : tm > 1.0 ? 1 : 0;
            if (band != currentBand && currentBand != 99)
                flush();
            const double xa = L + (t0 + ua * (t1 - t0) - band) * W, ya = y0 + ua;
            const double xb = L + (t0 + ub * (t1 - t0) - band) * W, yb = y0 + ub;
            const double seg = std::hypot(xb - xa, yb - ya);
            if (!dashed) {
                if (current.empty())
                    add(xa, ya);
                add(xb, yb);
                currentBand = band;
            } else {
                double s = 0.0;
                while (s < seg) {
                    double phase = std::fmod(length + s + curve.dashPhase, period);
                    double advance;
                    double remaining = 0.0;
                    if (curve.patternAt(phase, remaining)) {
                        advance = std::min(remaining, seg - s);
                        const double f0 = s / seg, f1 = (s + advance) / seg;
                        if (current.empty())
                            add(xa + f0 * (xb - xa), ya + f0 * (yb - ya));
                        add(xa + f1 * (xb - xa), ya + f1 * (yb - ya));
                        currentBand = band;
                    } else {
                        flush();
                        advance = std::min(remaining, seg - s);
                    }
                    s += std::max(advance, 1e-6);
                }
            }
            length += seg;
        }
    }
    if (n > 0)
        curve.arc[n - 1] = length;
    flush();
}

void drawText(cv::Mat &img, const std::string &text, cv::Point centre, int face, double scale,
              const cv::Scalar &ink, int align = 0)
{
    int base = 0;
    const cv::Size size = cv::getTextSize(text, face, scale, 1, &base);
    cv::Point org(centre.x - size.width / 2, centre.y + size.height / 2);
    if (align < 0)
        org.x = centre.x;
    else if (align > 0)
        org.x = centre.x - size.width;
    cv::putText(img, text, org, face, scale, ink, scale > 0.8 ? 2 : 1, cv::LINE_AA);
}

double fitScale(const std::string &text, int face, int maxWidth, double maxScale)
{
    double scale = maxScale;
    int base = 0;
    while (scale > 0.3 && cv::getTextSize(text, face, scale, 1, &base).width > maxWidth)
        scale *= 0.9;
    return scale;
}

std::string formatValue(double v)
{
    const double a = std::abs(v);
    QString s = a >= 100 || a == std::round(a) ? QString::number(v, 'f', 0)
              : a >= 1 ? QString::number(v, 'f', 1) : QString::number(v, 'g', 2);
    return s.toStdString();
}

void drawHeader(const SheetPlan &plan, cv::Mat &sheet)
{
    if (plan.headerBottom <= 0)
        return;
    const int x0 = std::min(plan.depthLeft, plan.tracks.front().left);
    const int x1 = std::max(plan.depthRight, plan.tracks.back().right);
    const int top = std::max(2, plan.headerBottom / 12);
    const int bottom = plan.headerBottom - 2;
    cv::rectangle(sheet, cv::Point(x0, top), cv::Point(x1, bottom), plan.textInk, 1, cv::LINE_8);
    const int face = plan.fontFace;
    const int bandTop = top + (bottom - top) / 3;
    const std::string title = plan.wellName.toStdString();
    drawText(sheet, title, cv::Point((x0 + x1) / 2, (top + bandTop) / 2), face,
             fitScale(title, face, (x1 - x0) / 2, 0.9), plan.textInk);
    cv::line(sheet, cv::Point(x0, bandTop), cv::Point(x1, bandTop), plan.textInk, 1, cv::LINE_8);
    // Title block notes in two columns either side of the well name.
    const int notes = int(plan.headerNotes.size());
    const int lineH = std::max(8, (bandTop - top) / ((notes + 1) / 2 + 1));
    for (int k = 0; k < notes; ++k) {
        const std::string note = plan.headerNotes[k].toStdString();
        const int colX = k % 2 == 0 ? x0 + 6 : x0 + (x1 - x0) * 3 / 4;
        const double s = fitScale(note, face, (x1 - x0) / 4 - 8, std::min(0.5, lineH / 22.0));
        drawText(sheet, note, cv::Point(colX, top + lineH * (k / 2 + 1)), face, s, plan.textInk, -1);
    }
    const std::string depthCaption = "DEPTH " + plan.depthUnit.toStdString();
    drawText(sheet, depthCaption, cv::Point((plan.depthLeft + plan.depthRight) / 2, (bandTop + bottom) / 2), face,
             fitScale(depthCaption, face, plan.depthRight - plan.depthLeft - 4, 0.6), plan.textInk);
    cv::line(sheet, cv::Point(plan.depthLeft, bandTop), cv::Point(plan.depthLeft, bottom), plan.textInk, 1);
    cv::line(sheet, cv::Point(plan.depthRight, bandTop), cv::Point(plan.depthRight, bottom), plan.textInk, 1);
    for (const TrackPlan &track : plan.tracks) {
        cv::line(sheet, cv::Point(track.left, bandTop), cv::Point(track.left, bottom), plan.textInk, 1);
        cv::line(sheet, cv::Point(track.right, bandTop), cv::Point(track.right, bottom), plan.textInk, 1);
        const int rowH = (bottom - bandTop) / 2;
        for (int c = 0; c < 2; ++c) {
            const CurvePlan &curve = track.curves[c];
            const int y = bandTop + c * rowH;
            const std::string name = (curve.scale.mnemonic + QStringLiteral(" (") + curve.scale.unit + QLatin1Char(')')).toStdString();
            const double scale = fitScale(name, face, int(track.width() * 0.5), std::min(0.7, rowH / 40.0));
            drawText(sheet, name, cv::Point((track.left + track.right) / 2, y + rowH / 3), face, scale, curve.ink);
            const std::string lv = formatValue(curve.scale.left);
            const std::string rv = formatValue(curve.scale.right);
            const int pad = 3;
            drawText(sheet, lv, cv::Point(track.left + pad, y + rowH / 3), face, scale * 0.9, curve.ink, -1);
            drawText(sheet, rv, cv::Point(track.right - pad, y + rowH / 3), face, scale * 0.9, curve.ink, 1);
            // Legend stroke in the curve's style (background in the label map: it is not the trace).
            const int ly = y + rowH * 3 / 4;
            const int lx0 = track.left + 6, lx1 = track.right - 6;
            if (curve.stroke == StrokeKind::Solid) {
                cv::line(sheet, cv::Point(lx0, ly), cv::Point(lx1, ly), curve.ink, curve.width, cv::LINE_8);
            } else {
                double x = lx0;
                double phase = 0.0;
                while (x < lx1) {
                    double remaining = 0.0;
                    const bool ink = curve.patternAt(phase, remaining);
                    const double xe = std::min<double>(lx1, x + std::max(remaining, 1e-3));
                    if (ink)
                        cv::line(sheet, fixedPoint(x, ly), fixedPoint(xe, ly), curve.ink, curve.width, cv::LINE_8, kShift);
                    phase = std::fmod(phase + (xe - x), curve.patternPeriod());
                    x = xe;
                }
            }
        }
    }
}

/** The look of an old paper log's grid (SheetPlan::wornGridSeed), drawn from one stream. */
struct WornGrid
{
    explicit WornGrid(std::uint64_t seed)
        : rng(seed)
    {
        majorWidth = rng.uniformInt(3, 7);
        mediumWidth = rng.uniformInt(1, 3);
        breakRate = rng.uniform(0.002, 0.02);
        wander = rng.uniform(0.2, 0.7);
        dotted = rng.chance(0.5);
        dotOn = rng.uniformInt(1, 2);
        dotPeriod = rng.uniformInt(3, 6);
        ticks = rng.chance(0.6);
        tickLength = rng.uniformInt(4, 12);
    }

    /** A horizontal line whose two edges wander a pixel or two, broken here and there, with burrs. */
    void line(cv::Mat &sheet, int x0, int x1, double yc, int width, const cv::Scalar &ink)
    {
        const cv::Vec3b colour(cv::saturate_cast<uchar>(ink[0]), cv::saturate_cast<uchar>(ink[1]),
                               cv::saturate_cast<uchar>(ink[2]));
        const double limit = 0.5 + 0.25 * width;
        double top = 0.0, bottom = 0.0;
        int gap = 0;
        for (int x = std::max(0, x0); x <= std::min(sheet.cols - 1, x1); ++x) {
            top = std::clamp(top + rng.uniform(-wander, wander), -limit, limit);
            bottom = std::clamp(bottom + rng.uniform(-wander, wander), -limit, limit);
            if (gap > 0) {
                --gap;
                continue;
            }
            if (rng.chance(breakRate)) {
                gap = rng.uniformInt(1, 3 + 2 * width);
                continue;
            }
            int ya = int(std::lround(yc - 0.5 * width + top));
            int yb = std::max(ya, int(std::lround(yc + 0.5 * width + bottom)) - 1);
            if (rng.chance(0.03))
                (rng.chance(0.5) ? ya : yb) += rng.chance(0.5) ? -rng.uniformInt(1, 3) : rng.uniformInt(1, 3);
            for (int y = std::max(0, std::min(ya, yb)); y <= std::min(sheet.rows - 1, std::max(ya, yb)); ++y)
                sheet.at<cv::Vec3b>(y, x) = colour;
        }
    }

    /** A minor line as dots (or plain, one pixel high). */
    void minorLine(cv::Mat &sheet, int x0, int x1, int y, const cv::Scalar &ink)
    {
        if (!dotted) {
            cv::line(sheet, cv::Point(x0, y), cv::Point(x1, y), ink, 1, cv::LINE_8);
            return;
        }
        for (int x = x0; x <= x1; x += dotPeriod)
            cv::line(sheet, cv::Point(x, y), cv::Point(std::min(x1, x + dotOn - 1), y), ink, 1, cv::LINE_8);
    }

    SynthRandom rng;
    int majorWidth = 4, mediumWidth = 2;
    double breakRate = 0.01, wander = 0.4;
    bool dotted = false;
    int dotOn = 1, dotPeriod = 4;
    bool ticks = false;
    int tickLength = 6;
};

void drawGrid(const SheetPlan &plan, cv::Mat &sheet)
{
    const cv::Scalar major = plan.gridInk;
    const cv::Scalar medium = mix(plan.gridInk, plan.paper, 0.25);
    const cv::Scalar minor = mix(plan.gridInk, plan.paper, 1.0 - plan.minorStrength);
    const double d0 = plan.depthAtIdealRow(plan.logTop);
    const double d1 = plan.depthAtIdealRow(plan.logBottom);
    const double minorPx = plan.minorDepth * plan.pxPerUnit;
    const double mediumPx = plan.mediumDepth * plan.pxPerUnit;
    const long k0 = long(std::ceil(d0 / plan.minorDepth - 1e-9));
    const long k1 = long(std::floor(d1 / plan.minorDepth + 1e-9));
    const long mediumEvery = std::lround(plan.mediumDepth / plan.minorDepth);
    const long majorEvery = std::lround(plan.majorDepth / plan.minorDepth);
    std::optional<WornGrid> worn;
    if (plan.wornGridSeed != 0)
        worn.emplace(plan.wornGridSeed);
    // Depth lines.
    for (long k = k0; k <= k1; ++k) {
        const int level = k % majorEvery == 0 ? 2 : k % mediumEvery == 0 ? 1 : 0;
        if (level == 0 && minorPx < 4.0)
            continue;
        if (level == 1 && mediumPx < 4.0)
            continue;
        const int y = int(std::lround(plan.idealRowAtDepth(k * plan.minorDepth)));
        const cv::Scalar &ink = level == 2 ? major : level == 1 ? medium : minor;
        const int thickness = level == 2 ? plan.majorWidth : 1;
        for (const TrackPlan &track : plan.tracks) {
            if (!worn)
                cv::line(sheet, cv::Point(track.left, y), cv::Point(track.right, y), ink, thickness,
                         cv::LINE_8);
            else if (level == 0)
                worn->minorLine(sheet, track.left, track.right, y, ink);
            else
                worn->line(sheet, track.left, track.right, y,
                           level == 2 ? worn->majorWidth : worn->mediumWidth, major);
            if (worn && worn->ticks) {
                for (int edge : {track.left, track.right})
                    cv::line(sheet, cv::Point(edge - worn->tickLength, y),
                             cv::Point(edge + worn->tickLength, y), major, 1 + (level > 0), cv::LINE_8);
            }
        }
        if (level >= 1) {
            const int tick = level == 2 ? 8 : 4;
            cv::line(sheet, cv::Point(plan.depthLeft, y), cv::Point(plan.depthLeft + tick, y), ink, 1, cv::LINE_8);
            cv::line(sheet, cv::Point(plan.depthRight - tick, y), cv::Point(plan.depthRight, y), ink, 1, cv::LINE_8);
        }
    }
    // Value lines and track edges.
    for (const TrackPlan &track : plan.tracks) {
        for (const auto &[f, level] : track.gridLines()) {
            const int x = int(std::lround(track.left + f * track.width()));
            const cv::Scalar &ink = level == 2 ? major : level == 1 ? medium : minor;
            const int thickness = level == 2 ? plan.majorWidth : 1;
            cv::line(sheet, cv::Point(x, plan.logTop), cv::Point(x, plan.logBottom), ink, thickness, cv::LINE_8);
        }
    }
    cv::line(sheet, cv::Point(plan.depthLeft, plan.logTop), cv::Point(plan.depthLeft, plan.logBottom), major, 1);
    cv::line(sheet, cv::Point(plan.depthRight, plan.logTop), cv::Point(plan.depthRight, plan.logBottom), major, 1);
    // Depth numbers.
    const int face = plan.fontFace;
    const long l0 = long(std::ceil(d0 / plan.labelEvery));
    const long l1 = long(std::floor(d1 / plan.labelEvery));
    const std::string widest = QString::number(long(d1)).toStdString();
    const double scale = fitScale(widest, face, plan.depthRight - plan.depthLeft - 10, 0.8);
    for (long k = l0; k <= l1; ++k) {
        const double depth = k * plan.labelEvery;
        const int y = int(std::lround(plan.idealRowAtDepth(depth)));
        if (y < plan.logTop + 8 || y > plan.logBottom - 8)
            continue;
        const std::string text = QString::number(long(depth)).toStdString();
        const int cx = (plan.depthLeft + plan.depthRight) / 2;
        if (!plan.turnedNumbers && !plan.numbersAbove) {
            drawText(sheet, text, cv::Point(cx, y), face, scale, plan.textInk);
            continue;
        }
        // Turned 90 degrees (reading up) and/or just above the line: drawn on a patch of paper.
        int base = 0;
        const cv::Size ts = cv::getTextSize(text, face, scale, scale > 0.8 ? 2 : 1, &base);
        cv::Mat patch(ts.height + 8, ts.width + 8, sheet.type(), plan.paper);
        cv::putText(patch, text, cv::Point(4, ts.height + 4), face, scale, plan.textInk, scale > 0.8 ? 2 : 1, cv::LINE_AA);
        if (plan.turnedNumbers)
            cv::rotate(patch, patch, cv::ROTATE_90_COUNTERCLOCKWISE);
        const int cy = plan.numbersAbove ? y - patch.rows / 2 - 1 : y;
        const cv::Rect at = cv::Rect(cx - patch.cols / 2, cy - patch.rows / 2, patch.cols, patch.rows) & cv::Rect(0, 0, sheet.cols, sheet.rows);
        if (at.width == patch.cols && at.height == patch.rows) {
            cv::Mat roi = sheet(at);
            cv::min(roi, patch, roi);
        }
    }
}

/** The tinted fills of a colour print, multiplied into paper and grid (the curves go on top). */
void drawShades(const SheetPlan &plan, cv::Mat &sheet)
{
    for (const TrackPlan &track : plan.tracks) {
        const auto &t1 = track.curves[0].t, &t2 = track.curves[1].t;
        for (const ShadePlan &shade : track.shades) {
            const double f[3] = {shade.tint[0] / 255.0, shade.tint[1] / 255.0, shade.tint[2] / 255.0};
            for (int j = std::max(0, shade.from); j <= std::min(shade.to, int(t1.size()) - 1); ++j) {
                const double a = t1[size_t(j)];
                const double b = shade.kind == ShadePlan::BetweenCurves ? t2[size_t(j)]
                               : shade.kind == ShadePlan::ToLeftEdge ? 0.0 : 1.0;
                if (!std::isfinite(a) || !std::isfinite(b))
                    continue;
                const int y = plan.logTop + j;
                if (y < 0 || y >= sheet.rows)
                    continue;
                const int x0 = std::max(track.left + 1, int(std::lround(track.left + std::clamp(std::min(a, b), 0.0, 1.0) * track.width())));
                const int x1 = std::min(track.right - 1, int(std::lround(track.left + std::clamp(std::max(a, b), 0.0, 1.0) * track.width())));
                auto *row = sheet.ptr<cv::Vec3b>(y);
                for (int x = x0; x <= x1; ++x) {
                    for (int c = 0; c < 3; ++c)
                        row[x][c] = cv::saturate_cast<uchar>(row[x][c] * f[c]);
                }
            }
        }
    }
}

} // namespace

void renderSheet(SheetPlan &plan, cv::Mat &sheet, cv::Mat &labels)
{
    sheet.create(plan.height, plan.width, CV_8UC3);
    sheet.setTo(plan.paper);
    labels = cv::Mat::zeros(plan.height, plan.width, CV_8UC1);
    drawHeader(plan, sheet);
    drawGrid(plan, sheet);
    drawShades(plan, sheet);
    for (TrackPlan &track : plan.tracks) {
        const int bottom = track.topClass == 1 ? 1 : 0;
        for (int c : {bottom, 1 - bottom}) {
            CurvePlan &curve = track.curves[c];
            Polylines polys;
            buildStroke(plan, track, curve, polys);
            if (polys.empty())
                continue;
            cv::polylines(sheet, polys, false, curve.ink, curve.width, cv::LINE_8, kShift);
            cv::polylines(labels, polys, false, cv::Scalar(curve.scale.classId), curve.width, cv::LINE_8, kShift);
        }
    }
}

} // namespace veer
