#include "autocalibrator.h"

#include "autocal/printreading.h"
#include "autocal/textreader.h"
#include "base/feedback.h"
#include "raster/rastersource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

constexpr int kChunkRows = 2000;
constexpr int kChunkOverlap = 100;
constexpr int kMaxLabelsPerColumn = 400;

/** A number read off the sheet: digits only, no more than six of them. */
bool parseDepthNumber(const QString &text, double &value)
{
    QString digits = text;
    digits.remove(QLatin1Char(' '));
    static const QRegularExpression re(QStringLiteral("^\\d{1,6}$"));
    if (!re.match(digits).hasMatch())
        return false;
    value = digits.toDouble();
    return true;
}

TextReader::Word readNumber(TextReader &ocr, const cv::Mat &crop, bool turned)
{
    if (!turned)
        return ocr.readLine(crop, TextReader::Charset::Digits);
    // Printed along the column: try both ways round, keep the more confident number.
    TextReader::Word best;
    for (int code : {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_90_COUNTERCLOCKWISE}) {
        cv::Mat r;
        cv::rotate(crop, r, code);
        TextReader::Word w = ocr.readLine(r, TextReader::Charset::Digits);
        double v = 0.0;
        if (parseDepthNumber(w.text, v) && w.confidence > best.confidence)
            best = w;
    }
    return best;
}

/**
 * A depth tick or the stub of a grid line joined to a number ("-2420-") is not part of it: columns
 * at either end of `box` with at most two ink pixels, three or more of them, are painted out of
 * `paper` and cut from `box`. A character set without the dash makes the reader give up on such a
 * number, though it reads the digits.
 */
void trimTicks(const cv::Mat &ink, cv::Mat &paper, cv::Rect &box)
{
    auto thin = [&](int x) { return cv::countNonZero(ink(cv::Rect(x, box.y, 1, box.height))) <= 2; };
    int left = box.x, right = box.x + box.width - 1;
    while (left < right && thin(left))
        ++left;
    while (right > left && thin(right))
        --right;
    const int newWidth = right - left + 1;
    if (newWidth < 4 || newWidth < box.width / 3)
        return; // mostly thin strokes: not a number with ticks, leave it whole
    const auto paint = [&](int x0, int x1) {
        if (x1 - x0 < 3)
            return false;
        const cv::Rect cut(x0, box.y, x1 - x0, box.height);
        paper(cut).setTo(255, ink(cut));
        return true;
    };
    const bool cutLeft = paint(box.x, left);
    const bool cutRight = paint(right + 1, box.x + box.width);
    const int x0 = cutLeft ? left : box.x;
    const int x1 = cutRight ? right + 1 : box.x + box.width;
    box = cv::Rect(x0, box.y, x1 - x0, box.height);
}

QString percent(double v) { return QString::number(100.0 * v, 'f', 0) + QLatin1Char('%'); }


} // namespace

