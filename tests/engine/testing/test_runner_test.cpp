// Model tests (`accord test`): the test-file reader (statements, positions, errors), the
// shipped test files, and the runner against independent evaluations on random programs:
// `expect exactly` with the rows a separate engine finds passes, and fails once a row is
// dropped or one is added; `given` and `without` mean what the same change written into the
// program means.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/engine/testing/test_runner.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/stratified_program_generator.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

struct ReadTests {
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    std::optional<engine::TestFile> file;

    explicit ReadTests(const std::string& text) { file = engine::parseTestFile(sources, sources.add("t.test.rules", text), diagnostics); }
    std::vector<std::string> errors() const { return describe(diagnostics, sources); }
};

TEST(TestFileReader, ReadsTestsWithTheirPositions) {
    ReadTests read(
        "% a comment\n"
        "test \"Romania blocks\" as of 2024-06-19\n"
        "  given backs(a, x) @0.8.\n"
        "  without ally(b).\n"
        "  expect vote(romania, rutte) = block @0.9 because rule blocks\n"
        "  expect exactly vote(A, rutte) = block\n"
        "    row A = romania\n"
        "test second as of 2024-06-20\n"
        "  expect not appointable(rutte)\n");
    ASSERT_TRUE(read.file) << ::testing::PrintToString(read.errors());
    ASSERT_EQ(read.file->tests.size(), 2u);
    const engine::TestCase& first = read.file->tests[0];
    EXPECT_EQ(first.name, "Romania blocks");
    EXPECT_EQ(first.line, 2u);
    EXPECT_EQ(dsl::formatDate(dsl::Date{first.asOf}), "2024-06-19");
    ASSERT_EQ(first.given.size(), 1u);
    EXPECT_EQ(first.given[0].text, "backs(a, x) @0.8.");
    EXPECT_EQ(first.given[0].line, 3u);
    EXPECT_EQ(first.given[0].column, 9u);
    ASSERT_EQ(first.expectations.size(), 2u);
    const engine::Expectation& expected = first.expectations[0];
    EXPECT_EQ(expected.conditions.text, "vote(romania, rutte) = block");
    EXPECT_EQ(expected.conditions.column, 10u);
    EXPECT_EQ(expected.atLeast, 0.9);
    ASSERT_TRUE(expected.because);
    EXPECT_EQ(expected.because->text, "rule blocks");
    EXPECT_EQ(first.expectations[1].kind, engine::Expectation::Kind::Exactly);
    ASSERT_EQ(first.expectations[1].rows.size(), 1u);
    EXPECT_EQ(first.expectations[1].rows[0].text, "A = romania");
    EXPECT_EQ(engine::inPlace(expected.conditions), "\n\n\n\n         vote(romania, rutte) = block");
}

TEST(TestFileReader, SaysWhatIsWrongWhere) {
    ReadTests read(
        "expect p(a)\n"
        "test t as of 2024-13-01\n"
        "test u as of 2024-01-01\n"
        "  expect p(a)\n"
        "  given p(b).\n"
        "  row A = a\n"
        "test u as of 2024-01-02\n"
        "  expect exactly p(X) @0.5\n");
    EXPECT_FALSE(read.file);
    EXPECT_EQ(read.errors(), (std::vector<std::string>{
                                 "1:1: error: a test file's lines belong to a test",
                                 "2:14: error: 2024-13-01 is not a date (YYYY-MM-DD)",
                                 "5:3: error: `given` comes before the test's expectations",
                                 "6:3: error: a `row` lists a row of the `expect exactly` above it, and there is none",
                                 "7:1: error: a second test named 'u' (the first is on line 3)",
                                 "8:18: error: `expect exactly` lists rows; a confidence or `because` is for `expect`",
                             }));
}

TEST(TestFileReader, ReadsEveryTestFileOfTheRepository) {
    int read = 0;
    for (const char* folder : {"rules", "examples"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(ACCORD_SOURCE_DIR) / folder)) {
            if (!dsl::isTestFile(entry.path())) continue;
            ReadTests tests(readRepositoryFile(std::filesystem::relative(entry.path(), ACCORD_SOURCE_DIR).string()));
            EXPECT_TRUE(tests.file) << entry.path() << ::testing::PrintToString(tests.errors());
            ++read;
        }
    }
    EXPECT_GE(read, 3);
}

