// veer-cli evaluate --calibrate: automatic calibration against the generator's truth.
#include "evaluatecalibration.h"

#include "cliutil.h"

#include "autocal/autocalibrator.h"
#include "calibration/calibration.h"
#include "raster/rastersource.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace veer::cli {

void addCalibrationCheckOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("calibrate"),
                      QStringLiteral("Check automatic calibration instead of digitizing: propose a calibration for each case and "
                                     "compare it with calibration.json (tracks within 1 px, depth within 0.1 % of the interval "
                                     "at every row, unit, scales).")});
}

namespace {

struct CaseCheck
{
    bool proposed = false;
    bool handsOff = false;
    bool tracksOk = false;
    bool depthOk = false;
    bool unitOk = false;
    double maxEdgeError = 0.0;        ///< px
    double maxDepthErrorShare = 0.0;  ///< of the interval
    double topError = 0.0, bottomError = 0.0;  ///< depth units
    int scaleTracks = 0, scalesRead = 0, scalesRight = 0;
    int sectionsMissed = 0; ///< sections of the truth the proposal has none for
    QString refusal;
};

bool sameValue(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

CaseCheck check(const AutoCalibration &ac, const Calibration &truth, int height)
{
    CaseCheck c;
    c.proposed = ac.ok;
    c.handsOff = ac.handsOff();
    c.refusal = ac.refusal;
    const Calibration &cal = ac.calibration;
    c.tracksOk = cal.tracks.size() == truth.tracks.size();
    for (size_t t = 0; t < std::min(cal.tracks.size(), truth.tracks.size()); ++t) {
        c.maxEdgeError = std::max({c.maxEdgeError, std::abs(cal.tracks[t].left - truth.tracks[t].left),
                                   std::abs(cal.tracks[t].right - truth.tracks[t].right)});
    }
    c.tracksOk = c.tracksOk && c.maxEdgeError <= 1.0;
    if (!ac.ok)
        return c;
    c.unitOk = cal.depthUnit == truth.depthUnit;
    const double top = truth.topDepth.value_or(truth.depthAtRow(0));
    const double bottom = truth.bottomDepth.value_or(truth.depthAtRow(height - 1));
    const double r0 = truth.rowAtDepth(top), r1 = truth.rowAtDepth(bottom);
    for (double row = std::min(r0, r1); row <= std::max(r0, r1); row += 1.0)
        c.maxDepthErrorShare = std::max(c.maxDepthErrorShare, std::abs(cal.depthAtRow(row) - truth.depthAtRow(row)) / (bottom - top));
    // Each section of the truth (a repeat section): found, and on its own depths to the same share.
    for (int k = 0; k < int(truth.sections.size()); ++k) {
        const DepthSection &want = truth.sections[size_t(k)];
        const int found = cal.sectionAt(0.5 * (want.firstRow + want.lastRow));
        if (found < 0) {
            c.maxDepthErrorShare = std::max(c.maxDepthErrorShare, 1.0);
            ++c.sectionsMissed;
            continue;
        }
        const Calibration got = cal.sectionCalibration(found), right = truth.sectionCalibration(k);
        const double span = std::abs(right.depthAtRow(want.lastRow) - right.depthAtRow(want.firstRow));
        for (double row = want.firstRow; row <= want.lastRow; row += 1.0)
            c.maxDepthErrorShare = std::max(c.maxDepthErrorShare,
                                            std::abs(got.depthAtRow(row) - right.depthAtRow(row)) / span);
    }
    c.depthOk = c.maxDepthErrorShare < 0.001;
    c.topError = cal.topDepth.value_or(0) - top;
    c.bottomError = cal.bottomDepth.value_or(0) - bottom;
    for (size_t t = 0; t < std::min(cal.tracks.size(), truth.tracks.size()); ++t) {
        const auto &want = truth.tracks[t].curves;
        const auto &got = cal.tracks[t].curves;
        ++c.scaleTracks;
        if (got.empty())
            continue;
        ++c.scalesRead;
        bool right = got.size() == want.size();
        for (size_t k = 0; right && k < got.size(); ++k) {
            right = got[k].mnemonic == want[k].mnemonic && sameValue(got[k].left, want[k].left)
                 && sameValue(got[k].right, want[k].right) && got[k].type == want[k].type;
        }
        c.scalesRight += right ? 1 : 0;
    }
    return c;
}

} // namespace

int evaluateCalibrations(const QCommandLineParser &parser, const QStringList &cases)
{
    QJsonArray perCase;
    int proposed = 0, handsOff = 0, handsOffRight = 0, wrongButSure = 0, refused = 0, refusedWithReason = 0;
    int tracksOk = 0, depthOk = 0, unitOk = 0, scaleTracks = 0, scalesRead = 0, scalesRight = 0, printedScaleTracks = 0;
    int printedScalesRight = 0;
    double worstEdge = 0.0, worstDepth = 0.0, seconds = 0.0;
    for (const QString &dir : cases) {
        const QDir d(dir);
        auto truth = Calibration::load(d.filePath(QStringLiteral("calibration.json")));
        auto sheet = RasterSource::open(d.filePath(QStringLiteral("sheet.png")));
        if (!truth || !sheet) {
            printError(!truth ? truth.error() : sheet.error());
            return ExitFailure;
        }
        QElapsedTimer timer;
        timer.start();
        Result<AutoCalibration> ac = autoCalibrate(*sheet.value());
        seconds += timer.elapsed() / 1000.0;
        if (!ac) {
            printError(QStringLiteral("%1: %2").arg(dir, ac.error()));
            return ExitFailure;
        }
        const CaseCheck c = check(ac.value(), truth.value(), sheet.value()->height());
        // A header prints the scales; without one there is nothing to read.
        QFile factsFile(d.filePath(QStringLiteral("facts.json")));
        bool header = false;
        if (factsFile.open(QIODevice::ReadOnly))
            header = QJsonDocument::fromJson(factsFile.readAll()).object().value(QStringLiteral("style")).toObject()
                         .value(QStringLiteral("header")).toBool();
        // Depth registration: tracks and depth. The unit is counted on its own (often not printed).
        const bool right = c.tracksOk && c.depthOk;
        proposed += c.proposed ? 1 : 0;
        handsOff += c.handsOff ? 1 : 0;
        handsOffRight += c.handsOff && right ? 1 : 0;
        wrongButSure += c.handsOff && !right ? 1 : 0;
        refused += c.proposed ? 0 : 1;
        refusedWithReason += !c.proposed && !c.refusal.isEmpty() ? 1 : 0;
        tracksOk += c.tracksOk ? 1 : 0;
        depthOk += c.depthOk ? 1 : 0;
        unitOk += c.unitOk ? 1 : 0;
        scaleTracks += c.scaleTracks;
        scalesRead += c.scalesRead;
        scalesRight += c.scalesRight;
        if (header) {
            printedScaleTracks += c.scaleTracks;
            printedScalesRight += c.scalesRight;
        }
        worstEdge = std::max(worstEdge, c.maxEdgeError);
        worstDepth = std::max(worstDepth, c.maxDepthErrorShare);
        QJsonObject o{{QStringLiteral("case"), d.dirName()},
                      {QStringLiteral("proposed"), c.proposed},
                      {QStringLiteral("hands_off"), c.handsOff},
                      {QStringLiteral("right"), right},
                      {QStringLiteral("tracks_ok"), c.tracksOk},
                      {QStringLiteral("edge_error_px"), c.maxEdgeError},
                      {QStringLiteral("depth_error_share"), c.maxDepthErrorShare},
                      {QStringLiteral("top_error"), c.topError},
                      {QStringLiteral("bottom_error"), c.bottomError},
                      {QStringLiteral("unit_ok"), c.unitOk},
                      {QStringLiteral("header"), header},
                      {QStringLiteral("scales_right"), c.scalesRight},
                      {QStringLiteral("scale_tracks"), c.scaleTracks}};
        if (!c.proposed)
            o.insert(QStringLiteral("refused"), c.refusal);
        if (c.sectionsMissed > 0)
            o.insert(QStringLiteral("sections_missed"), c.sectionsMissed);
        auto edges = [](const Calibration &cal) {
            QJsonArray a;
            for (const Track &t : cal.tracks)
                a.append(QJsonArray{t.left, t.right});
            return a;
        };
        o.insert(QStringLiteral("tracks"), edges(ac.value().calibration));
        o.insert(QStringLiteral("true_tracks"), edges(truth.value()));
        QStringList unsure;
        for (const ProposalPart &p : ac.value().unsureParts())
            unsure << p.name;
        o.insert(QStringLiteral("unsure"), unsure.join(QStringLiteral(", ")));
        perCase.append(o);
        std::fprintf(stderr, "%s: %s%s, edges %.2f px, depth %.4f %%%s\n", qPrintable(d.dirName()),
                     c.proposed ? (c.handsOff ? "hands-off" : "proposed, unsure") : "refused",
                     right ? ", right" : (c.proposed ? ", WRONG" : ""), c.maxEdgeError, 100.0 * c.maxDepthErrorShare,
                     c.proposed ? "" : qPrintable(QStringLiteral(" (") + c.refusal + QLatin1Char(')')));
    }
    const double n = double(cases.size());
    QJsonObject summary{
        {QStringLiteral("cases"), int(cases.size())},
        {QStringLiteral("hands_off_right_share"), handsOffRight / n},
        {QStringLiteral("hands_off"), handsOff},
        {QStringLiteral("hands_off_right"), handsOffRight},
        {QStringLiteral("wrong_but_sure"), wrongButSure},
        {QStringLiteral("proposed"), proposed},
        {QStringLiteral("refused"), refused},
        {QStringLiteral("refused_with_reason"), refusedWithReason},
        {QStringLiteral("tracks_within_1px"), tracksOk},
        {QStringLiteral("depth_within_0.1pct"), depthOk},
        {QStringLiteral("unit_right"), unitOk},
        {QStringLiteral("worst_edge_error_px"), worstEdge},
        {QStringLiteral("worst_depth_error_share"), worstDepth},
        {QStringLiteral("scale_tracks"), scaleTracks},
        {QStringLiteral("scale_tracks_read"), scalesRead},
        {QStringLiteral("scale_tracks_right"), scalesRight},
        {QStringLiteral("printed_scale_tracks"), printedScaleTracks},
        {QStringLiteral("printed_scale_tracks_right"), printedScalesRight},
        {QStringLiteral("seconds_per_sheet"), seconds / n}};
    QJsonObject out{{QStringLiteral("summary"), summary}};
    if (parser.isSet(QStringLiteral("per-case")))
        out.insert(QStringLiteral("cases"), perCase);
    printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
    return ExitOk;
}

} // namespace veer::cli
