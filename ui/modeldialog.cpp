#include "modeldialog.h"

#include "segment/segmentationmodel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace veer {

namespace {

QString row(const QString &key, const QString &value)
{
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>").arg(key.toHtmlEscaped(), value);
}

QString jsonTable(const QJsonObject &o)
{
    QString html = QStringLiteral("<table>");
    for (auto it = o.begin(); it != o.end(); ++it) {
        QString value;
        if (it->isObject() || it->isArray()) {
            const QJsonDocument doc = it->isObject() ? QJsonDocument(it->toObject()) : QJsonDocument(it->toArray());
            value = QStringLiteral("<pre>%1</pre>").arg(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).toHtmlEscaped());
        } else if (it->isDouble()) {
            value = QString::number(it->toDouble(), 'g', 6);
        } else {
            value = it->toVariant().toString().toHtmlEscaped();
        }
        html += row(it.key(), value);
    }
    return html + QStringLiteral("</table>");
}

} // namespace

QString ModelDialog::cardHtml(const QString &path, const ModelInfo &info)
{
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(info.id.toHtmlEscaped());
    html += row(tr("File"), QDir::toNativeSeparators(path).toHtmlEscaped());
    html += row(tr("Architecture"), QStringLiteral("%1 (base %2, %3 levels, max %4 channels)")
                                        .arg(info.architecture.toHtmlEscaped()).arg(info.net.base).arg(info.net.levels).arg(info.net.maxChannels));
    html += row(tr("Parameters"), QLocale().toString(info.parameterCount));
    html += row(tr("Cost"), tr("%1 kFLOP per pixel").arg(info.flopsPerPixel / 1000.0, 0, 'f', 1));
    html += row(tr("Classes"), info.classNames.join(QStringLiteral(", ")).toHtmlEscaped());
    if (!info.parentId.isEmpty())
        html += row(tr("Fine-tuned from"), info.parentId.toHtmlEscaped());
    html += row(tr("Software"), info.softwareVersion.toHtmlEscaped());
    html += QStringLiteral("</table>");
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Validation metrics"));
    html += info.metrics.isEmpty() ? tr("<p>None recorded.</p>") : jsonTable(info.metrics);
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Training"));
    html += info.training.isEmpty() ? tr("<p>None recorded.</p>") : jsonTable(info.training);
    return html;
}

ModelDialog::ModelDialog(const QString &path, const ModelInfo *info, const QString &error, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Segmentation Model"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QTextBrowser;
    text->setObjectName(QStringLiteral("modelCard"));
    if (info)
        text->setHtml(cardHtml(path, *info));
    else
        text->setHtml(tr("<h3>No model</h3><p>%1</p>").arg(error.toHtmlEscaped()));
    layout->addWidget(text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, 560);
}

} // namespace veer
