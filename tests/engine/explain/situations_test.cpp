// Comparing situations (`diff`, `what-if`) and queries over dates (`query --over`), against
// independent evaluations: the changes between two situations turn the first's conclusions
// into the second's, the engine's facts are as they were afterwards, and the dates `--every
// change` shows are exactly those on which an evaluation of every day sees the answer change.
// A query's rows before and after a change, the same way.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/dated_query.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

/// `before` with the changes applied.
std::set<std::string> applied(std::set<std::string> before, const std::vector<engine::ConclusionChange>& changes) {
    for (const engine::ConclusionChange& change : changes) {
        if (!change.before.empty()) {
            EXPECT_EQ(before.erase(fmt::format("{} @{}", change.before, engine::formatConfidence(change.confidenceBefore))), 1u)
                << change.before;
        }
        if (!change.after.empty()) before.insert(fmt::format("{} @{}", change.after, engine::formatConfidence(change.confidenceAfter)));
    }
    return before;
}

/// A fact of the generator's base relations e0, e1 (binary) or e2 (unary).
engine::HypotheticalFact randomFact(const engine::Engine& engine, std::mt19937_64& random) {
    auto below = [&](int n) { return static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(n)); };
    int which = static_cast<int>(below(3));
    engine::HypotheticalFact fact;
    fact.relation = *engine.plan().relationId(fmt::format("e{}", which));
    fact.tuple.push_back(engine::Value::integer(1 + below(4)));
    if (which < 2) fact.tuple.push_back(engine::Value::integer(1 + below(4)));
    if (below(3) == 0) fact.confidence = 0.6;
    return fact;
}

/// A situation evaluated on its own, in an engine of its own (the oracle).
std::set<std::string> evaluatedAlone(const std::string& program, const engine::Situation& situation) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("random.rules", program, diagnostics));
    engine::applyHypothesis(engine, situation.hypothesis);
    engine.run({.asOf = situation.asOf});
    return heldFacts(engine);
}

TEST(Situations, TheChangesTurnOneSituationIntoTheOtherAndTheFactsStayAsTheyWere) {
    std::mt19937_64 random(11);
    const std::int32_t first = dsl::parseDate("2023-12-01")->days;
    int compared = 0;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("random.rules", program, diagnostics));
        engine::Situation before{first + static_cast<std::int32_t>(random() % 300), {}};
        engine::Situation after{first + static_cast<std::int32_t>(random() % 300), {}};
        for (engine::Situation* side : {&before, &after}) {
            if (random() % 2) side->hypothesis.asserts.push_back(randomFact(engine, random));
            const auto& facts = engine.plan().facts;
            if (random() % 2 && !facts.empty()) {
                const engine::FactPlan& fact = facts[random() % facts.size()];
                side->hypothesis.retracts.push_back({fact.relation, fact.tuple});
            }
        }
        try {
            std::set<std::string> expectedBefore = evaluatedAlone(program, before), expectedAfter = evaluatedAlone(program, after);
            auto changes = engine::compareSituations(engine, {}, before, after);
            EXPECT_EQ(applied(expectedBefore, changes), expectedAfter) << "seed " << seed << "\n" << program;
            EXPECT_EQ(heldFacts(engine), expectedAfter) << "seed " << seed;
            engine.run({.asOf = before.asOf});  // the facts are the program's again
            EXPECT_EQ(heldFacts(engine), evaluatedAlone(program, {before.asOf, {}})) << "seed " << seed;
            ++compared;
        } catch (const engine::EvaluationError&) {
            continue;  // a random program may overflow, or clash on a keyed value
        }
    }
    EXPECT_GT(compared, 35);
}

/// A query's rows in a situation evaluated on its own: `X = 1, Y = 2 @0.6`, as the
/// changes write them.
std::set<std::string> rowsAlone(const std::string& program, const engine::Situation& situation, const std::string& query) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("random.rules", program, diagnostics));
    engine::applyHypothesis(engine, situation.hypothesis);
    engine.run({.asOf = situation.asOf});
    engine::Pattern pattern;
    std::set<std::string> rows;
    auto answer = engine.query(query, diagnostics, &pattern);
    EXPECT_TRUE(answer) << query;
    for (const engine::QueryRow& row : answer ? *answer : std::vector<engine::QueryRow>{}) {
        rows.insert(fmt::format("{} @{}", engine::formatBindings(pattern.variables, row.values, engine.symbols()),
                                engine::formatConfidence(row.confidence)));
    }
    return rows;
}

