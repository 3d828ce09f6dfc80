#pragma once

#include "base/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace veer {

/** One model version: a weights file and what its card says about it. */
struct ModelVersion
{
    QString id;
    QString parentId;
    QString path;          ///< the .pt file
    QString cardPath;      ///< the card JSON; empty for the shipped default
    QDateTime created;
    bool shipped = false;  ///< the read-only default that ships with Veer
    QJsonObject card;      ///< the whole card (for the shipped default: built from the model file)

    /** Strict validation F1 of curve one / curve two from the card; -1 when not recorded. */
    double validationF1(int curve) const;
};

/**
 * The per-user models folder: the shipped default (read-only, from the install or build data
 * folder) plus fine-tuned versions, each a folder `<id>/` holding `model.pt` and `card.json`,
 * and `registry.json` with the active id and the activation history (written atomically).
 * Nothing is ever written next to the shipped default. Not thread-safe: use one registry per
 * thread; the files are the shared state.
 */
class ModelRegistry
{
public:
    /** `modelsDir` empty: defaultModelsDir(); `shippedPath` empty: defaultModelPath(). */
    explicit ModelRegistry(const QString &modelsDir = {}, const QString &shippedPath = {});

    /** $VEER_MODELS_DIR, else AppLocalDataLocation + "/models". */
    static QString defaultModelsDir();
    static QString cardFormat() { return QStringLiteral("veer-model-card/1"); }

    QString modelsDir() const { return mDir; }
    QString shippedPath() const { return mShippedPath; }

    /** Re-reads the folder; unreadable cards are skipped and reported by warnings(). */
    void refresh();
    QStringList warnings() const { return mWarnings; }

    /** The shipped default first (when it can be read), then user versions, oldest first. */
    const std::vector<ModelVersion> &versions() const;
    const ModelVersion *find(const QString &id) const;

    /** The active id: registry.json's choice when that version exists, else the shipped default's. */
    QString activeId() const;
    /** The active model file; the shipped default unless a user version is active. Never loads a model. */
    QString activePath() const;

    Status setActive(const QString &id);
    /** True when rollback() has somewhere to go. */
    bool canRollback() const;
    /** Activates the previously active version, else the active one's parent, else the shipped default; returns the id. */
    Result<QString> rollback();

    /** A fresh, unique id from `base` (letters, digits, '-', '_', '.'). */
    QString uniqueId(const QString &base) const;
    /** Creates the folder of a new version `id`; returns the path its model.pt must have. */
    Result<QString> createVersion(const QString &id);
    /** Writes (atomically) the card of user version `id`; the folder must exist. */
    Status writeCard(const QString &id, const QJsonObject &card);
    /** Deletes a user version's folder; refuses the shipped default and the active version. */
    Status removeVersion(const QString &id);

    QString versionDir(const QString &id) const;

private:
    struct State
    {
        QString active;
        QStringList history; ///< previously active ids, most recent last
    };
    State readState() const;
    Status writeState(const State &state) const;
    const ModelVersion *shipped() const;
    bool isUserVersion(const QString &id) const;

    QString mDir;
    QString mShippedPath;
    std::vector<ModelVersion> mUser;
    mutable std::optional<ModelVersion> mShipped;
    mutable bool mShippedLoaded = false;
    mutable std::vector<ModelVersion> mAll;
    QStringList mWarnings;
};

} // namespace veer
