// Every trace edit command: apply, undo (the serialised document equals the snapshot before), redo
// (equals the state after); a drag of many moves is one undo step; a re-trace after a brush edit
// changes only the edited rows and keeps the anchors; anchors survive a project round trip; the
// trace edit tool driven with the mouse through the sheet view at two zoom levels.
#include "uitestutil.h"

#include "correctioncommands.h"
#include "document.h"
#include "labelbrushtool.h"
#include "mainwindow.h"
#include "projectfile.h"
#include "runcontroller.h"
#include "sheetview.h"
#include "toolmanager.h"
#include "traceeditcommands.h"
#include "traceedittool.h"

#include "trace/curvetracer.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstring>
#include <functional>

using namespace veer;

using CommandFactory = std::function<QUndoCommand *(Document &)>;
using Preparation = std::function<void(Document &)>;
Q_DECLARE_METATYPE(CommandFactory)
Q_DECLARE_METATYPE(Preparation)

namespace {

constexpr int kTraceFirstRow = 500;
constexpr int kTraceRows = 3000;
constexpr int kColumns[2][2] = {{200, 300}, {600, 700}};  ///< curve one / two of tracks 1 and 2

CurveScale scale(int classId)
{
    CurveScale s;
    s.classId = classId;
    s.mnemonic = classId == 1 ? QStringLiteral("ONE") : QStringLiteral("TWO");
    s.unit = QStringLiteral("U");
    s.left = 0.0;
    s.right = 100.0;
    return s;
}

Calibration twoTracks()
{
    Calibration cal;
    cal.ties = {{100.0, 1000.0}, {4100.0, 1400.0}};
    for (const auto &[left, right] : {std::pair{100.0, 500.0}, std::pair{520.0, 880.0}}) {
        Track track;
        track.left = left;
        track.right = right;
        track.curves = {scale(1), scale(2)};
        cal.tracks.push_back(track);
    }
    return cal;
}

/** Both tracks' curves as straight columns, labels and probabilities, traced by CurveTracer. */
void setUp(Document &d)
{
    d.setCalibration(twoTracks());
    cv::Mat labels = cv::Mat::zeros(d.sheetHeight(), d.sheetWidth(), CV_8UC1);
    cv::Mat probs(labels.size(), CV_8UC2, cv::Scalar(0, 0));
    for (const auto &track : kColumns) {
        labels.col(track[0]).setTo(1);
        labels.col(track[1]).setTo(2);
        probs.col(track[0]).setTo(cv::Scalar(250, 5));
        probs.col(track[1]).setTo(cv::Scalar(7, 240));
    }
    d.setLabels(labels, probs);
    TraceOptions options;
    options.firstRow = kTraceFirstRow;
    options.rowCount = kTraceRows;
    Result<TraceResult> trace = CurveTracer(options).trace(labels, &probs, d.calibration());
    QVERIFY2(trace.ok(), qPrintable(trace.error()));
    d.setTrace(*trace);
    d.undoStack()->clear();
    d.setClean();
}

/** A brush correction: curve one of track 1 moves to column 215 over rows [first, last]. */
void moveCurveOneByBrush(Document &d, int first, int last, int key = 77)
{
    d.undoStack()->push(new PaintLabelsCommand(d, {200.5, first + 0.5}, {200.5, last + 0.5}, 1, 0, key));
    d.undoStack()->push(new PaintLabelsCommand(d, {215.5, first + 0.5}, {215.5, last + 0.5}, 1, 1, key));
}

float columnOf(const Document &d, int track, int classId, int row)
{
    for (const CurveTrace &c : d.trace()->tracks[size_t(track)].curves) {
        if (c.classId == classId)
            return c.column[size_t(row - d.trace()->firstRow)];
    }
    return std::nanf("");
}

/** Empty when every sample outside image rows [first, last] is bit-identical in `a` and `b`. */
QString compareOutside(const TraceResult &a, const TraceResult &b, int first, int last)
{
    for (size_t t = 0; t < a.tracks.size(); ++t) {
        for (size_t k = 0; k < a.tracks[t].curves.size(); ++k) {
            const CurveTrace &ca = a.tracks[t].curves[k];
            const CurveTrace &cb = b.tracks[t].curves[k];
            for (int i = 0; i < a.rowCount; ++i) {
                const int row = a.firstRow + i;
                if (row >= first && row <= last)
                    continue;
                if (std::memcmp(&ca.column[size_t(i)], &cb.column[size_t(i)], sizeof(float)) != 0
                    || std::memcmp(&ca.confidence[size_t(i)], &cb.confidence[size_t(i)], sizeof(float)) != 0)
                    return QStringLiteral("track %1 curve %2 row %3 changed").arg(t).arg(k).arg(row);
            }
        }
    }
    return {};
}

void sendMove(QWidget *w, const QPoint &p, Qt::MouseButtons buttons, Qt::KeyboardModifiers mods = {})
{
    QMouseEvent move(QEvent::MouseMove, p, w->mapToGlobal(p), Qt::NoButton, buttons, mods);
    QCoreApplication::sendEvent(w, &move);
}

} // namespace

class TestTraceEditCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void applyUndoRedo_data();
    void applyUndoRedo();
    void dragIsOneUndoStep();
    void moveKeepsOtherAnchorsAndContinuity();
    void retraceAfterBrushChangesOnlyTheSpan();
    void anchorsSurviveRetrace();
    void drawSegmentSetsEveryRow();
    void anchorsInProjectFile();
    void toolAtZoom_data();
    void toolAtZoom();
    void sampleSheetDrag();
    void retraceEditedSpanAction();
    void digitizeKeepsAnchors();
    void swapCarriesAnchors();

private:
    std::unique_ptr<Document> makeDocument();
    QTemporaryDir mDir;
    QString mSheet;
};

void TestTraceEditCommands::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    mSheet = test::writeTestSheet(mDir.path());
}

std::unique_ptr<Document> TestTraceEditCommands::makeDocument()
{
    auto doc = Document::openSheet(mSheet);
    if (!doc)
        return nullptr;
    std::unique_ptr<Document> d = doc.take();
    setUp(*d);
    return d;
}

void TestTraceEditCommands::applyUndoRedo_data()
{
    QTest::addColumn<Preparation>("prepare");
    QTest::addColumn<CommandFactory>("make");
    const Preparation nothing = [](Document &) {};
    const Preparation anchored = [](Document &d) {
        d.undoStack()->push(new MoveTraceNodeCommand(d, 0, 1, 1500, 230.0, 20));
    };
    const Preparation brushed = [](Document &d) { moveCurveOneByBrush(d, 1200, 1260); };
    const Preparation brushedBoth = [](Document &d) {
        d.undoStack()->push(new PaintLabelsCommand(d, {150, 1800}, {650, 1830}, 9, 0, 5));
    };
    QTest::newRow("move node") << nothing << CommandFactory([](Document &d) {
        return new MoveTraceNodeCommand(d, 0, 1, 1500, 230.0, 20);
    });
    QTest::newRow("move node of track 2, curve two") << nothing << CommandFactory([](Document &d) {
        return new MoveTraceNodeCommand(d, 1, 2, 3499, 690.25, 50, 9);
    });
    QTest::newRow("insert node") << nothing << CommandFactory([](Document &d) {
        return new InsertTraceNodeCommand(d, 0, 2, 2000, 300.0);
    });
    QTest::newRow("delete node") << anchored << CommandFactory([](Document &d) {
        return new DeleteTraceNodeCommand(d, 0, 1, 1500);
    });
    QTest::newRow("draw segment") << nothing << CommandFactory([](Document &d) {
        return new DrawTraceSegmentCommand(d, 0, 1, {{250.5, 1000.2}, {260.5, 1040.7}, {255.5, 1100.1}});
    });
    QTest::newRow("re-trace span") << brushed << CommandFactory([](Document &d) {
        return new RetraceSpanCommand(d, 0, 1200, 1260);
    });
    QTest::newRow("re-trace last label edit") << brushed << CommandFactory([](Document &d) {
        return RetraceSpanCommand::forLastLabelEdit(d);
    });
    QTest::newRow("re-trace last label edit, two tracks") << brushedBoth << CommandFactory([](Document &d) {
        return RetraceSpanCommand::forLastLabelEdit(d);
    });
    QTest::newRow("re-trace rows of all tracks") << brushedBoth << CommandFactory([](Document &d) {
        return RetraceSpanCommand::forAllTracks(d, 1700, 1900);
    });
}

