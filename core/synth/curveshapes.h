#pragma once

#include "synthoptions.h"

namespace veer {

class CurveLibrary;
class SynthRandom;
struct SheetPlan;

/**
 * Fills the dense fraction series of every curve of the plan: a window of a real log (when a
 * library is given) or a procedural bedded model, then the hard cases of options.hard. Records
 * each injected case in TrackPlan::events and sets CurveScale::wrap on backup curves.
 */
void shapeCurves(SheetPlan &plan, const SynthOptions &options, const CurveLibrary *library, SynthRandom &rng);

/** Weight 1 inside [i0, i1], easing smoothly to 0 over `ramp` samples outside. */
double envelope(int i, int i0, int i1, int ramp);

} // namespace veer
