// Rule probes re-run a rule for one fact to explain it; what they compute must be what the
// run computed. Each test here caught a probe that disagreed with the evaluator before the
// two shared their definitions (aggregate values, stored column values, condition text).
#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "engine/explain/rule_probe.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

/// Probes the program's first rule for `goal`, after a run.
engine::RuleProbe probe(engine::Engine& engine, const std::string& program, const std::string& goal, engine::ProbeOptions options) {
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("probe.rules", program, diagnostics)) << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    engine.run({});
    auto fact = engine.parseFact(goal, diagnostics);
    EXPECT_TRUE(fact) << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    if (!fact) return {};
    return engine::probeRule(*engine.plan().basePlan(0), {fact->first, fact->second}, engine, options);
}

engine::RuleProbe probe(engine::Engine& engine, const std::string& program, const std::string& goal, std::size_t maxDerivations = 0) {
    return probe(engine, program, goal, engine::ProbeOptions{.maxDerivations = maxDerivations});
}

// A sum of decimals depends on the order it adds them in. The run adds them in the order
// found; the probe added them sorted by their bits, got 0.6000000000000001 instead of 0.6,
// and `why --all` showed no derivation of a fact that held.
TEST(RuleProbe, AnAggregateHasTheValueTheRunGaveIt) {
    engine::Engine engine;
    auto found = probe(engine, "w(0.3). w(0.2). w(0.1).\ntotal(S) if S = sum { X : w(X) }.\n", "total(0.6)", 5);
    EXPECT_TRUE(found.derives);
    EXPECT_EQ(found.derivations.size(), 1u);
}

// A decimal column holds an integer computed into it as a decimal; the probe compared the
// goal's 3.0 with the body's integer 3 and found no derivation.
TEST(RuleProbe, AComputedHeadValueIsStoredAsItsColumnStoresIt) {
    engine::Engine engine;
    auto found =
        probe(engine, "relation price(item: symbol, amount: decimal)\nstock(a, 3).\nprice(I, N) if stock(I, N).\n", "price(a, 3.0)");
    EXPECT_TRUE(found.derives);
}

// Conditions are shown as rule text, nested arithmetic in parentheses (the probe's own
// printer wrote `(X + 1) * 3` as `X + 1 * 3`).
TEST(RuleProbe, AFailingConditionIsShownAsRuleText) {
    engine::Engine engine;
    auto found = probe(engine, "r(1). s(5).\np(X) if r(X), s(Y), Y > (X + 1) * 3.\n", "p(1)");
    EXPECT_FALSE(found.derives);
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->condition, "5 > (1 + 1) * 3");
}

// ---- the head bound into the plan (head_bound_plan.hpp) ------------------------------------

TEST(RuleProbe, AnAggregateAssignedToAHeadVariableIsComparedWithTheHeadsValue) {
    engine::Engine engine;
    auto found = probe(engine, "ally(a). ally(b).\nsize(N) if N = count { A : ally(A) }.\n", "size(3)");
    EXPECT_FALSE(found.derives);
    EXPECT_EQ(found.conditionsMet, 1u);  // the count, then its value into N
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->kind, engine::ConditionFailure::Kind::NoValue);
    EXPECT_EQ(found.failure->condition, "3 = count { A : ally(A) }: it is 2");
    EXPECT_TRUE(probe(engine, "ally(a). ally(b).\nsize(N) if N = count { A : ally(A) }.\n", "size(2)").derives);
}

TEST(RuleProbe, AnAssignmentToAHeadVariableIsComparedWithTheHeadsValue) {
    engine::Engine engine;
    auto found = probe(engine, "r(2).\np(Y) if r(X), Y = X + 1.\n", "p(4)");
    EXPECT_FALSE(found.derives);
    EXPECT_EQ(found.conditionsMet, 1u);
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->condition, "4 = 2 + 1: it is 3");
}

TEST(RuleProbe, AComputedHeadColumnThatGivesAnotherValueIsNamed) {
    engine::Engine engine;
    auto found = probe(engine, "r(2).\np(X, X + 1) if r(X).\n", "p(2, 4)");
    EXPECT_FALSE(found.derives);
    EXPECT_EQ(found.conditionsMet, 1u);
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->condition, "2 + 1 = 4");
    EXPECT_TRUE(probe(engine, "r(2).\np(X, X + 1) if r(X).\n", "p(2, 3)").derives);
}

// A number bound from an undeclared relation's column is compared with the head's value as
// a number (the head column converts it); when it differs, the fact with the head's value
// is the missing one.
TEST(RuleProbe, AnUndeclaredColumnsNumberIsComparedWithTheHeadsAsANumber) {
    engine::Engine engine;
    auto found =
        probe(engine, "relation price(item: symbol, amount: decimal)\nstock(a, 3).\nprice(I, N) if stock(I, N).\n", "price(a, 4.0)");
    EXPECT_FALSE(found.derives);
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->kind, engine::ConditionFailure::Kind::MissingFact);
    EXPECT_EQ(found.failure->condition, "stock(a, 4.0)");
}

// ---- the evaluator's confidences and minimum -------------------------------------------

// Each fact holds (0.6 >= 0.5), but a derivation from both has 0.36: the evaluator drops it,
// and the probe says where the attempt fell below the minimum.
TEST(RuleProbe, AnAttemptStopsWhereItsConfidenceFallsBelowTheMinimum) {
    engine::Engine engine;
    auto found = probe(engine, "threshold 0.5.\na(x) @0.6. b(x) @0.6.\nc(X) if a(X), b(X).\n", "c(x)");
    EXPECT_FALSE(found.derives);
    EXPECT_EQ(found.conditionsMet, 1u);
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->kind, engine::ConditionFailure::Kind::BelowMinimum);
    ASSERT_TRUE(found.failure->confidence);
    EXPECT_DOUBLE_EQ(*found.failure->confidence, 0.36);
    EXPECT_TRUE(probe(engine, "threshold 0.3.\na(x) @0.6. b(x) @0.6.\nc(X) if a(X), b(X).\n", "c(x)").derives);
}

TEST(RuleProbe, ASearchCutByItsBudgetSaysSo) {
    std::string program;
    for (int i = 1; i <= 100; ++i) program += "e(" + std::to_string(i) + ").\n";
    program += "far if e(X), e(Y), X + Y > 1000.\n";
    engine::Engine engine;
    auto cut = probe(engine, program, "far", engine::ProbeOptions{.budget = 500});
    EXPECT_FALSE(cut.derives);
    EXPECT_TRUE(cut.bounded);
    engine::Engine whole;
    auto searched = probe(whole, program, "far", engine::ProbeOptions{});
    EXPECT_FALSE(searched.derives);
    EXPECT_FALSE(searched.bounded);
    EXPECT_EQ(searched.conditionsMet, 2u);
}

}  // namespace
}  // namespace accord::testing
