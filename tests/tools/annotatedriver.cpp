// veer-annotate-driver: drives the review GUI's own tools with mouse events from a script, to label a
// real sheet by hand where typing the strokes is faster than drawing them (tests/data/real-annotations).
// Not part of the product; built on demand: `cmake --build build --target veer-annotate-driver`.
//
//   veer-annotate-driver SCRIPT
//
// One command a line ('#' starts a comment):
//   open SHEET|PROJECT          open a sheet or a NAME.veer project
//   calibration FILE            Calibrate > Import Calibration
//   segment                     Run > Segment, waiting for the end
//   class 0|1|2                 the brush's class (Alt+0/1/2)
//   size N                      the brush's diameter in sheet pixels
//   target everything|ink|strokes|thick   what the brush paints on (I, W, H)
//   stroke X,Y X,Y ...          one drag of the brush through these sheet pixels
//   swap X Y0 Y1                one drag of the swap tool down column X from row Y0 to row Y1
//   reviewed Y0 Y1 [X0 X1]      mark rows Y0-Y1 of the tracks within columns X0-X1 reviewed
//   retrain MINUTES EPOCHS SHOT Model > Retrain on the reviewed rows: start, wait, print the result and
//                               save a picture of the dialog to SHOT
//   save PROJECT                File > Save As
//   labels FILE                 write the label map as a PNG of 0/1/2
#include "base/heappolicy.h"
#include "calibrationtool.h"
#include "document.h"
#include "labelbrushtool.h"
#include "mainwindow.h"
#include "projectmanager.h"
#include "retraindialog.h"
#include "reviewcommands.h"
#include "runcontroller.h"
#include "sheetview.h"
#include "swapcurvestool.h"
#include "toolmanager.h"

#include <QAction>
#include <QApplication>
#include <QSpinBox>
#include <QTextBrowser>
#include <QFile>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QTextStream>
#include <QUndoStack>

#include <opencv2/imgcodecs.hpp>

#include <cstdio>

using namespace veer;