std::vector<DepthLabel> readDepthNumbers(const WindowReader &read, int x0, int x1, int top, int bottom,
                                         TextReader &ocr, Feedback *feedback)
{
    std::vector<DepthLabel> labels;
    const int w = x1 - x0;
    if (w < 8 || bottom <= top)
        return labels;
    struct Blob { cv::Rect box; bool turned; };
    std::vector<std::pair<Blob, int>> blobs;  // with the chunk's top row
    std::vector<cv::Mat> chunks;
    std::vector<int> chunkTops;
    for (int y0 = top; y0 <= bottom; y0 += kChunkRows) {
        const int y1 = std::min(bottom, y0 + kChunkRows + kChunkOverlap);
        Result<cv::Mat> r = read(QRect(x0, y0, w, y1 - y0 + 1));
        if (!r)
            continue;
        const cv::Mat grey = r.value();
        // Print darker than the paper around it: a shaded depth column or a stain stays paper.
        cv::Mat ink = textMask(grey);
        // Rules and the column's own borders are not text.
        cv::Mat lines, vlines;
        cv::morphologyEx(ink, lines, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(std::max(12, w / 2), 1)));
        cv::morphologyEx(ink, vlines, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 60)));
        cv::Mat removed = lines | vlines;
        auto thickness = [&](int y, int x) {
            int t = 1;
            for (int k = y - 1; k >= 0 && ink.at<uchar>(k, x); --k)
                ++t;
            for (int k = y + 1; k < ink.rows && ink.at<uchar>(k, x); ++k)
                ++t;
            return t;
        };
        if (w >= 60) { // the depth ticks along both borders: thin across, where a number's last stroke is not
            for (int y = 0; y < ink.rows; ++y) {
                for (int k = 0; k < 9; ++k) {
                    for (const int x : {k, w - 1 - k}) {
                        if (ink.at<uchar>(y, x) && thickness(y, x) <= 3)
                            removed.at<uchar>(y, x) = 255;
                    }
                }
            }
        }
        // Ticks off the column's borders: thin runs from either edge, up to where a glyph begins.
        for (int y = 0; y < ink.rows; ++y) {
            const uchar *row = ink.ptr<uchar>(y);
            uchar *cut = removed.ptr<uchar>(y);
            for (int side = 0; side < 2; ++side) {
                const int step = side == 0 ? 1 : -1;
                int x = side == 0 ? 0 : w - 1;
                int skipped = 0;
                while (skipped < 4 && x >= 0 && x < w && !row[x]) {
                    x += step;
                    ++skipped;
                }
                for (int walked = 0; walked < 16 && x >= 0 && x < w && row[x] && thickness(y, x) <= 3; ++walked, x += step)
                    cut[x] = 255;
            }
        }
        ink.setTo(0, removed);
        // What is read is the grey with the rules painted out, so that no border reads as a "1".
        cv::Mat cleaned = grey.clone();
        cleaned.setTo(255, removed & textMask(grey));
        const int chunkIndex = int(chunks.size());
        for (cv::Rect box : textBoxes(ink)) {
            if (box.height < 6 || box.height > 120 || box.width < 4 || box.width > 0.95 * w)
                continue;
            trimTicks(ink, cleaned, box);
            const bool turned = box.height > 1.3 * box.width;
            if ((turned ? box.width : box.height) > 60)  // a glyph taller than any depth number
                continue;
            if (cv::countNonZero(ink(box)) < 12)
                continue;
            // Overlapping chunks: a blob belongs to the chunk it starts in.
            if (y0 > top && box.y < kChunkOverlap / 2)
                continue;
            if (y1 < bottom && box.y >= kChunkRows + kChunkOverlap / 2)
                continue;
            blobs.push_back({{box, turned}, chunkIndex});
        }
        chunks.push_back(cleaned);
        chunkTops.push_back(y0);
        if (feedback && feedback->isCanceled())
            return labels;
    }
    // Evenly spread when there are too many: a column of curve or caption pieces, not numbers.
    const size_t every = blobs.size() > size_t(kMaxLabelsPerColumn) ? blobs.size() / kMaxLabelsPerColumn + 1 : 1;
    for (size_t k = 0; k < blobs.size(); k += every) {
        const auto &[blob, chunk] = blobs[k];
        const cv::Mat &grey = chunks[size_t(chunk)];
        const cv::Rect padded = (blob.box + cv::Size(6, 6) - cv::Point(3, 3)) & cv::Rect(0, 0, grey.cols, grey.rows);
        const TextReader::Word word = readNumber(ocr, grey(padded), blob.turned);
        double value = 0.0;
        if (!parseDepthNumber(word.text, value) || word.confidence < 0.5)
            continue;
        DepthLabel label;
        label.box = QRect(x0 + blob.box.x, chunkTops[size_t(chunk)] + blob.box.y, blob.box.width, blob.box.height);
        label.text = word.text;
        label.row = label.box.y() + (label.box.height() - 1) / 2.0;
        labels.push_back(label);
        if (feedback && k % 20 == 0) {
            if (feedback->isCanceled())
                return labels;
        }
    }
    return labels;
}

std::optional<DepthLabel> readDepthNear(const WindowReader &read, int width, int height, double column, double row,
                                        TextReader &ocr)
{
    constexpr int kAcross = 160;  // columns either side: a depth column with its borders and ticks
    constexpr int kReach = 80;    // rows above and below: a number printed above its line included
    const int x0 = std::clamp(int(column) - kAcross, 0, width);
    const int x1 = std::clamp(int(column) + kAcross, 0, width);
    const int top = std::clamp(int(row) - kReach, 0, std::max(0, height - 1));
    const int bottom = std::clamp(int(row) + kReach, 0, std::max(0, height - 1));
    std::optional<DepthLabel> nearest;
    for (const DepthLabel &label : readDepthNumbers(read, x0, x1, top, bottom, ocr)) {
        const double off = std::abs(label.row - row);
        if (off <= kReach && (!nearest || off < std::abs(nearest->row - row)))
            nearest = label;
    }
    return nearest;
}

bool AutoCalibration::handsOff() const
{
    if (!ok)
        return false;
    for (const ProposalPart &p : parts) {
        // A section given ties of its own is depth too; one left out (no ties) is only reported.
        if (!p.sure
            && (p.name == QLatin1String("tracks") || p.name == QLatin1String("depth")
                || p.name == QLatin1String("interval") || p.name.startsWith(QLatin1String("section "))))
            return false;
    }
    return true;
}

std::vector<ProposalPart> AutoCalibration::unsureParts() const
{
    std::vector<ProposalPart> out;
    for (const ProposalPart &p : parts) {
        if (!p.sure)
            out.push_back(p);
    }
    return out;
}

