#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace veer {

/** One image row tied to a depth. */
struct DepthTie
{
    double row = 0.0;
    double depth = 0.0;
};

enum class ScaleType { Linear, Log };

/** The value scale of one curve inside its track, and which segmentation class it is. */
struct CurveScale
{
    int classId = 1;           ///< 1 = curve one (solid), 2 = curve two (dashed/dotted)
    QString mnemonic;
    QString unit;
    ScaleType type = ScaleType::Linear;
    double left = 0.0;         ///< value at the track's left edge
    double right = 1.0;        ///< value at the track's right edge
    bool wrap = false;         ///< backup (wrap-around) scale: values continue one span past an edge
    /// Optional ink colour of the curve on the print, "#rrggbb" (empty = not given): the pipeline
    /// then lowers this class where the ink is of another colour (applyInkHints).
    QString ink;

    /** Value at a fractional position t in [0,1] across the track (0 = left edge). */
    double valueAtFraction(double t) const;
    /** Inverse of valueAtFraction; t may leave [0,1] for values off the scale. */
    double fractionOfValue(double value) const;
    /** Value one full scale span beyond `value` (direction +1 past the right edge, -1 past the left). */
    double wrapValue(double value, int direction) const;
};

/** Left and right pixel columns of one track and the curves drawn in it. */
struct Track
{
    double left = 0.0;
    double right = 1.0;
    std::vector<CurveScale> curves;

    double width() const { return right - left; }
    double fractionOfColumn(double column) const { return (column - left) / (right - left); }
    double columnOfFraction(double t) const { return left + t * (right - left); }
    const CurveScale *curveForClass(int classId) const;
};

enum class DepthFit { Piecewise, LeastSquares };

/**
 * A stretch of the sheet logged on a depth scale of its own, such as a repeat section printed
 * below the main log: its rows and its own depth ties. The main log's ties do not reach into it,
 * and it is written to a LAS file of its own.
 */
struct DepthSection
{
    QString name = QStringLiteral("REPEAT");  ///< upper case; names its LAS file
    double firstRow = 0.0;                    ///< image rows, inclusive
    double lastRow = 0.0;
    std::vector<DepthTie> ties;               ///< by row, at least two to be digitized

    bool contains(double row) const { return row >= firstRow && row <= lastRow; }
    bool operator==(const DepthSection &other) const;
};

/**
 * The `veer-calibration/1` contract: image rows to depth, track edges, curve scales and the
 * output depth grid. A plain value type; validated on load.
 */
class Calibration
{
public:
    QString depthUnit = QStringLiteral("M");  ///< "M" or "FT"
    std::vector<DepthTie> ties;
    DepthFit fit = DepthFit::Piecewise;
    double step = 0.1;
    std::optional<double> topDepth;
    std::optional<double> bottomDepth;
    std::vector<Track> tracks;
    /// Sections with depth ties of their own (repeat sections), apart from the main log.
    std::vector<DepthSection> sections;

    /** The usual output step of a depth unit: 0.5 ft, 0.1 m. */
    static double defaultStep(const QString &unit) { return unit == QLatin1String("FT") ? 0.5 : 0.1; }

    /** Depth at a (fractional) image row. */
    double depthAtRow(double row) const;
    /** Inverse of depthAtRow. */
    double rowAtDepth(double depth) const;

    /**
     * The output depth grid: top_depth..bottom_depth when given, otherwise the depth range of rows
     * [0, imageHeight-1] snapped inward to multiples of step.
     */
    std::vector<double> depthGrid(int imageHeight) const;

    /**
     * The image rows [first, last] that hold the logged interval, top_depth..bottom_depth (an end
     * not given is the sheet's), widened by `margin` rows and clamped to the sheet: what is traced.
     * The whole sheet without two ties or an interval; first > last when the interval lies off it.
     */
    std::pair<int, int> intervalRows(int imageHeight, int margin = 2) const;

    /**
     * The main log's rows: intervalRows() less the rows of every section (the longest stretch left
     * when a section cuts the interval in two).
     */
    std::pair<int, int> logRows(int imageHeight, int margin = 2) const;
    /** The rows to trace: the main log's and every section's, [first, last] over them all. */
    std::pair<int, int> traceRows(int imageHeight, int margin = 2) const;
    /**
     * The depth printed at `row`: by the ties of the section holding it when that has two, else by
     * the main log's (depthAtRow). For readouts; the main log's output uses depthAtRow.
     */
    double depthOnSheet(double row) const;
    /** The index of the section holding `row`, or -1 (the main log). */
    int sectionAt(double row) const;
    /**
     * Section `index` as a calibration of its own: its ties, the tracks, the step, and an interval
     * from its first to its last row; no sections.
     */
    Calibration sectionCalibration(int index) const;

    /** How validate() words a problem: by the file's keys, or in words for the GUI. */
    enum class Wording { FileKeys, Words };
    /**
     * Empty when valid, otherwise the first problem: naming the offending key (for files), or in
     * words ("needs two depth ties") for someone calibrating on the sheet.
     */
    QString validate(Wording wording = Wording::FileKeys) const;

    enum class Validation { Full, SyntaxOnly };
    /**
     * Parses the contract. With Validation::SyntaxOnly the semantic checks of validate() are
     * skipped, for a calibration that is still being made (a project saved mid-calibration).
     */
    static Result<Calibration> fromJson(const QByteArray &json, Validation validation = Validation::Full);
    QByteArray toJson() const;

    /** Reads and validates a file; errors name the file. */
    static Result<Calibration> load(const QString &path);
    /** Atomic write. */
    Status save(const QString &path) const;

    bool operator==(const Calibration &other) const;

private:
    struct Line { double slope; double intercept; };
    Line leastSquaresLine() const;
};

} // namespace veer
