// Ad-hoc queries of several conditions mean what the same conditions mean as a rule's body:
// each query here is checked against the rule `answer(Vars) if CONDITIONS.` added to the
// program and evaluated by the engine (rows, and the confidence of each).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

const char* kProgram =
    "threshold 0.3.\n"
    "relation vote(ally: symbol, candidate: symbol) -> stance: symbol\n"
    "relation joined(ally: symbol, on: date)\n"
    "ally(turkey). ally(hungary). ally(france). ally(romania).\n"
    "eu_member(hungary). eu_member(france). eu_member(romania).\n"
    "vote(turkey, rutte) = undecided @0.7. vote(hungary, rutte) = block. vote(france, rutte) = approve.\n"
    "vote(romania, rutte) = block @0.6.\n"
    "joined(turkey, 1952-02-18). joined(hungary, 1999-03-12). joined(france, 1949-04-04). joined(romania, 2004-03-29).\n"
    "backs(france, rutte) @0.8. backs(turkey, rutte) @0.5.\n";

/// "v1, v2 @c" lines of a query's rows.
std::vector<std::string> rowsWithConfidence(engine::Engine& engine, const std::string& query, std::vector<std::string>* columns) {
    dsl::Diagnostics diagnostics;
    engine::Pattern pattern;
    auto rows = engine.query(query, diagnostics, &pattern);
    EXPECT_TRUE(rows) << query << "\n" << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    if (!rows) return {};
    if (columns) *columns = pattern.variables;
    std::vector<std::string> lines;
    for (const engine::QueryRow& row : *rows) {
        std::vector<std::string> values;
        for (const engine::Value& value : row.values) values.push_back(engine::formatValue(value, engine.symbols()));
        lines.push_back(fmt::format("{} @{}", fmt::join(values, ", "), engine::formatConfidence(row.confidence)));
    }
    return lines;
}

class QueryConditions : public ::testing::TestWithParam<const char*> {};

TEST_P(QueryConditions, MeanWhatTheSameConditionsMeanInARule) {
    const std::string conditions = GetParam();
    const std::int32_t asOf = dsl::parseDate("2024-06-19")->days;
    engine::Engine asked;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(asked.loadText("q.rules", kProgram, diagnostics));
    asked.run({.asOf = asOf});
    std::vector<std::string> columns;
    std::vector<std::string> rows = rowsWithConfidence(asked, conditions, &columns);
    ASSERT_FALSE(columns.empty()) << conditions;

    engine::Engine ruled;  // the same conditions as the body of a rule
    std::string rule = fmt::format("answer({}) if {}.\n", fmt::join(columns, ", "), conditions);
    ASSERT_TRUE(ruled.loadText("q.rules", std::string(kProgram) + rule, diagnostics))
        << rule << ::testing::PrintToString(describe(diagnostics, ruled.sources()));
    ruled.run({.asOf = asOf});
    std::vector<std::string> pattern;
    for (std::size_t i = 0; i < columns.size(); ++i) pattern.push_back("V" + std::to_string(i));
    EXPECT_EQ(rows, rowsWithConfidence(ruled, fmt::format("answer({})", fmt::join(pattern, ", ")), nullptr)) << conditions;
}

INSTANTIATE_TEST_SUITE_P(Cases, QueryConditions,
                         ::testing::Values("vote(A, rutte) = block and eu_member(A)", "vote(A, rutte) = V and V != approve",
                                           "vote(A, rutte) != approve", "ally(A) and not eu_member(A)",
                                           "N = count { A : vote(A, rutte) = approve }", "ally(A) and (backs(A, rutte) or eu_member(A))",
                                           "joined(A, D) and years_between(D, today) >= 25 and Y = year(D)",
                                           "ally(A) and for all eu_member(E): vote(E, rutte) != undecided",
                                           "backs(A, C) and vote(A, C) = V", "vote(A, C) = block and joined(A, D) and D > 2000-01-01"));

TEST(QueryConditionsColumns, AreTheVariablesInOrderOfFirstAppearance) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(engine.loadText("q.rules", kProgram, diagnostics));
    engine.run({});
    std::vector<std::string> columns;
    rowsWithConfidence(engine, "vote(A, C) = V and joined(A, _D) and N = count { B : backs(B, C) }", &columns);
    EXPECT_EQ(columns, (std::vector<std::string>{"A", "C", "V", "N"}));  // not B (the aggregate's), not _D
    rowsWithConfidence(engine, "vote(hungary, rutte)", &columns);
    EXPECT_EQ(columns, std::vector<std::string>{"stance"});  // a keyed value left out is shown
    rowsWithConfidence(engine, "vote(A, rutte) and eu_member(A)", &columns);
    EXPECT_EQ(columns, (std::vector<std::string>{"A", "stance"}));  // as in one atom
    rowsWithConfidence(engine, "joined(A, today)", &columns);  // one atom, with a term computed: as conditions
    EXPECT_EQ(columns, std::vector<std::string>{"A"});
}

TEST(QueryConditionsErrors, AreTheChecksOfARule) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(engine.loadText("q.rules", kProgram, diagnostics));
    engine.run({});
    auto refused = [&](const std::string& query) {
        dsl::Diagnostics said;
        EXPECT_FALSE(engine.query(query, said)) << query;
        std::vector<std::string> lines = describe(said, engine.sources());
        return lines.empty() ? std::string() : lines.front();
    };
    EXPECT_EQ(refused("ally(A) and eu_membr(A)"), "1:13: error: unknown relation 'eu_membr' in the loaded rules");
    EXPECT_EQ(refused("ally(A) and X > 3"), "1:13: error: unsafe variable 'X' in a comparison: no positive condition binds it");
    EXPECT_EQ(refused("joined(A, D) and D > 3"), "1:18: error: cannot compare date with integer");
    EXPECT_EQ(refused("backs(A, rutte) and N = 1 / 0"), "<query>: error: division by zero in 1 / 0");  // not a crash
    EXPECT_EQ(refused("ally(A) and X = 1 % 2"),
              "1:19: error: '%' starts a comment, which hides the rest of this line; "
              "the remainder is written `X mod Y`");
    EXPECT_EQ(refused("ally(A) and and"), "1:13: error: expected condition (an atom, a negation, a comparison or 'for all'), found 'and'");
}

}  // namespace
}  // namespace accord::testing
