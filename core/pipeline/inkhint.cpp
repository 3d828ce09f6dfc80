#include "inkhint.h"

#include "calibration/calibration.h"
#include "raster/rastersource.h"

#include <opencv2/core.hpp>

#include <QColor>
#include <QImage>

#include <algorithm>
#include <cmath>
#include <vector>

namespace veer {

namespace {

constexpr int kBandRows = 1024;
constexpr double kSameHue = 0.15;
constexpr double kOtherHue = 0.3;
constexpr double kMinDeparture = 25.0;  ///< px value: closer to the paper than this tells nothing

std::array<double, 3> rgbOf(const QString &hex)
{
    const QColor c(hex);
    return {double(c.red()), double(c.green()), double(c.blue())};
}

/** The unit hue direction of a departure from the paper: its non-grey part over its length. */
bool hueOf(const std::array<double, 3> &colour, const std::array<double, 3> &paper, std::array<double, 3> &hue)
{
    const std::array<double, 3> d{paper[0] - colour[0], paper[1] - colour[1], paper[2] - colour[2]};
    const double len = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    if (len < kMinDeparture)
        return false;
    const double mean = (d[0] + d[1] + d[2]) / 3.0;
    for (int c = 0; c < 3; ++c)
        hue[size_t(c)] = (d[size_t(c)] - mean) / len;
    return true;
}

} // namespace

double inkHueDistance(const std::array<double, 3> &pixel, const std::array<double, 3> &hint,
                      const std::array<double, 3> &paper)
{
    std::array<double, 3> a{}, b{};
    if (!hueOf(pixel, paper, a))
        return -1.0;
    if (!hueOf(hint, paper, b))
        b = {0.0, 0.0, 0.0};
    const double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    return std::sqrt(dx * dx + dy * dy + dz * dz);
}

Result<long long> applyInkHints(const RasterSource &sheet, const Calibration &calibration, cv::Mat &labels,
                                cv::Mat &probabilities)
{
    using R = Result<long long>;
    const RasterInfo &info = sheet.info();
    if ((info.bands < 3 && !info.palette) || probabilities.empty())
        return 0LL;
    if (labels.size() != cv::Size(sheet.width(), sheet.height()) || probabilities.size() != labels.size()
        || probabilities.type() != CV_8UC2)
        return R::failure(QStringLiteral("%1: the label map does not match the sheet").arg(info.path));
    long long changed = 0;
    for (const Track &track : calibration.tracks) {
        std::array<bool, 2> hinted{false, false};
        std::array<std::array<double, 3>, 2> hint{};
        for (const CurveScale &c : track.curves) {
            if (!c.ink.isEmpty() && (c.classId == 1 || c.classId == 2)) {
                hinted[size_t(c.classId - 1)] = true;
                hint[size_t(c.classId - 1)] = rgbOf(c.ink);
            }
        }
        if (!hinted[0] && !hinted[1])
            continue;
        const int x0 = std::clamp(int(std::floor(track.left)), 0, sheet.width() - 1);
        const int x1 = std::clamp(int(std::ceil(track.right)), x0, sheet.width() - 1);
        for (int y0 = 0; y0 < sheet.height(); y0 += kBandRows) {
            const int rows = std::min(kBandRows, sheet.height() - y0);
            auto rgb = sheet.readRgb(QRect(x0, y0, x1 - x0 + 1, rows));
            if (!rgb)
                return R::failure(rgb.error());
            const QImage img = rgb->convertToFormat(QImage::Format_RGB32);
            // The paper of this band: the per-channel median.
            std::array<double, 3> paper{};
            {
                std::array<std::vector<int>, 3> hist;
                for (auto &h : hist)
                    h.assign(256, 0);
                for (int y = 0; y < img.height(); y += 2) {
                    const QRgb *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
                    for (int x = 0; x < img.width(); x += 2) {
                        ++hist[0][size_t(qRed(line[x]))];
                        ++hist[1][size_t(qGreen(line[x]))];
                        ++hist[2][size_t(qBlue(line[x]))];
                    }
                }
                for (int c = 0; c < 3; ++c) {
                    const int total = ((img.height() + 1) / 2) * ((img.width() + 1) / 2);
                    int seen = 0, v = 0;
                    while (v < 255 && 2 * (seen + hist[size_t(c)][size_t(v)]) < total)
                        seen += hist[size_t(c)][size_t(v++)];
                    paper[size_t(c)] = v;
                }
            }
            for (int y = 0; y < rows; ++y) {
                const QRgb *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
                uint8_t *lab = labels.ptr<uint8_t>(y0 + y);
                cv::Vec2b *prob = probabilities.ptr<cv::Vec2b>(y0 + y);
                for (int x = 0; x < img.width(); ++x) {
                    cv::Vec2b &p = prob[x0 + x];
                    if (p[0] < 16 && p[1] < 16)
                        continue;
                    const std::array<double, 3> px{double(qRed(line[x])), double(qGreen(line[x])), double(qBlue(line[x]))};
                    bool touched = false;
                    for (int c = 0; c < 2; ++c) {
                        if (!hinted[size_t(c)] || p[c] < 16)
                            continue;
                        const double d = inkHueDistance(px, hint[size_t(c)], paper);
                        if (d <= kSameHue)
                            continue;
                        const double keep = 1.0 - 0.8 * std::min(1.0, (d - kSameHue) / (kOtherHue - kSameHue));
                        p[c] = uint8_t(std::lround(p[c] * keep));
                        touched = true;
                    }
                    if (!touched)
                        continue;
                    const int bg = 255 - p[0] - p[1];
                    const uint8_t label = p[0] > bg && p[0] >= p[1] ? 1 : (p[1] > bg ? 2 : 0);
                    if (label != lab[x0 + x]) {
                        lab[x0 + x] = label;
                        ++changed;
                    }
                }
            }
        }
    }
    return changed;
}

Result<std::vector<SheetInk>> sheetInks(const RasterSource &sheet, const QRect &region, int maxInks)
{
    using R = Result<std::vector<SheetInk>>;
    const RasterInfo &info = sheet.info();
    std::vector<SheetInk> out;
    const QRect area = region.intersected(QRect(0, 0, sheet.width(), sheet.height()));
    if ((info.bands < 3 && !info.palette) || area.isEmpty() || maxInks < 1)
        return out;
    constexpr int kWindows = 8, kRows = 512, kMaxSamples = 60000;
    std::vector<cv::Vec3f> inkPixels;
    std::vector<std::array<double, 3>> papers;
    for (int w = 0; w < kWindows; ++w) {
        const int rows = std::min(kRows, area.height());
        const int y = area.top() + (kWindows > 1 ? (area.height() - rows) * w / (kWindows - 1) : 0);
        auto image = sheet.readRgb(QRect(area.left(), y, area.width(), rows));
        if (!image)
            return R::failure(image.error());
        const QImage rgb = image->convertToFormat(QImage::Format_RGB888);
        const cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar *>(rgb.constBits()), size_t(rgb.bytesPerLine()));
        // The paper: the per-channel median of the window.
        std::array<double, 3> paper{};
        std::vector<cv::Mat> channels;
        cv::split(view, channels);
        for (int c = 0; c < 3; ++c) {
            std::vector<uchar> v(channels[size_t(c)].begin<uchar>(), channels[size_t(c)].end<uchar>());
            std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
            paper[size_t(c)] = v[v.size() / 2];
        }
        papers.push_back(paper);
        for (int r = 0; r < view.rows; ++r) {
            const auto *p = view.ptr<cv::Vec3b>(r);
            for (int x = 0; x < view.cols; ++x) {
                const double d0 = paper[0] - p[x][0], d1 = paper[1] - p[x][1], d2 = paper[2] - p[x][2];
                if (std::sqrt(d0 * d0 + d1 * d1 + d2 * d2) >= 2.0 * kMinDeparture)
                    inkPixels.push_back(cv::Vec3f(p[x][0], p[x][1], p[x][2]));
            }
        }
    }
    if (inkPixels.size() < 20)
        return out;
    // A fixed stride keeps the sample spread over the windows and the answer repeatable.
    if (inkPixels.size() > size_t(kMaxSamples)) {
        std::vector<cv::Vec3f> kept;
        const double stride = double(inkPixels.size()) / kMaxSamples;
        for (int i = 0; i < kMaxSamples; ++i)
            kept.push_back(inkPixels[size_t(i * stride)]);
        inkPixels.swap(kept);
    }
    const int k = std::min<int>(8, int(inkPixels.size()) / 10);
    cv::Mat samples(int(inkPixels.size()), 3, CV_32F, inkPixels.data());
    cv::Mat assignment, centres;
    cv::setRNGSeed(7);
    cv::kmeans(samples, k, assignment, cv::TermCriteria(cv::TermCriteria::EPS | cv::TermCriteria::COUNT, 30, 0.5), 3,
               cv::KMEANS_PP_CENTERS, centres);
    std::vector<double> counts(size_t(k), 0.0);
    for (int i = 0; i < assignment.rows; ++i)
        counts[size_t(assignment.at<int>(i))] += 1.0;
    std::array<double, 3> paper{};
    for (const auto &p : papers) {
        for (int c = 0; c < 3; ++c)
            paper[size_t(c)] += p[size_t(c)] / double(papers.size());
    }
    struct Cluster { std::array<double, 3> rgb; double count; };
    std::vector<Cluster> clusters;
    for (int i = 0; i < k; ++i)
        clusters.push_back({{centres.at<float>(i, 0), centres.at<float>(i, 1), centres.at<float>(i, 2)}, counts[size_t(i)]});
    std::sort(clusters.begin(), clusters.end(), [](const Cluster &a, const Cluster &b) { return a.count > b.count; });
    // Merge clusters of one ink: the same hue and a similar darkness (anti-aliased edges, dots).
    std::vector<Cluster> merged;
    for (const Cluster &c : clusters) {
        bool joined = false;
        for (Cluster &m : merged) {
            const double dl = std::abs((c.rgb[0] + c.rgb[1] + c.rgb[2]) - (m.rgb[0] + m.rgb[1] + m.rgb[2])) / 3.0;
            const double dh = inkHueDistance(c.rgb, m.rgb, paper);
            if (dh >= 0.0 && dh < kSameHue && dl < 90.0) {
                m.count += c.count;
                joined = true;
                break;
            }
        }
        if (!joined)
            merged.push_back(c);
    }
    std::sort(merged.begin(), merged.end(), [](const Cluster &a, const Cluster &b) { return a.count > b.count; });
    const double total = double(inkPixels.size());
    for (const Cluster &m : merged) {
        if (int(out.size()) >= maxInks || m.count / total < 0.02)
            break;
        const QColor colour(std::clamp(int(std::lround(m.rgb[0])), 0, 255), std::clamp(int(std::lround(m.rgb[1])), 0, 255),
                            std::clamp(int(std::lround(m.rgb[2])), 0, 255));
        out.push_back({colour.name(), m.count / total});
    }
    return out;
}

bool hasInkHints(const Calibration &calibration)
{
    return std::any_of(calibration.tracks.begin(), calibration.tracks.end(), [](const Track &t) {
        return std::any_of(t.curves.begin(), t.curves.end(), [](const CurveScale &c) { return !c.ink.isEmpty(); });
    });
}

} // namespace veer
