// The heap policy of veer and veer-cli: freed LibTorch-sized buffers stay for reuse.
#include "base/heappolicy.h"

#include <QTest>

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace veer;

class TestHeapPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepForReuseServesBigBlocksFromTheHeap();
};

void TestHeapPolicy::keepForReuseServesBigBlocksFromTheHeap()
{
#if defined(__GLIBC__)
    constexpr size_t kBlock = 48u << 20;  // a batch of activations: above glibc's largest mmap threshold
    auto mappedBlocks = [] { return mallinfo2().hblks; };
    QVERIFY(setHeapPolicy(HeapPolicy::SystemDefault));
    void *a = std::malloc(kBlock);
    QVERIFY(a);
    std::memset(a, 1, kBlock);
    QCOMPARE(mappedBlocks(), size_t(1));  // the default maps it on its own
    std::free(a);
    QCOMPARE(mappedBlocks(), size_t(0));
    QVERIFY(setHeapPolicy(HeapPolicy::KeepForReuse));
    void *b = std::malloc(kBlock);
    QVERIFY(b);
    std::memset(b, 2, kBlock);
    QCOMPARE(mappedBlocks(), size_t(0));  // from the heap
    std::free(b);
    const size_t kept = mallinfo2().fordblks;
    QVERIFY2(kept >= kBlock, qPrintable(QString::number(kept)));  // and kept there for the next one
#else
    QVERIFY(!setHeapPolicy(HeapPolicy::KeepForReuse));
#endif
}

QTEST_MAIN(TestHeapPolicy)
#include "tst_heappolicy.moc"
