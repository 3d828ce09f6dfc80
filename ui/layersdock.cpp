#include "layersdock.h"

#include "labellayer.h"
#include "sheetview.h"
#include "tracelayer.h"

#include <QAction>
#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QSlider>

namespace veer {

LayersDock::LayersDock(LabelLayer &labels, TraceLayer &traces, SheetView &view, QWidget *parent)
    : QDockWidget(tr("Layers"), parent)
    , mLabels(labels)
    , mTraces(traces)
    , mView(view)
{
    setObjectName(QStringLiteral("LayersDock"));
    auto *body = new QWidget;
    auto *grid = new QGridLayout(body);
    const QString names[3] = {tr("Background"), tr("Curve one"), tr("Curve two")};
    const Qt::Key keys[3] = {Qt::Key_1, Qt::Key_2, Qt::Key_3};
    for (int c = 0; c < 3; ++c) {
        QPixmap swatch(14, 14);
        swatch.fill(mLabels.classColour(c));
        auto *action = new QAction(QIcon(swatch), names[c], this);
        action->setCheckable(true);
        action->setChecked(mLabels.isClassVisible(c));
        action->setShortcut(QKeySequence(keys[c]));
        action->setToolTip(tr("Show the %1 class (%2)").arg(names[c].toLower(), QKeySequence(keys[c]).toString()));
        mClassActions[c] = action;
        auto *box = new QCheckBox(names[c]);
        box->setIcon(QIcon(swatch));
        box->setChecked(action->isChecked());
        connect(box, &QCheckBox::toggled, action, &QAction::setChecked);
        connect(action, &QAction::toggled, box, &QCheckBox::setChecked);
        connect(action, &QAction::toggled, this, [this, c](bool on) {
            mLabels.setClassVisible(c, on);
            mView.viewport()->update();
        });
        auto *slider = new QSlider(Qt::Horizontal);
        slider->setRange(0, 100);
        slider->setValue(int(mLabels.classOpacity(c) * 100));
        slider->setToolTip(tr("Opacity of the %1 layer").arg(names[c].toLower()));
        connect(slider, &QSlider::valueChanged, this, [this, c](int v) {
            mLabels.setClassOpacity(c, v / 100.0);
            mView.viewport()->update();
        });
        mSliders[c] = slider;
        grid->addWidget(box, c, 0);
        grid->addWidget(slider, c, 1);
        grid->addWidget(new QLabel(QKeySequence(keys[c]).toString()), c, 2);
    }
    mTraceAction = new QAction(tr("Traced curves"), this);
    mTraceAction->setCheckable(true);
    mTraceAction->setChecked(mTraces.isVisible());
    mTraceAction->setShortcut(QKeySequence(Qt::Key_T));
    auto *traceBox = new QCheckBox(tr("Traced curves"));
    traceBox->setToolTip(tr("Curve one red, curve two blue; dashed where the trace is unsure"));
    traceBox->setChecked(true);
    connect(traceBox, &QCheckBox::toggled, mTraceAction, &QAction::setChecked);
    connect(mTraceAction, &QAction::toggled, traceBox, &QCheckBox::setChecked);
    connect(mTraceAction, &QAction::toggled, this, [this](bool on) {
        mTraces.setVisible(on);
        mView.viewport()->update();
    });
    grid->addWidget(traceBox, 3, 0, 1, 2);
    grid->addWidget(new QLabel(QStringLiteral("T")), 3, 2);
    auto *confidenceBox = new QCheckBox(tr("Colour traces by confidence"));
    confidenceBox->setObjectName(QStringLiteral("traceConfidence"));
    confidenceBox->setToolTip(tr("Red where the trace is unsure, green where it is sure, for both curves"));
    confidenceBox->setChecked(mTraces.colourByConfidence());
    connect(confidenceBox, &QCheckBox::toggled, this, [this](bool on) {
        mTraces.setColourByConfidence(on);
        mView.viewport()->update();
    });
    grid->addWidget(confidenceBox, 4, 0, 1, 3);
    grid->setRowStretch(5, 1);
    setWidget(body);
}

} // namespace veer
