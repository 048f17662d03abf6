// Malformed input: each case must give a specific message at the right place, never a
// crash, a hang or a generic "parse failed".
#include <gtest/gtest.h>

#include <string>

#include "accord/dsl/parser/parse.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

struct MalformedCase {
    const char* name;
    std::string input;
    std::string expected;  ///< "line:col: error: message" of the first diagnostic (a prefix of it)
};

std::ostream& operator<<(std::ostream& out, const MalformedCase& c) { return out << c.name; }

class MalformedInput : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedInput, GivesASpecificMessage) {
    const MalformedCase& c = GetParam();
    std::vector<std::string> diagnostics = checkDiagnostics(c.input);
    ASSERT_FALSE(diagnostics.empty()) << "no diagnostic for: " << c.input;
    bool found = false;
    for (const std::string& d : diagnostics) found = found || d.rfind(c.expected, 0) == 0;
    EXPECT_TRUE(found) << "expected a diagnostic starting with\n  " << c.expected << "\ngot:\n  " << ::testing::PrintToString(diagnostics);
    for (const std::string& d : diagnostics) EXPECT_EQ(d.find("parse failed"), std::string::npos);
}

std::string repeat(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

const MalformedCase kCases[] = {
    {"missing_period", "p(X) if q(X)", "1:13: error: expected 'and', 'or' or '.' (end of the rule), found end of file"},
    {"missing_close_paren", "p(X if q(X).", "1:5: error: expected ')', found 'if'"},
    {"unclosed_args_at_eof", "p(X", "1:4: error: expected ')', found end of file"},
    {"dangling_and", "p(X) if q(X) and.", "1:17: error: expected condition (an atom, a negation, a comparison or 'for all'), found '.'"},
    {"dangling_or", "p(X) if q(X) or .", "1:17: error: expected conditions, found '.'"},
    {"empty_body", "p(X) if .", "1:9: error: expected rule body, found '.'"},
    {"capitalised_relation", "Ally(turkey).",
     "1:1: error: expected a statement (a fact, a rule, 'relation', 'resolve', 'threshold' or 'include'), found 'Ally'"},
    {"keyword_as_relation", "not(x).", "1:1: error: expected a statement"},
    {"number_statement", "42.", "1:1: error: expected a statement"},
    {"stray_close_paren", ") p(1).", "1:1: error: expected a statement"},
    {"unterminated_string", "p(\"abc).\nq(1).",
     "1:9: error: expected '\"' closing the string (strings end on the line they start), found end of line"},
    {"bad_escape", "p(\"a\\qb\").", "1:6: error: expected escape sequence"},
    {"integer_overflow", "p(99999999999999999999).", "1:3: error: integer literal out of range"},
    {"negative_overflow", "p(-99999999999999999999).", "1:3: error: integer literal out of range"},
    {"decimal_overflow", "p(1.0e999).", "1:3: error: decimal literal out of range"},
    {"invalid_date", "p(2023-02-29).", "1:3: error: invalid date '2023-02-29'"},
    {"invalid_month", "p(2024-13-01).", "1:3: error: invalid date '2024-13-01'"},
    {"confidence_zero", "p(1) @0.", "1:7: error: confidence must be in (0, 1], got 0"},
    {"confidence_too_big", "p(1) @1.5.", "1:7: error: confidence must be in (0, 1], got 1.5"},
    {"confidence_missing", "p(1) @.", "1:7: error: expected confidence (a number in (0, 1]), found '.'"},
    {"confidence_twice", "p(1) @0.5 @0.6.", "1:12: error: confidence given twice"},
    {"source_not_string", "p(1) source bloomberg.", "1:13: error: expected string, found 'bloomberg'"},
    {"since_not_date", "p(1) since 2024.", "1:12: error: expected date, found '2024'"},
    {"empty_period", "p(1) since 2024-06-01 until 2024-01-01.", "1:1: error: empty validity period"},
    {"rule_header_without_colon", "rule r p(X) if q(X).", "1:8: error: expected ':', found 'p'"},
    {"rule_header_without_name", "rule : p(1).", "1:6: error: expected rule name, found ':'"},
    {"declaration_without_parens", "relation ally", "1:14: error: expected '(', found end of file"},
    {"declaration_bad_type", "relation ally(name: country)",
     "1:21: error: expected type (symbol, string, integer, decimal or date), found 'country'"},
    {"declaration_missing_colon", "relation ally(name symbol)", "1:20: error: expected ':', found 'symbol'"},
    {"declaration_bad_value_column", "relation v(a: symbol) -> symbol", "1:32: error: expected ':', found end of file"},
    {"resolve_without_overrides", "resolve vote: block.", "1:20: error: expected 'overrides', found '.'"},
    {"resolve_without_period", "resolve vote: a overrides b", "1:28: error: expected '.', found end of file"},
    {"include_without_string", "include other.rules.", "1:9: error: expected string, found 'other'"},
    {"aggregate_without_colon", "n(N) if N = count { A ally(A) }.", "1:23: error: expected ':', found 'ally'"},
    {"aggregate_unclosed", "n(N) if N = count { A : ally(A) .", "1:33: error: expected '}', found '.'"},
    {"for_without_all", "ok if for ally(A): p(A).", "1:11: error: expected 'all', found 'ally'"},
    {"for_all_without_colon", "ok if for all ally(A) p(A).", "1:23: error: expected ':', found 'p'"},
    {"negation_of_nothing", "p(X) if q(X) and not .", "1:22: error: expected atom, found '.'"},
    {"comparison_missing_right", "p(X) if q(X), X > .", "1:19: error: expected term, found '.'"},
    {"arithmetic_missing_operand", "p(Y) if q(X), Y = X + .", "1:23: error: expected term, found '.'"},
    {"keyed_value_missing", "vote(a, b) = .", "1:14: error: expected term, found '.'"},
    {"default_without_default", "vote(a) = x by if q.", "1:16: error: expected 'default', found 'if'"},
    {"deep_parentheses", "p(X) if q(X), X = " + repeat("(", 5000) + "1" + repeat(")", 5000) + ".",
     "1:218: error: nesting deeper than 200 levels"},
    {"deep_groups", "p if " + repeat("(", 5000) + "q" + repeat(")", 5000) + ".", "1:206: error: nesting deeper than 200 levels"},
    {"deep_negative", "p(X) if q(Y), X = " + repeat("-", 5000) + "Y.", "1:218: error: nesting deeper than 200 levels"},
    {"long_sum_chain", "p(X) if X = 1" + repeat(" + 1", 100000) + ".", "1:"},
    {"nul_byte", std::string("p(1).\0q(2).", 11), "1:6: error: file contains a NUL byte"},
    {"invalid_utf8", "p(\"caf\xC3\x28\").", "1:7: error: invalid UTF-8 byte 0xC3"},
    {"overlong_utf8", "p(\"\xC0\xAF\").", "1:4: error: invalid UTF-8 byte 0xC0"},
    {"binary_garbage",
     std::string("\x7F"
                 "ELF\x02\x01\x01\0\0\0",
                 10),
     "1:8: error: file contains a NUL byte"},
    {"only_garbage", "@@@ ###", "1:1: error: expected a statement"},
    {"unsafe_head", "p(X) if q(Y).", "1:3: error: unsafe variable 'X'"},
    {"capitalised_constant_in_fact", "supports(Austria, p14).",
     "1:10: error: 'Austria' is a variable (it is capitalised), and a fact's terms are constants"},
    {"arity_mismatch", "relation ally(name: symbol)\nally(a, b).", "2:1: error: 'ally' takes 1 argument, but 2 are given"},
    {"type_mismatch", "relation age(who: symbol, years: integer)\nage(bob, \"ten\").",
     "2:10: error: type mismatch: column 'years' of 'age' is integer, but \"ten\" is string"},
    {"unstratifiable", "p(X) if q(X), not r(X).\nr(X) if q(X), not p(X).\nq(1).", "2:19: error: cannot stratify {p, r}"},
    {"duplicate_rule_name", "rule a: p(1).\nrule a: p(2).", "2:6: error: duplicate rule name 'a'"},
    {"resolution_unknown_value", "relation v(k: symbol) -> s: symbol\nv(a) = yes.\nv(b) = no_.\nresolve v: yes overrides nope.",
     "4:26: error: unknown value 'nope' for 'v'"},
    {"include_missing", "include \"definitely-missing-file.rules\".",
     "1:1: error: cannot include 'definitely-missing-file.rules': no such file"},
    {"include_escape", "include \"../../../../../../etc/passwd\".",
     "1:1: error: include '../../../../../../etc/passwd' leaves the directory"},
    {"too_many_alternatives", "q(1).\np if " + repeat("(q(1) or q(1)) and ", 11) + "q(1).",
     "2:1: error: the disjunctions in this rule expand to more than 1024 alternatives"},
    // Issue 16: the operators, functions and aggregates added to the language.
    {"unknown_aggregate", "n(N) if N = average { A : ally(A) }.", "1:13: error: unknown aggregate 'average'"},
    {"function_arity", "p(Y) if q(X), Y = abs(X, 1).", "1:19: error: 'abs' takes 1 argument, but 2 are given"},
    {"function_argument_type", "p(Y) if q(X), X = 3, Y = year(X).", "1:31: error: 'year' needs a date, but X is integer"},
    {"modulo_of_decimal", "p(Y) if Y = 2.5 mod 2.", "1:13: error: cannot compute decimal mod integer"},
    {"min_of_symbols", "p(Z) if Z = min(a, b).", "1:13: error: cannot take the min of symbol and symbol"},
    {"fact_with_today", "deadline(today).", "1:10: error: a fact's terms are constants, and today is computed"},
    {"fact_with_arithmetic", "n(1 + 2).", "1:3: error: a fact's terms are constants, and 1 + 2 is computed"},
    {"function_as_relation", "year(2024).", "1:1: error: 'year' is a built-in function and cannot name a relation"},
    {"value_differs_in_head", "relation v(k: symbol) -> s: symbol\nv(a) != yes.",
     "2:1: error: a rule or fact gives its value with '=', not '!='"},
    {"value_differs_negated", "relation v(k: symbol) -> s: symbol\nv(a) = yes.\np if not v(a) != yes.",
     "3:10: error: '!=' cannot follow a negated atom"},
    {"value_differs_unbound", "relation v(k: symbol) -> s: symbol\nv(a) = yes.\np(S) if v(a) != S.", "3:3: error: unsafe variable 'S'"},
    // Found by the pipeline fuzzer: crashed the planner ("internal error: map::at").
    {"aggregate_as_atom_value", "relation k(a: symbol) -> n: integer\np(Y) if k(Y) = count { Z : k(Z) }.",
     "2:16: error: an aggregate must be one side of a comparison"},
};

INSTANTIATE_TEST_SUITE_P(Cases, MalformedInput, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<MalformedCase>& param) { return std::string(param.param.name); });

