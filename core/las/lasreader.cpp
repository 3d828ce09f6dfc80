#include "lasreader.h"

#include <QFile>
#include <QStringDecoder>

#include <cmath>
#include <limits>
#include <optional>

namespace veer {

namespace {

constexpr qint64 kMaxFileBytes = qint64(1) << 30;

enum class Section { None, Version, Well, Curve, Parameter, Other, Data, Ignored };

/** Kind of a `~...` line. LAS 3.0 names with an underscore only count when they belong to the log
 *  data set (`~Log_Definition`, `~Log_Data`, `~Log_Parameter`); other 3.0 data sets are skipped. */
Section classifySection(const QString &line)
{
    qsizetype end = 1;
    while (end < line.size() && !line.at(end).isSpace() && line.at(end) != u'|' && line.at(end) != u':')
        ++end;
    const QString name = line.mid(1, end - 1).toLower();
    if (name.isEmpty())
        return Section::Ignored;
    if (name.contains(u'_')) {
        if (name == QLatin1String("log_definition"))
            return Section::Curve;
        if (name == QLatin1String("log_data"))
            return Section::Data;
        if (name == QLatin1String("log_parameter"))
            return Section::Parameter;
        return Section::Ignored;
    }
    switch (name.at(0).unicode()) {
    case 'v': return Section::Version;
    case 'w': return Section::Well;
    case 'c': return Section::Curve;
    case 'p': return Section::Parameter;
    case 'o': return Section::Other;
    case 'a': return Section::Data;
    default: return Section::Ignored;
    }
}

/** A colon between two digits belongs to a time value (13:45:00), not to the delimiter. */
bool isTimeColon(const QString &s, qsizetype i)
{
    return i > 0 && i + 1 < s.size() && s.at(i - 1).isDigit() && s.at(i + 1).isDigit();
}

/** Position of the colon that separates value and description, or -1. */
qsizetype findDelimiter(const QString &s, qsizetype from)
{
    for (qsizetype i = from; i < s.size(); ++i) {
        if (s.at(i) != u':' || isTimeColon(s, i))
            continue;
        // "Province: :County Label": the value itself ends in a colon.
        qsizetype j = i + 1;
        while (j < s.size() && s.at(j).isSpace())
            ++j;
        return (j < s.size() && s.at(j) == u':') ? j : i;
    }
    return -1;
}

/** Parses `MNEM.UNIT  VALUE : DESCRIPTION`; nullopt for lines that carry no item. */
std::optional<LasHeaderItem> parseHeaderLine(const QString &line)
{
    const QString s = line.trimmed();
    LasHeaderItem item;
    const qsizetype dot = s.indexOf(u'.');
    const qsizetype firstDelim = findDelimiter(s, 0);
    if (dot < 0 || (firstDelim >= 0 && firstDelim < dot)) {
        // No period before the colon: everything left is the name, right is the value.
        if (firstDelim < 0)
            return std::nullopt;
        item.mnemonic = s.left(firstDelim).trimmed();
        item.value = s.mid(firstDelim + 1).trimmed();
    } else {
        item.mnemonic = s.left(dot).trimmed();
        qsizetype unitEnd = dot + 1;
        while (unitEnd < s.size() && !s.at(unitEnd).isSpace()
               && !(s.at(unitEnd) == u':' && !isTimeColon(s, unitEnd)))
            ++unitEnd;
        item.unit = s.mid(dot + 1, unitEnd - dot - 1);
        const qsizetype delim = findDelimiter(s, unitEnd);
        if (delim < 0) {
            item.value = s.mid(unitEnd).trimmed();
        } else {
            item.value = s.mid(unitEnd, delim - unitEnd).trimmed();
            item.description = s.mid(delim + 1).trimmed();
        }
    }
    if (item.mnemonic.isEmpty())
        return std::nullopt;
    return item;
}

/** LAS 3.0 descriptions end in `{F}` format codes and `| association`; neither is description. */
QString stripLas3Extras(QString description)
{
    const qsizetype bar = description.indexOf(u'|');
    if (bar >= 0)
        description.truncate(bar);
    description = description.trimmed();
    if (description.endsWith(u'}')) {
        const qsizetype brace = description.lastIndexOf(u'{');
        if (brace >= 0)
            description = description.left(brace).trimmed();
    }
    return description;
}

QString decodeText(const QByteArray &bytes)
{
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(data);
    if (decoder.hasError())
        text = QString::fromLatin1(data);
    return text;
}

QString shorten(const QString &text)
{
    QString out;
    for (const QChar c : text.left(40))
        out += c.isPrint() ? c : u'?';
    return text.size() > 40 ? out + QStringLiteral("...") : out;
}

struct DataLine
{
    int number;
    QString text;
};

class Reader
{
public:
    explicit Reader(QString sourceName) : mSource(std::move(sourceName)) {}

