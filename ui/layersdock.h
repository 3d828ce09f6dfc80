#pragma once

#include <QDockWidget>

class QAction;
class QCheckBox;
class QSlider;

namespace veer {

class LabelLayer;
class SheetView;
class TraceLayer;

/**
 * Controls the overlay layers: background, curve one and curve two (toggle, opacity, shortcut
 * 1/2/3) and the traced curves (toggle, shortcut T). The toggle actions are offered to menus.
 */
class LayersDock : public QDockWidget
{
    Q_OBJECT

public:
    LayersDock(LabelLayer &labels, TraceLayer &traces, SheetView &view, QWidget *parent = nullptr);

    QAction *classAction(int classId) const { return mClassActions[classId]; }
    QAction *traceAction() const { return mTraceAction; }
    QSlider *opacitySlider(int classId) const { return mSliders[classId]; }

private:
    LabelLayer &mLabels;
    TraceLayer &mTraces;
    SheetView &mView;
    QAction *mClassActions[3];
    QSlider *mSliders[3];
    QAction *mTraceAction;
};

} // namespace veer
