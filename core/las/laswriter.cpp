#include "laswriter.h"

#include "base/atomicfile.h"

#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>

namespace veer {

namespace {

constexpr int kShortest = QLocale::FloatingPointShortest;

struct StandardWellItem
{
    const char *mnemonic;
    const char *description;
};

// Always written, in this order, after STRT/STOP/STEP/NULL.
constexpr std::array<StandardWellItem, 8> kStandardWell{{
    {"COMP", "COMPANY"},
    {"WELL", "WELL"},
    {"FLD", "FIELD"},
    {"LOC", "LOCATION"},
    {"SRVC", "SERVICE COMPANY"},
    {"DATE", "LOG DATE"},
    {"UWI", "UNIQUE WELL ID"},
    {"API", "API NUMBER"},
}};

bool isNullValue(double v, double nullValue)
{
    return !std::isfinite(v) || v == nullValue;
}

QString fixed(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

/** Writes depth values so that they read back bit-exact: the fewest decimals (at least 4) that
 *  round-trip every depth, or the shortest exact form of each value when none does. */
class DepthFormat
{
public:
    explicit DepthFormat(const std::vector<double> &depths)
    {
        for (int p = 4; p <= 9; ++p) {
            const bool exact = std::all_of(depths.begin(), depths.end(), [p](double d) {
                return !std::isfinite(d) || fixed(d, p).toDouble() == d;
            });
            if (exact) {
                mDecimals = p;
                return;
            }
        }
    }

    QString operator()(double v) const { return fixed(v, mDecimals); }
    int decimals() const { return mDecimals; }

private:
    int mDecimals = kShortest;
};

/** Constant sampling interval, or 0 when the depths are irregular (LAS "STEP 0"). */
QString stepText(const std::vector<double> &depths, const DepthFormat &format)
{
    const std::size_t n = depths.size();
    if (n < 2)
        return QStringLiteral("0");
    const double step = (depths.back() - depths.front()) / double(n - 1);
    if (!std::isfinite(step) || step == 0.0)
        return QStringLiteral("0");
    const double tolerance = 1e-6 * std::max(1.0, std::abs(step));
    for (std::size_t i = 1; i < n; ++i) {
        if (!(std::abs((depths[i] - depths[i - 1]) - step) <= tolerance))
            return QStringLiteral("0");
    }
    const QString text = format.decimals() == kShortest ? fixed(std::round(step * 1e10) / 1e10, kShortest)
                                                        : format(step);
    return text.toDouble() == 0.0 ? QStringLiteral("0") : text;
}

QString oneLine(QString text)
{
    text.replace(u'\r', u' ');
    text.replace(u'\n', u' ');
    return text.trimmed();
}

struct HeaderRow
{
    QString name; ///< MNEM.UNIT
    QString value;
    QString description;
};

HeaderRow row(const QString &mnemonic, const QString &unit, const QString &value, const QString &description)
{
    return HeaderRow{oneLine(mnemonic) + u'.' + oneLine(unit), oneLine(value), oneLine(description)};
}

class TextOut
{
public:
    explicit TextOut(bool crlf) : mEol(crlf ? QStringLiteral("\r\n") : QStringLiteral("\n")) {}

    void line(const QString &text) { mText += text + mEol; }

    /** A header section with `MNEM.UNIT`, value and `:` each in one column. */
    void section(const QString &title, const QString &valueTitle, const std::vector<HeaderRow> &rows)
    {
        line(title);
        qsizetype nameWidth = 10; // "#MNEM.UNIT"
        qsizetype valueWidth = valueTitle.size();
        for (const HeaderRow &r : rows) {
            nameWidth = std::max(nameWidth, r.name.size() + 1);
            valueWidth = std::max(valueWidth, r.value.size());
        }
        line(QStringLiteral("#MNEM.UNIT").leftJustified(nameWidth) + QStringLiteral("  ")
             + valueTitle.leftJustified(valueWidth) + QStringLiteral(" : DESCRIPTION"));
        for (const HeaderRow &r : rows) {
            const QString text = u' ' + r.name.leftJustified(nameWidth - 1) + QStringLiteral("  ")
                                 + r.value.leftJustified(valueWidth) + QStringLiteral(" : ") + r.description;
            qsizetype end = text.size();
            while (end > 0 && text.at(end - 1) == u' ')
                --end;
            line(text.left(end));
        }
    }

    QByteArray bytes() const { return mText.toUtf8(); }

private:
    QString mEol;
    QString mText;
};

std::vector<HeaderRow> wellRows(const LasDocument &doc, const DepthFormat &depthFormat)
{
    const std::vector<double> &d = doc.depths;
    const QString strt = d.empty() ? QStringLiteral("0") : depthFormat(d.front());
    const QString stop = d.empty() ? QStringLiteral("0") : depthFormat(d.back());
    std::vector<HeaderRow> rows{
        row(QStringLiteral("STRT"), doc.depthUnit, strt, QStringLiteral("START DEPTH")),
        row(QStringLiteral("STOP"), doc.depthUnit, stop, QStringLiteral("STOP DEPTH")),
        row(QStringLiteral("STEP"), doc.depthUnit, stepText(d, depthFormat), QStringLiteral("STEP")),
        row(QStringLiteral("NULL"), QString(), fixed(doc.nullValue, kShortest), QStringLiteral("NULL VALUE")),
    };
    auto isStandard = [](const QString &mnemonic) {
        for (const char *reserved : {"STRT", "STOP", "STEP", "NULL"}) {
            if (mnemonic.compare(QLatin1String(reserved), Qt::CaseInsensitive) == 0)
                return true;
        }
        return std::any_of(kStandardWell.begin(), kStandardWell.end(), [&](const StandardWellItem &s) {
            return mnemonic.compare(QLatin1String(s.mnemonic), Qt::CaseInsensitive) == 0;
        });
    };
    for (const StandardWellItem &s : kStandardWell) {
        const QString mnemonic = QLatin1String(s.mnemonic);
        auto it = std::find_if(doc.well.begin(), doc.well.end(), [&](const LasHeaderItem &item) {
            return item.mnemonic.compare(mnemonic, Qt::CaseInsensitive) == 0;
        });
        if (it == doc.well.end()) {
            rows.push_back(row(mnemonic, QString(), QString(), QLatin1String(s.description)));
        } else {
            rows.push_back(row(mnemonic, it->unit, it->value,
                               it->description.isEmpty() ? QLatin1String(s.description) : it->description));
        }
    }
    for (const LasHeaderItem &item : doc.well) {
        if (!isStandard(item.mnemonic))
            rows.push_back(row(item.mnemonic, item.unit, item.value, item.description));
    }
    return rows;
}

double valueAt(const LasCurve &curve, std::size_t i, double nullValue)
{
    return i < curve.values.size() ? curve.values[i] : nullValue;
}

Status checkShape(const LasDocument &doc, const QString &path)
{
    for (const LasCurve &curve : doc.curves) {
        if (curve.values.size() != doc.depths.size()) {
            return Status::failure(QStringLiteral("%1: curve %2 has %3 values but there are %4 depths")
                                       .arg(path, curve.mnemonic)
                                       .arg(curve.values.size())
                                       .arg(doc.depths.size()));
        }
    }
    return {};
}

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace

QByteArray lasToBytes(const LasDocument &doc, const LasWriteOptions &options)
{
    const DepthFormat depthFormat(doc.depths);
    const int decimals = std::clamp(options.decimals, 0, 15);
    const QString nullText = fixed(doc.nullValue, decimals).toDouble() == doc.nullValue
                                 ? fixed(doc.nullValue, decimals)
                                 : fixed(doc.nullValue, kShortest);
    TextOut out(options.crlf);

    out.section(QStringLiteral("~VERSION INFORMATION"), QStringLiteral("VALUE"),
                {row(QStringLiteral("VERS"), QString(), QStringLiteral("2.0"),
                     QStringLiteral("CWLS LOG ASCII STANDARD - VERSION 2.0")),
                 row(QStringLiteral("WRAP"), QString(), QStringLiteral("NO"),
                     QStringLiteral("ONE LINE PER DEPTH STEP"))});

    out.section(QStringLiteral("~WELL INFORMATION"), QStringLiteral("DATA"), wellRows(doc, depthFormat));

    std::vector<HeaderRow> curveRows{row(doc.depthMnemonic, doc.depthUnit, QString(), QStringLiteral("DEPTH"))};
    for (const LasCurve &curve : doc.curves)
        curveRows.push_back(row(curve.mnemonic, curve.unit, QString(), curve.description));
    out.section(QStringLiteral("~CURVE INFORMATION"), QStringLiteral("API CODE"), curveRows);

    if (!doc.parameters.empty()) {
        std::vector<HeaderRow> rows;
        for (const LasHeaderItem &item : doc.parameters)
            rows.push_back(row(item.mnemonic, item.unit, item.value, item.description));
        out.section(QStringLiteral("~PARAMETER INFORMATION"), QStringLiteral("VALUE"), rows);
    }

    out.line(QStringLiteral("~OTHER INFORMATION"));
    for (const QString &text : doc.other)
        out.line(u' ' + oneLine(text));

    // Data: format every cell first so that each column can be right-aligned to its widest cell.
    const std::size_t columns = doc.curves.size() + 1;
    const std::size_t rows = doc.depths.size();
    std::vector<std::vector<QString>> cells(columns, std::vector<QString>(rows));
    std::vector<qsizetype> widths(columns);
    widths[0] = oneLine(doc.depthMnemonic).size() + 2; // room for "~A "
    for (std::size_t c = 1; c < columns; ++c)
        widths[c] = oneLine(doc.curves[c - 1].mnemonic).size();
    for (std::size_t r = 0; r < rows; ++r) {
        const double depth = doc.depths[r];
        cells[0][r] = isNullValue(depth, doc.nullValue) ? fixed(doc.nullValue, kShortest) : depthFormat(depth);
        widths[0] = std::max(widths[0], cells[0][r].size());
        for (std::size_t c = 1; c < columns; ++c) {
            const double v = valueAt(doc.curves[c - 1], r, doc.nullValue);
            cells[c][r] = isNullValue(v, doc.nullValue) ? nullText : fixed(v, decimals);
            widths[c] = std::max(widths[c], cells[c][r].size());
        }
    }
    QString header = QStringLiteral("~A ") + oneLine(doc.depthMnemonic).rightJustified(widths[0] - 2);
    for (std::size_t c = 1; c < columns; ++c)
        header += u' ' + oneLine(doc.curves[c - 1].mnemonic).rightJustified(widths[c]);
    out.line(header);
    for (std::size_t r = 0; r < rows; ++r) {
        QString text;
        for (std::size_t c = 0; c < columns; ++c)
            text += u' ' + cells[c][r].rightJustified(widths[c]);
        out.line(text);
    }
    return out.bytes();
}

Status writeLas(const LasDocument &doc, const QString &path, const LasWriteOptions &options)
{
    if (Status shape = checkShape(doc, path); !shape)
        return shape;
    return writeFileAtomically(path, lasToBytes(doc, options));
}

QByteArray csvToBytes(const LasDocument &doc, bool crlf)
{
    const QString eol = crlf ? QStringLiteral("\r\n") : QStringLiteral("\n");
    const DepthFormat depthFormat(doc.depths);
    QString names = csvField(doc.depthMnemonic);
    QString units = csvField(doc.depthUnit);
    for (const LasCurve &curve : doc.curves) {
        names += u',' + csvField(curve.mnemonic);
        units += u',' + csvField(curve.unit);
    }
    QString text = names + eol + units + eol;
    for (std::size_t r = 0; r < doc.depths.size(); ++r) {
        const double depth = doc.depths[r];
        text += isNullValue(depth, doc.nullValue) ? QString() : depthFormat(depth);
        for (const LasCurve &curve : doc.curves) {
            const double v = valueAt(curve, r, doc.nullValue);
            text += u',';
            if (!isNullValue(v, doc.nullValue))
                text += QString::number(v, 'g', kShortest);
        }
        text += eol;
    }
    return text.toUtf8();
}

Status writeCsv(const LasDocument &doc, const QString &path, bool crlf)
{
    if (Status shape = checkShape(doc, path); !shape)
        return shape;
    return writeFileAtomically(path, csvToBytes(doc, crlf));
}

} // namespace veer
