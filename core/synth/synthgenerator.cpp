// generateSynthCase: plan -> shapes -> render -> damage -> calibration, truth and facts.
#include "synthgenerator.h"

#include "base/atomicfile.h"
#include "curvelibrary.h"
#include "curveshapes.h"
#include "printstyle.h"
#include "las/laswriter.h"
#include "raster/rasterwriter.h"
#include "scandamage.h"
#include "sheetplan.h"
#include "sheetrenderer.h"
#include "synthrandom.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

double snap(double v)
{
    return std::round(v * 1e6) / 1e6;
}

int bandOf(double t)
{
    return t < 0.0 ? -1 : t > 1.0 ? 1 : 0;
}

QJsonArray scalarJson(const cv::Scalar &s)
{
    return QJsonArray{int(std::lround(s[0])), int(std::lround(s[1])), int(std::lround(s[2]))};
}

void buildCalibration(const SheetPlan &plan, const GeometryWarp &warp, Calibration &cal)
{
    cal.depthUnit = plan.depthUnit;
    cal.fit = DepthFit::Piecewise;
    cal.step = plan.step;
    cal.ties.clear();
    if (!warp.outRows.empty()) {
        for (size_t k = 0; k < warp.outRows.size(); ++k)
            cal.ties.push_back({warp.outRows[k], plan.depthAtIdealRow(warp.idealRows[k])});
    } else {
        // Ties where an operator would put them: on the depth numbers, plus the ends of the log.
        cal.ties.push_back({double(plan.logTop), plan.depthAtLogTop});
        const double d0 = plan.depthAtIdealRow(plan.logTop), d1 = plan.depthAtIdealRow(plan.logBottom);
        for (double d = std::ceil(d0 / plan.labelEvery) * plan.labelEvery; d < d1; d += plan.labelEvery) {
            const double row = plan.idealRowAtDepth(d);
            if (row > plan.logTop + 1 && row < plan.logBottom - 1 && cal.ties.size() < 40)
                cal.ties.push_back({row, d});
        }
        cal.ties.push_back({double(plan.logBottom), plan.depthAtIdealRow(plan.logBottom)});
    }
    const double yTop = std::max<double>(plan.logTop, warp.idealRow(0));
    const double yBottom = std::min<double>(plan.logBottom, warp.idealRow(plan.height - 1));
    const double top = std::ceil(plan.depthAtIdealRow(yTop) / plan.step - 1e-9) * plan.step;
    const double bottom = std::floor(plan.depthAtIdealRow(yBottom) / plan.step + 1e-9) * plan.step;
    cal.topDepth = snap(top);
    cal.bottomDepth = snap(std::max(top, bottom));
    cal.tracks.clear();
    for (const TrackPlan &t : plan.tracks) {
        Track track;
        track.left = t.left;
        track.right = t.right;
        for (const CurvePlan &c : t.curves)
            track.curves.push_back(c.scale);
        cal.tracks.push_back(track);
    }
}

/**
 * A repeat section below the log: the last `plan.repeatRows` rows of the finished log (scan and
 * all) printed again under a header of their own, as a second pass over the bottom of the well is.
 * The truth calibration names it as a section with the ties of the rows it repeats.
 */
