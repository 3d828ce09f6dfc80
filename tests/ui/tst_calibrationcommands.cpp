// Every calibration command: apply, undo (the serialised document equals the snapshot before),
// redo (equals the state after); plus the calibration tool driven with the mouse.
#include "uitestutil.h"

#include "calibrationcommands.h"
#include "calibrationdock.h"
#include "calibrationtool.h"
#include "document.h"
#include "mainwindow.h"
#include "sheetview.h"
#include "toolmanager.h"

#include <QAction>
#include <QLabel>
#include <QStatusBar>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

#include <cmath>
#include <functional>
#include <memory>

using namespace veer;

using CommandFactory = std::function<QUndoCommand *(Document &)>;
Q_DECLARE_METATYPE(CommandFactory)

namespace {

Calibration startCalibration()
{
    Calibration cal;
    cal.depthUnit = QStringLiteral("M");
    cal.ties = {{100.0, 1000.0}, {4100.0, 1400.0}};
    Track track;
    track.left = 100;
    track.right = 500;
    CurveScale gr;
    gr.mnemonic = QStringLiteral("GR");
    gr.unit = QStringLiteral("API");
    gr.left = 0;
    gr.right = 150;
    track.curves.push_back(gr);
    cal.tracks.push_back(track);
    return cal;
}

/** Shows `window` at 1100 x 800 with `sheet` open, startCalibration() set (clean) and Calibrate mode on. */
bool openForCalibrating(MainWindow &window, const QString &sheet)
{
    window.resize(1100, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openSheet(sheet).ok())
        return false;
    window.document()->setCalibration(startCalibration());
    window.document()->setClean();
    window.toolManager()->activate(window.calibrationTool());
    QTest::qWait(50);  // let the dock and the fit-width layout settle before mapping points
    return true;
}

} // namespace

class TestCalibrationCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void applyUndoRedo_data();
    void applyUndoRedo();
    void dragMergesIntoOneStep();
    void toolAddsTieTypedInPlace();
    void toolDragsTrackEdge();
    void intervalOnTheSheet();
    void edgeSnapsToBorderLine();
    void tieSnapsToGridLine();
    void calibrateModeGuides();
    void importAndExport();
    void closeForgetsUndoText();
    void typingIntoCurveCells();
    void inkPickerListsTheTrackInks();
    void repeatSectionOnTheSheet();

private:
    bool openRuledSheet(MainWindow &window, const QRect &rule, const QString &name);
    QTemporaryDir mDir;
    QString mSheet;
};

void TestCalibrationCommands::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    mSheet = test::writeTestSheet(mDir.path());
}

