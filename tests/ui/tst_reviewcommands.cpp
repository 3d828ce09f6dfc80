// Review commands: apply, undo and redo against serialised snapshots; spans fixed by corrections
// and unfixed by their undo; the doubt panel's next/previous order and filter; the review kept
// through a project save and load; the training case written from the main window.
#include "uitestutil.h"

#include "correctioncommands.h"
#include "document.h"
#include "doubtdock.h"
#include "mainwindow.h"
#include "projectfile.h"
#include "reviewcommands.h"
#include "runcommands.h"
#include "sheetview.h"
#include "traceeditcommands.h"

#include <QAction>
#include <QComboBox>
#include <QScrollBar>
#include <QTreeWidget>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <functional>
#include <limits>

using namespace veer;

using CommandFactory = std::function<QUndoCommand *(Document &)>;
Q_DECLARE_METATYPE(CommandFactory)

namespace {

constexpr int kFirstRow = 100;
constexpr int kRows = 1800;

Calibration twoTracks()
{
    Calibration cal;
    cal.ties = {{0.0, 1000.0}, {2000.0, 1200.0}};
    Track a;
    a.left = 100;
    a.right = 400;
    Track b;
    b.left = 450;
    b.right = 800;
    cal.tracks = {a, b};
    return cal;
}

/**
 * Track 0: curve one has low confidence on image rows 600-619 and crosses curve two on rows
 * 1200-1204. Track 1: curve two is null on rows 900-905. So the spans, in depth order, are
 * (0, 600-619), (1, 900-905), (0, 1200-1204).
 */
TraceResult doubtfulTrace(int shift = 0)
{
    TraceResult trace;
    trace.firstRow = kFirstRow;
    trace.rowCount = kRows;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int t = 0; t < 2; ++t) {
        CurveTrace one;
        one.classId = 1;
        CurveTrace two;
        two.classId = 2;
        const float base = t == 0 ? 200.0f : 550.0f;
        for (int i = 0; i < kRows; ++i) {
            const int row = kFirstRow + i - shift;
            one.column.push_back(base);
            one.confidence.push_back(t == 0 && row >= 600 && row <= 619 ? 0.1f : 0.9f);
            const bool gap = t == 1 && row >= 900 && row <= 905;
            const bool cross = t == 0 && row >= 1200 && row <= 1204;
            two.column.push_back(gap ? nan : (cross ? base + 1.0f : base + 100.0f));
            two.confidence.push_back(gap ? 0.0f : 0.9f);
        }
        trace.tracks.push_back(TrackTrace{{one, two}});
    }
    return trace;
}

} // namespace

class TestReviewCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void spansFound();
    void applyUndoRedo_data();
    void applyUndoRedo();
    void repeatedAcceptIsOneStep();
    void correctionFixesSpan_data();
    void correctionFixesSpan();
    void correctionBeforeRunDoesNotCount();
    void statesSurviveRetrace();
    void nextPreviousOrder();
    void worstFirstWithCounts();
    void clickKeepsTheClickedRow();
    void reviewedRowsMarked();
    void saveAndLoad();
    void oldProjectHasNoReview();
    void exportFromMainWindow();

private:
    std::unique_ptr<Document> makeDocument();
    QTemporaryDir mDir;
    QString mSheet;
};

void TestReviewCommands::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
    mSheet = test::writeTestSheet(mDir.path(), QSize(900, 2000), QPoint(300, 700));
}

std::unique_ptr<Document> TestReviewCommands::makeDocument()
{
    auto doc = Document::openSheet(mSheet);
    if (!doc)
        return nullptr;
    std::unique_ptr<Document> d = doc.take();
    d->setCalibration(twoTracks());
    cv::Mat labels = cv::Mat::zeros(d->sheetHeight(), d->sheetWidth(), CV_8UC1);
    labels.col(200).setTo(1);
    labels.col(300).setTo(2);
    labels.col(550).setTo(1);
    labels.col(650).setTo(2);
    d->setLabels(labels, cv::Mat());
    d->setTrace(doubtfulTrace());
    d->undoStack()->clear();
    return d;
}

