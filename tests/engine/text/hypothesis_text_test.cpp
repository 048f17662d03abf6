// Scenario files: `-` removes, `+` or nothing adds, signs only where a statement starts
// (not in dates, negative numbers or comments), annotations kept on added facts and
// refused on removed ones, and diagnostics at the scenario's own line and column.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "accord/engine/value_format.hpp"
#include "accord/engine/text/hypothesis_text.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

class ScenarioTest : public ::testing::Test {
protected:
    void SetUp() override {
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("m.rules",
                                    "relation backs(ally: symbol, candidate: symbol)\nrelation score(ally: symbol, n: integer)\n"
                                    "backs(turkey, rutte).\nscore(turkey, -3).\n",
                                    diagnostics));
    }
    std::vector<std::string> facts(const std::vector<engine::HypotheticalFact>& list) {
        std::vector<std::string> out;
        for (const auto& fact : list) {
            const engine::RelationPlan& relation = engine.plan().relations[fact.relation];
            out.push_back(
                fmt::format("{} @{}", engine::formatFact(relation.name, fact.tuple, relation.keyed, engine.symbols()), fact.confidence));
        }
        return out;
    }
    engine::Engine engine;
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
};

TEST_F(ScenarioTest, SignsAtStatementStartsSayWhatIsAddedAndRemoved) {
    engine::Hypothesis hypothesis;
    ASSERT_TRUE(engine::readScenarioText("s.rules",
                                         "% Turkey changes its mind - and its score\n"
                                         "- backs(turkey, rutte).\n"
                                         "+ backs(turkey, iohannis) @0.8 since 2024-06-18.  # dated: the '-' in it is no sign\n"
                                         "score(turkey, -4).\n"
                                         "-score(turkey, -3).",
                                         engine, sources, diagnostics, hypothesis))
        << ::testing::PrintToString(describe(diagnostics, sources));
    EXPECT_EQ(facts(hypothesis.asserts), (std::vector<std::string>{"backs(turkey, iohannis) @0.8", "score(turkey, -4) @1"}));
    EXPECT_EQ(facts(hypothesis.retracts), (std::vector<std::string>{"backs(turkey, rutte) @1", "score(turkey, -3) @1"}));
    EXPECT_TRUE(hypothesis.asserts[0].validity.since.has_value());
}

TEST_F(ScenarioTest, AnnotationsOnARemovedFactAreRefusedWhereTheyAre) {
    engine::Hypothesis hypothesis;
    hypothesis.asserts.push_back({});  // what was there stays when the scenario is refused
    EXPECT_FALSE(engine::readScenarioText("s.rules", "+ backs(turkey, x).\n\n  - backs(turkey, rutte) @0.5.\n", engine, sources,
                                          diagnostics, hypothesis));
    EXPECT_EQ(describe(diagnostics, sources).front().substr(0, 19), "3:5: error: a remov");
    EXPECT_EQ(hypothesis.asserts.size(), 1u);
}

TEST_F(ScenarioTest, AStatementThatIsNotAFactIsAnErrorAtItsPlace) {
    engine::Hypothesis hypothesis;
    EXPECT_FALSE(engine::readScenarioText("s.rules", "- backs(turkey, rutte).\nbacks(A, rutte) if score(A, 1).\n", engine, sources,
                                          diagnostics, hypothesis));
    ASSERT_FALSE(describe(diagnostics, sources).empty());
    EXPECT_EQ(describe(diagnostics, sources).front().substr(0, 5), "2:1: ");
    EXPECT_FALSE(engine::readScenarioFile("/nonexistent/s.rules", engine, sources, diagnostics, hypothesis));
}

TEST_F(ScenarioTest, OptionsTakeFactsWithOrWithoutTheFinalPeriod) {
    auto hypothesis = engine::parseHypothesisOptions({"backs(turkey, x)", "score(turkey, 2). score(turkey, 3)."}, {"backs(turkey, rutte)"},
                                                     engine, sources, diagnostics);
    ASSERT_TRUE(hypothesis);
    EXPECT_EQ(hypothesis->asserts.size(), 3u);
    EXPECT_EQ(facts(hypothesis->retracts), (std::vector<std::string>{"backs(turkey, rutte) @1"}));
    EXPECT_FALSE(engine::parseHypothesisOptions({}, {"backs(turkey, rutte) since 2024-01-01"}, engine, sources, diagnostics));
}

}  // namespace
}  // namespace accord::testing
