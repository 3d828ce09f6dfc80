#include "calibration.h"

#include "base/atomicfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace veer {

namespace {

const QString kFormat = QStringLiteral("veer-calibration/1");

bool isFinite(double v) { return std::isfinite(v); }

// Reads a finite number from obj[key]; returns an error naming `path` when absent or not a number.
bool readNumber(const QJsonObject &obj, const QString &key, const QString &path, double &out, QString &error)
{
    const QJsonValue v = obj.value(key);
    if (!v.isDouble()) {
        error = QStringLiteral("'%1' must be a number").arg(path);
        return false;
    }
    out = v.toDouble();
    if (!isFinite(out)) {
        error = QStringLiteral("'%1' must be finite").arg(path);
        return false;
    }
    return true;
}

// Reads an array of {row, depth} ties; errors name `path`[i].
bool readTies(const QJsonArray &array, const QString &path, std::vector<DepthTie> &out, QString &error)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject t = array.at(i).toObject();
        DepthTie tie;
        const QString at = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!readNumber(t, QStringLiteral("row"), at + QStringLiteral(".row"), tie.row, error)
            || !readNumber(t, QStringLiteral("depth"), at + QStringLiteral(".depth"), tie.depth, error))
            return false;
        out.push_back(tie);
    }
    return true;
}

// The JSON array of {row, depth} ties.
QJsonArray tiesToJson(const std::vector<DepthTie> &ties)
{
    QJsonArray array;
    for (const DepthTie &t : ties)
        array.append(QJsonObject{{QStringLiteral("row"), t.row}, {QStringLiteral("depth"), t.depth}});
    return array;
}

} // namespace

double CurveScale::valueAtFraction(double t) const
{
    if (type == ScaleType::Log) {
        const double a = std::log10(left);
        const double b = std::log10(right);
        return std::pow(10.0, a + t * (b - a));
    }
    return left + t * (right - left);
}

double CurveScale::fractionOfValue(double value) const
{
    if (type == ScaleType::Log) {
        if (value <= 0.0)
            return std::numeric_limits<double>::quiet_NaN();
        const double a = std::log10(left);
        const double b = std::log10(right);
        return (std::log10(value) - a) / (b - a);
    }
    return (value - left) / (right - left);
}

double CurveScale::wrapValue(double value, int direction) const
{
    // One span past an edge: position t maps to t + direction on the same scale.
    const double t = fractionOfValue(value);
    return valueAtFraction(t + direction);
}

const CurveScale *Track::curveForClass(int classId) const
{
    for (const CurveScale &c : curves) {
        if (c.classId == classId)
            return &c;
    }
    return nullptr;
}

Calibration::Line Calibration::leastSquaresLine() const
{
    Eigen::MatrixXd a(ties.size(), 2);
    Eigen::VectorXd b(ties.size());
    for (size_t i = 0; i < ties.size(); ++i) {
        a(Eigen::Index(i), 0) = ties[i].row;
        a(Eigen::Index(i), 1) = 1.0;
        b(Eigen::Index(i)) = ties[i].depth;
    }
    const Eigen::Vector2d x = a.colPivHouseholderQr().solve(b);
    return {x(0), x(1)};
}

double Calibration::depthAtRow(double row) const
{
    if (ties.size() < 2)
        return std::numeric_limits<double>::quiet_NaN();
    if (fit == DepthFit::LeastSquares) {
        const Line l = leastSquaresLine();
        return l.slope * row + l.intercept;
    }
    // Piecewise linear between consecutive ties, extended with the end segments.
    size_t i = 0;
    while (i + 2 < ties.size() && row > ties[i + 1].row)
        ++i;
    const DepthTie &a = ties[i];
    const DepthTie &b = ties[i + 1];
    return a.depth + (row - a.row) * (b.depth - a.depth) / (b.row - a.row);
}

