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

double figure(const QJsonObject &metrics, const char *cls, const char *key)
{
    const QJsonValue v = metrics.value(QLatin1String(cls)).toObject().value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : -1.0;
}

QString number(double v)
{
    return v < 0 ? QStringLiteral("–") : QString::number(v, 'f', 3);
}

} // namespace

QString ModelDialog::cardHtml(const QString &path, const ModelInfo &info, const QJsonObject &versionCard)
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
    if (!versionCard.isEmpty()) {
        QJsonObject data = versionCard.value(QStringLiteral("training")).toObject();
        data.remove(QStringLiteral("history"));
        html += QStringLiteral("<h4>%1</h4>").arg(tr("Fine-tuning"));
        html += QStringLiteral("<table>") + row(tr("Created"), versionCard.value(QStringLiteral("created")).toString().toHtmlEscaped())
                + QStringLiteral("</table>") + jsonTable(data);
        html += QStringLiteral("<h4>%1</h4>").arg(tr("Comparison with the parent"));
        html += comparisonHtml(versionCard.value(QStringLiteral("comparison")).toObject());
    }
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Validation metrics"));
    html += info.metrics.isEmpty() ? tr("<p>None recorded.</p>") : jsonTable(info.metrics);
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Training"));
    html += info.training.isEmpty() ? tr("<p>None recorded.</p>") : jsonTable(info.training);
    return html;
}

QString ModelDialog::comparisonHtml(const QJsonObject &comparison)
{
    if (comparison.isEmpty())
        return tr("<p>No held-apart sheets: nothing to compare with the parent.</p>");
    const QJsonObject mine = comparison.value(QStringLiteral("model")).toObject();
    const QJsonObject theirs = comparison.value(QStringLiteral("parent")).toObject();
    const QString rows = comparison.value(QStringLiteral("held_apart_rows")).toString();
    QString html = rows.isEmpty()
                       ? tr("<p>On %n held-apart reviewed sheet(s):</p>", nullptr, comparison.value(QStringLiteral("cases")).toInt())
                       : tr("<p>On %1, kept out of training:</p>").arg(rows.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='3' border='1'><tr><th>F1</th><th>%1</th><th>%2 (parent)</th></tr>")
                .arg(comparison.value(QStringLiteral("model_id")).toString().toHtmlEscaped(),
                     comparison.value(QStringLiteral("parent_id")).toString().toHtmlEscaped());
    const struct { const char *cls; const char *key; QString label; } figures[] = {
        {"curve_one", "f1_strict", tr("curve one, strict")},
        {"curve_one", "f1_tolerant_1px", tr("curve one, within 1 px")},
        {"curve_two", "f1_strict", tr("curve two, strict")},
        {"curve_two", "f1_tolerant_1px", tr("curve two, within 1 px")},
    };
    for (const auto &row : figures) {
        const double a = figure(mine, row.cls, row.key);
        const double b = figure(theirs, row.cls, row.key);
        const QString colour = a > b + 1e-9 ? QStringLiteral("#1a7f37") : (a < b - 1e-9 ? QStringLiteral("#b42318") : QStringLiteral("#000000"));
        html += QStringLiteral("<tr><td>%1</td><td align='right' style='color:%2'><b>%3</b></td><td align='right'>%4</td></tr>")
                    .arg(row.label, colour, number(a), number(b));
    }
    return html + QStringLiteral("</table>");
}

ModelDialog::ModelDialog(const QString &path, const ModelInfo *info, const QString &error, QWidget *parent,
                         const QJsonObject &versionCard)
    : QDialog(parent)
{
    setWindowTitle(tr("Segmentation Model"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QTextBrowser;
    text->setObjectName(QStringLiteral("modelCard"));
    if (info)
        text->setHtml(cardHtml(path, *info, versionCard));
    else
        text->setHtml(tr("<h3>No model</h3><p>%1</p>").arg(error.toHtmlEscaped()));
    layout->addWidget(text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, 560);
}

} // namespace veer
