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

namespace {

/// The tuples of `relation` that match `pattern`, in no particular order.
std::vector<TupleId> matchingTuples(const Relation& relation, const Pattern& pattern) {
    ColumnMask mask = 0;
    std::vector<Value> key;
    for (std::size_t c = 0; c < pattern.columns.size(); ++c) {
        if (!pattern.columns[c].constant) continue;
        mask |= ColumnMask{1} << c;
        key.push_back(*pattern.columns[c].constant);
    }
    std::vector<TupleId> ids;
    if (mask == 0) ids.reserve(relation.size());
    relation.forEachMatch(mask, key, [&](TupleId id) {
        if (matches(pattern, relation.tuple(id))) ids.push_back(id);  // `p(X, X)` needs equal columns
        return true;
    });
    return ids;
}

}  // namespace

std::vector<QueryRow> match(const Relation& relation, const Pattern& pattern, const SymbolTable& symbols, RowLimit* limit) {
    // Tuple ids, not rows, are sorted, and only as far as the rows taken: a row is a vector
    // of values, and a question matching millions of tuples (`why path(X, Y)`, explaining the
    // first few) took twice the memory of the relation in rows it never showed.
    std::vector<TupleId> ids = matchingTuples(relation, pattern);
    std::vector<std::size_t> columnOf(pattern.variables.size(), SIZE_MAX);  // where each variable is read (its first column)
    for (std::size_t c = 0; c < pattern.columns.size(); ++c) {
        int variable = pattern.columns[c].variable;
        if (variable >= 0 && columnOf[variable] == SIZE_MAX) columnOf[variable] = c;
    }
    auto compareBindings = [&](TupleId a, TupleId b) {
        TupleView x = relation.tuple(a), y = relation.tuple(b);
        for (std::size_t column : columnOf) {
            if (int order = compareValues(x[column], y[column], symbols)) return order;
        }
        return 0;
    };
    auto precedes = [&](TupleId a, TupleId b) {
        int order = compareBindings(a, b);
        return order != 0 ? order < 0 : a < b;
    };
    const bool everyColumnNamed = std::all_of(pattern.columns.begin(), pattern.columns.end(),
                                              [](const PatternColumn& column) { return column.constant || column.variable >= 0; });
    if (everyColumnNamed) {
        // Distinct tuples give distinct rows: only the rows taken need sorting.
        const std::size_t taken = std::min(ids.size(), limit ? limit->rows : SIZE_MAX);
        if (taken == ids.size()) {
            std::sort(ids.begin(), ids.end(), precedes);  // a heap sort of all of them is slower
        } else {
            std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(taken), ids.end(), precedes);
        }
    } else {
        // With `_` columns, several tuples may give the same row: keep the most confident
        // (the first, in tuple order, among equals).
        std::sort(ids.begin(), ids.end(), precedes);
        auto sameBinding = [&](TupleId a, TupleId b) {
            TupleView x = relation.tuple(a), y = relation.tuple(b);
            return std::all_of(columnOf.begin(), columnOf.end(), [&](std::size_t column) { return x[column] == y[column]; });
        };
        std::size_t distinct = 0;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (distinct > 0 && sameBinding(ids[distinct - 1], ids[i])) {
                if (relation.confidence(ids[i]) > relation.confidence(ids[distinct - 1])) ids[distinct - 1] = ids[i];
                continue;
            }
            ids[distinct++] = ids[i];
        }
        ids.resize(distinct);
    }
    if (limit) limit->matched = ids.size();
    std::vector<QueryRow> rows(std::min(ids.size(), limit ? limit->rows : SIZE_MAX));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        TupleView tuple = relation.tuple(ids[i]);
        for (std::size_t column : columnOf) rows[i].values.push_back(tuple[column]);
        rows[i].confidence = relation.confidence(ids[i]);
        rows[i].tuple = ids[i];
    }
    return rows;
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
