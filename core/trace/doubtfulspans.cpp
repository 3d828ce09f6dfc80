#include "doubtfulspans.h"

#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace veer {

namespace {

/** Per row of one track: reasons and doubt in [0,1]. */
struct RowDoubt
{
    unsigned reasons = 0;
    double score = 0.0;
    unsigned curves = 0;  ///< curveBit()s of the curves the doubt is about

    void add(unsigned reason, double s, unsigned curveBits)
    {
        reasons |= reason;
        score = std::max(score, std::clamp(s, 0.0, 1.0));
        curves |= curveBits;
    }
};

void markCurve(const CurveTrace &curve, int rows, const DoubtOptions &options, std::vector<RowDoubt> &out)
{
    const int n = std::min(rows, int(curve.column.size()));
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; ++i) {
        if (std::isfinite(curve.column[size_t(i)])) {
            if (first < 0)
                first = i;
            last = i;
        }
    }
    if (first < 0)
        return;
    for (int i = first; i <= last; ++i) {
        if (!std::isfinite(curve.column[size_t(i)])) {
            out[size_t(i)].add(Gap, 1.0, curveBit(curve.classId));
            continue;
        }
        const float c = size_t(i) < curve.confidence.size() ? curve.confidence[size_t(i)] : 0.0f;
        if (c < options.lowConfidence)
            out[size_t(i)].add(LowConfidence, options.lowConfidence > 0 ? 1.0 - c / options.lowConfidence : 1.0,
                              curveBit(curve.classId));
    }
}

/**
 * Rows around each wrap event: a value there moves by a whole scale span if the wrap is wrong, so
 * each is doubtful at full score. A wrap whose return is never seen (the count is not back to zero
 * where the curve ends) also marks the curve's last traced rows: every value from the wrap down
 * rests on it.
 */
void markWraps(const CurveTrace &curve, int firstRow, int rows, std::vector<RowDoubt> &out)
{
    constexpr int kReach = 3;
    int net = 0;
    for (const WrapEvent &w : curve.wraps) {
        net += (w.direction > 0) - (w.direction < 0);
        const int r = w.row - firstRow;
        for (int i = std::max(0, r - kReach); i <= std::min(rows - 1, r + kReach); ++i)
            out[size_t(i)].add(Wrap, 1.0, curveBit(curve.classId));
    }
    if (net == 0)
        return;
    const int n = std::min(rows, int(curve.column.size()));
    int last = n - 1;
    while (last >= 0 && !std::isfinite(curve.column[size_t(last)]))
        --last;
    for (int i = std::max(0, last - kReach); i <= last; ++i)
        out[size_t(i)].add(Wrap, 1.0, curveBit(curve.classId));
}

void markNear(const CurveTrace &a, const CurveTrace &b, int rows, const DoubtOptions &options,
              std::vector<RowDoubt> &out)
{
    const int n = std::min({rows, int(a.column.size()), int(b.column.size())});
    const unsigned both = curveBit(a.classId) | curveBit(b.classId);
    int previousSide = 0;
    int previousRow = -2;
    for (int i = 0; i < n; ++i) {
        const float x = a.column[size_t(i)];
        const float y = b.column[size_t(i)];
        if (!std::isfinite(x) || !std::isfinite(y)) {
            previousSide = 0;
            continue;
        }
        const double d = std::abs(double(x) - double(y));
        if (d < options.nearDistance)
            out[size_t(i)].add(NearCrossing, options.nearDistance > 0 ? 1.0 - d / options.nearDistance : 1.0, both);
        const int side = x < y ? -1 : (x > y ? 1 : 0);
        // Changing sides between two traced rows is a crossing, however far apart they are.
        if (side != 0 && previousSide != 0 && side != previousSide && previousRow == i - 1) {
            out[size_t(i - 1)].add(NearCrossing, 1.0, both);
            out[size_t(i)].add(NearCrossing, 1.0, both);
        }
        if (side != 0) {
            previousSide = side;
            previousRow = i;
        }
    }
}

