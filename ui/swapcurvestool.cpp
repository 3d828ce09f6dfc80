#include "swapcurvestool.h"

#include "correctioncommands.h"
#include "document.h"
#include "sheetview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace veer {

SwapCurvesTool::SwapCurvesTool(QObject *parent)
    : AbstractTool(tr("Swap Curves"), QIcon::fromTheme(QStringLiteral("exchange-positions")),
                   QKeySequence(Qt::Key_S), parent)
{
}

void SwapCurvesTool::setDocument(Document *document)
{
    mDocument = document;
    mTrack = -1;
    Q_EMIT statusHintChanged();
}

void SwapCurvesTool::deactivate()
{
    mTrack = -1;
    AbstractTool::deactivate();
}

QString SwapCurvesTool::statusHint() const
{
    if (!mDocument)
        return tr("Swap curves: open a sheet first");
    if (mDocument->calibration().tracks.empty())
        return tr("Swap curves: add a track in Calibrate first");
    if (mTrack >= 0)
        return tr("Swap curves: release to exchange curve one and two in track %1, rows %2-%3")
            .arg(mTrack + 1)
            .arg(int(std::floor(std::min(mStartRow, mEndRow))))
            .arg(int(std::floor(std::max(mStartRow, mEndRow))));
    return tr("Swap curves: drag down a track over a crossing to exchange curve one and two there");
}

int SwapCurvesTool::trackAt(double column) const
{
    const auto &tracks = mDocument->calibration().tracks;
    for (size_t i = 0; i < tracks.size(); ++i) {
        if (column >= tracks[i].left && column < tracks[i].right)
            return int(i);
    }
    return -1;
}

void SwapCurvesTool::updateView()
{
    if (view())
        view()->viewport()->update();
}

bool SwapCurvesTool::mousePressed(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument || event.button() != Qt::LeftButton)
        return false;
    const int track = trackAt(imagePos.x());
    if (track < 0)
        return false;  // outside the tracks a drag pans
    mTrack = track;
    mStartRow = mEndRow = std::clamp(imagePos.y(), 0.0, mDocument->sheetHeight() - 1.0);
    Q_EMIT statusHintChanged();
    updateView();
    return true;
}

bool SwapCurvesTool::mouseMoved(QMouseEvent &, const QPointF &imagePos)
{
    if (mTrack < 0 || !mDocument)
        return false;
    mEndRow = std::clamp(imagePos.y(), 0.0, mDocument->sheetHeight() - 1.0);
    Q_EMIT statusHintChanged();
    updateView();
    return true;
}

bool SwapCurvesTool::mouseReleased(QMouseEvent &event, const QPointF &imagePos)
{
    if (mTrack < 0 || event.button() != Qt::LeftButton)
        return false;
    const int track = mTrack;
    mTrack = -1;
    if (mDocument) {
        mEndRow = std::clamp(imagePos.y(), 0.0, mDocument->sheetHeight() - 1.0);
        const int first = int(std::floor(std::min(mStartRow, mEndRow)));
        const int last = int(std::floor(std::max(mStartRow, mEndRow)));
        if (last > first)  // a click without a drag selects nothing
            mDocument->undoStack()->push(new SwapCurvesCommand(*mDocument, track, first, last));
    }
    Q_EMIT statusHintChanged();
    updateView();
    return true;
}

void SwapCurvesTool::paint(QPainter &painter, const SheetView &view)
{
    if (mTrack < 0 || !mDocument || mTrack >= int(mDocument->calibration().tracks.size()))
        return;
    const Track &t = mDocument->calibration().tracks[size_t(mTrack)];
    const double top = std::floor(std::min(mStartRow, mEndRow));
    const double bottom = std::floor(std::max(mStartRow, mEndRow)) + 1.0;
    const QRectF r(view.imageToView(QPointF(t.left, top)), view.imageToView(QPointF(t.right, bottom)));
    painter.save();
    painter.setPen(QPen(QColor(255, 160, 0), 2, Qt::DashLine));
    painter.setBrush(QColor(255, 160, 0, 50));
    painter.drawRect(r);
    painter.restore();
}

} // namespace veer
