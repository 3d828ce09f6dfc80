#pragma once

#include "project/projectformat.h"

#include <memory>

namespace veer {

class Document;

/**
 * The project format (core/project/projectformat.h) for the GUI: saves a Document and makes one
 * of what was read. Everything else (read, projectFolder, SaveOptions...) is ProjectFormat's.
 */
class ProjectFile : public ProjectFormat
{
public:
    static Status save(const Document &document, const QString &folder, const SaveOptions &options = {});

    /**
     * Makes a Document from what read() returned, with the sheet at `sheetPath` (the saved one,
     * or where the user found it after it moved). The undo stack starts clean.
     */
    static Result<std::unique_ptr<Document>> toDocument(const ProjectData &data, const QString &sheetPath);
};

} // namespace veer