double Calibration::rowAtDepth(double depth) const
{
    if (ties.size() < 2)
        return std::numeric_limits<double>::quiet_NaN();
    if (fit == DepthFit::LeastSquares) {
        const Line l = leastSquaresLine();
        return (depth - l.intercept) / l.slope;
    }
    size_t i = 0;
    while (i + 2 < ties.size() && depth > ties[i + 1].depth)
        ++i;
    const DepthTie &a = ties[i];
    const DepthTie &b = ties[i + 1];
    return a.row + (depth - a.depth) * (b.row - a.row) / (b.depth - a.depth);
}

std::vector<double> Calibration::depthGrid(int imageHeight) const
{
    std::vector<double> grid;
    if (step <= 0.0 || ties.size() < 2)
        return grid;
    double top;
    double bottom;
    if (topDepth && bottomDepth) {
        top = *topDepth;
        bottom = *bottomDepth;
    } else {
        // The sheet's rows, less any section's: a repeat section is not the main log.
        const auto [first, last] = sections.empty() ? std::pair{0, std::max(0, imageHeight - 1)} : logRows(imageHeight, 0);
        const double d0 = depthAtRow(double(first));
        const double d1 = depthAtRow(double(std::max(first, last)));
        top = topDepth ? *topDepth : std::ceil(std::min(d0, d1) / step - 1e-9) * step;
        bottom = bottomDepth ? *bottomDepth : std::floor(std::max(d0, d1) / step + 1e-9) * step;
    }
    // The main log stops where a section begins, whatever its interval says.
    if (!sections.empty() && imageHeight > 0) {
        const auto [first, last] = logRows(imageHeight, 0);
        const double d0 = depthAtRow(double(first));
        const double d1 = depthAtRow(double(std::max(first, last)));
        if (last < first) {
            top = 1.0;
            bottom = 0.0;  // nothing of the main log is left
        } else if (std::isfinite(d0) && std::isfinite(d1)) {
            top = std::max(top, std::ceil(std::min(d0, d1) / step - 1e-9) * step);
            bottom = std::min(bottom, std::floor(std::max(d0, d1) / step + 1e-9) * step);
        }
    }
    // An unvalidated calibration (two ties on one row) or extreme values give infinite or NaN
    // bounds; count in double so that no out-of-range value is ever converted to an integer.
    if (!std::isfinite(top) || !std::isfinite(bottom) || !(bottom >= top))
        return grid;
    const double count = std::floor((bottom - top) / step + 1e-6) + 1.0;
    if (!(count >= 1.0 && count <= 50'000'000.0))
        return grid;
    const auto n = static_cast<long long>(count);
    grid.reserve(size_t(n));
    for (long long i = 0; i < n; ++i) {
        // Multiply rather than accumulate, and round to the step's decimals, so values stay exact.
        const double d = top + double(i) * step;
        grid.push_back(std::round(d * 1e6) / 1e6);
    }
    return grid;
}

std::pair<int, int> Calibration::intervalRows(int imageHeight, int margin) const
{
    const std::pair<int, int> whole{0, imageHeight - 1};
    if (ties.size() < 2 || (!topDepth && !bottomDepth) || imageHeight <= 0)
        return whole;
    double a = topDepth ? rowAtDepth(*topDepth) : 0.0;
    double b = bottomDepth ? rowAtDepth(*bottomDepth) : double(imageHeight - 1);
    if (!std::isfinite(a) || !std::isfinite(b))
        return whole;
    // Depth may run up the sheet: the interval is between the two rows, whichever is higher.
    if (topDepth && !bottomDepth && depthAtRow(0.0) > depthAtRow(imageHeight - 1.0))
        b = 0.0;
    if (bottomDepth && !topDepth && depthAtRow(0.0) > depthAtRow(imageHeight - 1.0))
        a = double(imageHeight - 1);
    const double lo = std::min(a, b) - margin;
    const double hi = std::max(a, b) + margin;
    const double first = std::clamp(std::floor(lo), 0.0, double(imageHeight));
    const double last = std::clamp(std::ceil(hi), -1.0, double(imageHeight - 1));
    return {int(first), int(last)};
}

