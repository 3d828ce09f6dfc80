#pragma once

#include "base/result.h"
#include "calibration/calibration.h"
#include "trace/reviewregions.h"
#include "trace/tracetypes.h"

#include <QJsonObject>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace veer {

/** A project as read back from its folder, before the GUI makes a Document of it. */
struct ProjectData
{
    QString folder; ///< the NAME.veer folder, absolute
    QString sheetPath; ///< absolute path of the sheet when it was saved
    QString sheetRelativePath; ///< the same, relative to the project folder
    int page = 0;
    int sheetWidth = 0;
    int sheetHeight = 0;
    Calibration calibration;
    cv::Mat labels; ///< CV_8UC1 0/1/2, empty when the sheet was not segmented
    cv::Mat probabilities; ///< CV_8UC2, may be empty
    std::optional<TraceResult> trace;
    std::vector<TraceAnchor> traceAnchors; ///< empty when project.json has none
    QString modelId;
    QJsonObject manifest; ///< project.json as read (autosave keeps its "recovery" object here)

    /** The saved sheet path, or the relative one where the project and the sheet moved together. */
    QString locatedSheetPath() const;
    /** The regions the user marked reviewed ("review.reviewed" of project.json). */
    ReviewRegions reviewedRegions() const;
};

/** What a save writes: the document's JSON, its rasters and the sheet it was made on. */
struct ProjectContent
{
    QJsonObject json; ///< Document::toJson(): sheet, calibration, labels digests, trace, review...
    cv::Mat labels; ///< CV_8UC1, may be empty
    cv::Mat probabilities; ///< CV_8UC2, may be empty
    QString sheetPath; ///< absolute, for "sheet.relative_path"
};

/**
 * The project format, veer-project/1: a folder NAME.veer holding project.json (the document's JSON
 * plus the names of its data files) and the lossless label raster labels.png (and probabilities.png,
 * in the layout of encodeProbabilityImage). The GUI (ProjectFile) and `veer-cli export-training`
 * read projects through it.
 *
 * A save is atomic: the rasters are written first, each under a name the current project.json does
 * not use, and project.json itself is replaced last with one rename. A process that dies at any point
 * leaves either the previous project or the new one, both complete; the next save removes what an
 * interrupted one left behind. Synchronous; call on any one thread.
 */
class ProjectFormat
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

    static Status save(const ProjectContent &content, const QString &folder, const SaveOptions &options = {});
    /** Reads project.json and its rasters, checking the rasters against their digests. */
    static Result<ProjectData> read(const QString &folder);

    /** The project folder for a path that names the folder or its project.json; empty if neither. */
    static QString projectFolder(const QString &path);
    /** True for a folder that holds project.json. */
    static bool isProject(const QString &path) { return !projectFolder(path).isEmpty(); }
    /** `path` with the .veer extension added when it is missing. */
    static QString withExtension(const QString &path);
};

} // namespace veer
