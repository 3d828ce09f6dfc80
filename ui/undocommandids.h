#pragma once

namespace veer {

/**
 * Merge ids of every undo command that coalesces (QUndoCommand::id()): one list, so no two kinds
 * of command ever share an id. Commands that never merge return -1 and have no entry.
 */
enum UndoCommandId {
    // Calibration (calibrationcommands.h): one drag or one run of edits is one step.
    MoveTieId = 1,
    MoveTrackEdgeId,
    SetCalibrationSettingsId,
    MoveIntervalId,
    // Corrections (correctioncommands.h): one brush stroke is one step.
    PaintLabelsId,
    // Trace edits (traceeditcommands.h): one drag of a node is one step.
    MoveTraceNodeId,
    // Review (reviewcommands.h): accepting the same span twice, marking rows in one go.
    AcceptSpanId,
    MarkReviewedId,
};

} // namespace veer
