#pragma once

#include "trainer.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>

namespace veer {

class Feedback;

/** What a fine-tune run needs; a plain value, so a worker thread can own a copy. */
struct FineTuneOptions
{
    QString modelsDir;           ///< registry folder (empty: ModelRegistry::defaultModelsDir())
    QString shippedPath;         ///< shipped default (empty: defaultModelPath())
    QString parentId;            ///< version to start from (empty: the active one)
    QString newId;               ///< id of the new version (empty: "<parent>-ft-<UTC time>")
    QStringList dataDirs;        ///< folders holding reviewed case folders (sheet.png + labels.png [+ reviewed.png])
    /// Compare on these, and validate on them besides generated sheets; empty: hold apart
    /// heldApartShare of the cases found in dataDirs (of a single case, its last reviewed rows).
    QStringList heldApartDirs;
    double heldApartShare = 0.2; ///< every n-th case (sorted) when at least two cases exist
    double synthShare = 0.5;     ///< replay of generated sheets, so the model does not forget
    QStringList lasFiles;        ///< real logs for generated curve shapes
    double maxMinutes = 10.0;    ///< time budget (stops after the epoch that passes it; 0 = none)
    int epochs = 4;
    int stepsPerEpoch = 50;
    int batchSize = 8;
    int crop = 256;
    double learningRate = 5e-4;  ///< lower than training from scratch: keep what the parent knows
    int threads = 2;
    int validationCases = 8;
    /// Keep the parent's batch-norm statistics: a few sheets of one style would otherwise shift
    /// them and cost accuracy on everything else (docs/retraining.md).
    bool freezeNorm = true;
    std::uint64_t seed = 1;
    std::function<void(const EpochReport &)> onEpoch; ///< called on the worker thread
};

/** What a fine-tune run produced. */
struct FineTuneResult
{
    QString id;                  ///< the new version; empty when cancelled before any checkpoint
    QString parentId;
    QString modelPath;
    TrainSummary summary;
    QJsonObject comparison;      ///< see compareModels(); empty when there were no held-apart cases
    bool canceled = false;
};

/**
 * One reviewed case folder split by rows into a case to train on and one held apart, written as
 * NAME-train and NAME-held-apart in `dir`: the last `share` of its reviewed rows are held apart.
 * Both hold the whole sheet, with reviewed.png masking the other part (the trainer and the
 * comparison read only reviewed pixels). Returns the two folders.
 */
Result<std::pair<QString, QString>> splitCaseRows(const QString &caseDir, double share, const QString &dir);

/** Case folders (holding sheet.png and labels.png) under `dirs`, sorted; an error names a folder that is not one. */
Result<QStringList> findCaseFolders(const QStringList &dirs);

/**
 * Compares model files `modelPath` and `parentPath` on reviewed case folders: per-class F1,
 * strict and within 1 px, with reviewed.png's zeros ignored. Returns
 * {"cases", "case_dirs", "model": SegMetrics JSON, "parent": SegMetrics JSON, "created"}.
 */
Result<QJsonObject> compareModels(const QString &modelPath, const QString &parentPath, const QStringList &caseDirs,
                                  int threads = 2, Feedback *feedback = nullptr);

/**
 * Fine-tunes the active (or given) model on reviewed sheets mixed with replayed generated sheets,
 * within a time and step budget, and registers the best checkpoint as a new version with its card
 * (parent, data, recipe, metrics), then compares it with the parent on held-apart cases and
 * records that in the card. Cancel keeps the best checkpoint so far (as a version, when at least
 * one epoch finished). Never changes the active version and never writes into the shipped folder.
 * Synchronous; run it off the GUI thread.
 */
Result<FineTuneResult> fineTune(const FineTuneOptions &options, Feedback *feedback = nullptr);

/**
 * Compares version `id` of the registry with its parent on the case folders under `dataDirs` and
 * records the comparison in its card. Returns the comparison.
 */
Result<QJsonObject> compareWithParent(const QString &modelsDir, const QString &shippedPath, const QString &id,
                                      const QStringList &dataDirs, int threads = 2, Feedback *feedback = nullptr);

} // namespace veer
