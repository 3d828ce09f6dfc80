#pragma once

#include "base/result.h"
#include "las/lasdocument.h"

#include <QDialog>
#include <QJsonObject>

#include <vector>

class QCheckBox;
class QLineEdit;

namespace veer {

class Document;

/** What to export and the ~WELL header items to write. */
struct ExportSettings
{
    QString lasPath;   ///< empty: no LAS
    QString csvPath;   ///< empty: no CSV
    std::vector<LasHeaderItem> well;
};

/**
 * Samples the document's traces onto the calibration's depth grid and writes LAS 2.0 and/or CSV
 * atomically, with the well header and provenance (~OTHER: sheet, page, model, software).
 */
Status exportLog(const Document &document, const ExportSettings &settings);

/**
 * The export dialog: output paths, formats and the well header fields (COMP, WELL, FLD, LOC,
 * SRVC, DATE, UWI, API). The header belongs to the document (its project), never to another
 * sheet: the fields start from the document's header and an export stores them there. The folder
 * and the formats are remembered in QSettings.
 */
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(Document &document, QWidget *parent = nullptr);
    ExportSettings settings() const;

    void accept() override;

private:
    void browse();

    Document &mDocument;
    QLineEdit *mPath;
    QCheckBox *mLas;
    QCheckBox *mCsv;
    std::vector<std::pair<QString, QLineEdit *>> mFields;
};

} // namespace veer