TEST(MalformedInputCount, AtLeastFortyCases) { EXPECT_GE(std::size(kCases), 40u); }

// `%` is a comment: written as the remainder, it hides the rest of the line, and the error
// that follows (often lines later) says so.
TEST(PercentAfterAnOperand, TheErrorSaysItStartsAComment) {
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    dsl::FileId file = sources.add("r.rules", "q(1).\np(Y) if q(X), Y = X % 2.\nr(1).\n");
    EXPECT_FALSE(dsl::parseProgram(sources, file, diagnostics));
    ASSERT_FALSE(diagnostics.items().empty());
    std::string text = dsl::renderText(diagnostics.items().front(), sources);
    EXPECT_NE(text.find("r.rules:2:21: note: '%' starts a comment, which hides the rest of this line; the remainder is written `X mod Y`"),
              std::string::npos)
        << text;
}

TEST(PercentAfterAnOperand, IsWarnedOfEvenWhereTheRuleStillParses) {
    std::vector<std::string> said = checkDiagnostics("p(1).\nq(X, M) if p(X) and M = X % 2\nand M >= 0.\n");
    ASSERT_FALSE(said.empty());
    EXPECT_EQ(said.front(), "2:27: warning: '%' starts a comment, which hides the rest of this line; the remainder is written `X mod Y`");
}

