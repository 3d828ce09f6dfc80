// Scan damage: what paper, copier, scanner and fax do to a clean log print.
#include "scandamage.h"

#include "sheetplan.h"
#include "synthoptions.h"
#include "synthrandom.h"

#include <QJsonArray>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace veer {

double GeometryWarp::idealRow(double r) const
{
    if (outRows.size() < 2)
        return r;
    size_t k = 1;
    while (k + 1 < outRows.size() && r > outRows[k])
        ++k;
    const double f = (r - outRows[k - 1]) / (outRows[k] - outRows[k - 1]);
    return idealRows[k - 1] + f * (idealRows[k] - idealRows[k - 1]);
}

double GeometryWarp::outRow(double y) const
{
    if (idealRows.size() < 2)
        return y;
    size_t k = 1;
    while (k + 1 < idealRows.size() && y > idealRows[k])
        ++k;
    const double f = (y - idealRows[k - 1]) / (idealRows[k] - idealRows[k - 1]);
    return outRows[k - 1] + f * (outRows[k] - outRows[k - 1]);
}

double GeometryWarp::maxShift(int height) const
{
    return std::max(std::abs(shiftAt(0)), std::abs(shiftAt(height - 1)));
}

void addPixelNoise(cv::Mat &image, double sigma, std::uint64_t seed)
{
    // 4096-entry table of normal deviates, indexed by xorshift bits.
    std::array<int, 4096> table;
    SynthRandom rng(seed);
    for (int &v : table)
        v = int(std::lround(rng.normal() * sigma));
    std::uint64_t s = splitMix64(seed) | 1;
    for (int r = 0; r < image.rows; ++r) {
        uchar *p = image.ptr<uchar>(r);
        const int n = image.cols * image.channels();
        int i = 0;
        while (i < n) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            std::uint64_t bits = s;
            for (int k = 0; k < 5 && i < n; ++k, ++i, bits >>= 12)
                p[i] = cv::saturate_cast<uchar>(p[i] + table[bits & 4095]);
        }
    }
}

