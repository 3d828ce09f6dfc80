#include "correctioncommands.h"

#include "document.h"
#include "raster/inkstrokes.h"
#include "raster/rastersource.h"

#include <QCoreApplication>
#include <QPointF>
#include <QRect>

#include <algorithm>
#include <cmath>
#include <utility>

namespace veer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CorrectionCommands", text);
}

double segmentDistance2(double px, double py, const QPointF &a, const QPointF &b)
{
    const double dx = b.x() - a.x();
    const double dy = b.y() - a.y();
    const double len2 = dx * dx + dy * dy;
    double t = 0.0;
    if (len2 > 0.0)
        t = std::clamp(((px - a.x()) * dx + (py - a.y()) * dy) / len2, 0.0, 1.0);
    const double ex = px - (a.x() + t * dx);
    const double ey = py - (a.y() + t * dy);
    return ex * ex + ey * ey;
}

cv::Mat patchOf(const cv::Mat &mat, const cv::Rect &rect)
{
    if (mat.empty())
        return cv::Mat::zeros(rect.height, rect.width, CV_8UC1);
    return mat(rect).clone();
}

/** `rect` grown by `pad` on every side, clipped to the document's sheet. */
cv::Rect grown(const Document &document, const cv::Rect &rect, int pad)
{
    return cv::Rect(rect.x - pad, rect.y - pad, rect.width + 2 * pad, rect.height + 2 * pad)
           & cv::Rect(0, 0, document.sheetWidth(), document.sheetHeight());
}

/** The sheet's grey over `rect`; empty when it cannot be read. */
cv::Mat greyOf(const Document &document, const cv::Rect &rect)
{
    auto grey = document.source()->readGrey(QRect(rect.x, rect.y, rect.width, rect.height));
    return grey ? grey.value() : cv::Mat();
}

} // namespace

QPointF PaintLabelsCommand::snap(const QPointF &p, int diameter)
{
    if (diameter % 2)
        return {std::floor(p.x()) + 0.5, std::floor(p.y()) + 0.5};
    return {std::round(p.x()), std::round(p.y())};
}

PaintLabelsCommand::PaintLabelsCommand(Document &document, const QPointF &from, const QPointF &to, int diameter,
                                       int classId, int strokeKey, BrushTarget target)
    : QUndoCommand(classId == 0 ? tr("Erase Labels") : tr("Paint Labels"))
    , mDocument(document)
    , mStrokeKey(strokeKey)
{
    diameter = std::max(1, diameter);
    const QPointF a = snap(from, diameter);
    const QPointF b = snap(to, diameter);
    const double r = diameter / 2.0;
    const int x0 = int(std::floor(std::min(a.x(), b.x()) - r));
    const int y0 = int(std::floor(std::min(a.y(), b.y()) - r));
    const int x1 = int(std::ceil(std::max(a.x(), b.x()) + r));
    const int y1 = int(std::ceil(std::max(a.y(), b.y()) + r));
    const cv::Rect brushBox = grown(document, cv::Rect(x0, y0, x1 - x0, y1 - y0), 0);
    const bool strokes = target == BrushTarget::Strokes;
    mRect = strokes ? grown(document, brushBox, strokeReach()) : brushBox;
    if (mRect.empty())
        return;
    mCreated = document.labels().empty();
    mLabelsBefore = patchOf(document.labels(), mRect);
    mLabelsAfter = mLabelsBefore.clone();
    const bool probs = !mCreated && !document.probabilities().empty()
                       && document.probabilities().size() == document.labels().size();
    if (probs) {
        mProbsBefore = document.probabilities()(mRect).clone();
        mProbsAfter = mProbsBefore.clone();
    }
    // The pixels under the brush, in mRect's coordinates.
    cv::Mat disc = cv::Mat::zeros(mRect.size(), CV_8UC1);
    const double limit = r * r + 1e-9;
    for (int y = brushBox.y - mRect.y; y < brushBox.y - mRect.y + brushBox.height; ++y) {
        uchar *row = disc.ptr<uchar>(y);
        for (int x = brushBox.x - mRect.x; x < brushBox.x - mRect.x + brushBox.width; ++x)
            row[x] = segmentDistance2(mRect.x + x + 0.5, mRect.y + y + 0.5, a, b) <= limit ? 255 : 0;
    }
    // What gets the class: the disc, narrowed to ink or widened to the strokes it touches.
    cv::Mat paint = disc;
    if (target == BrushTarget::Ink && classId != 0) {
        // The paper level wants some paper in the window: at least 129 x 129 px about the brush.
        const cv::Rect outer = grown(document, mRect, std::max(0, (129 - std::min(mRect.width, mRect.height)) / 2));
        const cv::Mat grey = greyOf(document, outer);
        paint = grey.empty() ? cv::Mat::zeros(mRect.size(), CV_8UC1)
                             : disc & inkPixels(grey, inkContrast())(mRect - outer.tl());
    } else if (target == BrushTarget::Thick && classId != 0) {
        // Heavy lines are told from heavy curves by their length: the window reaches 620 px past the brush.
        const cv::Rect outer = grown(document, mRect, 620);
        const cv::Mat grey = greyOf(document, outer);
        paint = grey.empty() ? cv::Mat::zeros(mRect.size(), CV_8UC1)
                             : disc & thickInk(grey, thickWidth(), inkContrast())(mRect - outer.tl());
    } else if (strokes) {
        // Lines are told from strokes by their length: the window reaches 300 px past the brush.
        const cv::Rect outer = grown(document, brushBox, 300);
        const cv::Mat grey = greyOf(document, outer);
        if (grey.empty()) {
            paint = classId == 0 ? disc : cv::Mat::zeros(mRect.size(), CV_8UC1);
        } else {
            cv::Mat brush = cv::Mat::zeros(outer.size(), CV_8UC1);
            disc.copyTo(brush(mRect - outer.tl()));
            const cv::Mat touched = touchedStrokes(grey, brush, inkContrast())(mRect - outer.tl());
            paint = classId == 0 ? (disc | touched) : touched;
        }
    }
    const cv::Vec2b p(classId == 1 ? 255 : 0, classId == 2 ? 255 : 0);
    for (int y = 0; y < mRect.height; ++y) {
        uchar *row = mLabelsAfter.ptr<uchar>(y);
        const uchar *on = paint.ptr<uchar>(y);
        for (int x = 0; x < mRect.width; ++x) {
            if (!on[x])
                continue;
            row[x] = uchar(classId);
            if (probs)
                mProbsAfter.at<cv::Vec2b>(y, x) = p;
        }
    }
}