QString AutoCalibration::report() const
{
    QStringList lines;
    const LogSection *main = layout.main();
    lines << QStringLiteral("tracks: %1").arg(layout.tracks.size());
    for (size_t t = 0; t < layout.tracks.size(); ++t) {
        const TrackLayout &tr = layout.tracks[t];
        lines << QStringLiteral("  track %1: columns %2-%3, %4 grid, %5 vertical lines, %6 of grid lines edge to edge")
                     .arg(t + 1).arg(tr.left, 0, 'f', 1).arg(tr.right, 0, 'f', 1)
                     .arg(tr.logGrid ? QStringLiteral("log (%1 decades)").arg(tr.decades) : QStringLiteral("linear"))
                     .arg(tr.verticalLines.size()).arg(percent(tr.confidence));
    }
    lines << QStringLiteral("log sections: %1").arg(layout.sections.size());
    for (size_t s = 0; s < layout.sections.size(); ++s) {
        const LogSection &sec = layout.sections[s];
        lines << QStringLiteral("  section %1%2: rows %3-%4, %5 grid lines every %6 px, heavy every %7")
                     .arg(s + 1).arg(int(s) == layout.mainSection ? QStringLiteral(" (main)") : QString())
                     .arg(sec.top).arg(sec.bottom).arg(sec.lineRows.size()).arg(sec.lineSpacing, 0, 'f', 1)
                     .arg(sec.majorEvery);
    }
    if (depthColumn.first >= 0)
        lines << QStringLiteral("depth column: columns %1-%2, %3 numbers read, %4 on one scale")
                     .arg(depthColumn.first).arg(depthColumn.second - 1).arg(labels.size()).arg(depth.inliers.size());
    if (depth.ok)
        lines << QStringLiteral("depth scale: %1 px per %2, residual %3 px, label step %4 (%5), ties %6")
                     .arg(depth.rowsPerUnit, 0, 'f', 3).arg(calibration.depthUnit.toLower()).arg(depth.rmsPx, 0, 'f', 2)
                     .arg(depth.labelStep).arg(depth.roundStep ? QStringLiteral("round") : QStringLiteral("not round"))
                     .arg(tiesOnGridLines ? QStringLiteral("on the grid lines") : QStringLiteral("at the numbers' centres"));
    if (main && ok)
        lines << QStringLiteral("interval: %1-%2 %3 (rows %4-%5)")
                     .arg(calibration.topDepth.value_or(0)).arg(calibration.bottomDepth.value_or(0))
                     .arg(calibration.depthUnit.toLower()).arg(main->top).arg(main->bottom);
    for (const ProposalPart &p : parts)
        lines << QStringLiteral("%1 %2 (%3): %4").arg(p.sure ? QStringLiteral("sure  ") : QStringLiteral("UNSURE"), p.name,
                                                  percent(p.confidence), p.note);
    if (!ok)
        lines << QStringLiteral("refused: %1").arg(refusal);
    else
        lines << (handsOff() && unsureParts().empty() ? QStringLiteral("result: proposed, every part sure")
                  : handsOff() ? QStringLiteral("result: proposed; tracks, depth and interval sure; confirm the parts marked UNSURE")
                               : QStringLiteral("result: proposed; check the parts marked UNSURE"));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QJsonObject AutoCalibration::proposalJson() const
{
    QJsonArray partArray;
    for (const ProposalPart &p : parts)
        partArray.append(QJsonObject{{QStringLiteral("part"), p.name}, {QStringLiteral("sure"), p.sure},
                                     {QStringLiteral("confidence"), std::round(p.confidence * 1000.0) / 1000.0},
                                     {QStringLiteral("note"), p.note}});
    QJsonObject o{{QStringLiteral("proposed"), ok}, {QStringLiteral("hands_off"), handsOff()},
                  {QStringLiteral("parts"), partArray}};
    if (!ok)
        o.insert(QStringLiteral("refused"), refusal);
    return o;
}

QByteArray AutoCalibration::toJson() const
{
    QJsonObject o = QJsonDocument::fromJson(calibration.toJson()).object();
    o.insert(QStringLiteral("proposal"), proposalJson());
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

namespace {

/**
 * Moves depth ties onto the grid lines of `section` that their numbers label, when the numbers sit
 * on them consistently; true when they were moved.
 */
bool snapTiesToLines(std::vector<DepthReading> &ties, const LogSection &section)
{
    // The numbers label grid lines, the heavy ones: centred on them, or printed just above or
    // below them. Try each offset within the text's height; the one that puts most numbers on
    // a line, and on the heaviest lines, is how this sheet prints them. Lines a number could
    // meet by chance (closer than 3 px to each other) make no tie.
    std::vector<double> sizes;
    for (const DepthReading &t : ties)
        sizes.push_back(t.size > 0 ? t.size : 12.0);
    std::sort(sizes.begin(), sizes.end());
    const double size = sizes.empty() ? 12.0 : sizes[sizes.size() / 2];
    const double reach = std::max(3.5, 1.2 * size);
    const std::vector<double> &rows = section.lineRows;
    const std::vector<double> &weights = section.lineWeights;
    std::vector<double> sortedWeights = weights;
    std::sort(sortedWeights.begin(), sortedWeights.end());
    const double medianWeight = sortedWeights.empty() ? 0.0 : sortedWeights[sortedWeights.size() / 2];
    // A heavy line is met a little further off: a scan's jitter moves a number by a few px, and
    // no other heavy line is near.
    const double heavyReach = std::clamp(0.35 * section.lineSpacing, 1.5, 4.0);
    auto lineAt = [&](double row) -> int { // index of the line met, -1 when none
        auto it = std::lower_bound(rows.begin(), rows.end(), row - heavyReach);
        int heavy = -1;
        for (; it != rows.end() && *it <= row + heavyReach; ++it) {
            const int k = int(it - rows.begin());
            if (std::abs(*it - row) <= 1.5)
                return k;
            if (weights[size_t(k)] >= 1.5 * medianWeight
                && (heavy < 0 || std::abs(*it - row) < std::abs(rows[size_t(heavy)] - row)))
                heavy = k;
        }
        return heavy;
    };
    double bestOffset = 0.0, bestScore = 0.0;
    int bestHits = 0;
    for (double offset = -reach; offset <= reach; offset += 0.5) {
        int hits = 0;
        double score = 0.0;
        for (const DepthReading &t : ties) {
            const int k = lineAt(t.row + offset);
            if (k >= 0) {
                ++hits;
                score += weights[size_t(k)];
            }
        }
        // Near the centre, a small nudge is preferred to a far line of the same weight.
        score *= 1.0 - 0.2 * std::abs(offset) / reach;
        if (score > bestScore) {
            bestScore = score;
            bestHits = hits;
            bestOffset = offset;
        }
    }
    const bool enough = bestHits >= std::max<int>(2, int(std::ceil(0.7 * double(ties.size()))));
    // Off-centre, the lines met must stand out from the grid as the heavy ones.
    const bool heavy = bestHits > 0
        && bestScore / bestHits / (1.0 - 0.2 * std::abs(bestOffset) / reach) >= 1.3 * medianWeight;
    if (enough && (std::abs(bestOffset) <= 3.5 || heavy)) {
        std::vector<DepthReading> onLines;
        for (const DepthReading &t : ties) {
            const int k = lineAt(t.row + bestOffset);
            if (k >= 0)
                onLines.push_back({rows[size_t(k)], t.value, t.confidence, t.size});
        }
        ties = onLines;
        return true;
    }
    return false;
}

/**
 * The other log sections of the sheet (a repeat section, a second log): each whose own depth numbers,
 * read in the main log's depth column, make a depth scale of their own gets its own ties. A section
 * whose numbers only go on with the main log's scale (its grid was broken off) gets none: the main
 * ties already serve it. Adds a part per section that holds numbers.
 */
void proposeSections(AutoCalibration &ac, int height, const WindowReader &read, TextReader &ocr)
{
    const SheetLayout &layout = ac.layout;
    Calibration &cal = ac.calibration;
    int named = 0;
    for (size_t s = 0; s < layout.sections.size(); ++s) {
        if (int(s) == layout.mainSection)
            continue;
        const LogSection &section = layout.sections[s];
        if (section.lineRows.size() < 10)
            continue; // a ruled box, not a log
        const std::vector<DepthLabel> labels
            = readDepthNumbers(read, ac.depthColumn.first, ac.depthColumn.second,
                               std::max(0, section.top - 20), std::min(height - 1, section.bottom + 20), ocr);
        std::vector<DepthReading> readings;
        for (const DepthLabel &l : labels) {
            double v = 0.0;
            if (parseDepthNumber(l.text, v))
                readings.push_back({l.row, v, 1.0, double(std::min(l.box.width(), l.box.height()))});
        }
        if (readings.empty())
            continue;
        const QString rows = QStringLiteral("rows %1-%2").arg(section.top).arg(section.bottom);
        DepthFitOptions fitOptions;
        fitOptions.tolerancePx = std::max(4.0, 0.25 * section.lineSpacing);
        const DepthFitResult fit = fitDepthReadings(readings, fitOptions);
        if (!fit.ok) {
            ac.parts.push_back(
                {QStringLiteral("other section, %1").arg(rows), false, 0.0,
                 QStringLiteral("a log section without depth ties of its own (%1): give it two ties, "
                                "or leave it out")
                     .arg(fit.reason)});
            continue;
        }
        // On the main log's scale, carried down: the same log, not a section of its own.
        const double tolerance = std::max(fitOptions.tolerancePx, 0.5 * fit.labelStep * ac.depth.rowsPerUnit);
        double worst = 0.0;
        for (const DepthReading &r : fit.inliers)
            worst = std::max(worst, std::abs(ac.depth.rowAtDepth(r.value) - r.row));
        if (worst <= tolerance)
            continue;
        std::vector<DepthReading> ties = fit.inliers;
        if (snapTiesToLines(ties, section)) {
            std::sort(ties.begin(), ties.end(),
                      [](const DepthReading &a, const DepthReading &b) { return a.row < b.row; });
            extendTiesAlongGrid(ties, section.lineRows, section.lineWeights, fit.labelStep, section.top,
                                section.bottom);
        }
        DepthSection proposed;
        proposed.name = named == 0 ? QStringLiteral("REPEAT") : QStringLiteral("REPEAT%1").arg(named + 1);
        proposed.firstRow = section.top;
        proposed.lastRow = section.bottom;
        for (const DepthReading &t : ties)
            proposed.ties.push_back({t.row, t.value});
        // The same print scale as the main log: a repeat section is logged at the main log's scale.
        const double scaleRatio = fit.rowsPerUnit / ac.depth.rowsPerUnit;
        const bool sameScale = std::abs(scaleRatio - 1.0) <= 0.02;
        cal.sections.push_back(proposed);
        ++named;
        ac.parts.push_back(
            {QStringLiteral("section %1").arg(proposed.name), fit.sure && sameScale,
             sameScale ? fit.confidence : std::min(fit.confidence, 0.4),
             QStringLiteral("%1: %2 of %3 numbers on a depth scale of its own, %4-%5, residual %6 px%7")
                 .arg(rows)
                 .arg(fit.inliers.size())
                 .arg(fit.readings)
                 .arg(fit.depthAtRow(section.top), 0, 'f', 1)
                 .arg(fit.depthAtRow(section.bottom), 0, 'f', 1)
                 .arg(fit.rmsPx, 0, 'f', 2)
                 .arg(sameScale ? QString()
                                : QStringLiteral("; printed at %1 times the main log's scale: check it")
                                      .arg(scaleRatio, 0, 'f', 3))});
    }
}

} // namespace

Result<AutoCalibration> autoCalibrate(int width, int height, const WindowReader &read,
                                      const AutoCalibrationOptions &options, Feedback *feedback)
{
    using R = Result<AutoCalibration>;
    AutoCalibration ac;
    FeedbackRange layoutProgress(feedback, 0, 40);
    Feedback layoutFeedback([&](double p, const QString &m) { layoutProgress.setProgress(p, m); }, 0);
    Result<SheetLayout> layout = findLayout(width, height, [&](int top, int rows) {
        if (feedback && feedback->isCanceled())
            layoutFeedback.cancel();
        return read(QRect(0, top, width, rows));
    }, &layoutFeedback);
    if (!layout)
        return R::failure(layout.error());
    ac.layout = layout.value();
    Calibration &cal = ac.calibration;
    cal.depthUnit = options.fallbackUnit;
    cal.step = Calibration::defaultStep(cal.depthUnit);
    if (!ac.layout.ok()) {
        ac.refusal = ac.layout.reason;
        return ac;
    }
    double trackConfidence = 1.0;
    for (const TrackLayout &t : ac.layout.tracks) {
        Track track;
        track.left = std::round(t.left * 10.0) / 10.0;
        track.right = std::round(t.right * 10.0) / 10.0;
        cal.tracks.push_back(track);
        trackConfidence = std::min(trackConfidence, t.confidence);
    }
    const LogSection &main = *ac.layout.main();
    QStringList trackDoubts;
    for (size_t t = 0; t < ac.layout.tracks.size(); ++t) {
        if (ac.layout.tracks[t].innerBorder >= 0.0)
            trackDoubts << QStringLiteral("track %1 may be two tracks side by side (a border-strength line at column %2)")
                               .arg(t + 1).arg(ac.layout.tracks[t].innerBorder, 0, 'f', 0);
    }

    TextReader ocr;
    if (!ocr.isReady()) {
        ac.refusal = ocr.error();
        return ac;
    }

    // Depth: the candidate column whose numbers make the best depth scale.
    const auto &candidates = ac.layout.depthColumnCandidates;
    DepthFitResult bestFit;
    std::vector<DepthLabel> bestLabels;
    for (size_t k = 0; k < candidates.size(); ++k) {
        if (feedback) {
            if (feedback->isCanceled())
                return R::failure(QStringLiteral("canceled"));
            feedback->setProgress(40.0 + 40.0 * double(k) / double(candidates.size()), QStringLiteral("Reading depth numbers"));
        }
        std::vector<DepthLabel> labels = readDepthNumbers(read, candidates[k].first, candidates[k].second,
                                                          std::max(0, main.top - 20), std::min(height - 1, main.bottom + 20), ocr, feedback);
        std::vector<DepthReading> readings;
        for (const DepthLabel &l : labels) {
            double v = 0.0;
            if (parseDepthNumber(l.text, v))
                readings.push_back({l.row, v, 1.0, double(std::min(l.box.width(), l.box.height()))});
        }
        DepthFitOptions fitOptions;
        fitOptions.tolerancePx = std::max(4.0, 0.25 * main.lineSpacing);
        DepthFitResult fit = fitDepthReadings(readings, fitOptions);
        if (!fit.sure) {
            // A box moves with specks and faded strokes; the grid lines the numbers sit on do not.
            std::vector<DepthReading> onLines = readings;
            if (snapTiesToLines(onLines, main)) {
                DepthFitResult again = fitDepthReadings(onLines, fitOptions);
                if (again.ok && (!fit.ok || again.inliers.size() > fit.inliers.size()))
                    fit = again;
            }
        }
        const bool better = (fit.ok && !bestFit.ok) || (fit.ok == bestFit.ok && fit.inliers.size() > bestFit.inliers.size());
        if (better || (k == 0 && bestLabels.empty())) {
            bestFit = fit;
            bestLabels = labels;
            ac.depthColumn = candidates[k];
        }
    }
    ac.depth = bestFit;
    ac.labels = bestLabels;
    // Ink down the log beside the tracks, where no grid was found: a track whose ruling is lost?
    for (const auto &[x0, x1] : candidates) {
        if (std::pair<int, int>(x0, x1) == ac.depthColumn || x1 - x0 < 100)
            continue;
        int inked = 0;
        const int windows = 20;
        for (int k = 0; k < windows; ++k) {
            const int y = main.top + int(double(k) / windows * (main.height() - 200));
            // Clear of the tracks' own borders.
            Result<cv::Mat> window = read(QRect(x0 + 8, y, x1 - x0 - 16, 200));
            if (!window)
                continue;
            // A trace: one stroke down most of the window; not specks, print or a border rule.
            cv::Mat ink = textMask(window.value()), rules, strokes, labels, stats, centroids;
            cv::morphologyEx(ink, rules, cv::MORPH_CLOSE,
                             cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 9)));
            cv::morphologyEx(rules, rules, cv::MORPH_OPEN,
                             cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 190)));
            cv::dilate(rules, rules, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 1)));
            ink.setTo(0, rules);
            cv::dilate(ink, strokes, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
            const int n = cv::connectedComponentsWithStats(strokes, labels, stats, centroids, 8);
            for (int c = 1; c < n; ++c) {
                if (stats.at<int>(c, cv::CC_STAT_HEIGHT) >= 120) {
                    ++inked;
                    break;
                }
            }
        }
        if (inked >= windows * 6 / 10)
            trackDoubts << QStringLiteral("ink runs down the log at columns %1-%2 where no grid was found: a track may be missing")
                               .arg(x0).arg(x1 - 1);
    }
    ac.parts.push_back({QStringLiteral("tracks"), trackConfidence >= 0.6 && trackDoubts.isEmpty(),
                        trackDoubts.isEmpty() ? trackConfidence : std::min(trackConfidence, 0.4),
                        QStringLiteral("%1 track(s) whose grid lines run edge to edge").arg(cal.tracks.size())
                            + (trackDoubts.isEmpty() ? QString() : QStringLiteral("; ") + trackDoubts.join(QStringLiteral("; ")))});
    if (!bestFit.ok) {
        ac.refusal = candidates.empty() ? QStringLiteral("no room for a depth column beside the tracks")
                                        : QStringLiteral("depth: %1").arg(bestFit.reason.isEmpty() ? QStringLiteral("no depth numbers read") : bestFit.reason);
        ac.parts.push_back({QStringLiteral("depth"), false, 0.0, ac.refusal});
        return ac;
    }

    // Ties on the grid lines the numbers label, when the numbers sit on them consistently.
    std::vector<DepthReading> ties = bestFit.inliers;
    ac.tiesOnGridLines = snapTiesToLines(ties, main);
    for (DepthLabel &l : ac.labels) {
        double v = 0.0;
        if (!parseDepthNumber(l.text, v))
            continue;
        for (const DepthReading &t : ties) {
            if (t.value == v && std::abs(t.row - l.row) <= 1.5 * std::min(l.box.width(), l.box.height()) + 4.0) {
                l.inlier = true;
                l.row = t.row;
            }
        }
    }
    std::sort(ties.begin(), ties.end(), [](const DepthReading &a, const DepthReading &b) { return a.row < b.row; });
    // Past the first and last number read, the labelled lines of the grid carry the scale on.
    const int carried = ac.tiesOnGridLines
        ? extendTiesAlongGrid(ties, main.lineRows, main.lineWeights, bestFit.labelStep, main.top, main.bottom)
        : 0;
    for (const DepthReading &t : ties)
        cal.ties.push_back({t.row, t.value});
    // Piecewise through the ties: a scan's stretch is followed, each stretch between two numbers.
    cal.fit = DepthFit::Piecewise;
    ac.parts.push_back(
        {QStringLiteral("depth"), bestFit.sure, bestFit.confidence,
         QStringLiteral("%1 of %2 numbers on one scale, residual %3 px, step %4%5")
                 .arg(bestFit.inliers.size())
                 .arg(bestFit.readings)
                 .arg(bestFit.rmsPx, 0, 'f', 2)
                 .arg(bestFit.labelStep)
                 .arg(bestFit.roundStep ? QString() : QStringLiteral(" (not a round step)"))
             + (bestFit.misreadByOneDigit > 0
                    ? QStringLiteral("; %1 more read with a digit wrong").arg(bestFit.misreadByOneDigit)
                    : QString())
             + (bestFit.rivalReadings > 0
                    ? QStringLiteral("; %1 other numbers make a parallel scale: check the depth numbers")
                          .arg(bestFit.rivalReadings)
                    : QString())
             + (carried > 0 ? QStringLiteral(
                                  "; %1 tie(s) carried along the labelled grid lines past the numbers read")
                                  .arg(carried)
                            : QString())});

    // Unit: printed in the header above the log, else the fallback (unsure).
    if (feedback)
        feedback->setProgress(85.0, QStringLiteral("Reading the header"));
    QString seen;
    QString unit;
    const int headerTop = std::max(0, main.top - 450);
    if (main.top - headerTop >= 20) {
        // The caption over the depth column first ("DEPTH FT"), word by word as printed there.
        int lx0 = ac.depthColumn.second, lx1 = ac.depthColumn.first;
        for (const DepthLabel &l : ac.labels) {
            if (l.inlier) {
                lx0 = std::min(lx0, l.box.left());
                lx1 = std::max(lx1, l.box.right());
            }
        }
        if (lx1 > lx0) {
            const int cx0 = std::max(0, lx0 - 40), cx1 = std::min(width, lx1 + 41);
            Result<cv::Mat> caption = read(QRect(cx0, std::max(0, main.top - 300), cx1 - cx0, main.top - std::max(0, main.top - 300)));
            if (caption) {
                // Print only: the header's box rulings painted out.
                cv::Mat ink = textMask(caption.value()), rules, vrules;
                cv::morphologyEx(ink, rules, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(30, 1)));
                cv::morphologyEx(ink, vrules, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 30)));
                ink.setTo(0, rules | vrules);
                cv::Mat paper = caption.value().clone();
                paper.setTo(255, rules | vrules);
                std::vector<TextReader::Word> words;
                for (const cv::Rect &box : textBoxes(ink)) {
                    if (box.height < 5 || box.height > 60 || box.width < 3)
                        continue;
                    const cv::Rect padded = (box + cv::Size(6, 6) - cv::Point(3, 3)) & cv::Rect(0, 0, ink.cols, ink.rows);
                    TextReader::Word w = ocr.readLine(paper(padded), TextReader::Charset::Any);
                    w.box = box;
                    for (const QString &part : w.text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                        TextReader::Word one = w;
                        one.text = part;
                        words.push_back(one);
                    }
                }
                unit = unitFromWords(words, seen);
            }
        }
        // Then the whole header band.
        Result<cv::Mat> header = unit.isEmpty() ? read(QRect(0, headerTop, width, main.top - headerTop)) : Result<cv::Mat>(cv::Mat());
        if (unit.isEmpty() && header) {
            const std::vector<TextReader::Word> words = ocr.readBlock(header.value(), TextReader::Charset::Any);
            unit = unitFromWords(words, seen);
        }
    }
    if (!unit.isEmpty()) {
        cal.depthUnit = unit;
        ac.parts.push_back({QStringLiteral("unit"), true, 0.9, QStringLiteral("\"%1\" printed above the log").arg(seen)});
    } else {
        ac.parts.push_back({QStringLiteral("unit"), false, 0.3,
                            QStringLiteral("no unit read above the log: %1 assumed").arg(cal.depthUnit == QLatin1String("FT") ? QStringLiteral("feet") : QStringLiteral("metres"))});
    }
    cal.step = Calibration::defaultStep(cal.depthUnit);

    // Interval: the main section's gridded body, inward to the output step.
    const double d0 = cal.depthAtRow(main.top), d1 = cal.depthAtRow(main.bottom);
    cal.topDepth = std::ceil(std::min(d0, d1) / cal.step - 1e-6) * cal.step;
    cal.bottomDepth = std::floor(std::max(d0, d1) / cal.step + 1e-6) * cal.step;
    // Physical check: the interval's ends lie within a label step and a half of the numbers read;
    // further out the depth is carried past what the sheet prints.
    const double firstTie = std::min(cal.ties.front().depth, cal.ties.back().depth);
    const double lastTie = std::max(cal.ties.front().depth, cal.ties.back().depth);
    const double slack = 1.5 * std::max(bestFit.labelStep, 0.0);
    const bool nearNumbers = *cal.topDepth >= firstTie - slack && *cal.bottomDepth <= lastTie + slack;
    const bool intervalSure = main.lineRows.size() >= 20 && nearNumbers;
    ac.parts.push_back(
        {QStringLiteral("interval"), intervalSure, intervalSure ? 0.9 : 0.4,
         QStringLiteral("the gridded body, rows %1-%2%3%4")
             .arg(main.top)
             .arg(main.bottom)
             .arg(nearNumbers
                      ? QString()
                      : QStringLiteral(
                            ", reaching more than a label step and a half past the numbers read (%1-%2)")
                            .arg(firstTie)
                            .arg(lastTie))
             .arg(
                 ac.layout.sections.size() > 1
                     ? QStringLiteral("; %1 other section(s) on the sheet").arg(ac.layout.sections.size() - 1)
                     : QString())});
    if (ac.layout.sections.size() > 1) {
        if (feedback)
            feedback->setProgress(82.0, QStringLiteral("Reading the other sections' depth numbers"));
        proposeSections(ac, height, read, ocr);
    }

    // Scales: the captions above each track.
    if (options.readScales) {
        const int capTop = std::max(0, main.top - 400);
        for (size_t t = 0; t < cal.tracks.size(); ++t) {
            Track &track = cal.tracks[t];
            double conf = 0.0;
            QString note;
            std::vector<CurveScale> curves;
            if (main.top - capTop >= 20) {
                const int x0 = std::max(0, int(track.left) - 4), x1 = std::min(width, int(track.right) + 5);
                Result<cv::Mat> header = read(QRect(x0, capTop, x1 - x0, main.top - capTop));
                if (header) {
                    std::vector<TextReader::Word> words = ocr.readBlock(header.value(), TextReader::Charset::Any);
                    const cv::Mat &band = header.value();
                    const SideReader readSide = [&](const cv::Rect &box, bool left) {
                        // Inside the track borders (the band holds 4 px beyond each): the glyph group
                        // nearest the border, the legend strokes and rulings painted out.
                        const cv::Rect r = box & cv::Rect(6, 0, band.cols - 12, band.rows);
                        TextReader::Word w;
                        if (r.width < 4 || r.height < 4)
                            return w;
                        cv::Mat crop = band(r).clone();
                        cv::Mat ink = textMask(crop), rules;
                        cv::morphologyEx(ink, rules, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(25, 1)));
                        ink.setTo(0, rules);
                        crop.setTo(255, rules);
                        const cv::Rect *nearest = nullptr;
                        const std::vector<cv::Rect> boxes = textBoxes(ink);
                        for (const cv::Rect &b : boxes) {
                            if (b.height < 5 || b.height > 40)
                                continue;
                            if (!nearest || (left ? b.x < nearest->x : b.br().x > nearest->br().x))
                                nearest = &b;
                        }
                        if (!nearest)
                            return w;
                        const cv::Rect padded = (*nearest + cv::Size(6, 6) - cv::Point(3, 3)) & cv::Rect(0, 0, crop.cols, crop.rows);
                        w = ocr.readLine(crop(padded), TextReader::Charset::Number);
                        return w;
                    };
                    curves = parseScales(words, ac.layout.tracks[t].logGrid, x1 - x0, readSide, conf, note);
                }
            } else {
                note = QStringLiteral("no header above the log");
            }
            track.curves = curves;
            ac.parts.push_back({QStringLiteral("scales, track %1").arg(t + 1), !curves.empty() && conf >= 0.8, conf,
                                curves.empty() ? note + QStringLiteral(": fill in the scales") : note});
        }
    }
    const QString problem = cal.validate();
    if (!problem.isEmpty()) {
        ac.refusal = QStringLiteral("the proposal is not a valid calibration: %1").arg(problem);
        return ac;
    }
    ac.ok = true;
    if (feedback)
        feedback->setProgress(100.0, QStringLiteral("Calibration proposed"));
    return ac;
}

Result<AutoCalibration> autoCalibrate(const RasterSource &source, const AutoCalibrationOptions &options, Feedback *feedback)
{
    return autoCalibrate(source.width(), source.height(), [&](const QRect &window) {
        const QRect clipped = window & QRect(0, 0, source.width(), source.height());
        return source.readGrey(clipped);
    }, options, feedback);
}

Result<AutoCalibration> autoCalibrate(const cv::Mat &grey, const AutoCalibrationOptions &options)
{
    return autoCalibrate(grey.cols, grey.rows, [&](const QRect &window) {
        const cv::Rect r = cv::Rect(window.x(), window.y(), window.width(), window.height()) & cv::Rect(0, 0, grey.cols, grey.rows);
        return Result<cv::Mat>(grey(r).clone());
    }, options);
}

} // namespace veer