TEST(PercentAfterAnOperand, ACommentAfterAStatementIsNoError) {
    EXPECT_TRUE(checkDiagnostics("q(1). % a comment\np(X) if q(X). % another\n").empty());
}

TEST(ErrorRecovery, ReportsEveryBrokenStatementNotOnlyTheFirst) {
    auto diagnostics = parseDiagnostics("p(X if q(X).\nok(1).\nr(X) if .\nalso_ok(2).\ns(\"unterminated).\n");
    ASSERT_EQ(diagnostics.size(), 3u) << ::testing::PrintToString(diagnostics);
    EXPECT_EQ(diagnostics[0].substr(0, 4), "1:5:");
    EXPECT_EQ(diagnostics[1].substr(0, 4), "3:9:");
    EXPECT_EQ(diagnostics[2].substr(0, 5), "5:18:");
}

TEST(EmptyInput, EmptyFileIsAWarningNotAnError) {
    EXPECT_EQ(parseDiagnostics(""), std::vector<std::string>{"1:1: warning: file has no statements"});
    EXPECT_EQ(parseDiagnostics("  \n# only a comment\n"), std::vector<std::string>{"1:1: warning: file has no statements"});
}

TEST(HugeInput, AMillionLiteralBodyParsesWithoutOverflowingTheStack) {
    std::string text = "big(X) if q(X)";
    for (int i = 0; i < 200000; ++i) text += ", q(X)";
    text += ".";
    EXPECT_EQ(parseDiagnostics(text), std::vector<std::string>{});
}

// Parsing a huge body is fine (above); evaluating one would nest a loop per condition and
// exhaust the stack (a 100,000-literal body crashed `accord query` before this limit).
TEST(HugeInput, ARuleWithTooManyConditionsIsAnErrorNotACrash) {
    std::string text = "q(1).\nbig(X) if q(X)";
    for (int i = 0; i < 100000; ++i) text += " and q(X)";
    text += ".";
    auto diagnostics = checkDiagnostics(text);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0], "2:1: error: this rule has 100001 conditions, more than the limit of 1000");
    std::string inAggregate = "q(1).\nn(N) if N = count { X : q(X)" + [] {
        std::string more;
        for (int i = 0; i < 1000; ++i) more += ", q(X)";
        return more;
    }() + " }.";
    EXPECT_EQ(checkDiagnostics(inAggregate).size(), 1u) << "conditions inside an aggregate count too";
}

TEST(HugeInput, AVeryLongStringLiteral) {
    std::string text = "p(\"" + std::string(5'000'000, 'x') + "\").";
    EXPECT_EQ(parseDiagnostics(text), std::vector<std::string>{});
}

}  // namespace
}  // namespace accord::testing
