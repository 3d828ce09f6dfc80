#pragma once

#include <QDialog>
#include <QJsonObject>

namespace veer {

struct ModelInfo;

/** Shows the segmentation model in use and its card (id, network, classes, metrics, training). */
class ModelDialog : public QDialog
{
    Q_OBJECT

public:
    /** `versionCard`: the registry card of a fine-tuned version (its data and held-apart comparison), if any. */
    ModelDialog(const QString &path, const ModelInfo *info, const QString &error, QWidget *parent = nullptr,
                const QJsonObject &versionCard = {});
    /** The card as HTML; exposed for tests. */
    static QString cardHtml(const QString &path, const ModelInfo &info, const QJsonObject &versionCard = {});
    /** A version's held-apart comparison with its parent (see compareModels()) as an HTML table. */
    static QString comparisonHtml(const QJsonObject &comparison);
};

} // namespace veer
