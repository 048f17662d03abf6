// `accord fmt`: the canonical layout, comments kept, and the round trip
// parse -> print -> parse giving the same AST, on every rule file of the repository
// and on thousands of generated programs.
#include <gtest/gtest.h>

#include "accord/dsl/ast_dump.hpp"
#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "tests/support/program_generator.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

struct Formatted {
    std::string dump;  ///< of the input
    std::string text;  ///< formatted
};

/// Formats text; fails the test if it does not parse.
Formatted format(const std::string& text, dsl::Spelling spelling = dsl::Spelling::Keywords) {
    dsl::SourceManager sources;
    dsl::FileId file = sources.add("input.rules", text);
    dsl::Diagnostics diagnostics;
    auto program = dsl::parseProgram(sources, file, diagnostics);
    if (!program) {
        ADD_FAILURE() << "does not parse:\n" << text << "\n" << ::testing::PrintToString(describe(diagnostics, sources));
        return {};
    }
    dsl::PrintOptions options;
    options.spelling = spelling;
    return {dsl::dump(*program), dsl::formatProgram(*program, text, options)};
}

/// The formatted text parses to the same AST and formatting it again changes nothing.
void expectRoundTrip(const std::string& text, const std::string& label) {
    for (dsl::Spelling spelling : {dsl::Spelling::Keywords, dsl::Spelling::Datalog}) {
        Formatted once = format(text, spelling);
        Formatted twice = format(once.text, spelling);
        ASSERT_EQ(once.dump, twice.dump) << label << "\n--- input:\n" << text << "\n--- formatted:\n" << once.text;
        ASSERT_EQ(once.text, twice.text) << label << ": formatting is not idempotent";
    }
}

TEST(Formatter, CanonicalLayout) {
    EXPECT_EQ(format("approve(T,C):-candidate(C),!eu_bias(C) , no export_restrictions( C ).").text,
              "approve(T, C) if candidate(C) and not eu_bias(C) and not export_restrictions(C).\n");
    EXPECT_EQ(format("p(X) if q(X) and r(X).", dsl::Spelling::Datalog).text, "p(X) :- q(X), r(X).\n");
    EXPECT_EQ(format("relation vote(ally:symbol,candidate:symbol)->stance:symbol.").text,
              "relation vote(ally: symbol, candidate: symbol) -> stance: symbol\n");
    EXPECT_EQ(format("b(f,r)since 2024-02-22 source \"B\" @0.9.").text, "b(f, r) @0.9 source \"B\" since 2024-02-22.\n");
    EXPECT_EQ(format("rule w@0.8:l(A):-b(A).").text, "rule w @0.8: l(A) if b(A).\n");
    EXPECT_EQ(format("threshold   0.50 .").text, "threshold 0.5.\n");
    EXPECT_EQ(format("y(X) if q(X), X = 1 - (2 - 3) * -Y.").text, "y(X) if q(X) and X = 1 - (2 - 3) * -Y.\n");
}

TEST(Formatter, LongRulesGetOneConditionPerLine) {
    EXPECT_EQ(format("eligible(Person, Programme) if resident(Person) and age(Person, Age) and Age >= 18 and "
                     "enrolled(Person, Programme) or exempt(Person, Programme).")
                  .text,
              "eligible(Person, Programme) if\n"
              "    resident(Person) and\n"
              "    age(Person, Age) and\n"
              "    Age >= 18 and\n"
              "    enrolled(Person, Programme)\n"
              "  or\n"
              "    exempt(Person, Programme).\n");
}

TEST(Formatter, KeepsCommentsAndDocComments) {
    const std::string input =
        "# File header\n\n"
        "## The allies.\n"
        "relation ally(name: symbol)\n"
        "ally(turkey).   # NATO since 1952\n"
        "\n\n\n"
        "% section two\n"
        "p(X) :- ally(X), # inside\n"
        "   q(X).\n"
        "// the end\n";
    EXPECT_EQ(format(input).text,
              "# File header\n\n"
              "## The allies.\n"
              "relation ally(name: symbol)\n"
              "ally(turkey).  # NATO since 1952\n"
              "\n"
              "% section two\n"
              "# inside\n"
              "p(X) if ally(X) and q(X).\n"
              "// the end\n");
    expectRoundTrip(input, "comments");
}

// Found by the rules fuzzer (fuzz/regressions/rules/): a `##` inside a statement, hoisted
// above it, joined the statement's own doc comment and changed it.
TEST(Formatter, ADocCommentInsideAStatementStaysOutOfItsDocs) {
    const std::string input =
        "## Real docs.\n"
        "rule r: % a comment\n"
        "## stray, inside the statement\n"
        "p(1).\n";
    EXPECT_EQ(format(input).text,
              "% a comment\n"
              "# stray, inside the statement\n"
              "## Real docs.\n"
              "rule r: p(1).\n");
    expectRoundTrip(input, "doc comment inside a statement");
}

TEST(Formatter, RoundTripOnEveryRuleFileInTheRepository) {
    std::vector<std::string> files = repositoryRuleFiles();
    ASSERT_FALSE(files.empty());
    for (const std::string& path : files) {
        std::string contents, error;
        ASSERT_TRUE(dsl::readFile(path, 1u << 26, contents, error)) << path << ": " << error;
        expectRoundTrip(contents, path);
    }
}

TEST(Formatter, RoundTripOnGeneratedPrograms) {
    for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
        ProgramGenerator generator(seed);
        std::string program = generator.program(8);
        SCOPED_TRACE("seed " + std::to_string(seed));
        expectRoundTrip(program, "generated program, seed " + std::to_string(seed));
        if (::testing::Test::HasFatalFailure()) return;
    }
}

}  // namespace
}  // namespace accord::testing