void TestReviewCommands::spansFound()
{
    auto d = makeDocument();
    QVERIFY(d);
    const auto &spans = d->review().spans();
    QCOMPARE(spans.size(), size_t(3));
    QCOMPARE(spans[0].track, 0);
    QCOMPARE(spans[0].firstRow, 600);
    QCOMPARE(spans[0].lastRow, 619);
    QCOMPARE(spans[0].reasons, unsigned(LowConfidence));
    QCOMPARE(spans[1].track, 1);
    QCOMPARE(spans[1].firstRow, 900);
    QCOMPARE(spans[1].lastRow, 905);
    QCOMPARE(spans[1].reasons, unsigned(Gap));
    QCOMPARE(spans[2].firstRow, 1200);
    QCOMPARE(spans[2].lastRow, 1204);
    QCOMPARE(spans[2].reasons, unsigned(NearCrossing));
    // Which curves each is about: the low confidence and the gap their own, the crossing both.
    QCOMPARE(spans[0].curves, curveBit(1));
    QCOMPARE(spans[1].curves, curveBit(2));
    QCOMPARE(spans[2].curves, curveBit(1) | curveBit(2));
    QVERIFY(d->review().reviewed().isEmpty());
    QVERIFY(d->toJson().contains(QStringLiteral("review")));
}

void TestReviewCommands::applyUndoRedo_data()
{
    QTest::addColumn<CommandFactory>("make");
    QTest::newRow("accept") << CommandFactory([](Document &d) { return ReviewCommand::acceptSpan(d, 1); });
    QTest::newRow("mark region") << CommandFactory([](Document &d) {
        return ReviewCommand::markReviewed(d, 550, 700, 0, 420, QStringLiteral("Mark"));
    });
    QTest::newRow("mark sheet") << CommandFactory([](Document &d) { return ReviewCommand::markSheetReviewed(d); });
    QTest::newRow("reset accepted") << CommandFactory([](Document &d) {
        d.undoStack()->push(ReviewCommand::acceptSpan(d, 2));
        return ReviewCommand::resetSpan(d, 2);
    });
}

void TestReviewCommands::applyUndoRedo()
{
    QFETCH(CommandFactory, make);
    auto d = makeDocument();
    QVERIFY(d);
    QUndoCommand *command = make(*d);
    const QByteArray before = d->serialise();
    const int index = d->undoStack()->index();
    d->undoStack()->push(command);
    QCOMPARE(d->undoStack()->index(), index + 1);
    const QByteArray after = d->serialise();
    QVERIFY(after != before);
    d->undoStack()->undo();
    QCOMPARE(d->serialise(), before);
    d->undoStack()->redo();
    QCOMPARE(d->serialise(), after);
}

void TestReviewCommands::repeatedAcceptIsOneStep()
{
    auto d = makeDocument();
    QVERIFY(d);
    d->undoStack()->push(ReviewCommand::acceptSpan(*d, 0));
    d->undoStack()->push(ReviewCommand::acceptSpan(*d, 0));
    QCOMPARE(d->undoStack()->count(), 1);
    QCOMPARE(d->review().spans()[0].state, DoubtState::Accepted);
    QCOMPARE(d->review().reviewed().tracks()[0], (std::vector<RowRange>{{600, 619}}));
    QVERIFY(!d->review().reviewed().isReviewed(1, 610));

    // Marking rows 550-700 of track 0 reviewed keeps span 0 accepted and adds the rows around it.
    d->undoStack()->push(ReviewCommand::markReviewed(*d, 550, 700, 150, 160, QStringLiteral("Mark")));
    QCOMPARE(d->review().reviewed().tracks()[0], (std::vector<RowRange>{{550, 700}}));
    QCOMPARE(d->review().reviewed().reviewedRows(1), 0);
    // A region that holds span 2 wholly accepts it.
    d->undoStack()->push(ReviewCommand::markReviewed(*d, 1190, 1210, 150, 160, QStringLiteral("Mark")));
    QCOMPARE(d->review().spans()[2].state, DoubtState::Accepted);
    QCOMPARE(d->review().spans()[1].state, DoubtState::Unreviewed);
}