void appendRepeatSection(const SheetPlan &plan, SynthCase &out)
{
    Calibration &cal = out.calibration;
    if (plan.repeatRows <= 0 || !cal.bottomDepth)
        return;
    const int last = std::min(out.sheet.rows - 1, int(std::floor(cal.rowAtDepth(*cal.bottomDepth))));
    const int first = last - plan.repeatRows + 1;
    if (first <= 0)
        return;
    const int top = out.sheet.rows + plan.repeatGap; // first row of the repeated log
    const int rows = top + plan.repeatRows + 12;
    cv::Mat sheet(rows, out.sheet.cols, out.sheet.type());
    cv::Mat labels(rows, out.labels.cols, out.labels.type(), cv::Scalar(0));
    const cv::Scalar paper = out.sheet.channels() == 1 ? cv::Scalar(255) : plan.paper;
    const cv::Scalar ink = out.sheet.channels() == 1 ? cv::Scalar(0) : plan.textInk;
    sheet.setTo(paper);
    out.sheet.copyTo(sheet.rowRange(0, out.sheet.rows));
    out.labels.copyTo(labels.rowRange(0, out.labels.rows));
    out.sheet.rowRange(first, last + 1).copyTo(sheet.rowRange(top, top + plan.repeatRows));
    out.labels.rowRange(first, last + 1).copyTo(labels.rowRange(top, top + plan.repeatRows));
    // The section's header: a ruled box across the log with its title.
    const int x0 = std::max(0, plan.depthLeft - 4);
    const int x1
        = std::min(sheet.cols - 1, plan.tracks.empty() ? sheet.cols - 1 : int(plan.tracks.back().right) + 4);
    const int boxTop = out.sheet.rows + plan.repeatGap / 3, boxBottom = top - plan.repeatGap / 4;
    cv::rectangle(sheet, cv::Point(x0, boxTop), cv::Point(x1, boxBottom), ink, 2);
    const std::string title = "REPEAT SECTION";
    int base = 0;
    const cv::Size size = cv::getTextSize(title, plan.fontFace, 0.8, 2, &base);
    cv::putText(sheet, title, cv::Point((x0 + x1 - size.width) / 2, (boxTop + boxBottom + size.height) / 2),
                plan.fontFace, 0.8, ink, 2, cv::LINE_AA);
    DepthSection section;
    section.name = QStringLiteral("REPEAT");
    section.firstRow = top;
    section.lastRow = top + plan.repeatRows - 1;
    const double shift = top - first;
    section.ties.push_back({double(top), cal.depthAtRow(first)});
    for (const DepthTie &t : cal.ties) {
        if (t.row > first + 1 && t.row < last - 1)
            section.ties.push_back({t.row + shift, t.depth});
    }
    section.ties.push_back({section.lastRow, cal.depthAtRow(last)});
    cal.sections.push_back(section);
    out.sheet = sheet;
    out.labels = labels;
}

/** Truth values and inked flags of one curve on the depth grid. */
void sampleTruth(const SheetPlan &plan, const CurvePlan &curve, const std::vector<double> &depths, double nullValue,
                 std::vector<double> &values, std::vector<std::uint8_t> &inked)
{
    const int n = int(curve.t.size());
    values.assign(depths.size(), nullValue);
    inked.assign(depths.size(), 0);
    for (size_t i = 0; i < depths.size(); ++i) {
        const double j = plan.idealRowAtDepth(depths[i]) - plan.logTop;
        int j0 = int(std::floor(j));
        double f = j - j0;
        if (j0 == n - 1 && f < 1e-6) {
            j0 = n - 2;
            f = 1.0;
        }
        if (j0 < 0 || j0 + 1 >= n)
            continue;
        const double a = curve.t[j0], b = curve.t[j0 + 1];
        if (!std::isfinite(a) || !std::isfinite(b))
            continue;
        values[i] = valueAtFraction(curve.scale, a + f * (b - a));
        const double length = curve.arc[j0] + f * (curve.arc[j0 + 1] - curve.arc[j0]);
        inked[i] = curve.inkedAt(length) ? 1 : 0;
    }
}

QJsonObject trackFacts(const SheetPlan &plan, const TrackPlan &track, std::vector<std::uint8_t> &nearCrossing,
                       int &crossingsOut, int &wrapsOut)
{
    const int n = plan.samples();
    const auto &t1 = track.curves[0].t, &t2 = track.curves[1].t;
    int crossings = 0;
    int lastSign = 0;
    for (int j = 0; j < n; ++j) {
        const double a = t1[j], b = t2[j];
        if (!std::isfinite(a) || !std::isfinite(b)) {
            lastSign = 0;
            continue;
        }
        if (j > 0 && (bandOf(a) != bandOf(t1[j - 1]) || bandOf(b) != bandOf(t2[j - 1])))
            lastSign = 0;  // a wrap jump is not a crossing
        const double d = (a - bandOf(a)) - (b - bandOf(b));
        const int sign = d > 0 ? 1 : d < 0 ? -1 : 0;
        if (sign != 0) {
            if (lastSign != 0 && sign != lastSign) {
                ++crossings;
                for (int k = std::max(0, j - 4); k <= std::min(n - 1, j + 3); ++k)
                    nearCrossing[k] = 1;
            }
            lastSign = sign;
        }
    }
    int wraps = 0;
    QJsonArray curves;
    for (const CurvePlan &c : track.curves) {
        int curveWraps = 0;
        if (c.scale.wrap) {
            for (int j = 1; j < n; ++j) {
                if (std::isfinite(c.t[j]) && std::isfinite(c.t[j - 1]) && bandOf(c.t[j - 1]) == 0 && bandOf(c.t[j]) != 0)
                    ++curveWraps;
            }
        }
        wraps += curveWraps;
        QJsonObject cf{{QStringLiteral("class"), c.scale.classId},
                       {QStringLiteral("mnemonic"), c.scale.mnemonic},
                       {QStringLiteral("family"), curveFamilyName(c.family)},
                       {QStringLiteral("stroke"), strokeKindName(c.stroke)},
                       {QStringLiteral("width"), c.width},
                       {QStringLiteral("ink"), scalarJson(c.ink)},
                       {QStringLiteral("wrap"), c.scale.wrap},
                       {QStringLiteral("wrapEvents"), curveWraps},
                       {QStringLiteral("shape"), c.shapeSource}};
        if (c.stroke != StrokeKind::Solid) {
            cf.insert(QStringLiteral("dashOn"), c.dashOn);
            cf.insert(QStringLiteral("dashOff"), c.dashOff);
            if (c.dotOn > 0.0)
                cf.insert(QStringLiteral("dotOn"), c.dotOn);
        }
        curves.append(cf);
    }
    crossingsOut = crossings;
    wrapsOut = wraps;
    return QJsonObject{{QStringLiteral("left"), track.left},
                       {QStringLiteral("right"), track.right},
                       {QStringLiteral("scale"), track.log ? QStringLiteral("log") : QStringLiteral("linear")},
                       {QStringLiteral("decades"), track.decades},
                       {QStringLiteral("onTop"), track.topClass},
                       {QStringLiteral("crossings"), crossings},
                       {QStringLiteral("wrapEvents"), wraps},
                       {QStringLiteral("curves"), curves},
                       {QStringLiteral("events"), track.events}};
}

} // namespace

