#pragma once

#include "base/result.h"

#include <QString>

#include <vector>

namespace veer {

/** One header line of a LAS section: `MNEM.UNIT  VALUE : DESCRIPTION`. */
struct LasHeaderItem
{
    QString mnemonic;
    QString unit;
    QString value;
    QString description;
};

/** One log curve; values hold nullValue (of the document) where there is no data. */
struct LasCurve
{
    QString mnemonic;
    QString unit;
    QString description;
    std::vector<double> values;
};

/**
 * A LAS log in memory: the index (depth) column, curves and header sections. What the reader
 * returns and the writer takes.
 */
struct LasDocument
{
    QString version = QStringLiteral("2.0");
    bool wrapped = false;
    QString depthMnemonic = QStringLiteral("DEPT");
    QString depthUnit = QStringLiteral("M");
    double nullValue = -999.25;
    std::vector<double> depths;
    std::vector<LasCurve> curves;
    /** ~WELL items other than STRT/STOP/STEP/NULL (e.g. COMP, WELL, FLD, LOC, SRVC, DATE, UWI, API). */
    std::vector<LasHeaderItem> well;
    std::vector<LasHeaderItem> parameters;
    /** Free text of ~OTHER, one entry per line. */
    std::vector<QString> other;

    const LasCurve *curve(const QString &mnemonic) const;
    QString wellValue(const QString &mnemonic) const;
    void setWellValue(const QString &mnemonic, const QString &value, const QString &description = {});
};

} // namespace veer
