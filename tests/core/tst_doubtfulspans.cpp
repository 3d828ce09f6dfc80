// Doubtful spans on hand-made traces: exact rows, reasons and scores; state carrying; navigation.
#include "trace/doubtfulspans.h"

#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace veer;

Q_DECLARE_METATYPE(veer::TraceResult)
Q_DECLARE_METATYPE(std::vector<veer::DoubtSpan>)

namespace {

constexpr float kNull = std::numeric_limits<float>::quiet_NaN();

/** A curve of `rows` rows: column(row) and confidence(row), both over trace-relative rows. */
CurveTrace curve(int classId, int rows, const std::function<float(int)> &column,
                 const std::function<float(int)> &confidence = [](int) { return 0.9f; })
{
    CurveTrace c;
    c.classId = classId;
    for (int i = 0; i < rows; ++i) {
        const float x = column(i);
        c.column.push_back(x);
        c.confidence.push_back(std::isfinite(x) ? confidence(i) : 0.0f);
    }
    return c;
}

TraceResult trace(int firstRow, int rows, std::vector<TrackTrace> tracks)
{
    TraceResult t;
    t.firstRow = firstRow;
    t.rowCount = rows;
    t.tracks = std::move(tracks);
    return t;
}

/** Confidence `low` on rows [a, b], 0.9 elsewhere. */
std::function<float(int)> dip(int a, int b, float low)
{
    return [=](int i) { return i >= a && i <= b ? low : 0.9f; };
}

float at10(int) { return 10.0f; }
float at30(int) { return 30.0f; }

DoubtSpan span(int track, int first, int last, unsigned reasons, double score)
{
    DoubtSpan s;
    s.track = track;
    s.firstRow = first;
    s.lastRow = last;
    s.reasons = reasons;
    s.score = score;
    return s;
}

/** `c` with wrap events at image rows (direction +1 or -1). */
CurveTrace withWraps(CurveTrace c, std::vector<WrapEvent> wraps)
{
    c.wraps = std::move(wraps);
    return c;
}

TrackTrace clean(int rows)
{
    return TrackTrace{{curve(1, rows, at10), curve(2, rows, at30)}};
}

} // namespace

class TestDoubtfulSpans : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void find_data();
    void find();
    void mergeAndMinRows();
    void carryStates();
    void shiftAndRank();
    void navigation();
    void json();
};