SynthCase generateSynthCase(const SynthOptions &options, std::uint64_t seed)
{
    SynthRandom root(seed);
    SynthRandom layoutRng = root.fork(1);
    SynthRandom shapeRng = root.fork(2);
    SynthRandom damageRng = root.fork(3);
    SynthRandom printRng = root.fork(4);

    std::shared_ptr<const CurveLibrary> library = options.library;
    QString libraryError;
    if (!library && !options.lasFiles.empty()) {
        Result<std::shared_ptr<const CurveLibrary>> loaded = CurveLibrary::cached(options.lasFiles);
        if (loaded)
            library = *loaded;
        else
            libraryError = loaded.error();
    }

    SheetPlan plan = planSheet(options, layoutRng);
    shapeCurves(plan, options, library.get(), shapeRng);
    const QJsonObject print = applyPrintStyles(plan, options.print, printRng);

    SynthCase out;
    renderSheet(plan, out.sheet, out.labels);
    QJsonObject damage;
    GeometryWarp warp;
    applyScanDamage(plan, options, out.sheet, out.labels, damageRng, warp, damage);
    if (plan.paletteLevels > 0 && plan.render == RenderStyle::Colour)
        reduceToPalette(out.sheet, plan.paletteLevels);

    buildCalibration(plan, warp, out.calibration);
    appendRepeatSection(plan, out);

    LasDocument &truth = out.truth;
    truth.depthUnit = plan.depthUnit;
    truth.depths = out.calibration.depthGrid(plan.height);
    truth.setWellValue(QStringLiteral("COMP"), QStringLiteral("VEER SYNTHETIC"), QStringLiteral("Company"));
    truth.setWellValue(QStringLiteral("WELL"), plan.wellName, QStringLiteral("Well"));
    truth.setWellValue(QStringLiteral("SRVC"), QStringLiteral("veer synth seed %1").arg(seed), QStringLiteral("Service company"));
    for (const TrackPlan &track : plan.tracks) {
        for (const CurvePlan &curve : track.curves) {
            LasCurve lc;
            lc.mnemonic = curve.scale.mnemonic;
            lc.unit = curve.scale.unit;
            lc.description = QStringLiteral("%1 %2 class %3").arg(curveFamilyName(curve.family), strokeKindName(curve.stroke))
                                 .arg(curve.scale.classId);
            std::vector<std::uint8_t> inked;
            sampleTruth(plan, curve, truth.depths, truth.nullValue, lc.values, inked);
            truth.curves.push_back(std::move(lc));
            out.inked.push_back(std::move(inked));
            out.lineWidths.push_back(curve.width);
        }
    }

    // Facts.
    std::vector<std::uint8_t> nearCrossing(plan.samples(), 0);
    QJsonArray tracks;
    int crossings = 0, wraps = 0;
    bool anyLog = false;
    QJsonArray strokes;
    for (const TrackPlan &track : plan.tracks) {
        int c = 0, w = 0;
        tracks.append(trackFacts(plan, track, nearCrossing, c, w));
        crossings += c;
        wraps += w;
        anyLog = anyLog || track.log;
        strokes.append(strokeKindName(track.curves[1].stroke));
    }
    int nearRows = 0;
    for (std::uint8_t v : nearCrossing)
        nearRows += v;
    const bool binary = plan.render == RenderStyle::Binary200 || plan.render == RenderStyle::Binary300;
    QJsonObject style{{QStringLiteral("render"), renderStyleName(plan.render)},
                      {QStringLiteral("grid"), gridColourName(plan.gridColour)},
                      {QStringLiteral("gridInk"), scalarJson(plan.gridInk)},
                      {QStringLiteral("paper"), scalarJson(plan.paper)},
                      {QStringLiteral("header"), plan.headerBottom > 0},
                      {QStringLiteral("headerBottom"), plan.headerBottom},
                      {QStringLiteral("tracks"), int(plan.tracks.size())},
                      {QStringLiteral("depthTrack"), QJsonArray{plan.depthLeft, plan.depthRight}},
                      {QStringLiteral("depthUnit"), plan.depthUnit},
                      {QStringLiteral("pxPerUnit"), plan.pxPerUnit},
                      {QStringLiteral("depthLines"), QJsonArray{plan.minorDepth, plan.mediumDepth, plan.majorDepth}},
                      {QStringLiteral("depthLabelsEvery"), plan.labelEvery},
                      {QStringLiteral("curveTwoStrokes"), strokes},
                      {QStringLiteral("log"), anyLog},
                      {QStringLiteral("binarised"), binary}};
    QJsonObject facts{
        {QStringLiteral("format"), QStringLiteral("veer-synth-facts/1")},
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("split"),
         options.split == SynthSplit::Train ? QStringLiteral("train") : QStringLiteral("eval")},
        {QStringLiteral("width"), plan.width},
        {QStringLiteral("height"), out.sheet.rows},
        {QStringLiteral("logRows"), QJsonArray{plan.logTop, plan.logBottom}},
        {QStringLiteral("style"), style},
        {QStringLiteral("tracks"), tracks},
        {QStringLiteral("crossings"), crossings},
        {QStringLiteral("rowsNearCrossing"), nearRows},
        {QStringLiteral("rowsInLog"), plan.samples()},
        {QStringLiteral("wrapEvents"), wraps},
        {QStringLiteral("damage"), damage},
        {QStringLiteral("labels"),
         QStringLiteral("exact stroke masks drawn without anti-aliasing; the curve on top owns overlaps")}};
    if (!print.isEmpty())
        facts.insert(QStringLiteral("print"), print);
    if (!libraryError.isEmpty())
        facts.insert(QStringLiteral("libraryError"), libraryError);
    out.facts = facts;
    return out;
}