void TestTraceEditCommands::applyUndoRedo()
{
    QFETCH(Preparation, prepare);
    QFETCH(CommandFactory, make);
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    prepare(d);
    const int count = d.undoStack()->count();
    const QByteArray before = d.serialise();
    QUndoCommand *command = make(d);
    QVERIFY(command);
    d.undoStack()->push(command);
    QCOMPARE(d.undoStack()->count(), count + 1);
    const QByteArray after = d.serialise();
    QVERIFY(after != before);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
    d.undoStack()->redo();
    QCOMPARE(d.serialise(), after);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
}

void TestTraceEditCommands::dragIsOneUndoStep()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    const QByteArray before = d.serialise();
    // A drag right then back left past the start: 30 moves, one step.
    for (int i = 1; i <= 30; ++i) {
        const double column = 200.0 + (i <= 20 ? i : 40 - i * 1.5);
        d.undoStack()->push(new MoveTraceNodeCommand(d, 0, 1, 2000, column, 10 + i, 4));
    }
    QCOMPARE(d.undoStack()->count(), 1);
    QCOMPARE(columnOf(d, 0, 1, 2000), 195.0f);
    QCOMPARE(int(d.traceAnchors().size()), 1);
    QCOMPARE(d.traceAnchors()[0].column, 195.0);
    const auto *cmd = static_cast<const TraceEditCommand *>(d.undoStack()->command(0));
    QCOMPARE(cmd->firstRow(), 2000 - 40);
    QCOMPARE(cmd->lastRow(), 2000 + 40);
    const QByteArray after = d.serialise();
    // The next drag is a new step.
    d.undoStack()->push(new MoveTraceNodeCommand(d, 0, 1, 2600, 205.0, 10, 5));
    QCOMPARE(d.undoStack()->count(), 2);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), after);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
    d.undoStack()->redo();
    QCOMPARE(d.serialise(), after);
}

void TestTraceEditCommands::moveKeepsOtherAnchorsAndContinuity()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    d.undoStack()->push(new InsertTraceNodeCommand(d, 0, 1, 1990, 200.0));
    d.undoStack()->push(new MoveTraceNodeCommand(d, 0, 1, 2000, 220.0, 30));
    // The falloff stops at the anchor on row 1990 and fades over 30 rows below.
    QCOMPARE(columnOf(d, 0, 1, 1990), 200.0f);
    QCOMPARE(columnOf(d, 0, 1, 2000), 220.0f);
    QCOMPARE(columnOf(d, 0, 1, 2030), 200.0f);
    QCOMPARE(columnOf(d, 0, 1, 1995), 210.0f);
    for (int row = 1990; row < 2030; ++row)
        QVERIFY2(std::abs(columnOf(d, 0, 1, row + 1) - columnOf(d, 0, 1, row)) <= 2.0f, qPrintable(QString::number(row)));
    // Curve two did not move.
    QCOMPARE(columnOf(d, 0, 2, 2000), float(kColumns[0][1]));
    QCOMPARE(int(d.traceAnchors().size()), 2);
}

