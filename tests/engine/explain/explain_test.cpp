// `why`: proofs built from an engine's run, checked against hand-written trees (golden
// text and JSON), and proofs built from a knowledge base's stored conclusions checked
// against those built in memory, for every derived fact of random programs.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "accord/kb/stored_fact_records.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/temporary_directory.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

/// Whether a rule's confidence is fully accounted for by premises and weakenings: no
/// aggregate (it counts its weakest element, not listed) and every `for all` consequent one
/// atom (only those name their weakest case).
bool accountable(const engine::Engine& engine, engine::RuleId rule) {
    const engine::RulePlan* plan = engine.plan().basePlan(rule);
    if (!plan) return false;
    for (const engine::Step& step : plan->steps) {
        if (step.kind == engine::Step::Kind::Aggregate) return false;
        if (step.kind == engine::Step::Kind::ForAll &&
            (step.consequent.size() != 1 || step.consequent[0].size() != 1 || step.consequent[0][0].kind != engine::Step::Kind::Scan)) {
            return false;
        }
    }
    return true;
}

/// Calls `visit` for every conclusion of random programs 1..`seeds` (those that evaluate).
void forEachConclusionOfRandomPrograms(
    std::uint64_t seeds, const std::function<void(engine::Engine&, engine::FactRecords&, const engine::FactKey&, std::uint64_t)>& visit) {
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("random.rules", generateStratifiedProgram(seed), diagnostics));
        try {
            engine.run({});
        } catch (const engine::EvaluationError&) {
            continue;
        }
        engine::EngineFactRecords records(engine);
        for (engine::RelationId r = 0; r < engine.relations().size(); ++r) {
            for (engine::TupleId id = 0; id < engine.relations()[r].size(); ++id) {
                engine::TupleView tuple = engine.relations()[r].tuple(id);
                visit(engine, records, {r, engine::Tuple(tuple.begin(), tuple.end())}, seed);
            }
        }
    }
}

/// The proofs of the facts matching `query` after running `program` as of `asOf`.
std::vector<engine::ProofStep> proofsOf(const std::string& program, const std::string& query, const std::string& asOf,
                                        std::size_t depth = 10) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("test.rules", program, diagnostics)) << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    engine.run({.asOf = dsl::parseDate(asOf)->days});
    engine::Pattern pattern;
    auto rows = engine.query(query, diagnostics, &pattern);
    EXPECT_TRUE(rows.has_value());
    engine::EngineFactRecords records(engine);
    std::vector<engine::ProofStep> proofs;
    for (const engine::QueryRow& row : rows.value_or(std::vector<engine::QueryRow>{})) {
        engine::TupleView tuple = engine.relations()[pattern.relation].tuple(row.tuple);
        proofs.push_back(engine::buildProof(records, engine, {pattern.relation, engine::Tuple(tuple.begin(), tuple.end())}, depth));
    }
    return proofs;
}

const char* const kProgram = R"(relation ally(name: symbol)
relation demand(ally: symbol, what: symbol)
relation pledged(candidate: symbol, what: symbol)
relation vote(ally: symbol, candidate: symbol) -> stance: symbol
resolve vote: block overrides approve.
ally(turkey).
ally(france).
demand(turkey, eu_neutrality) @0.8 source "Bloomberg" since 2023-10-01.
candidate(rutte).
## An ally whose demands are all met approves.
rule approves: vote(A, C) = approve if ally(A) and candidate(C).
## An unmet demand blocks.
rule unmet: vote(A, C) = block if demand(A, W) and candidate(C) and not pledged(C, W).
blocker(A, C) if vote(A, C) = block.
blockers(C, N) if candidate(C) and N = count { A : blocker(A, C) }.
)";

TEST(Why, ProofTreeOfANegationAndAnOverride) {
    auto proofs = proofsOf(kProgram, "blocker(turkey, rutte)", "2024-01-01");
    ASSERT_EQ(proofs.size(), 1u);
    EXPECT_EQ(engine::formatProofText(proofs[0]),
              "blocker(turkey, rutte)  (confidence 0.8)\n"
              "│ by rule #2 at test.rules:14:1\n"
              "│ blocker(A, C) if vote(A, C) = block.\n"
              "└─ vote(turkey, rutte) = block  (confidence 0.8)\n"
              "   │ by rule unmet at test.rules:13:1\n"
              "   │ ## An unmet demand blocks.\n"
              "   │ rule unmet: vote(A, C) = block if demand(A, W) and candidate(C) and not pledged(C, W).\n"
              "   ├─ demand(turkey, eu_neutrality)  (fact at test.rules:8:1; confidence 0.8; source \"Bloomberg\"; valid from 2023-10-01)\n"
              "   ├─ candidate(rutte)  (fact at test.rules:9:1)\n"
              "   └─ not pledged(rutte, eu_neutrality)  (no such fact)\n");
}

