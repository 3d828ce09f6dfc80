#pragma once

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace veer {

class CurveLibrary;

/** Which part of the real logs and which seeds a case may use (see docs/synth.md). */
enum class SynthSplit { Train, Eval };

/**
 * Stroke of curve two (curve one is always solid). DashDot and SparseDotted (dots 8-14 px apart, an
 * old chart-recorder habit) are held-out styles: Any never draws them, so models trained on the
 * default mix have not seen them (the retraining loop's new styles).
 */
enum class DashStyle { Any, Dashed, LongDashed, Dotted, DashDot, SparseDotted };

/** Scale of the tracks: Any mixes linear and log tracks. */
enum class ScaleChoice { Any, Linear, Log };

/**
 * How the "scanner" delivered the sheet. Negative (a microfilm negative scanned in grey: light ink
 * on dark film) is held out like DashDot: Any never picks it.
 */
enum class RenderStyle { Any, Colour, Gray, Binary200, Binary300, Negative };

/** Grid ink; Red (a strong red grid with heavy minor lines) is held out of Any like DashDot. */
enum class GridColour { Any, Black, Grey, Green, Orange, Blue, Red };

/** Curve inks of a colour print: drawn per curve (Any), or forced to black, dark or light colour inks. */
enum class InkChoice { Any, Black, Dark, Light };

/**
 * Styles of real prints, and of the failures seen on sheets the first mix did not draw. They take
 * their numbers from a random stream of their own, so with every probability 0 (the default) a seed
 * gives the same sheet as without them; trainingMix() is the share `veer-cli train --print-styles`
 * and `veer-cli synth --print-styles` use.
 */
struct PrintStyleOptions
{
    double colourPrint = 0.0; ///< per sheet: a modern colour print (light and dark colour inks, coloured grid)
    InkChoice ink = InkChoice::Any; ///< not Any: every sheet is a colour print with these curve inks
    double shading = 0.4;     ///< of colour prints, per track: a tinted fill between the curves or to an edge
    double palette = 0.3;     ///< of colour prints: reduced to a small indexed palette, as palette TIFFs are
    double longPegged = 0.0;  ///< per track: curve one pegged on the border line for 10-40 % of the log
    double violentDash = 0.0; ///< per track: dashed curve two with fast, wide excursions (dashes near horizontal)
    double wrapBack = 0.0;    ///< per sheet: a 1-bit scan whose backup curve goes out and back several times
    double turnedNumbers = 0.0; ///< per sheet: depth numbers printed turned 90 degrees, reading up the column
    double numbersAbove = 0.0;  ///< per sheet: depth numbers printed just above the line they label
    double wornGrid = 0.0; ///< per sheet: an old paper log's grid, mostly on a 1-bit scan: heavy ragged
                           ///< and broken major lines, dotted minor lines, tick marks at the track edges
    double repeatSection
        = 0.0; ///< per sheet: a repeat section below the log, the last stretch logged again,
               ///< under a header of its own (its depths in the truth calibration's sections)

    bool any() const
    {
        return colourPrint > 0.0 || ink != InkChoice::Any || longPegged > 0.0 || violentDash > 0.0
            || wrapBack > 0.0 || turnedNumbers > 0.0 || numbersAbove > 0.0 || wornGrid > 0.0
            || repeatSection > 0.0;
    }
    static PrintStyleOptions trainingMix()
    {
        PrintStyleOptions o;
        o.colourPrint = 0.3;
        o.longPegged = 0.12;
        o.violentDash = 0.12;
        o.wrapBack = 0.1;
        o.wornGrid = 0.15;
        return o;
    }
};

/** Per-track probabilities of the hard cases a tracer must survive. */
struct HardCaseOptions
{
    double crossing = 0.55;   ///< the two curves cross several times
    double nearMiss = 0.35;   ///< curves come within 1-2 px (stroke edge to edge) and part again
    double parallel = 0.30;   ///< curves run side by side 1-2 px apart
    double spike = 0.40;      ///< sharp spikes one to a few px tall
    double pegged = 0.25;     ///< a curve sits on a track edge for a while
    double wrap = 0.30;       ///< backup trace re-entering from the opposite edge (linear tracks)
    double gridRun = 0.25;    ///< a curve runs exactly along a vertical grid line
    double gap = 0.30;        ///< the pen lifted: no ink, truth NULL
};

/** Per-sheet probabilities of scan damage. */
struct DamageOptions
{
    double blur = 0.45;
    double noise = 0.55;
    double jpeg = 0.30;
    double tint = 0.55;       ///< uneven paper tint
    double banding = 0.20;    ///< photocopy banding
    double stain = 0.20;
    double fold = 0.15;
    double specks = 0.40;
    double fade = 0.25;       ///< faded ink in patches
    double bleed = 0.20;      ///< bleed-through from the other side
    double geometry = 0.35;   ///< slight vertical stretch and tiny skew, applied to sheet and labels
    double binarise = 0.25;   ///< 1-bit fax-like output (200 or 300 dpi); see RenderStyle
    double gray = 0.20;       ///< gray scan (of the non-binarised)
};

/** Everything that steers generateSynthCase(); defaults give the full training mix. */
struct SynthOptions
{
    int width = 0;            ///< 0 = random in [600, 3000]
    int height = 0;           ///< 0 = random in [2000, 20000]
    SynthSplit split = SynthSplit::Train;

    int tracks = 0;           ///< 1..3; 0 = random
    DashStyle dash = DashStyle::Any;
    ScaleChoice scale = ScaleChoice::Any;
    RenderStyle render = RenderStyle::Any;
    GridColour grid = GridColour::Any;
    std::optional<bool> header;        ///< header band; unset = always on tall sheets, 30% on short
    std::optional<bool> realShapes;    ///< real-log windows vs procedural beds; unset = 60% real when a library is given

    HardCaseOptions hard;
    DamageOptions damage;
    PrintStyleOptions print;
    bool noDamage = false;    ///< clean sheets (damage probabilities ignored)

    /** Real LAS files for curve shapes; loaded once and cached (see CurveLibrary::cached). */
    std::vector<QString> lasFiles;
    /** Preloaded library; takes precedence over lasFiles. Shared read-only across threads. */
    std::shared_ptr<const CurveLibrary> library;
};

/** Parsers for the CLI spellings; return false for an unknown word. */
bool parseDashStyle(const QString &text, DashStyle &out);
bool parseScaleChoice(const QString &text, ScaleChoice &out);
bool parseRenderStyle(const QString &text, RenderStyle &out);
bool parseGridColour(const QString &text, GridColour &out);
bool parseSynthSplit(const QString &text, SynthSplit &out);
bool parseInkChoice(const QString &text, InkChoice &out);

QString dashStyleName(DashStyle style);
QString renderStyleName(RenderStyle style);
QString gridColourName(GridColour colour);
QString inkChoiceName(InkChoice ink);

} // namespace veer