float at(const CurveTrace &c, int i)
{
    return i >= 0 && i < int(c.column.size()) ? c.column[size_t(i)] : std::numeric_limits<float>::quiet_NaN();
}

/** The last traced row at or before `i` (-1 if none) and the first at or after it (-1 if none). */
int tracedBefore(const CurveTrace &c, int i)
{
    for (i = std::min(i, int(c.column.size()) - 1); i >= 0; --i)
        if (std::isfinite(c.column[size_t(i)]))
            return i;
    return -1;
}

int tracedAfter(const CurveTrace &c, int i)
{
    for (i = std::max(i, 0); i < int(c.column.size()); ++i)
        if (std::isfinite(c.column[size_t(i)]))
            return i;
    return -1;
}

/** Largest distance of the traced rows first..last from the chord between the traced rows beside them. */
double detour(const CurveTrace &c, int first, int last)
{
    const int a = tracedBefore(c, first - 1);
    const int b = tracedAfter(c, last + 1);
    double worst = 0.0;
    for (int i = first; i <= last; ++i) {
        const float x = at(c, i);
        if (!std::isfinite(x))
            continue;
        double reference = x;
        if (a >= 0 && b >= 0)
            reference = at(c, a) + (at(c, b) - at(c, a)) * double(i - a) / double(b - a);
        else if (a >= 0)
            reference = at(c, a);
        else if (b >= 0)
            reference = at(c, b);
        worst = std::max(worst, std::abs(double(x) - reference));
    }
    return worst;
}

/** Where rows first..last (track-relative) are doubtful, how far a value there may be off (px). */
double spanShift(const std::vector<CurveTrace> &curves, int first, int last, unsigned reasons, double width,
                 const DoubtOptions &options)
{
    double shift = 0.0;
    if (reasons & Wrap)
        shift = std::max(shift, width);
    if (reasons & NearCrossing) {
        for (size_t a = 0; a < curves.size(); ++a)
            for (size_t b = a + 1; b < curves.size(); ++b)
                for (int i = first - options.swapReach; i <= last + options.swapReach; ++i) {
                    const float x = at(curves[a], i);
                    const float y = at(curves[b], i);
                    if (std::isfinite(x) && std::isfinite(y))
                        shift = std::max(shift, std::abs(double(x) - double(y)));
                }
    }
    for (const CurveTrace &c : curves) {
        if (reasons & Gap) {
            // Each null run in the span: the jump between the traced rows on either side.
            for (int i = first; i <= last; ++i) {
                if (std::isfinite(at(c, i)) || (i > first && !std::isfinite(at(c, i - 1))))
                    continue;
                const int a = tracedBefore(c, i - 1);
                const int b = tracedAfter(c, i);
                if (a >= 0 && b >= 0)
                    shift = std::max(shift, double(std::abs(at(c, b) - at(c, a))));
            }
        }
        if (reasons & LowConfidence)
            shift = std::max(shift, detour(c, first, last));
    }
    return shift;
}

} // namespace

DoubtKind doubtKind(unsigned reasons)
{
    if (reasons & Wrap)
        return DoubtKind::Wrap;
    if (reasons & NearCrossing)
        return DoubtKind::Crossing;
    if (reasons & Gap)
        return DoubtKind::Gap;
    return DoubtKind::LowConfidence;
}

QString doubtKindName(DoubtKind kind)
{
    switch (kind) {
    case DoubtKind::Wrap:
        return QStringLiteral("wraps");
    case DoubtKind::Crossing:
        return QStringLiteral("crossings");
    case DoubtKind::Gap:
        return QStringLiteral("gaps");
    case DoubtKind::LowConfidence:
        break;
    }
    return QStringLiteral("low confidence");
}

