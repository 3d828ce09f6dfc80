#include "synth/curvelibrary.h"
#include "synth/synthgenerator.h"
#include "raster/rastersource.h"
#include "raster/rasterwriter.h"
#include "synth/synthoptions.h"

#include "las/lasreader.h"
#include "testdata.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QSet>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace veer;

namespace {

std::vector<QString> realLasFiles()
{
    std::vector<QString> files;
    const QDir dir(test::lasDir());
    for (const QString &name : dir.entryList({QStringLiteral("*.las"), QStringLiteral("*.LAS")}, QDir::Files, QDir::Name))
        files.push_back(dir.filePath(name));
    return files;
}

/** Options for a named style row. */
SynthOptions optionsFor(const QString &style, int width, int height)
{
    SynthOptions o;
    o.width = width;
    o.height = height;
    if (style == QLatin1String("colour")) {
        o.render = RenderStyle::Colour;
    } else if (style == QLatin1String("fax200")) {
        o.render = RenderStyle::Binary200;
    } else if (style == QLatin1String("fax300")) {
        o.render = RenderStyle::Binary300;
        o.dash = DashStyle::Dotted;
    } else if (style == QLatin1String("gray-longdash")) {
        o.render = RenderStyle::Gray;
        o.dash = DashStyle::LongDashed;
    } else if (style == QLatin1String("log-dotted")) {
        o.scale = ScaleChoice::Log;
        o.dash = DashStyle::Dotted;
    } else if (style == QLatin1String("wrap")) {
        o.scale = ScaleChoice::Linear;
        o.hard.wrap = 1.0;
        o.hard.crossing = 1.0;
    } else if (style == QLatin1String("clean")) {
        o.noDamage = true;
    } else if (style == QLatin1String("real")) {
        o.lasFiles = realLasFiles();
        o.realShapes = true;
    } else if (style == QLatin1String("heldout")) {
        o.dash = DashStyle::DashDot;
        o.grid = GridColour::Red;
        o.render = RenderStyle::Colour;
    } else if (style == QLatin1String("print-light")) {
        o.print.ink = InkChoice::Light;
        o.print.shading = 1.0;
        o.print.palette = 1.0;
    } else if (style == QLatin1String("print-failures")) {
        o.scale = ScaleChoice::Linear;
        o.print.longPegged = 1.0;
        o.print.violentDash = 1.0;
        o.print.wrapBack = 1.0;
    } else if (style == QLatin1String("hard")) {
        o.hard = {1, 1, 1, 1, 1, 1, 1, 1};
        o.damage.geometry = 1.0;
    }
    return o;
}

bool isNull(double v, double nullValue)
{
    return !std::isfinite(v) || std::abs(v - nullValue) < 1e-6;
}

struct HitCount
{
    int checked = 0;
    int hits = 0;
    int solidNonNull = 0;
};

/**
 * Maps every inked truth sample through the calibration to a pixel and looks for its class within
 * half the line width + 1 px (+ the recorded skew). `valueShift` > 0 probes each row at the value of
 * a sample that far away instead, to show the check can fail.
 */
HitCount probeCurves(const SynthCase &c, size_t valueShift)
{
    HitCount count;
    const double skew = c.facts.value(QStringLiteral("damage")).toObject().value(QStringLiteral("geometry")).toObject()
                            .value(QStringLiteral("skewMaxShiftPx")).toDouble(0.0);
    const QJsonArray trackFacts = c.facts.value(QStringLiteral("tracks")).toArray();
    int curveIndex = 0;
    for (size_t k = 0; k < c.calibration.tracks.size(); ++k) {
        const Track &track = c.calibration.tracks[k];
        const int onTop = trackFacts.at(int(k)).toObject().value(QStringLiteral("onTop")).toInt();
        for (const CurveScale &scale : track.curves) {
            const int w = c.lineWidths[curveIndex];
            const std::vector<double> &values = c.truth.curves[curveIndex].values;
            const std::vector<std::uint8_t> &inked = c.inked[curveIndex];
            const int radius = int(std::ceil(w / 2.0 + 1.0 + skew));
            for (size_t i = 0; i < values.size(); ++i) {
                const double value = values[(i + valueShift) % values.size()];
                if (isNull(values[i], c.truth.nullValue) || isNull(value, c.truth.nullValue))
                    continue;
                if (scale.classId == 1)
                    ++count.solidNonNull;
                if (!inked[i])
                    continue;
                double t = scale.fractionOfValue(value);
                if (scale.wrap)
                    t -= (t < 0 ? -1 : t > 1 ? 1 : 0);
                const int row = int(std::lround(c.calibration.rowAtDepth(c.truth.depths[i])));
                const int col = int(std::lround(track.columnOfFraction(t)));
                bool own = false, coveredByTop = false;
                for (int dy = -radius; dy <= radius; ++dy) {
                    for (int dx = -radius; dx <= radius; ++dx) {
                        const int r = row + dy, cc = col + dx;
                        if (r < 0 || cc < 0 || r >= c.labels.rows || cc >= c.labels.cols)
                            continue;
                        const int label = c.labels.at<uchar>(r, cc);
                        own = own || label == scale.classId;
                        coveredByTop = coveredByTop || (label != 0 && label != scale.classId && onTop != scale.classId);
                    }
                }
                if (coveredByTop && !own)
                    continue;  // under the other curve at an overlap
                ++count.checked;
                count.hits += own;
            }
            ++curveIndex;
        }
    }
    return count;
}

} // namespace