std::pair<int, int> Calibration::logRows(int imageHeight, int margin) const
{
    auto [first, last] = intervalRows(imageHeight, margin);
    for (const DepthSection &section : sections) {
        const int a = int(std::floor(section.firstRow));
        const int b = int(std::ceil(section.lastRow));
        if (b < first || a > last)
            continue;
        // Keep the longer of the stretches above and below the section.
        const int above = a - first;
        const int below = last - b;
        if (above >= below)
            last = a - 1;
        else
            first = b + 1;
    }
    return {first, last};
}

std::pair<int, int> Calibration::traceRows(int imageHeight, int margin) const
{
    auto [first, last] = logRows(imageHeight, margin);
    for (const DepthSection &section : sections) {
        const int a = std::clamp(int(std::floor(section.firstRow)) - margin, 0, std::max(0, imageHeight - 1));
        const int b = std::clamp(int(std::ceil(section.lastRow)) + margin, 0, std::max(0, imageHeight - 1));
        if (last < first) {
            first = a;
            last = b;
        } else {
            first = std::min(first, a);
            last = std::max(last, b);
        }
    }
    return {first, last};
}

double Calibration::depthOnSheet(double row) const
{
    const int k = sectionAt(row);
    if (k >= 0 && sections[size_t(k)].ties.size() >= 2)
        return sectionCalibration(k).depthAtRow(row);
    return depthAtRow(row);
}

int Calibration::sectionAt(double row) const
{
    for (size_t k = 0; k < sections.size(); ++k) {
        if (sections[k].contains(row))
            return int(k);
    }
    return -1;
}

Calibration Calibration::sectionCalibration(int index) const
{
    Calibration out = *this;
    out.sections.clear();
    out.topDepth.reset();
    out.bottomDepth.reset();
    if (index < 0 || index >= int(sections.size()))
        return out;
    const DepthSection &section = sections[size_t(index)];
    out.ties = section.ties;
    out.fit = DepthFit::Piecewise;
    if (out.ties.size() >= 2) {
        const double d0 = out.depthAtRow(section.firstRow);
        const double d1 = out.depthAtRow(section.lastRow);
        if (std::isfinite(d0) && std::isfinite(d1) && step > 0.0) {
            out.topDepth = std::ceil(std::min(d0, d1) / step - 1e-9) * step;
            out.bottomDepth = std::floor(std::max(d0, d1) / step + 1e-9) * step;
        }
    }
    return out;
}

bool DepthSection::operator==(const DepthSection &o) const
{
    return name == o.name && firstRow == o.firstRow && lastRow == o.lastRow
        && std::equal(ties.begin(), ties.end(), o.ties.begin(), o.ties.end(),
                      [](const DepthTie &a, const DepthTie &b) { return a.row == b.row && a.depth == b.depth; });
}

