// A rule's run split across threads (RunOptions::threads) against a run on one thread: on
// random programs, with every rule split as soon as its first scan has two tuples, the
// relations are the same tuple for tuple — the same ids, confidences, derivations and
// premises — and the same errors are raised.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/random_body_program.hpp"
#include "tests/support/stratified_program_generator.hpp"

namespace accord::testing {
namespace {

/// Every relation as text: each tuple in id order with its confidence and best derivation.
std::string dump(const engine::Engine& engine) {
    std::ostringstream out;
    for (const engine::Relation& relation : engine.relations()) {
        out << relation.name() << "\n";
        for (engine::TupleId id = 0; id < relation.size(); ++id) {
            for (const engine::Value& value : relation.tuple(id)) out << engine::formatValue(value, engine.symbols()) << " ";
            const engine::Derivation& derivation = relation.derivation(id);
            out << fmt::format("@{} rule {} fact {} round {} <-", relation.confidence(id), derivation.rule, derivation.fact(),
                               derivation.round);
            for (const engine::FactRef& premise : relation.premisesOf(id)) out << " " << premise.relation << ":" << premise.tuple;
            out << "\n";
        }
    }
    return out.str();
}

/// Runs `program` with `options`; the dump of its relations, or its evaluation error.
std::string outcome(const std::string& program, engine::RunOptions options) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    if (!engine.loadText("random.rules", program, diagnostics)) return "refused";
    try {
        engine.run(options);
    } catch (const engine::EvaluationError& error) {
        return std::string("error: ") + error.what();
    }
    return dump(engine);
}

engine::RunOptions split(engine::RunOptions options) {
    options.threads = 2;
    options.minimumToSplit = 2;
    return options;
}

TEST(Parallel, SplitRunsGiveTheSameRelationsAsOneThreadOnRandomStratifiedPrograms) {
    const std::int32_t dates[] = {dsl::parseDate("2024-01-01")->days, dsl::parseDate("2024-07-01")->days};
    int compared = 0;
    for (std::uint64_t seed = 1; seed <= 600; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        engine::RunOptions options;
        options.asOf = dates[seed % 2];
        options.minConfidence = seed % 3 == 0 ? std::optional(0.3141) : std::nullopt;
        options.provenance = seed % 4 != 0;
        std::string one = outcome(program, options);
        ASSERT_EQ(outcome(program, split(options)), one) << "seed " << seed << "\n" << program;
        ++compared;
    }
    EXPECT_EQ(compared, 600);
}

TEST(Parallel, SplitRunsGiveTheSameRelationsAsOneThreadOnRandomBodies) {
    std::mt19937_64 random(20261205);
    int evaluated = 0;
    for (int i = 0; i < 2000; ++i) {
        std::string program = randomBodyProgram(random);
        std::string one = outcome(program, {});
        if (one == "refused") continue;
        ASSERT_EQ(outcome(program, split({})), one) << program;
        ++evaluated;
    }
    EXPECT_GT(evaluated, 200);
}

// A recursive closure large enough that its rounds split under the default minimum too.
TEST(Parallel, ALargeClosureSplitsUnderTheDefaultMinimum) {
    std::string program = "relation link(from: integer, to: integer)\n";
    for (int i = 0; i < 6000; ++i) program += fmt::format("link({}, {}).\n", i, (i * 7 + 1) % 6000);
    program += "reach(X, Y) if link(X, Y).\nreach(X, Z) if reach(X, Y), link(Y, Z), Z mod 50 != 3.\n";
    engine::RunOptions options;
    options.maxFacts = 100'000'000;
    std::string one = outcome(program, options);
    options.threads = 2;
    EXPECT_EQ(outcome(program, options), one);
}

// A cross product over the fact limit stops a split run with the error of one thread,
// whichever part reaches the limit.
TEST(Parallel, ASplitRunStopsAtTheFactLimitAsOneThreadDoes) {
    std::string program;
    for (int i = 0; i < 3000; ++i) program += fmt::format("a({}). b({}).\n", i, i);
    program += "pair(X, Y) if a(X), b(Y).\n";
    engine::RunOptions options;
    options.maxFacts = 100'000;
    std::string one = outcome(program, options);
    EXPECT_NE(one.find("error: more than 100000 facts"), std::string::npos) << one;
    EXPECT_EQ(outcome(program, split(options)), one);
}

}  // namespace
}  // namespace accord::testing