/** Synthetic sheet generator: labels, determinism, truth LAS, calibration against drawn ink. */
class TestSynth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cases_data();
    void labelsAreExact_data() { cases_data(); }
    void labelsAreExact();
    void deterministicBySeed_data() { cases_data(); }
    void deterministicBySeed();
    void truthRoundTrip_data() { cases_data(); }
    void truthRoundTrip();
    void calibrationHitsInk_data() { cases_data(); }
    void calibrationHitsInk();
    void hardCasesAppear();
    void wrapTruthIsUnwrapped();
    void libraryLoadsRealCurves();
    void libraryErrorNamesFile();
    void splitUsesDisjointWindows();
    void optionParsers();
    void heldOutStyleOnlyOnRequest();
    void printInksArePaired();
    void printFailureStyles();
    void printStylesOffChangeNothing();
    void wornGridIsHeavyBrokenAndUnlabelled();
    void repeatSectionRepeatsTheLogBottom();
    void paletteTiffReadsBackTheSameSheet();
};

void TestSynth::cases_data()
{
    QTest::addColumn<QString>("style");
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("colour-512") << QStringLiteral("colour") << quint64(1) << 512 << 512;
    QTest::newRow("random-style") << QStringLiteral("any") << quint64(2) << 700 << 1600;
    QTest::newRow("fax200") << QStringLiteral("fax200") << quint64(3) << 800 << 1400;
    QTest::newRow("fax300-dotted") << QStringLiteral("fax300") << quint64(4) << 640 << 1300;
    QTest::newRow("gray-longdash") << QStringLiteral("gray-longdash") << quint64(5) << 900 << 1200;
    QTest::newRow("log-dotted") << QStringLiteral("log-dotted") << quint64(6) << 900 << 1500;
    QTest::newRow("wrap") << QStringLiteral("wrap") << quint64(7) << 700 << 2000;
    QTest::newRow("clean") << QStringLiteral("clean") << quint64(8) << 600 << 900;
    QTest::newRow("real-logs") << QStringLiteral("real") << quint64(9) << 1000 << 2500;
    QTest::newRow("all-hard") << QStringLiteral("hard") << quint64(10) << 800 << 2400;
    QTest::newRow("heldout-dashdot-red") << QStringLiteral("heldout") << quint64(11) << 900 << 1600;
    QTest::newRow("print-light-shaded-palette") << QStringLiteral("print-light") << quint64(12) << 900 << 1600;
    QTest::newRow("print-failures") << QStringLiteral("print-failures") << quint64(13) << 900 << 2400;
    QTest::newRow("whole-sheet") << QStringLiteral("any") << quint64(1000000000) << 0 << 0;
}

void TestSynth::labelsAreExact()
{
    QFETCH(QString, style);
    QFETCH(quint64, seed);
    QFETCH(int, width);
    QFETCH(int, height);
    const SynthCase c = generateSynthCase(optionsFor(style, width, height), seed);
    QCOMPARE(c.labels.type(), CV_8UC1);
    QCOMPARE(c.labels.size(), c.sheet.size());
    if (width > 0)
        QCOMPARE(c.sheet.cols, width);
    QVERIFY(c.sheet.type() == CV_8UC3 || c.sheet.type() == CV_8UC1);
    QCOMPARE(c.sheet.type() == CV_8UC1, c.facts.value(QStringLiteral("style")).toObject().value(QStringLiteral("binarised")).toBool());
    int hist[256] = {};
    for (int r = 0; r < c.labels.rows; ++r) {
        const uchar *p = c.labels.ptr<uchar>(r);
        for (int x = 0; x < c.labels.cols; ++x)
            ++hist[p[x]];
    }
    for (int v = 3; v < 256; ++v)
        QCOMPARE(hist[v], 0);
    QVERIFY(hist[1] > 0);
    QVERIFY(hist[2] > 0);
    QVERIFY(hist[0] > hist[1] + hist[2]);
    // Labelled pixels carry ink: darker than the paper on average.
    if (c.sheet.type() == CV_8UC3 && style == QLatin1String("clean")) {
        cv::Mat gray;
        cv::cvtColor(c.sheet, gray, cv::COLOR_BGR2GRAY);
        const double inkMean = cv::mean(gray, c.labels > 0)[0];
        const double paperMean = cv::mean(gray, c.labels == 0)[0];
        QVERIFY2(inkMean < paperMean - 40, qPrintable(QStringLiteral("ink %1 paper %2").arg(inkMean).arg(paperMean)));
    }
}