QString Calibration::validate(Wording wording) const
{
    // Each problem in the file's terms (the keys a calibration file holds) and in a user's words.
    const bool words = wording == Wording::Words;
    const auto say = [words](const QString &keys, const QString &plain) { return words ? plain : keys; };
    if (depthUnit != QLatin1String("M") && depthUnit != QLatin1String("FT"))
        return say(QStringLiteral("'depth.unit' must be \"M\" or \"FT\", not \"%1\"").arg(depthUnit),
                   QStringLiteral("the depth unit must be metres or feet"));
    if (ties.size() < 2)
        return say(QStringLiteral("'depth.ties' needs at least two ties, found %1").arg(ties.size()),
                   ties.empty() ? QStringLiteral("needs two depth ties: click two printed depths on the sheet")
                                : QStringLiteral("needs a second depth tie: click another printed depth on the sheet"));
    for (size_t i = 0; i < ties.size(); ++i) {
        if (!isFinite(ties[i].row) || !isFinite(ties[i].depth))
            return say(QStringLiteral("'depth.ties[%1]' holds a value that is not finite").arg(i),
                       QStringLiteral("depth tie %1 has no valid row or depth").arg(i + 1));
        if (i > 0 && !(ties[i].row > ties[i - 1].row))
            return say(QStringLiteral("'depth.ties' are not monotonic: row %1 of tie %2 does not follow row %3 of tie %4")
                           .arg(ties[i].row).arg(i).arg(ties[i - 1].row).arg(i - 1),
                       QStringLiteral("two depth ties are on the same row"));
        if (i > 0 && !(ties[i].depth > ties[i - 1].depth))
            return say(QStringLiteral("'depth.ties' are not monotonic: depth %1 of tie %2 does not increase from %3 of tie %4")
                           .arg(ties[i].depth).arg(i).arg(ties[i - 1].depth).arg(i - 1),
                       QStringLiteral("the depth ties do not increase down the sheet: depth %1 is below %2")
                           .arg(ties[i].depth).arg(ties[i - 1].depth));
    }
    if (!isFinite(step) || step <= 0.0)
        return say(QStringLiteral("'step' must be positive, not %1").arg(step),
                   QStringLiteral("the output step must be more than zero"));
    if (topDepth && bottomDepth && !(*bottomDepth > *topDepth))
        return say(QStringLiteral("'bottom_depth' (%1) must be greater than 'top_depth' (%2)").arg(*bottomDepth).arg(*topDepth),
                   QStringLiteral("the bottom of the log (%1) must be deeper than its top (%2)").arg(*bottomDepth).arg(*topDepth));
    for (size_t k = 0; k < sections.size(); ++k) {
        const DepthSection &section = sections[k];
        const QString path = QStringLiteral("sections[%1]").arg(k);
        const QString name = QStringLiteral("section %1 (%2)").arg(k + 1).arg(section.name);
        if (!isFinite(section.firstRow) || !isFinite(section.lastRow) || !(section.lastRow > section.firstRow))
            return say(QStringLiteral("'%1.last_row' must be below 'first_row'").arg(path),
                       QStringLiteral("%1 ends above its start").arg(name));
        if (section.name.trimmed().isEmpty())
            return say(QStringLiteral("'%1.name' must not be empty").arg(path), QStringLiteral("section %1 needs a name").arg(k + 1));
        if (section.ties.size() < 2)
            return say(QStringLiteral("'%1.ties' needs at least two ties, found %2").arg(path).arg(section.ties.size()),
                       QStringLiteral("%1 needs two depth ties of its own: click two printed depths inside it").arg(name));
        for (size_t i = 0; i < section.ties.size(); ++i) {
            const DepthTie &tie = section.ties[i];
            if (!isFinite(tie.row) || !isFinite(tie.depth))
                return say(QStringLiteral("'%1.ties[%2]' holds a value that is not finite").arg(path).arg(i),
                           QStringLiteral("a depth tie of %1 has no valid row or depth").arg(name));
            if (i > 0 && (!(tie.row > section.ties[i - 1].row) || !(tie.depth > section.ties[i - 1].depth)))
                return say(QStringLiteral("'%1.ties' must increase in row and depth").arg(path),
                           QStringLiteral("the depth ties of %1 do not increase down the sheet").arg(name));
        }
        for (size_t j = 0; j < k; ++j) {
            if (sections[j].firstRow <= section.lastRow && section.firstRow <= sections[j].lastRow)
                return say(QStringLiteral("'%1' overlaps 'sections[%2]'").arg(path).arg(j),
                           QStringLiteral("%1 overlaps section %2").arg(name).arg(j + 1));
        }
    }
    if (tracks.empty())
        return say(QStringLiteral("'tracks' must hold at least one track"), QStringLiteral("needs at least one track"));
    for (size_t t = 0; t < tracks.size(); ++t) {
        const Track &track = tracks[t];
        if (!isFinite(track.left) || !isFinite(track.right) || track.left == track.right)
            return say(QStringLiteral("'tracks[%1].left' and 'tracks[%1].right' must differ").arg(t),
                       QStringLiteral("track %1 has no width").arg(t + 1));
        if (track.left > track.right)
            return say(QStringLiteral("'tracks[%1].left' (%2) must be left of 'right' (%3)").arg(t).arg(track.left).arg(track.right),
                       QStringLiteral("track %1's left edge is right of its right edge").arg(t + 1));
        if (track.curves.size() > 2)
            return say(QStringLiteral("'tracks[%1].curves' holds %2 curves; a track has at most two").arg(t).arg(track.curves.size()),
                       QStringLiteral("track %1 has %2 curves; a track has at most two").arg(t + 1).arg(track.curves.size()));
        for (size_t c = 0; c < track.curves.size(); ++c) {
            const CurveScale &curve = track.curves[c];
            const QString path = QStringLiteral("tracks[%1].curves[%2]").arg(t).arg(c);
            const QString name = QStringLiteral("track %1's curve %2").arg(t + 1).arg(c + 1);
            if (curve.classId != 1 && curve.classId != 2)
                return say(QStringLiteral("'%1.class' must be 1 or 2, not %2").arg(path).arg(curve.classId),
                           QStringLiteral("%1 must be curve one or curve two").arg(name));
            if (c == 1 && track.curves[0].classId == curve.classId)
                return say(QStringLiteral("'%1.class' repeats class %2 in one track").arg(path).arg(curve.classId),
                           QStringLiteral("track %1 has two curves of class C%2: one must be C1, the other C2")
                               .arg(t + 1).arg(curve.classId));
            if (curve.mnemonic.trimmed().isEmpty())
                return say(QStringLiteral("'%1.mnemonic' must not be empty").arg(path),
                           QStringLiteral("%1 needs a mnemonic (such as GR)").arg(name));
            if (!isFinite(curve.left) || !isFinite(curve.right) || curve.left == curve.right)
                return say(QStringLiteral("'%1.left' and '%1.right' must differ").arg(path),
                           QStringLiteral("%1 (%2) needs different left and right scale values").arg(name, curve.mnemonic));
            if (curve.type == ScaleType::Log && (curve.left <= 0.0 || curve.right <= 0.0))
                return say(QStringLiteral("'%1.left'/'right' must be positive on a log scale").arg(path),
                           QStringLiteral("%1 (%2) is on a log scale: its scale values must be more than zero")
                               .arg(name, curve.mnemonic));
        }
    }
    return {};
}

