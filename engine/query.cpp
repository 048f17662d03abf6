// Pattern matching over a relation (see query.hpp).
#include "accord/engine/query.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/engine/value_format.hpp"

namespace accord::engine {

bool matches(const Pattern& pattern, TupleView tuple) {
    std::vector<const Value*> seen(pattern.variables.size(), nullptr);
    for (std::size_t c = 0; c < pattern.columns.size() && c < tuple.size(); ++c) {
        const PatternColumn& column = pattern.columns[c];
        if (column.constant && !(*column.constant == tuple[c])) return false;
        if (column.variable < 0) continue;
        const Value*& first = seen[static_cast<std::size_t>(column.variable)];
        if (first && !(*first == tuple[c])) return false;
        first = &tuple[c];
    }
    return true;
}

std::vector<QueryRow> match(const Relation& relation, const Pattern& pattern, const SymbolTable& symbols) {
    std::vector<QueryRow> rows;
    ColumnMask mask = 0;
    std::vector<Value> key;
    for (std::size_t c = 0; c < pattern.columns.size(); ++c) {
        if (pattern.columns[c].constant) {
            mask |= ColumnMask{1} << c;
            key.push_back(*pattern.columns[c].constant);
        }
    }
    relation.forEachMatch(mask, key, [&](TupleId id) {
        TupleView tuple = relation.tuple(id);
        if (!matches(pattern, tuple)) return true;  // `p(X, X)` needs equal columns
        QueryRow row;
        row.values.assign(pattern.variables.size(), Value{});
        for (std::size_t c = 0; c < pattern.columns.size(); ++c) {
            int variable = pattern.columns[c].variable;
            if (variable >= 0) row.values[variable] = tuple[c];
        }
        row.confidence = relation.confidence(id);
        row.tuple = id;
        rows.push_back(std::move(row));
        return true;
    });
    std::sort(rows.begin(), rows.end(), [&](const QueryRow& a, const QueryRow& b) {
        for (std::size_t i = 0; i < a.values.size(); ++i) {
            int order = compareValues(a.values[i], b.values[i], symbols);
            if (order != 0) return order < 0;
        }
        return a.tuple < b.tuple;
    });
    // Distinct bindings: with `_` columns, several tuples may give the same row; keep the most confident.
    std::vector<QueryRow> distinct;
    for (QueryRow& row : rows) {
        if (!distinct.empty() && distinct.back().values == row.values) {
            if (row.confidence > distinct.back().confidence) distinct.back() = std::move(row);
            continue;
        }
        distinct.push_back(std::move(row));
    }
    return distinct;
}

std::optional<std::string> kindNearMiss(const Relation& relation, std::string_view relationName, const Pattern& pattern,
                                        const SymbolTable& symbols) {
    for (std::size_t c = 0; c < pattern.columns.size(); ++c) {
        const std::optional<Value>& constant = pattern.columns[c].constant;
        if (!constant || (constant->kind != ValueKind::String && constant->kind != ValueKind::Symbol)) continue;
        const Value other = constant->kind == ValueKind::String ? Value::symbol(constant->asId()) : Value::string(constant->asId());
        bool held = false;
        relation.forEachMatch(ColumnMask{1} << c, TupleView(&other, 1), [&](TupleId) {
            held = true;
            return false;
        });
        if (held) {
            return fmt::format("{} is a {}; column {} of '{}' holds the {} {}", formatValue(*constant, symbols), kindName(constant->kind),
                               c + 1, relationName, kindName(other.kind), formatValue(other, symbols));
        }
    }
    return std::nullopt;
}

}  // namespace accord::engine
