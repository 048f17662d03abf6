// Differential testing: the engine (planner, indexes, semi-naive evaluation) against the
// naive oracle on thousands of seeded random stratified programs, evaluated as of several
// dates. A failing seed is printed with its program, so it can be replayed.
#include <gtest/gtest.h>

#include <cmath>

#include "dsl/check/checked_program.hpp"
#include "dsl/date.hpp"
#include "engine/engine.hpp"
#include "engine/value_format.hpp"
#include "tests/support/naive_evaluator.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

NaiveResult engineResult(const engine::Engine& engine) {
    NaiveResult out;
    for (const engine::Relation& relation : engine.relations()) {
        auto& table = out[relation.name()];
        for (engine::TupleId id = 0; id < relation.size(); ++id) {
            std::string text = "(";
            engine::TupleView tuple = relation.tuple(id);
            for (std::size_t c = 0; c < tuple.size(); ++c) text += (c ? ", " : "") + engine::formatValue(tuple[c], engine.symbols());
            table[text + ")"] = relation.confidence(id);
        }
    }
    return out;
}

/// Compares two results; returns a description of the first difference, or "".
std::string difference(const NaiveResult& expected, const NaiveResult& actual) {
    for (const auto& [relation, tuples] : expected) {
        auto it = actual.find(relation);
        const std::map<std::string, double> empty;
        const auto& other = it == actual.end() ? empty : it->second;
        for (const auto& [tuple, confidence] : tuples) {
            auto found = other.find(tuple);
            if (found == other.end()) return relation + tuple + " is missing from the engine's result";
            if (std::abs(found->second - confidence) > 1e-9) {
                return relation + tuple + ": confidence " + std::to_string(found->second) + ", expected " + std::to_string(confidence);
            }
        }
        for (const auto& [tuple, confidence] : other) {
            if (!tuples.count(tuple)) return relation + tuple + " is in the engine's result but should not be";
        }
    }
    return "";
}

TEST(Differential, EngineAgreesWithTheNaiveEvaluatorOnRandomStratifiedPrograms) {
    const std::int32_t dates[] = {dsl::parseDate("2024-01-01")->days, dsl::parseDate("2024-04-01")->days,
                                  dsl::parseDate("2024-07-01")->days};
    int compared = 0;
    for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        dsl::LoadedProgram loaded;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(dsl::loadText("random.rules", program, ".", {}, loaded, diagnostics)) << program;
        auto checked = dsl::checkProgram(loaded, diagnostics);
        ASSERT_TRUE(checked) << "seed " << seed << ": the generator made a program the checker rejects:\n"
                             << program << ::testing::PrintToString(describe(diagnostics, loaded.sources));
        engine::Engine engine;
        ASSERT_TRUE(engine.loadText("random.rules", program, diagnostics));
        for (std::int32_t date : dates) {
            // A third of the runs drop what is less likely than a minimum confidence: values no
            // product of the generator's confidences (0.5, 0.8, 0.9) and their complements
            // reaches in few steps (0.35 does: 0.5 x (1 - 0.5 x (1 - 0.5 x 0.8))), so that
            // rounding in a different order of multiplication cannot decide.
            const std::optional<double> minimums[] = {std::nullopt, 0.3141, 0.6767};
            std::optional<double> minConfidence = minimums[seed % 3];
            NaiveOutcome naive = evaluateNaively(loaded, *checked, date, minConfidence);
            engine::RunOptions options;
            options.asOf = date;
            options.minConfidence = minConfidence;
            std::string engineError;
            try {
                engine.run(options);
            } catch (const engine::EvaluationError& error) {
                engineError = error.what();
            }
            ASSERT_EQ(naive.error.empty(), engineError.empty())
                << "seed " << seed << " as of " << dsl::formatDate({date}) << ": naive error '" << naive.error
                << "', engine error '" << engineError << "'\n" << program;
            if (!naive.error.empty()) continue;
            std::string diff = difference(naive.relations, engineResult(engine));
            ASSERT_EQ(diff, "") << "seed " << seed << " as of " << dsl::formatDate({date}) << " minimum confidence "
                                 << minConfidence.value_or(0) << "\n" << program;
            ++compared;
        }
    }
    EXPECT_GT(compared, 3000);
}

}  // namespace
}  // namespace accord::testing
