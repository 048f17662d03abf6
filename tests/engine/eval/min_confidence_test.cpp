// A minimum confidence (`threshold C.` in the program, or RunOptions::minConfidence): what
// is less likely does not hold, for the rules that read it too. Hand-checked cases here; the
// differential test compares the engine with the naive evaluator under minimums on random
// programs.
#include <gtest/gtest.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/keyed_values.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

const std::int32_t kDate = dsl::parseDate("2024-06-20")->days;

/// The package rule the docs teach: adopted unless some member vetoes, and a veto reported at 0.8.
const char* kPackage = R"(
member(hungary). member(austria). package(p14).
position(hungary, p14) = veto @0.8 if threatens_veto(hungary, p14).
threatens_veto(hungary, p14) @0.8.
relation position(state: symbol, package: symbol) -> stance: symbol.
position(S, P) = abstain by default if member(S) and package(P).
resolve position: veto overrides abstain.
adopted(P) if package(P) and for all member(S): not position(S, P) = veto.
celebrated(P) if adopted(P).
)";

struct Evaluated {
    engine::Engine engine;

    explicit Evaluated(const std::string& program, std::optional<double> minConfidence = std::nullopt) {
        dsl::Diagnostics diagnostics;
        EXPECT_TRUE(engine.loadText("test.rules", program, diagnostics))
            << ::testing::PrintToString(describe(diagnostics, engine.sources()));
        engine.run({.asOf = kDate, .minConfidence = minConfidence});
    }

    /// "confidence" of the one row of a ground query, or "absent".
    std::string holds(const std::string& fact) {
        dsl::Diagnostics diagnostics;
        auto rows = engine.query(fact, diagnostics);
        EXPECT_TRUE(rows) << fact;
        if (!rows || rows->empty()) return "absent";
        return engine::formatConfidence(rows->front().confidence);
    }

    std::string whyNot(const std::string& goal) {
        dsl::Diagnostics diagnostics;
        auto fact = engine.parseFact(goal, diagnostics);
        EXPECT_TRUE(fact.has_value()) << goal;
        engine::EngineFactRecords records(engine);
        return engine::formatWhyNotText(engine::explainWhyNot(engine, records, {fact->first, fact->second}, kDate, 1));
    }
};

TEST(MinConfidence, WithoutOneAnUnlikelyNegationHoldsAtLowConfidenceAndIsReadAsTrue) {
    Evaluated e(kPackage);
    // 0.8 x 0.8 = 0.64 for the veto: the package is adopted at 0.36, and celebrated too.
    EXPECT_EQ(e.holds("position(hungary, p14) = veto"), "0.64");
    EXPECT_EQ(e.holds("adopted(p14)"), "0.36");
    EXPECT_EQ(e.holds("celebrated(p14)"), "0.36");
}

TEST(MinConfidence, AConclusionBelowItDoesNotHoldForTheRulesThatReadItEither) {
    Evaluated e(kPackage, 0.5);
    EXPECT_EQ(e.holds("position(hungary, p14) = veto"), "0.64");
    EXPECT_EQ(e.holds("adopted(p14)"), "absent");
    EXPECT_EQ(e.holds("celebrated(p14)"), "absent");
}

TEST(MinConfidence, AFactBelowItDoesNotHoldAndAKeyedValueFallsBackToItsDefault) {
    Evaluated e(kPackage, 0.7);
    // The veto (0.64) no longer holds, so Hungary abstains by default and the package passes.
    EXPECT_EQ(e.holds("threatens_veto(hungary, p14)"), "0.8");
    EXPECT_EQ(e.holds("position(hungary, p14) = abstain"), "1");
    EXPECT_EQ(e.holds("adopted(p14)"), "1");
    Evaluated f(kPackage, 0.9);
    EXPECT_EQ(f.holds("threatens_veto(hungary, p14)"), "absent");
    EXPECT_EQ(f.holds("adopted(p14)"), "1");
}

TEST(MinConfidence, TheProgramsThresholdAppliesAndTheOptionReplacesIt) {
    std::string program = std::string(kPackage) + "threshold 0.5.\n";
    EXPECT_EQ(Evaluated(program).holds("adopted(p14)"), "absent");
    EXPECT_EQ(Evaluated(program, 0.0).holds("adopted(p14)"), "0.36");  // --min-confidence 0: everything holds
    EXPECT_EQ(Evaluated(program, 0.3).holds("adopted(p14)"), "0.36");
    EXPECT_EQ(Evaluated(program, 0.3).engine.minConfidence(), 0.3);
}

TEST(MinConfidence, ExactlyTheMinimumHolds) {
    Evaluated e("p(1) @0.5. p(2) @0.25. q(X) if p(X).\n", 0.5);
    EXPECT_EQ(e.holds("q(1)"), "0.5");
    EXPECT_EQ(e.holds("q(2)"), "absent");
}

TEST(MinConfidence, RecursionKeepsWhatAnotherDerivationMakesLikelyEnough) {
    // c is reached from a at 0.9 x 0.5 = 0.45 (left out) and from b at 0.9 (kept).
    Evaluated e(
        "edge(a, c) @0.5. edge(b, c) @0.9. start(a). start(b).\n"
        "reach(X) if start(X).\nreach(Y) if reach(X) and edge(X, Y).\n",
        0.6);
    EXPECT_EQ(e.holds("reach(c)"), "0.9");
    Evaluated f("edge(a, c) @0.5. start(a).\nreach(X) if start(X).\nreach(Y) if reach(X) and edge(X, Y).\n", 0.6);
    EXPECT_EQ(f.holds("reach(c)"), "absent");
}