TEST(Why, BeforeAFactIsValidTheOtherRuleWins) {
    auto proofs = proofsOf(kProgram, "vote(turkey, rutte) = V", "2023-09-01");
    ASSERT_EQ(proofs.size(), 1u);
    EXPECT_EQ(proofs[0].fact, "vote(turkey, rutte) = approve");
    ASSERT_TRUE(proofs[0].rule.has_value());
    EXPECT_EQ(proofs[0].rule->name, "approves");
    EXPECT_EQ(proofs[0].rule->docs, "An ally whose demands are all met approves.");
    ASSERT_EQ(proofs[0].premises.size(), 2u);
    EXPECT_EQ(proofs[0].premises[0].fact, "ally(turkey)");
    EXPECT_EQ(proofs[0].premises[1].fact, "candidate(rutte)");
}

TEST(Why, AnAggregateShowsItsGroupAndItsWeakestElementsConfidence) {
    auto proofs = proofsOf(kProgram, "blockers(rutte, N)", "2024-01-01");
    ASSERT_EQ(proofs.size(), 1u);
    EXPECT_EQ(proofs[0].fact, "blockers(rutte, 1)");
    EXPECT_DOUBLE_EQ(proofs[0].confidence, 0.8);  // the weakest element counted
    // The elements an aggregate counts are not premises (there may be millions); the
    // group's own atoms are.
    ASSERT_EQ(proofs[0].premises.size(), 1u);
    EXPECT_EQ(proofs[0].premises[0].fact, "candidate(rutte)");
}

TEST(Why, DepthCutsTheTree) {
    auto proofs = proofsOf(kProgram, "blocker(turkey, rutte)", "2024-01-01", 1);
    ASSERT_EQ(proofs.size(), 1u);
    ASSERT_EQ(proofs[0].premises.size(), 1u);
    EXPECT_TRUE(proofs[0].premises[0].cut);
    EXPECT_TRUE(proofs[0].premises[0].premises.empty());
    EXPECT_NE(engine::formatProofText(proofs[0]).find("vote(turkey, rutte) = block  (confidence 0.8; more below: raise --depth)"),
              std::string::npos);
}

TEST(Why, JsonCarriesTheWholeTree) {
    auto proofs = proofsOf(kProgram, "blocker(turkey, rutte)", "2024-01-01");
    ASSERT_EQ(proofs.size(), 1u);
    nlohmann::json json = engine::proofToJson(proofs[0]);
    EXPECT_EQ(json["fact"], "blocker(turkey, rutte)");
    EXPECT_EQ(json["origin"], "derived");
    EXPECT_DOUBLE_EQ(json["confidence"].get<double>(), 0.8);
    const nlohmann::json& vote = json["premises"][0];
    EXPECT_EQ(vote["rule"]["name"], "unmet");
    EXPECT_EQ(vote["rule"]["location"], (nlohmann::json{{"file", "test.rules"}, {"line", 13}, {"column", 1}}));
    EXPECT_EQ(vote["premises"][0]["fact"], "demand(turkey, eu_neutrality)");
    EXPECT_EQ(vote["premises"][0]["origin"], "program");
    EXPECT_EQ(vote["premises"][0]["source"], "Bloomberg");
    EXPECT_EQ(vote["premises"][0]["since"], "2023-10-01");
    EXPECT_TRUE(vote["premises"][0]["premises"].empty());
}

TEST(Why, DotDrawsEachFactOnce) {
    auto proofs = proofsOf(kProgram, "blocker(A, C)", "2024-01-01");
    std::string dot = engine::formatProofsDot(proofs);
    EXPECT_EQ(dot.rfind("digraph proof {", 0), 0u);
    EXPECT_NE(dot.find("[label=\"demand(turkey, eu_neutrality)\\n0.8\\nBloomberg\", style=rounded]"), std::string::npos) << dot;
    EXPECT_NE(dot.find("-> f1 [label=\"unmet\"]"), std::string::npos) << dot;
}