void TestDoubtfulSpans::find_data()
{
    QTest::addColumn<TraceResult>("input");
    QTest::addColumn<std::vector<DoubtSpan>>("expected");

    QTest::newRow("clean") << trace(0, 50, {clean(50)}) << std::vector<DoubtSpan>{};
    QTest::newRow("empty") << TraceResult{} << std::vector<DoubtSpan>{};
    // Rows are image rows: the trace starts at row 100.
    QTest::newRow("low confidence")
        << trace(100, 50, {TrackTrace{{curve(1, 50, at10, dip(10, 14, 0.07f)), curve(2, 50, at30)}}})
        << std::vector<DoubtSpan>{span(0, 110, 114, LowConfidence, 0.8)};
    QTest::newRow("confidence at the threshold is fine")
        << trace(0, 50, {TrackTrace{{curve(1, 50, at10, dip(10, 14, 0.35f)), curve(2, 50, at30)}}})
        << std::vector<DoubtSpan>{};
    QTest::newRow("interior gap, leading and trailing nulls ignored")
        << trace(0, 50, {TrackTrace{{curve(1, 50, at10),
                                     curve(2, 50, [](int i) { return i < 5 || (i >= 20 && i <= 22) || i > 45 ? kNull : 30.0f; })}}})
        << std::vector<DoubtSpan>{span(0, 20, 22, Gap, 1.0)};
    QTest::newRow("near crossing")
        << trace(0, 40, {TrackTrace{{curve(1, 40, [](int i) { return 10.0f + i; }), curve(2, 40, at30)}}})
        << std::vector<DoubtSpan>{span(0, 18, 22, NearCrossing, 1.0)};
    QTest::newRow("near but not touching")
        << trace(0, 40, {TrackTrace{{curve(1, 40, [](int i) { return i >= 10 && i <= 12 ? 28.5f : 10.0f; }),
                                     curve(2, 40, at30)}}})
        << std::vector<DoubtSpan>{span(0, 10, 12, NearCrossing, 0.5)};
    QTest::newRow("jump across the other curve")
        << trace(0, 50, {TrackTrace{{curve(1, 50, [](int i) { return i < 25 ? 10.0f : 40.0f; }), curve(2, 50, at30)}}})
        << std::vector<DoubtSpan>{span(0, 24, 25, NearCrossing, 1.0)};
    QTest::newRow("several reasons in one span")
        << trace(0, 60, {TrackTrace{{curve(1, 60, at10, dip(20, 21, 0.0f)),
                                     curve(2, 60, [](int i) { return i >= 24 && i <= 25 ? kNull : 30.0f; })}}})
        << std::vector<DoubtSpan>{span(0, 20, 25, LowConfidence | Gap, 1.0)};
    // Each wrap event is a span of its own kind; a wrap with no return seen also marks where the
    // curve ends, since every value from the wrap down rests on it.
    QTest::newRow("wrap out and back")
        << trace(100, 60, {TrackTrace{{withWraps(curve(1, 60, at10), {{110, 1}, {140, -1}}), curve(2, 60, at30)}}})
        << std::vector<DoubtSpan>{span(0, 107, 113, Wrap, 1.0), span(0, 137, 143, Wrap, 1.0)};
    QTest::newRow("wrap never back")
        << trace(0, 60, {TrackTrace{{withWraps(curve(1, 60, [](int i) { return i > 50 ? kNull : 10.0f; }), {{20, 1}}),
                                     curve(2, 60, at30)}}})
        << std::vector<DoubtSpan>{span(0, 17, 23, Wrap, 1.0), span(0, 47, 50, Wrap, 1.0)};
    QTest::newRow("depth order across tracks")
        << trace(0, 60, {TrackTrace{{curve(1, 60, at10, dip(40, 41, 0.0f)), curve(2, 60, at30)}},
                         TrackTrace{{curve(1, 60, at10, dip(5, 6, 0.0f)), curve(2, 60, at30, dip(40, 40, 0.0f))}}})
        << std::vector<DoubtSpan>{span(1, 5, 6, LowConfidence, 1.0), span(0, 40, 41, LowConfidence, 1.0),
                                  span(1, 40, 40, LowConfidence, 1.0)};
}

void TestDoubtfulSpans::find()
{
    QFETCH(TraceResult, input);
    QFETCH(std::vector<DoubtSpan>, expected);
    DoubtOptions options;
    options.minRows = 1;
    std::vector<DoubtSpan> actual = findDoubtfulSpans(input, options);
    QCOMPARE(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].track, expected[i].track);
        QCOMPARE(actual[i].firstRow, expected[i].firstRow);
        QCOMPARE(actual[i].lastRow, expected[i].lastRow);
        QCOMPARE(actual[i].reasons, expected[i].reasons);
        QVERIFY2(std::abs(actual[i].score - expected[i].score) < 1e-6,
                 qPrintable(QStringLiteral("score %1, expected %2").arg(actual[i].score).arg(expected[i].score)));
        QCOMPARE(actual[i].state, DoubtState::Unreviewed);
    }
}

void TestDoubtfulSpans::mergeAndMinRows()
{
    // Low confidence on rows 10-12, 18-20 (5 rows apart: merged) and 40-40 (far: separate).
    const auto conf = [](int i) { return (i >= 10 && i <= 12) || (i >= 18 && i <= 20) || i == 40 ? 0.0f : 0.9f; };
    const TraceResult t = trace(0, 60, {TrackTrace{{curve(1, 60, at10, conf), curve(2, 60, at30)}}});
    DoubtOptions options;
    options.minRows = 1;
    std::vector<DoubtSpan> spans = findDoubtfulSpans(t, options);
    QCOMPARE(spans.size(), size_t(2));
    QCOMPARE(spans[0].firstRow, 10);
    QCOMPARE(spans[0].lastRow, 20);
    QCOMPARE(spans[1].firstRow, 40);
    QCOMPARE(spans[1].lastRow, 40);

    options.mergeGap = 4;
    spans = findDoubtfulSpans(t, options);
    QCOMPARE(spans.size(), size_t(3));
    QCOMPARE(spans[1].firstRow, 18);

    // By default one-row low-confidence blips are dropped, one-row gaps are not.
    spans = findDoubtfulSpans(t);
    QCOMPARE(spans.size(), size_t(1));
    QCOMPARE(spans[0].lastRow, 20);
    const TraceResult gap = trace(0, 60, {TrackTrace{{curve(1, 60, at10), curve(2, 60, [](int i) { return i == 30 ? kNull : 30.0f; })}}});
    spans = findDoubtfulSpans(gap);
    QCOMPARE(spans.size(), size_t(1));
    QCOMPARE(spans[0].firstRow, 30);
    QCOMPARE(spans[0].lastRow, 30);
}