void TestReviewCommands::correctionFixesSpan_data()
{
    QTest::addColumn<CommandFactory>("make");
    QTest::addColumn<int>("span");
    QTest::newRow("brush in track 0") << CommandFactory([](Document &d) {
        return new PaintLabelsCommand(d, {200, 610}, {200, 612}, 3, 1);
    }) << 0;
    QTest::newRow("brush in track 1") << CommandFactory([](Document &d) {
        return new PaintLabelsCommand(d, {650, 895}, {650, 902}, 5, 2);
    }) << 1;
    QTest::newRow("move a trace node in track 0") << CommandFactory([](Document &d) {
        return new MoveTraceNodeCommand(d, 0, 1, 610, 203.0, 4);
    }) << 0;
    QTest::newRow("swap in track 0") << CommandFactory([](Document &d) { return new SwapCurvesCommand(d, 0, 1202, 1204); })
                                     << 2;
    // Span 0 is about curve one only: an edit of curve two on its rows fixes nothing.
    QTest::newRow("brush curve two on curve one's span") << CommandFactory([](Document &d) {
        return new PaintLabelsCommand(d, {300, 610}, {300, 612}, 3, 2);
    }) << -1;
    QTest::newRow("move a curve two node on curve one's span") << CommandFactory([](Document &d) {
        return new MoveTraceNodeCommand(d, 0, 2, 610, 303.0, 4);
    }) << -1;
    // Erasing curve one's pixels there is an edit of curve one.
    QTest::newRow("erase curve one") << CommandFactory([](Document &d) {
        return new PaintLabelsCommand(d, {200, 610}, {200, 612}, 3, 0);
    }) << 0;
}

void TestReviewCommands::correctionFixesSpan()
{
    QFETCH(CommandFactory, make);
    QFETCH(int, span);
    auto d = makeDocument();
    QVERIFY(d);
    const QByteArray before = d->serialise();
    d->undoStack()->push(make(*d));
    const auto &spans = d->review().spans();
    QCOMPARE(spans.size(), size_t(3));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(spans[size_t(i)].state, i == span ? DoubtState::Fixed : DoubtState::Unreviewed);
    if (span < 0) {
        QVERIFY(d->review().reviewed().isEmpty());
        return;
    }
    const DoubtSpan &fixed = spans[size_t(span)];
    QCOMPARE(d->review().reviewed().reviewedRows(fixed.track), fixed.rowCount());
    const QByteArray after = d->serialise();
    d->undoStack()->undo();
    QCOMPARE(d->review().spans()[size_t(span)].state, DoubtState::Unreviewed);
    QVERIFY(d->review().reviewed().isEmpty());
    QCOMPARE(d->serialise(), before);
    d->undoStack()->redo();
    QCOMPARE(d->serialise(), after);
}

void TestReviewCommands::correctionBeforeRunDoesNotCount()
{
    auto d = makeDocument();
    QVERIFY(d);
    d->undoStack()->push(new PaintLabelsCommand(*d, {200, 610}, {200, 612}, 3, 1));
    QCOMPARE(d->review().spans()[0].state, DoubtState::Fixed);
    // A new digitizing run: the earlier brush stroke is part of what it traced.
    d->undoStack()->push(new SetTraceCommand(*d, doubtfulTrace()));
    QCOMPARE(d->review().spans()[0].state, DoubtState::Unreviewed);
    d->undoStack()->undo();
    QCOMPARE(d->review().spans()[0].state, DoubtState::Fixed);
}

void TestReviewCommands::statesSurviveRetrace()
{
    auto d = makeDocument();
    QVERIFY(d);
    d->undoStack()->push(ReviewCommand::acceptSpan(*d, 1));
    // The same problems two rows further down: the spans overlap the old ones and keep their states.
    d->undoStack()->push(new SetTraceCommand(*d, doubtfulTrace(2)));
    const auto &spans = d->review().spans();
    QCOMPARE(spans.size(), size_t(3));
    QCOMPARE(spans[1].firstRow, 902);
    QCOMPARE(spans[1].state, DoubtState::Accepted);
    QCOMPARE(spans[0].state, DoubtState::Unreviewed);
    QVERIFY(d->review().reviewed().isReviewed(1, 900));  // the rows accepted before stay reviewed
}

