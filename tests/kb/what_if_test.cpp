// what-if against the knowledge base (only the relations the change reaches are evaluated,
// compared with the stored conclusions) agrees with the whole program evaluated twice in
// memory, on random programs and random hypothetical changes; and it writes nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "tests/support/kb_dump.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/temporary_directory.hpp"

namespace accord::testing {
namespace {

class WhatIfTest : public TemporaryDirectoryTest {};

/// One to three facts of the generator's base relations e0, e1 (binary) and e2 (unary).
std::vector<engine::HypotheticalFact> randomFacts(const engine::Engine& engine, std::mt19937_64& random) {
    auto below = [&](int n) { return static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(n)); };
    std::vector<engine::HypotheticalFact> facts;
    for (int i = 0, count = 1 + static_cast<int>(below(3)); i < count; ++i) {
        int which = static_cast<int>(below(3));
        engine::HypotheticalFact fact;
        fact.relation = *engine.plan().relationId(fmt::format("e{}", which));
        fact.tuple.push_back(engine::Value::integer(1 + below(4)));
        if (which < 2) fact.tuple.push_back(engine::Value::integer(1 + below(4)));
        if (below(4) == 0) fact.confidence = 0.5;
        facts.push_back(std::move(fact));
    }
    return facts;
}

TEST_F(WhatIfTest, IncrementalAgainstTheKnowledgeBaseEqualsTwoEvaluationsInMemory) {
    const std::int32_t asOf = dsl::parseDate("2024-04-01")->days;
    int compared = 0, incremental = 0, withChanges = 0;
    for (std::uint64_t seed = 1; seed <= 80; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        std::string path = (directory_ / "random.rules").string();
        std::ofstream(path) << program;
        std::string kbPath = (directory_ / fmt::format("kb{}.db", seed)).string();
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(kbPath, true);
        engine::Engine loader;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(knowledgeBase.loadRules(loader, {path}, diagnostics));
        try {
            engine::Engine runner;
            ASSERT_TRUE(knowledgeBase.loadProgram(runner, diagnostics));
            knowledgeBase.run(runner, {.asOf = asOf});
        } catch (const engine::EvaluationError&) {
            continue;
        }
        TableDump stored = dumpRelationTables(knowledgeBase.database());
        std::mt19937_64 random(seed);
        for (int round = 0; round < 4; ++round) {
            engine::Engine fromKb, inMemory;
            ASSERT_TRUE(knowledgeBase.loadProgram(fromKb, diagnostics));
            ASSERT_TRUE(inMemory.loadFiles({path}, diagnostics));
            engine::Hypothesis hypothesis;
            hypothesis.asserts = randomFacts(fromKb, random);
            if (random() % 2) hypothesis.retracts = randomFacts(fromKb, random);
            std::string expected, actual;
            try {
                expected = engine::formatChanges(engine::whatIfInMemory(inMemory, {.asOf = asOf}, hypothesis));
            } catch (const engine::EvaluationError&) {
                EXPECT_THROW(knowledgeBase.whatIf(fromKb, {.asOf = asOf}, hypothesis), engine::EvaluationError);
                continue;
            }
            kb::WhatIfReport report = knowledgeBase.whatIf(fromKb, {.asOf = asOf}, hypothesis);
            actual = engine::formatChanges(report.changes);
            ASSERT_EQ(expected, actual) << "seed " << seed << " round " << round << "\n" << program;
            ++compared;
            incremental += report.incremental;
            withChanges += !report.changes.empty();
        }
        EXPECT_EQ(stored, dumpRelationTables(knowledgeBase.database())) << "what-if wrote to the knowledge base";
    }
    EXPECT_GT(compared, 250);
    EXPECT_EQ(incremental, compared);
    EXPECT_GT(withChanges, 100);
}

}  // namespace
}  // namespace accord::testing