void TestCalibrationCommands::applyUndoRedo_data()
{
    QTest::addColumn<CommandFactory>("make");
    QTest::addColumn<QString>("check");  // what the command must have changed
    CurveScale rhob;
    rhob.classId = 2;
    rhob.mnemonic = QStringLiteral("RHOB");
    rhob.unit = QStringLiteral("G/C3");
    rhob.left = 1.95;
    rhob.right = 2.95;
    CurveScale logScale = rhob;
    logScale.type = ScaleType::Log;
    logScale.left = 0.2;
    logScale.right = 2000;
    logScale.wrap = true;
    QTest::newRow("add tie") << CommandFactory([](Document &d) { return new AddTieCommand(d, {2100, 1200}); })
                             << QStringLiteral("ties=3");
    QTest::newRow("remove tie") << CommandFactory([](Document &d) { return new RemoveTieCommand(d, 0); })
                                << QStringLiteral("ties=1");
    QTest::newRow("edit tie") << CommandFactory([](Document &d) { return new SetTieCommand(d, 1, {4000, 1390}); })
                              << QStringLiteral("tie1=4000");
    QTest::newRow("move tie") << CommandFactory([](Document &d) { return new SetTieCommand(d, 0, {150, 1000}, 7); })
                              << QStringLiteral("tie0=150");
    QTest::newRow("track left") << CommandFactory([](Document &d) { return new MoveTrackEdgeCommand(d, 0, 0, 120); })
                                << QStringLiteral("left=120");
    QTest::newRow("track right") << CommandFactory([](Document &d) { return new MoveTrackEdgeCommand(d, 0, 1, 640, 3); })
                                 << QStringLiteral("right=640");
    QTest::newRow("add track") << CommandFactory([](Document &d) {
        Track t;
        t.left = 520;
        t.right = 880;
        return new AddTrackCommand(d, t);
    }) << QStringLiteral("tracks=2");
    QTest::newRow("remove track") << CommandFactory([](Document &d) { return new RemoveTrackCommand(d, 0); })
                                  << QStringLiteral("tracks=0");
    QTest::newRow("add curve") << CommandFactory([rhob](Document &d) { return new SetCurveScaleCommand(d, 0, -1, rhob); })
                               << QStringLiteral("curves=2");
    QTest::newRow("edit curve") << CommandFactory([logScale](Document &d) { return new SetCurveScaleCommand(d, 0, 0, logScale); })
                                << QStringLiteral("log");
    QTest::newRow("remove curve") << CommandFactory([](Document &d) { return new RemoveCurveScaleCommand(d, 0, 0); })
                                  << QStringLiteral("curves=0");
    QTest::newRow("settings") << CommandFactory([](Document &d) {
        Calibration s = d.calibration();
        s.depthUnit = QStringLiteral("FT");
        s.step = 0.5;
        s.fit = DepthFit::LeastSquares;
        return new SetCalibrationSettingsCommand(d, s);
    }) << QStringLiteral("FT");
    QTest::newRow("interval") << CommandFactory([](Document &d) { return new SetIntervalCommand(d, 1250.0, 1100.0); })
                              << QStringLiteral("interval=1100-1250");
    QTest::newRow("replace") << CommandFactory([](Document &d) {
        Calibration other;
        other.ties = {{0, 10}, {10, 20}};
        return new ReplaceCalibrationCommand(d, other, QStringLiteral("Import"));
    }) << QStringLiteral("ties=2;tracks=0");
}

void TestCalibrationCommands::applyUndoRedo()
{
    QFETCH(CommandFactory, make);
    QFETCH(QString, check);
    auto doc = Document::openSheet(mSheet);
    QVERIFY2(doc, qPrintable(doc.error()));
    Document &d = **doc;
    d.setCalibration(startCalibration());
    const QByteArray before = d.serialise();
    int changes = 0;
    connect(&d, &Document::changed, this, [&changes](const ChangeEvent &e) {
        if (e.type == ChangeEvent::CalibrationChanged)
            ++changes;
    });
    d.undoStack()->push(make(d));
    QVERIFY(d.isModified());
    QCOMPARE(changes, 1);
    const QByteArray after = d.serialise();
    QVERIFY(after != before);
    const Calibration &cal = d.calibration();
    for (const QString &c : check.split(QLatin1Char(';'))) {
        if (c.startsWith(QLatin1String("ties=")))
            QCOMPARE(int(cal.ties.size()), c.mid(5).toInt());
        else if (c.startsWith(QLatin1String("tracks=")))
            QCOMPARE(int(cal.tracks.size()), c.mid(7).toInt());
        else if (c.startsWith(QLatin1String("curves=")))
            QCOMPARE(int(cal.tracks[0].curves.size()), c.mid(7).toInt());
        else if (c.startsWith(QLatin1String("tie0=")))
            QCOMPARE(cal.ties[0].row, c.mid(5).toDouble());
        else if (c.startsWith(QLatin1String("tie1=")))
            QCOMPARE(cal.ties[1].row, c.mid(5).toDouble());
        else if (c.startsWith(QLatin1String("left=")))
            QCOMPARE(cal.tracks[0].left, c.mid(5).toDouble());
        else if (c.startsWith(QLatin1String("right=")))
            QCOMPARE(cal.tracks[0].right, c.mid(6).toDouble());
        else if (c == QLatin1String("interval=1100-1250"))
            QVERIFY(cal.topDepth == 1100.0 && cal.bottomDepth == 1250.0);  // given in either order
        else if (c == QLatin1String("log"))
            QVERIFY(cal.tracks[0].curves[0].type == ScaleType::Log && cal.tracks[0].curves[0].wrap);
        else if (c == QLatin1String("FT"))
            QVERIFY(cal.depthUnit == QLatin1String("FT") && cal.step == 0.5 && cal.fit == DepthFit::LeastSquares);
        else
            QFAIL(qPrintable(c));
    }
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
    QVERIFY(!d.isModified());
    d.undoStack()->redo();
    QCOMPARE(d.serialise(), after);
}