void TestSynth::deterministicBySeed()
{
    QFETCH(QString, style);
    QFETCH(quint64, seed);
    QFETCH(int, width);
    QFETCH(int, height);
    const SynthOptions o = optionsFor(style, width, height);
    const SynthCase a = generateSynthCase(o, seed);
    const SynthCase b = generateSynthCase(o, seed);
    QVERIFY(encodePng(a.sheet) == encodePng(b.sheet));
    QVERIFY(encodePng(a.labels) == encodePng(b.labels));
    QCOMPARE(QJsonDocument(a.facts).toJson(), QJsonDocument(b.facts).toJson());
    QCOMPARE(a.calibration.toJson(), b.calibration.toJson());
    const SynthCase other = generateSynthCase(o, seed + 1);
    QVERIFY(encodePng(a.labels) != encodePng(other.labels));
}

void TestSynth::truthRoundTrip()
{
    QFETCH(QString, style);
    QFETCH(quint64, seed);
    QFETCH(int, width);
    QFETCH(int, height);
    const SynthCase c = generateSynthCase(optionsFor(style, width, height), seed);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString caseDir = dir.filePath(QStringLiteral("case"));
    const Status written = writeSynthCase(c, caseDir);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    for (const char *name : {"sheet.png", "labels.png", "truth.las", "calibration.json", "facts.json"})
        QVERIFY2(QFile::exists(caseDir + QLatin1Char('/') + QLatin1String(name)), name);

    Result<LasDocument> las = readLas(caseDir + QStringLiteral("/truth.las"));
    QVERIFY2(las.ok(), qPrintable(las.error()));
    size_t curveCount = 0;
    for (const Track &t : c.calibration.tracks)
        curveCount += t.curves.size();
    QCOMPARE(las->curves.size(), curveCount);
    QCOMPARE(c.truth.depths, c.calibration.depthGrid(c.sheet.rows));
    QCOMPARE(las->depths.size(), c.truth.depths.size());
    QVERIFY(las->depths.size() > 10);
    for (size_t i = 0; i < las->depths.size(); ++i)
        QVERIFY(std::abs(las->depths[i] - c.truth.depths[i]) < 1e-4);
    size_t k = 0;
    for (const Track &t : c.calibration.tracks) {
        for (const CurveScale &s : t.curves) {
            QCOMPARE(las->curves[k].mnemonic, s.mnemonic);
            const auto &got = las->curves[k].values;
            const auto &want = c.truth.curves[k].values;
            QCOMPARE(got.size(), want.size());
            for (size_t i = 0; i < got.size(); ++i) {
                const bool nullWant = isNull(want[i], c.truth.nullValue);
                QCOMPARE(isNull(got[i], las->nullValue), nullWant);
                if (!nullWant)
                    QVERIFY2(std::abs(got[i] - want[i]) <= 1e-5 + 1e-6 * std::abs(want[i]),
                             qPrintable(QStringLiteral("%1 sample %2: %3 vs %4").arg(s.mnemonic).arg(i).arg(got[i]).arg(want[i])));
            }
            ++k;
        }
    }
    Result<Calibration> cal = Calibration::load(caseDir + QStringLiteral("/calibration.json"));
    QVERIFY2(cal.ok(), qPrintable(cal.error()));
    QCOMPARE(cal->tracks.size(), c.calibration.tracks.size());
    QCOMPARE(cal->depthGrid(c.sheet.rows).size(), c.truth.depths.size());
    const cv::Mat labels = cv::imread((caseDir + QStringLiteral("/labels.png")).toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(labels.type(), CV_8UC1);
    QCOMPARE(cv::countNonZero(labels != c.labels), 0);
    const QJsonObject facts = QJsonDocument::fromJson([&] {
        QFile f(caseDir + QStringLiteral("/facts.json"));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }()).object();
    QCOMPARE(facts.value(QStringLiteral("seed")).toString(), QString::number(seed));
    QCOMPARE(facts.value(QStringLiteral("tracks")).toArray().size(), qsizetype(c.calibration.tracks.size()));
}

void TestSynth::calibrationHitsInk()
{
    QFETCH(QString, style);
    QFETCH(quint64, seed);
    QFETCH(int, width);
    QFETCH(int, height);
    const SynthCase c = generateSynthCase(optionsFor(style, width, height), seed);
    const HitCount count = probeCurves(c, 0);
    QVERIFY2(count.checked > count.solidNonNull / 2,
             qPrintable(QStringLiteral("only %1 samples checked").arg(count.checked)));
    QVERIFY2(count.hits == count.checked,
             qPrintable(QStringLiteral("%1 of %2 samples miss their stroke").arg(count.checked - count.hits).arg(count.checked)));
    // The probe is sharp: fed the values of samples a third of the log away, most samples miss.
    const HitCount moved = probeCurves(c, c.truth.depths.size() / 3);
    QVERIFY2(moved.hits < moved.checked * 0.5, qPrintable(QStringLiteral("%1 of %2").arg(moved.hits).arg(moved.checked)));
}

void TestSynth::hardCasesAppear()
{
    SynthOptions o = optionsFor(QStringLiteral("hard"), 900, 3000);
    o.scale = ScaleChoice::Linear;
    QSet<QString> seen;
    int nullSamples = 0;
    for (quint64 seed = 20; seed < 24; ++seed) {
        const SynthCase c = generateSynthCase(o, seed);
        for (const QJsonValue &t : c.facts.value(QStringLiteral("tracks")).toArray()) {
            for (const QJsonValue &e : t.toObject().value(QStringLiteral("events")).toArray())
                seen.insert(e.toObject().value(QStringLiteral("type")).toString());
        }
        for (const LasCurve &curve : c.truth.curves) {
            for (double v : curve.values)
                nullSamples += isNull(v, c.truth.nullValue);
        }
        QVERIFY(c.facts.value(QStringLiteral("damage")).toObject().contains(QStringLiteral("geometry")));
    }
    for (const char *type : {"crossing", "nearMiss", "parallel", "spike", "pegged", "backup", "gridRun", "gap"})
        QVERIFY2(seen.contains(QLatin1String(type)), type);
    QVERIFY(nullSamples > 0);
}

void TestSynth::wrapTruthIsUnwrapped()
{
    SynthOptions o = optionsFor(QStringLiteral("wrap"), 700, 3000);
    int wrapCurves = 0, beyond = 0, wrapEvents = 0;
    for (quint64 seed = 40; seed < 43; ++seed) {
        const SynthCase c = generateSynthCase(o, seed);
        wrapEvents += c.facts.value(QStringLiteral("wrapEvents")).toInt();
        size_t k = 0;
        for (const Track &t : c.calibration.tracks) {
            for (const CurveScale &s : t.curves) {
                if (s.wrap) {
                    ++wrapCurves;
                    for (double v : c.truth.curves[k].values) {
                        if (isNull(v, c.truth.nullValue))
                            continue;
                        const double f = s.fractionOfValue(v);
                        beyond += (f > 1.0 + 1e-9 || f < -1e-9);
                    }
                }
                ++k;
            }
        }
    }
    QVERIFY(wrapCurves >= 3);
    QVERIFY(beyond > 0);
    QVERIFY(wrapEvents > 0);
}

void TestSynth::libraryLoadsRealCurves()
{
    Result<std::shared_ptr<const CurveLibrary>> lib = CurveLibrary::cached(realLasFiles());
    QVERIFY2(lib.ok(), qPrintable(lib.error()));
    QVERIFY((*lib)->wells().size() >= 4);
    bool gr = false, res = false, rhob = false;
    for (const LibraryWell &w : (*lib)->wells()) {
        for (const LibraryCurve &c : w.curves) {
            gr = gr || c.family == CurveFamily::GammaRay;
            res = res || c.family == CurveFamily::Resistivity;
            rhob = rhob || c.family == CurveFamily::Density;
            QCOMPARE(int(c.values.size()), w.samples);
        }
    }
    QVERIFY(gr && res && rhob);
    Result<std::shared_ptr<const CurveLibrary>> again = CurveLibrary::cached(realLasFiles());
    QVERIFY(again.ok() && again->get() == lib->get());
}

void TestSynth::libraryErrorNamesFile()
{
    const QString missing = QStringLiteral("/nonexistent/veer-missing.las");
    Result<std::shared_ptr<const CurveLibrary>> lib = CurveLibrary::load({missing});
    QVERIFY(!lib.ok());
    QVERIFY2(lib.error().contains(QStringLiteral("veer-missing.las")), qPrintable(lib.error()));
    SynthOptions o = optionsFor(QStringLiteral("colour"), 400, 400);
    o.lasFiles = {missing};
    const SynthCase c = generateSynthCase(o, 3);
    QVERIFY(c.facts.value(QStringLiteral("libraryError")).toString().contains(QStringLiteral("veer-missing.las")));
}

void TestSynth::splitUsesDisjointWindows()
{
    // Windows are reported as FILE:A,B@TOPm; train windows start in the first 70% of the well.
    Result<std::shared_ptr<const CurveLibrary>> lib = CurveLibrary::cached(realLasFiles());
    QVERIFY(lib.ok());
    for (SynthSplit split : {SynthSplit::Train, SynthSplit::Eval}) {
        SynthOptions o = optionsFor(QStringLiteral("clean"), 500, 800);
        o.library = *lib;
        o.realShapes = true;
        o.split = split;
        int checked = 0;
        for (quint64 seed = 100; seed < 110; ++seed) {
            const SynthCase c = generateSynthCase(o, seed);
            for (const QJsonValue &t : c.facts.value(QStringLiteral("tracks")).toArray()) {
                const QString shape = t.toObject().value(QStringLiteral("curves")).toArray().at(0).toObject()
                                          .value(QStringLiteral("shape")).toString();
                if (shape == QLatin1String("procedural"))
                    continue;
                const QString file = shape.section(QLatin1Char(':'), 0, 0);
                const double top = shape.section(QLatin1Char('@'), 1).section(QLatin1Char('m'), 0, 0).toDouble();
                for (const LibraryWell &w : (*lib)->wells()) {
                    if (w.source != file)
                        continue;
                    const double boundary = w.topMetres + std::floor(0.7 * w.samples) * w.stepMetres;
                    if (split == SynthSplit::Train)
                        QVERIFY2(top < boundary + 0.05, qPrintable(shape));
                    else
                        QVERIFY2(top >= boundary - 0.05, qPrintable(shape));
                    ++checked;
                    break;
                }
            }
        }
        QVERIFY(checked > 3);
    }
}

void TestSynth::optionParsers()
{
    DashStyle d;
    QVERIFY(parseDashStyle(QStringLiteral("dotted"), d) && d == DashStyle::Dotted);
    QVERIFY(!parseDashStyle(QStringLiteral("wavy"), d));
    RenderStyle r;
    QVERIFY(parseRenderStyle(QStringLiteral("fax200"), r) && r == RenderStyle::Binary200);
    GridColour g;
    QVERIFY(parseGridColour(QStringLiteral("orange"), g) && g == GridColour::Orange);
    SynthSplit s;
    QVERIFY(parseSynthSplit(QStringLiteral("eval"), s) && s == SynthSplit::Eval);
    QVERIFY(!parseSynthSplit(QStringLiteral("test"), s));
}

void TestSynth::heldOutStyleOnlyOnRequest()
{
    // The default mix never draws the held-out dash-dot stroke or red grid...
    QSet<QString> strokes, grids, renders;
    for (quint64 seed = 40; seed < 70; ++seed) {
        const SynthCase c = generateSynthCase(optionsFor(QStringLiteral("any"), 300, 300), seed);
        grids.insert(c.facts.value(QStringLiteral("style")).toObject().value(QStringLiteral("grid")).toString());
        renders.insert(c.facts.value(QStringLiteral("style")).toObject().value(QStringLiteral("render")).toString());
        for (const QJsonValue &t : c.facts.value(QStringLiteral("tracks")).toArray()) {
            for (const QJsonValue &curve : t.toObject().value(QStringLiteral("curves")).toArray())
                strokes.insert(curve.toObject().value(QStringLiteral("stroke")).toString());
        }
    }
    QVERIFY(strokes.contains(QStringLiteral("dashed")) && strokes.contains(QStringLiteral("dotted")));
    QVERIFY(!strokes.contains(QStringLiteral("dashdot")) && !strokes.contains(QStringLiteral("sparsedot")));
    QVERIFY(grids.size() >= 4 && !grids.contains(QStringLiteral("red")));
    QVERIFY(renders.size() >= 3 && !renders.contains(QStringLiteral("negative")));

    // ...and draws it when asked: every curve two is dash-dot, with a dot after each dash.
    const SynthCase c = generateSynthCase(optionsFor(QStringLiteral("heldout"), 600, 800), 41);
    QCOMPARE(c.facts.value(QStringLiteral("style")).toObject().value(QStringLiteral("grid")).toString(), QStringLiteral("red"));
    int dashDot = 0;
    for (const QJsonValue &t : c.facts.value(QStringLiteral("tracks")).toArray()) {
        for (const QJsonValue &v : t.toObject().value(QStringLiteral("curves")).toArray()) {
            const QJsonObject curve = v.toObject();
            if (curve.value(QStringLiteral("class")).toInt() != 2)
                continue;
            QCOMPARE(curve.value(QStringLiteral("stroke")).toString(), QStringLiteral("dashdot"));
            QVERIFY(curve.value(QStringLiteral("dotOn")).toDouble() > 0.0);
            ++dashDot;
        }
    }
    QVERIFY(dashDot > 0);
    DashStyle d;
    QVERIFY(parseDashStyle(QStringLiteral("dashdot"), d) && d == DashStyle::DashDot);
    GridColour g;
    QVERIFY(parseGridColour(QStringLiteral("red"), g) && g == GridColour::Red);

    // The microfilm negative: light ink on dark film, the same labels as the positive.
    SynthOptions positive = optionsFor(QStringLiteral("heldout"), 600, 800);
    positive.render = RenderStyle::Gray;
    SynthOptions negative = positive;
    negative.render = RenderStyle::Negative;
    const SynthCase p = generateSynthCase(positive, 43);
    const SynthCase n = generateSynthCase(negative, 43);
    QCOMPARE(cv::countNonZero(p.labels != n.labels), 0);
    cv::Mat pg, ng;
    cv::cvtColor(p.sheet, pg, cv::COLOR_BGR2GRAY);
    cv::cvtColor(n.sheet, ng, cv::COLOR_BGR2GRAY);
    QVERIFY(cv::mean(pg)[0] > 150 && cv::mean(ng)[0] < 105);
    const cv::Mat ink = n.labels > 0;
    QVERIFY(cv::mean(ng, ink)[0] > cv::mean(ng, n.labels == 0)[0] + 40);  // curves are the light strokes
    RenderStyle r;
    QVERIFY(parseRenderStyle(QStringLiteral("negative"), r) && r == RenderStyle::Negative);
    // The sparse dots: one short mark per period, gaps of 8 px and more, where the mix's dots are
    // at most about 6 px apart.
    SynthOptions sparse = optionsFor(QStringLiteral("heldout"), 600, 800);
    sparse.dash = DashStyle::SparseDotted;
    const SynthCase sd = generateSynthCase(sparse, 44);
    int sparseCurves = 0;
    for (const QJsonValue &t : sd.facts.value(QStringLiteral("tracks")).toArray()) {
        for (const QJsonValue &v : t.toObject().value(QStringLiteral("curves")).toArray()) {
            const QJsonObject curve = v.toObject();
            if (curve.value(QStringLiteral("class")).toInt() != 2)
                continue;
            QCOMPARE(curve.value(QStringLiteral("stroke")).toString(), QStringLiteral("sparsedot"));
            QVERIFY(curve.value(QStringLiteral("dashOff")).toDouble() >= 8.0);
            QVERIFY(curve.value(QStringLiteral("dashOn")).toDouble() <= 1.0);
            ++sparseCurves;
        }
    }
    QVERIFY(sparseCurves > 0);
    QVERIFY(cv::countNonZero(sd.labels == 2) > 0);
    QVERIFY(parseDashStyle(QStringLiteral("sparsedot"), d) && d == DashStyle::SparseDotted);
}

// A colour print reduced to a palette is also written as a true palette TIFF, which reads back
// through the sheet reader with the PNG's colours and the same grey for the network.
void TestSynth::paletteTiffReadsBackTheSameSheet()
{
    SynthOptions o = optionsFor(QStringLiteral("clean"), 700, 1200);
    o.print.ink = InkChoice::Light;
    o.print.palette = 1.0;
    const SynthCase c = generateSynthCase(o, 31);
    QVERIFY(c.facts.value(QStringLiteral("print")).toObject().contains(QStringLiteral("paletteLevels")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString caseDir = dir.filePath(QStringLiteral("case"));
    QVERIFY(writeSynthCase(c, caseDir, true).ok());
    auto tif = RasterSource::open(caseDir + QStringLiteral("/sheet.tif"));
    QVERIFY2(tif.ok(), qPrintable(tif.error()));
    QVERIFY((*tif)->info().palette);
    QCOMPARE((*tif)->info().driver, QStringLiteral("GTiff"));
    auto png = RasterSource::open(caseDir + QStringLiteral("/sheet.png"));
    QVERIFY2(png.ok(), qPrintable(png.error()));
    const QRect all(0, 0, c.sheet.cols, c.sheet.rows);
    const QImage a = (*tif)->readRgb(all).value();
    const QImage b = (*png)->readRgb(all).value();
    QCOMPARE(a.convertToFormat(QImage::Format_RGB32), b.convertToFormat(QImage::Format_RGB32));
    const cv::Mat greyTif = (*tif)->readGrey(all).value();
    const cv::Mat greyPng = (*png)->readGrey(all).value();
    QCOMPARE(cv::countNonZero(greyTif != greyPng), 0);
    // Without the palette look, or without asking, no TIFF.
    QVERIFY(writeSynthCase(c, dir.filePath(QStringLiteral("plain")), false).ok());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("plain/sheet.tif"))));
    // More than 256 colours: refused, naming the file.
    cv::Mat rich(20, 20, CV_8UC3);
    cv::randu(rich, 0, 255);
    const Status refused = writePaletteTiff(dir.filePath(QStringLiteral("rich.tif")), rich);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().contains(QStringLiteral("rich.tif")));
}