/// A test file run on a program.
struct Ran {
    engine::Engine engine;
    ReadTests read;
    engine::TestDiagnostics said;
    std::vector<engine::TestResult> results;

    Ran(const std::string& program, const std::string& tests) : read(tests) {
        dsl::Diagnostics diagnostics;
        EXPECT_TRUE(engine.loadText("random.rules", program, diagnostics));
        EXPECT_TRUE(read.file) << tests << ::testing::PrintToString(read.errors());
        auto loadModel = [program]() -> std::unique_ptr<engine::Engine> {
            auto fresh = std::make_unique<engine::Engine>();
            dsl::Diagnostics ignored;
            return fresh->loadText("random.rules", program, ignored) ? std::move(fresh) : nullptr;
        };
        if (read.file)
            results = engine::runTests(
                          engine, {*read.file}, [](const engine::TestCase&) { return true; }, said, loadModel)
                          .results;
    }
};

/// The rows of `query` in a separate engine: `X = 1, Y = 2` each.
std::vector<std::string> rowsOf(const std::string& program, const std::string& query, std::int32_t asOf) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("random.rules", program, diagnostics));
    engine.run({.asOf = asOf});
    engine::Pattern pattern;
    std::vector<std::string> rows;
    auto answer = engine.query(query, diagnostics, &pattern);
    EXPECT_TRUE(answer) << query;
    for (const engine::QueryRow& row : answer ? *answer : std::vector<engine::QueryRow>{}) {
        rows.push_back(engine::formatBindings(pattern.variables, row.values, engine.symbols()));
    }
    return rows;
}

std::string exactly(const std::string& name, const std::string& date, const std::string& changes, const std::string& query,
                    const std::vector<std::string>& rows) {
    std::string text = fmt::format("test {} as of {}\n{}  expect exactly {}\n", name, date, changes, query);
    for (const std::string& row : rows) text += "    row " + row + "\n";
    return text;
}

TEST(TestRunner, ExactRowsPassAndAnyOtherRowsFailOnRandomPrograms) {
    const std::string date = "2024-03-01";
    const std::int32_t asOf = dsl::parseDate(date)->days;
    std::mt19937_64 random(5);
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const std::string program = generateStratifiedProgram(seed);
        for (const std::string query : {"e0(X, Y) and not e2(Y)", "e0(X, Y) and e1(Y, Z) and X != Z", "e2(X) and X > 2"}) {
            std::vector<std::string> rows;
            try {
                rows = rowsOf(program, query, asOf);
            } catch (const engine::EvaluationError&) {
                continue;
            }
            std::vector<std::string> dropped = rows, added = rows;
            if (!dropped.empty()) dropped.erase(dropped.begin() + static_cast<std::ptrdiff_t>(random() % dropped.size()));
            added.push_back("X = 99, Y = 99, Z = 99");
            std::string tests = exactly("right", date, "", query, rows) + exactly("dropped", date, "", query, dropped) +
                                exactly("added", date, "", query, added);
            Ran ran(program, tests);
            const std::vector<engine::TestResult>& results = ran.results;
            ASSERT_EQ(results.size(), 3u);
            EXPECT_EQ(ran.said.errorCount(), 0u);
            EXPECT_TRUE(results[0].passed) << "seed " << seed << ": " << query;
            EXPECT_EQ(results[1].passed, rows.empty()) << "seed " << seed << ": " << query;  // nothing to drop from no rows
            EXPECT_FALSE(results[2].passed) << "seed " << seed << ": " << query;
            ++checked;
        }
    }
    EXPECT_GT(checked, 100);
}

