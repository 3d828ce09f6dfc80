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

/** The first word of `table` for `value` (the spelling the CLI prints). */
template<typename E, size_t N>
QString nameOf(const std::pair<const char *, E> (&table)[N], E value)
{
    for (const auto &[word, v] : table) {
        if (v == value)
            return QString::fromLatin1(word);
    }
    return {};
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
const std::pair<const char *, InkChoice> kInk[] = {
    {"any", InkChoice::Any}, {"black", InkChoice::Black}, {"dark", InkChoice::Dark}, {"light", InkChoice::Light}};
const std::pair<const char *, SynthSplit> kSplit[] = {{"train", SynthSplit::Train}, {"eval", SynthSplit::Eval}};

} // namespace

bool parseDashStyle(const QString &text, DashStyle &out) { return parseWord(text, kDash, out); }
bool parseScaleChoice(const QString &text, ScaleChoice &out) { return parseWord(text, kScale, out); }
bool parseRenderStyle(const QString &text, RenderStyle &out) { return parseWord(text, kRender, out); }
bool parseGridColour(const QString &text, GridColour &out) { return parseWord(text, kGrid, out); }
bool parseInkChoice(const QString &text, InkChoice &out) { return parseWord(text, kInk, out); }
bool parseSynthSplit(const QString &text, SynthSplit &out) { return parseWord(text, kSplit, out); }

QString dashStyleName(DashStyle style) { return nameOf(kDash, style); }
QString renderStyleName(RenderStyle style) { return nameOf(kRender, style); }
QString gridColourName(GridColour colour) { return nameOf(kGrid, colour); }
QString inkChoiceName(InkChoice ink) { return nameOf(kInk, ink); }

} // namespace veer