void TestTraceEditCommands::retraceAfterBrushChangesOnlyTheSpan()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    moveCurveOneByBrush(d, 1200, 1260);
    const TraceResult before = *d.trace();
    QUndoCommand *retrace = RetraceSpanCommand::forLastLabelEdit(d);
    QVERIFY(retrace);
    d.undoStack()->push(retrace);
    const QString outside = compareOutside(before, *d.trace(), 1200, 1260);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
    // Inside, away from the joins, curve one follows the corrected labels.
    for (int row = 1215; row <= 1245; ++row)
        QVERIFY2(std::abs(columnOf(d, 0, 1, row) - 215.0f) <= 0.5f, qPrintable(QString::number(row)));
    QCOMPARE(columnOf(d, 0, 2, 1230), float(kColumns[0][1]));
    // The brush stroke touched only track 1: one command, not a macro.
    QVERIFY(dynamic_cast<RetraceSpanCommand *>(retrace));
    QCOMPARE(static_cast<RetraceSpanCommand *>(retrace)->track(), 0);
    // Nothing left to re-trace: no command.
    QString error;
    QVERIFY(!RetraceSpanCommand::forLastLabelEdit(d, &error));
    QVERIFY(!error.isEmpty());
}

void TestTraceEditCommands::anchorsSurviveRetrace()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    d.undoStack()->push(new MoveTraceNodeCommand(d, 0, 1, 1230, 211.5, 5));
    d.undoStack()->push(new InsertTraceNodeCommand(d, 0, 2, 1240, 300.0));
    const std::vector<TraceAnchor> anchors = d.traceAnchors();
    QCOMPARE(int(anchors.size()), 2);
    moveCurveOneByBrush(d, 1200, 1260, 78);
    QUndoCommand *retrace = RetraceSpanCommand::forLastLabelEdit(d);
    QVERIFY(retrace);
    d.undoStack()->push(retrace);
    QCOMPARE(columnOf(d, 0, 1, 1230), 211.5f);
    QCOMPARE(columnOf(d, 0, 2, 1240), 300.0f);
    QCOMPARE(int(d.traceAnchors().size()), 2);
    QCOMPARE(d.traceAnchors()[0].column, 211.5);
    QVERIFY(std::abs(columnOf(d, 0, 1, 1250) - 215.0f) <= 0.5f);
    // Deleting the anchor re-traces it onto the labels.
    d.undoStack()->push(new DeleteTraceNodeCommand(d, 0, 1, 1230));
    QCOMPARE(int(d.traceAnchors().size()), 1);
    QVERIFY(std::abs(columnOf(d, 0, 1, 1230) - 215.0f) <= 0.5f);
}

void TestTraceEditCommands::drawSegmentSetsEveryRow()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    TraceResult withWrap = *d.trace();
    withWrap.tracks[0].curves[0].wraps = {{1050, 1}, {2500, -1}};
    d.setTrace(withWrap);
    // Three points down the rows (image pixels): every row from 1000 to 1100 gets a column.
    d.undoStack()->push(new DrawTraceSegmentCommand(d, 0, 1, {{250.5, 1000.5}, {270.5, 1050.5}, {250.5, 1100.5}}, 10));
    for (int row = 1000; row <= 1100; ++row) {
        const double t = row <= 1050 ? (row - 1000) / 50.0 : (1100 - row) / 50.0;
        QCOMPARE(columnOf(d, 0, 1, row), float(250.0 + 20.0 * t));
        QCOMPARE(d.trace()->tracks[0].curves[0].confidence[size_t(row - kTraceFirstRow)], 1.0f);
    }
    QCOMPARE(columnOf(d, 0, 1, 999), float(kColumns[0][0]));
    QCOMPARE(columnOf(d, 0, 1, 1101), float(kColumns[0][0]));
    QCOMPARE(int(d.trace()->tracks[0].curves[0].wraps.size()), 1);  // the one on the drawn rows went
    QCOMPARE(int(d.traceAnchors().size()), 11);  // every 10 rows, both ends included
    QCOMPARE(d.traceAnchors().front().row, 1000);
    QCOMPARE(d.traceAnchors().back().row, 1100);
    // Off the traced rows: nothing to do, and the stack drops it.
    d.undoStack()->push(new DrawTraceSegmentCommand(d, 0, 1, {{250, 100}, {250, 200}}));
    QCOMPARE(d.undoStack()->count(), 1);
}