void TestDoubtfulSpans::carryStates()
{
    std::vector<DoubtSpan> previous{span(0, 10, 20, LowConfidence, 1), span(0, 30, 40, Gap, 1),
                                    span(1, 10, 20, Gap, 1), span(0, 50, 60, Gap, 1)};
    previous[0].state = DoubtState::Accepted;
    previous[1].state = DoubtState::Fixed;
    previous[2].state = DoubtState::Accepted;
    std::vector<DoubtSpan> fresh{span(0, 15, 35, LowConfidence, 1),  // overlaps accepted and fixed
                                 span(0, 21, 29, Gap, 1),            // overlaps nothing
                                 span(1, 20, 25, Gap, 1),            // overlaps the accepted one of track 1
                                 span(0, 55, 56, Gap, 1)};           // overlaps an unreviewed one
    fresh[1].state = DoubtState::Accepted;  // a fresh span's own state is not kept
    carryDoubtStates(previous, fresh);
    QCOMPARE(fresh[0].state, DoubtState::Fixed);
    QCOMPARE(fresh[1].state, DoubtState::Unreviewed);
    QCOMPARE(fresh[2].state, DoubtState::Accepted);
    QCOMPARE(fresh[3].state, DoubtState::Unreviewed);
}

// What each span risks (px a wrong trace moves a value) and the review order built on it.
void TestDoubtfulSpans::shiftAndRank()
{
    const int n = 400;
    // Track 0: curve one at 10, with a low-confidence detour to 22 on rows 50-54 and a flat
    // low-confidence stretch on rows 300-309; curve two at 30 crosses curve one around row 150
    // (60 px apart beside it); curve one is null on rows 200-219 and comes back 8 px further on.
    const auto one = [](int i) -> float {
        if (i >= 50 && i <= 54)
            return 22.0f;
        if (i >= 200 && i <= 219)
            return kNull;
        return i < 200 ? 10.0f : 18.0f;
    };
    const auto two = [](int i) -> float { return i < 150 ? 70.0f : (i <= 152 ? 11.0f : 70.0f); };
    const auto conf = [](int i) { return (i >= 50 && i <= 54) || (i >= 300 && i <= 309) ? 0.1f : 0.9f; };
    CurveTrace c1 = curve(1, n, one, conf);
    // Track 1: a wrap out and back.
    CurveTrace w = curve(1, n, at10);
    w.wraps = {{1000 + 100, +1}, {1000 + 120, -1}};
    const TraceResult t = trace(1000, n, {TrackTrace{{c1, curve(2, n, two)}}, TrackTrace{{w, curve(2, n, at30)}}});
    DoubtOptions options;
    options.trackWidths = {200.0, 150.0};
    const std::vector<DoubtSpan> spans = findDoubtfulSpans(t, options);
    const auto find = [&spans](int track, int row) -> const DoubtSpan * {
        for (const DoubtSpan &s : spans)
            if (s.track == track && s.firstRow <= row && row <= s.lastRow)
                return &s;
        return nullptr;
    };
    const DoubtSpan *detour = find(0, 1052);
    const DoubtSpan *flat = find(0, 1305);
    const DoubtSpan *crossing = find(0, 1151);
    const DoubtSpan *gap = find(0, 1210);
    const DoubtSpan *wrap = find(1, 1100);
    QVERIFY(detour && flat && crossing && gap && wrap);
    QCOMPARE(detour->shift, 12.0);
    QCOMPARE(flat->shift, 0.0);
    QCOMPARE(crossing->shift, 60.0);
    QCOMPARE(gap->shift, 8.0);
    QCOMPARE(wrap->shift, 150.0);
    QCOMPARE(doubtKind(wrap->reasons), DoubtKind::Wrap);

    // Worst first: the wraps, the crossing, the gap, then low confidence by detour.
    const std::vector<int> order = rankDoubtSpans(spans);
    QCOMPARE(order.size(), spans.size());
    std::vector<const DoubtSpan *> ranked;
    for (int i : order)
        ranked.push_back(&spans[size_t(i)]);
    QCOMPARE(doubtKind(ranked[0]->reasons), DoubtKind::Wrap);
    QCOMPARE(doubtKind(ranked[1]->reasons), DoubtKind::Wrap);
    QCOMPARE(ranked[2], crossing);
    QCOMPARE(ranked[3], gap);
    QCOMPARE(ranked[4], detour);
    QCOMPARE(ranked[5], flat);

    // A track without a width: a wrap counts as more than any track.
    const std::vector<DoubtSpan> unsized = findDoubtfulSpans(t);
    for (const DoubtSpan &s : unsized)
        if (s.reasons & Wrap)
            QCOMPARE(s.shift, kWrapShift);
    // The shift survives the project file.
    const std::vector<DoubtSpan> back = doubtSpansFromJson(doubtSpansToJson(spans));
    QCOMPARE(back.size(), spans.size());
    for (size_t i = 0; i < back.size(); ++i)
        QCOMPARE(back[i].shift, spans[i].shift);
}