void TestReviewCommands::nextPreviousOrder()
{
    auto d = makeDocument();
    QVERIFY(d);
    DoubtDock dock;
    QList<int> jumps;
    connect(&dock, &DoubtDock::currentSpanChanged, this, [&jumps](int index) { jumps.append(index); });
    dock.setDocument(d.get());
    dock.setOrder(DoubtDock::Order::Depth);
    QCOMPARE(dock.currentIndex(), -1);
    QCOMPARE(dock.positionText(), QStringLiteral("3 spans"));
    jumps.clear();
    dock.nextAction()->trigger();
    QCOMPARE(dock.currentIndex(), 0);
    QCOMPARE(dock.positionText(), QStringLiteral("Span 1 of 3"));
    dock.nextAction()->trigger();
    dock.nextAction()->trigger();
    QCOMPARE(dock.currentIndex(), 2);
    dock.nextAction()->trigger();  // at the end: stays
    QCOMPARE(dock.currentIndex(), 2);
    dock.previousAction()->trigger();
    QCOMPARE(dock.currentIndex(), 1);
    QCOMPARE(jumps, (QList<int>{0, 1, 2, 1}));

    // Accept through the panel: one undo step, the span stays current.
    dock.acceptAction()->trigger();
    QCOMPARE(d->review().spans()[1].state, DoubtState::Accepted);
    QCOMPARE(d->undoStack()->count(), 1);
    QCOMPARE(dock.currentIndex(), 1);

    // Only unreviewed spans: next from the start skips nothing before span 1, then jumps over it.
    dock.setStateFilter(doubtStateBit(DoubtState::Unreviewed));
    QCOMPARE(dock.listedCount(), 2);
    dock.setCurrentIndex(0);
    QCOMPARE(dock.positionText(), QStringLiteral("Span 1 of 2"));
    dock.nextAction()->trigger();
    QCOMPARE(dock.currentIndex(), 2);
    QCOMPARE(dock.positionText(), QStringLiteral("Span 2 of 2"));
    dock.previousAction()->trigger();
    QCOMPARE(dock.currentIndex(), 0);

    d->undoStack()->undo();
    QCOMPARE(dock.listedCount(), 3);
    dock.setDocument(nullptr);
    QCOMPARE(dock.currentIndex(), -1);
}

// Bug 6: the panel lists what can change a value most first (a crossing before a gap before low
// confidence), says how far a value may be off, and counts the spans per kind.
void TestReviewCommands::worstFirstWithCounts()
{
    auto d = makeDocument();
    QVERIFY(d);
    DoubtDock dock;
    dock.setDocument(d.get());
    QCOMPARE(dock.order(), DoubtDock::Order::WorstFirst);  // the default
    QCOMPARE(dock.listedIndices(), (QList<int>{2, 1, 0}));
    QCOMPARE(dock.kindCountText(), QStringLiteral("1 crossing · 1 gap · 1 low confidence"));
    // The crossing's curves are 100 px apart beside it, in a 300 px track: a swap moves a value by a third.
    const auto &spans = d->review().spans();
    QCOMPARE(spans[2].shift, 100.0);
    auto *list = dock.findChild<QTreeWidget *>();
    QVERIFY(list);
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("33 %"));
    QCOMPARE(list->topLevelItem(0)->text(4), QStringLiteral("crossing"));
    dock.nextAction()->trigger();
    QCOMPARE(dock.currentIndex(), 2);
    dock.nextAction()->trigger();
    QCOMPARE(dock.currentIndex(), 1);
    QCOMPARE(dock.positionText(), QStringLiteral("Span 2 of 3"));
    dock.setOrder(DoubtDock::Order::Depth);
    QCOMPARE(dock.listedIndices(), (QList<int>{0, 1, 2}));
    QCOMPARE(dock.currentIndex(), 1);  // the current span stays current
    QCOMPARE(dock.positionText(), QStringLiteral("Span 2 of 3"));

    // A wrap goes before everything and risks a whole scale.
    TraceResult trace = doubtfulTrace();
    trace.tracks[1].curves[0].wraps = {{1500, +1}, {1600, -1}};
    d->setTrace(trace);
    dock.setOrder(DoubtDock::Order::WorstFirst);
    const QList<int> order = dock.listedIndices();
    QCOMPARE(order.size(), 5);
    QCOMPARE(doubtKind(d->review().spans()[size_t(order[0])].reasons), DoubtKind::Wrap);
    QCOMPARE(doubtKind(d->review().spans()[size_t(order[1])].reasons), DoubtKind::Wrap);
    QCOMPARE(d->review().spans()[size_t(order[0])].shift, 350.0);  // track 2 is 350 px wide
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("a scale"));
    QCOMPARE(dock.kindCountText(), QStringLiteral("2 wraps · 1 crossing · 1 gap · 1 low confidence"));
}