    Result<LasDocument> read(const QByteArray &bytes);

private:
    QString where(int line) const { return QStringLiteral("%1:%2").arg(mSource).arg(line); }
    Result<LasDocument> fail(int line, const QString &message) const
    {
        return Result<LasDocument>::failure(QStringLiteral("%1: %2").arg(where(line), message));
    }
    void headerLine(Section section, const QString &line);
    Result<LasDocument> parseData();
    void tokenize(const DataLine &line, std::size_t columns, QList<QStringView> &tokens) const;

    QString mSource;
    LasDocument mDoc;
    double mVersion = 2.0;
    bool mHaveVersion = false;
    QChar mDelimiter = u' ';
    bool mDelimiterKnown = false;
    std::vector<LasCurve> mCurveDefs;
    std::vector<DataLine> mData;
    int mDataSectionLine = 0;
};

void Reader::headerLine(Section section, const QString &line)
{
    if (section == Section::Other) {
        mDoc.other.push_back(line.trimmed());
        return;
    }
    std::optional<LasHeaderItem> parsed = parseHeaderLine(line);
    if (!parsed)
        return;
    LasHeaderItem item = std::move(*parsed);
    if (mVersion >= 3.0)
        item.description = stripLas3Extras(item.description);
    const QString key = item.mnemonic.toUpper();

    switch (section) {
    case Section::Version:
        if (key == QLatin1String("VERS")) {
            bool ok = false;
            const double v = item.value.toDouble(&ok);
            if (ok) {
                mVersion = v;
                mHaveVersion = true;
            }
            if (!item.value.isEmpty())
                mDoc.version = item.value;
        } else if (key == QLatin1String("WRAP")) {
            mDoc.wrapped = item.value.trimmed().toUpper().startsWith(u'Y');
        } else if (key == QLatin1String("DLM")) {
            const QString dlm = item.value.toUpper();
            mDelimiterKnown = true;
            if (dlm == QLatin1String("COMMA"))
                mDelimiter = u',';
            else if (dlm == QLatin1String("TAB"))
                mDelimiter = u'\t';
            else
                mDelimiter = u' ';
        }
        break;
    case Section::Well:
        if (key == QLatin1String("STRT") || key == QLatin1String("STOP") || key == QLatin1String("STEP"))
            break;
        if (key == QLatin1String("NULL")) {
            bool ok = false;
            const double v = item.value.toDouble(&ok);
            if (ok)
                mDoc.nullValue = v;
            break;
        }
        // LAS 1.2 puts the label before the colon and the value after it ("WELL. WELL: AAAAA_2").
        if (mHaveVersion && mVersion < 2.0 && !item.description.isEmpty())
            std::swap(item.value, item.description);
        mDoc.well.push_back(std::move(item));
        break;
    case Section::Curve:
        mCurveDefs.push_back(LasCurve{item.mnemonic, item.unit, item.description, {}});
        break;
    case Section::Parameter:
        mDoc.parameters.push_back(std::move(item));
        break;
    default:
        break;
    }
}

/** Splits one data line into value tokens; an empty token (",,") is an absent value. */
void Reader::tokenize(const DataLine &line, std::size_t columns, QList<QStringView> &tokens) const
{
    tokens.clear();
    const QStringView text(line.text);
    if (mDelimiter == u',' || mDelimiter == u'\t') {
        qsizetype start = 0;
        while (true) {
            const qsizetype next = text.indexOf(mDelimiter, start);
            tokens.append(text.mid(start, next < 0 ? -1 : next - start).trimmed());
            if (next < 0)
                break;
            start = next + 1;
        }
        // A delimiter that ends a full line closes the last value; it does not start a new one.
        if (std::size_t(tokens.size()) == columns + 1 && tokens.constLast().isEmpty())
            tokens.removeLast();
        return;
    }
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && text.at(i).isSpace())
            ++i;
        const qsizetype start = i;
        while (i < text.size() && !text.at(i).isSpace())
            ++i;
        if (i > start)
            tokens.append(text.mid(start, i - start));
    }
}