QTEST_GUILESS_MAIN(TestSynth)
void TestSynth::printInksArePaired()
{
    // One seed, two inks: the same sheet (labels, grid, shading, damage) apart from the curve inks.
    SynthOptions light = optionsFor(QStringLiteral("clean"), 800, 1400);
    light.print.ink = InkChoice::Light;
    light.print.shading = 1.0;
    SynthOptions black = light;
    black.print.ink = InkChoice::Black;
    for (quint64 seed : {quint64(21), quint64(22), quint64(23)}) {
        const SynthCase a = generateSynthCase(light, seed);
        const SynthCase b = generateSynthCase(black, seed);
        QCOMPARE(cv::countNonZero(a.labels != b.labels), 0);
        QCOMPARE(a.calibration.toJson(), b.calibration.toJson());
        QVERIFY(a.sheet.type() == CV_8UC3);
        const QJsonObject print = a.facts.value(QStringLiteral("print")).toObject();
        QVERIFY(print.value(QStringLiteral("colourPrint")).toBool());
        QCOMPARE(print.value(QStringLiteral("ink")).toString(), QStringLiteral("light"));
        // Off the curves (and the header's captions, printed in the curves' inks) the two sheets agree;
        // on them the light inks are coloured and lighter in grey.
        const int headerBottom = a.facts.value(QStringLiteral("style")).toObject().value(QStringLiteral("headerBottom")).toInt();
        cv::Mat diff;
        cv::absdiff(a.sheet, b.sheet, diff);
        cv::Mat diffGrey;
        cv::cvtColor(diff, diffGrey, cv::COLOR_BGR2GRAY);
        cv::Mat nearCurve;
        cv::dilate(a.labels > 0, nearCurve, cv::Mat::ones(9, 9, CV_8U));
        nearCurve.rowRange(0, headerBottom).setTo(255);
        QCOMPARE(cv::countNonZero((diffGrey > 0) & ~nearCurve), 0);
        cv::Mat greyA, greyB, hsv;
        cv::cvtColor(a.sheet, greyA, cv::COLOR_BGR2GRAY);
        cv::cvtColor(b.sheet, greyB, cv::COLOR_BGR2GRAY);
        cv::cvtColor(a.sheet, hsv, cv::COLOR_BGR2HSV);
        std::vector<cv::Mat> channels;
        cv::split(hsv, channels);
        const cv::Mat onCurve = a.labels > 0;
        QVERIFY(cv::mean(channels[1], onCurve)[0] > 90);  // saturated
        QVERIFY(cv::mean(greyA, onCurve)[0] > cv::mean(greyB, onCurve)[0] + 40);
    }
}