void TestCalibrationCommands::dragMergesIntoOneStep()
{
    auto doc = Document::openSheet(mSheet);
    QVERIFY(doc);
    Document &d = **doc;
    d.setCalibration(startCalibration());
    const QByteArray before = d.serialise();
    for (int x = 110; x <= 200; x += 10)
        d.undoStack()->push(new MoveTrackEdgeCommand(d, 0, 0, x, 1));
    QCOMPARE(d.undoStack()->count(), 1);
    QCOMPARE(d.calibration().tracks[0].left, 200.0);
    d.undoStack()->push(new MoveTrackEdgeCommand(d, 0, 0, 90, 2));  // the next drag
    QCOMPARE(d.undoStack()->count(), 2);
    d.undoStack()->undo();
    d.undoStack()->undo();
    QCOMPARE(d.serialise(), before);
}

void TestCalibrationCommands::toolAddsTieTypedInPlace()
{
    MainWindow window;
    QVERIFY(openForCalibrating(window, mSheet));
    Document *doc = window.document();
    SheetView *view = window.sheetView();
    const QByteArray before = doc->serialise();

    // Click on row 1000 (away from ties and track edges) and type the depth.
    const QPoint at = view->imageToView(QPointF(700, 1000)).toPoint();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QLineEdit *editor = window.calibrationTool()->depthEditor();
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    // It suggests the depth the calibration predicts at that row.
    QCOMPARE(editor->text().toDouble(), doc->calibration().depthAtRow(std::round(view->viewToImage(at).y() * 10) / 10));
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("1093.5"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(int(doc->calibration().ties.size()), 3);
    QCOMPARE(doc->calibration().ties[1].depth, 1093.5);
    QVERIFY(qAbs(doc->calibration().ties[1].row - 1000) < 2.0);
    QVERIFY(doc->isModified());
    // The side panel lists it.
    QCOMPARE(window.calibrationDock()->tieTable()->rowCount(), 3);

    // Escape cancels without a change.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->imageToView(QPointF(700, 1500)).toPoint());
    QVERIFY(window.calibrationTool()->depthEditor());
    QTest::keyClick(window.calibrationTool()->depthEditor(), Qt::Key_Escape);
    QVERIFY(!window.calibrationTool()->depthEditor());
    QCOMPARE(int(doc->calibration().ties.size()), 3);

    doc->undoStack()->undo();
    QCOMPARE(doc->serialise(), before);
}

void TestCalibrationCommands::toolDragsTrackEdge()
{
    MainWindow window;
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    doc->setCalibration(startCalibration());
    window.toolManager()->activate(window.calibrationTool());
    QTest::qWait(50);  // let the dock and the fit-width layout settle before mapping points
    SheetView *view = window.sheetView();
    const QByteArray before = doc->serialise();
    const QPoint start = view->imageToView(QPointF(500, 2500)).toPoint();
    const QPoint end = view->imageToView(QPointF(600, 2500)).toPoint();
    test::drag(view->viewport(), start, end);
    QVERIFY2(!window.calibrationTool()->depthEditor(), "the press must grab the edge, not add a tie");
    QVERIFY2(qAbs(doc->calibration().tracks[0].right - 600) < 2.0 / view->scale(),
             qPrintable(QString::number(doc->calibration().tracks[0].right)));
    QCOMPARE(doc->undoStack()->count(), 1);
    doc->undoStack()->undo();
    QCOMPARE(doc->serialise(), before);
}

// Bug 2: the logged interval is set on the sheet (right-click, then drag its ends) and in the
// panel; only the interval is traced, so the LAS holds no header or repeat section.
void TestCalibrationCommands::intervalOnTheSheet()
{
    MainWindow window;
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    doc->setCalibration(startCalibration());  // rows 100 -> 1000 m, 4100 -> 1400 m; step 0.1 m
    doc->undoStack()->clear();
    CalibrationDock *dock = window.calibrationDock();
    QVERIFY(!dock->intervalCheck()->isChecked());
    QVERIFY(!dock->intervalTop()->isEnabled());

    // What "Set Top of Log Here" does at row 1100.04: 1100.004 m, on the 0.1 m grid.
    CalibrationTool *tool = window.calibrationTool();
    window.toolManager()->activate(tool);
    QVERIFY(tool->setIntervalEnd(true, 1100.04));
    QCOMPARE(*doc->calibration().topDepth, 1100.0);
    QVERIFY(!doc->calibration().bottomDepth);
    QVERIFY(tool->setIntervalEnd(false, 3100.0));
    QCOMPARE(*doc->calibration().bottomDepth, 1300.0);
    QCOMPARE(doc->undoStack()->count(), 2);
    QVERIFY(dock->intervalCheck()->isChecked());
    QCOMPARE(dock->intervalTop()->value(), 1100.0);
    QCOMPARE(dock->intervalBottom()->value(), 1300.0);
    QCOMPARE(doc->calibration().intervalRows(doc->sheetHeight()), std::make_pair(1100 - 2, 3100 + 2));

    // Drag the bottom line from row 3100 to row 3500 (1340 m): one undo step.
    QTest::qWait(50);
    SheetView *view = window.sheetView();
    view->centerOn(QPointF(300, 3300));
    QTest::qWait(20);
    const QPoint start = view->imageToView(QPointF(700, 3100)).toPoint();
    const QPoint end = view->imageToView(QPointF(700, 3500)).toPoint();
    test::drag(view->viewport(), start, end);
    QVERIFY2(!tool->depthEditor(), "the press must grab the interval's end, not add a tie");
    QVERIFY2(std::abs(*doc->calibration().bottomDepth - 1340.0) <= 0.1 * (1 + 2 / view->scale()),
             qPrintable(QString::number(*doc->calibration().bottomDepth)));
    QCOMPARE(doc->undoStack()->count(), 3);

    // The panel: a new top, then the whole sheet again; each one step, undone in turn.
    dock->intervalTop()->setValue(1150.0);
    QCOMPARE(*doc->calibration().topDepth, 1150.0);
    dock->intervalCheck()->setChecked(false);
    QVERIFY(!doc->calibration().topDepth && !doc->calibration().bottomDepth);
    QCOMPARE(doc->calibration().intervalRows(doc->sheetHeight()), std::make_pair(0, doc->sheetHeight() - 1));
    doc->undoStack()->undo();
    QCOMPARE(*doc->calibration().topDepth, 1150.0);
    QVERIFY(dock->intervalCheck()->isChecked());
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QCOMPARE(*doc->calibration().bottomDepth, 1300.0);
}

// A white 900 x 3000 sheet with one black rule, saved as NAME and opened in `window` (shown).
bool TestCalibrationCommands::openRuledSheet(MainWindow &window, const QRect &rule, const QString &name)
{
    QImage img(900, 3000, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.fillRect(rule, Qt::black);
    p.end();
    const QString path = mDir.filePath(name);
    if (!img.save(path))
        return false;
    window.resize(1100, 800);
    window.show();
    return QTest::qWaitForWindowExposed(&window) && window.openSheet(path).ok();
}

// A track edge dropped near the track's printed border line lands on the line (498.2 was set where
// the line is at 499); with Shift it stays where it is dropped.
void TestCalibrationCommands::edgeSnapsToBorderLine()
{
    MainWindow window;
    QVERIFY(openRuledSheet(window, QRect(498, 0, 3, 3000), QStringLiteral("border.png")));  // columns 498-500
    Document *doc = window.document();
    doc->setCalibration(startCalibration());  // track 100..500
    window.toolManager()->activate(window.calibrationTool());
    QTest::qWait(50);
    SheetView *view = window.sheetView();
    const auto drag = [&](double from, double to, Qt::KeyboardModifiers modifiers) {
        test::drag(view->viewport(), view->imageToView(QPointF(from, 1500)).toPoint(),
                   view->imageToView(QPointF(to, 1500)).toPoint(), 4, modifiers);
    };
    drag(500, 560, {});
    QVERIFY2(std::abs(doc->calibration().tracks[0].right - 560) < 2.0 / view->scale() + 0.1,
             "far from any line: where it is dropped");
    drag(560, 495.5, {});
    QCOMPARE(doc->calibration().tracks[0].right, 499.0);
    drag(499, 495.5, Qt::ShiftModifier);
    QVERIFY2(std::abs(doc->calibration().tracks[0].right - 495.5) < 1.0 / view->scale() + 0.1,
             qPrintable(QString::number(doc->calibration().tracks[0].right)));
}

// A dragged depth tie lands on the grid line in reach (the one its printed depth labels); Shift
// places it freely.
void TestCalibrationCommands::tieSnapsToGridLine()
{
    MainWindow window;
    // A heavy grid line across the track: rows 1399-1401.
    QVERIFY(openRuledSheet(window, QRect(100, 1399, 400, 3), QStringLiteral("gridline.png")));
    Document *doc = window.document();
    Calibration cal = startCalibration();  // track 100..500
    cal.ties = {{1340.0, 1000.0}, {2900.0, 1400.0}};
    doc->setCalibration(cal);
    window.toolManager()->activate(window.calibrationTool());
    SheetView *view = window.sheetView();
    view->setScale(1.0);
    view->centerOn(QPointF(300, 1400));
    QTest::qWait(50);
    const auto drag = [&](double a, double b, Qt::KeyboardModifiers modifiers) {
        test::drag(view->viewport(), view->imageToView(QPointF(300, a)).toPoint(), view->imageToView(QPointF(300, b)).toPoint(), 4,
                   modifiers);
    };
    drag(1340, 1300, {});
    QVERIFY2(std::abs(doc->calibration().ties[0].row - 1300) < 2.0, "far from any line: where it is dropped");
    drag(1300, 1396, {});
    QCOMPARE(doc->calibration().ties[0].row, 1400.0);
    drag(1400, 1395, Qt::ShiftModifier);
    QVERIFY2(std::abs(doc->calibration().ties[0].row - 1395) < 1.1, qPrintable(QString::number(doc->calibration().ties[0].row)));
}

// Calibrate mode says what a click does, step by step, in the status bar.
void TestCalibrationCommands::calibrateModeGuides()
{
    MainWindow window;
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    CalibrationTool *tool = window.calibrationTool();
    window.toolManager()->activate(tool);
    const auto shown = [&window]() {
        for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
            if (label->text().startsWith(QStringLiteral("Step")) || label->text().startsWith(QStringLiteral("Calibrated")))
                return label->text();
        return QString();
    };
    QVERIFY2(shown().startsWith(QStringLiteral("Step 1 of 4")), qPrintable(shown()));
    doc->undoStack()->push(new AddTieCommand(*doc, {100, 1000}));
    QVERIFY2(shown().startsWith(QStringLiteral("Step 2 of 4")), qPrintable(shown()));
    doc->undoStack()->push(new AddTieCommand(*doc, {4100, 1400}));
    QVERIFY(shown().startsWith(QStringLiteral("Step 3 of 4")));
    Track track;
    track.left = 100;
    track.right = 500;
    doc->undoStack()->push(new AddTrackCommand(*doc, track));
    QVERIFY(shown().startsWith(QStringLiteral("Step 4 of 4")));
    doc->setCalibration(startCalibration());
    QVERIFY(shown().startsWith(QStringLiteral("Calibrated")));
    // Over a tie the hint says what a drag does.
    SheetView *view = window.sheetView();
    view->centerOn(QPointF(300, 100));
    QTest::qWait(20);
    QTest::mouseMove(view->viewport(), view->imageToView(QPointF(700, 100)).toPoint());
    QVERIFY2(tool->statusHint().startsWith(QStringLiteral("Drag to move this depth tie")), qPrintable(tool->statusHint()));
}

void TestCalibrationCommands::importAndExport()
{
    MainWindow window;
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    doc->setCalibration(startCalibration());
    const QString path = mDir.filePath(QStringLiteral("exported.json"));
    QVERIFY(window.exportCalibration(path).ok());
    const QByteArray before = doc->serialise();
    doc->undoStack()->push(new RemoveTrackCommand(*doc, 0));
    QVERIFY(window.importCalibration(path).ok());
    QCOMPARE(doc->calibration(), startCalibration());
    doc->undoStack()->undo();
    QCOMPARE(int(doc->calibration().tracks.size()), 0);
    // Errors name the file.
    const Status bad = window.importCalibration(mDir.filePath(QStringLiteral("nope.json")));
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().contains(QStringLiteral("nope.json")));
    doc->undoStack()->redo();
    QCOMPARE(doc->serialise(), before);
}

void TestCalibrationCommands::repeatSectionOnTheSheet()
{
    // A repeat section from row 4300 down: started from the sheet, two ties clicked inside it go to
    // it (not to the main log), it is ended above the sheet's bottom, and each step undoes alone.
    MainWindow window;
    QVERIFY(openForCalibrating(window, mSheet));
    Document *doc = window.document();
    CalibrationTool *tool = window.calibrationTool();
    SheetView *view = window.sheetView();

    QVERIFY(tool->startSection(4300));
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Start Section REPEAT"));
    QCOMPARE(int(doc->calibration().sections.size()), 1);
    QCOMPARE(doc->calibration().sections[0].firstRow, 4300.0);
    QCOMPARE(doc->calibration().sections[0].lastRow, 4999.0);
    QVERIFY2(doc->calibration().validate(Calibration::Wording::Words).contains(QLatin1String("REPEAT")),
             "a section without ties blocks the run, in words");
    QVERIFY(!tool->startSection(4500));  // already a section there

    // Two ties clicked inside the section: the section's own, not the main log's.
    for (const auto &[row, depth] : {std::pair{4400, 1250.0}, std::pair{4800, 1290.0}}) {
        view->centerOn(QPointF(700, row));
        QTest::qWait(30);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->imageToView(QPointF(700, row)).toPoint());
        QLineEdit *editor = tool->depthEditor();
        QVERIFY(editor);
        if (row == 4400)
            QVERIFY2(editor->text().isEmpty() || editor->text().toDouble() != doc->calibration().depthAtRow(row),
                     "the main log's ties do not predict a depth inside the section");
        editor->selectAll();
        QTest::keyClicks(editor, QString::number(depth));
        QTest::keyClick(editor, Qt::Key_Return);
    }
    QCOMPARE(int(doc->calibration().ties.size()), 2);
    const DepthSection section = doc->calibration().sections[0];
    QCOMPARE(int(section.ties.size()), 2);
    QCOMPARE(section.ties[1].depth, 1290.0);
    QVERIFY(doc->calibration().validate().isEmpty());
    // The clicks land on the rows the view maps them to, within a row of 4400 and 4800.
    QVERIFY(std::abs(doc->calibration().sectionCalibration(0).depthAtRow(4600) - 1270.0) < 0.2);

    QVERIFY(tool->endSection(4900));
    QCOMPARE(doc->calibration().sections[0].lastRow, 4900.0);
    // The main log stops where the section starts.
    QCOMPARE(doc->calibration().logRows(5000, 0).second, 4299);
    doc->undoStack()->undo();
    QCOMPARE(doc->calibration().sections[0].lastRow, 4999.0);
    QVERIFY(tool->removeSection(4500));
    QVERIFY(doc->calibration().sections.empty());
    doc->undoStack()->undo();
    QCOMPARE(int(doc->calibration().sections.size()), 1);
}