Result<Calibration> Calibration::fromJson(const QByteArray &json, Validation validation)
{
    using R = Result<Calibration>;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return R::failure(QStringLiteral("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return R::failure(QStringLiteral("the top level must be a JSON object"));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != kFormat)
        return R::failure(QStringLiteral("'format' must be \"%1\"").arg(kFormat));

    Calibration cal;
    QString error;
    const QJsonObject depth = root.value(QStringLiteral("depth")).toObject();
    if (!root.value(QStringLiteral("depth")).isObject())
        return R::failure(QStringLiteral("'depth' must be an object"));
    cal.depthUnit = depth.value(QStringLiteral("unit")).toString(QStringLiteral("M")).toUpper();
    const QString fit = depth.value(QStringLiteral("fit")).toString(QStringLiteral("piecewise"));
    if (fit == QLatin1String("least-squares"))
        cal.fit = DepthFit::LeastSquares;
    else if (fit == QLatin1String("piecewise") || fit == QLatin1String("linear"))
        cal.fit = DepthFit::Piecewise;
    else
        return R::failure(QStringLiteral("'depth.fit' must be \"piecewise\" or \"least-squares\", not \"%1\"").arg(fit));
    if (!depth.value(QStringLiteral("ties")).isArray())
        return R::failure(QStringLiteral("'depth.ties' must be an array"));
    if (!readTies(depth.value(QStringLiteral("ties")).toArray(), QStringLiteral("depth.ties"), cal.ties, error))
        return R::failure(error);
    if (!readNumber(root, QStringLiteral("step"), QStringLiteral("step"), cal.step, error))
        return R::failure(error);
    for (const auto &[key, target] : {std::pair{QStringLiteral("top_depth"), &cal.topDepth},
                                      std::pair{QStringLiteral("bottom_depth"), &cal.bottomDepth}}) {
        if (root.contains(key) && !root.value(key).isNull()) {
            double v = 0;
            if (!readNumber(root, key, key, v, error))
                return R::failure(error);
            *target = v;
        }
    }
    if (!root.value(QStringLiteral("tracks")).isArray())
        return R::failure(QStringLiteral("'tracks' must be an array"));
    const QJsonArray tracks = root.value(QStringLiteral("tracks")).toArray();
    for (qsizetype ti = 0; ti < tracks.size(); ++ti) {
        const QJsonObject t = tracks.at(ti).toObject();
        const QString tpath = QStringLiteral("tracks[%1]").arg(ti);
        Track track;
        if (!readNumber(t, QStringLiteral("left"), tpath + QStringLiteral(".left"), track.left, error)
            || !readNumber(t, QStringLiteral("right"), tpath + QStringLiteral(".right"), track.right, error))
            return R::failure(error);
        const QJsonArray curves = t.value(QStringLiteral("curves")).toArray();
        for (qsizetype ci = 0; ci < curves.size(); ++ci) {
            const QJsonObject c = curves.at(ci).toObject();
            const QString cpath = QStringLiteral("%1.curves[%2]").arg(tpath).arg(ci);
            CurveScale curve;
            double cls = 0;
            if (!readNumber(c, QStringLiteral("class"), cpath + QStringLiteral(".class"), cls, error))
                return R::failure(error);
            if (cls != std::floor(cls))
                return R::failure(QStringLiteral("'%1.class' must be 1 or 2, not %2").arg(cpath).arg(cls));
            curve.classId = int(std::clamp(cls, -1e6, 1e6));
            curve.mnemonic = c.value(QStringLiteral("mnemonic")).toString();
            curve.unit = c.value(QStringLiteral("unit")).toString();
            const QString scale = c.value(QStringLiteral("scale")).toString(QStringLiteral("linear"));
            if (scale == QLatin1String("linear"))
                curve.type = ScaleType::Linear;
            else if (scale == QLatin1String("log") || scale == QLatin1String("logarithmic"))
                curve.type = ScaleType::Log;
            else
                return R::failure(QStringLiteral("'%1.scale' must be \"linear\" or \"log\", not \"%2\"").arg(cpath, scale));
            if (!readNumber(c, QStringLiteral("left"), cpath + QStringLiteral(".left"), curve.left, error)
                || !readNumber(c, QStringLiteral("right"), cpath + QStringLiteral(".right"), curve.right, error))
                return R::failure(error);
            const QJsonValue wrap = c.value(QStringLiteral("wrap"));
            if (!wrap.isUndefined() && !wrap.isNull() && !wrap.isBool())
                return R::failure(QStringLiteral("'%1.wrap' must be true or false").arg(cpath));
            curve.wrap = wrap.toBool(false);
            const QJsonValue ink = c.value(QStringLiteral("ink"));
            if (!ink.isUndefined() && !ink.isNull()) {
                static const QRegularExpression hex(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
                if (!ink.isString() || !hex.match(ink.toString()).hasMatch())
                    return R::failure(QStringLiteral("'%1.ink' must be a colour written \"#rrggbb\"").arg(cpath));
                curve.ink = ink.toString().toLower();
            }
            track.curves.push_back(curve);
        }
        cal.tracks.push_back(track);
    }
    const QJsonValue sections = root.value(QStringLiteral("sections"));
    if (!sections.isUndefined() && !sections.isNull() && !sections.isArray())
        return R::failure(QStringLiteral("'sections' must be an array"));
    for (qsizetype k = 0; k < sections.toArray().size(); ++k) {
        const QJsonObject o = sections.toArray().at(k).toObject();
        const QString path = QStringLiteral("sections[%1]").arg(k);
        DepthSection section;
        section.name = o.value(QStringLiteral("name")).toString(QStringLiteral("REPEAT")).trimmed().toUpper();
        if (!readNumber(o, QStringLiteral("first_row"), path + QStringLiteral(".first_row"), section.firstRow, error)
            || !readNumber(o, QStringLiteral("last_row"), path + QStringLiteral(".last_row"), section.lastRow, error))
            return R::failure(error);
        if (!readTies(o.value(QStringLiteral("ties")).toArray(), path + QStringLiteral(".ties"), section.ties, error))
            return R::failure(error);
        cal.sections.push_back(section);
    }
    if (validation == Validation::Full) {
        const QString invalid = cal.validate();
        if (!invalid.isEmpty())
            return R::failure(invalid);
    }
    return cal;
}

QByteArray Calibration::toJson() const
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), kFormat);
    QJsonObject depth;
    depth.insert(QStringLiteral("unit"), depthUnit);
    if (fit == DepthFit::LeastSquares)
        depth.insert(QStringLiteral("fit"), QStringLiteral("least-squares"));
    depth.insert(QStringLiteral("ties"), tiesToJson(ties));
    root.insert(QStringLiteral("depth"), depth);
    root.insert(QStringLiteral("step"), step);
    if (topDepth)
        root.insert(QStringLiteral("top_depth"), *topDepth);
    if (bottomDepth)
        root.insert(QStringLiteral("bottom_depth"), *bottomDepth);
    QJsonArray trackArray;
    for (const Track &t : tracks) {
        QJsonArray curveArray;
        for (const CurveScale &c : t.curves) {
            QJsonObject o{{QStringLiteral("class"), c.classId},
                          {QStringLiteral("mnemonic"), c.mnemonic},
                          {QStringLiteral("unit"), c.unit},
                          {QStringLiteral("scale"), c.type == ScaleType::Log ? QStringLiteral("log") : QStringLiteral("linear")},
                          {QStringLiteral("left"), c.left},
                          {QStringLiteral("right"), c.right}};
            if (c.wrap)
                o.insert(QStringLiteral("wrap"), true);
            if (!c.ink.isEmpty())
                o.insert(QStringLiteral("ink"), c.ink);
            curveArray.append(o);
        }
        trackArray.append(QJsonObject{{QStringLiteral("left"), t.left},
                                      {QStringLiteral("right"), t.right},
                                      {QStringLiteral("curves"), curveArray}});
    }
    root.insert(QStringLiteral("tracks"), trackArray);
    if (!sections.empty()) {
        QJsonArray sectionArray;
        for (const DepthSection &section : sections) {
            sectionArray.append(QJsonObject{{QStringLiteral("name"), section.name},
                                            {QStringLiteral("first_row"), section.firstRow},
                                            {QStringLiteral("last_row"), section.lastRow},
                                            {QStringLiteral("ties"), tiesToJson(section.ties)}});
        }
        root.insert(QStringLiteral("sections"), sectionArray);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<Calibration> Calibration::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<Calibration>::failure(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    if (file.size() > 64 * 1024 * 1024)
        return Result<Calibration>::failure(QStringLiteral("%1: too large for a calibration file").arg(path));
    auto result = fromJson(file.readAll());
    if (!result)
        return Result<Calibration>::failure(QStringLiteral("%1: %2").arg(path, result.error()));
    return result;
}

Status Calibration::save(const QString &path) const
{
    return writeFileAtomically(path, toJson());
}

bool Calibration::operator==(const Calibration &o) const
{
    auto tieEq = [](const DepthTie &a, const DepthTie &b) { return a.row == b.row && a.depth == b.depth; };
    auto curveEq = [](const CurveScale &a, const CurveScale &b) {
        return a.classId == b.classId && a.mnemonic == b.mnemonic && a.unit == b.unit && a.type == b.type
            && a.left == b.left && a.right == b.right && a.wrap == b.wrap && a.ink == b.ink;
    };
    auto trackEq = [&](const Track &a, const Track &b) {
        return a.left == b.left && a.right == b.right
            && std::equal(a.curves.begin(), a.curves.end(), b.curves.begin(), b.curves.end(), curveEq);
    };
    return depthUnit == o.depthUnit && fit == o.fit && step == o.step && topDepth == o.topDepth
        && bottomDepth == o.bottomDepth
        && std::equal(ties.begin(), ties.end(), o.ties.begin(), o.ties.end(), tieEq)
        && std::equal(tracks.begin(), tracks.end(), o.tracks.begin(), o.tracks.end(), trackEq)
        && sections == o.sections;
}

} // namespace veer
