#include "finetune.h"

#include "modelregistry.h"
#include "segmetrics.h"

#include "base/feedback.h"
#include "raster/inkview.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace veer {

namespace {

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

/** The truth of a reviewed case: labels.png with values above 2 and unreviewed pixels set to 255 (ignored). */
Result<cv::Mat> readTruth(const QDir &dir)
{
    const QString labelsPath = dir.filePath(QStringLiteral("labels.png"));
    cv::Mat labels = cv::imread(QFile::encodeName(labelsPath).toStdString(), cv::IMREAD_GRAYSCALE);
    if (labels.empty())
        return Result<cv::Mat>::failure(QStringLiteral("%1: cannot read the label map").arg(labelsPath));
    labels.setTo(255, labels > 2);
    const QString reviewedPath = dir.filePath(QStringLiteral("reviewed.png"));
    if (QFileInfo::exists(reviewedPath)) {
        const cv::Mat reviewed = cv::imread(QFile::encodeName(reviewedPath).toStdString(), cv::IMREAD_GRAYSCALE);
        if (reviewed.size() != labels.size())
            return Result<cv::Mat>::failure(QStringLiteral("%1: not the size of labels.png").arg(reviewedPath));
        labels.setTo(255, reviewed == 0);
    }
    return labels;
}

QJsonObject curveFigures(const SegMetrics &m)
{
    QJsonObject all = m.toJson();
    all.remove(QStringLiteral("background"));
    return all;
}

/** Splits sorted cases: every n-th goes to the held-apart set, always leaving one for training. */
void splitCases(const QStringList &cases, double share, QStringList &train, QStringList &held)
{
    const int n = int(cases.size());
    int k = n >= 2 && share > 0 ? std::clamp(int(std::lround(n * share)), 1, n - 1) : 0;
    std::vector<bool> isHeld(size_t(n), false);
    for (int j = 0; j < k; ++j)
        isHeld[size_t(std::min(n - 1, int((j + 0.5) * n / k)))] = true;
    for (int i = 0; i < n; ++i)
        (isHeld[size_t(i)] ? held : train) << cases[i];
}

} // namespace

Result<std::pair<QString, QString>> splitCaseRows(const QString &caseDir, double share, const QString &dir)
{
    using R = Result<std::pair<QString, QString>>;
    const QDir in(caseDir);
    const cv::Mat labels = cv::imread(QFile::encodeName(in.filePath(QStringLiteral("labels.png"))).toStdString(), cv::IMREAD_GRAYSCALE);
    if (labels.empty())
        return R::failure(QStringLiteral("%1: cannot read labels.png").arg(caseDir));
    cv::Mat reviewed(labels.size(), CV_8UC1, cv::Scalar(255));
    if (QFileInfo::exists(in.filePath(QStringLiteral("reviewed.png")))) {
        reviewed = cv::imread(QFile::encodeName(in.filePath(QStringLiteral("reviewed.png"))).toStdString(), cv::IMREAD_GRAYSCALE);
        if (reviewed.size() != labels.size())
            return R::failure(QStringLiteral("%1: reviewed.png is not the size of labels.png").arg(caseDir));
    }
    const cv::Rect box = cv::boundingRect(reviewed);
    const int heldRows = int(std::lround(box.height * std::clamp(share, 0.0, 0.9)));
    if (box.empty() || heldRows < 1 || heldRows >= box.height)
        return R::failure(QStringLiteral("%1: too few reviewed rows to hold some apart").arg(caseDir));
    const int cut = box.y + box.height - heldRows;
    const QString name = in.dirName();
    const QString trainDir = QDir(dir).filePath(name + QStringLiteral("-train"));
    const QString heldDir = QDir(dir).filePath(name + QStringLiteral("-held-apart"));
    for (const auto &[out, keepFrom, keepTo] : {std::tuple{trainDir, 0, cut}, std::tuple{heldDir, cut, labels.rows}}) {
        if (!QDir().mkpath(out))
            return R::failure(QStringLiteral("%1: cannot create the folder").arg(out));
        for (const QString &f : {QStringLiteral("sheet.png"), QStringLiteral("labels.png")}) {
            QFile::remove(QDir(out).filePath(f));
            if (!QFile::copy(in.filePath(f), QDir(out).filePath(f)))
                return R::failure(QStringLiteral("%1: cannot copy %2").arg(out, f));
        }
        cv::Mat part = reviewed.clone();
        part.rowRange(0, keepFrom).setTo(0);
        part.rowRange(keepTo, part.rows).setTo(0);
        if (!cv::imwrite(QFile::encodeName(QDir(out).filePath(QStringLiteral("reviewed.png"))).toStdString(), part))
            return R::failure(QStringLiteral("%1: cannot write reviewed.png").arg(out));
    }
    return std::pair{trainDir, heldDir};
}