void TestTraceEditCommands::anchorsInProjectFile()
{
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    d.undoStack()->push(new MoveTraceNodeCommand(d, 1, 2, 1234, 712.75, 8));
    const QString folder = mDir.filePath(QStringLiteral("anchors.veer"));
    QVERIFY(ProjectFile::save(d, folder).ok());
    auto data = ProjectFile::read(folder);
    QVERIFY2(data.ok(), qPrintable(data.error()));
    QCOMPARE(int(data->traceAnchors.size()), 1);
    auto reopened = ProjectFile::toDocument(*data, mSheet);
    QVERIFY(reopened.ok());
    QCOMPARE((*reopened)->serialise(), d.serialise());
    QCOMPARE((*reopened)->traceAnchors()[0].column, 712.75);
    // A project without anchors (an older one) reads as none, and writes no key.
    auto plain = makeDocument();
    QVERIFY(!plain->toJson().contains(QStringLiteral("trace_anchors")));
    const QString older = mDir.filePath(QStringLiteral("older.veer"));
    QVERIFY(ProjectFile::save(*plain, older).ok());
    auto olderData = ProjectFile::read(older);
    QVERIFY(olderData.ok());
    QVERIFY(olderData->traceAnchors.empty());
}

void TestTraceEditCommands::toolAtZoom_data()
{
    QTest::addColumn<double>("scale");
    QTest::newRow("1:1") << 1.0;
    QTest::newRow("zoomed in x3") << 3.0;
}