std::vector<int> rankDoubtSpans(const std::vector<DoubtSpan> &spans, const std::vector<double> &trackWidths)
{
    const auto share = [&trackWidths](const DoubtSpan &s) {
        const bool known = s.track >= 0 && s.track < int(trackWidths.size()) && trackWidths[size_t(s.track)] > 0;
        return known ? std::min(s.shift, trackWidths[size_t(s.track)]) / trackWidths[size_t(s.track)] : s.shift;
    };
    std::vector<int> order(spans.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&spans, &share](int a, int b) {
        const DoubtSpan &x = spans[size_t(a)];
        const DoubtSpan &y = spans[size_t(b)];
        const int kx = int(doubtKind(x.reasons));
        const int ky = int(doubtKind(y.reasons));
        if (kx != ky)
            return kx < ky;
        if (share(x) != share(y))
            return share(x) > share(y);
        return x.firstRow != y.firstRow ? x.firstRow < y.firstRow : x.track < y.track;
    });
    return order;
}

std::vector<DoubtSpan> findDoubtfulSpans(const TraceResult &trace, const DoubtOptions &options)
{
    std::vector<DoubtSpan> spans;
    const int rows = std::max(0, trace.rowCount);
    for (int t = 0; t < int(trace.tracks.size()); ++t) {
        const auto &curves = trace.tracks[size_t(t)].curves;
        std::vector<RowDoubt> doubt(static_cast<size_t>(rows));
        for (const CurveTrace &c : curves) {
            markCurve(c, rows, options, doubt);
            markWraps(c, trace.firstRow, rows, doubt);
        }
        for (size_t a = 0; a < curves.size(); ++a)
            for (size_t b = a + 1; b < curves.size(); ++b)
                markNear(curves[a], curves[b], rows, options, doubt);

        std::vector<DoubtSpan> track;
        for (int i = 0; i < rows;) {
            if (!doubt[size_t(i)].reasons) {
                ++i;
                continue;
            }
            DoubtSpan s;
            s.track = t;
            s.firstRow = i;
            s.curves = 0;
            while (i < rows && doubt[size_t(i)].reasons) {
                s.reasons |= doubt[size_t(i)].reasons;
                s.score = std::max(s.score, doubt[size_t(i)].score);
                s.curves |= doubt[size_t(i)].curves;
                ++i;
            }
            s.lastRow = i - 1;
            if (!track.empty() && s.firstRow - track.back().lastRow - 1 <= options.mergeGap
                && s.lastRow - track.back().firstRow + 1 <= options.maxMergedRows) {
                DoubtSpan &p = track.back();
                p.lastRow = s.lastRow;
                p.reasons |= s.reasons;
                p.score = std::max(p.score, s.score);
                p.curves |= s.curves;
            } else {
                track.push_back(s);
            }
        }
        const double width = t < int(options.trackWidths.size()) && options.trackWidths[size_t(t)] > 0
                                 ? options.trackWidths[size_t(t)]
                                 : kWrapShift;
        for (DoubtSpan &s : track) {
            if (s.rowCount() < options.minRows && s.reasons == LowConfidence)
                continue;
            s.shift = spanShift(curves, s.firstRow, s.lastRow, s.reasons, width, options);
            s.firstRow += trace.firstRow;
            s.lastRow += trace.firstRow;
            spans.push_back(s);
        }
    }
    std::sort(spans.begin(), spans.end(), [](const DoubtSpan &a, const DoubtSpan &b) {
        return a.firstRow != b.firstRow ? a.firstRow < b.firstRow : a.track < b.track;
    });
    return spans;
}

void carryDoubtStates(const std::vector<DoubtSpan> &previous, std::vector<DoubtSpan> &fresh)
{
    // A fix is the stronger statement: Fixed > Accepted > Unreviewed.
    const auto rank = [](DoubtState s) { return s == DoubtState::Fixed ? 2 : (s == DoubtState::Accepted ? 1 : 0); };
    for (DoubtSpan &s : fresh) {
        s.state = DoubtState::Unreviewed;
        for (const DoubtSpan &p : previous)
            if (p.overlaps(s) && rank(p.state) > rank(s.state))
                s.state = p.state;
    }
}

