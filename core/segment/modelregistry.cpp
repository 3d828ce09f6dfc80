#include "modelregistry.h"

#include "segmentationmodel.h"

#include "base/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>

namespace veer {

namespace {

const QString kStateFile = QStringLiteral("registry.json");
const QString kModelFile = QStringLiteral("model.pt");
const QString kCardFile = QStringLiteral("card.json");

/** The rollback target for `state` given the active id, or empty; pops the history it skips. */
QString rollbackTarget(QStringList &history, const QString &current, const ModelRegistry &registry)
{
    while (!history.isEmpty()) {
        const QString candidate = history.takeLast();
        if (candidate != current && registry.find(candidate))
            return candidate;
    }
    if (const ModelVersion *active = registry.find(current)) {
        if (!active->parentId.isEmpty() && active->parentId != current && registry.find(active->parentId))
            return active->parentId;
    }
    const auto &versions = registry.versions();
    if (!versions.empty() && versions.front().shipped && versions.front().id != current)
        return versions.front().id;
    return {};
}

} // namespace

double ModelVersion::validationF1(int curve) const
{
    const QJsonObject validation = card.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("validation")).toObject();
    const QJsonObject cls = validation.value(curve == 1 ? QStringLiteral("curve_one") : QStringLiteral("curve_two")).toObject();
    return cls.contains(QStringLiteral("f1_strict")) ? cls.value(QStringLiteral("f1_strict")).toDouble() : -1.0;
}

ModelRegistry::ModelRegistry(const QString &modelsDir, const QString &shippedPath)
    : mDir(QDir::cleanPath(modelsDir.isEmpty() ? defaultModelsDir() : modelsDir))
    , mShippedPath(shippedPath.isEmpty() ? defaultModelPath() : shippedPath)
{
    refresh();
}

QString ModelRegistry::defaultModelsDir()
{
    const QByteArray env = qgetenv("VEER_MODELS_DIR");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/models");
}

QString ModelRegistry::versionDir(const QString &id) const
{
    return mDir + QLatin1Char('/') + id;
}

void ModelRegistry::refresh()
{
    mUser.clear();
    mAll.clear();
    mWarnings.clear();
    mShipped.reset();
    mShippedLoaded = false;
    const QDir dir(mDir);
    const QStringList folders = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : folders) {
        const QString cardPath = dir.filePath(name + QLatin1Char('/') + kCardFile);
        const QString modelPath = dir.filePath(name + QLatin1Char('/') + kModelFile);
        if (!QFileInfo::exists(cardPath) || !QFileInfo::exists(modelPath))
            continue; // a version being trained, or a stray folder
        QFile file(cardPath);
        if (!file.open(QIODevice::ReadOnly)) {
            mWarnings << QStringLiteral("%1: cannot read: %2").arg(cardPath, file.errorString());
            continue;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            mWarnings << QStringLiteral("%1: not a model card (%2)").arg(cardPath, error.errorString());
            continue;
        }
        const QJsonObject card = doc.object();
        ModelVersion v;
        v.id = card.value(QStringLiteral("id")).toString();
        if (v.id != name) {
            mWarnings << QStringLiteral("%1: card id '%2' does not match its folder").arg(cardPath, v.id);
            continue;
        }
        v.parentId = card.value(QStringLiteral("parent_id")).toString();
        v.created = QDateTime::fromString(card.value(QStringLiteral("created")).toString(), Qt::ISODate);
        v.path = modelPath;
        v.cardPath = cardPath;
        v.card = card;
        mUser.push_back(std::move(v));
    }
    std::stable_sort(mUser.begin(), mUser.end(), [](const ModelVersion &a, const ModelVersion &b) { return a.created < b.created; });
}

const ModelVersion *ModelRegistry::shipped() const
{
    if (!mShippedLoaded) {
        mShippedLoaded = true;
        auto model = SegmentationModel::load(mShippedPath);
        if (model) {
            const ModelInfo &info = (*model)->info();
            ModelVersion v;
            v.id = info.id.isEmpty() ? QStringLiteral("default") : info.id;
            v.parentId = info.parentId;
            v.path = QDir::cleanPath(mShippedPath);
            v.shipped = true;
            v.created = QFileInfo(mShippedPath).lastModified().toUTC();
            v.card = QJsonObject{{QStringLiteral("format"), cardFormat()},
                                 {QStringLiteral("id"), v.id},
                                 {QStringLiteral("parent_id"), v.parentId},
                                 {QStringLiteral("shipped"), true},
                                 {QStringLiteral("training"), info.training},
                                 {QStringLiteral("metrics"), info.metrics}};
            mShipped = std::move(v);
        }
    }
    return mShipped ? &*mShipped : nullptr;
}

const std::vector<ModelVersion> &ModelRegistry::versions() const
{
    mAll.clear();
    if (const ModelVersion *s = shipped())
        mAll.push_back(*s);
    mAll.insert(mAll.end(), mUser.begin(), mUser.end());
    return mAll;
}

