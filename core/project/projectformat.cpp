#include "projectformat.h"

#include "base/atomicfile.h"
#include "raster/labelmap.h"
#include "raster/pngfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstring>
#include <vector>

namespace veer {

namespace {

const QString kLabels = QStringLiteral("labels");
const QString kProbabilities = QStringLiteral("probabilities");

QString manifestPath(const QString &folder)
{
    return QDir(folder).filePath(QString::fromLatin1(ProjectFormat::kManifestName));
}

std::vector<float> floatsFromBase64(const QString &text)
{
    const QByteArray raw = QByteArray::fromBase64(text.toLatin1());
    std::vector<float> values(size_t(raw.size()) / sizeof(float));
    if (!values.empty())
        std::memcpy(values.data(), raw.constData(), values.size() * sizeof(float));
    return values;
}

/** A file name for `stem` that the current manifest does not use: stem.png or stem-1.png. */
QString freshName(const QString &stem, const QString &inUse)
{
    const QString plain = stem + QStringLiteral(".png");
    return inUse == plain ? stem + QStringLiteral("-1.png") : plain;
}

Status writeRaster(const QString &folder, const QString &stem, const cv::Mat &image,
                   const QJsonObject &oldFiles, const QJsonObject &oldEntry, const QString &sha1,
                   QString *name)
{
    const QString previous = oldFiles.value(stem).toString();
    // Unchanged since the last save: keep the file that is there.
    if (!previous.isEmpty()
        && oldEntry.value(stem == kLabels ? QStringLiteral("sha1") : QStringLiteral("probabilities_sha1"))
                .toString()
            == sha1
        && QFileInfo::exists(QDir(folder).filePath(previous))) {
        *name = previous;
        return {};
    }
    *name = freshName(stem, previous);
    return writePngFile(QDir(folder).filePath(*name), image);
}

/** Removes what no manifest refers to: rasters of older or interrupted saves, QSaveFile leftovers. */
void removeUnreferenced(const QString &folder, const QJsonObject &files)
{
    QDir dir(folder);
    const QStringList candidates
        = dir.entryList({QStringLiteral("labels*.png"), QStringLiteral("probabilities*.png"),
                         QStringLiteral("*.png.??????"), QStringLiteral("project.json.??????")},
                        QDir::Files | QDir::Hidden);
    for (const QString &name : candidates) {
        bool used = false;
        for (auto it = files.begin(); it != files.end(); ++it)
            used = used || it.value().toString() == name;
        if (!used)
            dir.remove(name);
    }
}

Result<QJsonObject> readManifest(const QString &folder)
{
    const QString path = manifestPath(folder);
    QFile file(path);
    if (!file.exists())
        return Result<QJsonObject>::failure(
            QStringLiteral("%1: not a Veer project (project.json is missing)").arg(folder));
    if (!file.open(QIODevice::ReadOnly))
        return Result<QJsonObject>::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
    if (!json.isObject())
        return Result<QJsonObject>::failure(QStringLiteral("%1: not valid JSON (%2 at offset %3)")
                                                .arg(path, error.errorString())
                                                .arg(error.offset));
    const QJsonObject root = json.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("veer-project/1"))
        return Result<QJsonObject>::failure(QStringLiteral("%1: not a veer-project/1 file (format is '%2')")
                                                .arg(path, root.value(QStringLiteral("format")).toString()));
    return root;
}

Result<std::optional<TraceResult>> traceFromJson(const QJsonObject &root)
{
    using R = Result<std::optional<TraceResult>>;
    if (!root.contains(QStringLiteral("trace")))
        return std::optional<TraceResult>();
    const QJsonObject t = root.value(QStringLiteral("trace")).toObject();
    TraceResult trace;
    trace.firstRow = t.value(QStringLiteral("first_row")).toInt();
    trace.rowCount = t.value(QStringLiteral("row_count")).toInt();
    const QJsonArray tracks = t.value(QStringLiteral("tracks")).toArray();
    for (const QJsonValue &tv : tracks) {
        TrackTrace track;
        for (const QJsonValue &cv : tv.toObject().value(QStringLiteral("curves")).toArray()) {
            const QJsonObject c = cv.toObject();
            CurveTrace curve;
            curve.classId = c.value(QStringLiteral("class")).toInt(1);
            curve.column = floatsFromBase64(c.value(QStringLiteral("column_f32")).toString());
            curve.confidence = floatsFromBase64(c.value(QStringLiteral("confidence_f32")).toString());
            if (trace.rowCount < 0 || curve.column.size() != size_t(trace.rowCount)
                || curve.confidence.size() != curve.column.size())
                return R::failure(
                    QStringLiteral("'trace' has %1 rows and %2 confidences for a curve, expected %3")
                        .arg(curve.column.size())
                        .arg(curve.confidence.size())
                        .arg(trace.rowCount));
            for (const QJsonValue &w : c.value(QStringLiteral("wraps")).toArray()) {
                // The tracer writes one wrap per crossing of an edge: direction +1 or -1 only.
                const int direction = w.toArray().at(1).toInt();
                if (direction != 1 && direction != -1)
                    return R::failure(
                        QStringLiteral("'trace' holds a wrap of direction %1 (only 1 or -1 are wraps)")
                            .arg(direction));
                curve.wraps.push_back({w.toArray().at(0).toInt(), direction});
            }
            track.curves.push_back(std::move(curve));
        }
        trace.tracks.push_back(std::move(track));
    }
    return std::optional<TraceResult>(std::move(trace));
}

} // namespace

