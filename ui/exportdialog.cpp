#include "exportdialog.h"

#include "calibrationcommands.h"
#include "document.h"

#include "base/version.h"
#include "las/laswriter.h"
#include "pipeline/digitizer.h"
#include "trace/curvesampler.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QUndoStack>

namespace veer {

namespace {

struct Field
{
    const char *mnemonic;
    const char *label;
};
const Field kFields[] = {{"COMP", "Company"}, {"WELL", "Well"},    {"FLD", "Field"}, {"LOC", "Location"},
                         {"SRVC", "Service company"}, {"DATE", "Log date"}, {"UWI", "Unique well id"}, {"API", "API number"}};

} // namespace

Status exportLog(const Document &document, const ExportSettings &settings)
{
    if (!document.trace())
        return Status::failure(QObject::tr("nothing to export: digitize the sheet first"));
    const Calibration &calibration = document.calibration();
    auto sampled = CurveSampler::sample(*document.trace(), calibration, document.sheetHeight());
    if (!sampled)
        return Status::failure(sampled.error());
    auto sections = sampleSections(*document.trace(), calibration, document.sheetHeight());
    if (!sections)
        return Status::failure(sections.error());
    // The main log, then each section beside it under its own name (well.las, well-REPEAT.las).
    std::vector<std::pair<LasDocument, QString>> logs{{sampled->las, QString()}};
    for (size_t k = 0; k < sections->size(); ++k)
        logs.emplace_back((*sections)[k].las, calibration.sections[k].name);
    for (auto &[las, section] : logs) {
        for (const LasHeaderItem &item : settings.well) {
            if (!item.value.trimmed().isEmpty())
                las.setWellValue(item.mnemonic, item.value.trimmed(), item.description);
        }
        las.other.push_back(QStringLiteral("Digitized with Veer %1 from %2 (page %3)")
                                .arg(QStringLiteral(VEER_VERSION_STRING), QFileInfo(document.sheetPath()).fileName())
                                .arg(document.page() + 1));
        if (!section.isEmpty())
            las.other.push_back(QStringLiteral("Log section %1, on its own depth ties").arg(section));
        if (!document.modelId().isEmpty())
            las.other.push_back(QStringLiteral("Segmentation model: %1").arg(document.modelId()));
        const auto path = [&section](const QString &main) {
            return section.isEmpty() ? main : sectionOutputPath(main, section);
        };
        if (!settings.lasPath.isEmpty()) {
            const Status s = writeLas(las, path(settings.lasPath));
            if (!s)
                return s;
        }
        if (!settings.csvPath.isEmpty()) {
            const Status s = writeCsv(las, path(settings.csvPath));
            if (!s)
                return s;
        }
    }
    return {};
}

ExportDialog::ExportDialog(Document &document, QWidget *parent)
    : QDialog(parent)
    , mDocument(document)
    , mPath(new QLineEdit)
    , mLas(new QCheckBox(tr("LAS 2.0")))
    , mCsv(new QCheckBox(tr("CSV")))
{
    setWindowTitle(tr("Export Log"));
    QSettings settings;
    settings.beginGroup(QStringLiteral("export"));
    auto *form = new QFormLayout(this);
    mPath->setObjectName(QStringLiteral("path"));
    const QString dir = settings.value(QStringLiteral("dir"), QFileInfo(document.sheetPath()).absolutePath()).toString();
    mPath->setText(QDir(dir).filePath(QFileInfo(document.sheetPath()).completeBaseName() + QStringLiteral(".las")));
    auto *pathRow = new QHBoxLayout;
    auto *browseButton = new QPushButton(tr("Browse..."));
    pathRow->addWidget(mPath, 1);
    pathRow->addWidget(browseButton);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    form->addRow(tr("File"), pathRow);
    auto *formats = new QHBoxLayout;
    mLas->setChecked(settings.value(QStringLiteral("las"), true).toBool());
    mCsv->setChecked(settings.value(QStringLiteral("csv"), false).toBool());
    formats->addWidget(mLas);
    formats->addWidget(mCsv);
    formats->addStretch();
    form->addRow(tr("Formats"), formats);
    for (const Field &f : kFields) {
        const QString mnemonic = QString::fromLatin1(f.mnemonic);
        auto *edit = new QLineEdit(document.wellHeader().value(mnemonic).toString());
        edit->setObjectName(mnemonic);
        form->addRow(QStringLiteral("%1 (%2)").arg(tr(f.label), mnemonic), edit);
        mFields.emplace_back(mnemonic, edit);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    resize(560, sizeHint().height());
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Log"), mPath->text(), tr("LAS files (*.las *.LAS)"));
    if (!path.isEmpty())
        mPath->setText(path);
}

ExportSettings ExportDialog::settings() const
{
    ExportSettings s;
    const QFileInfo fi(mPath->text().trimmed());
    const QString base = fi.absoluteDir().filePath(fi.completeBaseName());
    if (mLas->isChecked())
        s.lasPath = base + QStringLiteral(".las");
    if (mCsv->isChecked())
        s.csvPath = base + QStringLiteral(".csv");
    for (const auto &[mnemonic, edit] : mFields)
        s.well.push_back({mnemonic, QString(), edit->text(), QString()});
    return s;
}

void ExportDialog::accept()
{
    const ExportSettings s = settings();
    if (mPath->text().trimmed().isEmpty() || (s.lasPath.isEmpty() && s.csvPath.isEmpty())) {
        QMessageBox::warning(this, tr("Export Log"), tr("Choose a file and at least one format."));
        return;
    }
    QStringList existing;
    for (const QString &p : {s.lasPath, s.csvPath}) {
        if (p.isEmpty())
            continue;
        // Each section's file beside the main one is asked about as well.
        QStringList paths{p};
        for (const DepthSection &section : mDocument.calibration().sections)
            paths << sectionOutputPath(p, section.name);
        for (const QString &path : paths)
            if (QFileInfo::exists(path))
                existing << QDir::toNativeSeparators(path);
    }
    if (!existing.isEmpty()
        && QMessageBox::question(this, tr("Replace Files?"), tr("Replace %1?").arg(existing.join(QStringLiteral(", "))))
               != QMessageBox::Yes)
        return;
    // The header typed here is the project's, kept even when the export below fails.
    QJsonObject header;
    for (const auto &[mnemonic, edit] : mFields) {
        if (!edit->text().trimmed().isEmpty())
            header.insert(mnemonic, edit->text().trimmed());
    }
    if (header != mDocument.wellHeader())
        mDocument.undoStack()->push(new SetWellHeaderCommand(mDocument, header));
    const Status status = exportLog(mDocument, s);
    if (!status) {
        QMessageBox::critical(this, tr("Export Failed"), status.error());
        return;
    }
    QSettings settings;
    settings.beginGroup(QStringLiteral("export"));
    settings.setValue(QStringLiteral("dir"), QFileInfo(mPath->text()).absolutePath());
    settings.setValue(QStringLiteral("las"), mLas->isChecked());
    settings.setValue(QStringLiteral("csv"), mCsv->isChecked());
    QDialog::accept();
}

} // namespace veer
