#include "typingfirst.h"

#include <QAbstractItemView>
#include <QKeyEvent>

namespace veer {

void TypingFirst::install(QAbstractItemView *view)
{
    view->installEventFilter(new TypingFirst(view));
}

bool TypingFirst::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    auto *view = qobject_cast<QAbstractItemView *>(watched);
    const auto *key = static_cast<QKeyEvent *>(event);
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    if (!view || modifiers != Qt::NoModifier || key->text().isEmpty() || !key->text().at(0).isPrint())
        return false;
    const QModelIndex current = view->currentIndex();
    if (!current.isValid() || !(current.flags() & Qt::ItemIsEditable)
        || !view->editTriggers().testFlag(QAbstractItemView::AnyKeyPressed))
        return false;
    event->accept();  // the key press goes to the view, which opens the editor with this character
    return true;
}

} // namespace veer
