#include "annotation.h"

#include "raster/labelmap.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace veer {

Result<AnnotatedBand> readAnnotation(const QString &path)
{
    using R = Result<AnnotatedBand>;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        return R::failure(QStringLiteral("%1: not JSON (%2)").arg(path, error.errorString()));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("veer-annotation/1"))
        return R::failure(QStringLiteral("%1: not a veer-annotation/1 file").arg(path));
    AnnotatedBand band;
    band.sheet = o.value(QStringLiteral("sheet")).toString();
    band.firstRow = o.value(QStringLiteral("first_row")).toInt(-1);
    const int rows = o.value(QStringLiteral("rows")).toInt(-1);
    const int width = o.value(QStringLiteral("width")).toInt(-1);
    const QJsonArray columns = o.value(QStringLiteral("labelled_columns")).toArray();
    band.labelledLeft = columns.at(0).toInt(-1);
    band.labelledRight = columns.at(1).toInt(-1);
    if (band.sheet.isEmpty() || band.firstRow < 0 || rows <= 0 || width <= 0 || columns.size() != 2
        || band.labelledLeft < 0 || band.labelledRight > width || band.labelledLeft >= band.labelledRight)
        return R::failure(QStringLiteral("%1: needs sheet, first_row, rows, width and labelled_columns [first, end]").arg(path));
    auto labels = readLabelMap(QFileInfo(path).dir().filePath(o.value(QStringLiteral("labels")).toString()));
    if (!labels)
        return R::failure(QStringLiteral("%1: %2").arg(path, labels.error()));
    band.labels = *labels;
    if (band.labels.rows != rows || band.labels.cols != width)
        return R::failure(QStringLiteral("%1: the label map is %2 x %3, the file says %4 x %5")
                              .arg(path).arg(band.labels.cols).arg(band.labels.rows).arg(width).arg(rows));
    auto calibration = Calibration::fromJson(QJsonDocument(o.value(QStringLiteral("calibration")).toObject()).toJson());
    if (!calibration)
        return R::failure(QStringLiteral("%1: calibration: %2").arg(path, calibration.error()));
    band.calibration = *calibration;
    return band;
}

} // namespace veer
