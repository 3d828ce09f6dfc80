#include "projectfile.h"

#include "document.h"

#include <QUndoStack>

namespace veer {

Status ProjectFile::save(const Document &document, const QString &folder, const SaveOptions &options)
{
    return ProjectFormat::save(
        {document.toJson(), document.labels(), document.probabilities(), document.sheetPath()}, folder,
        options);
}

Result<std::unique_ptr<Document>> ProjectFile::toDocument(const ProjectData &data, const QString &sheetPath)
{
    using R = Result<std::unique_ptr<Document>>;
    auto opened = Document::openSheet(sheetPath, data.page);
    if (!opened)
        return R::failure(opened.error());
    std::unique_ptr<Document> document = opened.take();
    if ((data.sheetWidth > 0 && document->sheetWidth() != data.sheetWidth)
        || (data.sheetHeight > 0 && document->sheetHeight() != data.sheetHeight))
        return R::failure(QStringLiteral("%1: the sheet is %2 x %3 px but the project was made on a %4 x %5 px sheet")
                              .arg(sheetPath).arg(document->sheetWidth()).arg(document->sheetHeight())
                              .arg(data.sheetWidth).arg(data.sheetHeight));
    if (!data.labels.empty() && (data.labels.cols != document->sheetWidth() || data.labels.rows != document->sheetHeight()))
        return R::failure(QStringLiteral("%1: the label map does not match the sheet's size").arg(data.folder));
    if (data.trace && (data.trace->firstRow < 0 || data.trace->firstRow + qint64(data.trace->rowCount) > document->sheetHeight()))
        return R::failure(QStringLiteral("%1: the traced rows lie outside the sheet").arg(data.folder));
    document->setCalibration(data.calibration);
    document->setLabels(data.labels, data.probabilities);
    document->setTrace(data.trace);
    document->setTraceAnchors(data.traceAnchors);
    document->restoreReview(data.manifest.value(QStringLiteral("review")).toObject());
    document->setModelId(data.modelId);
    document->setWellHeader(data.manifest.value(QStringLiteral("well_header")).toObject());
    document->undoStack()->clear();
    document->setClean();
    return document;
}

} // namespace veer
