#pragma once

#include "lasdocument.h"

#include <QByteArray>

namespace veer {

/**
 * Tolerant LAS reader in the spirit of lasio: versions 1.2, 2.0 and 3.0 (first log data set),
 * WRAP YES and NO, any NULL value, comment lines, odd spacing. Values equal to NULL stay NULL.
 */
Result<LasDocument> readLasBytes(const QByteArray &bytes, const QString &sourceName = QStringLiteral("<memory>"));
Result<LasDocument> readLas(const QString &path);

} // namespace veer