namespace {

/** Smooth random field in [lo, hi], CV_8UC1 or CV_8UC3, full size, from a coarse random grid. */
cv::Mat lowFrequencyField(cv::Size size, int channels, double lo, double hi, int gridW, int gridH, SynthRandom &rng)
{
    cv::Mat coarse(gridH, gridW, CV_8UC(channels));
    for (int r = 0; r < gridH; ++r) {
        for (int c = 0; c < gridW; ++c) {
            const double base = rng.uniform(lo, hi);
            for (int k = 0; k < channels; ++k)
                coarse.ptr<uchar>(r)[c * channels + k] = cv::saturate_cast<uchar>(base + rng.uniform(-3, 3));
        }
    }
    cv::Mat field;
    cv::resize(coarse, field, size, 0, 0, cv::INTER_LINEAR);
    return field;
}

void applyTint(cv::Mat &sheet, SynthRandom &rng, QJsonObject &facts)
{
    const double depth = rng.uniform(8, 40);
    cv::Mat field = lowFrequencyField(sheet.size(), 3, 255 - depth, 255, rng.uniformInt(2, 8), rng.uniformInt(3, 12), rng);
    // Yellowing: less blue, a little less green.
    const double yellow = rng.uniform(0, 0.12);
    cv::multiply(field, cv::Scalar(1.0 - yellow, 1.0 - yellow * 0.35, 1.0), field);
    cv::multiply(sheet, field, sheet, 1.0 / 255.0);
    facts.insert(QStringLiteral("tint"), QJsonObject{{QStringLiteral("depth"), depth}, {QStringLiteral("yellow"), yellow}});
}

void applyFade(cv::Mat &sheet, SynthRandom &rng, QJsonObject &facts)
{
    const double strongest = rng.uniform(0.35, 0.75);
    cv::Mat field = lowFrequencyField(sheet.size(), 1, 255 * strongest, 255, rng.uniformInt(2, 6), rng.uniformInt(3, 10), rng);
    cv::Mat field3;
    cv::cvtColor(field, field3, cv::COLOR_GRAY2BGR);
    cv::Mat inverse;
    cv::subtract(cv::Scalar::all(255), sheet, inverse);
    cv::multiply(inverse, field3, inverse, 1.0 / 255.0);
    cv::subtract(cv::Scalar::all(255), inverse, sheet);
    facts.insert(QStringLiteral("fade"), QJsonObject{{QStringLiteral("minInk"), strongest}});
}

void applyBleed(cv::Mat &sheet, SynthRandom &rng, QJsonObject &facts)
{
    cv::Mat other;
    cv::flip(sheet, other, rng.chance(0.5) ? 1 : -1);
    cv::Mat gray;
    cv::cvtColor(other, gray, cv::COLOR_BGR2GRAY);
    const double sigma = rng.uniform(1.5, 4.0);
    cv::GaussianBlur(gray, gray, cv::Size(0, 0), sigma);
    const double alpha = rng.uniform(0.08, 0.25);
    cv::Mat dark;
    cv::subtract(cv::Scalar::all(255), gray, dark);
    dark.convertTo(dark, CV_8U, alpha);
    // Shift: the other page is never registered with this one.
    const int dx = rng.uniformInt(-40, 40), dy = rng.uniformInt(-60, 60);
    cv::Mat shifted(dark.size(), CV_8UC1, cv::Scalar(0));
    const cv::Rect src(std::max(0, -dx), std::max(0, -dy), dark.cols - std::abs(dx), dark.rows - std::abs(dy));
    const cv::Rect dst(std::max(0, dx), std::max(0, dy), src.width, src.height);
    if (src.width > 0 && src.height > 0)
        dark(src).copyTo(shifted(dst));
    cv::Mat dark3;
    cv::cvtColor(shifted, dark3, cv::COLOR_GRAY2BGR);
    cv::subtract(sheet, dark3, sheet);
    facts.insert(QStringLiteral("bleedThrough"), QJsonObject{{QStringLiteral("alpha"), alpha}, {QStringLiteral("blur"), sigma}});
}

void applyStains(cv::Mat &sheet, SynthRandom &rng, QJsonObject &facts)
{
    const int count = rng.uniformInt(1, 4);
    QJsonArray list;
    for (int k = 0; k < count; ++k) {
        const int rx = rng.uniformInt(15, std::max(16, std::min(sheet.cols / 4, 250)));
        const int ry = int(rx * rng.uniform(0.5, 1.5));
        const int cx = rng.uniformInt(0, sheet.cols - 1), cy = rng.uniformInt(0, sheet.rows - 1);
        const int pad = 12;
        cv::Rect box(cx - rx - pad, cy - ry - pad, 2 * (rx + pad), 2 * (ry + pad));
        box &= cv::Rect(0, 0, sheet.cols, sheet.rows);
        if (box.width < 4 || box.height < 4)
            continue;
        cv::Mat mask(box.size(), CV_8UC1, cv::Scalar(0));
        const cv::Point centre(cx - box.x, cy - box.y);
        const bool ring = rng.chance(0.4);
        const double angle = rng.uniform(0, 180);
        cv::ellipse(mask, centre, cv::Size(rx, ry), angle, 0, 360, cv::Scalar(ring ? 90 : 255), cv::FILLED);
        if (ring)
            cv::ellipse(mask, centre, cv::Size(rx, ry), angle, 0, 360, cv::Scalar(255), rng.uniformInt(2, 6));
        cv::GaussianBlur(mask, mask, cv::Size(0, 0), rng.uniform(2.0, 8.0));
        const double alpha = rng.uniform(0.12, 0.4);
        const cv::Vec3d stain(rng.uniform(60, 120), rng.uniform(110, 160), rng.uniform(150, 200));
        cv::Mat roi = sheet(box);
        for (int r = 0; r < roi.rows; ++r) {
            cv::Vec3b *p = roi.ptr<cv::Vec3b>(r);
            const uchar *m = mask.ptr<uchar>(r);
            for (int c = 0; c < roi.cols; ++c) {
                const double a = alpha * m[c] / 255.0;
                for (int ch = 0; ch < 3; ++ch)
                    p[c][ch] = cv::saturate_cast<uchar>(p[c][ch] * (1.0 - a * (1.0 - stain[ch] / 255.0)));
            }
        }
        list.append(QJsonObject{{QStringLiteral("x"), cx}, {QStringLiteral("y"), cy}, {QStringLiteral("r"), rx}});
    }
    facts.insert(QStringLiteral("stains"), list);
}

void applyFold(cv::Mat &sheet, SynthRandom &rng, QJsonObject &facts)
{
    const bool horizontal = rng.chance(0.7);
    const int length = horizontal ? sheet.rows : sheet.cols;
    const int at = rng.uniformInt(length / 10, length - 1 - length / 10);
    const int band = rng.uniformInt(8, 40);
    const double shade = rng.uniform(0.05, 0.18);
    const double crease = rng.uniform(0.15, 0.45);
    const int side = rng.chance(0.5) ? 1 : -1;
    for (int d = -band; d <= band; ++d) {
        const int pos = at + d;
        if (pos < 0 || pos >= length)
            continue;
        double f = 1.0;
        if (d == 0)
            f = 1.0 - crease;
        else if (d * side > 0)
            f = 1.0 - shade * (1.0 - double(std::abs(d)) / band);
        else if (std::abs(d) <= 2)
            f = 1.0 + 0.05;  // highlight on the lit side of the crease
        cv::Mat line = horizontal ? sheet.row(pos) : sheet.col(pos);
        line.convertTo(line, -1, f);
    }
    facts.insert(QStringLiteral("fold"), QJsonObject{{QStringLiteral("orientation"), horizontal ? QStringLiteral("horizontal") : QStringLiteral("vertical")},
                                                     {QStringLiteral("at"), at}});
}

void applyBanding(cv::Mat &sheet, SynthRandom &rng, QJsonObject &facts)
{
    const double period = rng.uniform(15, 250);
    const double amplitude = rng.uniform(0.02, 0.08);
    const double phase = rng.uniform(0, 6.28);
    const int stripes = rng.uniformInt(0, 6);
    std::vector<double> factor(sheet.rows);
    for (int r = 0; r < sheet.rows; ++r)
        factor[r] = 1.0 - amplitude * (0.5 + 0.5 * std::sin(phase + 6.2832 * r / period));
    for (int k = 0; k < stripes; ++k) {
        const int r0 = rng.uniformInt(0, sheet.rows - 1), h = rng.uniformInt(2, 25);
        const double f = rng.uniform(0.82, 0.95);
        for (int r = r0; r < std::min(sheet.rows, r0 + h); ++r)
            factor[r] *= f;
    }
    for (int r = 0; r < sheet.rows; ++r) {
        uchar *p = sheet.ptr<uchar>(r);
        const int n = sheet.cols * sheet.channels();
        const int f = int(factor[r] * 256);
        for (int i = 0; i < n; ++i)
            p[i] = uchar((p[i] * f) >> 8);
    }
    facts.insert(QStringLiteral("banding"), QJsonObject{{QStringLiteral("period"), period}, {QStringLiteral("amplitude"), amplitude},
                                                        {QStringLiteral("stripes"), stripes}});
}

void applySpecks(cv::Mat &sheet, SynthRandom &rng, QJsonObject &facts)
{
    const int count = int(double(sheet.total()) / 1e6 * rng.uniform(20, 400)) + 1;
    for (int k = 0; k < count; ++k) {
        const cv::Point p(rng.uniformInt(0, sheet.cols - 1), rng.uniformInt(0, sheet.rows - 1));
        const double g = rng.uniform(10, 120);
        const int radius = rng.weighted({0.6, 0.3, 0.1});
        if (radius == 0)
            sheet.at<cv::Vec3b>(p) = cv::Vec3b(uchar(g), uchar(g), uchar(g));
        else
            cv::circle(sheet, p, radius, cv::Scalar(g, g, g), cv::FILLED, cv::LINE_8);
    }
    facts.insert(QStringLiteral("specks"), count);
}

/** Vertical piecewise stretch + tiny shear, on the sheet (linear) and labels (nearest). */
void applyGeometry(cv::Mat &sheet, cv::Mat &labels, const cv::Scalar &paper, SynthRandom &rng, GeometryWarp &warp,
                   QJsonObject &facts)
{
    const int H = sheet.rows, W = sheet.cols;
    const int segments = rng.uniformInt(1, std::clamp(H / 800, 1, 8));
    const double offset = rng.uniform(-3.0, 3.0);
    QJsonArray scales;
    warp.outRows.push_back(0.0);
    warp.idealRows.push_back(offset);
    for (int k = 1; k <= segments; ++k) {
        const double r = k == segments ? H - 1.0 : std::round(double(k) * (H - 1) / segments + rng.uniform(-50, 50));
        const double scale = 1.0 + rng.uniform(-0.012, 0.012);
        warp.idealRows.push_back(warp.idealRows.back() + scale * (r - warp.outRows.back()));
        warp.outRows.push_back(r);
        scales.append(scale);
    }
    const double maxShiftPx = rng.uniform(0.0, 1.0);
    warp.shearCentre = (H - 1) / 2.0;
    warp.shear = (rng.chance(0.5) ? 1 : -1) * maxShiftPx / std::max(1.0, warp.shearCentre);

    cv::Mat outSheet(sheet.size(), sheet.type(), paper);
    cv::Mat outLabels(labels.size(), CV_8UC1, cv::Scalar(0));
    const int ch = sheet.channels();
    std::vector<int> blended(W * ch);
    for (int r = 0; r < H; ++r) {
        const double y = warp.idealRow(r);
        const int y0 = int(std::floor(y));
        const double fy = y - y0;
        const double shift = warp.shiftAt(r);
        // Labels: nearest neighbour.
        const int yn = int(std::lround(y));
        const int sn = int(std::lround(shift));
        if (yn >= 0 && yn < H) {
            const uchar *src = labels.ptr<uchar>(yn);
            uchar *dst = outLabels.ptr<uchar>(r);
            for (int c = 0; c < W; ++c) {
                const int sc = c - sn;
                if (sc >= 0 && sc < W)
                    dst[c] = src[sc];
            }
        }
        // Sheet: bilinear.
        if (y0 < 0 || y0 + 1 >= H)
            continue;
        const uchar *a = sheet.ptr<uchar>(y0);
        const uchar *b = sheet.ptr<uchar>(y0 + 1);
        const int wy = int(fy * 256);
        for (int i = 0; i < W * ch; ++i)
            blended[i] = a[i] * (256 - wy) + b[i] * wy;
        const int si = int(std::floor(shift));
        const int wx = int((shift - si) * 256);
        uchar *dst = outSheet.ptr<uchar>(r);
        for (int c = 0; c < W; ++c) {
            const int c0 = c - si - 1, c1 = c - si;  // out(c) = in(c - shift)
            if (c0 < 0 || c1 >= W)
                continue;
            for (int k = 0; k < ch; ++k) {
                const int v = blended[c1 * ch + k] * (256 - wx) + blended[c0 * ch + k] * wx;
                dst[c * ch + k] = uchar((v + 32768) >> 16);
            }
        }
    }
    sheet = outSheet;
    labels = outLabels;
    facts.insert(QStringLiteral("geometry"), QJsonObject{{QStringLiteral("rowScales"), scales},
                                                         {QStringLiteral("rowOffset"), offset},
                                                         {QStringLiteral("skewMaxShiftPx"), warp.maxShift(H)}});
}

/** Value at `fraction` of the histogram of `gray` where `mask` is set (or clear). */
double percentile(const cv::Mat &gray, const cv::Mat &mask, bool set, double fraction)
{
    long long hist[256] = {};
    long long total = 0;
    for (int r = 0; r < gray.rows; ++r) {
        const uchar *g = gray.ptr<uchar>(r);
        const uchar *m = mask.ptr<uchar>(r);
        for (int c = 0; c < gray.cols; ++c) {
            if ((m[c] != 0) == set) {
                ++hist[g[c]];
                ++total;
            }
        }
    }
    long long want = (long long)(fraction * total), acc = 0;
    for (int v = 0; v < 256; ++v) {
        acc += hist[v];
        if (acc > want)
            return v;
    }
    return 255;
}

/**
 * 1-bit output like a G4 fax: at 300 dpi thresholded at full size; at 200 dpi thresholded at 2/3
 * size and blown back up (blocky). The threshold sits above 90% of the curve ink, so labelled
 * strokes stay black; light grids and tint drop out as they do on real faxes.
 */
void binarise(cv::Mat &sheet, const cv::Mat &labels, bool fax200, SynthRandom &rng, QJsonObject &facts)
{
    cv::Mat gray;
    cv::cvtColor(sheet, gray, cv::COLOR_BGR2GRAY);
    cv::Mat work = gray, workLabels = labels;
    if (fax200) {
        cv::resize(gray, work, cv::Size(), 2.0 / 3.0, 2.0 / 3.0, cv::INTER_AREA);
        cv::resize(labels, workLabels, work.size(), 0, 0, cv::INTER_NEAREST);
    }
    const double ink = percentile(work, workLabels, true, 0.9);
    const double paper = percentile(work, workLabels, false, 0.5);
    const double threshold = std::clamp(std::max(ink + rng.uniform(6, 20), ink + 0.3 * (paper - ink)), 90.0,
                                        std::max(90.0, paper - 12.0));
    cv::Mat out;
    cv::threshold(work, out, threshold, 255, cv::THRESH_BINARY);
    if (fax200)
        cv::resize(out, out, gray.size(), 0, 0, cv::INTER_NEAREST);
    sheet = out;
    facts.insert(QStringLiteral("binarised"), QJsonObject{{QStringLiteral("dpi"), fax200 ? 200 : 300},
                                                          {QStringLiteral("threshold"), threshold}});
}

} // namespace

