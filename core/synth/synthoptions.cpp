#include "synthoptions.h"

namespace veer {

namespace {

template<typename E, size_t N>
bool parseWord(const QString &text, const std::pair<const char *, E> (&table)[N], E &out)
{
    const QString t = text.trimmed().toLower();
    for (const auto &[word, value] : table) {
        if (t == QLatin1String(word)) {
            out = value;
            return true;
        }
    }
    return false;
}

const std::pair<const char *, DashStyle> kDash[] = {
    {"any", DashStyle::Any}, {"dashed", DashStyle::Dashed}, {"longdash", DashStyle::LongDashed},
    {"dotted", DashStyle::Dotted}, {"dashdot", DashStyle::DashDot}, {"sparsedot", DashStyle::SparseDotted}};
const std::pair<const char *, ScaleChoice> kScale[] = {
    {"any", ScaleChoice::Any}, {"linear", ScaleChoice::Linear}, {"log", ScaleChoice::Log}};
const std::pair<const char *, RenderStyle> kRender[] = {
    {"any", RenderStyle::Any}, {"colour", RenderStyle::Colour}, {"color", RenderStyle::Colour},
    {"gray", RenderStyle::Gray}, {"grey", RenderStyle::Gray}, {"fax200", RenderStyle::Binary200},
    {"fax300", RenderStyle::Binary300}, {"negative", RenderStyle::Negative}};
const std::pair<const char *, GridColour> kGrid[] = {
    {"any", GridColour::Any}, {"black", GridColour::Black}, {"grey", GridColour::Grey}, {"gray", GridColour::Grey},
    {"green", GridColour::Green}, {"orange", GridColour::Orange}, {"blue", GridColour::Blue},
    {"red", GridColour::Red}};
const std::pair<const char *, SynthSplit> kSplit[] = {{"train", SynthSplit::Train}, {"eval", SynthSplit::Eval}};

} // namespace

bool parseDashStyle(const QString &text, DashStyle &out) { return parseWord(text, kDash, out); }
bool parseScaleChoice(const QString &text, ScaleChoice &out) { return parseWord(text, kScale, out); }
bool parseRenderStyle(const QString &text, RenderStyle &out) { return parseWord(text, kRender, out); }
bool parseGridColour(const QString &text, GridColour &out) { return parseWord(text, kGrid, out); }
bool parseSynthSplit(const QString &text, SynthSplit &out) { return parseWord(text, kSplit, out); }

QString dashStyleName(DashStyle style)
{
    for (const auto &[word, value] : kDash) {
        if (value == style)
            return QString::fromLatin1(word);
    }
    return {};
}

QString renderStyleName(RenderStyle style)
{
    for (const auto &[word, value] : kRender) {
        if (value == style)
            return QString::fromLatin1(word);
    }
    return {};
}

QString gridColourName(GridColour colour)
{
    for (const auto &[word, value] : kGrid) {
        if (value == colour)
            return QString::fromLatin1(word);
    }
    return {};
}

} // namespace veer
