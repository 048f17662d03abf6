// The operators, functions and aggregates of issue 16, as an analyst writes them: `mod`,
// abs/min/max, dates (`today`, year/month/day, years_between), `mean`, `!=` on a keyed
// value, rule validity in the `rule` header, and arithmetic that never wraps around. The
// random-body differential test checks the same operators against the naive evaluator.
#include <gtest/gtest.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/engine.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

/// The rows of `query` after evaluating `rules` as of `asOf`.
std::vector<std::string> rowsOf(const std::string& rules, const std::string& query, const char* asOf = "2024-06-20") {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("ops.rules", rules, diagnostics)) << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    engine.run({.asOf = dsl::parseDate(asOf)->days});
    return queryLines(engine, query);
}

using Rows = std::vector<std::string>;

/// The error an evaluation of `rules` stops with, as the engine describes it ("" if none).
std::string evaluationError(const std::string& rules) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadText("ops.rules", rules, diagnostics)) << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    try {
        engine.run({});
    } catch (const engine::EvaluationError& error) {
        return engine.describe(error);
    }
    return "";
}

TEST(Operators, ModuloHasTheSignOfTheDivisor) {
    const char* rules = "n(7). n(-7). n(0).\nr(X, M, K) if n(X), M = X mod 2, K = X mod -3.\n";
    EXPECT_EQ(rowsOf(rules, "r(X, M, K)"), (Rows{"-7, 1, -1", "0, 0, 0", "7, 1, -2"}));
}

TEST(Operators, ArithmeticNeverWrapsAndTheErrorNamesTheValues) {
    std::string text = evaluationError("n(9223372036854775807).\nbig(Y) if n(X), Y = X + 1.\n");
    EXPECT_NE(text.find("ops.rules:2:1: error: integer overflow in 9223372036854775807 + 1"), std::string::npos) << text;
    text = evaluationError("n(-9223372036854775807).\nbig(Y) if n(X), Y = abs(X - 1).\n");
    EXPECT_NE(text.find("integer overflow in abs(-9223372036854775808)"), std::string::npos) << text;
}

TEST(Operators, DatesStayInTheCalendar) {
    std::string text = evaluationError("d(2024-01-01).\nfar(Y) if d(D), Y = year(D + 3000000).\n");
    EXPECT_NE(text.find("date out of range in 2024-01-01 + 3000000"), std::string::npos) << text;
    EXPECT_NE(evaluationError("d(0001-01-01).\nbefore(E) if d(D), E = D - 1.\n").find("date out of range"), std::string::npos);
}

TEST(Operators, ZeroAndMinusZeroAreOneNumber) {
    EXPECT_EQ(rowsOf("d(0.0). e(X) if d(Y), X = -Y.\nsame if d(X), e(Y), X = Y.\n", "same"), Rows{"true"});
    EXPECT_EQ(rowsOf("d(0.0). d(-0.0).\n", "d(X)"), Rows{"0.0"});
}

TEST(Operators, AKeyedValueDiffersWithBangEquals) {
    const char* rules =
        "relation position(state: symbol) -> stance: symbol\n"
        "position(hungary) = veto. position(austria) = abstain. state(hungary). state(austria). state(malta).\n"
        "not_vetoing(S) if state(S) and position(S) != veto.\n"
        "no_veto(S) if state(S) and not position(S) = veto.\n";
    EXPECT_EQ(rowsOf(rules, "not_vetoing(S)"), Rows{"austria"});  // malta has no position
    EXPECT_EQ(rowsOf(rules, "no_veto(S)"), (Rows{"austria", "malta"}));
    // The value may be compared with what the atom's own arguments bind.
    EXPECT_EQ(rowsOf("relation k(x: integer) -> v: integer\nk(1) = 3. k(2) = 3.\nodd(X) if k(X) != X + 2.\n", "odd(X)"), Rows{"2"});
}

