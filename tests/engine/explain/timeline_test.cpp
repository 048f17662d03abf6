// `timeline`: a hand-checked history (values, dates, and the facts that changed them), and
// on random programs, the state a timeline gives for any day equals an evaluation as of
// that day (so evaluating at the validity boundaries alone misses nothing).
#include <gtest/gtest.h>

#include <random>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/timeline.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

std::vector<engine::Timeline> timelinesOf(engine::Engine& engine, const std::string& program, const std::string& query) {
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("test.rules", program, diagnostics)) << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    engine::Pattern pattern;
    EXPECT_TRUE(engine.query(query, diagnostics, &pattern).has_value());
    return engine::buildTimelines(engine, pattern, {}, 100);
}

TEST(Timeline, ValuesOverTimeWithTheFactsThatChangedThem) {
    engine::Engine engine;
    auto timelines = timelinesOf(engine,
                                 "relation vote(ally: symbol) -> stance: symbol\n"
                                 "resolve vote: block overrides approve, approve overrides undecided.\n"
                                 "ally(t). ally(h).\n"
                                 "demand(t) until 2024-04-29.\n"
                                 "backs(t) since 2024-01-10.\n"
                                 "backs(h) @0.8 since 2024-06-18.\n"
                                 "rule no_report: vote(A) = undecided by default if ally(A).\n"
                                 "rule support: vote(A) = approve if backs(A).\n"
                                 "rule blocks: vote(A) = block if demand(A).\n",
                                 "vote(A) = V");
    // The first state held on every day before the first change: it has no date of its own.
    EXPECT_EQ(engine::formatTimelines(timelines),
              "vote(h)\n"
              "  earlier     undecided\n"
              "  2024-06-18  approve (0.8)     from backs(h)\n"
              "vote(t)\n"
              "  earlier     block\n"
              "  2024-04-29  approve           until demand(t)\n");
}

// A fact that holds, stops and holds again has one initial state, not one per return.
TEST(Timeline, AFactThatHoldsAgainHasOneInitialState) {
    engine::Engine engine;
    auto timelines = timelinesOf(engine,
                                 "f(a) since 2024-01-01 until 2024-02-01.\n"
                                 "f(a) since 2024-03-01.\n"
                                 "rule g: g(X) if f(X).\n",
                                 "g(a)");
    ASSERT_EQ(timelines.size(), 1u);
    int initial = 0;
    for (const auto& entry : timelines[0].entries) initial += entry.initial ? 1 : 0;
    EXPECT_EQ(initial, 1);
    EXPECT_EQ(engine::formatTimelines(timelines),
              "g(a)\n"
              "  earlier     does not hold\n"
              "  2024-01-01  holds             from f(a)\n"
              "  2024-02-01  does not hold     until f(a)\n"
              "  2024-03-01  holds             from f(a)\n");
}

const char* kPackage = R"(
member(hungary). member(austria). package(p14).
threatens_veto(hungary, p14) until 2024-06-21.
supports(germany, p14) since 2024-06-21.
supports(austria, p15) since 2024-06-21.
rule veto: vetoes(S, P) if member(S) and threatens_veto(S, P).
rule unanimity: adopted(P) if package(P) and for all member(S): not vetoes(S, P).
rule backed: backed(P) if supports(_, P).
)";

TEST(Timeline, AChangeThroughANegationIsCreditedToWhatEndedTheNegatedFact) {
    engine::Engine engine;
    auto timelines = timelinesOf(engine, kPackage, "adopted(P)");
    // Germany's support begins the same day, but nothing connects `supports` to `adopted`.
    EXPECT_EQ(engine::formatTimelines(timelines),
              "adopted(p14)\n"
              "  earlier     does not hold\n"
              "  2024-06-21  holds             until threatens_veto(hungary, p14)\n");
}

TEST(Timeline, FromAndToBoundTheDatesAndTheFirstStateCarriesTheStart) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(engine.loadText("test.rules", kPackage, diagnostics));
    engine::Pattern pattern;
    ASSERT_TRUE(engine.query("adopted(P)", diagnostics, &pattern).has_value());
    engine::TimelineRange range{dsl::parseDate("2024-03-01")->days, dsl::parseDate("2024-06-20")->days};
    auto before = engine::buildTimelines(engine, pattern, {}, 100, nullptr, range);
    EXPECT_EQ(engine::formatTimelines(before, true), "");  // it never held in that range
    range.to = dsl::parseDate("2024-06-21")->days;
    auto through = engine::buildTimelines(engine, pattern, {}, 100, nullptr, range);
    EXPECT_EQ(engine::formatTimelines(through, true),
              "adopted(p14)\n"
              "  2024-03-01  does not hold\n"
              "  2024-06-21  holds             until threatens_veto(hungary, p14)\n");
    range.from = dsl::parseDate("2024-07-01")->days;
    range.to.reset();
    auto after = engine::buildTimelines(engine, pattern, {}, 100, nullptr, range);
    EXPECT_EQ(engine::formatTimelines(after, true), "adopted(p14)\n  2024-07-01  holds\n");
}

TEST(Timeline, AnyDayAgreesWithAnEvaluationAsOfThatDay) {
    std::mt19937_64 random(7);
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        for (const char* relation : {"r2", "r3", "k"}) {
            engine::Engine engine;
            std::string query =
                std::string(relation) == "k" ? "k(X) = V" : std::string(relation) + (std::string(relation) == "r3" ? "(X, Y)" : "(X)");
            dsl::Diagnostics diagnostics;
            ASSERT_TRUE(engine.loadText("random.rules", program, diagnostics));
            engine::Pattern pattern;
            if (!engine.query(query, diagnostics, &pattern)) continue;  // the generator gave it another arity
            std::vector<engine::Timeline> timelines;
            try {
                timelines = engine::buildTimelines(engine, pattern, {}, 100);
            } catch (const engine::EvaluationError&) {
                continue;
            }
            const bool keyed = engine.plan().relations[pattern.relation].keyed;
            for (int probe = 0; probe < 5; ++probe) {
                std::int32_t day = dsl::parseDate("2023-12-01")->days + static_cast<std::int32_t>(random() % 300);
                std::map<std::string, std::string> expected, actual;
                try {
                    engine.run({.asOf = day});
                } catch (const engine::EvaluationError&) {
                    continue;
                }
                const engine::Relation& facts = engine.relations()[pattern.relation];
                for (engine::TupleId id = 0; id < facts.size(); ++id) {
                    engine::TupleView tuple = facts.tuple(id);
                    std::string subject =
                        engine::formatFact(facts.name(), keyed ? tuple.first(tuple.size() - 1) : tuple, false, engine.symbols());
                    expected[subject] = keyed ? engine::formatValue(tuple.back(), engine.symbols()) : "holds";
                }
                for (const engine::Timeline& timeline : timelines) {
                    std::string state = timeline.entries.front().state;  // the first state also holds before its date
                    for (const engine::TimelineEntry& entry : timeline.entries) {
                        if (entry.from <= day) state = entry.state;
                    }
                    if (state != "does not hold") actual[timeline.subject] = state;
                }
                ASSERT_EQ(expected, actual) << "seed " << seed << " " << relation << " as of " << dsl::formatDate({day}) << "\n" << program;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 300);
}

}  // namespace
}  // namespace accord::testing
