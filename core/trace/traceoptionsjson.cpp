#include "traceoptionsjson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <functional>
#include <vector>

namespace veer {

namespace {

/** One tunable member: its JSON key, how many values (1 or 2 per curve) and where they live. */
struct Field
{
    const char *key;
    std::function<std::vector<double>(const TraceOptions &)> get;
    std::function<void(TraceOptions &, const std::vector<double> &)> set;
    double min;
    double max;
    bool integer;
    int count;
};

template<typename T>
Field scalar(const char *key, T TraceOptions::*member, double min, double max)
{
    return {key,
            [member](const TraceOptions &o) { return std::vector<double>{double(o.*member)}; },
            [member](TraceOptions &o, const std::vector<double> &v) { o.*member = T(v[0]); },
            min, max, std::is_integral_v<T>, 1};
}

template<typename T>
Field pair(const char *key, T (TraceOptions::*member)[2], double min, double max)
{
    return {key,
            [member](const TraceOptions &o) { return std::vector<double>{double((o.*member)[0]), double((o.*member)[1])}; },
            [member](TraceOptions &o, const std::vector<double> &v) {
                (o.*member)[0] = T(v[0]);
                (o.*member)[1] = T(v[1]);
            },
            min, max, std::is_integral_v<T>, 2};
}

const std::vector<Field> &fields()
{
    static const std::vector<Field> all = {
        scalar("maxCandidates", &TraceOptions::maxCandidates, 1, 16),
        pair("joinGap", &TraceOptions::joinGap, 0, 200),
        scalar("probabilityThreshold", &TraceOptions::probabilityThreshold, 1, 255),
        scalar("crossClassSupport", &TraceOptions::crossClassSupport, 0, 1),
        scalar("evidenceWeight", &TraceOptions::evidenceWeight, 0, 100),
        pair("absentCost", &TraceOptions::absentCost, 0, 100),
        pair("unexplainedCost", &TraceOptions::unexplainedCost, 0, 100),
        scalar("slopeWeight", &TraceOptions::slopeWeight, 0, 100),
        scalar("huberDelta", &TraceOptions::huberDelta, 0.01, 1000),
        scalar("touchCap", &TraceOptions::touchCap, 0, 100),
        scalar("gapTolerance", &TraceOptions::gapTolerance, 0, 100),
        scalar("shareCost", &TraceOptions::shareCost, 0, 100),
        scalar("shareGrowth", &TraceOptions::shareGrowth, 0, 100),
        scalar("wrapCost", &TraceOptions::wrapCost, 0, 100),
        scalar("velocityGain", &TraceOptions::velocityGain, 0, 1),
        scalar("hideMargin", &TraceOptions::hideMargin, 0, 100),
        scalar("maxBridgeRows", &TraceOptions::maxBridgeRows, 0, 100000),
        scalar("maxHiddenRows", &TraceOptions::maxHiddenRows, 0, 1000000),
        scalar("hiddenReach", &TraceOptions::hiddenReach, 0, 1000),
        pair("maxFaintRows", &TraceOptions::maxFaintRows, 0, 1000000),
        scalar("faintThreshold", &TraceOptions::faintThreshold, 1, 255),
        scalar("faintSpacing", &TraceOptions::faintSpacing, 1, 10000),
        scalar("faintStep", &TraceOptions::faintStep, 1, 100),
        scalar("reacquireRows", &TraceOptions::reacquireRows, 0, 1000000),
        scalar("wrapReacquireRows", &TraceOptions::wrapReacquireRows, 0, 1000000),
        scalar("edgeMargin", &TraceOptions::edgeMargin, 0, 1000),
    };
    return all;
}

} // namespace

QJsonObject traceOptionsToJson(const TraceOptions &options)
{
    QJsonObject o;
    for (const Field &f : fields()) {
        const std::vector<double> v = f.get(options);
        if (f.count == 1)
            o.insert(QLatin1String(f.key), v[0]);
        else
            o.insert(QLatin1String(f.key), QJsonArray{v[0], v[1]});
    }
    return o;
}

Result<TraceOptions> traceOptionsFromJson(const QJsonObject &json, TraceOptions base)
{
    using R = Result<TraceOptions>;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const Field *field = nullptr;
        for (const Field &f : fields()) {
            if (it.key() == QLatin1String(f.key))
                field = &f;
        }
        if (!field)
            return R::failure(QStringLiteral("unknown tracer option '%1'").arg(it.key()));
        std::vector<double> values;
        if (it->isDouble()) {
            values.assign(size_t(field->count), it->toDouble());  // one number sets both curves
        } else if (it->isArray() && field->count == 2 && it->toArray().size() == 2 && it->toArray().at(0).isDouble()
                   && it->toArray().at(1).isDouble()) {
            values = {it->toArray().at(0).toDouble(), it->toArray().at(1).toDouble()};
        } else {
            return R::failure(QStringLiteral("tracer option '%1' must be %2").arg(
                it.key(), field->count == 2 ? QStringLiteral("a number or an array of two numbers") : QStringLiteral("a number")));
        }
        for (double v : values) {
            if (!std::isfinite(v) || v < field->min || v > field->max || (field->integer && v != std::floor(v)))
                return R::failure(QStringLiteral("tracer option '%1' must be %2 from %3 to %4")
                                      .arg(it.key(), field->integer ? QStringLiteral("a whole number") : QStringLiteral("a number"))
                                      .arg(field->min).arg(field->max));
        }
        field->set(base, values);
    }
    return base;
}

Result<TraceOptions> loadTraceOptions(const QString &path)
{
    using R = Result<TraceOptions>;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return R::failure(QStringLiteral("%1: not valid JSON: %2").arg(path, error.errorString()));
    auto options = traceOptionsFromJson(doc.object());
    if (!options)
        return R::failure(QStringLiteral("%1: %2").arg(path, options.error()));
    return options;
}

} // namespace veer