Result<QStringList> findCaseFolders(const QStringList &dirs)
{
    QStringList cases;
    for (const QString &dir : dirs) {
        if (!QFileInfo(dir).isDir())
            return Result<QStringList>::failure(QStringLiteral("%1: not a folder").arg(dir));
        QDirIterator it(dir, {QStringLiteral("labels.png")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QDir caseDir = QFileInfo(it.next()).dir();
            if (QFileInfo::exists(caseDir.filePath(QStringLiteral("sheet.png"))))
                cases << QDir::cleanPath(caseDir.absolutePath());
        }
    }
    cases.sort();
    cases.removeDuplicates();
    return cases;
}

Result<QJsonObject> compareModels(const QString &modelPath, const QString &parentPath, const QStringList &caseDirs,
                                  int threads, Feedback *feedback)
{
    using R = Result<QJsonObject>;
    if (caseDirs.isEmpty())
        return R::failure(QStringLiteral("no held-apart case folders to compare on"));
    auto model = SegmentationModel::load(modelPath);
    if (!model)
        return R::failure(model.error());
    auto parent = SegmentationModel::load(parentPath);
    if (!parent)
        return R::failure(parent.error());
    SegMetrics mine(1), theirs(1);
    SegmentOptions options;
    options.threads = std::max(1, threads);
    for (int i = 0; i < caseDirs.size(); ++i) {
        if (feedback && feedback->isCanceled())
            return R::failure(QStringLiteral("comparison cancelled"));
        const QDir dir(caseDirs[i]);
        const QString sheetPath = dir.filePath(QStringLiteral("sheet.png"));
        const cv::Mat grey = InkView::fromImage(cv::imread(QFile::encodeName(sheetPath).toStdString(), cv::IMREAD_ANYCOLOR));
        if (grey.empty())
            return R::failure(QStringLiteral("%1: cannot read the sheet").arg(sheetPath));
        auto truth = readTruth(dir);
        if (!truth)
            return R::failure(truth.error());
        if (truth->size() != grey.size())
            return R::failure(QStringLiteral("%1: labels.png is not the size of sheet.png").arg(dir.path()));
        auto a = (*model)->segmentImage(grey, options);
        auto b = (*parent)->segmentImage(grey, options);
        if (!a || !b)
            return R::failure(QStringLiteral("%1: %2").arg(sheetPath, !a ? a.error() : b.error()));
        mine.add(a->labels, *truth);
        theirs.add(b->labels, *truth);
        if (feedback)
            feedback->setProgress(100.0 * (i + 1) / caseDirs.size(), QStringLiteral("comparing on held-apart sheet %1 of %2").arg(i + 1).arg(caseDirs.size()));
    }
    return QJsonObject{{QStringLiteral("cases"), int(caseDirs.size())},
                       {QStringLiteral("case_dirs"), QJsonArray::fromStringList(caseDirs)},
                       {QStringLiteral("model_id"), (*model)->info().id},
                       {QStringLiteral("parent_id"), (*parent)->info().id},
                       {QStringLiteral("model"), curveFigures(mine)},
                       {QStringLiteral("parent"), curveFigures(theirs)},
                       {QStringLiteral("created"), nowIso()}};
}

Result<FineTuneResult> fineTune(const FineTuneOptions &options, Feedback *feedback)
{
    using R = Result<FineTuneResult>;
    ModelRegistry registry(options.modelsDir, options.shippedPath);
    const QString parentId = options.parentId.isEmpty() ? registry.activeId() : options.parentId;
    const ModelVersion *parentVersion = registry.find(parentId);
    if (!parentVersion)
        return R::failure(QStringLiteral("%1: no model version '%2' to fine-tune (shipped default: %3)")
                              .arg(registry.modelsDir(), parentId, registry.shippedPath()));
    const ModelVersion parent = *parentVersion;

    auto cases = findCaseFolders(options.dataDirs);
    if (!cases)
        return R::failure(cases.error());
    QStringList train, held;
    QTemporaryDir splitDir;  // a single sheet's row split lives as long as this run
    QString rowSplit;
    if (!options.heldApartDirs.isEmpty()) {
        auto heldCases = findCaseFolders(options.heldApartDirs);
        if (!heldCases)
            return R::failure(heldCases.error());
        held = *heldCases;
        for (const QString &c : *cases) {
            if (!held.contains(c))
                train << c;
        }
    } else if (cases->size() == 1 && options.heldApartShare > 0) {
        // One reviewed sheet: hold apart its last rows instead, so the new version is still compared.
        auto split = splitCaseRows(cases->first(), options.heldApartShare, splitDir.path());
        if (!split)
            return R::failure(split.error());
        train << split->first;
        held << split->second;
        rowSplit = QStringLiteral("the last %1 % of the reviewed rows of %2")
                       .arg(std::lround(options.heldApartShare * 100))
                       .arg(QDir(cases->first()).dirName());
    } else {
        splitCases(*cases, options.heldApartShare, train, held);
    }
    if (train.isEmpty())
        return R::failure(QStringLiteral("%1: no case folders with sheet.png and labels.png to train on")
                              .arg(options.dataDirs.isEmpty() ? QStringLiteral("(no data folder)") : options.dataDirs.join(QStringLiteral(", "))));
    int reviewed = 0;
    for (const QString &c : train)
        reviewed += QFileInfo::exists(QDir(c).filePath(QStringLiteral("reviewed.png"))) ? 1 : 0;

    const QString id = registry.uniqueId(options.newId.isEmpty()
                                             ? QStringLiteral("%1-ft-%2").arg(parent.id, QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                                             : options.newId);
    auto outPath = registry.createVersion(id);
    if (!outPath)
        return R::failure(outPath.error());

    const double trainSpan = held.isEmpty() ? 100.0 : 90.0;
    Feedback *innerRef = nullptr;
    Feedback inner(
        [&](double percent, const QString &message) {
            if (!feedback)
                return;
            feedback->setProgress(percent * trainSpan / 100.0, message);
            if (feedback->isCanceled() && innerRef)
                innerRef->cancel();
        },
        0);
    innerRef = &inner;
    if (feedback && feedback->isCanceled())
        inner.cancel();

    TrainOptions t;
    t.dataDirs = train;
    t.synthShare = std::clamp(options.synthShare, 0.0, 1.0);
    t.lasFiles = options.lasFiles;
    t.outPath = *outPath;
    t.initPath = parent.path;
    t.epochs = std::max(1, options.epochs);
    t.stepsPerEpoch = std::max(1, options.stepsPerEpoch);
    t.batchSize = std::max(1, options.batchSize);
    t.crop = options.crop;
    t.learningRate = options.learningRate;
    t.threads = options.threads;
    t.seed = options.seed;
    t.validationCases = std::max(1, options.validationCases);
    // The best epoch weighs the held-apart reviewed sheets (what is gained) with generated ones (what is kept).
    t.validationDirs = held;
    t.maxMinutes = options.maxMinutes;
    t.freezeNorm = options.freezeNorm;
    t.modelId = id;
    t.onEpoch = options.onEpoch;
    QElapsedTimer clock;
    clock.start();
    const QString created = nowIso();
    auto summary = trainModel(t, &inner);
    const double seconds = clock.elapsed() / 1000.0;
    // Resume files are not kept: a version is its best checkpoint, its card and its training log.
    QFile::remove(*outPath + QStringLiteral(".last.pt"));
    QFile::remove(*outPath + QStringLiteral(".optim.pt"));
    const bool canceled = inner.isCanceled() || (summary && summary->canceled);
    if (!summary || !QFileInfo::exists(*outPath)) {
        QDir(registry.versionDir(id)).removeRecursively();
        if (!summary)
            return R::failure(summary.error());
        FineTuneResult r;
        r.parentId = parent.id;
        r.summary = *summary;
        r.canceled = true; // stopped before the first checkpoint
        return r;
    }
    auto best = SegmentationModel::load(*outPath);
    if (!best)
        return R::failure(best.error());
    const ModelInfo &info = (*best)->info();

    QJsonObject training{{QStringLiteral("data_dirs"), QJsonArray::fromStringList(options.dataDirs)},
                         {QStringLiteral("training_cases"), int(train.size())},
                         {QStringLiteral("reviewed_cases"), reviewed},
                         {QStringLiteral("held_apart_cases"), int(held.size())},
                         {QStringLiteral("held_apart_dirs"), rowSplit.isEmpty() ? QJsonValue(QJsonArray::fromStringList(held)) : QJsonValue(rowSplit)},
                         {QStringLiteral("synth_share"), t.synthShare},
                         {QStringLiteral("epochs"), t.epochs},
                         {QStringLiteral("epochs_run"), summary->epochsRun},
                         {QStringLiteral("best_epoch"), info.metrics.value(QStringLiteral("epoch")).toInt()},
                         {QStringLiteral("steps_per_epoch"), t.stepsPerEpoch},
                         {QStringLiteral("steps_run"), summary->epochsRun * t.stepsPerEpoch},
                         {QStringLiteral("batch"), t.batchSize},
                         {QStringLiteral("crop"), t.crop},
                         {QStringLiteral("learning_rate"), t.learningRate},
                         {QStringLiteral("max_minutes"), t.maxMinutes},
                         {QStringLiteral("seconds"), seconds},
                         {QStringLiteral("canceled"), canceled},
                         {QStringLiteral("history"), summary->history}};
    QJsonObject card{{QStringLiteral("id"), id},
                     {QStringLiteral("parent_id"), parent.id},
                     {QStringLiteral("created"), created},
                     {QStringLiteral("file"), QStringLiteral("model.pt")},
                     {QStringLiteral("training"), training},
                     {QStringLiteral("metrics"), info.metrics}};
    if (Status s = registry.writeCard(id, card); !s)
        return R::failure(s.error());

    FineTuneResult result;
    result.id = id;
    result.parentId = parent.id;
    result.modelPath = *outPath;
    result.summary = *summary;
    result.canceled = canceled;
    if (!held.isEmpty() && !(feedback && feedback->isCanceled())) {
        Feedback *compareRef = nullptr;
        Feedback compareFeedback(
            [&](double percent, const QString &message) {
                if (!feedback)
                    return;
                feedback->setProgress(trainSpan + percent * (100.0 - trainSpan) / 100.0, message);
                if (feedback->isCanceled() && compareRef)
                    compareRef->cancel();
            },
            0);
        compareRef = &compareFeedback;
        auto comparison = compareModels(*outPath, parent.path, held, options.threads, &compareFeedback);
        if (!comparison && compareFeedback.isCanceled()) {
            result.canceled = true; // the version stands; only its comparison was skipped
            return result;
        }
        if (!comparison)
            return R::failure(comparison.error());
        result.comparison = *comparison;
        if (!rowSplit.isEmpty())
            result.comparison.insert(QStringLiteral("held_apart_rows"), rowSplit);
        card.insert(QStringLiteral("comparison"), result.comparison);
        if (Status s = registry.writeCard(id, card); !s)
            return R::failure(s.error());
    }
    if (feedback)
        feedback->setProgress(100.0, canceled ? QStringLiteral("cancelled; kept the best checkpoint") : QStringLiteral("done"));
    return result;
}

Result<QJsonObject> compareWithParent(const QString &modelsDir, const QString &shippedPath, const QString &id,
                                      const QStringList &dataDirs, int threads, Feedback *feedback)
{
    using R = Result<QJsonObject>;
    ModelRegistry registry(modelsDir, shippedPath);
    const ModelVersion *version = registry.find(id);
    if (!version)
        return R::failure(QStringLiteral("%1: no model version '%2'").arg(registry.modelsDir(), id));
    if (version->shipped)
        return R::failure(QStringLiteral("%1: the shipped default has no parent to compare with").arg(version->path));
    const ModelVersion *parent = registry.find(version->parentId);
    if (!parent)
        return R::failure(QStringLiteral("%1: parent '%2' is not in the registry").arg(version->cardPath, version->parentId));
    auto cases = findCaseFolders(dataDirs);
    if (!cases)
        return R::failure(cases.error());
    if (cases->isEmpty())
        return R::failure(QStringLiteral("%1: no case folders with sheet.png and labels.png").arg(dataDirs.join(QStringLiteral(", "))));
    auto comparison = compareModels(version->path, parent->path, *cases, threads, feedback);
    if (!comparison)
        return comparison;
    QJsonObject card = version->card;
    card.insert(QStringLiteral("comparison"), *comparison);
    const QString versionId = version->id;
    if (Status s = registry.writeCard(versionId, card); !s)
        return R::failure(s.error());
    return comparison;
}

} // namespace veer
