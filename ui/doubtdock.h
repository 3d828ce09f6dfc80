#pragma once

#include "trace/doubtfulspans.h"

#include <QDockWidget>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QTreeWidget;

namespace veer {

class Document;

/**
 * The doubtful spans of the trace, worst first (wraps, crossings, gaps, then low confidence, each
 * by how far a value may be off) or in depth order, each with its track, depth range, reasons and
 * review state, filtered by state, with a count per kind. Next (N) and Previous (Shift+N) step
 * through the list in its order; Accept (A) accepts the current span as an undo step. The header
 * says "Span k of n". The panel only listens to the Document; jumping the view is left to whoever
 * connects to currentSpanChanged().
 */
class DoubtDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit DoubtDock(QWidget *parent = nullptr);

    void setDocument(Document *document);

    QAction *nextAction() const { return mNextAction; }
    QAction *previousAction() const { return mPreviousAction; }
    QAction *acceptAction() const { return mAcceptAction; }

    /** Index into Document::review().spans() of the current span; -1 when there is none. */
    int currentIndex() const { return mCurrent; }
    void setCurrentIndex(int index);
    /** Bits of doubtStateBit(): which states the list shows and Next/Previous visit. */
    unsigned stateFilter() const { return mFilter; }
    void setStateFilter(unsigned mask);
    /** "Span k of n", or "n spans" when none is current; what the header shows. */
    QString positionText() const;
    /** Spans listed (those passing the filter). */
    int listedCount() const;
    /** The list's order: worst first (rankDoubtSpans) or by depth. */
    enum class Order { WorstFirst, Depth };
    Order order() const { return mOrder; }
    void setOrder(Order order);
    /** Makes the span at list position `position` (0-based, as "Span k of n" counts) current. */
    void setCurrentListed(int position);
    /** Indices into Document::review().spans() in list order. */
    QList<int> listedIndices() const;
    /** "2 wraps · 1 crossing · …": the listed spans counted per kind, what the panel shows. */
    QString kindCountText() const;

Q_SIGNALS:
    /** The current span changed (-1: none); `span` is only meaningful for index >= 0. */
    void currentSpanChanged(int index, const veer::DoubtSpan &span);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void rebuild();
    void step(bool forward);
    void accept();
    void updateHeader();
    QString depthText(const DoubtSpan &span) const;
    QString shiftText(const DoubtSpan &span) const;

    QPointer<Document> mDocument;
    QTreeWidget *mList;
    QComboBox *mFilterBox;
    QComboBox *mOrderBox;
    QLabel *mPosition;
    QLabel *mKindCounts;
    QAction *mNextAction;
    QAction *mPreviousAction;
    QAction *mAcceptAction;
    int mCurrent = -1;
    DoubtSpan mCurrentSpan;  ///< to find the current span again when the list is rebuilt
    unsigned mFilter = kAllDoubtStates;
    Order mOrder = Order::WorstFirst;
    bool mUpdating = false;
    bool mFromList = false;  ///< the current span is being set by a click in the list
};

} // namespace veer