class StoredWhy : public TemporaryDirectoryTest {};

TEST_F(StoredWhy, ProofsFromTheKnowledgeBaseEqualProofsFromTheRun) {
    const std::int32_t asOf = dsl::parseDate("2024-04-01")->days;
    int compared = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        std::string path = (directory_ / "random.rules").string();
        std::ofstream(path) << program;
        std::string kbPath = (directory_ / fmt::format("kb{}.db", seed)).string();
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(kbPath, true);
        engine::Engine inMemory, stored;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(knowledgeBase.loadRules(inMemory, {path}, diagnostics));
        try {
            knowledgeBase.run(inMemory, {.asOf = asOf});
        } catch (const engine::EvaluationError&) {
            continue;  // a clash or a limit: nothing stored, nothing to explain
        }
        ASSERT_TRUE(knowledgeBase.loadProgram(stored, diagnostics));
        stored.setConclusions(knowledgeBase.readConclusions(stored));  // as `accord why` does
        engine::EngineFactRecords memoryRecords(inMemory);
        kb::StoredFactRecords storedRecords(knowledgeBase.database(), stored, asOf);
        for (engine::RelationId r = 0; r < inMemory.relations().size(); ++r) {
            const engine::Relation& relation = inMemory.relations()[r];
            for (engine::TupleId id = 0; id < relation.size(); ++id) {
                engine::TupleView tuple = relation.tuple(id);
                engine::FactKey key{r, engine::Tuple(tuple.begin(), tuple.end())};
                // The stored engine interns symbols in its own order: key it by its own values.
                dsl::Diagnostics ignored;
                std::string text = engine::formatFact(relation.name(), tuple, inMemory.plan().relations[r].keyed, inMemory.symbols());
                auto storedKey = stored.parseFact(text, ignored);
                ASSERT_TRUE(storedKey.has_value()) << text;
                nlohmann::json expected = engine::proofToJson(engine::buildProof(memoryRecords, inMemory, key, 20));
                nlohmann::json actual =
                    engine::proofToJson(engine::buildProof(storedRecords, stored, {storedKey->first, storedKey->second}, 20));
                ASSERT_EQ(expected.dump(1), actual.dump(1)) << "seed " << seed << ", " << text << "\n" << program;
                ++compared;
            }
        }
    }
    EXPECT_GT(compared, 1000);
}

}  // namespace
}  // namespace accord::testing