TEST(TestRunner, GivenAndWithoutMeanTheSameChangeWrittenIntoTheProgram) {
    const std::string date = "2024-03-01";
    const std::int32_t asOf = dsl::parseDate(date)->days;
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const std::string program = generateStratifiedProgram(seed);
        const std::string query = "e0(X, Y) and not e2(Y)";
        // e2(3) added; e0's first fact removed, with every line that states it (whatever
        // its annotations), as `without` removes every program fact equal to it.
        const std::size_t first = program.find("e0(");
        const std::string atom = program.substr(first, program.find(')', first) - first + 1);
        std::string changed;
        for (std::size_t start = 0; start < program.size();) {
            std::size_t end = program.find('\n', start) + 1;
            std::string line = program.substr(start, end - start);
            if (!line.starts_with(atom + ".") && !line.starts_with(atom + " ")) changed += line;
            start = end;
        }
        changed += "e2(3).\n";
        std::vector<std::string> expected;
        try {
            expected = rowsOf(changed, query, asOf);
            rowsOf(program, query, asOf);
        } catch (const engine::EvaluationError&) {
            continue;
        }
        std::string tests = exactly("changed", date, fmt::format("  given e2(3).\n  without {}.\n", atom), query, expected);
        Ran ran(program, tests);
        const std::vector<engine::TestResult>& results = ran.results;
        ASSERT_EQ(results.size(), 1u);
        EXPECT_TRUE(results[0].passed) << "seed " << seed << "\n" << tests << "\n" << program;
        ++checked;
    }
    EXPECT_GT(checked, 25);
}

TEST(TestRunner, AFailureSaysWhatHeldInstead) {
    Ran ran("ally(a). ally(b). backs(a, x). backs(b, x) @0.6.\napproves(A, C) if ally(A) and backs(A, C).\n",
            "test t as of 2024-01-01\n  expect approves(c, x)\n  expect approves(b, x) @0.9\n"
            "  expect approves(a, x) because backs(b, x)\n");
    const std::vector<engine::TestResult>& results = ran.results;
    ASSERT_EQ(results.size(), 1u);
    ASSERT_EQ(results[0].failures.size(), 3u);
    EXPECT_EQ(results[0].failures[0].message, "it does not hold");
    EXPECT_NE(results[0].failures[0].explanation.find("fails: ally(c) (no such fact)"), std::string::npos)
        << results[0].failures[0].explanation;
    EXPECT_EQ(results[0].failures[1].message, "it holds with confidence 0.6, below 0.9");
    EXPECT_EQ(results[0].failures[2].message, "its proof does not rest on backs(b, x)");
    EXPECT_EQ(results[0].failures[2].where.line, 4u);
}

TEST(TestFileReader, RefusesConfidencesOutOfRangeAndTestsThatExpectNothing) {
    ReadTests read("test a as of 2024-01-01\n  expect p(x) @0\ntest b as of 2024-01-01\n  expect p(x) @1.5\ntest c as of 2024-01-01\n");
    EXPECT_FALSE(read.file);
    EXPECT_EQ(read.errors(), (std::vector<std::string>{
                                 "2:15: error: a confidence is a number above 0 and at most 1, such as `@0.9`",
                                 "4:15: error: a confidence is a number above 0 and at most 1, such as `@0.9`",
                                 "1:1: error: test 'a' expects nothing",
                                 "3:1: error: test 'b' expects nothing",
                                 "5:1: error: test 'c' expects nothing",
                             }));
}

TEST(TestFileReader, ReadsAVeryLongLine) {  // std::regex recursed once a character, and overflowed the stack
    std::string conditions = "p(x)";
    for (int i = 0; i < 20000; ++i) conditions += " and p(x)";
    ReadTests read("test long as of 2024-01-01\n  expect " + conditions + " @0.5\n");
    ASSERT_TRUE(read.file) << ::testing::PrintToString(read.errors());
    EXPECT_EQ(read.file->tests[0].expectations[0].atLeast, 0.5);
}

TEST(TestRunner, ExpectNotOfAnUncertainFactFailsWhileItHoldsAtAll) {
    // As a condition, `not adopted(x)` holds with 0.7 beside `adopted(x)` at 0.3; a test of
    // both must not pass.
    Ran ran("adopted(x) @0.3.\n", "test t as of 2024-01-01\n  expect adopted(x)\n  expect not adopted(x)\n");
    ASSERT_EQ(ran.results.size(), 1u);
    ASSERT_EQ(ran.results[0].failures.size(), 1u);
    EXPECT_EQ(ran.results[0].failures[0].message, "adopted(x) holds (confidence 0.3)");
}

