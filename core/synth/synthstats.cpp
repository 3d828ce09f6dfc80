#include "synthstats.h"

#include <QJsonArray>

namespace veer {

namespace {
const char *const kEvents[8] = {"crossing", "nearMiss", "parallel", "spike", "pegged", "backup", "gridRun", "gap"};
}

void SynthStats::add(const QJsonObject &facts)
{
    ++mCases;
    mRows += facts.value(QStringLiteral("rowsInLog")).toInteger();
    mRowsNearCrossing += facts.value(QStringLiteral("rowsNearCrossing")).toInteger();
    mCrossings += facts.value(QStringLiteral("crossings")).toInteger();
    const QJsonObject style = facts.value(QStringLiteral("style")).toObject();
    for (const QJsonValue &s : style.value(QStringLiteral("curveTwoStrokes")).toArray()) {
        ++mCurveTwo;
        const QString stroke = s.toString();
        mDashed += stroke == QLatin1String("dashed");
        mLongDashed += stroke == QLatin1String("longdash");
        mDotted += stroke == QLatin1String("dotted");
    }
    mLogCases += style.value(QStringLiteral("log")).toBool();
    mBinarised += style.value(QStringLiteral("binarised")).toBool();
    mGray += style.value(QStringLiteral("render")).toString() == QLatin1String("gray");
    mWrapCases += facts.value(QStringLiteral("wrapEvents")).toInt() > 0;
    bool seen[8] = {};
    for (const QJsonValue &t : facts.value(QStringLiteral("tracks")).toArray()) {
        for (const QJsonValue &e : t.toObject().value(QStringLiteral("events")).toArray()) {
            const QString type = e.toObject().value(QStringLiteral("type")).toString();
            for (int k = 0; k < 8; ++k)
                seen[k] = seen[k] || type == QLatin1String(kEvents[k]);
        }
    }
    for (int k = 0; k < 8; ++k)
        mHardCases[k] += seen[k];
    mDamageCases += !facts.value(QStringLiteral("damage")).toObject().isEmpty();
}

double SynthStats::shareRowsNearCrossing() const
{
    return mRows > 0 ? double(mRowsNearCrossing) / double(mRows) : 0.0;
}

QJsonObject SynthStats::toJson() const
{
    auto share = [this](int n) { return mCases > 0 ? double(n) / mCases : 0.0; };
    auto curveShare = [this](int n) { return mCurveTwo > 0 ? double(n) / mCurveTwo : 0.0; };
    QJsonObject hard;
    for (int k = 0; k < 8; ++k)
        hard.insert(QLatin1String(kEvents[k]), share(mHardCases[k]));
    return QJsonObject{{QStringLiteral("cases"), mCases},
                       {QStringLiteral("rowsInLog"), mRows},
                       {QStringLiteral("shareRowsWithin3pxOfCrossing"), shareRowsNearCrossing()},
                       {QStringLiteral("crossingsPerCase"), mCases > 0 ? double(mCrossings) / mCases : 0.0},
                       {QStringLiteral("curveTwoDashed"), curveShare(mDashed)},
                       {QStringLiteral("curveTwoLongDashed"), curveShare(mLongDashed)},
                       {QStringLiteral("curveTwoDotted"), curveShare(mDotted)},
                       {QStringLiteral("casesWithLogTrack"), share(mLogCases)},
                       {QStringLiteral("casesBinarised"), share(mBinarised)},
                       {QStringLiteral("casesGray"), share(mGray)},
                       {QStringLiteral("casesWithWrapAround"), share(mWrapCases)},
                       {QStringLiteral("casesWithDamage"), share(mDamageCases)},
                       {QStringLiteral("casesWithHardCase"), hard}};
}

QString SynthStats::report() const
{
    const QJsonObject j = toJson();
    auto pct = [&j](const char *key) { return QString::number(100.0 * j.value(QLatin1String(key)).toDouble(), 'f', 1) + QLatin1Char('%'); };
    QString text;
    text += QStringLiteral("cases                              %1\n").arg(mCases);
    text += QStringLiteral("rows within 3 px of a crossing     %1 of %2 log rows\n").arg(pct("shareRowsWithin3pxOfCrossing")).arg(mRows);
    text += QStringLiteral("crossings per case                 %1\n").arg(j.value(QStringLiteral("crossingsPerCase")).toDouble(), 0, 'f', 1);
    text += QStringLiteral("curve two dashed / longdash / dotted %1 / %2 / %3 (of %4 curves)\n")
                .arg(pct("curveTwoDashed"), pct("curveTwoLongDashed"), pct("curveTwoDotted")).arg(mCurveTwo);
    text += QStringLiteral("cases with a log track             %1\n").arg(pct("casesWithLogTrack"));
    text += QStringLiteral("cases binarised (fax 200/300 dpi)  %1\n").arg(pct("casesBinarised"));
    text += QStringLiteral("cases gray                         %1\n").arg(pct("casesGray"));
    text += QStringLiteral("cases with wrap-around (backup)    %1\n").arg(pct("casesWithWrapAround"));
    const QJsonObject hard = j.value(QStringLiteral("casesWithHardCase")).toObject();
    for (int k = 0; k < 8; ++k) {
        text += QStringLiteral("cases with %1 %2%\n")
                    .arg(QString::fromLatin1(kEvents[k]).leftJustified(24))
                    .arg(100.0 * hard.value(QLatin1String(kEvents[k])).toDouble(), 0, 'f', 1);
    }
    return text;
}

} // namespace veer
