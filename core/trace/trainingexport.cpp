#include "trainingexport.h"

#include "base/atomicfile.h"
#include "raster/pngfile.h"

#include <QDir>
#include <QFileInfo>

#include <opencv2/core.hpp>

#include <algorithm>
#include <vector>

namespace veer {

namespace {

const char *const kCaseFiles[] = {"sheet.png", "labels.png", "reviewed.png", "calibration.json"};

} // namespace

Result<TrainingCase> makeTrainingCase(const cv::Mat &grey, const cv::Mat &labels, const Calibration &calibration,
                                      const ReviewRegions &reviewed, bool cropToReviewed)
{
    using R = Result<TrainingCase>;
    if (grey.empty() || grey.type() != CV_8UC1)
        return R::failure(QStringLiteral("the sheet is empty or not 8-bit grey"));
    if (labels.empty())
        return R::failure(QStringLiteral("the sheet has no label map (segment it first)"));
    if (labels.size() != grey.size() || labels.type() != CV_8UC1)
        return R::failure(QStringLiteral("the label map is %1 x %2 but the sheet is %3 x %4")
                              .arg(labels.cols).arg(labels.rows).arg(grey.cols).arg(grey.rows));
    const cv::Mat mask = reviewed.mask(calibration, grey.size());
    if (cv::countNonZero(mask) == 0)
        return R::failure(QStringLiteral("nothing is reviewed (accept or fix doubtful spans, or mark regions reviewed)"));
    int top = 0;
    int bottom = grey.rows - 1;
    if (cropToReviewed) {
        const RowRange extent = reviewed.rowExtent();
        top = std::clamp(extent.first, 0, grey.rows - 1);
        bottom = std::clamp(extent.last, top, grey.rows - 1);
    }
    const cv::Rect band(0, top, grey.cols, bottom - top + 1);
    TrainingCase c;
    c.grey = grey(band).clone();
    c.labels = labels(band).clone();
    c.reviewed = mask(band).clone();
    c.calibration = calibration;
    for (DepthTie &tie : c.calibration.ties)
        tie.row -= top;
    c.firstRow = top;
    return c;
}

Status writeTrainingCase(const TrainingCase &trainingCase, const QString &dir, bool overwrite)
{
    const QDir d(dir);
    if (!overwrite) {
        for (const char *name : kCaseFiles) {
            if (QFileInfo::exists(d.filePath(QString::fromLatin1(name))))
                return Status::failure(QStringLiteral("%1: a training case is already there; pass --force to overwrite")
                                           .arg(QDir::toNativeSeparators(dir)));
        }
    }
    if (!QDir().mkpath(dir))
        return Status::failure(QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(dir)));
    if (Status s = writePngFile(d.filePath(QStringLiteral("sheet.png")), trainingCase.grey); !s)
        return s;
    if (Status s = writePngFile(d.filePath(QStringLiteral("labels.png")), trainingCase.labels); !s)
        return s;
    if (Status s = writePngFile(d.filePath(QStringLiteral("reviewed.png")), trainingCase.reviewed); !s)
        return s;
    return writeFileAtomically(d.filePath(QStringLiteral("calibration.json")), trainingCase.calibration.toJson());
}

QString trainingCaseName(const QString &path)
{
    QString name = QFileInfo(QDir::cleanPath(path)).fileName();
    if (name.endsWith(QLatin1String(".veer"), Qt::CaseInsensitive))
        name.chop(5);
    else if (name.contains(QLatin1Char('.')))
        name = QFileInfo(name).completeBaseName();
    for (QChar &ch : name) {
        if (!ch.isLetterOrNumber() && ch != QLatin1Char('-') && ch != QLatin1Char('_'))
            ch = QLatin1Char('_');
    }
    return name.isEmpty() ? QStringLiteral("case") : name;
}

} // namespace veer
