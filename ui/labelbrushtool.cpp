#include "labelbrushtool.h"

#include "correctioncommands.h"
#include "document.h"
#include "sheetview.h"

#include <QAction>
#include <QActionGroup>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QUndoStack>
#include <QWheelEvent>

#include <algorithm>

namespace veer {

namespace {

QString className(int classId)
{
    switch (classId) {
    case 1: return LabelBrushTool::tr("curve one");
    case 2: return LabelBrushTool::tr("curve two");
    default: return LabelBrushTool::tr("background (erase)");
    }
}

} // namespace

LabelBrushTool::LabelBrushTool(QObject *parent)
    : AbstractTool(tr("Label Brush"), QIcon::fromTheme(QStringLiteral("draw-brush")), QKeySequence(Qt::Key_B), parent)
{
    auto *group = new QActionGroup(this);
    const QString names[3] = {tr("Brush: &Background (Eraser)"), tr("Brush: Curve &One"), tr("Brush: Curve &Two")};
    const Qt::Key keys[3] = {Qt::Key_0, Qt::Key_1, Qt::Key_2};
    for (int c = 0; c < 3; ++c) {
        auto *a = new QAction(names[c], group);
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::ALT | keys[c]));
        connect(a, &QAction::triggered, this, [this, c] { setBrushClass(c); });
        mClassActions[c] = a;
        mActions.append(a);
    }
    mClassActions[mClass]->setChecked(true);
    auto *smaller = new QAction(tr("Smaller Brush"), this);
    smaller->setShortcut(QKeySequence(Qt::Key_BracketLeft));
    connect(smaller, &QAction::triggered, this, [this] { setBrushSize(mSize - 1); });
    auto *larger = new QAction(tr("Larger Brush"), this);
    larger->setShortcut(QKeySequence(Qt::Key_BracketRight));
    connect(larger, &QAction::triggered, this, [this] { setBrushSize(mSize + 1); });
    mActions.append(smaller);
    mActions.append(larger);
    // What the brush paints on: at most one of the two narrower targets is checked.
    auto *targets = new QActionGroup(this);
    targets->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    mInkAction = new QAction(tr("Brush: Paint on &Ink Only"), targets);
    mInkAction->setShortcut(QKeySequence(Qt::Key_I));
    mInkAction->setToolTip(tr("Curve classes go only on ink darker than the paper; the eraser erases everything"));
    mStrokesAction = new QAction(tr("Brush: Paint &Whole Strokes"), targets);
    mStrokesAction->setShortcut(QKeySequence(Qt::Key_W));
    mStrokesAction->setToolTip(tr("Every stroke the brush touches takes the class whole; grid lines are left out"));
    mThickAction = new QAction(tr("Brush: Paint on T&hick Ink"), targets);
    mThickAction->setShortcut(QKeySequence(Qt::Key_H));
    mThickAction->setToolTip(tr("Curve classes go only on strokes at least %1 px thick: a heavy curve where a thin one "
                                "crosses it; heavy grid lines are left out")
                                 .arg(PaintLabelsCommand::thickWidth()));
    for (QAction *a : {mInkAction, mStrokesAction, mThickAction}) {
        a->setCheckable(true);
        connect(a, &QAction::triggered, this, [this] {
            setTarget(mInkAction->isChecked()       ? BrushTarget::Ink
                      : mStrokesAction->isChecked() ? BrushTarget::Strokes
                      : mThickAction->isChecked()   ? BrushTarget::Thick
                                                    : BrushTarget::Everything);
        });
        mActions.append(a);
    }
}

void LabelBrushTool::setTarget(BrushTarget target)
{
    mInkAction->setChecked(target == BrushTarget::Ink);
    mStrokesAction->setChecked(target == BrushTarget::Strokes);
    mThickAction->setChecked(target == BrushTarget::Thick);
    if (target == mTarget)
        return;
    mTarget = target;
    updateView();
    Q_EMIT statusHintChanged();
}

void LabelBrushTool::setDocument(Document *document)
{
    mDocument = document;
    mPainting = false;
    Q_EMIT statusHintChanged();
}

void LabelBrushTool::setBrushClass(int classId)
{
    classId = std::clamp(classId, 0, 2);
    mClassActions[classId]->setChecked(true);
    if (classId == mClass)
        return;
    mClass = classId;
    updateView();
    Q_EMIT statusHintChanged();
}

void LabelBrushTool::setBrushSize(int diameter)
{
    diameter = std::clamp(diameter, 1, kMaxSize);
    if (diameter == mSize)
        return;
    mSize = diameter;
    updateView();
    Q_EMIT statusHintChanged();
}

