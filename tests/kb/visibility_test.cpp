// What a knowledge base shows is what holds as of its last run — asserted, imported, program
// and derived facts alike. On random stratified programs with random asserted facts (some
// uncertain, some valid only for a period, some in relations that rules also derive),
// everything the stored conclusions hold, everything `why` finds and everything `export`
// writes must equal an evaluation in memory of the same program with the same facts.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/fact_export.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "accord/kb/stored_fact_records.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/temporary_directory.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

using FactSet = std::set<std::string>;

/// Random facts over the values 1..4 (hi or lo for a keyed value) for any relation of the program, base or derived; each
/// fact once (asserting a fact again replaces its annotations, where a rule file holds both).
std::string randomFacts(const engine::ProgramPlan& plan, std::mt19937_64& random) {
    std::set<std::string> seen;
    auto below = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    static const char* annotations[] = {"", "", " @0.5", " @0.8", " since 2024-03-01", " until 2024-03-01", " since 2024-05-01"};
    std::string facts;
    for (int i = 0, count = 2 + below(6); i < count; ++i) {
        const engine::RelationPlan& relation = plan.relations[below(static_cast<int>(plan.relations.size()))];
        std::size_t arguments = relation.keyed ? relation.arity - 1 : relation.arity;
        std::string values;
        for (std::size_t c = 0; c < arguments; ++c) values += fmt::format("{}{}", c ? ", " : "", 1 + below(4));
        std::string fact = relation.name + (arguments || !relation.keyed ? "(" + values + ")" : "") +
                           (relation.keyed ? below(2) ? " = hi" : " = lo" : "");  // the generator's resolved values
        if (seen.insert(fact).second) facts += fact + annotations[below(7)] + ".\n";
    }
    return facts;
}

class VisibilityTest : public TemporaryDirectoryTest {};

TEST_F(VisibilityTest, TheKnowledgeBaseShowsWhatAnEvaluationInMemoryHolds) {
    const std::int32_t asOf = dsl::parseDate("2024-04-01")->days;
    int compared = 0, assertedSeen = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        std::string rulesPath = (directory_ / "program.rules").string();
        std::ofstream(rulesPath) << program;
        std::string dbPath = (directory_ / fmt::format("kb{}.db", seed)).string();
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(dbPath, true);
        engine::Engine loader;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(knowledgeBase.loadRules(loader, {rulesPath}, diagnostics)) << program;
        std::mt19937_64 random(seed);
        std::string facts = randomFacts(loader.plan(), random);
        dsl::SourceManager sources;
        ASSERT_TRUE(knowledgeBase.changeFacts(facts, false, sources, diagnostics)) << facts;

        engine::Engine memory;
        ASSERT_TRUE(memory.loadTexts({{"program.rules", program}, {"asserted.rules", facts}}, diagnostics)) << facts;
        engine::Engine runner;
        ASSERT_TRUE(knowledgeBase.loadProgram(runner, diagnostics));
        try {
            memory.run({.asOf = asOf});
        } catch (const engine::EvaluationError&) {
            continue;  // a runaway program: nothing to compare
        }
        knowledgeBase.run(runner, {.asOf = asOf});

        engine::Engine stored;
        ASSERT_TRUE(knowledgeBase.loadProgram(stored, diagnostics));
        stored.setConclusions(knowledgeBase.readConclusions(stored));
        FactSet expected = heldFacts(memory);
        ASSERT_EQ(heldFacts(stored), expected) << "seed " << seed << "\n" << facts << "in\n" << program;

        kb::StoredFactRecords records(knowledgeBase.database(), stored, asOf);
        std::size_t exported = 0;
        for (engine::RelationId r = 0; r < stored.relations().size(); ++r) {
            const engine::Relation& relation = stored.relations()[r];
            for (engine::TupleId t = 0; t < relation.size(); ++t) {
                engine::TupleView tuple = relation.tuple(t);
                auto record = records.find({r, engine::Tuple(tuple.begin(), tuple.end())});
                ASSERT_TRUE(record.has_value()) << "why finds no record of a held fact, seed " << seed;
                EXPECT_DOUBLE_EQ(record->confidence, relation.confidence(t)) << "seed " << seed;
                if (record->origin == engine::FactOrigin::Asserted) ++assertedSeen;
            }
            std::ostringstream out;
            exported += kb::exportRows(knowledgeBase.database(), stored.plan().relations[r], stored.symbols(), kb::ExportFormat::Json,
                                       kb::RowFilter::Held, out);
        }
        EXPECT_GE(exported, expected.size()) << "export leaves out facts that hold, seed " << seed;
        ++compared;
    }
    EXPECT_GT(compared, 40);
    EXPECT_GT(assertedSeen, 40);  // the best support of many held facts is an asserted row
}

}  // namespace
}  // namespace accord::testing
