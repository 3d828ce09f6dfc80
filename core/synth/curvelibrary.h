#pragma once

#include "base/result.h"

#include <QString>

#include <memory>
#include <vector>

namespace veer {

/** Kind of log a real curve is, from its mnemonic; decides scales and pairings. */
enum class CurveFamily { GammaRay, Resistivity, Density, Neutron, Sonic, Caliper, SpontaneousPotential };

QString curveFamilyName(CurveFamily family);
/** Family of a LAS mnemonic, or false when the curve is of no use for shapes. */
bool curveFamilyOf(const QString &mnemonic, CurveFamily &family);

/** One real curve resampled onto its well's regular grid; NaN where the log had no data. */
struct LibraryCurve
{
    QString mnemonic;
    QString unit;
    CurveFamily family = CurveFamily::GammaRay;
    std::vector<double> values;
};

/** The usable curves of one LAS file on one regular depth grid (in metres). */
struct LibraryWell
{
    QString source;         ///< file name
    double topMetres = 0.0;
    double stepMetres = 0.1;
    int samples = 0;
    std::vector<LibraryCurve> curves;
};

/**
 * Real log curves for synthetic sheets, read once from LAS files. Immutable after load, so one
 * instance may be shared by any number of generating threads.
 */
class CurveLibrary
{
public:
    /** Reads every file; fails naming the first file that cannot be read or holds no usable curve. */
    static Result<std::shared_ptr<const CurveLibrary>> load(const std::vector<QString> &files);

    /**
     * Thread-safe process-wide cache keyed by the file list: the trainer can pass the same list on
     * every call and the files are read only the first time.
     */
    static Result<std::shared_ptr<const CurveLibrary>> cached(const std::vector<QString> &files);

    const std::vector<LibraryWell> &wells() const { return mWells; }
    bool isEmpty() const { return mWells.empty(); }

private:
    std::vector<LibraryWell> mWells;
};

} // namespace veer
