#pragma once

#include "synthoptions.h"

#include <QJsonObject>

#include <opencv2/core.hpp>

namespace veer {

class SynthRandom;
struct SheetPlan;

/**
 * Applies SynthOptions::print to a shaped plan (after shapeCurves, before rendering): colour-print
 * inks, grid and shading; curve one pegged on the border line; violent dashed curve two; a 1-bit
 * sheet whose backup curve goes out and back. Every number comes from `rng`, a stream of its own,
 * and a colour print draws the same numbers whatever ink it is forced to, so `--ink light` and
 * `--ink black` of one seed differ in the curve inks alone. Records events in TrackPlan::events and
 * returns what it did, for facts.json.
 */
QJsonObject applyPrintStyles(SheetPlan &plan, const PrintStyleOptions &options, SynthRandom &rng);

/** Reduces a BGR sheet to `levels` levels per channel (an indexed palette of at most levels^3). */
void reduceToPalette(cv::Mat &sheet, int levels);

} // namespace veer