void TestSynth::printFailureStyles()
{
    SynthOptions o = optionsFor(QStringLiteral("print-failures"), 900, 3000);
    const SynthCase c = generateSynthCase(o, 31);
    QVERIFY(c.facts.value(QStringLiteral("style")).toObject().value(QStringLiteral("binarised")).toBool());
    QSet<QString> seen;
    bool wrapCurve = false;
    for (const QJsonValue &t : c.facts.value(QStringLiteral("tracks")).toArray()) {
        for (const QJsonValue &e : t.toObject().value(QStringLiteral("events")).toArray())
            seen.insert(e.toObject().value(QStringLiteral("type")).toString());
        for (const QJsonValue &cv : t.toObject().value(QStringLiteral("curves")).toArray())
            wrapCurve = wrapCurve || cv.toObject().value(QStringLiteral("wrapEvents")).toInt() >= 2;
    }
    QVERIFY(seen.contains(QStringLiteral("longPegged")));
    QVERIFY(seen.contains(QStringLiteral("violentDash")));
    QVERIFY(seen.contains(QStringLiteral("wrapBack")));
    QVERIFY2(wrapCurve, "a backup curve leaves the scale at least twice");
    // Curve one pegged on the border line: its truth sits at a scale end for a long run of rows.
    int longest = 0;
    size_t k = 0;
    for (const Track &track : c.calibration.tracks) {
        const CurveScale &one = track.curves[0];
        int run = 0;
        for (double v : c.truth.curves[k].values) {
            const double f = isNull(v, c.truth.nullValue) ? 0.5 : one.fractionOfValue(v);
            run = (std::abs(f) < 1e-6 || std::abs(f - 1.0) < 1e-6) ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        k += track.curves.size();
    }
    QVERIFY2(longest > int(c.truth.depths.size() / 20), qPrintable(QStringLiteral("longest peg %1 samples").arg(longest)));
}

void TestSynth::printStylesOffChangeNothing()
{
    // Knobs of colour prints alone (no colour print drawn) leave every seed's sheet as it was.
    SynthOptions plain = optionsFor(QStringLiteral("any"), 700, 1200);
    SynthOptions knobs = plain;
    knobs.print.shading = 1.0;
    knobs.print.palette = 1.0;
    QVERIFY(!knobs.print.any());
    for (quint64 seed : {quint64(41), quint64(1000000007)}) {
        const SynthCase a = generateSynthCase(plain, seed);
        const SynthCase b = generateSynthCase(knobs, seed);
        QVERIFY(encodePng(a.sheet) == encodePng(b.sheet));
        QVERIFY(!a.facts.contains(QStringLiteral("print")));
    }
    // A colour-print share draws its own numbers: sheets it does not pick stay byte for byte.
    SynthOptions some = plain;
    some.print.colourPrint = 0.5;
    int same = 0, changed = 0;
    for (quint64 seed = 50; seed < 62; ++seed) {
        const SynthCase a = generateSynthCase(plain, seed);
        const SynthCase b = generateSynthCase(some, seed);
        const bool picked = b.facts.value(QStringLiteral("print")).toObject().value(QStringLiteral("colourPrint")).toBool();
        const bool equal = encodePng(a.sheet) == encodePng(b.sheet);
        QCOMPARE(equal, !picked);
        (picked ? changed : same) += 1;
        QCOMPARE(cv::countNonZero(a.labels != b.labels), 0);
    }
    QVERIFY(same > 0 && changed > 0);
}

void TestSynth::repeatSectionRepeatsTheLogBottom()
{
    // The last stretch of the log printed again below a header of its own: the same pixels and
    // labels, named in the truth calibration as a section whose ties give the depths it repeats.
    SynthOptions o = optionsFor(QStringLiteral("any"), 900, 4000);
    o.print.repeatSection = 1.0;
    const SynthCase plain = generateSynthCase(optionsFor(QStringLiteral("any"), 900, 4000), 77);
    const SynthCase c = generateSynthCase(o, 77);
    const QJsonArray picked
        = c.facts.value(QStringLiteral("print")).toObject().value(QStringLiteral("repeatSection")).toArray();
    QCOMPARE(picked.size(), 2);
    const int rows = picked.at(0).toInt(), gap = picked.at(1).toInt();
    QCOMPARE(c.sheet.rows, plain.sheet.rows + gap + rows + 12);
    QCOMPARE(c.facts.value(QStringLiteral("height")).toInt(), c.sheet.rows);
    // Above the repeat the sheet and its truth are the plain one's.
    QCOMPARE(cv::countNonZero(c.labels.rowRange(0, plain.labels.rows) != plain.labels), 0);
    QCOMPARE(c.truth.depths, plain.truth.depths);
    QCOMPARE(c.calibration.ties.size(), plain.calibration.ties.size());
    QCOMPARE(int(c.calibration.sections.size()), 1);
    const DepthSection &section = c.calibration.sections.front();
    QCOMPARE(section.name, QStringLiteral("REPEAT"));
    QCOMPARE(int(section.lastRow - section.firstRow + 1), rows);
    QVERIFY(section.firstRow >= plain.sheet.rows + gap);
    // Each repeated row shows the log row of the same depth, labels and all.
    const Calibration repeat = c.calibration.sectionCalibration(0);
    for (int row = int(section.firstRow); row <= int(section.lastRow); row += 97) {
        const double source = c.calibration.rowAtDepth(repeat.depthAtRow(row));
        QVERIFY2(std::abs(source - std::round(source)) < 0.01, qPrintable(QString::number(source)));
        QCOMPARE(cv::countNonZero(c.labels.row(row) != plain.labels.row(int(std::round(source)))), 0);
        cv::Mat diff;
        cv::absdiff(c.sheet.row(row), plain.sheet.row(int(std::round(source))), diff);
        QCOMPARE(cv::countNonZero(diff.reshape(1)), 0);
    }
    QVERIFY(cv::countNonZero(c.labels.rowRange(int(section.firstRow), int(section.lastRow) + 1)) > 0);
    // No curve in the header between them.
    QCOMPARE(cv::countNonZero(c.labels.rowRange(plain.sheet.rows, int(section.firstRow))), 0);
}

void TestSynth::wornGridIsHeavyBrokenAndUnlabelled()
{
    // An old paper log's grid: heavy major lines (3-7 px) that break here and there, drawn under
    // the same curves with the same labels; the grid itself is never labelled.
    SynthOptions plain = optionsFor(QStringLiteral("any"), 900, 3000);
    SynthOptions worn = plain;
    worn.print.wornGrid = 1.0;
    int heavy = 0;
    for (quint64 seed = 70; seed < 74; ++seed) {
        const SynthCase a = generateSynthCase(plain, seed);
        const SynthCase b = generateSynthCase(worn, seed);
        QVERIFY(b.facts.value(QStringLiteral("print")).toObject().value(QStringLiteral("wornGrid")).toBool());
        QCOMPARE(cv::countNonZero(a.labels != b.labels), 0);
        cv::Mat grey;
        if (b.sheet.channels() == 3)
            cv::cvtColor(b.sheet, grey, cv::COLOR_BGR2GRAY);
        else
            grey = b.sheet;
        cv::Mat nearCurve;
        cv::dilate(b.labels > 0, nearCurve, cv::Mat::ones(7, 7, CV_8U));
        // Rows of the first track mostly ink: bands of them are the major depth lines.
        const Track &track = b.calibration.tracks.front();
        const cv::Rect span(int(track.left) + 12, 0, int(track.right - track.left) - 24, grey.rows);
        const cv::Mat inner = grey(span) < 128;
        int band = 0, thickest = 0, gapsInThick = 0;
        for (int y = 0; y < inner.rows; ++y) {
            const bool line = cv::countNonZero(inner.row(y)) > inner.cols / 2;
            band = line ? band + 1 : 0;
            if (band >= 3) {
                // A break: a column of the band's middle row that is paper, away from any curve.
                const cv::Mat row = inner.row(y - 1);
                const cv::Mat curve = nearCurve(span).row(y - 1);
                gapsInThick += cv::countNonZero(~row & ~curve);
            }
            thickest = std::max(thickest, band);
        }
        QVERIFY2(thickest <= 9,
                 qPrintable(QStringLiteral("seed %1: a band of %2 rows").arg(seed).arg(thickest)));
        if (thickest >= 3 && gapsInThick > 0)
            ++heavy;
    }
    QVERIFY2(heavy >= 3,
             qPrintable(QStringLiteral("%1 of 4 sheets with heavy broken major lines").arg(heavy)));
}

#include "tst_synth.moc"