QTEST_MAIN(TestCalibrationCommands)
void TestCalibrationCommands::closeForgetsUndoText()
{
    // After Close, Undo and Redo name no command of the closed document.
    MainWindow window;
    window.show();
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    doc->setCalibration(startCalibration());
    doc->undoStack()->push(new AddTieCommand(*doc, {2000.0, 1200.0}));
    doc->undoStack()->push(new AddTieCommand(*doc, {3000.0, 1300.0}));
    doc->undoStack()->undo();
    QAction *undo = nullptr, *redo = nullptr;
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(QKeySequence::Undo))
            undo = a;
        else if (a->shortcut() == QKeySequence(QKeySequence::Redo))
            redo = a;
    }
    QVERIFY(undo && redo);
    QVERIFY2(undo->text() != QStringLiteral("&Undo"), qPrintable(undo->text()));
    QVERIFY2(redo->text() != QStringLiteral("&Redo"), qPrintable(redo->text()));
    // The toolbar's buttons keep their label and width whatever the command's name.
    QCOMPARE(undo->iconText(), QStringLiteral("Undo"));
    QToolButton *undoButton = nullptr;
    for (QToolBar *bar : window.findChildren<QToolBar *>())
        if (auto *b = qobject_cast<QToolButton *>(bar->widgetForAction(undo)))
            undoButton = b;
    QVERIFY(undoButton);
    QCoreApplication::processEvents();
    const int width = undoButton->width();
    doc->undoStack()->push(new SetCalibrationSettingsCommand(*doc, startCalibration()));
    QCoreApplication::processEvents();
    QVERIFY2(undo->text().contains(QStringLiteral("Depth Settings")), qPrintable(undo->text()));
    QCOMPARE(undoButton->width(), width);
    QVERIFY(undo->toolTip().contains(QStringLiteral("Depth Settings")));
    doc->undoStack()->setClean();
    QVERIFY(window.closeDocument());
    QVERIFY(!window.document());
    QCOMPARE(undo->text(), QStringLiteral("&Undo"));
    QCOMPARE(redo->text(), QStringLiteral("&Redo"));
    QVERIFY(!undo->isEnabled());
    QVERIFY(!redo->isEnabled());
}

