// A relation's grid as SVG (see grid_chart.hpp).
#include "accord/engine/chart/grid_chart.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/engine/chart/state_colours.hpp"
#include "accord/engine/chart/svg_text.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine::chart {
namespace {

constexpr double kFont = 13, kPad = 16, kCellHeight = 24, kTitleHeight = 36, kHeaderHeight = 28, kLegendHeight = 40;

struct GridLayout {
    double labelWidth = 0, cellWidth = 0, top = 0;
    std::size_t rows = 0, columns = 0;
    double width() const { return kPad * 2 + labelWidth + cellWidth * static_cast<double>(columns); }
    double gridBottom() const { return top + kCellHeight * static_cast<double>(rows); }
    double height() const { return gridBottom() + kLegendHeight + kPad; }
    double cellX(std::size_t column) const { return kPad + labelWidth + cellWidth * static_cast<double>(column); }
    double cellY(std::size_t row) const { return top + kCellHeight * static_cast<double>(row); }
};

double widestLabel(const nlohmann::ordered_json& labels, const char* field) {
    double widest = 0;
    for (const auto& label : labels) widest = std::max(widest, textWidth(label.at(field).get<std::string>(), kFont));
    return widest;
}

GridLayout layOut(const nlohmann::ordered_json& grid) {
    GridLayout layout;
    layout.rows = grid.at("rows").size();
    layout.columns = grid.at("columns").size();
    layout.labelWidth = std::max(widestLabel(grid.at("rows"), "label"), textWidth(grid.at("row_heading").get<std::string>(), kFont)) + 16;
    double values = 0;
    for (const auto& value : grid.at("values")) values = std::max(values, textWidth(value.get<std::string>(), kFont));
    layout.cellWidth = std::max({72.0, widestLabel(grid.at("columns"), "label") + 16, values + 16});
    layout.top = kPad + kTitleHeight + kHeaderHeight;
    return layout;
}

std::string titleOf(const nlohmann::ordered_json& grid) {
    std::string title = grid.at("relation").get<std::string>();
    if (grid.contains("as_of") && grid["as_of"].is_string()) title += " as of " + grid["as_of"].get<std::string>();
    return title;
}

std::string headers(const nlohmann::ordered_json& grid, const GridLayout& layout) {
    double y = layout.top - 9;
    std::string out = fmt::format(R"(<text class="heading" x="{}" y="{}" font-weight="bold">{}</text>)", svgNumber(kPad), svgNumber(y),
                                  escapeXml(grid.at("row_heading").get<std::string>()));
    const auto& columns = grid.at("columns");
    for (std::size_t c = 0; c < columns.size(); ++c) {
        std::string label = columns[c].at("label").get<std::string>();
        if (label.empty()) label = grid.at("value_heading").get<std::string>();
        out += fmt::format(R"(<text class="column-label" data-column="{}" x="{}" y="{}" text-anchor="middle" font-weight="bold">{}</text>)",
                           c, svgNumber(layout.cellX(c) + layout.cellWidth / 2), svgNumber(y), escapeXml(label));
    }
    const auto& rows = grid.at("rows");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out += fmt::format(R"(<text class="row-label" data-row="{}" data-key="{}" x="{}" y="{}">{}</text>)", r,
                           escapeXml(rows[r].at("text").get<std::string>()), svgNumber(kPad), svgNumber(layout.cellY(r) + 16),
                           escapeXml(rows[r].at("label").get<std::string>()));
    }
    return out;
}

/// The fact's key as rule text, `vote(romania, rutte)`: what the explorer asks about a cell.
std::string keyOf(const nlohmann::ordered_json& grid, std::size_t row, std::size_t column) {
    std::string columnText = grid.at("columns").at(column).at("text").get<std::string>();
    return fmt::format("{}({}{}{})", grid.at("relation").get<std::string>(), grid.at("rows").at(row).at("text").get<std::string>(),
                       columnText.empty() ? "" : ", ", columnText);
}

