#include "base/feedback.h"

#include <QTest>

#include <thread>

using namespace veer;

class TestFeedback : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void progressAndCancel();
    void callbackIsThrottledButFinalAlwaysArrives();
    void rangeMapsOntoParent();
};

void TestFeedback::progressAndCancel()
{
    Feedback f;
    QVERIFY(!f.isCanceled());
    f.setProgress(42.0, QStringLiteral("working"));
    QCOMPARE(f.progress(), 42.0);
    QCOMPARE(f.message(), QStringLiteral("working"));
    std::thread other([&f] { f.cancel(); });
    other.join();
    QVERIFY(f.isCanceled());
}

void TestFeedback::callbackIsThrottledButFinalAlwaysArrives()
{
    int calls = 0;
    double last = -1;
    Feedback f([&](double p, const QString &) { ++calls; last = p; }, 10000);
    for (int i = 0; i < 100; ++i)
        f.setProgress(i);
    QCOMPARE(calls, 1); // the first call passes, the rest fall inside the interval
    f.setProgress(100.0);
    QCOMPARE(calls, 2);
    QCOMPARE(last, 100.0);
}

void TestFeedback::rangeMapsOntoParent()
{
    Feedback f;
    FeedbackRange r(&f, 50.0, 75.0);
    r.setProgress(50.0);
    QCOMPARE(f.progress(), 62.5);
    QVERIFY(!r.isCanceled());
    f.cancel();
    QVERIFY(r.isCanceled());
    FeedbackRange none(nullptr, 0, 100);
    none.setProgress(10); // must not crash
    QVERIFY(!none.isCanceled());
}

QTEST_GUILESS_MAIN(TestFeedback)
#include "tst_feedback.moc"
