#include "layoutfinder.h"
#include "gridprofile_p.h"

#include "base/feedback.h"
#include "raster/rastersource.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <map>
#include <numeric>

namespace veer {

using namespace gridprofile;

namespace {

constexpr int kBandRows = 2048;

/** One long horizontal run of ink on one row: a grid line, a header rule, a box edge. */
struct Run
{
    int row = 0;
    int x0 = 0;
    int x1 = 0;          ///< inclusive
    float darkness = 0;  ///< mean 255 - grey along the run
};

} // namespace

void lineMasks(const cv::Mat &grey, cv::Mat &horizontal, cv::Mat &vertical)
{
    // Dark and thin across the line: a black top-hat, which shading, stains and tint leave alone.
    cv::Mat hat;
    cv::morphologyEx(grey, hat, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 9)));
    thresholdHat(hat, horizontal);
    cv::morphologyEx(grey, hat, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 1)));
    thresholdHat(hat, vertical);
}

cv::Mat inkMask(const cv::Mat &grey)
{
    cv::Mat ink;
    double t = cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    if (t > 200.0)
        cv::threshold(grey, ink, 200, 255, cv::THRESH_BINARY_INV);
    return ink;
}

Result<SheetLayout> findLayout(int width, int height, const BandReader &read, Feedback *feedback)
{
    using R = Result<SheetLayout>;
    SheetLayout layout;
    layout.width = width;
    layout.height = height;
    const int minRun = std::max(40, width / 30);
    const int minVertical = 60;
    const int bridge = 3;
    const int bands = (height + kBandRows - 1) / kBandRows;

    std::vector<Run> runs;
    // Pixels on vertical runs of at least minVertical rows, per band and column.
    std::vector<std::vector<float>> vertical(size_t(bands), std::vector<float>(size_t(width), 0.f));
    // Mean grey per band and column: where exactly a border line is darkest.
    std::vector<std::vector<float>> columnGrey(static_cast<size_t>(bands));
    std::vector<int> vlen(size_t(width), 0), vgap(size_t(width), 0), vstartBand(size_t(width), 0);
    auto closeVertical = [&](int x, int band) {
        if (vlen[size_t(x)] >= minVertical)
            vertical[size_t(std::min(band, bands - 1))][size_t(x)] += float(vlen[size_t(x)]);
        vlen[size_t(x)] = 0;
        vgap[size_t(x)] = 0;
    };

    for (int b = 0; b < bands; ++b) {
        if (feedback) {
            if (feedback->isCanceled())
                return R::failure(QStringLiteral("canceled"));
            feedback->setProgress(100.0 * b / bands, QStringLiteral("Finding tracks and grid"));
        }
        const int top = b * kBandRows;
        const int rows = std::min(kBandRows, height - top);
        Result<cv::Mat> band = read(top, rows);
        if (!band)
            return R::failure(band.error());
        const cv::Mat &grey = band.value();
        cv::Mat horizontalInk, verticalInk;
        lineMasks(grey, horizontalInk, verticalInk);
        {
            cv::Mat mean;
            cv::reduce(grey, mean, 0, cv::REDUCE_AVG, CV_32F);
            columnGrey[size_t(b)].assign(mean.ptr<float>(), mean.ptr<float>() + width);
        }
        // A line runs on through the ink that crosses it (a thick curve is no thin stroke there).
        const cv::Mat ink = inkMask(grey);
        for (int y = 0; y < rows; ++y) {
            const uchar *m = horizontalInk.ptr<uchar>(y);
            const uchar *k = ink.ptr<uchar>(y);
            const uchar *v = verticalInk.ptr<uchar>(y);
            const uchar *g = grey.ptr<uchar>(y);
            int x = 0;
            while (x < width) {
                if (!m[x]) {
                    ++x;
                    continue;
                }
                const int x0 = x;
                int last = x, lastLine = x, dark = 0, count = 0;
                while (x < width && x - last <= bridge + 1) {
                    if (m[x] || k[x]) {
                        last = x;
                        ++count;
                        if (m[x]) {
                            lastLine = x;
                            dark += 255 - g[x];
                        }
                    }
                    ++x;
                }
                // Mostly ink along its length: not a chain of speckle.
                if (lastLine - x0 + 1 >= minRun && count >= 0.7 * (last - x0 + 1))
                    runs.push_back({top + y, x0, lastLine, float(dark) / float(std::max(1, count))});
                x = last + 1;
            }
            for (int c = 0; c < width; ++c) {
                if (v[c]) {
                    if (vlen[size_t(c)] == 0)
                        vstartBand[size_t(c)] = b;
                    vlen[size_t(c)] += 1 + vgap[size_t(c)];
                    vgap[size_t(c)] = 0;
                } else if (vlen[size_t(c)] > 0 && ++vgap[size_t(c)] > 4) {  // across a heavy grid line
                    closeVertical(c, vstartBand[size_t(c)]);
                }
            }
        }
    }
    for (int c = 0; c < width; ++c)
        closeVertical(c, vstartBand[size_t(c)]);

    if (runs.empty()) {
        layout.reason = QStringLiteral("no ruled grid lines found (no horizontal line of %1 px or more)").arg(minRun);
        return layout;
    }

    // Tracks: the (start, end) column pairs shared by many runs.
    std::vector<double> startHist(size_t(width), 0.0), endHist(size_t(width), 0.0);
    for (const Run &r : runs) {
        startHist[size_t(r.x0)] += 1.0;
        endHist[size_t(r.x1)] += 1.0;
    }
    const double minPeak = std::max(8.0, 0.02 * double(runs.size()));
    const std::vector<int> starts = peaks(startHist, minPeak, 6);
    const std::vector<int> ends = peaks(endHist, minPeak, 6);
    // Old and faint rulings break: a row's runs make one line from a start to an end when
    // together they cover most of the way.
    std::vector<std::pair<size_t, size_t>> rowSpans;  // [first, last) runs of one row
    for (size_t k = 0; k < runs.size();) {
        size_t j = k;
        while (j < runs.size() && runs[j].row == runs[k].row)
            ++j;
        rowSpans.push_back({k, j});
        k = j;
    }
    // Px of [x0, x1] the runs a..z cover; 0 when they leave a gap of more than 24 px (a depth
    // column between two tracks is no break in one line).
    auto covered = [&](size_t a, size_t z, int x0, int x1) {
        int n = 0, reached = x0;
        for (size_t k = a; k < z; ++k) {
            if (runs[k].x1 < x0 || runs[k].x0 > x1)
                continue;
            if (runs[k].x0 - reached > 24)
                return 0;
            n += std::max(0, std::min(runs[k].x1, x1) - std::max(runs[k].x0, x0) + 1);
            reached = std::max(reached, runs[k].x1);
        }
        return x1 - reached > 24 ? 0 : n;
    };
    std::map<std::pair<int, int>, int> pairs;
    for (const auto &[a, z] : rowSpans) {
        for (size_t i = a; i < z; ++i) {
            const int s = nearest(starts, runs[i].x0, 4);
            if (s < 0)
                continue;
            for (size_t j = i; j < z; ++j) {
                const int e = nearest(ends, runs[j].x1, 4);
                if (e < 0 || ends[size_t(e)] - starts[size_t(s)] < 40)
                    continue;
                if (covered(i, j + 1, starts[size_t(s)], ends[size_t(e)]) >= 0.6 * (ends[size_t(e)] - starts[size_t(s)]))
                    ++pairs[{s, e}];
            }
        }
    }
    std::vector<std::pair<int, std::pair<int, int>>> ranked;
    for (const auto &[key, count] : pairs)
        ranked.push_back({count, key});
    std::sort(ranked.begin(), ranked.end(), std::greater<>());
    struct Candidate { int s, e, count; };
    std::vector<Candidate> chosen;
    const int bestCount = ranked.empty() ? 0 : ranked.front().first;
    for (const auto &[count, key] : ranked) {
        if (count < std::max(10, bestCount / 6))
            break;
        const int s = starts[size_t(key.first)], e = ends[size_t(key.second)];
        bool overlaps = false;
        for (const Candidate &c : chosen)
            overlaps = overlaps || (s < c.e - 6 && e > c.s + 6);
        if (!overlaps)
            chosen.push_back({s, e, count});
    }
    std::sort(chosen.begin(), chosen.end(), [](const Candidate &a, const Candidate &b) { return a.s < b.s; });
    if (chosen.empty()) {
        layout.reason = QStringLiteral("no track found: the horizontal lines do not share their ends");
        return layout;
    }

    // Grid lines: rows whose run spans a chosen track edge to edge.
    if (chosen.size() > 32)
        chosen.resize(32);
    std::vector<uint32_t> rowMatch(size_t(height), 0), rowLoose(size_t(height), 0);
    std::vector<float> rowDark(size_t(height), 0.f);
    for (const auto &[a, z] : rowSpans) {
        const int row = runs[a].row;
        for (size_t t = 0; t < chosen.size(); ++t) {
            const Candidate &c = chosen[t];
            bool starts = false, ends = false, startsLoose = false, endsLoose = false;
            float dark = 0.f;
            // A labelled line may run on past the border into its depth tick: such a line is
            // grid inside a body (loose), though it does not say where a track ends.
            const int tick = 16;
            for (size_t k = a; k < z; ++k) {
                starts = starts || std::abs(runs[k].x0 - c.s) <= 4;
                ends = ends || std::abs(runs[k].x1 - c.e) <= 4;
                startsLoose = startsLoose
                    || (runs[k].x0 >= c.s - tick && runs[k].x0 <= c.s + 4 && runs[k].x1 > c.s + 4);
                endsLoose = endsLoose
                    || (runs[k].x1 <= c.e + tick && runs[k].x1 >= c.e - 4 && runs[k].x0 < c.e - 4);
                if (runs[k].x0 >= c.s - tick && runs[k].x1 <= c.e + tick)
                    dark = std::max(dark, runs[k].darkness);
            }
            if (startsLoose && endsLoose && covered(a, z, c.s, c.e) >= 0.6 * (c.e - c.s)) {
                (starts && ends ? rowMatch : rowLoose)[size_t(row)] |= 1u << t;
                rowDark[size_t(row)] = std::max(rowDark[size_t(row)], dark);
            }
        }
    }
    struct Line { double centre; int thickness; double darkness; uint32_t tracks; };
    auto collectLines = [&](const std::vector<uint32_t> &match) {
        std::vector<Line> out;
        for (int y = 0; y < height;) {
            if (!match[size_t(y)]) {
                ++y;
                continue;
            }
            int y1 = y;
            double dark = 0.0;
            uint32_t mask = 0;
            while (y1 < height && match[size_t(y1)]) {
                dark = std::max(dark, double(rowDark[size_t(y1)]));
                mask |= match[size_t(y1)];
                ++y1;
            }
            if (y1 - y <= 12) // thicker than a rule: a solid block, not a grid line
                out.push_back({(y + y1 - 1) / 2.0, y1 - y, dark, mask});
            y = y1;
        }
        return out;
    };
    std::vector<Line> lines = collectLines(rowMatch);
    for (size_t y = 0; y < rowLoose.size(); ++y)
        rowLoose[y] |= rowMatch[y];
    const std::vector<Line> looseLines = collectLines(rowLoose); // every line, ticks or not, whole
    if (lines.size() < 5) {
        layout.reason = QStringLiteral("found %1 grid line(s) across the tracks; a log section needs 5 or more").arg(lines.size());
        return layout;
    }

    // Sections: runs of lines without a long break.
    std::vector<double> gaps;
    for (size_t k = 1; k < lines.size(); ++k)
        gaps.push_back(lines[k].centre - lines[k - 1].centre);
    const double spacing = median(gaps);
    const double breakGap = std::max(2.5 * spacing, 60.0);
    // A long break splits the log only where the track borders stop too (a repeat section's
    // header); a stain or a blank stretch inside one body leaves the borders running.
    auto bordersRun = [&](int y0, int y1) {
        if (y1 - y0 < 2)
            return true;
        Result<cv::Mat> band = read(y0, y1 - y0);
        if (!band)
            return false;
        cv::Mat horizontalInk, ink;
        lineMasks(band.value(), horizontalInk, ink);
        int dark = 0, blank = 0, longestBlank = 0;
        for (int y = 0; y < ink.rows; ++y) {
            bool any = false;
            for (int x : {chosen.front().s, chosen.front().e}) {
                for (int dx = -2; dx <= 2 && !any; ++dx)
                    any = x + dx >= 0 && x + dx < width && ink.at<uchar>(y, x + dx);
            }
            dark += any ? 1 : 0;
            blank = any ? 0 : blank + 1;
            longestBlank = std::max(longestBlank, blank);
        }
        // Broken here and there on an old print, but never for long.
        return dark >= 0.8 * ink.rows && longestBlank <= std::max(8, ink.rows / 20);
    };
    std::vector<std::pair<size_t, size_t>> groups;
    size_t first = 0;
    for (size_t k = 1; k <= lines.size(); ++k) {
        if (k == lines.size()
            || (lines[k].centre - lines[k - 1].centre > breakGap
                && !bordersRun(int(lines[k - 1].centre) + 3, int(lines[k].centre) - 2))) {
            // A lone rule above or below the body (a header's box, a legend stroke) is not grid:
            // the track borders do not run on from it to the next line.
            size_t a = first, z = k - 1;
            while (z >= a + 5 && (lines[a + 1].centre - lines[a].centre > std::max(4.0 * spacing, 40.0)
                                  || !bordersRun(int(lines[a].centre) + 3, int(lines[a + 1].centre) - 2)))
                ++a;
            while (z >= a + 5 && (lines[z].centre - lines[z - 1].centre > std::max(4.0 * spacing, 40.0)
                                  || !bordersRun(int(lines[z - 1].centre) + 3, int(lines[z].centre) - 2)))
                --z;
            if (z - a + 1 >= 5)
                groups.push_back({a, z});
            first = k;
        }
    }
    if (groups.empty()) {
        layout.reason = QStringLiteral("the grid lines across the tracks are too scattered to make a log section");
        return layout;
    }

    // Vertical evidence summed over the bands of all sections.
    std::vector<double> vsum(size_t(width), 0.0);
    for (const auto &[a, z] : groups) {
        const int b0 = int(lines[a].centre) / kBandRows, b1 = int(lines[z].centre) / kBandRows;
        for (int b = b0; b <= b1 && b < bands; ++b) {
            for (int x = 0; x < width; ++x)
                vsum[size_t(x)] += vertical[size_t(b)][size_t(x)];
        }
    }

    // The body's grey across the sheet: per column, the median over the sections' bands (a curve
    // pegged along a border for a while darkens only a few).
    std::vector<double> bodyGrey(size_t(width), 255.0);
    {
        std::vector<int> bodyBands;
        for (const auto &[a, z] : groups) {
            for (int b = int(lines[a].centre) / kBandRows; b <= int(lines[z].centre) / kBandRows && b < bands;
                 ++b) {
                if (bodyBands.empty() || bodyBands.back() != b)
                    bodyBands.push_back(b);
            }
        }
        std::vector<double> values(bodyBands.size());
        for (int x = 0; x < width && !bodyBands.empty(); ++x) {
            for (size_t k = 0; k < bodyBands.size(); ++k)
                values[k] = columnGrey[size_t(bodyBands[k])][size_t(x)];
            bodyGrey[size_t(x)] = median(values);
        }
    }
    // A border whose vertical runs put it more than a pixel off its darkest column (a soft coloured
    // line, or faint print beside it, widens its runs to one side) is put on the middle of the
    // columns at least half as dark as that column, within 3 px of it.
    auto refineBorder = [&](double x) {
        const int c = int(std::lround(x));
        if (c < 12 || c >= width - 12)
            return x;
        int darkest = c;
        for (int k = c - 2; k <= c + 2; ++k) {
            if (bodyGrey[size_t(k)] < bodyGrey[size_t(darkest)])
                darkest = k;
        }
        double paper = 0.0;
        for (int k = darkest - 8; k <= darkest + 8; ++k)
            paper = std::max(paper, bodyGrey[size_t(k)]);
        const double half = 0.5 * (paper - bodyGrey[size_t(darkest)]);
        if (std::abs(darkest - x) <= 1.0 || half < 4.0)
            return x;
        int a = darkest, z = darkest;
        while (a > darkest - 3 && paper - bodyGrey[size_t(a - 1)] >= half)
            --a;
        while (z < darkest + 3 && paper - bodyGrey[size_t(z + 1)] >= half)
            ++z;
        return 0.5 * (a + z);
    };

    // Runs that share their ends between unruled columns: where they stand, a column of print.
    std::vector<std::pair<int, int>> unruled;
    double bodyRows = 0.0;
    for (const auto &[a, z] : groups)
        bodyRows += lines[z].centre - lines[a].centre;
    size_t sectionLines = 0;
    for (const auto &[a, z] : groups)
        sectionLines += z - a + 1;
    // Vertical rulings in the header band above the first section: the boxes of the track captions.
    // The band ends where the first track's border stops, above the first grid line found.
    int bodyTop = int(lines[groups.front().first].centre);
    {
        const int y0 = std::max(0, bodyTop - 200);
        Result<cv::Mat> band = read(y0, bodyTop - y0);
        if (band && bodyTop > y0) {
            cv::Mat h, v;
            lineMasks(band.value(), h, v);
            int y = v.rows - 1;
            const int border = int(std::lround(borderNear(vsum, chosen.front().s, +1)));
            auto dark = [&](int row) {
                for (int dx = -2; dx <= 2; ++dx) {
                    const int x = border + dx;
                    if (x >= 0 && x < width && v.at<uchar>(row, x))
                        return true;
                }
                return false;
            };
            while (y >= 0 && dark(y))
                --y;
            bodyTop = y0 + y + 1;
        }
    }
    const int firstTop = bodyTop - 4;
    const int headerTop = std::max(0, firstTop - 400);
    std::vector<int> headerRun(size_t(width), 0);
    if (firstTop - 3 - headerTop >= 30) {
        Result<cv::Mat> band = read(headerTop, firstTop - 3 - headerTop);
        if (band) {
            cv::Mat h, v;
            lineMasks(band.value(), h, v);
            for (int x = 0; x < width; ++x) {
                int run = 0;
                for (int y = 0; y < v.rows; ++y) {
                    run = v.at<uchar>(y, x) ? run + 1 : 0;
                    headerRun[size_t(x)] = std::max(headerRun[size_t(x)], run);
                }
            }
        }
    }
    // The column of the caption box's ruling within 3 px of `column`; -1 when there is none.
    auto headerRuling = [&](double column) {
        int best = -1;
        for (int x = std::max(0, int(std::lround(column)) - 3); x <= std::min(width - 1, int(std::lround(column)) + 3); ++x) {
            if (headerRun[size_t(x)] >= 30 && (best < 0 || headerRun[size_t(x)] > headerRun[size_t(best)]))
                best = x;
        }
        return best;
    };

    for (size_t t = 0; t < chosen.size(); ++t) {
        const Candidate &c = chosen[t];
        size_t matched = 0;
        for (const auto &[a, z] : groups) {
            for (size_t k = a; k <= z; ++k)
                matched += (lines[k].tracks >> t) & 1u;
        }
        const double confidence = double(matched) / double(std::max<size_t>(1, sectionLines));
        const double left = borderNear(vsum, c.s, +1);
        const double right = borderNear(vsum, c.e, -1);
        // Vertical grid lines inside: columns much stronger than their neighbourhood.
        const double edgeStrength = std::min(vsum[size_t(std::lround(left))], vsum[size_t(std::lround(right))]);
        // A track is ruled down its sides: runs that share their ends between two unruled columns
        // are a column of printed numbers, not a track.
        if (edgeStrength < 0.1 * bodyRows) {
            unruled.push_back({c.s, c.e});
            continue;
        }
        std::vector<double> inside(size_t(width), 0.0);
        for (int x = int(left) + 4; x <= int(right) - 4; ++x)
            inside[size_t(x)] = vsum[size_t(x)];
        std::vector<double> columns;
        for (int x : peaks(inside, 0.3 * edgeStrength, 3)) {
            const double centre = lineCentre(vsum, x, 2, x);
            if (columns.empty() || centre - columns.back() > 1.5)
                columns.push_back(centre);
            else if (vsum[size_t(std::lround(centre))] > vsum[size_t(std::lround(columns.back()))])
                columns.back() = centre;  // one line found twice: the stronger centre
        }
        // Tracks side by side share a border, and their grid lines run on through it: split where
        // the header's caption boxes have a ruling.
        std::vector<double> cuts{left};
        // Where most of the body's lines go on up, the band above is more grid, not a header.
        int ruled = 0;
        for (double x : columns)
            ruled += headerRuling(x) >= 0 ? 1 : 0;
        const bool headerBand = ruled * 3 <= int(columns.size()) + 1 || columns.size() <= 2;
        const GridFit whole = fitGrid(columns, left, right);
        for (double x : columns) {
            const double lastCut = cuts.back();
            // Where the header has caption boxes, their rulings alone say where tracks meet. A
            // ruling as tall as the boxes' sides is a box's own side: the border below it may be
            // drawn no heavier than the grid, or be broken by noise.
            const bool boxed = headerBand && headerRuling(left) >= 0 && headerRuling(right) >= 0;
            const int ruling = boxed ? headerRuling(x) : -1;
            const bool boxSide = ruling >= 0
                && headerRun[size_t(ruling)] >= 0.7
                        * std::min(headerRun[size_t(headerRuling(left))],
                                   headerRun[size_t(headerRuling(right))]);
            const double needed = boxSide ? 0.25 : 0.6;
            if (vsum[size_t(std::lround(x))] < needed * edgeStrength || x - lastCut < 0.2 * (right - left)
                || right - x < 0.2 * (right - left))
                continue;
            double border = x;
            if (boxed && ruling < 0)
                continue;
            if (ruling >= 0) {
                // The border is the body's vertical line nearest the ruling.
                for (double v : columns) {
                    if (std::abs(v - ruling) < std::abs(border - ruling))
                        border = v;
                }
            } else {
                // No header to say: split only where each side is a whole grid of its own (at
                // least four lines) and the whole is not, at one of the strongest lines.
                if (vsum[size_t(std::lround(x))] < 0.7 * edgeStrength || whole.all() || whole.lines == 0
                    || std::max(whole.linearRaw, whole.log) >= 0.8 * whole.lines)
                    continue;
                std::vector<double> l, r;
                for (double v : columns) {
                    if (v > cuts.back() + 2 && v < x - 2)
                        l.push_back(v);
                    else if (v > x + 2 && v < right - 2)
                        r.push_back(v);
                }
                if (l.size() < 4 || r.size() < 4 || !fitGrid(l, cuts.back(), x).all() || !fitGrid(r, x, right).all())
                    continue;
            }
            if (border > cuts.back() + 0.2 * (right - left) && right - border > 0.2 * (right - left))
                cuts.push_back(border);
        }
        cuts.push_back(right);
        for (double &x : cuts)
            x = refineBorder(x);
        for (size_t k = 1; k < cuts.size(); ++k) {
            TrackLayout track;
            track.confidence = confidence;
            track.left = cuts[k - 1];
            track.right = cuts[k];
            for (double v : columns) {
                if (v > track.left + 2 && v < track.right - 2)
                    track.verticalLines.push_back(v);
            }
            const GridFit fit = fitGrid(track.verticalLines, track.left, track.right);
            // A border-strength line inside, where the lines do not make one grid or are too few
            // to say: two tracks side by side look just like this. A log grid of many decades
            // explains almost any few lines: its marks (each +-1.2 % of the width) cover so much
            // of the track that the lines found would fall on them by chance one time in ten.
            const double marksCover = std::min(1.0, 0.024 * (9.0 * fit.decades - 1.0));
            const bool fewForLog = fit.linear < fit.lines && std::pow(marksCover, double(fit.lines)) > 0.1;
            if (!fit.all() || track.verticalLines.size() <= 2 || fewForLog) {
                // The strongest such line, the nearer the middle among equals. A border is drawn as
                // heavy as the track's outer borders: a line clearly thinner than both is grid.
                double best = 0.0;
                const double borderWidth = std::min(lineWidth(vsum, left), lineWidth(vsum, right));
                // Where the header boxes the track's captions, a border has its ruling there too.
                const bool trackBoxed
                    = headerBand && headerRuling(track.left) >= 0 && headerRuling(track.right) >= 0;
                for (double v : track.verticalLines) {
                    const double strength = vsum[size_t(std::lround(v))];
                    if (v > track.left + 0.2 * track.width() && v < track.right - 0.2 * track.width()
                        && strength >= 0.9 * edgeStrength && lineWidth(vsum, v) >= 0.7 * borderWidth
                        && (!trackBoxed || headerRuling(v) >= 0)
                        && (strength > best
                            || (strength == best
                                && std::abs(v - (track.left + track.right) / 2)
                                    < std::abs(track.innerBorder - (track.left + track.right) / 2)))) {
                        best = strength;
                        track.innerBorder = v;
                    }
                }
            }
            track.logGrid = track.verticalLines.size() >= 3 && fit.log > fit.linear;
            track.decades = track.logGrid ? fit.decades : 0;
            layout.tracks.push_back(track);
        }
    }

    if (layout.tracks.empty()) {
        layout.reason = QStringLiteral("no track found: the grid lines do not end at ruled borders");
        return layout;
    }

    // The share of the tracks' inner vertical lines that run down rows [y0, y1); -1 when there are
    // none to ask or the band is too short to say.
    std::vector<int> innerColumns;
    for (const TrackLayout &t : layout.tracks) {
        for (double v : t.verticalLines)
            innerColumns.push_back(int(std::lround(v)));
    }
    auto innerLinesRun = [&](int y0, int y1) -> double {
        if (innerColumns.empty() || y1 - y0 < 12)
            return -1.0;
        Result<cv::Mat> band = read(y0, y1 - y0);
        if (!band)
            return -1.0;
        cv::Mat horizontalInk, vertical;
        lineMasks(band.value(), horizontalInk, vertical);
        int running = 0;
        for (int x : innerColumns) {
            int inked = 0;
            for (int y = 0; y < vertical.rows; ++y) {
                bool any = false;
                for (int dx = -1; dx <= 1 && !any; ++dx)
                    any = x + dx >= 0 && x + dx < width && vertical.at<uchar>(y, x + dx);
                inked += any ? 1 : 0;
            }
            running += inked >= 0.7 * vertical.rows ? 1 : 0;
        }
        return double(running) / double(innerColumns.size());
    };
    for (auto [a, z] : groups) {
        // A header's box whose sides are the track borders, with legend strokes across it, looks
        // like grid from its lines and borders alone; the grid's inner vertical lines do not run
        // through it. Where they run through the body, a few such lines at either end are dropped.
        const size_t mid = (a + z) / 2;
        const double body
            = z > a + 8 ? innerLinesRun(int(lines[mid].centre) + 3, int(lines[mid + 1].centre) - 2) : -1.0;
        int droppedTop = 0, droppedBottom = 0;
        if (body >= 0.6) {
            for (; droppedTop < 4 && z >= a + 8; ++droppedTop) {
                const double share = innerLinesRun(int(lines[a].centre) + 3, int(lines[a + 1].centre) - 2);
                if (share < 0.0 || share >= 0.3)
                    break;
                ++a;
            }
            for (; droppedBottom < 4 && z >= a + 8; ++droppedBottom) {
                const double share = innerLinesRun(int(lines[z - 1].centre) + 3, int(lines[z].centre) - 2);
                if (share < 0.0 || share >= 0.3)
                    break;
                --z;
            }
        }
        LogSection section;
        // The body's lines, those that run on into their depth ticks too, each whole.
        std::vector<Line> ruled;
        for (const Line &l : looseLines) {
            if (l.centre >= lines[a].centre - 3.0 && l.centre <= lines[z].centre + 3.0)
                ruled.push_back(l);
        }
        std::vector<double> sg;
        std::vector<double> thick, dark;
        for (size_t k = 0; k < ruled.size(); ++k) {
            section.lineRows.push_back(ruled[k].centre);
            section.lineWeights.push_back(ruled[k].thickness * ruled[k].darkness);
            thick.push_back(ruled[k].thickness);
            dark.push_back(ruled[k].darkness);
            if (k > 0)
                sg.push_back(ruled[k].centre - ruled[k - 1].centre);
        }
        section.lineSpacing = median(sg);
        const double mt = median(thick), md = median(dark);
        for (const Line &l : ruled) {
            if (l.thickness > mt + 0.5 || l.darkness > md * 1.25 + 8.0)
                section.majorRows.push_back(l.centre);
        }
        if (section.majorRows.size() >= 2 && section.majorRows.size() * 2 < section.lineRows.size()) {
            std::vector<double> mg;
            for (size_t k = 1; k < section.majorRows.size(); ++k)
                mg.push_back(section.majorRows[k] - section.majorRows[k - 1]);
            section.majorEvery = int(std::lround(median(mg) / std::max(1.0, section.lineSpacing)));
        } else {
            section.majorRows.clear();
        }
        // The body reaches past its first and last line as far as the track borders run, but not
        // into a header box found above (or below) it.
        section.top = int(std::floor(lines[a].centre));
        section.bottom = int(std::ceil(lines[z].centre));
        const int reach = int(std::ceil(1.5 * std::max(section.lineSpacing, 4.0)));
        const int edge = int(std::lround(layout.tracks.front().left));
        auto borderDark = [&](int y0, int rows) -> std::vector<char> {
            std::vector<char> dark(size_t(std::max(0, rows)), 0);
            if (rows <= 0)
                return dark;
            Result<cv::Mat> band = read(y0, rows);
            if (!band)
                return dark;
            const cv::Mat ink = inkMask(band.value());
            for (int y = 0; y < rows; ++y) {
                for (int x = std::max(0, edge - 2); x <= std::min(width - 1, edge + 2); ++x)
                    dark[size_t(y)] = dark[size_t(y)] || ink.at<uchar>(y, x);
            }
            return dark;
        };
        if (droppedTop == 0) {
            const int y0 = std::max(0, section.top - reach);
            const std::vector<char> dark = borderDark(y0, section.top - y0);
            int y = section.top - y0 - 1;
            while (y >= 0 && dark[size_t(y)])
                --y;
            section.top = y0 + y + 1;
        }
        if (droppedBottom == 0) {
            const int y1 = std::min(height - 1, section.bottom + reach);
            const std::vector<char> dark = borderDark(section.bottom + 1, y1 - section.bottom);
            int y = 0;
            while (y < int(dark.size()) && dark[size_t(y)])
                ++y;
            section.bottom += y;
        }
        layout.sections.push_back(section);
    }
    layout.mainSection = 0;
    for (size_t k = 1; k < layout.sections.size(); ++k) {
        if (layout.sections[k].height() > layout.sections[size_t(layout.mainSection)].height())
            layout.mainSection = int(k);
    }

    // Depth column candidates: between tracks, and beside the outer ones. A column of print whose
    // rows of strokes share their ends (found above as runs without ruled sides) is one too, a little
    // wider than its strokes, and it bounds the gaps beside it.
    std::vector<std::pair<int, int>> spans;
    for (const TrackLayout &t : layout.tracks)
        spans.push_back({int(t.left), int(std::ceil(t.right))});
    for (const auto &[s, e] : unruled) {
        bool inside = false;
        for (const TrackLayout &t : layout.tracks)
            inside = inside || (s < t.right && e > t.left);
        if (!inside)
            spans.push_back({s, e});
    }
    std::sort(spans.begin(), spans.end());
    auto addGap = [&](int x0, int x1) {
        if (x1 - x0 >= 24)
            layout.depthColumnCandidates.push_back({x0, x1});
    };
    addGap(std::max(0, spans.front().first - 300), spans.front().first - 2);
    for (size_t k = 1; k < spans.size(); ++k)
        addGap(spans[k - 1].second + 3, spans[k].first - 2);
    addGap(spans.back().second + 3, std::min(width, spans.back().second + 300));
    for (size_t k = 0; k < spans.size(); ++k) {
        bool track = false;
        for (const TrackLayout &t : layout.tracks)
            track = track || int(t.left) == spans[k].first;
        if (!track) {
            const int x0 = std::max(k > 0 ? spans[k - 1].second + 3 : 0, spans[k].first - 8);
            const int x1
                = std::min(k + 1 < spans.size() ? spans[k + 1].first - 2 : width, spans[k].second + 9);
            addGap(x0, x1);
        }
    }
    return layout;
}

Result<SheetLayout> findLayout(const RasterSource &source, Feedback *feedback)
{
    const int width = source.width();
    return findLayout(width, source.height(), [&](int top, int rows) {
        return source.readGrey(QRect(0, top, width, rows));
    }, feedback);
}

SheetLayout findLayout(const cv::Mat &grey)
{
    Result<SheetLayout> r = findLayout(grey.cols, grey.rows, [&](int top, int rows) {
        return Result<cv::Mat>(grey.rowRange(top, top + rows).clone());
    });
    return r ? r.value() : SheetLayout{};
}

} // namespace veer