namespace accord::testing {
namespace {

TEST(Why, AllDerivationsListsEveryWayAFactFollows) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(engine.loadText("test.rules",
                                "edge(a, b). edge(b, d). edge(a, c). edge(c, d). path(a, d).\n"
                                "path(X, Y) if edge(X, Y).\npath(X, Z) if edge(X, Y) and path(Y, Z).\n",
                                diagnostics));
    engine.run({});
    engine::EngineFactRecords records(engine);
    auto key = engine.parseFact("path(a, d)", diagnostics);
    ASSERT_TRUE(key.has_value());
    auto derivations = engine::allDerivations(records, engine, {key->first, key->second}, 1, 20, 0);
    std::vector<std::string> lines;
    for (const auto& derivation : derivations) {
        std::string line = derivation.rule ? "rule #" + std::to_string(derivation.rule->id) + ":" : "fact";
        for (const auto& premise : derivation.premises) line += " " + premise.fact;
        lines.push_back(line);
    }
    EXPECT_EQ(lines, (std::vector<std::string>{"fact", "rule #1: edge(a, b) path(b, d)", "rule #1: edge(a, c) path(c, d)"}));
    EXPECT_EQ(engine::allDerivations(records, engine, {key->first, key->second}, 1, 2, 0).size(), 2u);  // bounded
}

TEST(Why, AnUncertainNegatedFactAndTheWeakestForAllCaseSayWhatLowersTheConfidence) {
    const char* program =
        "rumour(b) @0.25. ally(a). ally(b). backs(a, x) @0.9. backs(b, x).\n"
        "approves(A, C) if backs(A, C) and not rumour(A).\n"
        "appointed(C) if backs(_, C) and for all ally(A): approves(A, C).\n";
    auto approves = proofsOf(program, "approves(b, x)", "2024-01-01");
    ASSERT_EQ(approves.size(), 1u);
    EXPECT_DOUBLE_EQ(approves[0].confidence, 0.75);
    ASSERT_EQ(approves[0].weakenedBy.size(), 1u);
    EXPECT_EQ(approves[0].weakenedBy[0].fact, "rumour(b)");
    EXPECT_EQ(approves[0].weakenedBy[0].weakens, "not");
    EXPECT_DOUBLE_EQ(approves[0].weakenedBy[0].confidence, 0.25);
    auto appointed = proofsOf(program, "appointed(x)", "2024-01-01");
    ASSERT_EQ(appointed.size(), 1u);
    EXPECT_DOUBLE_EQ(appointed[0].confidence, 0.75);  // the weakest approval: b's, not a's 0.9
    ASSERT_EQ(appointed[0].weakenedBy.size(), 1u);
    EXPECT_EQ(appointed[0].weakenedBy[0].fact, "approves(b, x)");
    EXPECT_EQ(appointed[0].weakenedBy[0].weakens, "for all");
    EXPECT_NE(engine::formatProofText(approves[0]).find("lowered by: not rumour(b), which holds with confidence 0.25 (x 0.75)"),
              std::string::npos);
    EXPECT_EQ(engine::proofToJson(appointed[0])["weakened_by"][0]["kind"], "for all");
}

// On random programs, every derived fact's confidence is exactly its rule's, times its
// premises', times 1 - c for each negated fact listed and the confidence of each weakest
// `for all` case listed: what lowers a confidence is always named, and nothing else is.
TEST(Why, ConfidenceIsAccountedForByPremisesAndWeakenings) {
    std::size_t checked = 0, weakened = 0;
    forEachConclusionOfRandomPrograms(
        400, [&](engine::Engine& engine, engine::FactRecords& records, const engine::FactKey& key, std::uint64_t seed) {
            engine::ProofStep proof = engine::buildProof(records, engine, key, 1);
            if (!proof.rule || !accountable(engine, proof.rule->id)) return;
            double expected = engine.plan().rules[proof.rule->id].confidence;
            for (const auto& premise : proof.premises) expected *= premise.confidence;
            for (const auto& weakening : proof.weakenedBy) {
                expected *= weakening.weakens == "not" ? 1 - weakening.confidence : weakening.confidence;
            }
            ASSERT_NEAR(proof.confidence, expected, 1e-9) << "seed " << seed << ": " << engine::formatProofText(proof);
            ++checked;
            weakened += !proof.weakenedBy.empty();
        });
    EXPECT_GT(checked, 4000u);
    EXPECT_GT(weakened, 80u);  // the property was tested where it matters
    std::printf("%zu derived facts accounted for, %zu of them weakened\n", checked, weakened);
}

// `why --all`: each derivation shows the confidence it gives, not the fact's (its best
// derivation's). On random programs the best of them is the fact's confidence, and none
// is above it.
TEST(Why, EachDerivationShowsItsOwnConfidenceAndTheBestIsTheFacts) {
    {
        auto program = "a(x) @0.5. b(x) @0.9.\np(X) if a(X).\np(X) if b(X).\n";
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("test.rules", program, diagnostics));
        engine.run({});
        engine::EngineFactRecords records(engine);
        auto key = engine.parseFact("p(x)", diagnostics);
        std::vector<double> confidences;
        for (const auto& derivation : engine::allDerivations(records, engine, {key->first, key->second}, 1, 20, 0)) {
            confidences.push_back(derivation.confidence);
        }
        EXPECT_EQ(confidences, (std::vector<double>{0.5, 0.9}));
    }
    std::size_t checked = 0;
    forEachConclusionOfRandomPrograms(
        150, [&](engine::Engine& engine, engine::FactRecords& records, const engine::FactKey& key, std::uint64_t seed) {
            auto derivations = engine::allDerivations(records, engine, key, 1, 50, 0);
            bool every = !derivations.empty() && std::all_of(derivations.begin(), derivations.end(), [&](const engine::ProofStep& d) {
                return d.rule && accountable(engine, d.rule->id) && !engine.plan().rules[d.rule->id].isDefault;
            });
            if (!every || derivations.size() == 50) return;
            double confidence = records.find(key)->confidence, best = 0;
            for (const auto& derivation : derivations) {
                EXPECT_LE(derivation.confidence, confidence + 1e-9) << "seed " << seed << ": " << derivation.fact;
                best = std::max(best, derivation.confidence);
            }
            EXPECT_NEAR(best, confidence, 1e-9) << "seed " << seed << ": " << derivations.front().fact;
            ++checked;
        });
    EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace accord::testing
