// Queries: a pattern over one relation (`vote(A, rutte) = V`) matched against its tuples.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/engine/relation.hpp"
#include "accord/engine/symbol_table.hpp"

namespace accord::engine {

/// One column of a pattern: a constant to match, a named variable, or `_`.
struct PatternColumn {
    std::optional<Value> constant;
    int variable = -1;  ///< index into Pattern::variables; -1 for a constant or `_`
};

struct Pattern {
    RelationId relation = 0;
    std::vector<PatternColumn> columns;
    std::vector<std::string> variables;  ///< the output columns, in order of first appearance
    /// A query of several conditions (engine/text/query_conditions.hpp): no relation and no
    /// columns, only variables; its rows are no one tuple.
    bool conditions = false;
};

struct QueryRow {
    std::vector<Value> values;  ///< one per pattern variable
    double confidence = 1.0;
    TupleId tuple = kNoTuple;  ///< of one atom: the matching tuple
    /// Of several conditions: the facts the row's most confident solution rests on (the
    /// positive atoms it matched, in the order the plan read them), for `why`.
    std::vector<FactRef> premises = {};
};

/// Whether one tuple of the pattern's relation matches it (constants, repeated variables).
bool matches(const Pattern& pattern, TupleView tuple);

/// How many rows a caller takes (`rows`: the first ones, in order), and how many matched
/// in all (`matched`, set by the query) to say how many it left. A query of one atom sorts
/// and builds only the rows taken; one of several conditions builds all, then drops the rest.
struct RowLimit {
    std::size_t rows = SIZE_MAX;
    std::size_t matched = 0;
};

/// The matching tuples, one row per distinct binding (the most confident of the tuples that
/// give it), sorted by value (deterministic); with `limit`, only its first rows.
std::vector<QueryRow> match(const Relation& relation, const Pattern& pattern, const SymbolTable& symbols, RowLimit* limit = nullptr);

/// Why a pattern that matched nothing may have missed: a string constant where the column
/// holds the symbol of the same text, or the other way round (`"United Kingdom"` against
/// `'United Kingdom'`). nullopt when no column has such a near miss.
std::optional<std::string> kindNearMiss(const Relation& relation, std::string_view relationName, const Pattern& pattern,
                                        const SymbolTable& symbols);

}  // namespace accord::engine
