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
engine::RuleProbe probe(engine::Engine& engine, const std::string& program, const std::string& goal, std::size_t maxDerivations = 0) {
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("probe.rules", program, diagnostics)) << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    engine.run({});
    auto fact = engine.parseFact(goal, diagnostics);
    EXPECT_TRUE(fact) << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    if (!fact) return {};
    return engine::probeRule(*engine.plan().basePlan(0), {fact->first, fact->second}, engine, {.maxDerivations = maxDerivations});
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

}  // namespace
}  // namespace accord::testing