bool ModelRegistry::isUserVersion(const QString &id) const
{
    return std::any_of(mUser.begin(), mUser.end(), [&](const ModelVersion &v) { return v.id == id; });
}

const ModelVersion *ModelRegistry::find(const QString &id) const
{
    for (const ModelVersion &v : mUser) {
        if (v.id == id)
            return &v;
    }
    const ModelVersion *s = shipped();
    return s && (s->id == id || id == QLatin1String("default")) ? s : nullptr;
}

ModelRegistry::State ModelRegistry::readState() const
{
    State state;
    QFile file(QDir(mDir).filePath(kStateFile));
    if (!file.open(QIODevice::ReadOnly))
        return state;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    state.active = o.value(QStringLiteral("active")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("history")).toArray())
        state.history << v.toString();
    return state;
}

Status ModelRegistry::writeState(const State &state) const
{
    if (!QDir().mkpath(mDir))
        return Status::failure(QStringLiteral("%1: cannot create the models folder").arg(mDir));
    // Keep the history bounded: rollback needs the recent past, not every click.
    const QStringList history = state.history.mid(std::max<qsizetype>(0, state.history.size() - 50));
    const QJsonObject o{{QStringLiteral("format"), QStringLiteral("veer-model-registry/1")},
                        {QStringLiteral("active"), state.active},
                        {QStringLiteral("history"), QJsonArray::fromStringList(history)}};
    return writeFileAtomically(QDir(mDir).filePath(kStateFile), QJsonDocument(o).toJson());
}

QString ModelRegistry::activeId() const
{
    const State state = readState();
    if (!state.active.isEmpty() && find(state.active))
        return find(state.active)->id;
    const ModelVersion *s = shipped();
    return s ? s->id : QString();
}

QString ModelRegistry::activePath() const
{
    const State state = readState();
    for (const ModelVersion &v : mUser) {
        if (v.id == state.active)
            return v.path;
    }
    return mShippedPath;
}

Status ModelRegistry::setActive(const QString &id)
{
    const ModelVersion *v = find(id);
    if (!v)
        return Status::failure(QStringLiteral("%1: no model version '%2'").arg(mDir, id));
    State state = readState();
    const QString current = activeId();
    if (current == v->id)
        return {};
    if (!current.isEmpty())
        state.history << current;
    state.active = v->id;
    return writeState(state);
}

bool ModelRegistry::canRollback() const
{
    QStringList history = readState().history;
    return !rollbackTarget(history, activeId(), *this).isEmpty();
}

Result<QString> ModelRegistry::rollback()
{
    State state = readState();
    const QString current = activeId();
    const QString target = rollbackTarget(state.history, current, *this);
    if (target.isEmpty())
        return Result<QString>::failure(QStringLiteral("%1: nothing to roll back to from '%2'").arg(mDir, current));
    state.active = target;
    if (Status s = writeState(state); !s)
        return Result<QString>::failure(s.error());
    return target;
}

QString ModelRegistry::uniqueId(const QString &base) const
{
    QString clean = base;
    clean.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("-"));
    if (clean.isEmpty() || clean.startsWith(QLatin1Char('.')))
        clean.prepend(QStringLiteral("model"));
    QString id = clean;
    for (int n = 2; find(id) || QFileInfo::exists(versionDir(id)) || id == QLatin1String("default"); ++n)
        id = QStringLiteral("%1-%2").arg(clean).arg(n);
    return id;
}

Result<QString> ModelRegistry::createVersion(const QString &id)
{
    if (id.isEmpty() || id != uniqueId(id))
        return Result<QString>::failure(QStringLiteral("%1: the version id '%2' is taken or not valid").arg(mDir, id));
    const QString dir = versionDir(id);
    if (!QDir().mkpath(dir))
        return Result<QString>::failure(QStringLiteral("%1: cannot create the folder").arg(dir));
    return dir + QLatin1Char('/') + kModelFile;
}

Status ModelRegistry::writeCard(const QString &id, const QJsonObject &card)
{
    const QString dir = versionDir(id);
    if (!QFileInfo(dir).isDir())
        return Status::failure(QStringLiteral("%1: no such version folder").arg(dir));
    QJsonObject o = card;
    o.insert(QStringLiteral("format"), cardFormat());
    o.insert(QStringLiteral("id"), id);
    if (Status s = writeFileAtomically(dir + QLatin1Char('/') + kCardFile, QJsonDocument(o).toJson()); !s)
        return s;
    refresh();
    return {};
}

Status ModelRegistry::removeVersion(const QString &id)
{
    if (!isUserVersion(id))
        return Status::failure(QStringLiteral("%1: '%2' is not a user model version").arg(mDir, id));
    if (activeId() == id)
        return Status::failure(QStringLiteral("%1: '%2' is active; activate another version first").arg(mDir, id));
    if (!QDir(versionDir(id)).removeRecursively())
        return Status::failure(QStringLiteral("%1: cannot remove the folder").arg(versionDir(id)));
    refresh();
    return {};
}

} // namespace veer
