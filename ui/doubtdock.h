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
 * The doubtful spans of the trace in depth order, each with its track, depth range, reasons and
 * review state, filtered by state. Next (N) and Previous (Shift+N) step through the spans that
 * pass the filter; Accept (A) accepts the current one as an undo step. The header says "Span k of
 * n". The panel only listens to the Document; jumping the view is left to whoever connects to
 * currentSpanChanged().
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

    QPointer<Document> mDocument;
    QTreeWidget *mList;
    QComboBox *mFilterBox;
    QLabel *mPosition;
    QAction *mNextAction;
    QAction *mPreviousAction;
    QAction *mAcceptAction;
    int mCurrent = -1;
    DoubtSpan mCurrentSpan;  ///< to find the current span again when the list is rebuilt
    unsigned mFilter = kAllDoubtStates;
    bool mUpdating = false;
};

} // namespace veer
