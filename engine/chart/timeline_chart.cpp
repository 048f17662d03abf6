// A timeline as SVG (see timeline_chart.hpp).
#include "accord/engine/chart/timeline_chart.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/chart/state_colours.hpp"
#include "accord/engine/chart/svg_text.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine::chart {
namespace {

constexpr double kFont = 13, kPad = 16, kLaneHeight = 30, kBarHeight = 22, kTitleHeight = 36, kAxisHeight = 30, kLegendHeight = 36,
                 kPlotWidth = 720;

std::optional<std::int32_t> dayOf(const nlohmann::ordered_json& text) {
    if (!text.is_string()) return std::nullopt;
    auto date = dsl::parseDate(text.get<std::string>());
    return date ? std::optional(date->days) : std::nullopt;
}

/// The days the axis spans: every change, and the range asked for, with a margin.
struct DateAxis {
    std::int32_t first = 0, last = 1;
    double left = 0, width = kPlotWidth;
    double x(std::int32_t day) const { return left + width * (day - first) / static_cast<double>(last - first); }
};

DateAxis dateAxis(const nlohmann::ordered_json& timeline, double left) {
    std::vector<std::int32_t> days;
    for (const char* bound : {"from", "to"}) {
        if (auto day = dayOf(timeline.value(bound, nlohmann::ordered_json()))) days.push_back(*day);
    }
    for (const auto& lane : timeline.at("timelines")) {
        for (const auto& change : lane.at("changes")) {
            if (auto day = dayOf(change.at("from"))) days.push_back(*day);
        }
    }
    DateAxis axis;
    axis.left = left;
    if (days.empty()) days.push_back(dsl::today().days);
    auto [lowest, highest] = std::minmax_element(days.begin(), days.end());
    std::int32_t margin = std::max<std::int32_t>(15, (*highest - *lowest) / 12);
    axis.first = *lowest - margin;
    axis.last = *highest + margin;
    return axis;
}

std::vector<std::string> statesOf(const nlohmann::ordered_json& timeline) {
    std::vector<std::string> states;
    for (const auto& lane : timeline.at("timelines")) {
        for (const auto& change : lane.at("changes")) {
            std::string state = change.at("state").get<std::string>();
            if (std::find(states.begin(), states.end(), state) == states.end()) states.push_back(state);
        }
    }
    return states;
}

/// `rule NAME`, or `rule #ID` for a rule without a name.
std::string ruleName(const nlohmann::ordered_json& rule) {
    std::string name = rule.at("name").get<std::string>();
    return name.empty() ? fmt::format("rule #{}", rule.at("id").dump()) : "rule " + name;
}

std::string triggersText(const nlohmann::ordered_json& change) {
    std::string text;
    for (const auto& trigger : change.at("triggers")) {
        std::string subject = trigger.contains("fact") ? trigger.at("fact").get<std::string>() : ruleName(trigger.at("rule"));
        text += fmt::format("\n  {} {}", subject, trigger.at("validity").get<std::string>());
    }
    return text;
}

std::string span(const nlohmann::ordered_json& change, std::int32_t from, std::int32_t to, double y, const std::string& fill,
                 const DateAxis& axis) {
    std::string state = change.at("state").get<std::string>();
    double confidence = change.at("confidence").get<double>(), opacity = confidenceOpacity(confidence);
    double x0 = axis.x(from), x1 = axis.x(to);
    std::string since = change.at("from").is_string() ? "from " + change.at("from").get<std::string>() : "earlier";
    std::string out =
        fmt::format(R"(<g class="span" data-state="{}" data-from="{}"><title>{} {} @{}{}</title>)"
                    R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}" stroke="#ffffff"/>)",
                    escapeXml(state), escapeXml(change.at("from").is_string() ? change.at("from").get<std::string>() : ""),
                    escapeXml(state), escapeXml(since), formatConfidence(confidence), escapeXml(triggersText(change)), svgNumber(x0),
                    svgNumber(y), svgNumber(std::max(1.0, x1 - x0)), svgNumber(kBarHeight), fill, svgNumber(opacity));
    if (x1 - x0 > textWidth(state, kFont) + 8) {
        out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)", svgNumber((x0 + x1) / 2), svgNumber(y + 15),
                           textColourOn(fill, opacity), escapeXml(state));
    }
    return out + "</g>";
}

