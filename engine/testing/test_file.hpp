// Test files of a model (`*.test.rules`, beside its rule files): named tests, each as of a
// date, that change facts for themselves and state what must follow. The file's structure
// is read here, a line at a time; what each line holds (facts, conditions) is rule text,
// read against the model when the tests run (test_runner.hpp), with its positions in the
// file. See docs/testing.md.
//
//   test romania_blocks as of 2024-06-19
//     without backs(romania, rutte).
//     expect vote(romania, rutte) = block because nominated_by(iohannis, romania)
//     expect not appointable(rutte)
//     expect appointable(C) @0.9
//     expect exactly vote(A, rutte) = block and eu_member(A)
//       row A = romania
//     expect needs appointed(rutte) finds - nominated_by(iohannis, romania)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"

namespace accord::engine {

/// Rule text in a test file, and where it starts there.
struct TestText {
    std::string text;
    std::size_t line = 0, column = 0;  ///< 1-based
};

/// `+ FACT` or `- FACT`: a fact added or removed.
struct TestChange {
    bool add = true;
    TestText fact;
};

struct Expectation {
    enum class Kind { Holds, Exactly, Needs };
    Kind kind = Kind::Holds;
    TestText conditions;  ///< one atom or several conditions, as `accord query` takes them; Needs: the goal fact
    std::optional<double> atLeast;  ///< `@0.9`: the best row's confidence is at least this
    std::optional<TestText> because;  ///< a fact, or `rule NAME`, that the proof of some row rests on
    std::vector<TestText> rows;  ///< Exactly: the rows, as `A = romania, C = rutte`
    /// Needs: `accord needs` of the goal finds an answer with all of these changes (and
    /// perhaps more); empty: `finds nothing`, a complete search that finds no answer.
    std::vector<TestChange> changes;
};

struct TestCase {
    std::string name;
    std::size_t line = 0;
    std::int32_t asOf = 0;  ///< days since 1970-01-01
    std::vector<TestText> given, without;  ///< facts added and removed for this test only
    std::vector<Expectation> expectations;
};

struct TestFile {
    std::string path;
    std::vector<TestCase> tests;
};

/// Reads the structure of a test file already added to `sources` as `file`; nullopt with
/// diagnostics when a line is not one of its statements.
std::optional<TestFile> parseTestFile(const dsl::SourceManager& sources, dsl::FileId file, dsl::Diagnostics& diagnostics);

/// `text` as a file of its own that keeps the test file's positions: the lines before it
/// empty, the columns before it spaces (so diagnostics point into the test file).
std::string inPlace(const TestText& text);

}  // namespace accord::engine
