#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace veer {

/** Writes bytes to a file atomically (temporary file + rename); the old file survives a failure. */
Status writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace veer