// Bug 5: clicking a row scrolled the list to centre it, so a row other than the span shown ended
// up under the pointer, and a pointer that moved while pressed selected that one.
void TestReviewCommands::clickKeepsTheClickedRow()
{
    auto d = makeDocument();
    QVERIFY(d);
    // Thirty-five low-confidence stretches down track 1, too far apart to merge: more rows than the
    // list shows.
    TraceResult trace = doubtfulTrace();
    for (int k = 0; k < 35; ++k)
        for (int i = 0; i < 5; ++i)
            trace.tracks[0].curves[0].confidence[size_t(50 * k + 20 + i)] = 0.1f;
    d->setTrace(trace);
    DoubtDock dock;
    dock.setDocument(d.get());
    dock.setOrder(DoubtDock::Order::Depth);
    dock.resize(420, 300);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    auto *list = dock.findChild<QTreeWidget *>();
    QVERIFY(list);
    QVERIFY(list->topLevelItemCount() > 30);
    list->verticalScrollBar()->setValue(0);
    QCoreApplication::processEvents();
    // The second visible row: far from the centre of the list.
    QTreeWidgetItem *target = list->topLevelItem(1);
    const QPoint at = list->visualItemRect(target).center();
    const int index = target->data(0, Qt::UserRole).toInt();
    QTest::mousePress(list->viewport(), Qt::LeftButton, {}, at);
    QTest::qWait(50);  // deferred scrolls run
    QTest::mouseMove(list->viewport(), at + QPoint(1, 0));
    QTest::mouseRelease(list->viewport(), Qt::LeftButton, {}, at + QPoint(1, 0));
    QCoreApplication::processEvents();
    QCOMPARE(dock.currentIndex(), index);
    QCOMPARE(list->currentItem(), target);
    QCOMPARE(list->itemAt(at), target);
    // Stepping with N still brings a row out of sight into view.
    for (int i = 0; i < 30; ++i)
        dock.nextAction()->trigger();
    QCoreApplication::processEvents();
    QVERIFY(list->viewport()->rect().intersects(list->visualItemRect(list->currentItem())));
}

// Reviewed rows are marked on the sheet: a green bar down the track's left edge.
void TestReviewCommands::reviewedRowsMarked()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto d = makeDocument();
    QVERIFY(d);
    QVERIFY(window.openSheet(mSheet));
    Document &doc = *window.document();
    doc.setCalibration(twoTracks());
    doc.setLabels(d->labels(), cv::Mat());
    doc.setTrace(doubtfulTrace());
    SheetView *view = window.sheetView();
    view->setScale(1.0);
    view->centerOn(QPointF(300, 610));
    QTest::qWait(50);
    const auto green = [view](double x, double y) {
        const QImage shot = view->viewport()->grab().toImage();
        const QColor c = shot.pixelColor(view->imageToView(QPointF(x, y)).toPoint());
        return c.green() > c.red() + 40 && c.green() > c.blue() + 40;
    };
    QVERIFY(!green(102, 610));
    doc.undoStack()->push(ReviewCommand::acceptSpan(doc, 0));  // track 1, rows 600-619
    QTest::qWait(50);
    QVERIFY(green(102, 610));
    QVERIFY(!green(102, 640));  // beyond the span
    QVERIFY(!green(452, 610));  // the other track
    doc.undoStack()->undo();
    QTest::qWait(50);
    QVERIFY(!green(102, 610));
}

