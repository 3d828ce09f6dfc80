#pragma once

#include "undocommandids.h"

#include "calibration/calibration.h"

#include <QJsonObject>
#include <QUndoCommand>

namespace veer {

class Document;


/**
 * Base of every calibration edit: keeps the calibration before and after and swaps them on the
 * Document. Subclasses compute `after` from the document's current calibration.
 */
class CalibrationCommand : public QUndoCommand
{
public:
    void redo() override;
    void undo() override;

    const Calibration &after() const { return mAfter; }

protected:
    CalibrationCommand(Document &document, const QString &text);

    Document &mDocument;
    Calibration mBefore;
    Calibration mAfter;
};

/** Adds a depth tie; ties stay sorted by row. */
class AddTieCommand : public CalibrationCommand
{
public:
    AddTieCommand(Document &document, const DepthTie &tie);
    /** Index the tie lands at once applied. */
    int index() const { return mIndex; }

private:
    int mIndex = 0;
};

class RemoveTieCommand : public CalibrationCommand
{
public:
    RemoveTieCommand(Document &document, int index);
};

/**
 * Changes a tie's row or depth. Commands with the same non-zero `dragKey` (one per mouse drag)
 * merge into one step; with dragKey 0 the ties are re-sorted.
 */
class SetTieCommand : public CalibrationCommand
{
public:
    SetTieCommand(Document &document, int index, const DepthTie &tie, int dragKey = 0);
    int id() const override { return mDragKey ? MoveTieId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    int mIndex;
    int mDragKey;
};

/** Moves the left (edge 0) or right (edge 1) edge of a track; one drag (dragKey) is one step. */
class MoveTrackEdgeCommand : public CalibrationCommand
{
public:
    MoveTrackEdgeCommand(Document &document, int track, int edge, double column, int dragKey = 0);
    int id() const override { return mDragKey ? MoveTrackEdgeId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    int mTrack;
    int mEdge;
    int mDragKey;
};

class AddTrackCommand : public CalibrationCommand
{
public:
    AddTrackCommand(Document &document, const Track &track);
};

class RemoveTrackCommand : public CalibrationCommand
{
public:
    RemoveTrackCommand(Document &document, int track);
};

/** Replaces (or with index == -1 appends) one curve scale of a track. */
class SetCurveScaleCommand : public CalibrationCommand
{
public:
    SetCurveScaleCommand(Document &document, int track, int curve, const CurveScale &scale);
};

class RemoveCurveScaleCommand : public CalibrationCommand
{
public:
    RemoveCurveScaleCommand(Document &document, int track, int curve);
};

/** Depth unit, fit, step and optional top/bottom depths; edits in a row merge. */
class SetCalibrationSettingsCommand : public CalibrationCommand
{
public:
    SetCalibrationSettingsCommand(Document &document, const Calibration &settings);
    int id() const override { return SetCalibrationSettingsId; }
    bool mergeWith(const QUndoCommand *other) override;
};

/**
 * Sets the logged interval, top_depth and bottom_depth (nullopt: the sheet's end). Only the
 * interval is traced and written. Commands with the same non-zero `dragKey` merge into one step.
 */
class SetIntervalCommand : public CalibrationCommand
{
public:
    SetIntervalCommand(Document &document, std::optional<double> top, std::optional<double> bottom, int dragKey = 0);
    int id() const override { return mDragKey ? MoveIntervalId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    int mDragKey;
};

/** Replaces the whole calibration (import of a veer-calibration/1 file). */
class ReplaceCalibrationCommand : public CalibrationCommand
{
public:
    ReplaceCalibrationCommand(Document &document, const Calibration &calibration, const QString &text);
};

/** Sets the document's ~WELL header items (undoable; saved with the project). */
class SetWellHeaderCommand : public QUndoCommand
{
public:
    SetWellHeaderCommand(Document &document, const QJsonObject &header);
    void undo() override;
    void redo() override;

private:
    Document &mDocument;
    QJsonObject mOld;
    QJsonObject mNew;
};

} // namespace veer