Result<LasDocument> Reader::parseData()
{
    if (mCurveDefs.empty())
        return fail(mDataSectionLine, QStringLiteral("no curves are defined (missing or empty ~C section)"));
    const std::size_t columns = mCurveDefs.size();

    if (!mDelimiterKnown && !mData.empty() && mData.front().text.contains(u','))
        mDelimiter = u',';

    std::vector<std::vector<double>> values(columns);
    QList<QStringView> tokens;
    std::size_t column = 0;
    int recordLine = 0;
    const double nullValue = mDoc.nullValue;

    for (const DataLine &line : mData) {
        tokenize(line, columns, tokens);
        if (!mDoc.wrapped && static_cast<std::size_t>(tokens.size()) != columns) {
            return fail(line.number, QStringLiteral("expected %1 values (one per curve) but found %2")
                                         .arg(columns)
                                         .arg(tokens.size()));
        }
        for (const QStringView token : std::as_const(tokens)) {
            if (column == 0)
                recordLine = line.number;
            double v = std::numeric_limits<double>::quiet_NaN();
            if (!token.isEmpty()) {
                bool ok = false;
                v = token.toDouble(&ok);
                if (!ok) {
                    return fail(line.number, QStringLiteral("'%1' is not a number").arg(shorten(token.toString())));
                }
            }
            values[column].push_back(std::isnan(v) ? nullValue : v);
            column = (column + 1) % columns;
        }
    }
    if (column != 0) {
        return fail(recordLine, QStringLiteral("incomplete wrapped record: %1 of %2 values")
                                    .arg(column)
                                    .arg(columns));
    }

    mDoc.depthMnemonic = mCurveDefs.front().mnemonic;
    mDoc.depthUnit = mCurveDefs.front().unit;
    mDoc.depths = std::move(values.front());
    for (std::size_t i = 1; i < columns; ++i) {
        LasCurve curve = std::move(mCurveDefs[i]);
        curve.values = std::move(values[i]);
        mDoc.curves.push_back(std::move(curve));
    }
    return std::move(mDoc);
}

Result<LasDocument> Reader::read(const QByteArray &bytes)
{
    if (bytes.trimmed().isEmpty())
        return Result<LasDocument>::failure(QStringLiteral("%1: empty file, not a LAS file").arg(mSource));
    if (bytes.contains('\0'))
        return Result<LasDocument>::failure(QStringLiteral("%1: binary data, not a LAS file").arg(mSource));

    QString text = decodeText(bytes);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    const QStringList lines = text.split(u'\n');

    Section section = Section::None;
    bool dataTaken = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int number = static_cast<int>(i + 1);
        const QString trimmed = lines.at(i).trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        if (trimmed.startsWith(u'~')) {
            section = classifySection(trimmed);
            if (section == Section::Data) {
                if (dataTaken) {
                    section = Section::Ignored; // only the first log data set
                } else {
                    dataTaken = true;
                    mDataSectionLine = number;
                }
            }
            continue;
        }
        switch (section) {
        case Section::None:
            return fail(number, QStringLiteral("expected a LAS section such as ~VERSION, found '%1'")
                                    .arg(shorten(trimmed)));
        case Section::Data:
            mData.push_back(DataLine{number, lines.at(i)});
            break;
        case Section::Ignored:
            break;
        default:
            headerLine(section, lines.at(i));
            break;
        }
    }
    if (section == Section::None)
        return Result<LasDocument>::failure(QStringLiteral("%1: no LAS section (~V, ~W, ~C, ~A) found").arg(mSource));
    if (!dataTaken)
        return Result<LasDocument>::failure(QStringLiteral("%1: no ~A (data) section").arg(mSource));
    return parseData();
}

} // namespace

Result<LasDocument> readLasBytes(const QByteArray &bytes, const QString &sourceName)
{
    return Reader(sourceName).read(bytes);
}

Result<LasDocument> readLas(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<LasDocument>::failure(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    if (file.size() > kMaxFileBytes) {
        return Result<LasDocument>::failure(
            QStringLiteral("%1: file too large for a LAS log (%2 bytes)").arg(path).arg(file.size()));
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Result<LasDocument>::failure(QStringLiteral("%1: read failed: %2").arg(path, file.errorString()));
    return readLasBytes(bytes, path);
}

} // namespace veer
