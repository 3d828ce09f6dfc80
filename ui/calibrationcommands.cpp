#include "calibrationcommands.h"

#include "document.h"

#include <QCoreApplication>

#include <algorithm>

namespace veer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CalibrationCommands", text);
}

void sortTies(Calibration &cal)
{
    std::stable_sort(cal.ties.begin(), cal.ties.end(), [](const DepthTie &a, const DepthTie &b) { return a.row < b.row; });
}

} // namespace

CalibrationCommand::CalibrationCommand(Document &document, const QString &text)
    : QUndoCommand(text)
    , mDocument(document)
    , mBefore(document.calibration())
    , mAfter(document.calibration())
{
}

void CalibrationCommand::redo()
{
    mDocument.setCalibration(mAfter);
}

void CalibrationCommand::undo()
{
    mDocument.setCalibration(mBefore);
}

AddTieCommand::AddTieCommand(Document &document, const DepthTie &tie)
    : CalibrationCommand(document, tr("Add Depth Tie"))
{
    const auto pos = std::upper_bound(mAfter.ties.begin(), mAfter.ties.end(), tie.row,
                                      [](double row, const DepthTie &t) { return row < t.row; });
    mIndex = int(pos - mAfter.ties.begin());
    mAfter.ties.insert(pos, tie);
}

RemoveTieCommand::RemoveTieCommand(Document &document, int index)
    : CalibrationCommand(document, tr("Remove Depth Tie"))
{
    if (index >= 0 && index < int(mAfter.ties.size()))
        mAfter.ties.erase(mAfter.ties.begin() + index);
}

SetTieCommand::SetTieCommand(Document &document, int index, const DepthTie &tie, int dragKey)
    : CalibrationCommand(document, dragKey ? tr("Move Depth Tie") : tr("Edit Depth Tie"))
    , mIndex(index)
    , mDragKey(dragKey)
{
    if (index >= 0 && index < int(mAfter.ties.size())) {
        mAfter.ties[size_t(index)] = tie;
        if (!dragKey)
            sortTies(mAfter);
    }
}

bool SetTieCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetTieCommand *>(other);
    if (o->mIndex != mIndex || o->mDragKey != mDragKey)
        return false;
    mAfter = o->mAfter;
    return true;
}

MoveTrackEdgeCommand::MoveTrackEdgeCommand(Document &document, int track, int edge, double column, int dragKey)
    : CalibrationCommand(document, tr("Move Track Edge"))
    , mTrack(track)
    , mEdge(edge)
    , mDragKey(dragKey)
{
    if (track >= 0 && track < int(mAfter.tracks.size())) {
        Track &t = mAfter.tracks[size_t(track)];
        if (edge == 0)
            t.left = std::min(column, t.right - 1.0);
        else
            t.right = std::max(column, t.left + 1.0);
    }
}

bool MoveTrackEdgeCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveTrackEdgeCommand *>(other);
    if (o->mTrack != mTrack || o->mEdge != mEdge || o->mDragKey != mDragKey)
        return false;
    mAfter = o->mAfter;
    return true;
}

AddTrackCommand::AddTrackCommand(Document &document, const Track &track)
    : CalibrationCommand(document, tr("Add Track"))
{
    mAfter.tracks.push_back(track);
}

RemoveTrackCommand::RemoveTrackCommand(Document &document, int track)
    : CalibrationCommand(document, tr("Remove Track"))
{
    if (track >= 0 && track < int(mAfter.tracks.size()))
        mAfter.tracks.erase(mAfter.tracks.begin() + track);
}

SetCurveScaleCommand::SetCurveScaleCommand(Document &document, int track, int curve, const CurveScale &scale)
    : CalibrationCommand(document, curve < 0 ? tr("Add Curve Scale") : tr("Edit Curve Scale"))
{
    if (track < 0 || track >= int(mAfter.tracks.size()))
        return;
    auto &curves = mAfter.tracks[size_t(track)].curves;
    if (curve < 0 || curve >= int(curves.size()))
        curves.push_back(scale);
    else
        curves[size_t(curve)] = scale;
}

RemoveCurveScaleCommand::RemoveCurveScaleCommand(Document &document, int track, int curve)
    : CalibrationCommand(document, tr("Remove Curve Scale"))
{
    if (track < 0 || track >= int(mAfter.tracks.size()))
        return;
    auto &curves = mAfter.tracks[size_t(track)].curves;
    if (curve >= 0 && curve < int(curves.size()))
        curves.erase(curves.begin() + curve);
}

SetCalibrationSettingsCommand::SetCalibrationSettingsCommand(Document &document, const Calibration &settings)
    : CalibrationCommand(document, tr("Change Depth Settings"))
{
    mAfter.depthUnit = settings.depthUnit;
    mAfter.fit = settings.fit;
    mAfter.step = settings.step;
    mAfter.topDepth = settings.topDepth;
    mAfter.bottomDepth = settings.bottomDepth;
}

bool SetCalibrationSettingsCommand::mergeWith(const QUndoCommand *other)
{
    mAfter = static_cast<const CalibrationCommand *>(other)->after();
    return true;
}

SetIntervalCommand::SetIntervalCommand(Document &document, std::optional<double> top, std::optional<double> bottom,
                                       int dragKey)
    : CalibrationCommand(document, tr("Set Depth Interval"))
    , mDragKey(dragKey)
{
    // Top above bottom whichever end was given last.
    if (top && bottom && *bottom < *top)
        std::swap(top, bottom);
    mAfter.topDepth = top;
    mAfter.bottomDepth = bottom;
}

bool SetIntervalCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetIntervalCommand *>(other);
    if (o->mDragKey != mDragKey)
        return false;
    mAfter = o->mAfter;
    return true;
}

ReplaceCalibrationCommand::ReplaceCalibrationCommand(Document &document, const Calibration &calibration,
                                                     const QString &text)
    : CalibrationCommand(document, text)
{
    mAfter = calibration;
}

SetWellHeaderCommand::SetWellHeaderCommand(Document &document, const QJsonObject &header)
    : QUndoCommand(QObject::tr("Set Well Header"))
    , mDocument(document)
    , mOld(document.wellHeader())
    , mNew(header)
{ }

void SetWellHeaderCommand::undo()
{
    mDocument.setWellHeader(mOld);
}

void SetWellHeaderCommand::redo()
{
    mDocument.setWellHeader(mNew);
}

} // namespace veer
