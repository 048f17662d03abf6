// `why-not`: hand-checked explanations (a missing fact, a negated fact that exists, a false
// comparison, a `for all` with its counterexamples one level down, a keyed value that
// loses, ranking), and the rule probe checked against the engine on random programs:
// every fact that holds has a rule (or a fact) that derives it, and no rule derives a fact
// that does not hold unless another value of a keyed relation wins. Why-not of several
// conditions: hand-checked, and against the query's own rows on random programs.
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

struct Explained {
    engine::Engine engine;
    engine::WhyNot whyNot;

    Explained(const std::string& program, const std::string& goal, std::size_t depth = 1) {
        dsl::Diagnostics diagnostics;
        EXPECT_TRUE(engine.loadText("test.rules", program, diagnostics))
            << ::testing::PrintToString(describe(diagnostics, engine.sources()));
        std::int32_t asOf = dsl::parseDate("2024-06-01")->days;
        engine.run({.asOf = asOf});
        auto fact = engine.parseFact(goal, diagnostics);
        EXPECT_TRUE(fact.has_value()) << goal;
        engine::EngineFactRecords records(engine);
        whyNot = engine::explainWhyNot(engine, records, {fact->first, fact->second}, asOf, depth);
    }
};

TEST(WhyNot, AMissingFactIsNamedWithTheBindingsReached) {
    Explained e("ally(a). ally(b). backs(a, x).\napproves(A, C) if ally(A) and backs(A, C).\n", "approves(b, x)");
    EXPECT_EQ(engine::formatWhyNotText(e.whyNot),
              "approves(b, x) does not hold\n"
              "  rule #0 at test.rules:2:1: 1 of 2 conditions hold\n"
              "    with A = b, C = x\n"
              "    fails: backs(b, x) (no such fact)\n");
}

TEST(WhyNot, ANegatedFactThatExistsIsExplainedByItsProof) {
    Explained e("q(1). s(1).\nr(X) if s(X).\np(X) if q(X) and not r(X).\n", "p(1)");
    ASSERT_EQ(e.whyNot.attempts.size(), 1u);
    const engine::RuleAttempt& attempt = e.whyNot.attempts[0];
    ASSERT_TRUE(attempt.probe.failure.has_value());
    EXPECT_EQ(attempt.probe.failure->kind, engine::ConditionFailure::Kind::NegatedFactExists);
    EXPECT_EQ(attempt.probe.failure->condition, "not r(1)");
    ASSERT_EQ(attempt.blocking.size(), 1u);
    EXPECT_EQ(attempt.blocking[0].fact, "r(1)");
    ASSERT_EQ(attempt.blocking[0].premises.size(), 1u);
    EXPECT_EQ(attempt.blocking[0].premises[0].fact, "s(1)");
}

TEST(WhyNot, AFalseComparisonShowsItsValues) {
    Explained e("n(5). n(20).\nbig(X) if n(X) and X > 10.\n", "big(5)");
    ASSERT_EQ(e.whyNot.attempts.size(), 1u);
    EXPECT_EQ(e.whyNot.attempts[0].probe.failure->kind, engine::ConditionFailure::Kind::ComparisonFalse);
    EXPECT_EQ(e.whyNot.attempts[0].probe.failure->condition, "5 > 10");
    EXPECT_EQ(e.whyNot.attempts[0].probe.conditionsMet, 1u);
}

