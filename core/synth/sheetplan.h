#pragma once

#include "calibration/calibration.h"
#include "curvelibrary.h"
#include "synthoptions.h"

#include <QJsonArray>
#include <QString>

#include <opencv2/core.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace veer {

class SynthRandom;

enum class StrokeKind { Solid, Dashed, LongDashed, Dotted, DashDot, SparseDotted };

QString strokeKindName(StrokeKind kind);

/**
 * One curve as the generator draws it. Values live in "fraction" space: t = 0 at the track's left
 * edge, 1 at the right edge, one entry per ideal pixel row of the log area (dense samples). A wrap
 * curve may leave [0, 1] by up to one span; other curves are clamped (pegged) to it. NaN = pen up.
 */
struct CurvePlan
{
    CurveScale scale;                 ///< what goes into the calibration
    CurveFamily family = CurveFamily::GammaRay;
    StrokeKind stroke = StrokeKind::Solid;
    double dashOn = 0.0;              ///< px of ink per dash (dashed/dotted)
    double dashOff = 0.0;             ///< px of gap
    double dashPhase = 0.0;           ///< px into the pattern at the first inked vertex
    double dotOn = 0.0;               ///< dash-dot only: px of the dot after each dash's gap
    int width = 1;
    cv::Scalar ink;                   ///< BGR
    std::vector<double> t;            ///< per dense row
    std::vector<double> arc;          ///< cumulative drawn length (px) at each dense vertex; set by the renderer
    QString shapeSource;

    /** True when arc length `length` falls on ink of the dash pattern (always for solid). */
    bool inkedAt(double length) const;
    /** Length of one repeat of the dash pattern (dash, gap[, dot, gap]). */
    double patternPeriod() const;
    /**
     * Where `phase` (px into the pattern, in [0, patternPeriod())) falls: returns true on ink and
     * sets `remaining` to the px until the pattern changes between ink and gap.
     */
    bool patternAt(double phase, double &remaining) const;
};

/**
 * A tinted fill of a colour print (background in the labels), laid over paper and grid before the
 * curves: from curve one to curve two, or from curve one to the left or right track edge, over the
 * dense rows [from, to].
 */
struct ShadePlan
{
    enum Kind { BetweenCurves, ToLeftEdge, ToRightEdge };
    Kind kind = BetweenCurves;
    int from = 0;
    int to = 0;
    cv::Scalar tint;                  ///< BGR; the paper is multiplied by tint / 255
};

/** One curve track: its pixel columns, grid and its two curves (index 0 = class 1, 1 = class 2). */
struct TrackPlan
{
    int left = 0;                     ///< pixel column of the left edge line
    int right = 0;                    ///< pixel column of the right edge line
    bool log = false;
    int decades = 0;                  ///< log tracks
    int divisions = 10;               ///< linear tracks
    std::array<CurvePlan, 2> curves;
    int topClass = 1;                 ///< class of the curve drawn last (on top at overlaps)
    QJsonArray events;                ///< hard cases injected, for facts.json
    std::vector<ShadePlan> shades;    ///< colour prints only

    double width() const { return right - left; }
    /** Fractions of the vertical grid lines with their level (0 minor, 1 medium, 2 major). */
    std::vector<std::pair<double, int>> gridLines() const;
};

/** Everything the renderer needs: the ideal (undamaged) geometry of one sheet. */
struct SheetPlan
{
    int width = 0;
    int height = 0;
    int headerBottom = 0;             ///< rows [0, headerBottom) are the header band (0 = none)
    int logTop = 0;                   ///< first ideal row of the log area (dense sample 0)
    int logBottom = 0;                ///< last ideal row of the log area (dense sample n-1)
    QString depthUnit = QStringLiteral("M");
    double pxPerUnit = 10.0;
    double depthAtLogTop = 0.0;
    double step = 0.1;                ///< LAS step of the truth grid
    double minorDepth = 1.0, mediumDepth = 5.0, majorDepth = 10.0, labelEvery = 10.0;
    int depthLeft = 0, depthRight = 0; ///< depth track columns
    cv::Scalar paper{250, 250, 250};
    cv::Scalar gridInk{0, 0, 0};
    cv::Scalar textInk{0, 0, 0};
    GridColour gridColour = GridColour::Black;
    RenderStyle render = RenderStyle::Colour;
    int paletteLevels = 0;            ///< > 0: the finished sheet keeps this many levels per channel (palette file)
    int majorWidth = 2;
    double minorStrength = 0.5;       ///< minor grid darkness relative to the grid ink
    int fontFace = 0;
    bool turnedNumbers = false;       ///< depth numbers turned 90 degrees (reading up the column)
    bool numbersAbove = false;        ///< depth numbers just above their line, not centred on it
    std::uint64_t wornGridSeed = 0; ///< not 0: an old paper log's grid (heavy ragged broken lines, dotted
                                    ///< minor lines, edge ticks), drawn from a stream of this seed
    int repeatRows = 0; ///< > 0: the last this many rows of the log are printed again below it
    int repeatGap = 0; ///< rows of the repeat section's own header between the two
    QString wellName;
    std::vector<QString> headerNotes; ///< company, field, scale... printed in the title block
    std::vector<TrackPlan> tracks;

    int samples() const { return logBottom - logTop + 1; }
    double depthAtIdealRow(double row) const { return depthAtLogTop + (row - logTop) / pxPerUnit; }
    double idealRowAtDepth(double depth) const { return logTop + (depth - depthAtLogTop) * pxPerUnit; }
};

/** Draws the layout, scales, strokes and inks of a sheet (curve values are left empty). */
SheetPlan planSheet(const SynthOptions &options, SynthRandom &rng);

/** Value of a curve at fraction t (unwrapped: t may leave [0,1] for wrap curves). */
double valueAtFraction(const CurveScale &scale, double t);

} // namespace veer
