#pragma once

#include <QString>
#include <QStringList>

namespace veer {

/**
 * Finds a shipped data folder ("models", "las", "samples"...): $VEER_DATA_DIR/<name>, next to the
 * executable's install prefix (share/veer/<name>), then the source tree's models/ or resources/.
 * Returns an empty string when none exists.
 */
QString findDataDir(const QString &name);

/** The real LAS files shipped for synthetic curve shapes (resources/las). */
QStringList shippedLasFiles();

} // namespace veer