void TestTraceEditCommands::toolAtZoom()
{
    QFETCH(double, scale);
    MainWindow window;
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    setUp(*doc);
    TraceEditTool *tool = window.traceEditTool();
    QVERIFY(tool);
    QCOMPARE(window.toolManager()->actionFor(tool)->shortcut(), QKeySequence(Qt::Key_E));
    window.toolManager()->activate(tool);
    SheetView *view = window.sheetView();
    QWidget *vp = view->viewport();
    view->setScale(scale);
    view->centerOn(QPointF(250, 2000));
    view->setFocus();
    QTest::qWait(50);
    const QByteArray before = doc->serialise();

    // Hover near curve one on row 2000: the node is found within a few screen pixels.
    const QPoint node = view->imageToView(QPointF(200.5, 2000.5)).toPoint();
    sendMove(vp, node + QPoint(3, 1), Qt::NoButton);
    QVERIFY(tool->hoveredNode().isValid());
    QCOMPARE(tool->hoveredNode().classId, 1);
    QCOMPARE(tool->hoveredNode().track, 0);
    QVERIFY(std::abs(tool->hoveredNode().row - 2000) <= 1);
    QVERIFY(tool->statusHint().contains(QStringLiteral("drag to move curve one")));
    // Far from any curve, no node.
    sendMove(vp, view->imageToView(QPointF(250.5, 2000.5)).toPoint(), Qt::NoButton);
    QVERIFY(!tool->hoveredNode().isValid());

    // Drag it 12 image pixels right in ten moves: one undo step, the node where the cursor is.
    const QPoint end = node + QPoint(int(std::lround(12 * scale)), 0);
    sendMove(vp, node, Qt::NoButton);
    const int row = tool->hoveredNode().row;
    QVERIFY(std::abs(row + 0.5 - view->viewToImage(node).y()) <= 1.0);
    QTest::mousePress(vp, Qt::LeftButton, {}, node);
    QVERIFY(tool->statusHint().contains(QStringLiteral("release")));
    for (int i = 1; i <= 10; ++i)
        sendMove(vp, node + (end - node) * i / 10, Qt::LeftButton);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, end);
    QCOMPARE(doc->undoStack()->count(), 1);
    const float expected = float(columnAt(view->viewToImage(end)));
    QCOMPARE(columnOf(*doc, 0, 1, row), expected);
    QCOMPARE(int(doc->traceAnchors().size()), 1);
    QCOMPARE(doc->traceAnchors()[0].row, row);

    // Right-click on the node removes its anchor and re-traces it back onto the labels.
    sendMove(vp, end, Qt::NoButton);
    QVERIFY(tool->hoveredNode().anchored);
    QTest::mouseClick(vp, Qt::RightButton, {}, end);
    QCOMPARE(doc->undoStack()->count(), 2);
    QVERIFY(doc->traceAnchors().empty());
    QVERIFY(std::abs(columnOf(*doc, 0, 1, row) - 200.0f) <= 0.5f);

    // Ctrl+click near curve two inserts a node on it at that row.
    const QPoint nearTwo = view->imageToView(QPointF(296.5, 2100.5)).toPoint();
    QTest::mouseClick(vp, Qt::LeftButton, Qt::ControlModifier, nearTwo);
    QCOMPARE(doc->undoStack()->count(), 3);
    QCOMPARE(int(doc->traceAnchors().size()), 1);
    QCOMPARE(doc->traceAnchors()[0].classId, 2);
    QCOMPARE(doc->traceAnchors()[0].column, double(kColumns[0][1]));
    // Delete over the node removes it again (undone here, so the steps below stay in order).
    const TraceAnchor inserted = doc->traceAnchors()[0];
    sendMove(vp, view->imageToView(QPointF(inserted.column + 0.5, inserted.row + 0.5)).toPoint(), Qt::NoButton);
    QVERIFY(tool->hoveredNode().anchored);
    QVERIFY(tool->statusHint().contains(QStringLiteral("removes the anchor")));
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(doc->undoStack()->count(), 4);
    QVERIFY(doc->traceAnchors().empty());
    doc->undoStack()->undo();
    QCOMPARE(int(doc->traceAnchors().size()), 1);

    // 2 picks curve two (and does not toggle the class layer), Shift+drag draws it.
    QAction *layerTwo = nullptr;
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(Qt::Key_2))
            layerTwo = a;
    }
    const bool layerTwoChecked = layerTwo && layerTwo->isChecked();
    QTest::keyClick(view, Qt::Key_2);
    QCOMPARE(tool->drawClass(), 2);
    if (layerTwo)
        QCOMPARE(layerTwo->isChecked(), layerTwoChecked);
    QVERIFY(layerTwo);
    QVERIFY(tool->statusHint().contains(QStringLiteral("curve two")));
    const QPoint a = view->imageToView(QPointF(320.5, 1950.5)).toPoint();
    const QPoint b = view->imageToView(QPointF(330.5, 1990.5)).toPoint();
    sendMove(vp, a, Qt::NoButton, Qt::ShiftModifier);
    QVERIFY(tool->statusHint().contains(QStringLiteral("draw curve two")));
    QTest::mousePress(vp, Qt::LeftButton, Qt::ShiftModifier, a);
    for (int i = 1; i <= 8; ++i)
        sendMove(vp, a + (b - a) * i / 8, Qt::LeftButton, Qt::ShiftModifier);
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::ShiftModifier, b);
    QCOMPARE(doc->undoStack()->count(), 4);
    const int r0 = int(std::floor(view->viewToImage(a).y()));
    const int r1 = int(std::floor(view->viewToImage(b).y()));
    QVERIFY(std::abs(columnOf(*doc, 0, 2, r0) - float(columnAt(view->viewToImage(a)))) <= 0.3f);
    QVERIFY(std::abs(columnOf(*doc, 0, 2, r1) - float(columnAt(view->viewToImage(b)))) <= 0.3f);
    QCOMPARE(columnOf(*doc, 0, 2, r1 + 1), float(kColumns[0][1]));

    // R re-traces the last edited span (the drawn rows): nothing outside them changes and the
    // drawn anchors hold.
    const TraceResult drawn = *doc->trace();
    const std::vector<TraceAnchor> anchors = doc->traceAnchors();
    QVERIFY(tool->statusHint().contains(QStringLiteral("R: re-trace rows %1-%2").arg(r0).arg(r1)));
    QTest::keyClick(view, Qt::Key_R);
    const int steps = doc->undoStack()->count();
    QVERIFY(steps == 4 || steps == 5);
    const QString outside = compareOutside(drawn, *doc->trace(), r0, r1);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
    QCOMPARE(int(doc->traceAnchors().size()), int(anchors.size()));
    for (const TraceAnchor &anchor : anchors)
        QCOMPARE(columnOf(*doc, anchor.trackIndex, anchor.classId, anchor.row), float(anchor.column));

    for (int i = 0; i < steps; ++i)
        doc->undoStack()->undo();
    QCOMPARE(doc->serialise(), before);
}

