#pragma once

#include <QDialog>

namespace veer {

struct ModelInfo;

/** Shows the segmentation model in use and its card (id, network, classes, metrics, training). */
class ModelDialog : public QDialog
{
    Q_OBJECT

public:
    ModelDialog(const QString &path, const ModelInfo *info, const QString &error, QWidget *parent = nullptr);
    /** The card as HTML; exposed for tests. */
    static QString cardHtml(const QString &path, const ModelInfo &info);
};

} // namespace veer