void PaintLabelsCommand::redo()
{
    if (!mRect.empty())
        mDocument.writeLabelPatch(mRect, mLabelsAfter, mProbsAfter);
}

void PaintLabelsCommand::undo()
{
    if (mRect.empty())
        return;
    if (mCreated)
        mDocument.setLabels(cv::Mat(), mDocument.probabilities());
    else
        mDocument.writeLabelPatch(mRect, mLabelsBefore, mProbsBefore);
}

std::vector<CorrectionFootprint> PaintLabelsCommand::footprint() const
{
    if (mRect.empty())
        return {};
    unsigned curves = 0;
    for (int y = 0; y < mLabelsBefore.rows && curves != 3u; ++y) {
        const uchar *before = mLabelsBefore.ptr<uchar>(y);
        const uchar *after = mLabelsAfter.ptr<uchar>(y);
        for (int x = 0; x < mLabelsBefore.cols; ++x) {
            if (before[x] != after[x])
                curves |= curveBit(before[x]) | curveBit(after[x]);
        }
    }
    if (curves == 0)
        return {};
    return {{-1, mRect, curves}};
}

bool PaintLabelsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const PaintLabelsCommand *>(other);
    if (!mStrokeKey || o->mStrokeKey != mStrokeKey)
        return false;
    if (o->mRect.empty())
        return true;
    if (mRect.empty()) {
        mCreated = o->mCreated;
        mRect = o->mRect;
        mLabelsBefore = o->mLabelsBefore;
        mLabelsAfter = o->mLabelsAfter;
        mProbsBefore = o->mProbsBefore;
        mProbsAfter = o->mProbsAfter;
        return true;
    }
    // The document holds `other`'s result; outside both boxes nothing changed.
    const cv::Rect u = mRect | o->mRect;
    const cv::Rect mine = mRect - u.tl();
    const cv::Rect theirs = o->mRect - u.tl();
    mLabelsAfter = mDocument.labels()(u).clone();
    cv::Mat before = mLabelsAfter.clone();
    o->mLabelsBefore.copyTo(before(theirs));
    mLabelsBefore.copyTo(before(mine));
    mLabelsBefore = before;
    if (!mProbsBefore.empty() && !o->mProbsBefore.empty()) {
        mProbsAfter = mDocument.probabilities()(u).clone();
        cv::Mat pb = mProbsAfter.clone();
        o->mProbsBefore.copyTo(pb(theirs));
        mProbsBefore.copyTo(pb(mine));
        mProbsBefore = pb;
    }
    mRect = u;
    return true;
}