TEST(WhyNot, UnanimityListsExactlyTheAlliesThatDoNotApproveAndWhy) {
    Explained e(
        "ally(a). ally(b). ally(c). candidate(x).\nbacks(a, x). backs(c, x).\ndemand(c, neutrality).\n"
        "approves(A, C) if backs(A, C) and not unmet(A, C).\n"
        "unmet(A, C) if demand(A, D) and candidate(C) and not pledged(C, D).\n"
        "rule unanimity: appointed(C) if candidate(C) and for all ally(A): approves(A, C).\n",
        "appointed(x)");
    ASSERT_EQ(e.whyNot.attempts.size(), 1u);
    const engine::RuleAttempt& attempt = e.whyNot.attempts[0];
    ASSERT_EQ(attempt.probe.failure->kind, engine::ConditionFailure::Kind::Counterexamples);
    std::vector<std::string> counterexamples;
    for (const auto& example : attempt.probe.failure->counterexamples)
        counterexamples.push_back(engine::bindingsText(example.bindings) + ": " + example.consequent);
    EXPECT_EQ(counterexamples, (std::vector<std::string>{"A = b: approves(b, x)", "A = c: approves(c, x)"}));
    ASSERT_EQ(attempt.missing.size(), 2u);  // one level down
    EXPECT_EQ(attempt.missing[0].attempts[0].probe.failure->condition, "backs(b, x)");
    EXPECT_EQ(attempt.missing[1].attempts[0].probe.failure->condition, "not unmet(c, x)");
    EXPECT_EQ(engine::formatWhyNotText(e.whyNot),
              "appointed(x) does not hold\n"
              "  rule unanimity at test.rules:6:1: 1 of 2 conditions hold\n"
              "    with C = x\n"
              "    fails: for all ally(A): approves(A, x) (2 counterexamples)\n"
              "      A = b: approves(b, x) does not hold\n"
              "        rule #0 at test.rules:4:1: 0 of 2 conditions hold\n"
              "          with A = b, C = x\n"
              "          fails: backs(b, x) (no such fact)\n"
              "      A = c: approves(c, x) does not hold\n"
              "        rule #0 at test.rules:4:1: 1 of 2 conditions hold\n"
              "          with A = c, C = x\n"
              "          fails: not unmet(c, x), but it holds:\n"
              "            unmet(c, x)  (confidence 1)\n"
              "            │ by rule #1 at test.rules:5:1\n"
              "            │ unmet(A, C) if demand(A, D) and candidate(C) and not pledged(C, D).\n"
              "            ├─ demand(c, neutrality)  (fact at test.rules:3:1)\n"
              "            ├─ candidate(x)  (fact at test.rules:1:28)\n"
              "            └─ not pledged(x, neutrality)  (no such fact)\n");
}

TEST(WhyNot, AKeyedValueThatLosesIsClosestAndNamesTheWinner) {
    Explained e(
        "relation vote(ally: symbol) -> stance: symbol\nresolve vote: block overrides approve.\nally(t). demand(t).\n"
        "rule approves: vote(A) = approve if ally(A).\nrule blocks: vote(A) = block if demand(A).\n"
        "rule never: vote(A) = approve if ally(A) and pledged(A).\n",
        "vote(t) = approve");
    ASSERT_TRUE(e.whyNot.instead.has_value());
    EXPECT_EQ(e.whyNot.instead->fact, "vote(t) = block");
    ASSERT_EQ(e.whyNot.attempts.size(), 2u);  // `blocks` cannot give approve
    EXPECT_EQ(e.whyNot.attempts[0].rule.name, "approves");
    EXPECT_TRUE(e.whyNot.attempts[0].probe.derives);
    EXPECT_EQ(e.whyNot.attempts[1].rule.name, "never");
    EXPECT_EQ(e.whyNot.attempts[1].probe.failure->condition, "pledged(t)");
}

TEST(WhyNot, JsonHasTheAttemptsAndTheLevelBelow) {
    Explained e("ally(a). ally(b). approves(a).\nrule unanimity: everyone if for all ally(A): approves(A).\n", "everyone");
    nlohmann::json json = engine::whyNotToJson(e.whyNot);
    EXPECT_EQ(json["fact"], "everyone");
    EXPECT_FALSE(json["holds"].get<bool>());
    const nlohmann::json& attempt = json["attempts"][0];
    EXPECT_EQ(attempt["rule"]["name"], "unanimity");
    EXPECT_EQ(attempt["failure"]["kind"], "counterexamples");
    EXPECT_EQ(attempt["failure"]["counterexamples"][0]["bindings"], (nlohmann::json{{"A", "b"}}));
    EXPECT_EQ(attempt["failure"]["counterexamples"][0]["fails"], "approves(b)");
}

