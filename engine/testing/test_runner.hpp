// Runs a model's tests (test_file.hpp) on an engine holding the model: each test's facts
// changed for it alone, evaluated as of its date (an evaluation of a date is reused by the
// tests that change no fact), and each expectation checked against the conclusions, with
// the why or why-not of what held instead when it fails.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "accord/dsl/diagnostic.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/testing/test_file.hpp"

namespace accord::engine {

struct ExpectationFailure {
    TestText where;  ///< the expectation's text and position
    std::string message;  ///< "it does not hold", "it holds with confidence 0.6, below 0.9", ...
    std::string explanation;  ///< the why-not, or the proof, of what held instead
};

struct TestResult {
    std::string file;
    std::string name;
    std::size_t line = 0;  ///< of the test's `test` line
    std::int32_t asOf = 0;
    bool passed = false;
    std::vector<ExpectationFailure> failures;  ///< an expectation whose text has errors fails too (see the diagnostics)
};

/// What the tests' rule text has wrong, with positions in the test files: the diagnostics
/// of their facts point into `factSources`, those of their conditions into the engine's
/// sources (each set is printed with the text it points into).
struct TestDiagnostics {
    dsl::SourceManager factSources;
    dsl::Diagnostics facts, conditions;
    std::size_t errorCount() const { return facts.errorCount() + conditions.errorCount(); }
};

/// What the tests exercised of the model.
struct TestCoverage {
    std::vector<bool> rulesFired;  ///< by RuleId: it derived a fact in the evaluation of some test
    /// By fact (FactPlan::index): a conclusion of some test's evaluation rests on it (in its
    /// best derivation), or an expectation's answer does.
    std::vector<bool> factsUsed;
};

struct TestRun {
    std::vector<TestResult> results;
    TestCoverage coverage;
};

/// A fresh engine holding the model, loaded but not run (`expect needs` evaluates many).
using ModelLoader = std::function<std::unique_ptr<Engine>()>;

/// Runs the tests `select` accepts, in file order. Without `loadModel`, an `expect needs`
/// fails (saying why).
TestRun runTests(Engine& engine, const std::vector<TestFile>& files, const std::function<bool(const TestCase&)>& select,
                 TestDiagnostics& diagnostics, const ModelLoader& loadModel = nullptr);

/// Reads every fact and condition of a test file against the model without evaluating
/// anything: the diagnostics a run would give of their text, for an editor to show while
/// the file is typed.
void checkTestText(Engine& engine, const TestFile& file, TestDiagnostics& diagnostics);

}  // namespace accord::engine