void TestCalibrationCommands::typingIntoCurveCells()
{
    // Every character typed into a curve-table cell reaches the cell, although 1, 2, 3 (layers) and
    // B, S, E (tools) are single-key shortcuts of the window.
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openSheet(mSheet).ok());
    Document *doc = window.document();
    doc->setCalibration(startCalibration());
    auto *table = window.findChild<QTableWidget *>(QStringLiteral("curveTable"));
    QVERIFY(table);
    QAction *layerOne = nullptr;
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(Qt::Key_1))
            layerOne = a;
    }
    QVERIFY(layerOne);
    const bool layerOn = layerOne->isChecked();
    QTRY_VERIFY(table->isVisible());
    // The table fits its panel: every column in view, no sideways scrolling.
    QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width(),
             qPrintable(QStringLiteral("%1 > %2").arg(table->horizontalHeader()->length()).arg(table->viewport()->width())));
    const struct
    {
        int column;
        const char *typed;
    } cells[] = {{1, "SGR"}, {2, "GAPI"}, {4, "140"}, {5, "2150"}};
    for (const auto &cell : cells) {
        table->setCurrentCell(0, cell.column);
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        for (const char *c = cell.typed; *c; ++c) {
            QTest::keyClick(QApplication::focusWidget(), *c);
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTest::qWait(20);  // the editor commits once its events are processed
    }
    const CurveScale &curve = doc->calibration().tracks[0].curves[0];
    QCOMPARE(curve.mnemonic, QStringLiteral("SGR"));
    QCOMPARE(curve.unit, QStringLiteral("GAPI"));
    QCOMPARE(curve.left, 140.0);
    QCOMPARE(curve.right, 2150.0);
    QCOMPARE(layerOne->isChecked(), layerOn);
}

