#include "correctioncommands.h"

#include "document.h"
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

/**
 * 255 where the sheet is ink in `rect`: darker than the paper by PaintLabelsCommand::inkContrast().
 * The paper is the 90th percentile of the grey in a window of at least 129 x 129 px about the rect,
 * so a brush that lies wholly on a thick stroke still finds it. An unreadable sheet paints nothing.
 */
cv::Mat inkMask(const Document &document, const cv::Rect &rect)
{
    const int pad = std::max(0, (129 - std::min(rect.width, rect.height)) / 2);
    const QRect outer = QRect(rect.x - pad, rect.y - pad, rect.width + 2 * pad, rect.height + 2 * pad)
                            .intersected(QRect(0, 0, document.sheetWidth(), document.sheetHeight()));
    const auto grey = document.source()->readGrey(outer);
    if (!grey)
        return cv::Mat::zeros(rect.height, rect.width, CV_8UC1);
    const cv::Mat &g = grey.value();
    int histogram[256] = {};
    for (int y = 0; y < g.rows; ++y) {
        const uchar *row = g.ptr<uchar>(y);
        for (int x = 0; x < g.cols; ++x)
            ++histogram[row[x]];
    }
    const long long target = (long long)g.total() * 9 / 10;
    long long seen = 0;
    int paper = 255;
    for (int v = 0; v < 256; ++v) {
        seen += histogram[v];
        if (seen >= target) {
            paper = v;
            break;
        }
    }
    const cv::Rect inner(rect.x - outer.x(), rect.y - outer.y(), rect.width, rect.height);
    cv::Mat ink(rect.height, rect.width, CV_8UC1);
    const int threshold = paper - PaintLabelsCommand::inkContrast();
    for (int y = 0; y < rect.height; ++y) {
        const uchar *src = g.ptr<uchar>(inner.y + y) + inner.x;
        uchar *dst = ink.ptr<uchar>(y);
        for (int x = 0; x < rect.width; ++x)
            dst[x] = src[x] < threshold ? 255 : 0;
    }
    return ink;
}

} // namespace

QPointF PaintLabelsCommand::snap(const QPointF &p, int diameter)
{
    if (diameter % 2)
        return {std::floor(p.x()) + 0.5, std::floor(p.y()) + 0.5};
    return {std::round(p.x()), std::round(p.y())};
}

PaintLabelsCommand::PaintLabelsCommand(Document &document, const QPointF &from, const QPointF &to, int diameter,
                                       int classId, int strokeKey, bool inkOnly)
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
    const cv::Rect sheet(0, 0, document.sheetWidth(), document.sheetHeight());
    mRect = cv::Rect(x0, y0, x1 - x0, y1 - y0) & sheet;
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
    const cv::Mat ink = (inkOnly && classId != 0) ? inkMask(document, mRect) : cv::Mat();
    const cv::Vec2b p(classId == 1 ? 255 : 0, classId == 2 ? 255 : 0);
    const double limit = r * r + 1e-9;
    for (int y = 0; y < mRect.height; ++y) {
        uchar *row = mLabelsAfter.ptr<uchar>(y);
        const uchar *inkRow = ink.empty() ? nullptr : ink.ptr<uchar>(y);
        for (int x = 0; x < mRect.width; ++x) {
            if (inkRow && !inkRow[x])
                continue;
            if (segmentDistance2(mRect.x + x + 0.5, mRect.y + y + 0.5, a, b) > limit)
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
