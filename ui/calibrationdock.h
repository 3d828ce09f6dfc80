#pragma once

#include <QDockWidget>
#include <QPointer>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QPushButton;
class QMenu;
class QTableWidget;

class QLabel;
class QScrollArea;

namespace veer {

class Document;

/**
 * The calibration side panel: depth unit, fit and step, the list of ties, track edges, and the
 * curve scales of the selected track (mnemonic, unit, class, linear/log, left/right, wrap). Edits
 * become undo commands; the panel refreshes from the Document's changed() signal.
 */
class CalibrationDock : public QDockWidget
{
    Q_OBJECT

public:
    CalibrationDock(QAction &autoAction, QAction &importAction, QAction &exportAction, QWidget *parent = nullptr);

    /**
     * What an automatic calibration left for the user to confirm, shown at the top of the panel
     * until the next proposal or another sheet; empty hides it.
     */
    void setProposalNotes(const QString &text);
    QString proposalNotes() const;

    void setDocument(Document *document);
    int currentTrack() const;
    void setCurrentTrack(int track);
    QTableWidget *curveTable() const { return mCurves; }
    QTableWidget *tieTable() const { return mTies; }
    /** "Logged interval only", its top and bottom depth: what tests drive. */
    QCheckBox *intervalCheck() const { return mLimit; }
    QDoubleSpinBox *intervalTop() const { return mTop; }
    QDoubleSpinBox *intervalBottom() const { return mBottom; }

private:
    void refresh();
    void refreshCurves();
    void settingsEdited();
    void tieEdited(int row, int column);
    void intervalEdited();
    void trackEdgeEdited();
    void curveEdited(int row);
    void setCurveInk(int row, const QString &ink);
    /** Fills the ink button's menu of `row`: the inks found in the track, another colour, none. */
    void fillInkMenu(QMenu *menu, int row);
    void addTrack();
    void addCurve();

    QPointer<Document> mDocument;
    bool mRefreshing = false;
    QLabel *mProposalNotes;
    QScrollArea *mProposalScroll = nullptr;
    QComboBox *mUnit;
    QComboBox *mFit;
    QDoubleSpinBox *mStep;
    QCheckBox *mLimit;
    QDoubleSpinBox *mTop;
    QDoubleSpinBox *mBottom;
    QTableWidget *mTies;
    QPushButton *mRemoveTie;
    QComboBox *mTrack;
    QDoubleSpinBox *mTrackLeft;
    QDoubleSpinBox *mTrackRight;
    QPushButton *mRemoveTrack;
    QTableWidget *mCurves;
    QPushButton *mAddCurve;
    QPushButton *mRemoveCurve;
};

} // namespace veer