void TestTraceEditCommands::sampleSheetDrag()
{
    // The generated sample sheet with its exact labels, traced, and a node dragged with the mouse:
    // the grab shows the highlighted node (VEER_SCREENSHOT_OUT=FILE.png saves it for the docs).
    const QString samples = qEnvironmentVariable("VEER_SOURCE_DIR") + QStringLiteral("/resources/samples/");
    if (!QFile::exists(samples + QStringLiteral("sample-sheet.png")))
        QSKIP("VEER_SOURCE_DIR does not point at the source tree");
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(samples + QStringLiteral("sample-sheet.png")).ok());
    Document *doc = window.document();
    QFile calFile(samples + QStringLiteral("sample-sheet.calibration.json"));
    QVERIFY(calFile.open(QIODevice::ReadOnly));
    auto cal = Calibration::fromJson(calFile.readAll());
    QVERIFY2(cal.ok(), qPrintable(cal.error()));
    doc->setCalibration(*cal);
    const QImage labelImage = QImage(samples + QStringLiteral("sample-sheet.labels.png")).convertToFormat(QImage::Format_Grayscale8);
    QCOMPARE(labelImage.size(), QSize(doc->sheetWidth(), doc->sheetHeight()));
    cv::Mat labels(labelImage.height(), labelImage.width(), CV_8UC1);
    for (int y = 0; y < labels.rows; ++y)
        std::memcpy(labels.ptr(y), labelImage.constScanLine(y), size_t(labels.cols));
    doc->setLabels(labels, cv::Mat());
    Result<TraceResult> trace = CurveTracer().trace(labels, nullptr, doc->calibration());
    QVERIFY2(trace.ok(), qPrintable(trace.error()));
    doc->setTrace(*trace);
    doc->setClean();

    TraceEditTool *tool = window.traceEditTool();
    window.toolManager()->activate(tool);
    SheetView *view = window.sheetView();
    QWidget *vp = view->viewport();
    // The calmest stretch of curve one (least sideways travel over 80 rows) shows a drag best.
    int row = 0;
    double calmest = 1e30;
    for (int r = 600; r < 2400; r += 5) {
        double travel = 0.0;
        for (int i = r - 40; i < r + 40; ++i)
            travel += std::abs(double(columnOf(*doc, 0, 1, i + 1)) - double(columnOf(*doc, 0, 1, i)));
        if (std::isfinite(travel) && travel < calmest) {
            calmest = travel;
            row = r;
        }
    }
    const float column = columnOf(*doc, 0, 1, row);
    QVERIFY(std::isfinite(column));
    view->setScale(3.0);
    view->centerOn(QPointF(column + 40, row));
    QTRY_VERIFY_WITH_TIMEOUT(window.isDisplayComplete(), 20000);

    // Anchor the curve 40 rows above and below, then drag the node between them 20 px right.
    for (const int r : {row - 40, row + 40}) {
        const QPoint p = view->imageToView(QPointF(columnOf(*doc, 0, 1, r) + 0.5, r + 0.5)).toPoint();
        QTest::mouseClick(vp, Qt::LeftButton, Qt::ControlModifier, p);
    }
    QCOMPARE(int(doc->traceAnchors().size()), 2);
    QCOMPARE(doc->traceAnchors()[0].classId, 1);
    const QPoint node = view->imageToView(QPointF(column + 0.5, row + 0.5)).toPoint();
    sendMove(vp, node, Qt::NoButton);
    QVERIFY(tool->hoveredNode().isValid());
    const int grabbed = tool->hoveredNode().row;
    QTest::mousePress(vp, Qt::LeftButton, {}, node);
    const QPoint end = node + QPoint(60, 0);
    for (int i = 1; i <= 15; ++i)
        sendMove(vp, node + (end - node) * i / 15, Qt::LeftButton);
    QCoreApplication::processEvents();
    const QImage shot = window.grab().toImage();
    const QString out = qEnvironmentVariable("VEER_SCREENSHOT_OUT");
    if (!out.isEmpty())
        QVERIFY(shot.save(out));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, end);
    QCOMPARE(doc->undoStack()->count(), 3);
    QCOMPARE(columnOf(*doc, 0, 1, grabbed), float(columnAt(view->viewToImage(end))));

    // The highlight ring is drawn around the dragged node.
    const QPoint at = vp->mapTo(&window, end) * shot.devicePixelRatio();
    int ring = 0;
    for (int dy = -10; dy <= 10; ++dy) {
        for (int dx = -10; dx <= 10; ++dx) {
            const QColor c = shot.pixelColor(at + QPoint(dx, dy));
            ring += c.red() > 200 && c.green() > 150 && c.green() < 230 && c.blue() < 80;
        }
    }
    QVERIFY2(ring >= 10, qPrintable(QString::number(ring)));
}

