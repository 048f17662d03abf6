// Rule probes re-run a rule for one fact to explain it; what they compute must be what the
// run computed. Each test here caught a probe that disagreed with the evaluator before the
// two shared their definitions (aggregate values, stored column values, condition text).
#include <gtest/gtest.h>

#include "accord/engine/engine.hpp"
#include "accord/engine/explain/rule_probe.hpp"
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
    EXPECT_EQ(found.failure->condition, "it derives p(2, 3), not p(2, 4)");
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

// The evaluator converts a number it binds from an undeclared column to its variable's kind
// (q's 3.0 is X = 3, as r's column is integer); a check of the head's 3 against q's 3.0
// missed the derivation.
TEST(RuleProbe, AHeadNumberBoundFromAnUndeclaredColumnIsConvertedAsTheEvaluatorDoes) {
    engine::Engine engine;
    const std::string program = "relation r(n: integer)\nq(3.0). r(3).\np(X) if q(X) and r(X).\n";
    auto found = probe(engine, program, "p(3)", 5);
    EXPECT_TRUE(found.derives);
    EXPECT_EQ(found.derivations.size(), 1u);
    engine::Engine without;
    auto missing = probe(without, "relation r(n: integer)\nq(3.0).\np(X) if q(X) and r(X).\n", "p(3)");
    ASSERT_TRUE(missing.failure);
    EXPECT_EQ(missing.failure->condition, "r(3)");
}

// One variable in an integer and a decimal head column: the evaluator derives p(3, 3.0).
TEST(RuleProbe, AVariableInHeadColumnsOfTwoKindsMatchesBoth) {
    engine::Engine engine;
    auto found = probe(engine, "relation p(a: integer, b: decimal)\nq(3).\np(X, X) if q(X).\n", "p(3, 3.0)", 5);
    EXPECT_TRUE(found.headMatches);
    EXPECT_TRUE(found.derives);
    engine::Engine other;
    auto missing = probe(other, "relation p(a: integer, b: decimal)\nq(3).\np(X, X) if q(X).\n", "p(4, 4.0)");
    EXPECT_TRUE(missing.headMatches);
    ASSERT_TRUE(missing.failure);
    EXPECT_EQ(missing.failure->condition, "q(4)");
}

// `N = X + 0` stores 3 (X's kind); the goal's 3.0 must not stand in for it in r(N).
TEST(RuleProbe, AnAssignmentToAHeadVariableStoresWhatTheEvaluatorStores) {
    engine::Engine engine;
    auto found = probe(engine, "relation p(n: decimal)\nq(3). r(3).\np(N) if q(X) and N = X + 0 and r(N).\n", "p(3.0)", 5);
    EXPECT_TRUE(found.derives);
    engine::Engine without;
    auto missing = probe(without, "relation p(n: decimal)\nq(3).\np(N) if q(X) and N = X + 0 and r(N).\n", "p(3.0)");
    ASSERT_TRUE(missing.failure);
    EXPECT_EQ(missing.failure->condition, "r(3)");
}

// A head number compared after its scan: the attempt is described before the scan, not
// with the values of some unrelated tuple.
TEST(RuleProbe, AFailedHeadComparisonIsDescribedBeforeItsScan) {
    engine::Engine engine;
    auto found = probe(engine, "q(4, a). q(5, b).\np(X) if q(X, Y).\n", "p(3)");
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->condition, "q(3, Y)");
    EXPECT_EQ(engine::bindingsText(found.bindings), "X = 3");
}

// ---- the evaluator's confidences and minimum -------------------------------------------

TEST(RuleProbe, ARuleLessLikelyThanTheMinimumSaysSo) {
    engine::Engine engine;
    auto found = probe(engine, "threshold 0.5.\ns(a).\nrule weak @0.4: w(X) if s(X) and t(X).\n", "w(a)");
    EXPECT_FALSE(found.derives);
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->kind, engine::ConditionFailure::Kind::BelowMinimum);
    EXPECT_EQ(found.failure->condition, "the rule's own confidence @0.4");
}

// A `for all` case that holds, but too uncertainly, says how uncertainly: after q(c) at
// 0.8, ok(a, c) leaves 0.56 and ok(b, c) 0.48, below the minimum 0.5.
TEST(RuleProbe, AnUncertainForAllCaseSaysItsConfidence) {
    engine::Engine engine;
    auto found = probe(engine,
                       "threshold 0.5.\nq(c) @0.8. member(a). member(b). ok(a, c) @0.7. ok(b, c) @0.6.\n"
                       "fine(C) if q(C) and for all member(M): ok(M, C).\n",
                       "fine(c)");
    EXPECT_FALSE(found.derives);
    ASSERT_TRUE(found.failure);
    EXPECT_EQ(found.failure->kind, engine::ConditionFailure::Kind::Counterexamples);
    ASSERT_EQ(found.failure->counterexamples.size(), 1u);
    EXPECT_EQ(engine::bindingsText(found.failure->counterexamples[0].bindings), "M = b");
    ASSERT_TRUE(found.failure->counterexamples[0].confidence);
    EXPECT_DOUBLE_EQ(*found.failure->counterexamples[0].confidence, 0.6);
}

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