TEST(Functions, AbsMinMax) {
    const char* rules = "v(-3). v(2.5).\nf(X, A, L, H) if v(X), A = abs(X), L = min(X, 0), H = max(X, 0).\n";
    EXPECT_EQ(rowsOf(rules, "f(X, A, L, H)"), (Rows{"-3, 3, -3, 0", "2.5, 2.5, 0.0, 2.5"}));
    EXPECT_EQ(rowsOf("d(2024-01-01). d(2023-05-01).\nlater(L) if d(A), d(B), A != B, L = max(A, B).\n", "later(L)"), Rows{"2024-01-01"});
    // Integers compare exactly, beyond the doubles' 53 bits.
    EXPECT_EQ(rowsOf("big(M) if M = max(9223372036854775807, 9223372036854775806).\n", "big(M)"), Rows{"9223372036854775807"});
    EXPECT_EQ(rowsOf("small(M) if M = min(9007199254740993, 9007199254740992).\n", "small(M)"), Rows{"9007199254740992"});
}

TEST(Functions, DatePartsAndAges) {
    const char* rules =
        "person(ann, 2006-06-20). person(bob, 2008-02-29).\n"
        "age(P, A) if person(P, B), A = years_between(B, today).\n"
        "parts(P, Y, M, D) if person(P, B), Y = year(B), M = month(B), D = day(B).\n"
        "until_birth(P, A) if person(P, B), A = years_between(today, B).\n";
    EXPECT_EQ(rowsOf(rules, "age(P, A)", "2024-06-19"), (Rows{"ann, 17", "bob, 16"}));
    EXPECT_EQ(rowsOf(rules, "age(P, A)", "2024-06-20"), (Rows{"ann, 18", "bob, 16"}));
    // 29 February: a year is complete on 1 March of a common year, on the day in a leap year.
    EXPECT_EQ(rowsOf(rules, "age(bob, A)", "2026-02-28"), Rows{"17"});
    EXPECT_EQ(rowsOf(rules, "age(bob, A)", "2026-03-01"), Rows{"18"});
    EXPECT_EQ(rowsOf(rules, "age(bob, A)", "2028-02-29"), Rows{"20"});
    EXPECT_EQ(rowsOf(rules, "until_birth(ann, A)", "2024-06-19"), Rows{"-17"});
    EXPECT_EQ(rowsOf(rules, "parts(P, Y, M, D)"), (Rows{"ann, 2006, 6, 20", "bob, 2008, 2, 29"}));
}

TEST(Functions, TodayIsTheEvaluationDate) {
    const char* rules = "granted(ann, 2024-03-01).\nactive(P) if granted(P, On), today < On + 90.\nasked(D) if D = today.\n";
    EXPECT_EQ(rowsOf(rules, "active(P)", "2024-05-29"), Rows{"ann"});
    EXPECT_EQ(rowsOf(rules, "active(P)", "2024-05-30"), Rows{});
    EXPECT_EQ(rowsOf(rules, "asked(D)", "2024-05-30"), Rows{"2024-05-30"});
}

TEST(Aggregates, MeanIsADecimalAndOfNothingThereIsNone) {
    const char* rules =
        "score(a, 3). score(b, 4). score(c, 4).\n"
        "average(M) if M = mean { S, P : score(P, S) }.\n"
        "average_of_none(M) if M = avg { S, P : score(P, S), S > 10 }.\n";
    EXPECT_EQ(rowsOf(rules, "average(M)"), Rows{"3.6666666666666665"});
    EXPECT_EQ(rowsOf(rules, "average_of_none(M)"), Rows{});
}

TEST(RuleValidity, TheRuleHeaderTakesSinceAndUntil) {
    const char* rules = "rule interim since 2024-04-01 until 2024-06-27 @0.9: holdout(hungary).\n";
    EXPECT_EQ(rowsOf(rules, "holdout(A)", "2024-03-31"), Rows{});
    EXPECT_EQ(rowsOf(rules, "holdout(A)", "2024-04-01"), Rows{"hungary"});
    EXPECT_EQ(rowsOf(rules, "holdout(A)", "2024-06-27"), Rows{});
}

TEST(Printing, NewOperatorsPrintAsRuleText) {
    EXPECT_EQ(dumpOf("p(Y) if q(X), Y = X mod 2."), dumpOf("p(Y) if q(X), Y = X mod 2."));
    EXPECT_NE(dumpOf("p(Y) if q(X), Y = years_between(X, today).").find("(call years_between (var X) (call today))"), std::string::npos)
        << dumpOf("p(Y) if q(X), Y = years_between(X, today).");
    EXPECT_NE(dumpOf("p if v(a) != yes.").find("!= (sym yes)"), std::string::npos) << dumpOf("p if v(a) != yes.");
}

}  // namespace
}  // namespace accord::testing
