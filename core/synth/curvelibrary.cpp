#include "curvelibrary.h"

#include "las/lasreader.h"

#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

namespace veer {

QString curveFamilyName(CurveFamily family)
{
    switch (family) {
    case CurveFamily::GammaRay: return QStringLiteral("GR");
    case CurveFamily::Resistivity: return QStringLiteral("RES");
    case CurveFamily::Density: return QStringLiteral("RHOB");
    case CurveFamily::Neutron: return QStringLiteral("NPHI");
    case CurveFamily::Sonic: return QStringLiteral("DT");
    case CurveFamily::Caliper: return QStringLiteral("CALI");
    case CurveFamily::SpontaneousPotential: return QStringLiteral("SP");
    }
    return {};
}

bool curveFamilyOf(const QString &mnemonicIn, CurveFamily &family)
{
    const QString m = mnemonicIn.toUpper();
    auto any = [&m](std::initializer_list<const char *> names) {
        for (const char *n : names) {
            if (m == QLatin1String(n))
                return true;
        }
        return false;
    };
    if (any({"GR", "GRC", "SGR", "CGR", "GSGR", "IDGR", "GRTO", "GAMMA"})) {
        family = CurveFamily::GammaRay;
    } else if (any({"ILD", "ILM", "LLD", "LLS", "SFLU", "SFLA", "SN", "RT", "RT90", "RT60", "RT30", "RT20",
                    "RT10", "AF90", "AF60", "AF30", "AF20", "AF10", "IDID", "IDIM", "IDL3", "RESD", "RESM",
                    "RESS"})) {
        // Micro-resistivity devices (MLL, MSFL, RXO, MINV, MNOR) are left out: their spiky traces
        // belong to a different kind of print.
        family = CurveFamily::Resistivity;
    } else if (any({"RHOB", "RHOZ", "DLDN", "RHGF", "DEN"})) {
        family = CurveFamily::Density;
    } else if (any({"NPHI", "NPHS", "NPHL", "NPHD", "NCNPL", "PHIN", "TNPH", "NPHI_SAN", "NPHI_LIM"})) {
        family = CurveFamily::Neutron;
    } else if (any({"DT", "DTP", "DTC", "ACTC", "DTCO"})) {
        family = CurveFamily::Sonic;
    } else if (any({"CALI", "CAL1", "CAL2", "DCAL", "DLCL", "ACCL1", "ACCL2", "CAL"})) {
        family = CurveFamily::Caliper;
    } else if (any({"SP", "IDSP", "SPBL"})) {
        family = CurveFamily::SpontaneousPotential;
    } else {
        return false;
    }
    return true;
}

static double metresPerUnit(const QString &unit)
{
    const QString u = unit.trimmed().toUpper();
    if (u == QLatin1String("F") || u == QLatin1String("FT") || u == QLatin1String("FEET") || u == QLatin1String("FOOT"))
        return 0.3048;
    return 1.0;
}

/** Resamples one LAS document onto a regular grid; returns a well with no curves when unusable. */
static LibraryWell wellFromLas(const LasDocument &doc, const QString &source)
{
    LibraryWell well;
    well.source = source;
    const int n = int(doc.depths.size());
    if (n < 50)
        return well;
    const double scale = metresPerUnit(doc.depthUnit);
    // Sort by depth (some files log upwards) and drop non-finite depths.
    std::vector<int> order;
    order.reserve(n);
    for (int i = 0; i < n; ++i) {
        if (std::isfinite(doc.depths[i]) && doc.depths[i] != doc.nullValue)
            order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&doc](int a, int b) { return doc.depths[a] < doc.depths[b]; });
    if (order.size() < 50)
        return well;
    std::vector<double> steps;
    for (size_t k = 1; k < order.size(); ++k) {
        const double d = (doc.depths[order[k]] - doc.depths[order[k - 1]]) * scale;
        if (d > 1e-6)
            steps.push_back(d);
    }
    if (steps.empty())
        return well;
    std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
    const double step = std::max(0.01, steps[steps.size() / 2]);
    const double top = doc.depths[order.front()] * scale;
    const double bottom = doc.depths[order.back()] * scale;
    const int m = int(std::floor((bottom - top) / step)) + 1;
    if (m < 50 || m > 2000000)
        return well;
    well.topMetres = top;
    well.stepMetres = step;
    well.samples = m;

    for (const LasCurve &c : doc.curves) {
        CurveFamily family;
        if (!curveFamilyOf(c.mnemonic, family) || c.values.size() != doc.depths.size())
            continue;
        LibraryCurve out;
        out.mnemonic = c.mnemonic;
        out.unit = c.unit;
        out.family = family;
        out.values.assign(m, std::nan(""));
        auto valid = [&](int i) {
            const double v = c.values[i];
            return std::isfinite(v) && v != doc.nullValue && v > -9000.0;
        };
        // Linear interpolation between consecutive valid source samples that are close in depth.
        int prev = -1;
        int filled = 0;
        for (int idx : order) {
            if (!valid(idx))
                continue;
            if (prev >= 0) {
                const double d0 = doc.depths[prev] * scale, d1 = doc.depths[idx] * scale;
                if (d1 > d0 && d1 - d0 <= 4.0 * step) {
                    const int j0 = std::max(0, int(std::ceil((d0 - top) / step - 1e-9)));
                    const int j1 = std::min(m - 1, int(std::floor((d1 - top) / step + 1e-9)));
                    for (int j = j0; j <= j1; ++j) {
                        const double d = top + j * step;
                        const double f = (d - d0) / (d1 - d0);
                        out.values[j] = c.values[prev] + f * (c.values[idx] - c.values[prev]);
                        ++filled;
                    }
                }
            }
            prev = idx;
        }
        if (filled < 50)
            continue;
        if (family == CurveFamily::Resistivity) {
            for (double &v : out.values) {
                if (std::isfinite(v) && v <= 0.0)
                    v = std::nan("");
            }
        }
        well.curves.push_back(std::move(out));
    }
    return well;
}

Result<std::shared_ptr<const CurveLibrary>> CurveLibrary::load(const std::vector<QString> &files)
{
    auto library = std::make_shared<CurveLibrary>();
    for (const QString &file : files) {
        Result<LasDocument> doc = readLas(file);
        if (!doc)
            return Result<std::shared_ptr<const CurveLibrary>>::failure(doc.error());
        LibraryWell well = wellFromLas(*doc, QFileInfo(file).fileName());
        if (well.curves.empty())
            continue;  // e.g. tiny spec examples: readable, but nothing to learn shapes from
        library->mWells.push_back(std::move(well));
    }
    if (!files.empty() && library->mWells.empty()) {
        return Result<std::shared_ptr<const CurveLibrary>>::failure(
            QStringLiteral("%1: no usable curves (GR, resistivity, RHOB, NPHI, DT, CALI or SP with 50+ samples)")
                .arg(files.front()));
    }
    return std::shared_ptr<const CurveLibrary>(std::move(library));
}

Result<std::shared_ptr<const CurveLibrary>> CurveLibrary::cached(const std::vector<QString> &files)
{
    static std::mutex mutex;
    static std::map<QStringList, std::shared_ptr<const CurveLibrary>> cache;
    QStringList key;
    for (const QString &f : files)
        key << QFileInfo(f).absoluteFilePath();
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end())
        return it->second;
    Result<std::shared_ptr<const CurveLibrary>> loaded = load(files);
    if (loaded)
        cache.emplace(key, *loaded);
    return loaded;
}

} // namespace veer