/// what-if of several conditions: the changes it lists turn the query's rows before the
/// change into its rows after, each evaluated on its own.
TEST(Situations, TheChangesOfAQuerysRowsTurnItsRowsBeforeIntoItsRowsAfter) {
    std::mt19937_64 random(17);
    const std::int32_t asOf = dsl::parseDate("2024-03-01")->days;
    int compared = 0, changed = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("random.rules", program, diagnostics));
        engine::Hypothesis hypothesis;
        hypothesis.asserts.push_back(randomFact(engine, random));
        const auto& facts = engine.plan().facts;
        if (!facts.empty()) {
            const engine::FactPlan& fact = facts[random() % facts.size()];
            hypothesis.retracts.push_back({fact.relation, fact.tuple});
        }
        for (const std::string query : {"e0(X, Y) and not e2(Y)", "e0(X, Y) and e1(Y, Z) and X != Z", "N = count { X : e2(X) }"}) {
            try {
                std::set<std::string> before = rowsAlone(program, {asOf, {}}, query), after = rowsAlone(program, {asOf, hypothesis}, query);
                auto changes = engine::whatIfRows(engine, {.asOf = asOf}, hypothesis, query, diagnostics).value();
                EXPECT_EQ(applied(before, changes), after) << "seed " << seed << ": " << query << "\n" << program;
                changed += !changes.empty();
                ++compared;
            } catch (const engine::EvaluationError&) {
                continue;  // a random program may overflow, or clash on a keyed value
            }
        }
    }
    EXPECT_GT(compared, 100);
    EXPECT_GT(changed, 30);
}

TEST(QueryOverDates, EveryChangeShowsTheDatesAnEvaluationOfEveryDaySeesChange) {
    const std::int32_t from = dsl::parseDate("2023-12-01")->days, to = dsl::parseDate("2024-09-30")->days;
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        for (const char* query : {"r2(X)", "k(X) = V"}) {
            engine::Engine engine;
            dsl::Diagnostics diagnostics;
            ASSERT_TRUE(engine.loadText("random.rules", program, diagnostics));
            engine::Pattern pattern;
            if (!engine.query(query, diagnostics, &pattern)) continue;  // the generator gave it another arity
            try {
                auto everyDay =
                    engine::queryOnDates(engine, pattern, {}, engine::datesOver(engine, pattern, from, to, engine::DateStep::Day));
                auto onChanges =
                    engine::queryOnDates(engine, pattern, {}, engine::datesOver(engine, pattern, from, to, engine::DateStep::Change));
                engine::keepChanges(everyDay);
                engine::keepChanges(onChanges);
                auto dates = [](const std::vector<engine::DatedRows>& dated) {
                    std::vector<std::string> out;
                    for (const auto& rows : dated) out.push_back(dsl::formatDate({rows.asOf}) + " " + std::to_string(rows.rows.size()));
                    return out;
                };
                ASSERT_EQ(dates(onChanges), dates(everyDay)) << "seed " << seed << " " << query << "\n" << program;
                ++checked;
            } catch (const engine::EvaluationError&) {
                continue;
            }
        }
    }
    EXPECT_GT(checked, 30);
}

TEST(QueryOverDates, WeeksAndMonthsStepFromTheFirstDate) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(engine.loadText("t.rules", "p(1).\n", diagnostics));
    engine::Pattern pattern;
    ASSERT_TRUE(engine.query("p(X)", diagnostics, &pattern));
    auto formatted = [](const std::vector<std::int32_t>& dates) {
        std::vector<std::string> out;
        for (std::int32_t date : dates) out.push_back(dsl::formatDate({date}));
        return out;
    };
    std::int32_t from = dsl::parseDate("2024-01-31")->days;
    EXPECT_EQ(formatted(engine::datesOver(engine, pattern, from, dsl::parseDate("2024-05-30")->days, engine::DateStep::Month)),
              (std::vector<std::string>{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"}));
    EXPECT_EQ(formatted(engine::datesOver(engine, pattern, from, dsl::parseDate("2024-02-14")->days, engine::DateStep::Week)),
              (std::vector<std::string>{"2024-01-31", "2024-02-07", "2024-02-14"}));
    // Nothing is dated: one state, shown once.
    EXPECT_EQ(formatted(engine::datesOver(engine, pattern, from, from + 400, engine::DateStep::Change)),
              (std::vector<std::string>{"2024-01-31"}));
}

}  // namespace
}  // namespace accord::testing
