// Incremental runs of the knowledge base against runs from scratch: on random stratified
// programs (recursion, negation, aggregates, for all, a keyed relation, confidences and
// validity periods), a random sequence of asserts and retracts is applied to two knowledge
// bases; one runs incrementally after each change, the other from scratch, and every
// relation table — values, confidence, source, origin, rule and premises — must be equal.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "accord/kb/statement.hpp"
#include "tests/support/kb_dump.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/temporary_directory.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

class IncrementalRunTest : public TemporaryDirectoryTest {
protected:
    /// Runs the knowledge base; the report, or nullopt when the evaluation failed.
    static std::optional<kb::RunReport> run(kb::KnowledgeBase& knowledgeBase, bool fromScratch) {
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        EXPECT_TRUE(knowledgeBase.loadProgram(engine, diagnostics));
        engine::RunOptions options;
        options.asOf = dsl::parseDate("2024-04-01")->days;
        try {
            return knowledgeBase.run(engine, options, fromScratch);
        } catch (const engine::EvaluationError&) {
            return std::nullopt;
        }
    }

    static void change(kb::KnowledgeBase& knowledgeBase, const std::string& facts, bool retract) {
        dsl::Diagnostics diagnostics;
        dsl::SourceManager sources;
        ASSERT_TRUE(knowledgeBase.changeFacts(facts, retract, sources, diagnostics))
            << facts << ::testing::PrintToString(describe(diagnostics, sources));
    }

    /// One to three random facts of the generator's base relations e0, e1 (binary) and e2.
    static std::string randomFacts(std::mt19937_64& random) {
        auto below = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
        std::string facts;
        for (int i = 0, count = 1 + below(3); i < count; ++i) {
            int relation = below(3);
            facts += relation == 2 ? fmt::format("e2({})", 1 + below(5)) : fmt::format("e{}({}, {})", relation, 1 + below(4), 1 + below(4));
            static const char* annotations[] = {"", "", "", " @0.5", " @0.8", " since 2024-03-01", " until 2024-03-01"};
            facts += annotations[below(7)];
            facts += ".\n";
        }
        return facts;
    }
};

TEST_F(IncrementalRunTest, GivesExactlyTheTablesOfARunFromScratch) {
    int compared = 0, incremental = 0, relationsKept = 0;
    for (std::uint64_t seed = 1; seed <= 120; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        std::string rulesPath = (directory_ / "program.rules").string();
        std::ofstream(rulesPath) << program;
        std::filesystem::remove_all(directory_ / "dbs");
        std::filesystem::create_directories(directory_ / "dbs");
        kb::KnowledgeBase maintained = kb::KnowledgeBase::open((directory_ / "dbs" / "maintained.db").string(), true);
        kb::KnowledgeBase scratch = kb::KnowledgeBase::open((directory_ / "dbs" / "scratch.db").string(), true);
        for (kb::KnowledgeBase* knowledgeBase : {&maintained, &scratch}) {
            engine::Engine engine;
            dsl::Diagnostics diagnostics;
            ASSERT_TRUE(knowledgeBase->loadRules(engine, {rulesPath}, diagnostics)) << program;
        }
        run(maintained, false);
        std::mt19937_64 random(seed);
        std::vector<std::string> asserted;
        for (int step = 0; step < 8; ++step) {
            bool retract = !asserted.empty() && random() % 3 == 0;
            std::string facts = retract ? asserted[random() % asserted.size()] : randomFacts(random);
            if (!retract) asserted.push_back(facts);
            change(maintained, facts, retract);
            change(scratch, facts, retract);
            auto maintainedReport = run(maintained, false);
            auto scratchReport = run(scratch, true);
            ASSERT_EQ(maintainedReport.has_value(), scratchReport.has_value()) << "seed " << seed << " step " << step << "\n" << program;
            auto expected = dumpRelationTables(scratch.database());
            auto actual = dumpRelationTables(maintained.database());
            ASSERT_EQ(dumpDifference(expected, actual), "")
                << "seed " << seed << " step " << step << " after " << (retract ? "retracting" : "asserting") << "\n"
                << facts << "in\n"
                << program;
            ++compared;
            if (maintainedReport && maintainedReport->incremental) {
                ++incremental;
                relationsKept += static_cast<int>(maintainedReport->rows.size() - maintainedReport->recomputed.size());
            }
        }
    }
    EXPECT_EQ(compared, 960);
    EXPECT_GT(incremental, 800);  // most runs after a change were incremental...
    EXPECT_GT(relationsKept, 1000);  // ...and kept relations the change could not reach
}

TEST_F(IncrementalRunTest, ADifferentDateOrProgramRunsFromScratch) {
    std::string rules = (directory_ / "r.rules").string();
    std::ofstream(rules) << "relation e(x: integer)\nrelation f(x: integer)\np(X) if e(X).\nq(X) if f(X).\n";
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open((directory_ / "accord.db").string(), true);
    engine::Engine loader;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(knowledgeBase.loadRules(loader, {rules}, diagnostics));
    EXPECT_FALSE(run(knowledgeBase, false)->incremental);
    change(knowledgeBase, "e(1).", false);
    auto report = run(knowledgeBase, false);
    EXPECT_TRUE(report->incremental);
    EXPECT_EQ(report->changed, std::vector<std::string>{"e"});
    EXPECT_EQ(report->recomputed, (std::vector<std::string>{"e", "p"}));
    EXPECT_EQ(report->inserted, 1u);  // p(1); e(1) is an asserted row already
    {
        engine::Engine engine;
        ASSERT_TRUE(knowledgeBase.loadProgram(engine, diagnostics));
        engine::RunOptions options;
        options.asOf = dsl::parseDate("2024-05-01")->days;
        EXPECT_FALSE(knowledgeBase.run(engine, options).incremental);  // another date
    }
    std::ofstream(rules, std::ios::app) << "r(X) if p(X).\n";
    ASSERT_TRUE(knowledgeBase.loadRules(loader, {rules}, diagnostics));
    EXPECT_FALSE(run(knowledgeBase, false)->incremental);  // another program
    EXPECT_TRUE(run(knowledgeBase, false)->incremental);
    EXPECT_FALSE(run(knowledgeBase, true)->incremental);
}

}  // namespace
}  // namespace accord::testing