int nextDoubtSpan(const std::vector<DoubtSpan> &spans, int current, bool forward, unsigned stateMask)
{
    const int n = int(spans.size());
    if (forward) {
        for (int i = std::max(-1, current) + 1; i < n; ++i)
            if (stateMask & doubtStateBit(spans[size_t(i)].state))
                return i;
    } else {
        for (int i = (current < 0 || current > n ? n : current) - 1; i >= 0; --i)
            if (stateMask & doubtStateBit(spans[size_t(i)].state))
                return i;
    }
    return -1;
}

QString doubtReasonText(unsigned reasons)
{
    QStringList parts;
    if (reasons & LowConfidence)
        parts << QStringLiteral("low confidence");
    if (reasons & NearCrossing)
        parts << QStringLiteral("near crossing");
    if (reasons & Gap)
        parts << QStringLiteral("gap");
    if (reasons & Wrap)
        parts << QStringLiteral("wrap");
    return parts.join(QStringLiteral(", "));
}

QString doubtStateName(DoubtState state)
{
    switch (state) {
    case DoubtState::Fixed:
        return QStringLiteral("fixed");
    case DoubtState::Accepted:
        return QStringLiteral("accepted");
    case DoubtState::Unreviewed:
        break;
    }
    return QStringLiteral("unreviewed");
}

DoubtState doubtStateFromName(const QString &name)
{
    if (name == QLatin1String("fixed"))
        return DoubtState::Fixed;
    if (name == QLatin1String("accepted"))
        return DoubtState::Accepted;
    return DoubtState::Unreviewed;
}

QJsonArray doubtSpansToJson(const std::vector<DoubtSpan> &spans)
{
    QJsonArray array;
    for (const DoubtSpan &s : spans) {
        array.append(QJsonObject{{QStringLiteral("track"), s.track},
                                 {QStringLiteral("first_row"), s.firstRow},
                                 {QStringLiteral("last_row"), s.lastRow},
                                 {QStringLiteral("reasons"), int(s.reasons)},
                                 {QStringLiteral("score"), std::round(s.score * 1000.0) / 1000.0},
                                 {QStringLiteral("shift"), std::round(s.shift * 10.0) / 10.0},
                                 {QStringLiteral("state"), doubtStateName(s.state)},
                                 {QStringLiteral("curves"), int(s.curves)}});
    }
    return array;
}

std::vector<DoubtSpan> doubtSpansFromJson(const QJsonArray &array)
{
    std::vector<DoubtSpan> spans;
    for (const QJsonValue &v : array) {
        if (!v.isObject())
            continue;
        const QJsonObject o = v.toObject();
        DoubtSpan s;
        s.track = o.value(QStringLiteral("track")).toInt(-1);
        s.firstRow = o.value(QStringLiteral("first_row")).toInt();
        s.lastRow = o.value(QStringLiteral("last_row")).toInt(-1);
        s.reasons = unsigned(o.value(QStringLiteral("reasons")).toInt()) & 0xfu;
        s.score = std::clamp(o.value(QStringLiteral("score")).toDouble(), 0.0, 1.0);
        s.shift = std::clamp(o.value(QStringLiteral("shift")).toDouble(), 0.0, kWrapShift);
        s.state = doubtStateFromName(o.value(QStringLiteral("state")).toString());
        // Spans saved before curves were recorded are about both curves.
        s.curves = unsigned(o.value(QStringLiteral("curves")).toInt(3)) & 3u;
        if (s.curves == 0)
            s.curves = 3u;
        if (s.track < 0 || s.lastRow < s.firstRow)
            continue;
        spans.push_back(s);
    }
    return spans;
}

} // namespace veer