std::string lane(const nlohmann::ordered_json& timeline, std::size_t index, const std::vector<std::string>& states,
                 const std::vector<std::string>& colours, const DateAxis& axis, double top) {
    const auto& changes = timeline.at("changes");
    double y = top + kLaneHeight * static_cast<double>(index);
    std::string subject = timeline.at("subject").get<std::string>();
    std::string out = fmt::format(R"(<g class="lane" data-subject="{}"><text x="{}" y="{}">{}</text>)", escapeXml(subject), svgNumber(kPad),
                                  svgNumber(y + 15), escapeXml(subject));
    for (std::size_t i = 0; i < changes.size(); ++i) {
        std::int32_t from = dayOf(changes[i].at("from")).value_or(axis.first);
        std::int32_t to = i + 1 < changes.size() ? dayOf(changes[i + 1].at("from")).value_or(axis.last) : axis.last;
        auto colour = std::find(states.begin(), states.end(), changes[i].at("state").get<std::string>()) - states.begin();
        out += span(changes[i], from, to, y, colours.at(static_cast<std::size_t>(colour)), axis);
        if (i > 0 || !changes[i].at("initial").get<bool>()) {
            out += fmt::format(R"(<line class="change" x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="#1a1a1a" stroke-width="2"/>)",
                               svgNumber(axis.x(from)), svgNumber(y - 3), svgNumber(y + kBarHeight + 3));
        }
    }
    return out + "</g>";
}

std::string axisTicks(const DateAxis& axis, double y) {
    std::string out = fmt::format(R"(<g class="axis"><line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#555555"/>)", svgNumber(axis.left),
                                  svgNumber(axis.left + axis.width), svgNumber(y), svgNumber(y));
    constexpr int kTicks = 6;
    for (int i = 0; i <= kTicks; ++i) {
        std::int32_t day = axis.first + (axis.last - axis.first) * i / kTicks;
        double x = axis.x(day);
        out += fmt::format(
            R"(<line x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="#555555"/><text x="{0}" y="{3}" text-anchor="middle" font-size="11">{4}</text>)",
            svgNumber(x), svgNumber(y), svgNumber(y + 5), svgNumber(y + 18), dsl::formatDate(dsl::Date{day}));
    }
    return out + "</g>";
}

std::string legend(const std::vector<std::string>& states, const std::vector<std::string>& colours, double y) {
    std::string out = R"(<g class="legend">)";
    double x = kPad;
    for (std::size_t i = 0; i < states.size(); ++i) {
        out += fmt::format(R"(<rect x="{}" y="{}" width="14" height="14" fill="{}" stroke="#cccccc"/><text x="{}" y="{}">{}</text>)",
                           svgNumber(x), svgNumber(y - 11), colours[i], svgNumber(x + 19), svgNumber(y), escapeXml(states[i]));
        x += 19 + textWidth(states[i], kFont) + 18;
    }
    return out + fmt::format(R"(<text x="{}" y="{}" fill="#555555">paler: less confident; a bar marks a change</text></g>)", svgNumber(x),
                             svgNumber(y));
}

}  // namespace

std::string timelineSvg(const nlohmann::ordered_json& timeline) {
    const auto& lanes = timeline.at("timelines");
    double labels = 0;
    for (const auto& entry : lanes) labels = std::max(labels, textWidth(entry.at("subject").get<std::string>(), kFont));
    DateAxis axis = dateAxis(timeline, kPad + labels + 16);
    std::vector<std::string> states = statesOf(timeline), colours = stateColours(states);
    double top = kPad + kTitleHeight, bottom = top + kLaneHeight * static_cast<double>(lanes.size());
    std::string title = "timeline of " + timeline.at("query").get<std::string>();
    double width = std::max(axis.left + axis.width + kPad * 2, kPad * 2 + textWidth(title, 16));
    double height = bottom + kAxisHeight + kLegendHeight + kPad;
    std::string out = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="accord-timeline" width="{0}" height="{1}" viewBox="0 0 {0} {1}" font-family="sans-serif" font-size="{2}">)",
        svgNumber(width), svgNumber(height), svgNumber(kFont));
    out += fmt::format(
        R"(<rect width="100%" height="100%" fill="#ffffff"/><text class="title" x="{}" y="{}" font-size="16" font-weight="bold">{}</text>)",
        svgNumber(kPad), svgNumber(kPad + 16), escapeXml(title));
    for (std::size_t i = 0; i < lanes.size(); ++i) out += lane(lanes[i], i, states, colours, axis, top);
    if (lanes.empty()) {
        out +=
            fmt::format(R"(<text x="{}" y="{}" fill="#555555">no fact matches on any date</text>)", svgNumber(kPad), svgNumber(top + 15));
    }
    out += axisTicks(axis, bottom + 4) + legend(states, colours, bottom + kAxisHeight + 20);
    return out + "</svg>\n";
}

}  // namespace accord::engine::chart