namespace {

int fail(int line, const QString &message)
{
    std::fprintf(stderr, "line %d: %s\n", line, qPrintable(message));
    return 1;
}

QPointF parsePoint(const QString &text, bool *ok)
{
    const QStringList xy = text.split(QLatin1Char(','));
    bool okX = false, okY = false;
    const QPointF p(xy.value(0).toDouble(&okX), xy.value(1).toDouble(&okY));
    *ok = xy.size() == 2 && okX && okY;
    return p;
}

/** One left-button drag through `points` (sheet pixels) on the view, as a hand would move. */
bool drag(SheetView *view, const QList<QPointF> &points, int stepPx)
{
    QRectF box(points.first(), QSizeF(0, 0));
    for (const QPointF &p : points)
        box |= QRectF(p, QSizeF(1, 1));
    view->setScale(1.0);
    view->centerOn(box.center());
    QTest::qWait(1);
    QWidget *vp = view->viewport();
    QList<QPoint> at;
    for (const QPointF &p : points) {
        const QPoint v = view->imageToView(p).toPoint();
        if (!vp->rect().contains(v))
            return false;
        at << v;
    }
    QTest::mouseMove(vp, at.first());
    QTest::mousePress(vp, Qt::LeftButton, {}, at.first());
    for (int i = 1; i < at.size(); ++i) {
        // Steps of at most stepPx, so every part of the path is a mouse move.
        const QPoint from = at[i - 1], to = at[i];
        const int steps = std::max(1, int(std::ceil(QLineF(from, to).length() / stepPx)));
        for (int s = 1; s <= steps; ++s) {
            const QPoint p = from + (to - from) * s / steps;
            QMouseEvent move(QEvent::MouseMove, p, vp->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
            QCoreApplication::sendEvent(vp, &move);
        }
    }
    QTest::mouseRelease(vp, Qt::LeftButton, {}, at.last());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    // As the review window's own main: the same heap policy (training speed) and models folder.
    veer::setHeapPolicy(veer::HeapPolicy::KeepForReuse);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Veer"));
    QApplication::setApplicationName(QStringLiteral("Veer"));
    if (argc != 2) {
        std::fprintf(stderr, "usage: veer-annotate-driver SCRIPT\n");
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        std::fprintf(stderr, "%s: %s\n", argv[1], qPrintable(file.errorString()));
        return 1;
    }
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    // A script asks nothing: 'save' replaces, opening drops what was not saved, errors are printed.
    ProjectManager::Prompts &prompts = window.projectManager()->prompts();
    prompts.confirmOverwrite = [](const QString &) { return true; };
    prompts.unsavedChanges = [](const QString &) { return ProjectManager::Answer::Discard; };
    prompts.error = [](const QString &title, const QString &message) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(message));
    };
    LabelBrushTool *brush = window.brushTool();
    QTextStream in(&file);
    int lineNo = 0;
    int strokes = 0;
    while (!in.atEnd()) {
        ++lineNo;
        const QString line = in.readLine().section(QLatin1Char('#'), 0, 0).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList w = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString &cmd = w[0];
        Document *doc = window.document();
        if (cmd == QLatin1String("open")) {
            const QString path = w.value(1);
            const Status s = path.endsWith(QLatin1String(".veer")) || path.endsWith(QLatin1String(".json"))
                                 ? window.openProject(path)
                                 : window.openSheet(path);
            if (!s.ok())
                return fail(lineNo, s.error());
            continue;
        }
        if (!doc)
            return fail(lineNo, QStringLiteral("open a sheet first"));
        if (cmd == QLatin1String("calibration")) {
            const Status s = window.importCalibration(w.value(1));
            if (!s.ok())
                return fail(lineNo, s.error());
        } else if (cmd == QLatin1String("segment")) {
            QSignalSpy spy(window.runController(), &RunController::finished);
            if (!window.runController()->segment() || !spy.wait(600000))
                return fail(lineNo, QStringLiteral("segmentation did not run"));
        } else if (cmd == QLatin1String("class")) {
            brush->setBrushClass(w.value(1).toInt());
        } else if (cmd == QLatin1String("size")) {
            brush->setBrushSize(w.value(1).toInt());
        } else if (cmd == QLatin1String("target")) {
            const QString t = w.value(1);
            brush->setTarget(t == QLatin1String("ink")       ? BrushTarget::Ink
                             : t == QLatin1String("strokes") ? BrushTarget::Strokes
                             : t == QLatin1String("thick")   ? BrushTarget::Thick
                                                             : BrushTarget::Everything);
        } else if (cmd == QLatin1String("stroke") || cmd == QLatin1String("swap")) {
            QList<QPointF> points;
            if (cmd == QLatin1String("swap")) {
                points = {QPointF(w.value(1).toDouble(), w.value(2).toDouble()),
                          QPointF(w.value(1).toDouble(), w.value(3).toDouble())};
                window.toolManager()->activate(window.swapTool());
            } else {
                for (int i = 1; i < w.size(); ++i) {
                    bool ok = false;
                    points << parsePoint(w[i], &ok);
                    if (!ok)
                        return fail(lineNo, QStringLiteral("not a point: %1").arg(w[i]));
                }
                window.toolManager()->activate(brush);
            }
            if (points.isEmpty() || !drag(window.sheetView(), points, std::max(8, brush->brushSize() / 3)))
                return fail(lineNo, QStringLiteral("the stroke does not fit in the view"));
            ++strokes;
        } else if (cmd == QLatin1String("reviewed")) {
            const int first = w.value(1).toInt(), last = w.value(2).toInt();
            const double left = w.size() > 4 ? w[3].toDouble() : 0.0;
            const double right = w.size() > 4 ? w[4].toDouble() : doc->sheetWidth();
            doc->undoStack()->push(ReviewCommand::markReviewed(*doc, first, last, left, right, QStringLiteral("Mark Reviewed")));
        } else if (cmd == QLatin1String("retrain")) {
            auto *action = window.findChild<QAction *>(QStringLiteral("retrainAction"));
            if (!action)
                return fail(lineNo, QStringLiteral("no Model > Retrain"));
            action->trigger();
            auto *dialog = window.findChild<RetrainDialog *>();
            if (!dialog)
                return fail(lineNo, QStringLiteral("no retrain dialog"));
            dialog->findChild<QSpinBox *>(QStringLiteral("timeBudget"))->setValue(w.value(1).toInt());
            dialog->findChild<QSpinBox *>(QStringLiteral("epochs"))->setValue(w.value(2).toInt());
            QSignalSpy done(dialog, &RetrainDialog::runFinished);
            if (!dialog->start())
                return fail(lineNo, QStringLiteral("the fine-tune did not start"));
            if (!done.wait((w.value(1).toInt() + 30) * 60 * 1000))
                return fail(lineNo, QStringLiteral("the fine-tune did not finish"));
            std::printf("retrain: %s\n", qPrintable(done.first().at(2).toString()));
            if (auto *status = dialog->findChild<QTextBrowser *>(QStringLiteral("retrainStatus")))
                std::printf("%s\n", qPrintable(status->toPlainText()));
            if (w.size() > 3 && !dialog->grab().save(w[3]))
                return fail(lineNo, QStringLiteral("cannot write %1").arg(w[3]));
        } else if (cmd == QLatin1String("save")) {
            const Status s = window.saveProject(w.value(1));
            if (!s.ok())
                return fail(lineNo, s.error());
        } else if (cmd == QLatin1String("labels")) {
            if (doc->labels().empty() || !cv::imwrite(w.value(1).toStdString(), doc->labels()))
                return fail(lineNo, QStringLiteral("could not write %1").arg(w.value(1)));
        } else {
            return fail(lineNo, QStringLiteral("unknown command: %1").arg(cmd));
        }
    }
    std::printf("%d strokes applied, %d undo steps\n", strokes,
                window.document() ? window.document()->undoStack()->count() : 0);
    // The script's edits are saved by its own 'save'; nothing is asked on the way out.
    if (window.document())
        window.document()->setClean();
    return 0;
}
