#include "calibration/calibration.h"
#include "pipeline/evaluation.h"

#include <QTest>

#include <cmath>

using namespace veer;

namespace {

Calibration twoCurveTrack()
{
    Calibration c;
    c.ties = {{0, 100}, {100, 110}};
    c.step = 1;
    Track t;
    t.left = 0;
    t.right = 100;
    CurveScale a;
    a.classId = 1;
    a.mnemonic = QStringLiteral("GR");
    a.left = 0;
    a.right = 100;
    CurveScale b = a;
    b.classId = 2;
    b.mnemonic = QStringLiteral("RT");
    b.type = ScaleType::Log;
    b.left = 1;
    b.right = 100;
    t.curves = {a, b};
    c.tracks = {t};
    return c;
}

LasDocument log(const std::vector<double> &gr, const std::vector<double> &rt)
{
    LasDocument d;
    for (size_t i = 0; i < gr.size(); ++i)
        d.depths.push_back(100.0 + double(i));
    d.curves = {{QStringLiteral("GR"), QStringLiteral("GAPI"), {}, gr}, {QStringLiteral("RT"), QStringLiteral("OHMM"), {}, rt}};
    return d;
}

constexpr double N = -999.25;

} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void errorsAreFractionsOfTrackWidth();
    void coverageSwapsAndFalseValues();
    void missingCurveIsAnError();
};

void TestEvaluation::errorsAreFractionsOfTrackWidth()
{
    const Calibration cal = twoCurveTrack();
    CurveEvaluation e;
    // GR off by 1 unit of 100 (1 %); RT exact on a log scale of two decades.
    QVERIFY(e.add(log({11, 21, 31, 41}, {1, 10, 100, 10}), log({10, 20, 30, 40}, {1, 10, 100, 10}), cal).isEmpty());
    QCOMPARE(e.samples(), size_t(8));
    QVERIFY(std::abs(e.p95Error() - 0.01) < 1e-9);
    QVERIFY(e.medianError() <= 0.01 + 1e-9);
    QCOMPARE(e.shareWithin(0.02), 1.0);
    QCOMPARE(e.shareWithin(0.005), 0.5);
    QCOMPARE(e.coverage(), 1.0);
}

void TestEvaluation::coverageSwapsAndFalseValues()
{
    const Calibration cal = twoCurveTrack();
    CurveEvaluation e;
    // Truth: GR at 10 (t = 0.1), RT at 100 (t = 1.0): well apart. Row 1 comes out swapped
    // (GR at 100, RT at 1.26 ~ t 0.05); row 2 GR missing; row 3 truth null but a value came out.
    const LasDocument truth = log({10, 10, 10, N}, {100, 100, 100, 100});
    const LasDocument got = log({10, 100, N, 50}, {100, std::pow(10.0, 0.2), 100, 100});
    QVERIFY(e.add(got, truth, cal).isEmpty());
    QCOMPARE(e.coverage(), 6.0 / 7.0);
    QCOMPARE(e.swapRate(), 1.0 / 2.0);
    QCOMPARE(e.falseValueRate(), 1.0);
    QVERIFY(e.toJson().contains(QStringLiteral("false_value_rate")));
}

void TestEvaluation::missingCurveIsAnError()
{
    const Calibration cal = twoCurveTrack();
    CurveEvaluation e;
    LasDocument truth = log({1}, {1});
    LasDocument got = truth;
    got.curves.pop_back();
    QVERIFY(e.add(got, truth, cal).contains(QStringLiteral("RT")));
}

QTEST_GUILESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