/// The probe against the engine, on random stratified programs (every other one with a
/// minimum confidence): a derived fact has a rule whose probe derives it; a fact that does
/// not hold has none (in force) that does — not even one the run left out for being below
/// the minimum (the probe searches with the run's minimum, as the evaluator keeps).
TEST(WhyNot, ProbesAgreeWithTheEngineOnRandomPrograms) {
    const std::int32_t asOf = dsl::parseDate("2024-04-01")->days;
    int holding = 0, notHolding = 0, leftOutSeen = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("random.rules", program, diagnostics));
        try {
            engine.run({.asOf = asOf, .minConfidence = seed % 2 ? std::optional<double>(0.6) : std::nullopt});
        } catch (const engine::EvaluationError&) {
            continue;
        }
        const engine::ProgramPlan& plan = engine.plan();
        auto leftOut = [&](engine::RelationId r, const engine::Tuple& tuple) {
            return !engine.belowMinimum().empty() && engine.belowMinimum()[r].contains(tuple);
        };
        auto derivers = [&](const engine::FactKey& key) {
            int count = 0;
            for (const engine::RulePlan* rule : plan.basePlansDeriving(key.relation)) {
                if (plan.rules[rule->rule].validity.validOn(asOf) && engine::probeRule(*rule, key, engine).derives) ++count;
            }
            return count;
        };
        for (engine::RelationId r = 0; r < plan.relations.size(); ++r) {
            const engine::Relation& relation = engine.relations()[r];
            std::set<std::vector<std::int64_t>> present;
            for (engine::TupleId id = 0; id < relation.size(); ++id) {
                engine::TupleView tuple = relation.tuple(id);
                engine::FactKey key{r, engine::Tuple(tuple.begin(), tuple.end())};
                bool isFact = relation.derivation(id).rule == engine::kNoRule;
                EXPECT_TRUE(isFact || derivers(key) > 0) << "seed " << seed << ": nothing derives " << relation.name() << "\n" << program;
                ++holding;
            }
            if (plan.relations[r].keyed || relation.arity() == 0 || relation.arity() > 2) continue;
            // Small integers that do not hold: no rule may derive them.
            for (std::int64_t a = 1; a <= 5; ++a) {
                for (std::int64_t b = 1; b <= (relation.arity() == 2 ? 5 : 1); ++b) {
                    engine::Tuple tuple{engine::Value::integer(a)};
                    if (relation.arity() == 2) tuple.push_back(engine::Value::integer(b));
                    if (relation.contains(tuple)) continue;
                    leftOutSeen += leftOut(r, tuple);
                    EXPECT_EQ(derivers({r, tuple}), 0)
                        << "seed " << seed << ": a probe derives " << relation.name() << "(" << a << ", " << b << ") which does not hold\n"
                        << program;
                    ++notHolding;
                }
            }
        }
    }
    EXPECT_GT(holding, 1000);
    EXPECT_GT(notHolding, 1000);
    EXPECT_GT(leftOutSeen, 10);  // derivations below the minimum, which the probes must not count
}

/// Why-not of several conditions, as of 2024-06-01.
struct ExplainedConditions {
    engine::Engine engine;
    std::optional<engine::WhyNot> whyNot;
    dsl::Diagnostics diagnostics;

    ExplainedConditions(const std::string& program, const std::string& conditions, std::size_t depth = 1) {
        EXPECT_TRUE(engine.loadText("test.rules", program, diagnostics))
            << ::testing::PrintToString(describe(diagnostics, engine.sources()));
        std::int32_t asOf = dsl::parseDate("2024-06-01")->days;
        engine.run({.asOf = asOf});
        engine::EngineFactRecords records(engine);
        whyNot = engine::explainConditionsWhyNot(engine, records, conditions, asOf, depth, diagnostics);
    }
};

TEST(WhyNotConditions, TheClosestWayThroughTheConditionsAndWhereItStops) {
    // In the order the engine runs them: the atom with a constant first.
    ExplainedConditions e("ally(a). ally(b). eu(a). backs(b, y).\n", "ally(A) and eu(A) and backs(A, y)");
    ASSERT_TRUE(e.whyNot);
    EXPECT_EQ(engine::formatWhyNotText(*e.whyNot),
              "ally(A) and eu(A) and backs(A, y) does not hold\n"
              "  the query: 2 of 3 conditions hold\n"
              "    with A = b\n"
              "    fails: eu(b) (no such fact)\n");
    nlohmann::json json = engine::whyNotToJson(*e.whyNot);
    EXPECT_TRUE(json["attempts"][0]["rule"]["id"].is_null());  // no rule of the program
}

TEST(WhyNotConditions, ADerivedFactTheyMissIsExplainedALevelDown) {
    ExplainedConditions e("ally(a). demand(a, neutrality).\napproves(A) if ally(A) and not unmet(A).\nunmet(A) if demand(A, _).\n",
                          "ally(A) and approves(A)");
    ASSERT_TRUE(e.whyNot);
    ASSERT_EQ(e.whyNot->attempts.size(), 1u);
    const engine::RuleAttempt& attempt = e.whyNot->attempts[0];
    ASSERT_TRUE(attempt.probe.failure);
    EXPECT_EQ(attempt.probe.failure->condition, "approves(a)");
    ASSERT_EQ(attempt.missing.size(), 1u);
    ASSERT_EQ(attempt.missing[0].attempts.size(), 1u);
    EXPECT_EQ(attempt.missing[0].attempts[0].probe.failure->condition, "not unmet(a)");
}

