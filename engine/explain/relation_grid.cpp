// A relation as a grid (see relation_grid.hpp).
#include "accord/engine/explain/relation_grid.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "accord/dsl/check/relation_catalog.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

bool lessByValue(const std::vector<Value>& a, const std::vector<Value>& b, const SymbolTable& symbols) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (int order = compareValues(a[i], b[i], symbols); order != 0) return order < 0;
    }
    return a.size() < b.size();
}

/// The distinct key parts, in value order.
std::vector<std::vector<Value>> distinctSorted(std::vector<std::vector<Value>> parts, const SymbolTable& symbols) {
    auto less = [&](const auto& a, const auto& b) { return lessByValue(a, b, symbols); };
    std::sort(parts.begin(), parts.end(), less);
    parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
    return parts;
}

std::size_t positionOf(const std::vector<std::vector<Value>>& sorted, const std::vector<Value>& part, const SymbolTable& symbols) {
    auto less = [&](const auto& a, const auto& b) { return lessByValue(a, b, symbols); };
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), part, less) - sorted.begin());
}

nlohmann::ordered_json axisJson(const std::vector<std::vector<Value>>& parts, const SymbolTable& symbols) {
    nlohmann::ordered_json axis = nlohmann::ordered_json::array();
    for (const auto& part : parts) {
        std::string label, text;
        for (const Value& value : part) {
            label += (label.empty() ? "" : ", ") + plainValue(value, symbols);
            text += (text.empty() ? "" : ", ") + formatValue(value, symbols);
        }
        axis.push_back({{"label", label}, {"text", text}});
    }
    return axis;
}

/// How many values `value` overrides: a `resolve` chain's strongest comes first.
std::size_t strength(const RelationPlan& relation, const Value& value) {
    return static_cast<std::size_t>(
        std::count_if(relation.overrides.begin(), relation.overrides.end(), [&](const auto& pair) { return pair.first == value; }));
}

}  // namespace

nlohmann::ordered_json relationGridJson(const Engine& engine, const std::string& name) {
    auto id = engine.plan().relationId(name);
    if (!id) {
        std::vector<std::string> names;
        for (const RelationPlan& relation : engine.plan().relations) names.push_back(relation.name);
        auto closest = dsl::check::closestName(name, names);
        throw std::invalid_argument(
            fmt::format("no relation '{}' in the program{}", name, closest ? fmt::format("; did you mean '{}'?", *closest) : ""));
    }
    const RelationPlan& plan = engine.plan().relations[*id];
    const std::size_t keys = plan.keyed ? plan.arity - 1 : plan.arity;
    if (keys == 0) throw std::invalid_argument(fmt::format("relation '{}' has no key column to lay out as a grid", name));
    const Relation& relation = engine.relations()[*id];
    const SymbolTable& symbols = engine.symbols();

    std::vector<std::vector<Value>> rowParts, columnParts;
    std::vector<Value> values;
    for (TupleId t = 0; t < relation.size(); ++t) {
        TupleView tuple = relation.tuple(t);
        rowParts.push_back({tuple[0]});
        columnParts.emplace_back(tuple.begin() + 1, tuple.begin() + static_cast<std::ptrdiff_t>(keys));
        if (plan.keyed) values.push_back(tuple[keys]);
    }
    auto rows = distinctSorted(rowParts, symbols);
    auto columns = distinctSorted(columnParts, symbols);
    if (rows.size() * columns.size() > kMaxGridCells) {
        throw std::invalid_argument(fmt::format("a grid of '{}' would have {} rows and {} columns, more than {} cells: query it instead",
                                                name, rows.size(), columns.size(), kMaxGridCells));
    }
    values = [&] {
        std::vector<std::vector<Value>> single;
        for (const Value& value : values) single.push_back({value});
        std::vector<Value> distinct;
        for (const auto& part : distinctSorted(single, symbols)) distinct.push_back(part[0]);
        std::stable_sort(distinct.begin(), distinct.end(),
                         [&](const Value& a, const Value& b) { return strength(plan, a) > strength(plan, b); });
        return distinct;
    }();

    nlohmann::ordered_json cells = nlohmann::ordered_json::array();
    for (TupleId t = 0; t < relation.size(); ++t) {
        TupleView tuple = relation.tuple(t);
        std::vector<Value> column(tuple.begin() + 1, tuple.begin() + static_cast<std::ptrdiff_t>(keys));
        cells.push_back({{"row", positionOf(rows, {tuple[0]}, symbols)},
                         {"column", positionOf(columns, column, symbols)},
                         {"value", plan.keyed ? plainValue(tuple[keys], symbols) : "holds"},
                         {"confidence", relation.confidence(t)},
                         {"fact", formatFact(plan.name, tuple, plan.keyed, symbols)}});
    }
    std::sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) {
        return std::pair(a["row"].template get<std::size_t>(), a["column"].template get<std::size_t>()) <
               std::pair(b["row"].template get<std::size_t>(), b["column"].template get<std::size_t>());
    });

    std::vector<std::string> headings = columnNames(plan);
    std::string columnHeading;
    for (std::size_t c = 1; c < keys; ++c) columnHeading += (columnHeading.empty() ? "" : ", ") + headings[c];
    nlohmann::ordered_json valueNames = nlohmann::ordered_json::array();
    for (const Value& value : values) valueNames.push_back(plainValue(value, symbols));
    if (!plan.keyed && !cells.empty()) valueNames.push_back("holds");
    return {{"relation", plan.name},
            {"keyed", plan.keyed},
            {"row_heading", headings[0]},
            {"column_heading", columnHeading},
            {"value_heading", plan.keyed ? headings[keys] : ""},
            {"rows", axisJson(rows, symbols)},
            {"columns", keys == 1 ? nlohmann::ordered_json::array({{{"label", ""}, {"text", ""}}}) : axisJson(columns, symbols)},
            {"values", valueNames},
            {"cells", cells}};
}

std::string relationGridText(const nlohmann::ordered_json& grid) {
    const auto& rows = grid.at("rows");
    const auto& columns = grid.at("columns");
    std::vector<std::vector<std::string>> table(rows.size() + 1, std::vector<std::string>(columns.size() + 1, "."));
    table[0][0] = grid.at("row_heading").get<std::string>();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        std::string label = columns[c].at("label").get<std::string>();
        table[0][c + 1] = label.empty() ? grid.at("value_heading").get<std::string>() : label;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) table[r + 1][0] = rows[r].at("label").get<std::string>();
    for (const auto& cell : grid.at("cells")) {
        double confidence = cell.at("confidence").get<double>();
        std::string value = cell.at("value").get<std::string>();
        if (confidence < 1) value += " @" + formatConfidence(confidence);
        table[cell.at("row").get<std::size_t>() + 1][cell.at("column").get<std::size_t>() + 1] = value;
    }
    std::vector<std::size_t> widths(columns.size() + 1, 0);
    for (const auto& line : table) {
        for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
    }
    std::string text;
    for (const auto& line : table) {
        std::string out;
        for (std::size_t c = 0; c < line.size(); ++c) out += fmt::format("{:<{}}  ", line[c], widths[c]);
        out.erase(out.find_last_not_of(' ') + 1);
        text += out + "\n";
    }
    return text;
}

}  // namespace accord::engine
