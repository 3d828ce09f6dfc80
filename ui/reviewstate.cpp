#include "reviewstate.h"

#include "calibration/calibration.h"

#include <QJsonArray>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace veer {

namespace {

bool isRun(const QUndoCommand &command)
{
    const auto *reviewed = dynamic_cast<const ReviewedCommand *>(&command);
    return reviewed && reviewed->isRun();
}

bool touches(const CorrectionFootprint &f, const DoubtSpan &span, const Calibration &calibration)
{
    if (f.rect.empty() || f.rect.y > span.lastRow || f.rect.y + f.rect.height - 1 < span.firstRow)
        return false;
    if (span.curves != 0 && (f.curves & span.curves) == 0)
        return false;  // another curve of the track was corrected there
    if (f.track >= 0)
        return f.track == span.track;
    if (span.track < 0 || span.track >= int(calibration.tracks.size()))
        return false;
    const Track &t = calibration.tracks[size_t(span.track)];
    const double left = std::min(t.left, t.right);
    const double right = std::max(t.left, t.right);
    return f.rect.x < right && f.rect.x + f.rect.width > left;
}

} // namespace

void ReviewState::setBase(const Base &base)
{
    mBase = base;
    derive();
}

void ReviewState::traceChanged(const std::optional<TraceResult> &trace, const Calibration &calibration)
{
    std::vector<DoubtSpan> fresh;
    if (trace) {
        DoubtOptions options;
        // Neighbouring spans of a track merge into one look: a reviewer checks a stretch once.
        options.mergeGap = kReviewMergeGap;
        options.maxMergedRows = kReviewMaxSpanRows;
        for (const Track &t : calibration.tracks)
            options.trackWidths.push_back(std::abs(t.width()));
        fresh = findDoubtfulSpans(*trace, options);
        // With sections the trace also runs over the rows between them and the main log (a
        // section's header, say): spans there are about nothing that is written.
        if (!calibration.sections.empty()) {
            const int height = trace->firstRow + trace->rowCount;
            const auto [first, last] = calibration.logRows(height, 0);
            std::erase_if(fresh, [&](const DoubtSpan &s) {
                if (s.lastRow >= first && s.firstRow <= last)
                    return false;
                return std::none_of(calibration.sections.begin(), calibration.sections.end(), [&](const DepthSection &k) {
                    return s.lastRow >= k.firstRow && s.firstRow <= k.lastRow;
                });
            });
        }
    }
    carryDoubtStates(mBase.spans, fresh);
    mBase.spans = std::move(fresh);
    derive();
}

bool ReviewState::updateFixed(const QUndoStack &stack, const Calibration &calibration)
{
    std::vector<CorrectionFootprint> applied;
    for (int i = 0; i < stack.index(); ++i) {
        const QUndoCommand *command = stack.command(i);
        if (!command)
            continue;
        if (isRun(*command)) {
            applied.clear();
            continue;
        }
        for (const CorrectionFootprint &f : footprints(*command))
            applied.push_back(f);
    }
    // Resolve "any track" footprints to tracks now, while the calibration is at hand.
    std::vector<CorrectionFootprint> resolved;
    for (const CorrectionFootprint &f : applied) {
        if (f.track >= 0) {
            resolved.push_back(f);
            continue;
        }
        for (int t = 0; t < int(calibration.tracks.size()); ++t) {
            DoubtSpan probe;
            probe.track = t;
            probe.firstRow = f.rect.y;
            probe.lastRow = f.rect.y + f.rect.height - 1;
            if (touches(f, probe, calibration))
                resolved.push_back({t, f.rect, f.curves});
        }
    }
    const std::vector<DoubtSpan> before = mSpans;
    const ReviewRegions reviewedBefore = mReviewed;
    mApplied = std::move(resolved);
    derive();
    return before != mSpans || !(reviewedBefore == mReviewed);
}

void ReviewState::derive()
{
    mSpans = mBase.spans;
    mReviewed = mBase.reviewed;
    const Calibration none;
    for (DoubtSpan &s : mSpans) {
        for (const CorrectionFootprint &f : mApplied) {
            if (touches(f, s, none)) {
                s.state = DoubtState::Fixed;
                break;
            }
        }
        if (s.state != DoubtState::Unreviewed)
            mReviewed.add(s.track, s.firstRow, s.lastRow);
    }
}

QJsonObject ReviewState::toJson() const
{
    QJsonObject json;
    if (!mSpans.empty())
        json.insert(QStringLiteral("spans"), doubtSpansToJson(mSpans));
    if (!mReviewed.isEmpty())
        json.insert(QStringLiteral("reviewed"), mReviewed.toJson());
    return json;
}

void ReviewState::restore(const QJsonObject &json)
{
    const std::vector<DoubtSpan> saved = doubtSpansFromJson(json.value(QStringLiteral("spans")).toArray());
    carryDoubtStates(saved, mBase.spans);
    mBase.reviewed = ReviewRegions::fromJson(json.value(QStringLiteral("reviewed")).toArray());
    mApplied.clear();
    derive();
}

std::vector<CorrectionFootprint> ReviewState::footprints(const QUndoCommand &command)
{
    std::vector<CorrectionFootprint> out;
    if (const auto *reviewed = dynamic_cast<const ReviewedCommand *>(&command))
        out = reviewed->footprint();
    for (int i = 0; i < command.childCount(); ++i) {
        const std::vector<CorrectionFootprint> child = footprints(*command.child(i));
        out.insert(out.end(), child.begin(), child.end());
    }
    return out;
}

} // namespace veer
