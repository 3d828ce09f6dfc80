#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QMouseEvent>
#include <QString>
#include <QTest>
#include <QWidget>

namespace veer::test {

/**
 * Keeps QSettings and the autosave folder (AppDataLocation) of a GUI test away from the user's
 * (call before any QSettings is made).
 */
inline void isolateSettings(const QString &dir)
{
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir));
    qputenv("XDG_DATA_HOME", QFile::encodeName(dir + QStringLiteral("/data")));
    QCoreApplication::setOrganizationName(QStringLiteral("VeerTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst"));
}

/**
 * A sheet-like PNG: white paper, a black frame, a grid every 100 rows, and a solid black marker
 * square of 40 px at `marker`. Returns the path.
 */
inline QString writeTestSheet(const QString &dir, QSize size = QSize(900, 5000), QPoint marker = QPoint(300, 2000))
{
    QImage img(size, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setPen(QColor(120, 120, 120));
    for (int y = 0; y < size.height(); y += 100)
        p.drawLine(0, y, size.width(), y);
    p.setPen(Qt::black);
    p.drawRect(0, 0, size.width() - 1, size.height() - 1);
    p.fillRect(QRect(marker, QSize(40, 40)), Qt::black);
    p.end();
    const QString path = QDir(dir).filePath(QStringLiteral("sheet.png"));
    img.save(path);
    return path;
}

/**
 * A mouse drag on `widget` from `start` to `end` in `steps` moves with the left button held (as a
 * hand moves, so a tool sees every step), with `modifiers` throughout.
 */
inline void drag(QWidget *widget, QPoint start, QPoint end, int steps = 5, Qt::KeyboardModifiers modifiers = {})
{
    QTest::mouseMove(widget, start);
    QTest::mousePress(widget, Qt::LeftButton, modifiers, start);
    for (int i = 1; i <= steps; ++i) {
        const QPoint p = start + (end - start) * i / steps;
        QMouseEvent move(QEvent::MouseMove, p, widget->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, modifiers);
        QCoreApplication::sendEvent(widget, &move);
    }
    QTest::mouseRelease(widget, Qt::LeftButton, modifiers, end);
}

} // namespace veer::test