std::string cell(const nlohmann::ordered_json& grid, const nlohmann::ordered_json& fact, const std::string& fill,
                 const GridLayout& layout) {
    auto row = fact.at("row").get<std::size_t>(), column = fact.at("column").get<std::size_t>();
    double confidence = fact.at("confidence").get<double>(), opacity = confidenceOpacity(confidence);
    std::string value = fact.at("value").get<std::string>(), text = fact.at("fact").get<std::string>();
    double x = layout.cellX(column), y = layout.cellY(row);
    return fmt::format(
        R"(<g class="cell" data-row="{}" data-column="{}" data-key="{}" data-fact="{}" data-value="{}" data-confidence="{}" tabindex="0">)"
        R"(<title>{} @{}</title><rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}" stroke="#ffffff"/>)"
        R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text></g>)",
        row, column, escapeXml(keyOf(grid, row, column)), escapeXml(text), escapeXml(value), formatConfidence(confidence), escapeXml(text),
        formatConfidence(confidence), svgNumber(x), svgNumber(y), svgNumber(layout.cellWidth), svgNumber(kCellHeight), fill,
        svgNumber(opacity), svgNumber(x + layout.cellWidth / 2), svgNumber(y + 16), textColourOn(fill, opacity), escapeXml(value));
}

std::string emptyCell(const nlohmann::ordered_json& grid, std::size_t row, std::size_t column, const GridLayout& layout) {
    std::string key = keyOf(grid, row, column);
    return fmt::format(R"(<g class="cell empty" data-row="{}" data-column="{}" data-key="{}" tabindex="0"><title>{}: no fact</title>)"
                       R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff"/></g>)",
                       row, column, escapeXml(key), escapeXml(key), svgNumber(layout.cellX(column)), svgNumber(layout.cellY(row)),
                       svgNumber(layout.cellWidth), svgNumber(kCellHeight), kNoFactColour);
}

std::string cells(const nlohmann::ordered_json& grid, const std::vector<std::string>& values, const std::vector<std::string>& colours,
                  const GridLayout& layout) {
    std::vector<bool> filled(layout.rows * layout.columns, false);
    std::string out;
    for (const auto& fact : grid.at("cells")) {
        auto index = std::find(values.begin(), values.end(), fact.at("value").get<std::string>()) - values.begin();
        out += cell(grid, fact, colours.at(static_cast<std::size_t>(index)), layout);
        filled[fact.at("row").get<std::size_t>() * layout.columns + fact.at("column").get<std::size_t>()] = true;
    }
    for (std::size_t r = 0; r < layout.rows; ++r) {
        for (std::size_t c = 0; c < layout.columns; ++c) {
            if (!filled[r * layout.columns + c]) out += emptyCell(grid, r, c, layout);
        }
    }
    return out;
}

constexpr const char* kLegendNote = "paler: less confident";

double legendWidth(const std::vector<std::string>& values) {
    double width = textWidth(kLegendNote, kFont);
    for (const std::string& value : values) width += 19 + textWidth(value, kFont) + 18;
    return width;
}

std::string legend(const std::vector<std::string>& values, const std::vector<std::string>& colours, const GridLayout& layout) {
    double x = kPad, y = layout.gridBottom() + 20;
    std::string out = R"(<g class="legend">)";
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += fmt::format(R"(<rect x="{}" y="{}" width="14" height="14" fill="{}"/><text x="{}" y="{}">{}</text>)", svgNumber(x),
                           svgNumber(y - 11), colours[i], svgNumber(x + 19), svgNumber(y), escapeXml(values[i]));
        x += 19 + textWidth(values[i], kFont) + 18;
    }
    out += fmt::format(R"(<text x="{}" y="{}" fill="#555555">{}</text></g>)", svgNumber(x), svgNumber(y), kLegendNote);
    return out;
}

}  // namespace

std::string gridSvg(const nlohmann::ordered_json& grid) {
    GridLayout layout = layOut(grid);
    std::vector<std::string> values = grid.at("values").get<std::vector<std::string>>();
    std::vector<std::string> colours = stateColours(values);
    double width = std::max({layout.width(), kPad * 2 + textWidth(titleOf(grid), 16), kPad * 2 + legendWidth(values)});
    std::string out =
        fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" class="accord-grid" width="{0}" height="{1}" viewBox="0 0 {0} {1}" )"
                    R"(font-family="sans-serif" font-size="{2}" data-relation="{3}">)",
                    svgNumber(width), svgNumber(layout.height()), svgNumber(kFont), escapeXml(grid.at("relation").get<std::string>()));
    out += fmt::format(
        R"(<rect width="100%" height="100%" fill="#ffffff"/><text class="title" x="{}" y="{}" font-size="16" font-weight="bold">{}</text>)",
        svgNumber(kPad), svgNumber(kPad + 16), escapeXml(titleOf(grid)));
    out += headers(grid, layout) + cells(grid, values, colours, layout) + legend(values, colours, layout);
    return out + "</svg>\n";
}

}  // namespace accord::engine::chart
