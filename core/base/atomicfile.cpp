#include "atomicfile.h"

#include <QFileInfo>
#include <QSaveFile>

namespace veer {

Status writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(QStringLiteral("%1: cannot open for writing: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString err = file.errorString();
        file.cancelWriting();
        return Status::failure(QStringLiteral("%1: write failed: %2").arg(path, err));
    }
    if (!file.commit())
        return Status::failure(QStringLiteral("%1: could not complete the write: %2").arg(path, file.errorString()));
    return {};
}

} // namespace veer