QString LabelBrushTool::statusHint() const
{
    if (!mDocument)
        return tr("Label brush: open a sheet first");
    QString where;
    if (mTarget == BrushTarget::Strokes)
        where = tr(" on whole strokes");
    else if (mTarget == BrushTarget::Ink && mClass != 0)
        where = tr(" on ink only");
    else if (mTarget == BrushTarget::Thick && mClass != 0)
        where = tr(" on thick ink");
    return tr("Label brush: drag to paint %1%2, %3 px  [Alt+0/1/2 class, I ink, W strokes, H thick ink, "
              "Shift+wheel or [ ] size]")
        .arg(className(mClass), where)
        .arg(mSize);
}

void LabelBrushTool::activate(SheetView &view)
{
    AbstractTool::activate(view);
    Q_EMIT statusHintChanged();
}

void LabelBrushTool::deactivate()
{
    mPainting = false;
    mHover = false;
    AbstractTool::deactivate();
}

void LabelBrushTool::updateView()
{
    if (view())
        view()->viewport()->update();
}

bool LabelBrushTool::mousePressed(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mDocument || event.button() != Qt::LeftButton)
        return false;
    mPainting = true;
    ++mStrokeKey;
    mLast = imagePos;
    mDocument->undoStack()->push(new PaintLabelsCommand(*mDocument, imagePos, imagePos, mSize, mClass, mStrokeKey, mTarget));
    return true;
}

bool LabelBrushTool::mouseMoved(QMouseEvent &event, const QPointF &imagePos)
{
    mHover = true;
    mHoverPos = imagePos;
    if (mPainting && mDocument && (event.buttons() & Qt::LeftButton)) {
        if (PaintLabelsCommand::snap(imagePos, mSize) != PaintLabelsCommand::snap(mLast, mSize))
            mDocument->undoStack()->push(new PaintLabelsCommand(*mDocument, mLast, imagePos, mSize, mClass, mStrokeKey, mTarget));
        mLast = imagePos;
    }
    updateView();
    return mPainting;
}

bool LabelBrushTool::mouseReleased(QMouseEvent &event, const QPointF &imagePos)
{
    if (!mPainting || event.button() != Qt::LeftButton)
        return false;
    if (mDocument && PaintLabelsCommand::snap(imagePos, mSize) != PaintLabelsCommand::snap(mLast, mSize))
        mDocument->undoStack()->push(new PaintLabelsCommand(*mDocument, mLast, imagePos, mSize, mClass, mStrokeKey, mTarget));
    mPainting = false;
    return true;
}

bool LabelBrushTool::keyPressed(QKeyEvent &event)
{
    if (event.key() == Qt::Key_BracketLeft) {
        setBrushSize(mSize - 1);
        return true;
    }
    if (event.key() == Qt::Key_BracketRight) {
        setBrushSize(mSize + 1);
        return true;
    }
    return false;
}

bool LabelBrushTool::wheelTurned(QWheelEvent &event)
{
    if (!(event.modifiers() & Qt::ShiftModifier))
        return false;
    // Some platforms turn a vertical wheel with Shift into a horizontal one.
    const int delta = event.angleDelta().y() ? event.angleDelta().y() : event.angleDelta().x();
    const int steps = delta / 120 ? delta / 120 : (delta > 0 ? 1 : delta < 0 ? -1 : 0);
    setBrushSize(mSize + steps * std::max(1, mSize / 8));
    return true;
}

void LabelBrushTool::paint(QPainter &painter, const SheetView &view)
{
    if (!mHover)
        return;
    const QPointF centre = view.imageToView(PaintLabelsCommand::snap(mHoverPos, mSize));
    const double r = std::max(1.5, mSize / 2.0 * view.scale());
    const QColor colours[3] = {Qt::white, QColor(230, 40, 40), QColor(40, 90, 230)};
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(Qt::black, 3));
    painter.drawEllipse(centre, r, r);
    // On ink or thick ink: a dashed ring, as the brush paints only where the sheet is dark; whole
    // strokes: dotted.
    const Qt::PenStyle style = mTarget == BrushTarget::Strokes                     ? Qt::DotLine
                               : mTarget != BrushTarget::Everything && mClass != 0 ? Qt::DashLine
                                                                                   : Qt::SolidLine;
    painter.setPen(QPen(colours[mClass], 1.5, style));
    painter.drawEllipse(centre, r, r);
    painter.restore();
}

} // namespace veer
