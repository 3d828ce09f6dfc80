// veer-cli export-training PROJECT.veer... -o DIR: reviewed labels of projects as training cases.
#include "cliutil.h"
#include "commands.h"

#include "calibration/calibration.h"
#include "pipeline/annotation.h"
#include "project/projectformat.h"
#include "raster/labelmap.h"
#include "raster/rastersource.h"
#include "segment/realbackground.h"
#include "segment/segmentationmodel.h"
#include "trace/reviewregions.h"
#include "trace/trainingexport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <opencv2/core.hpp>

namespace veer::cli {

namespace {

Result<TrainingCase> caseOf(const QString &projectPath, bool fullSheet)
{
    using R = Result<TrainingCase>;
    const QString folder = ProjectFormat::projectFolder(projectPath);
    if (folder.isEmpty())
        return R::failure(
            QStringLiteral("%1: not a Veer project (project.json is missing)").arg(projectPath));
    auto project = ProjectFormat::read(folder);
    if (!project)
        return R::failure(project.error());
    const ReviewRegions reviewed = project->reviewedRegions();
    if (project->labels.empty())
        return R::failure(
            QStringLiteral("%1: the project has no label map (segment the sheet first)").arg(projectPath));
    if (reviewed.isEmpty())
        return R::failure(QStringLiteral("%1: nothing is reviewed (accept or fix doubtful spans, or mark regions reviewed)")
                              .arg(projectPath));
    auto sheet = RasterSource::open(project->locatedSheetPath(), project->page);
    if (!sheet)
        return R::failure(sheet.error());
    auto grey = (*sheet)->readGrey(QRect(0, 0, (*sheet)->width(), (*sheet)->height()));
    if (!grey)
        return R::failure(grey.error());
    auto c = makeTrainingCase(*grey, project->labels, project->calibration, reviewed, !fullSheet);
    if (!c)
        return R::failure(QStringLiteral("%1: %2").arg(projectPath, c.error()));
    return c;
}

/**
 * A hand-labelled band of a real sheet (veer-annotation/1) as a training case: its rows of the scan.
 * An empty case for a band of a sheet on `heldOut`.
 */
Result<TrainingCase> caseOfAnnotation(const QString &path, const QString &scans, const QStringList &heldOut)
{
    using R = Result<TrainingCase>;
    auto band = readAnnotation(path);
    if (!band)
        return R::failure(band.error());
    if (heldOut.contains(band->sheet))
        return TrainingCase{};  // held out: never trained on
    auto sheet = RasterSource::open(QDir(scans).filePath(band->sheet));
    if (!sheet)
        return R::failure(sheet.error());
    auto grey = (*sheet)->readGrey(QRect(0, band->firstRow, band->labels.cols, band->labels.rows));
    if (!grey)
        return R::failure(grey.error());
    if (grey->size() != band->labels.size())
        return R::failure(QStringLiteral("%1: the band does not fit %2").arg(path, band->sheet));
    TrainingCase c;
    c.grey = *grey;
    c.reviewed = cv::Mat(band->labels.size(), CV_8UC1, cv::Scalar(0));
    c.reviewed.setTo(255, band->labels != 255);
    c.labels = band->labels.clone();
    c.labels.setTo(0, band->labels == 255);
    c.calibration = band->calibration;
    c.firstRow = band->firstRow;
    return c;
}

} // namespace

static int cmdExportTraining(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write the reviewed labels of projects as training case folders (sheet.png, labels.png, "
                       "reviewed.png, calibration.json) that 'veer-cli train --data DIR' reads. Unreviewed pixels "
                       "are 0 in reviewed.png and ignored in the loss. One folder per project, named after it."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project folders (NAME.veer)."),
                                 QStringLiteral("[PROJECT.veer...]"));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Folder to write the cases into."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("full-sheet"),
                      QStringLiteral("Keep every row; by default a case holds only the rows with reviewed pixels.")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Overwrite cases that exist.")});
    parser.addOption({QStringLiteral("annotations"),
                      QStringLiteral("Also write the hand-labelled bands of real sheets described in DIR (veer-annotation/1 "
                                     "files, as tests/data/real-annotations), reading the scans from --real. Bands of "
                                     "sheets on the held-out list (realscans-heldout.txt beside the shipped model) are refused."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("real"), QStringLiteral("With --annotations: the folder of the real scans."),
                      QStringLiteral("DIR")});
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("export-training"), args, 0, -1, code))
        return code;
    const QString out = parser.value(QStringLiteral("output"));
    if (out.isEmpty()) {
        printError(QStringLiteral("export-training: -o DIR is required"));
        return ExitUsage;
    }
    const QString annotations = parser.value(QStringLiteral("annotations"));
    if (parser.positionalArguments().isEmpty() && annotations.isEmpty()) {
        printError(QStringLiteral("export-training: name projects, or hand-labelled bands with --annotations DIR --real DIR"));
        return ExitUsage;
    }
    if (!annotations.isEmpty() && parser.value(QStringLiteral("real")).isEmpty()) {
        printError(QStringLiteral("export-training: --annotations needs --real DIR, the folder of the scans"));
        return ExitUsage;
    }
    const bool force = parser.isSet(QStringLiteral("force"));
    // Names first, so a clash or an existing case stops the run before anything is written.
    QStringList folders;
    QSet<QString> used;
    for (const QString &project : parser.positionalArguments()) {
        QString name = trainingCaseName(project);
        for (int n = 2; used.contains(name); ++n)
            name = trainingCaseName(project) + QStringLiteral("-%1").arg(n);
        used.insert(name);
        const QString folder = QDir(out).filePath(name);
        if (!force && QFileInfo::exists(QDir(folder).filePath(QStringLiteral("labels.png")))) {
            printError(QStringLiteral("%1: a training case is already there; pass --force to overwrite")
                           .arg(QDir::toNativeSeparators(folder)));
            return ExitFailure;
        }
        folders << folder;
    }
    int failed = 0;
    for (qsizetype i = 0; i < folders.size(); ++i) {
        const QString &project = parser.positionalArguments().at(i);
        auto c = caseOf(project, parser.isSet(QStringLiteral("full-sheet")));
        if (!c) {
            printError(c.error());
            ++failed;
            continue;
        }
        if (Status s = writeTrainingCase(*c, folders[i], force); !s) {
            printError(s.error());
            ++failed;
            continue;
        }
        printOut(QStringLiteral("%1: %2 x %3 px from row %4, %5% reviewed\n")
                     .arg(QDir::toNativeSeparators(folders[i])).arg(c->grey.cols).arg(c->grey.rows).arg(c->firstRow)
                     .arg(100.0 * cv::countNonZero(c->reviewed) / double(c->reviewed.total()), 0, 'f', 1));
    }
    if (!annotations.isEmpty()) {
        auto heldOut = readNameList(QFileInfo(defaultModelPath()).dir().filePath(QStringLiteral("realscans-heldout.txt")));
        if (!heldOut) {
            printError(heldOut.error());
            return ExitFailure;
        }
        const QDir dir(annotations);
        for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            const QString folder = QDir(out).filePath(QFileInfo(file).completeBaseName());
            auto c = caseOfAnnotation(dir.filePath(file), parser.value(QStringLiteral("real")), *heldOut);
            if (!c) {
                printError(c.error());
                ++failed;
                continue;
            }
            if (c->grey.empty()) {
                printOut(QStringLiteral("%1: skipped, its sheet is held out (never trained on)\n").arg(file));
                continue;
            }
            if (Status s = writeTrainingCase(*c, folder, force); !s) {
                printError(s.error());
                ++failed;
                continue;
            }
            printOut(QStringLiteral("%1: %2 x %3 px, rows %4-%5 of the sheet, %6% labelled\n")
                         .arg(QDir::toNativeSeparators(folder)).arg(c->grey.cols).arg(c->grey.rows).arg(c->firstRow)
                         .arg(c->firstRow + c->grey.rows - 1)
                         .arg(100.0 * cv::countNonZero(c->reviewed) / double(c->reviewed.total()), 0, 'f', 1));
        }
    }
    return failed ? ExitFailure : ExitOk;
}

VEER_CLI_COMMAND("export-training", "Write reviewed labels of projects as training case folders", cmdExportTraining);

} // namespace veer::cli
