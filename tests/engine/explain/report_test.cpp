// Explanations in words and as a report: a rule's sentence is filled with the values of
// the derivation shown (each derivation its own, also under `why --all`); every sentence of
// the NATO model on every date it changes is filled completely; the Markdown report cites
// each source once, numbered, and escapes what Markdown would read as markup.
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/markdown_report.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/explain/timeline.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

constexpr const char* kProgram = R"(
relation national(person: symbol, country: symbol)
national(iohannis, romania) source "Anadolu".
national(popescu, romania) source "Digi24".
candidate(iohannis). candidate(popescu). candidate(rutte).
## An ally whose own national runs blocks the others.
## sentence: {A} blocks {C} because its own national, {Own}, is a candidate
rule own: blocks(A, C) if national(Own, A) and candidate(Own) and candidate(C) and Own != C.
)";

std::unique_ptr<engine::Engine> loaded(const std::string& program) {
    auto engine = std::make_unique<engine::Engine>();
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine->loadText("test.rules", program, diagnostics)) << ::testing::PrintToString(describe(diagnostics, engine->sources()));
    engine->run({.asOf = dsl::parseDate("2024-06-19")->days});
    return engine;
}

engine::FactKey keyOf(engine::Engine& engine, const std::string& fact) {
    dsl::Diagnostics diagnostics;
    auto parsed = engine.parseFact(fact, diagnostics);
    EXPECT_TRUE(parsed.has_value()) << fact;
    return {parsed->first, parsed->second};
}

/// The person a derivation of blocks(...) rests on: the first argument of its national(...) premise.
std::string ownNational(const engine::ProofStep& proof) {
    for (const engine::ProofStep& premise : proof.premises) {
        if (premise.fact.starts_with("national(")) return premise.fact.substr(9, premise.fact.find(',') - 9);
    }
    return "";
}

TEST(Sentences, EachDerivationReadsWithItsOwnValues) {
    auto owned = loaded(kProgram);
    engine::Engine& engine = *owned;
    engine::EngineFactRecords records(engine);
    engine::FactKey key = keyOf(engine, "blocks(romania, rutte)");
    engine::ProofStep best = engine::buildProof(records, engine, key, 5);
    EXPECT_EQ(engine::sentenceOf(best), "Romania blocks rutte because its own national, " + ownNational(best) + ", is a candidate");
    auto all = engine::allDerivations(records, engine, key, 5, 10, dsl::parseDate("2024-06-19")->days);
    ASSERT_EQ(all.size(), 2u);
    std::set<std::string> people;
    for (const engine::ProofStep& derivation : all) {
        std::string person = ownNational(derivation);
        people.insert(person);
        EXPECT_EQ(engine::sentenceOf(derivation), "Romania blocks rutte because its own national, " + person + ", is a candidate");
    }
    EXPECT_EQ(people, (std::set<std::string>{"iohannis", "popescu"}));
    EXPECT_EQ(engine::proofToJson(best)["sentence"], engine::sentenceOf(best));
    EXPECT_EQ(engine::proofToJson(best)["rule"]["docs"], "An ally whose own national runs blocks the others.");  // the template apart
}

TEST(Sentences, TheReportCitesEachSourceOnceAndEscapesMarkup) {
    auto owned = loaded(kProgram);
    engine::Engine& engine = *owned;
    engine::EngineFactRecords records(engine);
    engine::ProofStep proof = engine::buildProof(records, engine, keyOf(engine, "blocks(romania, rutte)"), 5);
    std::string report = engine::proofsMarkdown({proof}, "as of 2024-06-19");
    EXPECT_NE(report.find("## Why `blocks(romania, rutte)` holds\n\n*As of 2024-06-19.*\n"), std::string::npos) << report;
    EXPECT_NE(report.find("- Romania blocks rutte because its own national, " + ownNational(proof) + ", is a candidate [1]\n"),
              std::string::npos)
        << report;
    EXPECT_NE(report.find("### Sources\n\n1. "), std::string::npos) << report;
    EXPECT_EQ(report.find("\n2. "), std::string::npos) << report;  // one source, cited once
    EXPECT_EQ(engine::escapeMarkdown("own_candidate *x* [a](b) <i> #1 |"), "own\\_candidate \\*x\\* \\[a\\](b) \\<i\\> \\#1 \\|");
}

TEST(Sentences, EveryNatoSentenceIsFilledOnEveryDateItsConclusionsChange) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(engine.loadFiles({std::string(ACCORD_SOURCE_DIR) + "/rules/nato"}, diagnostics));
    int filled = 0;
    for (const char* date : {"2024-02-13", "2024-03-05", "2024-04-02", "2024-06-19", "2024-06-27"}) {
        engine.run({.asOf = dsl::parseDate(date)->days});
        engine::EngineFactRecords records(engine);
        for (const char* relation : {"vote", "blocking", "unmet", "met", "appointable", "appointed"}) {
            auto id = engine.plan().relationId(relation);
            ASSERT_TRUE(id) << relation;
            const engine::Relation& facts = engine.relations()[*id];
            for (engine::TupleId t = 0; t < facts.size(); ++t) {
                engine::TupleView tuple = facts.tuple(t);
                engine::ProofStep proof = engine::buildProof(records, engine, {*id, engine::Tuple(tuple.begin(), tuple.end())}, 1);
                std::string sentence = engine::sentenceOf(proof);
                if (sentence.empty()) continue;
                EXPECT_EQ(sentence.find('{'), std::string::npos) << proof.fact << " as of " << date << ": " << sentence;
                ++filled;
            }
        }
    }
    EXPECT_GT(filled, 150);
}

TEST(Sentences, TheTimelineReportHasARowPerState) {
    auto owned = loaded("since_fact(a) since 2024-01-01 until 2024-03-01.\np(X) if since_fact(X).\n");
    engine::Engine& engine = *owned;
    dsl::Diagnostics diagnostics;
    engine::Pattern pattern;
    ASSERT_TRUE(engine.query("p(X)", diagnostics, &pattern));
    auto timelines = engine::buildTimelines(engine, pattern, {}, 10);
    std::string report = engine::timelinesMarkdown(timelines, "p(X)", false);
    EXPECT_EQ(report,
              "## When `p(X)` changed\n\n### `p(a)`\n\n| from | state | confidence | changed by |\n|---|---|---|---|\n"
              "| earlier | does not hold |  |  |\n| 2024-01-01 | holds | 1 | from `since_fact(a)` |\n"
              "| 2024-03-01 | does not hold |  | until `since_fact(a)` |\n");
}

}  // namespace
}  // namespace accord::testing
