// match() (engine/query.hpp) against a reference built row by row, as it was before it
// sorted tuple ids: on random relations of mixed kinds (1 and 1.0 compare equal but are
// different values) and confidences, and random patterns (constants, repeated variables,
// `_`), the rows, their order and the row kept among equals are the reference's, and a
// limit gives the reference's first rows and says how many there are in all.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "accord/engine/query.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

std::vector<QueryRow> referenceRows(const Relation& relation, const Pattern& pattern, const SymbolTable& symbols) {
    std::vector<QueryRow> rows;
    for (TupleId id = 0; id < relation.size(); ++id) {
        TupleView tuple = relation.tuple(id);
        if (!matches(pattern, tuple)) continue;
        QueryRow row;
        row.values.assign(pattern.variables.size(), Value{});
        for (std::size_t c = 0; c < pattern.columns.size(); ++c) {
            if (pattern.columns[c].variable >= 0) row.values[pattern.columns[c].variable] = tuple[c];
        }
        row.confidence = relation.confidence(id);
        row.tuple = id;
        rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(), [&](const QueryRow& a, const QueryRow& b) {
        for (std::size_t i = 0; i < a.values.size(); ++i) {
            if (int order = compareValues(a.values[i], b.values[i], symbols)) return order < 0;
        }
        return a.tuple < b.tuple;
    });
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

void expectSameRows(const std::vector<QueryRow>& actual, const std::vector<QueryRow>& expected, const std::string& where) {
    ASSERT_EQ(actual.size(), expected.size()) << where;
    for (std::size_t i = 0; i < actual.size(); ++i) {
        EXPECT_EQ(actual[i].tuple, expected[i].tuple) << where << " row " << i;
        EXPECT_EQ(actual[i].values, expected[i].values) << where << " row " << i;
        EXPECT_EQ(actual[i].confidence, expected[i].confidence) << where << " row " << i;
    }
}

TEST(QueryMatchTest, RowsEqualAReferenceBuiltRowByRowWithAndWithoutALimit) {
    SymbolTable symbols;
    const Value values[] = {
        Value::integer(1), Value::decimal(1.0), Value::integer(2), Value::symbol(symbols.intern("b")), Value::symbol(symbols.intern("a")),
        Value::integer(-3)};
    const double confidences[] = {1.0, 0.5, 0.9, 0.5};
    for (std::uint32_t seed = 0; seed < 300; ++seed) {
        std::mt19937 random(seed);
        const std::size_t arity = 1 + seed % 3;
        Relation relation("r", arity);
        const int inserts = static_cast<int>(random() % 120);
        for (int i = 0; i < inserts; ++i) {
            Tuple tuple;
            for (std::size_t c = 0; c < arity; ++c) tuple.push_back(values[random() % std::size(values)]);
            relation.insert(tuple, confidences[random() % std::size(confidences)], Derivation{}, {});
        }
        Pattern pattern;
        for (std::size_t c = 0; c < arity; ++c) {
            PatternColumn column;
            switch (random() % 4) {
                case 0: column.constant = values[random() % std::size(values)]; break;
                case 1: break;  // `_`
                default: {  // X or Y, each named once in the order they first appear
                    std::string name = random() % 2 ? "X" : "Y";
                    auto known = std::find(pattern.variables.begin(), pattern.variables.end(), name);
                    if (known == pattern.variables.end()) known = pattern.variables.insert(known, name);
                    column.variable = static_cast<int>(known - pattern.variables.begin());
                }
            }
            pattern.columns.push_back(column);
        }
        const std::vector<QueryRow> expected = referenceRows(relation, pattern, symbols);
        const std::string where = "seed " + std::to_string(seed);
        expectSameRows(match(relation, pattern, symbols), expected, where);
        for (std::size_t rows : {std::size_t{0}, std::size_t{1}, std::size_t{3}, expected.size(), expected.size() + 5}) {
            RowLimit limit{.rows = rows};
            std::vector<QueryRow> first(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(std::min(rows, expected.size())));
            expectSameRows(match(relation, pattern, symbols, &limit), first, where + " limit " + std::to_string(rows));
            EXPECT_EQ(limit.matched, expected.size()) << where;
        }
    }
}

}  // namespace
}  // namespace accord::engine