SwapCurvesCommand::SwapCurvesCommand(Document &document, int track, int firstRow, int lastRow)
    : QUndoCommand(tr("Swap Curves"))
    , mDocument(document)
    , mTrack(track)
    , mFirstRow(std::min(firstRow, lastRow))
    , mLastRow(std::max(firstRow, lastRow))
{
    const auto &tracks = document.calibration().tracks;
    if (track < 0 || track >= int(tracks.size()))
        return;
    const Track &t = tracks[size_t(track)];
    const int x0 = int(std::floor(t.left));
    const int x1 = int(std::ceil(t.right));
    mRect = cv::Rect(x0, mFirstRow, x1 - x0, mLastRow - mFirstRow + 1)
            & cv::Rect(0, 0, document.sheetWidth(), document.sheetHeight());
}

void SwapCurvesCommand::apply()
{
    if (mRect.empty())
        return;
    const cv::Mat &labels = mDocument.labels();
    if (!labels.empty()) {
        cv::Mat patch = labels(mRect).clone();
        for (int y = 0; y < patch.rows; ++y) {
            uchar *row = patch.ptr<uchar>(y);
            for (int x = 0; x < patch.cols; ++x) {
                if (row[x] == 1)
                    row[x] = 2;
                else if (row[x] == 2)
                    row[x] = 1;
            }
        }
        cv::Mat probs;
        if (!mDocument.probabilities().empty() && mDocument.probabilities().size() == labels.size()) {
            probs = mDocument.probabilities()(mRect).clone();
            for (int y = 0; y < probs.rows; ++y) {
                auto *row = probs.ptr<cv::Vec2b>(y);
                for (int x = 0; x < probs.cols; ++x)
                    std::swap(row[x][0], row[x][1]);
            }
        }
        mDocument.writeLabelPatch(mRect, patch, probs);
    }
    const auto &trace = mDocument.trace();
    if (!trace || mTrack >= int(trace->tracks.size()))
        return;
    TraceResult swapped = *trace;
    auto &curves = swapped.tracks[size_t(mTrack)].curves;
    CurveTrace *one = nullptr;
    CurveTrace *two = nullptr;
    for (CurveTrace &c : curves) {
        if (c.classId == 1 && !one)
            one = &c;
        else if (c.classId == 2 && !two)
            two = &c;
    }
    if (!one || !two)
        return;
    const int from = std::max(mFirstRow, swapped.firstRow) - swapped.firstRow;
    const int to = std::min(mLastRow, swapped.firstRow + swapped.rowCount - 1) - swapped.firstRow;
    for (int i = from; i <= to; ++i) {
        if (size_t(i) < one->column.size() && size_t(i) < two->column.size()) {
            std::swap(one->column[size_t(i)], two->column[size_t(i)]);
            std::swap(one->confidence[size_t(i)], two->confidence[size_t(i)]);
        }
    }
    const auto inRange = [this](const WrapEvent &w) { return w.row >= mFirstRow && w.row <= mLastRow; };
    std::vector<WrapEvent> moveToTwo;
    std::vector<WrapEvent> moveToOne;
    std::copy_if(one->wraps.begin(), one->wraps.end(), std::back_inserter(moveToTwo), inRange);
    std::copy_if(two->wraps.begin(), two->wraps.end(), std::back_inserter(moveToOne), inRange);
    one->wraps.erase(std::remove_if(one->wraps.begin(), one->wraps.end(), inRange), one->wraps.end());
    two->wraps.erase(std::remove_if(two->wraps.begin(), two->wraps.end(), inRange), two->wraps.end());
    const auto byRow = [](const WrapEvent &a, const WrapEvent &b) { return a.row < b.row; };
    one->wraps.insert(one->wraps.end(), moveToOne.begin(), moveToOne.end());
    two->wraps.insert(two->wraps.end(), moveToTwo.begin(), moveToTwo.end());
    std::stable_sort(one->wraps.begin(), one->wraps.end(), byRow);
    std::stable_sort(two->wraps.begin(), two->wraps.end(), byRow);
    // Nodes the user anchored in the range now belong to the other curve, as their traces do.
    std::vector<TraceAnchor> anchors = mDocument.traceAnchors();
    bool anchorsSwapped = false;
    for (TraceAnchor &a : anchors) {
        if (a.trackIndex == mTrack && a.row >= mFirstRow && a.row <= mLastRow && (a.classId == 1 || a.classId == 2)) {
            a.classId = 3 - a.classId;
            anchorsSwapped = true;
        }
    }
    if (anchorsSwapped)
        mDocument.setTraceAnchors(anchors);
    mDocument.setTrace(swapped);
}

} // namespace veer