void TestDoubtfulSpans::navigation()
{
    std::vector<DoubtSpan> spans{span(0, 1, 2, Gap, 1), span(1, 5, 6, Gap, 1), span(0, 9, 9, Gap, 1),
                                 span(1, 20, 22, Gap, 1)};
    spans[1].state = DoubtState::Accepted;
    spans[2].state = DoubtState::Fixed;
    QCOMPARE(nextDoubtSpan(spans, -1, true), 0);
    QCOMPARE(nextDoubtSpan(spans, 0, true), 1);
    QCOMPARE(nextDoubtSpan(spans, 3, true), -1);
    QCOMPARE(nextDoubtSpan(spans, -1, false), 3);
    QCOMPARE(nextDoubtSpan(spans, 2, false), 1);
    QCOMPARE(nextDoubtSpan(spans, 0, false), -1);
    const unsigned unreviewed = doubtStateBit(DoubtState::Unreviewed);
    QCOMPARE(nextDoubtSpan(spans, 0, true, unreviewed), 3);
    QCOMPARE(nextDoubtSpan(spans, 3, false, unreviewed), 0);
    QCOMPARE(nextDoubtSpan(spans, -1, true, doubtStateBit(DoubtState::Fixed)), 2);
    QCOMPARE(nextDoubtSpan({}, -1, true), -1);
}

void TestDoubtfulSpans::json()
{
    std::vector<DoubtSpan> spans{span(0, 1, 2, Gap | LowConfidence, 0.5), span(2, 5, 6, NearCrossing, 0.25)};
    spans[1].state = DoubtState::Accepted;
    QCOMPARE(doubtSpansFromJson(doubtSpansToJson(spans)), spans);
    QJsonArray bad{QJsonObject{{QStringLiteral("track"), 0}, {QStringLiteral("first_row"), 5}, {QStringLiteral("last_row"), 2}},
                   42, QJsonObject{{QStringLiteral("first_row"), 5}}};
    QVERIFY(doubtSpansFromJson(bad).empty());
    QCOMPARE(doubtReasonText(LowConfidence | Gap), QStringLiteral("low confidence, gap"));
    QCOMPARE(doubtReasonText(Wrap), QStringLiteral("wrap"));
    QCOMPARE(doubtStateFromName(doubtStateName(DoubtState::Fixed)), DoubtState::Fixed);
}

QTEST_GUILESS_MAIN(TestDoubtfulSpans)
#include "tst_doubtfulspans.moc"