void TestReviewCommands::saveAndLoad()
{
    auto d = makeDocument();
    QVERIFY(d);
    d->undoStack()->push(ReviewCommand::acceptSpan(*d, 2));
    d->undoStack()->push(new PaintLabelsCommand(*d, {650, 895}, {650, 902}, 5, 2));
    d->undoStack()->push(ReviewCommand::markReviewed(*d, 10, 20, 500, 510, QStringLiteral("Mark")));
    const QString folder = mDir.filePath(QStringLiteral("review.veer"));
    const Status saved = ProjectFile::save(*d, folder);
    QVERIFY2(saved, qPrintable(saved.error()));
    auto data = ProjectFile::read(folder);
    QVERIFY2(data, qPrintable(data.error()));
    auto loaded = ProjectFile::toDocument(*data, mSheet);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    Document &l = **loaded;
    QCOMPARE(l.review().spans(), d->review().spans());
    QCOMPARE(l.review().spans()[0].state, DoubtState::Unreviewed);
    QCOMPARE(l.review().spans()[1].state, DoubtState::Fixed);
    QCOMPARE(l.review().spans()[2].state, DoubtState::Accepted);
    QCOMPARE(l.review().reviewed(), d->review().reviewed());
    QCOMPARE(l.serialise(), d->serialise());
    QVERIFY(!l.isModified());
}

void TestReviewCommands::oldProjectHasNoReview()
{
    auto d = makeDocument();
    QVERIFY(d);
    d->undoStack()->push(ReviewCommand::markSheetReviewed(*d));
    const QString folder = mDir.filePath(QStringLiteral("old.veer"));
    QVERIFY(ProjectFile::save(*d, folder));
    // A project written before reviews existed has no "review" key.
    QFile file(folder + QStringLiteral("/project.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QVERIFY(root.contains(QStringLiteral("review")));
    root.remove(QStringLiteral("review"));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(root).toJson());
    file.close();
    auto data = ProjectFile::read(folder);
    QVERIFY2(data, qPrintable(data.error()));
    auto loaded = ProjectFile::toDocument(*data, mSheet);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    QVERIFY((*loaded)->review().reviewed().isEmpty());
    QCOMPARE((*loaded)->review().spans().size(), size_t(3));
    for (const DoubtSpan &s : (*loaded)->review().spans())
        QCOMPARE(s.state, DoubtState::Unreviewed);
}

void TestReviewCommands::exportFromMainWindow()
{
    MainWindow window;
    auto d = makeDocument();
    QVERIFY(d);
    QVERIFY(window.openSheet(mSheet));
    Document &doc = *window.document();
    doc.setCalibration(twoTracks());
    doc.setLabels(d->labels(), cv::Mat());
    doc.setTrace(doubtfulTrace());
    const QString out = mDir.filePath(QStringLiteral("training/sheet"));
    Status s = window.exportTrainingData(out, false);
    QVERIFY(!s);
    QVERIFY2(s.error().contains(QStringLiteral("nothing is reviewed")), qPrintable(s.error()));

    window.doubtDock()->setOrder(DoubtDock::Order::Depth);
    window.doubtDock()->nextAction()->trigger();
    window.doubtDock()->acceptAction()->trigger();
    s = window.exportTrainingData(out, false);
    QVERIFY2(s, qPrintable(s.error()));
    const cv::Mat mask = cv::imread((out + QStringLiteral("/reviewed.png")).toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(mask.rows, 20);  // only the accepted span's rows
    QCOMPARE(cv::countNonZero(mask), 20 * 300);
    const cv::Mat sheet = cv::imread((out + QStringLiteral("/sheet.png")).toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(sheet.type(), CV_8UC1);
    QCOMPARE(sheet.cols, 900);
    QVERIFY(QFile::exists(out + QStringLiteral("/labels.png")));
    QVERIFY(QFile::exists(out + QStringLiteral("/calibration.json")));
    QVERIFY(!window.exportTrainingData(out, false));
    QVERIFY(window.exportTrainingData(out, true));
}

QTEST_MAIN(TestReviewCommands)
#include "tst_reviewcommands.moc"