QString ProjectData::locatedSheetPath() const
{
    if (!QFileInfo::exists(sheetPath) && !sheetRelativePath.isEmpty()) {
        const QString relative = QDir::cleanPath(QDir(folder).filePath(sheetRelativePath));
        if (QFileInfo(relative).isFile())
            return relative;
    }
    return sheetPath;
}

ReviewRegions ProjectData::reviewedRegions() const
{
    return ReviewRegions::fromJson(
        manifest.value(QStringLiteral("review")).toObject().value(QStringLiteral("reviewed")).toArray());
}

QString ProjectFormat::projectFolder(const QString &path)
{
    QFileInfo info(path);
    if (info.isFile() && info.fileName() == QLatin1String(kManifestName))
        return info.absolutePath();
    if (info.isDir() && QFileInfo::exists(manifestPath(path)))
        return info.absoluteFilePath();
    return {};
}

QString ProjectFormat::withExtension(const QString &path)
{
    const QString ext = QString::fromLatin1(kExtension);
    QString p = QDir::cleanPath(path);
    return p.endsWith(ext, Qt::CaseInsensitive) ? p : p + ext;
}

Status ProjectFormat::save(const ProjectContent &content, const QString &folderPath,
                           const SaveOptions &options)
{
    const QString folder = QFileInfo(folderPath).absoluteFilePath();
    QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        return Status::failure(QStringLiteral("%1: exists and is not a folder").arg(folder));
    QDir dir(folder);
    const bool existing = QFileInfo::exists(manifestPath(folder));
    if (info.exists() && !existing && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return Status::failure(
            QStringLiteral("%1: the folder is not empty and is not a Veer project").arg(folder));
    if (!dir.exists() && !QDir().mkpath(folder))
        return Status::failure(QStringLiteral("%1: cannot create the folder").arg(folder));

    // What the current project.json uses; those files must survive until it is replaced.
    QJsonObject oldFiles;
    QJsonObject oldLabels;
    if (existing) {
        if (auto old = readManifest(folder)) {
            oldFiles = old->value(QStringLiteral("files")).toObject();
            oldLabels = old->value(QStringLiteral("labels")).toObject();
        }
    }

    QJsonObject root = content.json;
    QJsonObject files;
    const cv::Mat &labels = content.labels;
    if (!labels.empty()) {
        const QJsonObject entry = root.value(QStringLiteral("labels")).toObject();
        QString name;
        Status s = writeRaster(folder, kLabels, labels, oldFiles, oldLabels,
                               entry.value(QStringLiteral("sha1")).toString(), &name);
        if (!s)
            return s;
        files.insert(kLabels, name);
        const cv::Mat &probabilities = content.probabilities;
        if (!probabilities.empty()) {
            s = writeRaster(folder, kProbabilities, encodeProbabilityImage(probabilities), oldFiles,
                            oldLabels, entry.value(QStringLiteral("probabilities_sha1")).toString(), &name);
            if (!s)
                return s;
            files.insert(kProbabilities, name);
        }
    }
    root.insert(QStringLiteral("files"), files);
    QJsonObject sheet = root.value(QStringLiteral("sheet")).toObject();
    sheet.insert(QStringLiteral("relative_path"), dir.relativeFilePath(content.sheetPath));
    root.insert(QStringLiteral("sheet"), sheet);
    for (auto it = options.extra.begin(); it != options.extra.end(); ++it)
        root.insert(it.key(), it.value());

    if (options.beforeManifest && !options.beforeManifest())
        return Status::failure(QStringLiteral("%1: the save was interrupted").arg(folder));
    const Status written
        = writeFileAtomically(manifestPath(folder), QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!written)
        return written;
    removeUnreferenced(folder, files);
    return {};
}

Result<ProjectData> ProjectFormat::read(const QString &folderPath)
{
    using R = Result<ProjectData>;
    const QString folder = QFileInfo(folderPath).absoluteFilePath();
    auto manifest = readManifest(folder);
    if (!manifest)
        return R::failure(manifest.error());
    const QJsonObject &root = *manifest;
    const QString path = manifestPath(folder);
    ProjectData data;
    data.folder = folder;
    data.manifest = root;
    const QJsonObject sheet = root.value(QStringLiteral("sheet")).toObject();
    data.sheetPath = sheet.value(QStringLiteral("path")).toString();
    data.sheetRelativePath = sheet.value(QStringLiteral("relative_path")).toString();
    data.page = sheet.value(QStringLiteral("page")).toInt();
    data.sheetWidth = sheet.value(QStringLiteral("width")).toInt();
    data.sheetHeight = sheet.value(QStringLiteral("height")).toInt();
    if (data.sheetPath.isEmpty())
        return R::failure(QStringLiteral("%1: 'sheet.path' is missing").arg(path));
    data.modelId = root.value(QStringLiteral("model_id")).toString();

    if (root.contains(QStringLiteral("calibration"))) {
        const QByteArray json = QJsonDocument(root.value(QStringLiteral("calibration")).toObject()).toJson();
        auto cal = Calibration::fromJson(json, Calibration::Validation::SyntaxOnly);
        if (!cal)
            return R::failure(QStringLiteral("%1: calibration: %2").arg(path, cal.error()));
        data.calibration = *cal;
    }

    const QJsonObject files = root.value(QStringLiteral("files")).toObject();
    if (root.contains(QStringLiteral("labels"))) {
        const QJsonObject entry = root.value(QStringLiteral("labels")).toObject();
        const QString name = files.value(kLabels).toString();
        if (name.isEmpty())
            return R::failure(QStringLiteral("%1: 'files.labels' is missing").arg(path));
        auto labels = readPngFile(QDir(folder).filePath(name), CV_8UC1);
        if (!labels)
            return R::failure(labels.error());
        if (pixelSha1(*labels) != entry.value(QStringLiteral("sha1")).toString().toLatin1())
            return R::failure(QStringLiteral("%1: the label map does not match project.json (damaged file)")
                                  .arg(QDir(folder).filePath(name)));
        data.labels = labels.take();
        if (entry.value(QStringLiteral("probabilities")).toBool()) {
            const QString pname = files.value(kProbabilities).toString();
            auto image = readPngFile(QDir(folder).filePath(pname), CV_8UC3);
            if (!image)
                return R::failure(image.error());
            data.probabilities = decodeProbabilityImage(*image);
            if (pixelSha1(data.probabilities)
                != entry.value(QStringLiteral("probabilities_sha1")).toString().toLatin1())
                return R::failure(
                    QStringLiteral("%1: the probabilities do not match project.json (damaged file)")
                        .arg(QDir(folder).filePath(pname)));
        }
    }
    auto trace = traceFromJson(root);
    if (!trace)
        return R::failure(QStringLiteral("%1: %2").arg(path, trace.error()));
    data.trace = trace.take();
    for (const QJsonValue &v : root.value(QStringLiteral("trace_anchors")).toArray()) {
        const QJsonObject a = v.toObject();
        const double column = a.value(QStringLiteral("column")).toDouble(qQNaN());
        if (!std::isfinite(column))
            return R::failure(QStringLiteral("%1: a trace anchor has no column").arg(path));
        data.traceAnchors.push_back({a.value(QStringLiteral("track")).toInt(),
                                     a.value(QStringLiteral("class")).toInt(1),
                                     a.value(QStringLiteral("row")).toInt(), column});
    }
    return data;
}

} // namespace veer
