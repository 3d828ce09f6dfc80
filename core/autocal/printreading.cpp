// Reading the print of a log's header and depth column: strokes, words, the unit and the scales.
#include "printreading.h"

#include <opencv2/imgproc.hpp>

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace veer {

/**
 * The depth unit printed in a header: the word after DEPTH on its line ("DEPTH FT", "DEPTH M"),
 * else a word that can only be a unit (FEET, METRES, METERS). Empty when none is printed.
 */
QString unitFromWords(const std::vector<TextReader::Word> &words, QString &seen)
{
    auto letters = [](const QString &text) { return text.toUpper().remove(QRegularExpression(QStringLiteral("[^A-Z]"))); };
    auto unitOf = [](const QString &t) -> QString {
        if (t == QLatin1String("FT") || t == QLatin1String("FEET") || t == QLatin1String("F"))
            return QStringLiteral("FT");
        if (t == QLatin1String("M") || t.startsWith(QLatin1String("METRE")) || t.startsWith(QLatin1String("METER")))
            return QStringLiteral("M");
        return {};
    };
    for (const TextReader::Word &w : words) {
        if (letters(w.text) != QLatin1String("DEPTH"))
            continue;
        const int cy = w.box.y + w.box.height / 2;
        const TextReader::Word *next = nullptr;
        for (const TextReader::Word &o : words) {
            if (o.box.x > w.box.x && std::abs(o.box.y + o.box.height / 2 - cy) < w.box.height
                && (!next || o.box.x < next->box.x))
                next = &o;
        }
        if (next && !unitOf(letters(next->text)).isEmpty()) {
            seen = w.text + QLatin1Char(' ') + next->text;
            return unitOf(letters(next->text));
        }
    }
    for (const TextReader::Word &w : words) {
        const QString t = letters(w.text);
        if (t == QLatin1String("FEET") || t.startsWith(QLatin1String("METRE")) || t.startsWith(QLatin1String("METER"))) {
            seen = w.text;
            return unitOf(t);
        }
    }
    return {};
}

std::vector<CurveScale> parseScales(std::vector<TextReader::Word> words, bool logGrid, int trackWidth,
                                    const SideReader &readSide, double &confidence, QString &note)
{
    std::vector<CurveScale> curves;
    confidence = 0.0;
    if (words.empty()) {
        note = QStringLiteral("no caption read above the track");
        return curves;
    }
    std::sort(words.begin(), words.end(), [](const auto &a, const auto &b) {
        return a.box.y + a.box.height / 2 < b.box.y + b.box.height / 2;
    });
    std::vector<std::vector<TextReader::Word>> lines;
    for (const TextReader::Word &w : words) {
        const double cy = w.box.y + w.box.height / 2.0;
        if (!lines.empty()) {
            const TextReader::Word &ref = lines.back().front();
            if (std::abs(cy - (ref.box.y + ref.box.height / 2.0)) < 0.5 * std::max(ref.box.height, w.box.height)) {
                lines.back().push_back(w);
                continue;
            }
        }
        lines.push_back({w});
    }
    static const QRegularExpression number(QStringLiteral("^[-\\x{2212}]?\\d+(\\.\\d+)?$"));
    static const QRegularExpression caption(QStringLiteral("^([A-Z][A-Z0-9]{0,7})\\s*(?:\\(([^)]*)\\)?)?"));
    double minConf = 1.0;
    for (auto &line : lines) {
        std::sort(line.begin(), line.end(), [](const auto &a, const auto &b) { return a.box.x < b.box.x; });
        // A lone digit beside the track border is easily missed: read each end of a caption line
        // again on its own when it is not a number.
        // The band of the line: its words' median height about their median centre.
        std::vector<int> heights, centres;
        for (const auto &w : line) {
            heights.push_back(w.box.height);
            centres.push_back(w.box.y + w.box.height / 2);
        }
        std::sort(heights.begin(), heights.end());
        std::sort(centres.begin(), centres.end());
        const int height = heights[heights.size() / 2];
        const int yc = centres[centres.size() / 2];
        const cv::Rect band(0, yc - height, trackWidth, 2 * height);
        if (!number.match(line.front().text).hasMatch() && line.front().box.x > 12) {
            TextReader::Word w = readSide(cv::Rect(band.x, band.y, line.front().box.x - 3, band.height), true);
            if (number.match(w.text).hasMatch())
                line.insert(line.begin(), w);
        }
        if (!number.match(line.back().text).hasMatch() && line.back().box.br().x < trackWidth - 12) {
            const int x0 = line.back().box.br().x + 3;
            TextReader::Word w = readSide(cv::Rect(x0, band.y, trackWidth - x0, band.height), false);
            if (number.match(w.text).hasMatch())
                line.push_back(w);
        }
        if (line.size() < 3)
            continue;
        QString l = line.front().text, r = line.back().text;
        l.replace(QChar(0x2212), QLatin1Char('-'));
        r.replace(QChar(0x2212), QLatin1Char('-'));
        if (!number.match(l).hasMatch() || !number.match(r).hasMatch())
            continue;
        QStringList middle;
        for (size_t k = 1; k + 1 < line.size(); ++k)
            middle << line[k].text;
        const QRegularExpressionMatch m = caption.match(middle.join(QLatin1Char(' ')).toUpper());
        if (!m.hasMatch())
            continue;
        CurveScale c;
        c.mnemonic = m.captured(1);
        c.unit = m.captured(2).trimmed();
        c.left = l.toDouble();
        c.right = r.toDouble();
        if (c.left == c.right)
            continue;
        const double ratio = std::log10(std::max(c.left, c.right) / std::min(c.left, c.right));
        if (c.left > 0 && c.right > 0 && ratio >= 0.99 && std::abs(ratio - std::round(ratio)) < 0.01 && logGrid)
            c.type = ScaleType::Log;
        for (const auto &w : line)
            minConf = std::min(minConf, w.confidence);
        c.classId = int(curves.size()) + 1;
        curves.push_back(c);
        if (curves.size() == 2)
            break;
    }
    if (curves.empty()) {
        note = QStringLiteral("%1 word(s) read above the track, none a scale caption (left value, name, right value)")
                   .arg(words.size());
        return curves;
    }
    confidence = minConf;
    QStringList names;
    for (const CurveScale &c : curves)
        names << QStringLiteral("%1 %2..%3%4").arg(c.mnemonic).arg(c.left).arg(c.right)
                     .arg(c.type == ScaleType::Log ? QStringLiteral(" log") : QString());
    note = names.join(QStringLiteral(", "));
    return curves;
}

/** Strokes of print: a black top-hat over 15 px, 20 grey levels or four times the paper's median. */
cv::Mat textMask(const cv::Mat &grey)
{
    auto mask = [](const cv::Mat &image, bool &noisy) {
        cv::Mat hat, out;
        cv::morphologyEx(image, hat, cv::MORPH_BLACKHAT,
                         cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
        std::vector<uchar> values(hat.begin<uchar>(), hat.end<uchar>());
        int median = 0;
        if (!values.empty()) {
            std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
            median = values[values.size() / 2];
        }
        cv::threshold(hat, out, std::max(20, 4 * median), 255, cv::THRESH_BINARY);
        // Print and rules make strokes; the paper's own grain (a noisy or colour-reduced scan)
        // makes single pixels. One in a hundred is grain that joins glyphs to each other.
        cv::Mat labels, stats, centroids;
        const int n = cv::connectedComponentsWithStats(out, labels, stats, centroids, 8);
        int grains = 0;
        for (int k = 1; k < n; ++k)
            grains += stats.at<int>(k, cv::CC_STAT_AREA) <= 2 ? 1 : 0;
        noisy = grains > 0.01 * double(out.total());
        return out;
    };
    bool noisy = false;
    cv::Mat out = mask(grey, noisy);
    if (noisy) {
        // Grain is single pixels; a glyph's strokes are two or more across and survive a median.
        cv::Mat smooth;
        cv::medianBlur(grey, smooth, 3);
        out = mask(smooth, noisy);
    }
    return out;
}

/**
 * Boxes of printed words in `ink`: glyphs (connected ink, specks left out) joined with neighbours
 * of a like size on the same line, along a row for upright text or down a column for text turned
 * 90 degrees, across gaps up to about a glyph's height.
 */
std::vector<cv::Rect> textBoxes(const cv::Mat &ink)
{
    cv::Mat grown, labels, stats, centroids;
    cv::dilate(ink, grown, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    const int n = cv::connectedComponentsWithStats(grown, labels, stats, centroids, 8);
    std::vector<cv::Rect> boxes;
    for (int k = 1; k < n; ++k) {
        const cv::Rect box(stats.at<int>(k, cv::CC_STAT_LEFT) + 1, stats.at<int>(k, cv::CC_STAT_TOP) + 1,
                           stats.at<int>(k, cv::CC_STAT_WIDTH) - 2, stats.at<int>(k, cv::CC_STAT_HEIGHT) - 2);
        if (std::max(box.width, box.height) >= 5 && std::max(box.width, box.height) <= 80 && stats.at<int>(k, cv::CC_STAT_AREA) >= 8)
            boxes.push_back(box);
    }
    auto similar = [](int a, int b) { return std::max(a, b) <= 1.7 * std::min(a, b); };
    bool merged = true;
    while (merged) {
        merged = false;
        for (size_t i = 0; i < boxes.size() && !merged; ++i) {
            for (size_t j = i + 1; j < boxes.size() && !merged; ++j) {
                const cv::Rect &a = boxes[i], &b = boxes[j];
                const int overlapY = std::min(a.br().y, b.br().y) - std::max(a.y, b.y);
                const int overlapX = std::min(a.br().x, b.br().x) - std::max(a.x, b.x);
                const int gapX = std::max(a.x, b.x) - std::min(a.br().x, b.br().x);
                const int gapY = std::max(a.y, b.y) - std::min(a.br().y, b.br().y);
                const bool alongRow = overlapY >= 0.6 * std::min(a.height, b.height) && similar(a.height, b.height)
                                   && gapX <= 0.9 * std::max(a.height, b.height);
                const bool downColumn = overlapX >= 0.8 * std::min(a.width, b.width) && similar(a.width, b.width)
                                     && gapY <= 0.5 * std::max(a.width, b.width);
                // A point or a minus sign joins the glyphs beside it on their line.
                auto dot = [&](const cv::Rect &small, const cv::Rect &glyph) {
                    return std::max(small.width, small.height) <= 0.45 * glyph.height && small.y >= glyph.y - 2
                        && small.br().y <= glyph.br().y + 2 && gapX <= 0.6 * glyph.height;
                };
                if (alongRow || downColumn || dot(a, b) || dot(b, a)) {
                    boxes[i] = a | b;
                    boxes.erase(boxes.begin() + long(j));
                    merged = true;
                }
            }
        }
    }
    return boxes;
}

} // namespace veer