TEST(WhyNotConditions, EachAlternativeOfAnOrIsAnAttempt) {
    ExplainedConditions e("ally(a). ally(b). eu(a). backs(a, x).\n", "(ally(b) and eu(b)) or backs(b, x)");
    ASSERT_TRUE(e.whyNot);
    std::vector<std::string> attempts;  // closest first: the fewest conditions left (one each here)
    for (const engine::RuleAttempt& attempt : e.whyNot->attempts)
        attempts.push_back(attempt.rule.name + ": " + attempt.probe.failure->condition);
    EXPECT_EQ(attempts, (std::vector<std::string>{"alternative 1 (ally(b) and eu(b)): eu(b)", "alternative 2 (backs(b, x)): backs(b, x)"}));
}

TEST(WhyNotConditions, ConditionsThatHoldHaveNothingToExplain) {
    ExplainedConditions e("ally(a). eu(a).\n", "ally(A) and eu(A)");
    ASSERT_TRUE(e.whyNot);
    EXPECT_TRUE(e.whyNot->holds);
    EXPECT_TRUE(e.whyNot->attempts.empty());
}

TEST(WhyNotConditions, AnInvalidQueryIsAnError) {
    ExplainedConditions e("ally(a).\n", "ally(A) and eu(A)");
    EXPECT_FALSE(e.whyNot);
    EXPECT_GT(e.diagnostics.errorCount(), 0u);
}

/// On random programs, queries of two conditions over their relations: the conditions hold
/// exactly when the query has rows, and when they do not, no alternative's probe gets
/// through them, and a ground fact named as missing does not hold.
TEST(WhyNotConditions, AgreeWithTheQueryOnRandomPrograms) {
    const std::int32_t asOf = dsl::parseDate("2024-04-01")->days;
    int explained = 0, holding = 0;
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("random.rules", generateStratifiedProgram(seed), diagnostics));
        try {
            engine.run({.asOf = asOf, .minConfidence = seed % 2 ? std::optional<double>(0.6) : std::nullopt});
        } catch (const engine::EvaluationError&) {
            continue;
        }
        std::vector<std::string> atoms;  // each relation of arity 1 or 2, over X (and Y)
        for (const engine::RelationPlan& relation : engine.plan().relations) {
            if (relation.keyed || relation.arity == 0 || relation.arity > 2) continue;
            atoms.push_back(relation.name + (relation.arity == 1 ? "(X)" : "(X, Y)"));
        }
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            for (std::size_t j = 0; j < atoms.size(); ++j) {
                for (const std::string& query : {atoms[i] + " and " + atoms[j] + " and X > 2", atoms[i] + " and not " + atoms[j]}) {
                    dsl::Diagnostics said;
                    auto rows = engine.query(query, said);
                    if (!rows) continue;  // unsafe (`not q(X, Y)` after `p(X)`), or of another type
                    engine::EngineFactRecords records(engine);
                    auto whyNot = engine::explainConditionsWhyNot(engine, records, query, asOf, 1, said);
                    ASSERT_TRUE(whyNot) << query;
                    EXPECT_EQ(whyNot->holds, !rows->empty()) << "seed " << seed << ": " << query;
                    holding += whyNot->holds;
                    if (whyNot->holds) continue;
                    ++explained;
                    for (const engine::RuleAttempt& attempt : whyNot->attempts) {
                        EXPECT_FALSE(attempt.probe.derives) << "seed " << seed << ": " << query;
                        EXPECT_TRUE(attempt.probe.failure || attempt.probe.bounded) << "seed " << seed << ": " << query;
                        if (!attempt.probe.failure || !attempt.probe.failure->missing) continue;
                        const engine::FactKey& missing = *attempt.probe.failure->missing;
                        EXPECT_FALSE(engine.relations()[missing.relation].contains(missing.tuple)) << "seed " << seed << ": " << query;
                    }
                }
            }
        }
    }
    EXPECT_GT(explained, 500);
    EXPECT_GT(holding, 500);
}

}  // namespace
}  // namespace accord::testing
