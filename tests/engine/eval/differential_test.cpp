// Differential testing: the engine (planner, indexes, semi-naive evaluation) against the
// naive oracle on thousands of seeded random stratified programs, evaluated as of several
// dates. A failing seed is printed with its program, so it can be replayed.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/naive_evaluator.hpp"
#include "tests/support/random_body_program.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/temporary_directory.hpp"
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

/// Runs the engine; returns the evaluation error it stopped with, or "".
std::string runError(engine::Engine& engine, const engine::RunOptions& options = {}) {
    try {
        engine.run(options);
    } catch (const engine::EvaluationError& error) {
        return error.what();
    }
    return "";
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
            std::string engineError = runError(engine, options);
            ASSERT_EQ(naive.error.empty(), engineError.empty())
                << "seed " << seed << " as of " << dsl::formatDate({date}) << ": naive error '" << naive.error << "', engine error '"
                << engineError << "'\n"
                << program;
            if (!naive.error.empty()) continue;
            std::string diff = difference(naive.relations, engineResult(engine));
            ASSERT_EQ(diff, "") << "seed " << seed << " as of " << dsl::formatDate({date}) << " minimum confidence "
                                << minConfidence.value_or(0) << "\n"
                                << program;
            ++compared;
        }
    }
    EXPECT_GT(compared, 3000);
}

// The checker and the planner share one binding analysis; the naive oracle has its own
// reading of it (clingo's: a variable used outside an aggregate is global to it). On random
// bodies, safe or not, whatever the checker accepts the engine orders and evaluates as the
// oracle does.
TEST(Differential, EngineAgreesWithTheNaiveEvaluatorOnRandomBodiesTheCheckerAccepts) {
    std::mt19937_64 random(20261130);
    int accepted = 0, refused = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string program = randomBodyProgram(random);
        dsl::LoadedProgram loaded;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(dsl::loadText("random.rules", program, ".", {}, loaded, diagnostics)) << program;
        auto checked = dsl::checkProgram(loaded, diagnostics);
        if (!checked) {
            ++refused;
            continue;
        }
        ++accepted;
        engine::Engine engine;
        ASSERT_NO_THROW(engine.loadText("random.rules", program, diagnostics)) << program;
        NaiveOutcome naive;
        ASSERT_NO_THROW(naive = evaluateNaively(loaded, *checked, 0)) << program;
        std::string engineError = runError(engine);
        ASSERT_EQ(naive.error, engineError) << program;
        ASSERT_EQ(difference(naive.relations, engineResult(engine)), "") << program;
    }
    EXPECT_GT(accepted, 300);
    EXPECT_GT(refused, 500);
}

// Facts read from files (`--facts`: a set each, adopted by the relation when it is still
// empty) against the same facts written in the rule file, on the random bodies above: the
// same tuples and confidences. The files repeat a row; for some programs a fact of q stays
// in the rule file, or r comes from two files, so that the relation is no longer empty when
// a file's rows arrive and they are inserted one by one.
class FactFilesDifferential : public TemporaryDirectoryTest {};

TEST_F(FactFilesDifferential, FactsFromFilesGiveWhatTheSameFactsInTheRuleFileGive) {
    const std::string inRuleFile = "q(1, 1). q(2, 1). q(3, 2). q(1, 3). r(1). r(2).\n";
    auto write = [&](const std::string& name, const std::string& contents) {
        std::ofstream((directory_ / name).string()) << contents;
        return (directory_ / name).string();
    };
    std::mt19937_64 random(20261203);
    int compared = 0;
    for (int i = 0; i < 1500; ++i) {
        const std::string program = randomBodyProgram(random);
        const int shape = i % 3;  // 0: all from files; 1: q(1, 1) stays in the rule file; 2: r from two files
        std::string fromFiles = program;
        fromFiles.replace(fromFiles.find(inRuleFile), inRuleFile.size(), shape == 1 ? "q(1, 1).\n" : "");
        engine::Engine expected, actual;
        dsl::Diagnostics diagnostics;
        if (!expected.loadText("random.rules", program, diagnostics)) continue;  // a body the checker refuses
        ASSERT_TRUE(actual.loadText("random.rules", fromFiles, diagnostics)) << fromFiles;
        ASSERT_TRUE(actual.loadFactFile("q", write("q.tsv", "1\t1\n2\t1\n3\t2\n2\t1\n1\t3\n"), diagnostics));
        if (shape == 2) {
            ASSERT_TRUE(actual.loadFactFile("r", write("r1.tsv", "1\n1\n"), diagnostics));
            ASSERT_TRUE(actual.loadFactFile("r", write("r2.tsv", "2\n1\n"), diagnostics));
        } else {
            ASSERT_TRUE(actual.loadFactFile("r", write("r.tsv", "1\n2\n1\n"), diagnostics));
        }
        const std::string expectedError = runError(expected), actualError = runError(actual);
        ASSERT_EQ(expectedError, actualError) << program;
        if (!expectedError.empty()) continue;
        ASSERT_EQ(difference(engineResult(expected), engineResult(actual)), "") << "shape " << shape << "\n" << program;
        ++compared;
    }
    EXPECT_GT(compared, 300);
}

}  // namespace
}  // namespace accord::testing
