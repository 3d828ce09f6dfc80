#include "synthgallery.h"

#include "base/atomicfile.h"
#include "curvelibrary.h"
#include "synthgenerator.h"

#include <QDir>
#include <QJsonArray>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <functional>

namespace veer {

namespace {

struct GalleryItem
{
    const char *name;
    const char *caption;
    std::uint64_t seed;
    const char *event;   ///< centre on the first event of this type; "" = top of the sheet
    std::function<void(SynthOptions &)> setup;
};

void quiet(SynthOptions &o)
{
    o.hard = {0, 0, 0, 0, 0, 0, 0, 0};
}

std::vector<GalleryItem> galleryItems()
{
    return {
        {"header-colour", "Colour print: header band with names and scale captions, depth track, 1/5/10 m grid", 11, "",
         [](SynthOptions &o) { o.render = RenderStyle::Colour; o.noDamage = true; o.header = true; o.tracks = 3; }},
        {"crossing", "Crossings: curve two oscillates through curve one", 12, "crossing",
         [](SynthOptions &o) { quiet(o); o.hard.crossing = 1; o.render = RenderStyle::Colour; }},
        {"parallel", "Parallel run 1-2 px apart (stroke edge to edge)", 13, "parallel",
         [](SynthOptions &o) { quiet(o); o.hard.parallel = 1; o.dash = DashStyle::Dashed; o.damage.blur = 0; o.realShapes = false; }},
        {"near-miss", "Near miss: the curves come within 1-2 px and part", 14, "nearMiss",
         [](SynthOptions &o) { quiet(o); o.hard.nearMiss = 1; o.damage.blur = 0; o.realShapes = false; }},
        {"spikes", "Spikes one to three px tall", 15, "spike",
         [](SynthOptions &o) { quiet(o); o.hard.spike = 1; }},
        {"pegged", "Curve pegged at a track edge", 16, "pegged",
         [](SynthOptions &o) { quiet(o); o.hard.pegged = 1; o.scale = ScaleChoice::Linear; }},
        {"wrap-backup", "Backup trace: leaves the right edge and re-enters from the left (truth unwrapped)", 17, "backup",
         [](SynthOptions &o) { quiet(o); o.hard.wrap = 1; o.scale = ScaleChoice::Linear; }},
        {"grid-run", "Curve running exactly along a grid line", 18, "gridRun",
         [](SynthOptions &o) { quiet(o); o.hard.gridRun = 1; o.grid = GridColour::Black; }},
        {"pen-gap", "Pen lifted: no ink, truth NULL", 19, "gap",
         [](SynthOptions &o) { quiet(o); o.hard.gap = 1; }},
        {"log-dotted", "Log track (decades with 2..9 minor lines), dotted curve two", 20, "",
         [](SynthOptions &o) { o.scale = ScaleChoice::Log; o.dash = DashStyle::Dotted; o.tracks = 2; o.render = RenderStyle::Colour; }},
        {"fax200", "1-bit fax at 200 dpi (thresholded at 2/3 size, blown up)", 21, "crossing",
         [](SynthOptions &o) { o.render = RenderStyle::Binary200; o.hard.crossing = 1; }},
        {"fax300-longdash", "1-bit fax at 300 dpi, long-dashed curve two", 22, "",
         [](SynthOptions &o) { o.render = RenderStyle::Binary300; o.dash = DashStyle::LongDashed; }},
        {"gray-jpeg-stain", "Gray scan with JPEG blocks, stain, fold and specks", 23, "",
         [](SynthOptions &o) {
             o.render = RenderStyle::Gray;
             o.damage.jpeg = 1; o.damage.stain = 1; o.damage.fold = 1; o.damage.specks = 1;
         }},
        {"bleed-fade-banding", "Bleed-through, faded ink, photocopy banding, tinted paper", 24, "",
         [](SynthOptions &o) {
             o.render = RenderStyle::Colour;
             o.damage.bleed = 1; o.damage.fade = 1; o.damage.banding = 1; o.damage.tint = 1;
         }},
        {"labels-crossing", "Label map of the crossing crop: red = class 1 (solid), blue = class 2, top curve owns overlaps", 12,
         "crossing", [](SynthOptions &o) { quiet(o); o.hard.crossing = 1; o.render = RenderStyle::Colour; }},
    };
}

} // namespace

Status writeSynthGallery(const QString &dir, const std::shared_ptr<const CurveLibrary> &library)
{
    if (!QDir().mkpath(dir))
        return Status::failure(QStringLiteral("%1: cannot create directory").arg(dir));
    const int crop = 600;
    QString index = QStringLiteral("# Synthetic sheet gallery\n\nMade by `veer-cli synth OUT --gallery`; 600x600 crops.\n\n");
    for (const GalleryItem &item : galleryItems()) {
        SynthOptions o;
        o.width = 1100;
        o.height = 3000;
        o.library = library;
        item.setup(o);
        const SynthCase c = generateSynthCase(o, item.seed);
        // Default: the top of the first track, header included.
        int cy = crop / 2;
        int cx = int(0.5 * (c.calibration.tracks.front().left + c.calibration.tracks.front().right));
        const QString event = QString::fromLatin1(item.event);
        if (!event.isEmpty()) {
            const QJsonArray tracks = c.facts.value(QStringLiteral("tracks")).toArray();
            bool found = false;
            for (int k = 0; k < tracks.size() && !found; ++k) {
                for (const QJsonValue &e : tracks.at(k).toObject().value(QStringLiteral("events")).toArray()) {
                    const QJsonObject ev = e.toObject();
                    if (ev.value(QStringLiteral("type")).toString() != event)
                        continue;
                    const double depth = 0.5 * (ev.value(QStringLiteral("fromDepth")).toDouble() + ev.value(QStringLiteral("toDepth")).toDouble());
                    cy = int(c.calibration.rowAtDepth(depth));
                    const Track &t = c.calibration.tracks[size_t(k)];
                    cx = int(0.5 * (t.left + t.right));
                    found = true;
                    break;
                }
            }
            if (!found)
                return Status::failure(QStringLiteral("gallery %1: seed %2 has no %3 event").arg(QLatin1String(item.name)).arg(item.seed).arg(event));
        }
        const int x = std::clamp(cx - crop / 2, 0, std::max(0, c.sheet.cols - crop));
        const int y = std::clamp(cy - crop / 2, 0, std::max(0, c.sheet.rows - crop));
        const cv::Rect roi(x, y, std::min(crop, c.sheet.cols), std::min(crop, c.sheet.rows));
        cv::Mat image;
        if (QLatin1String(item.name).startsWith(QLatin1String("labels"))) {
            image = cv::Mat(roi.size(), CV_8UC3, cv::Scalar(255, 255, 255));
            image.setTo(cv::Scalar(30, 30, 220), c.labels(roi) == 1);
            image.setTo(cv::Scalar(200, 80, 20), c.labels(roi) == 2);
        } else {
            image = c.sheet(roi).clone();
        }
        const QString file = QStringLiteral("%1.png").arg(QLatin1String(item.name));
        if (Status s = writeFileAtomically(QDir(dir).filePath(file), encodePng(image)); !s)
            return s;
        index += QStringLiteral("- `%1` (seed %2): %3\n").arg(file).arg(item.seed).arg(QLatin1String(item.caption));
    }
    return writeFileAtomically(QDir(dir).filePath(QStringLiteral("gallery.md")), index.toUtf8());
}

} // namespace veer