TEST(TestRunner, ATestWhoseEvaluationFailsLeavesTheOthersToRun) {
    Ran ran("relation v(a: symbol) -> s: symbol\nv(x) = yes.\n",
            "test clash as of 2024-01-01\n  given v(x) = no.\n  expect v(x) = yes\ntest fine as of 2024-01-01\n  expect v(x) = yes\n");
    ASSERT_EQ(ran.results.size(), 2u);
    EXPECT_FALSE(ran.results[0].passed);
    ASSERT_EQ(ran.results[0].failures.size(), 1u);
    EXPECT_EQ(ran.results[0].failures[0].message, "its evaluation fails");
    EXPECT_TRUE(ran.results[1].passed);
}

TEST(TestRunner, ExpectNeedsAsksTheSearchInTheTestsOwnSituation) {
    Ran ran("ok(X) if a(X) and not b(X).\na(1). b(1). a(2).\n",
            "test blocked as of 2024-01-01\n"
            "  expect needs ok(1) finds - b(1)\n"
            "  expect needs ok(1) finds + a(3)\n"
            "  expect needs ok(2) finds - b(2)\n"
            "test given as of 2024-01-01\n"
            "  given b(2).\n"
            "  expect needs ok(2) finds - b(2)\n"
            "  expect needs ok(2) finds nothing\n");
    ASSERT_EQ(ran.results.size(), 2u);
    ASSERT_EQ(ran.results[0].failures.size(), 2u);
    EXPECT_EQ(ran.results[0].failures[0].message, "no answer `needs` finds has + a(3)");
    EXPECT_EQ(ran.results[0].failures[0].explanation, "  found: - b(1)\n");
    EXPECT_EQ(ran.results[0].failures[1].message, "it already holds, so nothing is needed");
    // With b(2) given, removing it is what ok(2) needs; and the search finds that answer.
    ASSERT_EQ(ran.results[1].failures.size(), 1u);
    EXPECT_EQ(ran.results[1].failures[0].message, "`needs` finds 1 answer, and none was expected");
    EXPECT_EQ(ran.results[1].failures[0].where.line, 8u);
}

TEST(TestFileReader, ReadsNeedsAndLooksForKeywordsOutsideQuotes) {
    ReadTests read(
        "test t as of 2024-01-01\n"
        "  expect needs said(\"it finds + x\") finds + heard(\"a and b\") and - quiet(x)\n"
        "  expect said(\"because @0.5\") @0.9 because heard('a because b')\n");
    ASSERT_TRUE(read.file) << ::testing::PrintToString(read.errors());
    const engine::Expectation& needs = read.file->tests[0].expectations[0];
    EXPECT_EQ(needs.kind, engine::Expectation::Kind::Needs);
    EXPECT_EQ(needs.conditions.text, "said(\"it finds + x\")");
    ASSERT_EQ(needs.changes.size(), 2u);
    EXPECT_TRUE(needs.changes[0].add);
    EXPECT_EQ(needs.changes[0].fact.text, "heard(\"a and b\")");
    EXPECT_FALSE(needs.changes[1].add);
    EXPECT_EQ(needs.changes[1].fact.text, "quiet(x)");
    const engine::Expectation& holds = read.file->tests[0].expectations[1];
    EXPECT_EQ(holds.conditions.text, "said(\"because @0.5\")");
    EXPECT_EQ(holds.atLeast, 0.9);
    EXPECT_EQ(holds.because->text, "heard('a because b')");

    ReadTests wrong("test t as of 2024-01-01\n  expect needs ok(1)\n  expect needs ok(1) finds b(1)\n");
    EXPECT_EQ(wrong.errors(),
              (std::vector<std::string>{
                  "2:16: error: expected `expect needs FACT finds + FACT [and - FACT...]` or `expect needs FACT finds nothing`",
                  "3:28: error: a change is `+ FACT` (added) or `- FACT` (removed)",
                  "1:1: error: test 't' expects nothing",
              }));
}

}  // namespace
}  // namespace accord::testing
