// libFuzzer target: the tolerant LAS reader (readLasBytes), then the writers on what it read.
// See docs/hardening.md.
#include "las/lasreader.h"
#include "las/laswriter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto doc = veer::readLasBytes(bytes, QStringLiteral("fuzz.las"));
    if (!doc)
        return 0;
    // A document the reader accepted must survive the writers and a second read.
    const QByteArray las = veer::lasToBytes(*doc);
    const QByteArray csv = veer::csvToBytes(*doc);
    (void)csv;
    const auto again = veer::readLasBytes(las, QStringLiteral("fuzz-rewritten.las"));
    (void)again;
    return 0;
}