void TestTraceEditCommands::retraceEditedSpanAction()
{
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    setUp(*doc);
    QAction *action = window.traceEditTool()->actions().value(0);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QMenu *tools = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->menu() && menu->menu()->actions().contains(action))
            tools = menu->menu();
    }
    QVERIFY(tools);
    // Nothing edited yet: nothing happens.
    action->trigger();
    QCOMPARE(doc->undoStack()->count(), 0);
    moveCurveOneByBrush(*doc, 2200, 2240);
    const TraceResult before = *doc->trace();
    const int steps = doc->undoStack()->count();
    action->trigger();
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    const QString outside = compareOutside(before, *doc->trace(), 2200, 2240);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
    QVERIFY(std::abs(columnOf(*doc, 0, 1, 2220) - 215.0f) <= 0.5f);
    doc->undoStack()->undo();
    QCOMPARE(columnOf(*doc, 0, 1, 2220), before.tracks[0].curves[0].column[size_t(2220 - kTraceFirstRow)]);
}

void TestTraceEditCommands::digitizeKeepsAnchors()
{
    // A whole new Digitize run passes through the nodes the user anchored, as a local re-trace does.
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    d.undoStack()->push(new MoveTraceNodeCommand(d, 0, 1, 1230, 206.5, 5));
    QCOMPARE(int(d.traceAnchors().size()), 1);
    RunController run;
    run.setDocument(&d);
    QSignalSpy finished(&run, &RunController::finished);
    QVERIFY(run.digitize());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(columnOf(d, 0, 1, 1230), 206.5f);
    QVERIFY(std::abs(columnOf(d, 0, 1, 1600) - 200.0f) <= 0.5f);  // the labels rule away from it
    QCOMPARE(int(d.traceAnchors().size()), 1);
}

void TestTraceEditCommands::swapCarriesAnchors()
{
    // Swapping the curves over a range hands the anchors there to the other curve; undo hands them back.
    auto doc = makeDocument();
    QVERIFY(doc);
    Document &d = *doc;
    d.undoStack()->push(new MoveTraceNodeCommand(d, 0, 1, 1230, 206.5, 5));
    d.undoStack()->push(new MoveTraceNodeCommand(d, 0, 1, 1800, 204.5, 6));
    const QByteArray before = d.serialise();
    d.undoStack()->push(new SwapCurvesCommand(d, 0, 1200, 1260));
    QCOMPARE(int(d.traceAnchors().size()), 2);
    QCOMPARE(d.traceAnchors()[0].classId, 2);  // inside the range
    QCOMPARE(d.traceAnchors()[1].classId, 1);  // outside
    QCOMPARE(columnOf(d, 0, 2, 1230), 206.5f);
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
}

QTEST_MAIN(TestTraceEditCommands)
#include "tst_traceeditcommands.moc"