QByteArray encodePng(const cv::Mat &image)
{
    std::vector<uchar> bytes;
    cv::imencode(".png", image, bytes, {cv::IMWRITE_PNG_COMPRESSION, 1});
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

Status writeSynthCase(const SynthCase &synthCase, const QString &dir, bool paletteTiff)
{
    if (!QDir().mkpath(dir))
        return Status::failure(QStringLiteral("%1: cannot create directory").arg(dir));
    const QDir d(dir);
    if (Status s = writeFileAtomically(d.filePath(QStringLiteral("sheet.png")), encodePng(synthCase.sheet)); !s)
        return s;
    const bool palette = synthCase.facts.value(QStringLiteral("print")).toObject().contains(QStringLiteral("paletteLevels"));
    if (paletteTiff && palette && synthCase.sheet.type() == CV_8UC3) {
        if (Status s = writePaletteTiff(d.filePath(QStringLiteral("sheet.tif")), synthCase.sheet); !s)
            return s;
    }
    if (Status s = writeFileAtomically(d.filePath(QStringLiteral("labels.png")), encodePng(synthCase.labels)); !s)
        return s;
    LasWriteOptions las;
    las.decimals = 6;
    if (Status s = writeLas(synthCase.truth, d.filePath(QStringLiteral("truth.las")), las); !s)
        return s;
    if (Status s = synthCase.calibration.save(d.filePath(QStringLiteral("calibration.json"))); !s)
        return s;
    return writeFileAtomically(d.filePath(QStringLiteral("facts.json")),
                               QJsonDocument(synthCase.facts).toJson(QJsonDocument::Indented));
}

} // namespace veer
