// The per-user model registry (versions, active model, rollback) and the fine-tune job that adds
// versions to it, with tiny models and tiny training runs.
#include "core/tinycases.h"

#include "base/feedback.h"
#include "segment/finetune.h"
#include "segment/modelregistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace veer;

class TestModelRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void freshRegistryIsTheShippedDefault();
    void modelsDirFromEnvironment();
    void badCardsAreSkipped_data();
    void badCardsAreSkipped();
    void activateAndRollBack();
    void rollbackFallsBackToParent();
    void uniqueIdsAndRemoval();
    void fineTuneRegistersAVersion();
    void fineTuneCancelKeepsBestCheckpoint();
    void fineTuneCancelledBeforeAnyEpoch();
    void fineTuneOnOneSheetHoldsRowsApart();
    void cleanupTestCase();

private:
    /** Adds user version `id` (a tiny model) with parent `parent`, created `minutes` after a fixed time. */
    void addVersion(ModelRegistry &registry, const QString &id, const QString &parent, int minutes);
    FineTuneOptions tinyOptions() const;

    QTemporaryDir mDir;
    QString mShipped;
    QString mShippedPrint;
    QString mModels;
    QString mData;
    int mRun = 0;
};

void TestModelRegistry::initTestCase()
{
    QVERIFY(mDir.isValid());
    QVERIFY(QDir().mkpath(mDir.filePath(QStringLiteral("shipped"))));
    mShipped = mDir.filePath(QStringLiteral("shipped/veer-default.pt"));
    QVERIFY(test::writeTinyModel(mShipped, QStringLiteral("shipped-tiny")));
    mShippedPrint = test::folderFingerprint(mDir.filePath(QStringLiteral("shipped")));
    mData = mDir.filePath(QStringLiteral("reviewed"));
    QVERIFY(test::writeTinyCases(mData, 3));
}

void TestModelRegistry::init()
{
    mModels = mDir.filePath(QStringLiteral("models%1").arg(++mRun));
}

void TestModelRegistry::cleanupTestCase()
{
    // Nothing a test did may touch the shipped folder.
    QCOMPARE(test::folderFingerprint(mDir.filePath(QStringLiteral("shipped"))), mShippedPrint);
}

void TestModelRegistry::addVersion(ModelRegistry &registry, const QString &id, const QString &parent, int minutes)
{
    auto path = registry.createVersion(id);
    QVERIFY2(path.ok(), qPrintable(path.error()));
    QVERIFY(test::writeTinyModel(*path, id, 100 + minutes));
    const QDateTime created = QDateTime(QDate(2026, 11, 30), QTime(1, 0), Qt::UTC).addSecs(60 * minutes);
    const QJsonObject card{{QStringLiteral("parent_id"), parent},
                           {QStringLiteral("created"), created.toString(Qt::ISODate)},
                           {QStringLiteral("metrics"),
                            QJsonObject{{QStringLiteral("validation"),
                                         QJsonObject{{QStringLiteral("curve_one"), QJsonObject{{QStringLiteral("f1_strict"), 0.5}}}}}}}};
    const Status s = registry.writeCard(id, card);
    QVERIFY2(s.ok(), qPrintable(s.error()));
}

void TestModelRegistry::freshRegistryIsTheShippedDefault()
{
    ModelRegistry registry(mModels, mShipped);
    QCOMPARE(int(registry.versions().size()), 1);
    const ModelVersion &shipped = registry.versions().front();
    QVERIFY(shipped.shipped);
    QCOMPARE(shipped.id, QStringLiteral("shipped-tiny"));
    QCOMPARE(registry.activeId(), QStringLiteral("shipped-tiny"));
    QCOMPARE(registry.activePath(), mShipped);
    QVERIFY(registry.find(QStringLiteral("default")));
    QVERIFY(!registry.canRollback());
    const auto rolled = registry.rollback();
    QVERIFY(!rolled.ok());
    QVERIFY(rolled.error().contains(mModels));
    // Reading never creates the folder.
    QVERIFY(!QFileInfo::exists(mModels));
    QVERIFY(!registry.setActive(QStringLiteral("no-such-version")).ok());
}

void TestModelRegistry::modelsDirFromEnvironment()
{
    qputenv("VEER_MODELS_DIR", QFile::encodeName(mModels));
    QCOMPARE(ModelRegistry::defaultModelsDir(), mModels);
    QCOMPARE(ModelRegistry({}, mShipped).modelsDir(), QDir::cleanPath(mModels));
    qunsetenv("VEER_MODELS_DIR");
    QVERIFY(ModelRegistry::defaultModelsDir().endsWith(QStringLiteral("/models")));
}

