#pragma once

#include <QJsonObject>
#include <QString>

namespace veer {

/** Running counts over many generated cases, from their facts (for docs/synth.md and --stats). */
class SynthStats
{
public:
    void add(const QJsonObject &facts);

    int cases() const { return mCases; }
    double shareRowsNearCrossing() const;
    QJsonObject toJson() const;
    /** Human-readable summary, one figure a line. */
    QString report() const;

private:
    int mCases = 0;
    long long mRows = 0;
    long long mRowsNearCrossing = 0;
    long long mCrossings = 0;
    int mCurveTwo = 0;
    int mDashed = 0;
    int mLongDashed = 0;
    int mDotted = 0;
    int mLogCases = 0;
    int mBinarised = 0;
    int mGray = 0;
    int mWrapCases = 0;
    int mHardCases[8] = {};
    int mDamageCases = 0;
};

} // namespace veer
