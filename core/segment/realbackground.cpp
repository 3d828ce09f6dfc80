#include "realbackground.h"

#include "raster/gridlines.h"
#include "raster/polarity.h"
#include "raster/rastersource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace veer {

namespace {

constexpr int kBandsPerSheet = 4;
constexpr int kBandRows = 768;

int uniformInt(std::mt19937_64 &rng, int lo, int hi)
{
    return std::uniform_int_distribution<int>(lo, std::max(lo, hi))(rng);
}

bool isBilevel(const cv::Mat &grey)
{
    return cv::countNonZero((grey > 0) & (grey < 255)) == 0;
}

} // namespace

Result<QStringList> readNameList(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return Result<QStringList>::failure(QStringLiteral("%1: cannot read the list of held-out sheets").arg(path));
    QStringList names;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            names << line;
    }
    return names;
}

RealBackgrounds::~RealBackgrounds() = default;

Result<std::unique_ptr<RealBackgrounds>> RealBackgrounds::open(const QStringList &dirs, const QStringList &exclude,
                                                                std::uint64_t seed)
{
    using R = Result<std::unique_ptr<RealBackgrounds>>;
    std::unique_ptr<RealBackgrounds> out(new RealBackgrounds);
    out->mRng.seed(seed * 6364136223846793005ULL + 1442695040888963407ULL);
    for (const QString &dir : dirs) {
        const QDir d(dir);
        if (!d.exists())
            return R::failure(QStringLiteral("%1: not a folder").arg(dir));
        const QStringList files = d.entryList({QStringLiteral("*.tif"), QStringLiteral("*.TIF"), QStringLiteral("*.tiff"),
                                               QStringLiteral("*.png"), QStringLiteral("*.jpg")},
                                              QDir::Files, QDir::Name);
        for (const QString &f : files) {
            if (!exclude.contains(f))
                out->mSheets.push_back({d.filePath(f), {}});
        }
    }
    if (out->mSheets.empty())
        return R::failure(QStringLiteral("%1: no real sheets left for backgrounds").arg(dirs.join(QStringLiteral(", "))));
    return out;
}

QStringList RealBackgrounds::sheetNames() const
{
    QStringList names;
    for (const Sheet &s : mSheets)
        names << QFileInfo(s.path).fileName();
    return names;
}

cv::Mat RealBackgrounds::labelWindow(const cv::Mat &grey)
{
    const int paper = medianGrey(grey);
    const cv::Mat ink = grey < std::max(1, paper - 45);
    const cv::Mat lines = gridLines(ink, 120, 300, 3);
    cv::Mat lineZone;
    cv::dilate(lines, lineZone, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    // Specks, and the small burrs of a ragged line: small ink components off the lines.
    cv::Mat other = ink & ~lineZone;
    cv::Mat comp, stats, centroids;
    const int n = cv::connectedComponentsWithStats(other, comp, stats, centroids, 8, CV_32S);
    std::vector<uint8_t> keep(size_t(std::max(n, 1)), 0);
    for (int i = 1; i < n; ++i)
        keep[size_t(i)] = stats.at<int>(i, cv::CC_STAT_AREA) >= 20 ? 255 : 0;
    for (int y = 0; y < other.rows; ++y) {
        const int *c = comp.ptr<int>(y);
        uint8_t *o = other.ptr<uint8_t>(y);
        for (int x = 0; x < other.cols; ++x)
            o[x] = keep[size_t(c[x])];
    }
    // What is left may be a real curve (or text): it and the pixels about it, grid included where a
    // curve crosses it, are left out of the loss; wider across than down, since a steep stroke
    // crossing a horizontal line leaves the line rows far to the side of its ink off the line.
    cv::Mat unknown;
    cv::dilate(other, unknown, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(25, 11)));
    cv::Mat labels(grey.size(), CV_8UC1, cv::Scalar(0));
    labels.setTo(255, unknown);
    return labels;
}

bool RealBackgrounds::loadBands(Sheet &sheet)
{
    auto src = RasterSource::open(sheet.path);
    if (!src)
        return false;
    const RasterSource &s = **src;
    const int rows = std::min(kBandRows, s.height());
    const int top = s.height() / 20;
    const int bottom = std::max(top, s.height() - s.height() / 20 - rows);
    for (int i = 0; i < kBandsPerSheet; ++i) {
        const int y = uniformInt(mRng, top, bottom);
        auto grey = s.readGrey(QRect(0, y, s.width(), rows));
        if (!grey)
            return false;
        cv::Mat g = toPositive(*grey, detectPolarity(*grey));
        sheet.bands.push_back({g, labelWindow(g)});
    }
    return true;
}

bool RealBackgrounds::compose(const cv::Mat &synthGrey, const cv::Mat &synthLabels, cv::Mat &grey, cv::Mat &labels)
{
    if (mSheets.empty())
        return false;
    Sheet &sheet = mSheets[size_t(uniformInt(mRng, 0, int(mSheets.size()) - 1))];
    if (sheet.bands.empty() && !loadBands(sheet)) {
        sheet.bands.clear();
        return false;
    }
    const Band &band = sheet.bands[size_t(uniformInt(mRng, 0, int(sheet.bands.size()) - 1))];
    const int w = synthGrey.cols, h = synthGrey.rows;
    if (band.grey.cols < w || band.grey.rows < h)
        return false;
    const cv::Rect r(uniformInt(mRng, 0, band.grey.cols - w), uniformInt(mRng, 0, band.grey.rows - h), w, h);
    grey = band.grey(r).clone();
    labels = band.labels(r).clone();
    // The strokes and a pixel about them (their soft edge), the darker of real and generated.
    const cv::Mat strokes = (synthLabels == 1) | (synthLabels == 2);
    cv::Mat zone;
    cv::dilate(strokes, zone, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    if (isBilevel(grey)) {
        // A 1-bit scan: a stroke pixel is black where the generated ink is clearly darker than its
        // paper, and a faded stroke that would drop out is left out of the loss, not labelled on
        // white paper.
        const cv::Mat inked = strokes & (synthGrey < std::max(1, medianGrey(synthGrey) - 60));
        grey.setTo(0, inked);
        synthLabels.copyTo(labels, inked);
        labels.setTo(255, strokes & ~inked);
        return true;
    }
    const cv::Mat drawn = cv::min(grey, synthGrey);
    drawn.copyTo(grey, zone);
    synthLabels.copyTo(labels, strokes);
    return true;
}

} // namespace veer