TEST(MinConfidence, WhyNotSaysAConclusionWasLeftOutForBeingUnlikely) {
    Evaluated e(kPackage, 0.5);
    std::string text = e.whyNot("adopted(p14)");
    EXPECT_NE(text.find("its confidence is 0.36, below the minimum confidence 0.5 of this evaluation, so it does not hold"),
              std::string::npos)
        << text;
    // The veto holds at 0.64, which leaves its negation 0.36: the `for all` fails at Hungary,
    // and the explanation goes on to the veto's own proof.
    EXPECT_NE(text.find("S = hungary: not position(hungary, p14) = veto holds only with confidence 0.36, which leaves the "
                        "derivation below the minimum\n        because it holds:\n"
                        "          position(hungary, p14) = veto  (confidence 0.64)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("threatens_veto(hungary, p14)  (fact at test.rules:4:1; confidence 0.8)"), std::string::npos) << text;
    EXPECT_EQ(text.find("another value wins"), std::string::npos) << text;
}

TEST(MinConfidence, WhyNotFollowsANegatedForAllConsequentWithoutAMinimumToo) {
    Evaluated e(R"(
member(hungary). member(austria). package(p14).
veto(hungary, p14) if threatens(hungary, p14).
threatens(hungary, p14) source "Council minutes".
adopted(P) if package(P) and for all member(S): not veto(S, P).
)");
    std::string text = e.whyNot("adopted(p14)");
    EXPECT_NE(text.find("S = hungary: not veto(hungary, p14) does not hold\n        because it holds:\n          veto(hungary, p14)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("threatens(hungary, p14)  (fact at test.rules:4:1; source \"Council minutes\")"), std::string::npos) << text;
}

TEST(MinConfidence, WhySaysWhatLoweredAConclusionUnderANegatedForAll) {
    Evaluated e(kPackage);  // no minimum: adopted at 0.36
    dsl::Diagnostics diagnostics;
    auto fact = e.engine.parseFact("adopted(p14)", diagnostics);
    ASSERT_TRUE(fact);
    engine::EngineFactRecords records(e.engine);
    std::string text = engine::formatProofText(engine::buildProof(records, e.engine, {fact->first, fact->second}, 1));
    EXPECT_NE(text.find("lowered by: the weakest case of for all, not position(hungary, p14) = veto, which holds with confidence 0.64 "
                        "(x 0.36)"),
              std::string::npos)
        << text;
}

TEST(MinConfidence, AKeyedValueThatLostSaysWhy) {
    Evaluated unlikely(kPackage, 0.7);  // the veto (0.64) is left out: Hungary abstains by default
    dsl::Diagnostics diagnostics;
    auto fact = unlikely.engine.parseFact("position(hungary, p14) = abstain", diagnostics);
    ASSERT_TRUE(fact);
    engine::KeyedDecision decision = engine::explainKeyedValues(unlikely.engine, {fact->first, fact->second}, kDate);
    EXPECT_EQ(decision.winner, "position(hungary, p14) = abstain");
    ASSERT_EQ(decision.losers.size(), 1u);
    EXPECT_EQ(decision.losers[0].fact, "position(hungary, p14) = veto");
    EXPECT_EQ(engine::describeLoss(decision.losers[0], decision.winner, 0.7), "its confidence is 0.64, below the minimum 0.7");

    Evaluated overridden(kPackage);  // the veto holds, and overrides the default abstention
    decision = engine::explainKeyedValues(overridden.engine, {fact->first, fact->second}, kDate);
    EXPECT_EQ(decision.winner, "position(hungary, p14) = veto");
    ASSERT_EQ(decision.losers.size(), 1u);
    EXPECT_EQ(engine::describeLoss(decision.losers[0], decision.winner, 0), "veto overrides abstain (the relation's resolve)");
    EXPECT_NE(overridden.whyNot("position(hungary, p14) = abstain")
                  .find("and position(hungary, p14) = abstain does not: veto overrides abstain (the relation's resolve)"),
              std::string::npos)
        << overridden.whyNot("position(hungary, p14) = abstain");
}

TEST(MinConfidence, WhyNotSaysAFactIsValidOnOtherDates) {
    Evaluated e(
        "supports(hungary, p14) source \"Council, 21 June\" since 2024-06-21.\n"
        "supports(hungary, p14) until 2024-01-01.\n");
    std::string text = e.whyNot("supports(hungary, p14)");
    EXPECT_NE(text.find("it is a fact at test.rules:1:1, valid from 2024-06-21 (source: Council, 21 June)"), std::string::npos) << text;
    EXPECT_NE(text.find("it is a fact at test.rules:2:1, valid until 2024-01-01 (not on it)"), std::string::npos) << text;
    EXPECT_NE(text.find("a fact valid on this date would have to be asserted"), std::string::npos) << text;
    EXPECT_EQ(text.find("it would have to be asserted\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace accord::testing