void applyScanDamage(const SheetPlan &plan, const SynthOptions &options, cv::Mat &sheet, cv::Mat &labels,
                     SynthRandom &rng, GeometryWarp &warp, QJsonObject &facts)
{
    const DamageOptions &d = options.damage;
    const bool on = !options.noDamage;
    // Decide everything first so one knob never shifts the random numbers of another.
    const bool bleed = on && rng.chance(d.bleed), fade = on && rng.chance(d.fade), tint = on && rng.chance(d.tint);
    const bool stain = on && rng.chance(d.stain), fold = on && rng.chance(d.fold), band = on && rng.chance(d.banding);
    const bool specks = on && rng.chance(d.specks), geometry = on && rng.chance(d.geometry);
    const bool blur = on && rng.chance(d.blur), noise = on && rng.chance(d.noise), jpeg = on && rng.chance(d.jpeg);
    SynthRandom r = rng.fork(77);

    if (bleed)
        applyBleed(sheet, r, facts);
    if (fade)
        applyFade(sheet, r, facts);
    if (tint)
        applyTint(sheet, r, facts);
    if (stain)
        applyStains(sheet, r, facts);
    if (fold)
        applyFold(sheet, r, facts);
    if (band)
        applyBanding(sheet, r, facts);
    if (specks)
        applySpecks(sheet, r, facts);
    if (geometry)
        applyGeometry(sheet, labels, plan.paper, r, warp, facts);
    const bool binary = plan.render == RenderStyle::Binary200 || plan.render == RenderStyle::Binary300;
    if (blur) {
        const double sigma = binary ? r.uniform(0.4, 0.8) : r.uniform(0.5, 1.4);
        cv::GaussianBlur(sheet, sheet, cv::Size(0, 0), sigma);
        facts.insert(QStringLiteral("blur"), sigma);
    }
    if (noise) {
        const double sigma = r.uniform(2.0, 12.0);
        addPixelNoise(sheet, sigma, r.next());
        facts.insert(QStringLiteral("noise"), sigma);
    }
    if (plan.render == RenderStyle::Gray || plan.render == RenderStyle::Negative) {
        cv::Mat gray;
        cv::cvtColor(sheet, gray, cv::COLOR_BGR2GRAY);
        if (plan.render == RenderStyle::Negative)
            gray = cv::Scalar(255) - gray;
        cv::cvtColor(gray, sheet, cv::COLOR_GRAY2BGR);
    }
    if (binary) {
        binarise(sheet, labels, plan.render == RenderStyle::Binary200, r, facts);
    } else if (jpeg) {
        const int quality = r.uniformInt(20, 75);
        std::vector<uchar> bytes;
        cv::imencode(".jpg", sheet, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
        sheet = cv::imdecode(bytes, cv::IMREAD_COLOR);
        facts.insert(QStringLiteral("jpegQuality"), quality);
    }
}

} // namespace veer
