#pragma once

#include "base/result.h"
#include "calibration/calibration.h"
#include "trace/tracetypes.h"

#include <QJsonObject>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace veer {

class Document;

/** The review state read back from a project folder, before it becomes a Document. */
struct ProjectData
{
    QString folder;             ///< the NAME.veer folder, absolute
    QString sheetPath;          ///< absolute path of the sheet when it was saved
    QString sheetRelativePath;  ///< the same, relative to the project folder
    int page = 0;
    int sheetWidth = 0;
    int sheetHeight = 0;
    Calibration calibration;
    cv::Mat labels;         ///< CV_8UC1 0/1/2, empty when the sheet was not segmented
    cv::Mat probabilities;  ///< CV_8UC2, may be empty
    std::optional<TraceResult> trace;
    std::vector<TraceAnchor> traceAnchors;  ///< empty when project.json has none
    QString modelId;
    QJsonObject manifest;   ///< project.json as read (autosave keeps its "recovery" object here)
};

/**
 * Reads and writes a project: a folder NAME.veer holding project.json (Document::toJson() plus
 * the names of its data files) and the lossless label raster labels.png (and probabilities.png).
 *
 * A save is atomic: the rasters are written first, each with QSaveFile under a name the current
 * project.json does not use, and project.json itself is replaced last with one rename. A process
 * that dies at any point leaves either the previous project or the new one, both complete; the
 * next save removes what an interrupted one left behind. Synchronous; call on any one thread.
 */
class ProjectFile
{
public:
    static constexpr const char *kManifestName = "project.json";
    static constexpr const char *kExtension = ".veer";

    struct SaveOptions
    {
        /** Extra top-level keys for project.json (the autosaver's "recovery" object). */
        QJsonObject extra;
        /**
         * Called after the rasters are written and before project.json is replaced; returning
         * false stops the save there as if the process had died (tests simulate a crash).
         */
        std::function<bool()> beforeManifest;
    };

    static Status save(const Document &document, const QString &folder, const SaveOptions &options = {});
    static Result<ProjectData> read(const QString &folder);

    /**
     * Makes a Document from what read() returned, with the sheet at `sheetPath` (the saved one,
     * or where the user found it after it moved). The undo stack starts clean.
     */
    static Result<std::unique_ptr<Document>> toDocument(const ProjectData &data, const QString &sheetPath);

    /** The project folder for a path that names the folder or its project.json; empty if neither. */
    static QString projectFolder(const QString &path);
    /** True for a folder that holds project.json. */
    static bool isProject(const QString &path) { return !projectFolder(path).isEmpty(); }
    /** `path` with the .veer extension added when it is missing. */
    static QString withExtension(const QString &path);
};

} // namespace veer
