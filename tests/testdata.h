#pragma once

#include <QString>
#include <QtGlobal>

namespace veer::test {

/** Root of the source tree (set by CTest), for checked-in test data. */
inline QString sourceDir()
{
    const QByteArray dir = qgetenv("VEER_SOURCE_DIR");
    return dir.isEmpty() ? QStringLiteral(".") : QString::fromLocal8Bit(dir);
}

inline QString lasDir() { return sourceDir() + QStringLiteral("/resources/las"); }

} // namespace veer::test
