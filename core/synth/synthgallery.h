#pragma once

#include "base/result.h"

#include <QString>

#include <memory>

namespace veer {

class CurveLibrary;

/**
 * Writes the documentation gallery (the PNGs in docs/synth): fixed-seed 600x600 crops, one per style and
 * hard case, each centred on the event it shows, plus README-style captions in gallery.md.
 */
Status writeSynthGallery(const QString &dir, const std::shared_ptr<const CurveLibrary> &library);

} // namespace veer