void TestModelRegistry::badCardsAreSkipped_data()
{
    QTest::addColumn<QByteArray>("card");
    QTest::addColumn<bool>("withModel");
    QTest::addColumn<bool>("warns");
    QTest::newRow("corrupt json") << QByteArray("{ not json") << true << true;
    QTest::newRow("id mismatch") << QByteArray(R"({"id": "other"})") << true << true;
    QTest::newRow("no model file") << QByteArray(R"({"id": "v"})") << false << false;
}

void TestModelRegistry::badCardsAreSkipped()
{
    QFETCH(QByteArray, card);
    QFETCH(bool, withModel);
    QFETCH(bool, warns);
    QVERIFY(QDir().mkpath(mModels + QStringLiteral("/v")));
    QFile file(mModels + QStringLiteral("/v/card.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(card);
    file.close();
    if (withModel)
        QVERIFY(test::writeTinyModel(mModels + QStringLiteral("/v/model.pt"), QStringLiteral("v")));
    ModelRegistry registry(mModels, mShipped);
    QCOMPARE(int(registry.versions().size()), 1);
    QCOMPARE(registry.warnings().size(), warns ? 1 : 0);
    if (warns)
        QVERIFY(registry.warnings().first().contains(QStringLiteral("card.json")));
}

void TestModelRegistry::activateAndRollBack()
{
    ModelRegistry registry(mModels, mShipped);
    addVersion(registry, QStringLiteral("v1"), QStringLiteral("shipped-tiny"), 1);
    addVersion(registry, QStringLiteral("v2"), QStringLiteral("v1"), 2);
    QCOMPARE(int(registry.versions().size()), 3);
    QCOMPARE(registry.versions()[1].id, QStringLiteral("v1"));
    QCOMPARE(registry.versions()[2].parentId, QStringLiteral("v1"));
    QCOMPARE(registry.versions()[2].validationF1(1), 0.5);
    QCOMPARE(registry.versions()[2].validationF1(2), -1.0);
    QCOMPARE(registry.activeId(), QStringLiteral("shipped-tiny"));

    QVERIFY(registry.setActive(QStringLiteral("v2")).ok());
    QCOMPARE(registry.activeId(), QStringLiteral("v2"));
    QCOMPARE(registry.activePath(), mModels + QStringLiteral("/v2/model.pt"));
    // Another registry on the same folder (another process) sees the same active version.
    QCOMPARE(ModelRegistry(mModels, mShipped).activeId(), QStringLiteral("v2"));

    QVERIFY(registry.setActive(QStringLiteral("v1")).ok());
    QVERIFY(registry.setActive(QStringLiteral("v2")).ok());
    QVERIFY(registry.canRollback());
    auto back = registry.rollback();
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(*back, QStringLiteral("v1"));
    QCOMPARE(registry.activeId(), QStringLiteral("v1"));
    back = registry.rollback(); // rollback undoes activations in order: v2 was active before v1
    QVERIFY(back.ok());
    QCOMPARE(*back, QStringLiteral("v2"));
    back = registry.rollback();
    QVERIFY(back.ok());
    QCOMPARE(*back, QStringLiteral("shipped-tiny"));
    QCOMPARE(registry.activePath(), mShipped);
    QVERIFY(!registry.canRollback());

    // A removed version is skipped; the registry file is valid JSON written in one piece.
    QVERIFY(registry.setActive(QStringLiteral("v1")).ok());
    QVERIFY(registry.setActive(QStringLiteral("v2")).ok());
    QVERIFY(!registry.removeVersion(QStringLiteral("v2")).ok()); // active
    QVERIFY(registry.setActive(QStringLiteral("v1")).ok());
    QVERIFY(registry.removeVersion(QStringLiteral("v2")).ok());
    QVERIFY(!QFileInfo::exists(mModels + QStringLiteral("/v2")));
    QFile state(mModels + QStringLiteral("/registry.json"));
    QVERIFY(state.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(state.readAll()).object().value(QStringLiteral("active")).toString(), QStringLiteral("v1"));
    back = registry.rollback();
    QVERIFY(back.ok());
    QCOMPARE(*back, QStringLiteral("shipped-tiny")); // v2 is gone; v1 and shipped remain in history
}

void TestModelRegistry::rollbackFallsBackToParent()
{
    ModelRegistry registry(mModels, mShipped);
    addVersion(registry, QStringLiteral("v1"), QStringLiteral("shipped-tiny"), 1);
    addVersion(registry, QStringLiteral("v2"), QStringLiteral("v1"), 2);
    // An active version chosen by hand, without history: rollback goes to its parent.
    QFile state(mModels + QStringLiteral("/registry.json"));
    QVERIFY(state.open(QIODevice::WriteOnly));
    state.write(R"({"active": "v2"})");
    state.close();
    QCOMPARE(registry.activeId(), QStringLiteral("v2"));
    auto back = registry.rollback();
    QVERIFY(back.ok());
    QCOMPARE(*back, QStringLiteral("v1"));
    // An unknown active id falls back to the shipped default.
    QVERIFY(state.open(QIODevice::WriteOnly | QIODevice::Truncate));
    state.write(R"({"active": "gone"})");
    state.close();
    QCOMPARE(registry.activeId(), QStringLiteral("shipped-tiny"));
    QCOMPARE(registry.activePath(), mShipped);
}

void TestModelRegistry::uniqueIdsAndRemoval()
{
    ModelRegistry registry(mModels, mShipped);
    addVersion(registry, QStringLiteral("v1"), QStringLiteral("shipped-tiny"), 1);
    QCOMPARE(registry.uniqueId(QStringLiteral("v1")), QStringLiteral("v1-2"));
    QCOMPARE(registry.uniqueId(QStringLiteral("shipped-tiny")), QStringLiteral("shipped-tiny-2"));
    QCOMPARE(registry.uniqueId(QStringLiteral("../a b")), QStringLiteral("model..-a-b"));
    QVERIFY(!registry.createVersion(QStringLiteral("v1")).ok());
    QVERIFY(!registry.createVersion(QStringLiteral("../escape")).ok());
    QVERIFY(!registry.removeVersion(QStringLiteral("shipped-tiny")).ok());
    QVERIFY(!registry.writeCard(QStringLiteral("missing"), {}).ok());
}

FineTuneOptions TestModelRegistry::tinyOptions() const
{
    FineTuneOptions o;
    o.modelsDir = mModels;
    o.shippedPath = mShipped;
    o.dataDirs = {mData};
    o.synthShare = 0.0;
    o.epochs = 2;
    o.stepsPerEpoch = 2;
    o.batchSize = 2;
    o.crop = 64;
    o.learningRate = 5e-3;
    o.validationCases = 1;
    o.maxMinutes = 0;
    o.heldApartShare = 0.34;
    return o;
}

void TestModelRegistry::fineTuneRegistersAVersion()
{
    FineTuneOptions o = tinyOptions();
    o.newId = QStringLiteral("tuned");
    o.synthShare = 0.25; // replay of generated sheets
    int epochs = 0;
    o.onEpoch = [&](const EpochReport &) { ++epochs; };
    Feedback feedback;
    auto result = fineTune(o, &feedback);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(epochs, 2);
    QCOMPARE(result->id, QStringLiteral("tuned"));
    QCOMPARE(result->parentId, QStringLiteral("shipped-tiny"));
    QVERIFY(!result->canceled);
    QCOMPARE(feedback.progress(), 100.0);

    ModelRegistry registry(mModels, mShipped);
    const ModelVersion *v = registry.find(QStringLiteral("tuned"));
    QVERIFY(v);
    QCOMPARE(v->parentId, QStringLiteral("shipped-tiny"));
    QVERIFY(QFileInfo::exists(v->path));
    QVERIFY(!QFileInfo::exists(v->path + QStringLiteral(".optim.pt")));
    const QJsonObject training = v->card.value(QStringLiteral("training")).toObject();
    QCOMPARE(training.value(QStringLiteral("training_cases")).toInt(), 2);
    QCOMPARE(training.value(QStringLiteral("reviewed_cases")).toInt(), 2);
    QCOMPARE(training.value(QStringLiteral("held_apart_cases")).toInt(), 1);
    QCOMPARE(training.value(QStringLiteral("synth_share")).toDouble(), 0.25);
    QCOMPARE(training.value(QStringLiteral("epochs_run")).toInt(), 2);
    QCOMPARE(training.value(QStringLiteral("history")).toArray().size(), 2);
    QVERIFY(v->validationF1(1) >= 0.0);
    const QJsonObject comparison = v->card.value(QStringLiteral("comparison")).toObject();
    QCOMPARE(comparison.value(QStringLiteral("cases")).toInt(), 1);
    QCOMPARE(comparison.value(QStringLiteral("parent_id")).toString(), QStringLiteral("shipped-tiny"));
    for (const char *side : {"model", "parent"}) {
        const QJsonObject c1 = comparison.value(QLatin1String(side)).toObject().value(QStringLiteral("curve_one")).toObject();
        QVERIFY2(c1.contains(QStringLiteral("f1_strict")) && c1.contains(QStringLiteral("f1_tolerant_1px")), side);
    }
    // Fine-tuning never changes which model is active.
    QCOMPARE(registry.activeId(), QStringLiteral("shipped-tiny"));

    // A second fine-tune from the new version; compare on a chosen folder records it in the card.
    QVERIFY(registry.setActive(QStringLiteral("tuned")).ok());
    o.newId.clear();
    o.epochs = 1;
    o.onEpoch = nullptr;
    auto second = fineTune(o);
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QCOMPARE(second->parentId, QStringLiteral("tuned"));
    QVERIFY(second->id.startsWith(QStringLiteral("tuned-ft-")));
    auto compared = compareWithParent(mModels, mShipped, second->id, {mData});
    QVERIFY2(compared.ok(), qPrintable(compared.error()));
    QCOMPARE(compared->value(QStringLiteral("cases")).toInt(), 3);
    registry.refresh();
    QCOMPARE(registry.find(second->id)->card.value(QStringLiteral("comparison")).toObject().value(QStringLiteral("cases")).toInt(), 3);
    QVERIFY(!compareWithParent(mModels, mShipped, QStringLiteral("shipped-tiny"), {mData}).ok());
    const auto missing = compareWithParent(mModels, mShipped, second->id, {mDir.filePath(QStringLiteral("nowhere"))});
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().contains(QStringLiteral("nowhere")));
}

void TestModelRegistry::fineTuneCancelKeepsBestCheckpoint()
{
    FineTuneOptions o = tinyOptions();
    o.epochs = 4;
    Feedback feedback;
    o.onEpoch = [&](const EpochReport &r) {
        if (r.epoch == 1)
            feedback.cancel();
    };
    auto result = fineTune(o, &feedback);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QVERIFY(result->canceled);
    QVERIFY(!result->id.isEmpty());
    ModelRegistry registry(mModels, mShipped);
    const ModelVersion *v = registry.find(result->id);
    QVERIFY(v);
    const QJsonObject training = v->card.value(QStringLiteral("training")).toObject();
    QVERIFY(training.value(QStringLiteral("canceled")).toBool());
    QCOMPARE(training.value(QStringLiteral("epochs_run")).toInt(), 1);
    QVERIFY(SegmentationModel::load(v->path).ok());
}

void TestModelRegistry::fineTuneCancelledBeforeAnyEpoch()
{
    FineTuneOptions o = tinyOptions();
    Feedback feedback;
    feedback.cancel();
    auto result = fineTune(o, &feedback);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QVERIFY(result->canceled);
    QVERIFY(result->id.isEmpty());
    ModelRegistry registry(mModels, mShipped);
    QCOMPARE(int(registry.versions().size()), 1);
    QCOMPARE(QDir(mModels).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);

    // No training data: an error naming the folder.
    o.dataDirs = {mDir.filePath(QStringLiteral("empty"))};
    QVERIFY(QDir().mkpath(o.dataDirs.first()));
    auto none = fineTune(o);
    QVERIFY(!none.ok());
    QVERIFY(none.error().contains(QStringLiteral("empty")));
}

void TestModelRegistry::fineTuneOnOneSheetHoldsRowsApart()
{
    // One reviewed sheet (rows 0-119 of 160 reviewed): its last rows are held apart.
    const QString one = mDir.filePath(QStringLiteral("one"));
    QVERIFY(test::writeTinyCases(one, 1));
    const QString split = mDir.filePath(QStringLiteral("split"));
    auto parts = splitCaseRows(QDir(one).filePath(QStringLiteral("case0")), 0.25, split);
    QVERIFY2(parts.ok(), qPrintable(parts.ok() ? QString() : parts.error()));
    const auto reviewedRows = [](const QString &caseDir) {
        const cv::Mat r = cv::imread(QDir(caseDir).filePath(QStringLiteral("reviewed.png")).toStdString(), cv::IMREAD_GRAYSCALE);
        return cv::boundingRect(r);
    };
    QCOMPARE(reviewedRows(parts->first), cv::Rect(0, 0, 120, 90));
    QCOMPARE(reviewedRows(parts->second), cv::Rect(0, 90, 120, 30));
    QVERIFY(QFileInfo::exists(QDir(parts->second).filePath(QStringLiteral("sheet.png"))));
    QVERIFY(!splitCaseRows(QDir(one).filePath(QStringLiteral("case0")), 0.001, split).ok());

    FineTuneOptions o = tinyOptions();
    o.dataDirs = {one};
    o.epochs = 1;
    auto result = fineTune(o);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
    QCOMPARE(result->comparison.value(QStringLiteral("cases")).toInt(), 1);
    QVERIFY(result->comparison.value(QStringLiteral("held_apart_rows")).toString().contains(QStringLiteral("34 % of the reviewed rows of case0")));
    ModelRegistry registry(mModels, mShipped);
    const QJsonObject training = registry.find(result->id)->card.value(QStringLiteral("training")).toObject();
    QCOMPARE(training.value(QStringLiteral("training_cases")).toInt(), 1);
    QCOMPARE(training.value(QStringLiteral("held_apart_cases")).toInt(), 1);
    // The user's own folder is left as it was.
    QCOMPARE(reviewedRows(QDir(one).filePath(QStringLiteral("case0"))), cv::Rect(0, 0, 120, 120));
}

QTEST_GUILESS_MAIN(TestModelRegistry)
#include "tst_modelregistry.moc"