void TestCalibrationCommands::inkPickerListsTheTrackInks()
{
    // A colour sheet: a grey grid, a blue solid curve and a light-green dashed one in the track.
    QImage img(700, 1200, QImage::Format_RGB32);
    img.fill(QColor(250, 250, 248));
    QPainter p(&img);
    p.setPen(QPen(QColor(160, 160, 160), 1));
    for (int x = 100; x <= 600; x += 50)
        p.drawLine(x, 0, x, 1199);
    p.setRenderHint(QPainter::Antialiasing);
    QPolygonF one, two;
    for (int y = 0; y < 1200; ++y) {
        one << QPointF(250 + 60 * std::sin(y / 40.0), y);
        two << QPointF(420 + 50 * std::cos(y / 55.0), y);
    }
    p.setPen(QPen(QColor(20, 60, 200), 3));
    p.drawPolyline(one);
    p.setPen(QPen(QColor(90, 200, 90), 3, Qt::DashLine));
    p.drawPolyline(two);
    p.end();
    const QString path = mDir.filePath(QStringLiteral("colour.png"));
    QVERIFY(img.save(path));

    MainWindow window;
    window.show();
    QVERIFY(window.openSheet(path).ok());
    Document *doc = window.document();
    Calibration cal = startCalibration();
    cal.tracks[0].left = 100;
    cal.tracks[0].right = 600;
    doc->setCalibration(cal);
    auto *table = window.findChild<QTableWidget *>(QStringLiteral("curveTable"));
    QVERIFY(table);
    // The ink button's menu as it pops up (the table is rebuilt, buttons and all, after each edit).
    const auto openMenu = [table]() -> QMenu * {
        auto *button = qobject_cast<QToolButton *>(table->cellWidget(0, table->columnCount() - 1));
        if (!button || !button->menu() || !QMetaObject::invokeMethod(button->menu(), "aboutToShow"))
            return nullptr;
        return button->menu();
    };
    QMenu *menu = openMenu();
    QVERIFY(menu);
    // VEER_SCREENSHOT_OUT=FILE.png saves the open menu for the docs (popping it up fills it again).
    if (const QString out = qEnvironmentVariable("VEER_SCREENSHOT_OUT"); !out.isEmpty()) {
        menu->popup(table->mapToGlobal(QPoint(table->width() / 2, table->height() / 2)));
        QTest::qWait(50);
        QVERIFY(menu->grab().save(out));
        menu->hide();
    }
    // The menu lists the inks of the track, with their colours: the blue, the green and the grey grid.
    QAction *green = nullptr, *blue = nullptr;
    for (QAction *a : menu->actions()) {
        const QColor c(a->text().section(QLatin1Char(' '), 0, 0));
        if (!c.isValid())
            continue;
        if (c.green() > c.red() + 50 && c.green() > c.blue() + 50)
            green = a;
        if (c.blue() > c.red() + 80 && c.blue() > c.green() + 50)
            blue = a;
    }
    QVERIFY2(green && blue, qPrintable(QStringList([&] {
        QStringList t;
        for (QAction *a : menu->actions())
            t << a->text();
        return t;
    }()).join(QStringLiteral(" | "))));
    green->trigger();
    QTest::qWait(0);
    const QColor hint(doc->calibration().tracks[0].curves[0].ink);
    QVERIFY(hint.isValid() && hint.green() > hint.red() + 50);
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Edit Curve Scale"));
    doc->undoStack()->undo();
    QVERIFY(doc->calibration().tracks[0].curves[0].ink.isEmpty());
    doc->undoStack()->redo();
    menu = openMenu();
    QVERIFY(menu);
    QAction *none = menu->actions().last();
    QCOMPARE(none->text(), QStringLiteral("No Ink Hint"));
    none->trigger();
    QTest::qWait(0);
    QVERIFY(doc->calibration().tracks[0].curves[0].ink.isEmpty());
}

#include "tst_calibrationcommands.moc"
