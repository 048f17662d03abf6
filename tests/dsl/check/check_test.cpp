// The semantic checks, each firing at the right line:col with its message — and staying
// quiet on correct programs.
#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

using Lines = std::vector<std::string>;

/// Only the errors and warnings (no notes), as "line:col: severity: message".
Lines check(const std::string& text) { return checkDiagnostics(text); }

TEST(Checks, ACorrectProgramIsQuiet) {
    EXPECT_EQ(check(R"(
relation ally(name: symbol)
relation candidate(name: symbol)
relation vote(ally: symbol, candidate: symbol) -> stance: symbol
resolve vote: block overrides approve, approve overrides undecided.
ally(turkey). ally(france). candidate(rutte).
eu_bias(none).
vote(A, C) = undecided by default if ally(A) and candidate(C).
vote(A, C) = approve if ally(A) and candidate(C) and not eu_bias(C).
rule turkey_neutrality: vote(turkey, C) = block if candidate(C) and eu_bias(C).
appointed(C) if candidate(C) and for all ally(A): vote(A, C) = approve.
approvals(C, N) if candidate(C) and N = count { A : ally(A), vote(A, C) = approve }.
)"),
              Lines{});
}

TEST(Checks, ASentenceNamesOnlyVariablesTheRuleBinds) {
    // {Y} is counted (no one value), {Q} nowhere: neither has a value in a derivation.
    EXPECT_EQ(check("q(1).\nr(1, 2).\n## sentence: {X} has {N}, not {Y} nor {Q}\np(X, N) if q(X), N = count { Y : r(X, Y) }.\n"),
              (Lines{"4:1: error: the rule's sentence names {Y}, which is not a variable it binds",
                     "4:1: error: the rule's sentence names {Q}, which is not a variable it binds"}));
    // The near miss: head variables, positive conditions and comparisons bind.
    EXPECT_EQ(check("q(1).\nr(1, 2).\n## sentence: {X} with {Y}, {N} more\np(X, N) if q(X), r(X, Y), N = Y + 1.\n"), Lines{});
}

TEST(Checks, UnsafeHeadVariable) {
    EXPECT_EQ(check("q(1).\np(X, Y) if q(X)."),
              (Lines{"2:6: error: unsafe variable 'Y': it appears in the head but no positive condition binds it"}));
}

TEST(Checks, UnsafeNegatedAndComparedVariables) {
    EXPECT_EQ(check("q(1).\nr(1).\np(X) if q(X), not r(Y).\ns(X) if q(X), Y > 3."),
              (Lines{"3:21: error: unsafe variable 'Y' in a negated condition: no positive condition binds it",
                     "4:15: error: unsafe variable 'Y' in a comparison: no positive condition binds it"}));
}

TEST(Checks, AnonymousVariablesInNegationAreFine) { EXPECT_EQ(check("q(1).\nr(1, 2).\np(X) if q(X), not r(X, _)."), Lines{}); }

TEST(Checks, AssignmentBindsAVariable) {
    EXPECT_EQ(check("q(1).\np(Y) if q(X), Y = X * 2 + 1."), Lines{});
    EXPECT_EQ(check("q(1).\np(Y) if q(X), Y = Z + 1."),
              (Lines{"2:3: error: unsafe variable 'Y': it appears in the head but no positive condition binds it",
                     "2:11: warning: variable 'X' is used only once",
                     "2:19: error: unsafe variable 'Z' in a comparison: no positive condition binds it"}));
}

TEST(Checks, AnonymousVariableInHead) {
    EXPECT_EQ(check("q(1).\np(_) if q(_)."), (Lines{"2:3: error: the anonymous variable '_' cannot appear in a rule head"}));
}

TEST(Checks, SingletonVariableWarning) {
    EXPECT_EQ(check("q(1, 2).\np(X) if q(X, Y)."), (Lines{"2:14: warning: variable 'Y' is used only once"}));
    EXPECT_EQ(check("q(1, 2).\np(X) if q(X, _Y)."), Lines{});
}

TEST(Checks, ArityMismatchAgainstDeclarationAndFirstUse) {
    EXPECT_EQ(check("relation ally(name: symbol)\nally(a, b)."), (Lines{"2:1: error: 'ally' takes 1 argument, but 2 are given"}));
    EXPECT_EQ(check("p(1, 2).\nq(X) if p(X)."), (Lines{"2:9: error: 'p' takes 2 arguments, but 1 is given"}));
}

TEST(Checks, UnknownRelationWarnsWithSuggestion) {
    EXPECT_EQ(check("ally(turkey).\np(X) if aly(X)."),
              (Lines{"2:9: warning: unknown relation 'aly': no declaration, fact or rule defines it"}));
    EXPECT_EQ(check("relation member(name: symbol)\np(X) if member(X)."), Lines{});  // declared: facts may come later
}

TEST(Checks, KeyedRelationsNeedValuesAndOthersMustNotHaveThem) {
    EXPECT_EQ(check("relation v(k: symbol) -> s: symbol\nv(a)."), (Lines{"2:1: error: 'v' is keyed: a rule or fact must give its value"}));
    EXPECT_EQ(check("p(a) = yes."), Lines{});  // undeclared: keyed by use
    EXPECT_EQ(check("relation p(k: symbol)\np(a) = yes."), (Lines{"2:1: error: 'p' is not a keyed relation, so it has no value"}));
    EXPECT_EQ(check("q(a).\np(X) = yes by default if q(X).\np(b)."),
              (Lines{"3:1: error: 'p' is keyed: a rule or fact must give its value"}));
    EXPECT_EQ(check("q(a).\nrelation r(k: symbol)\nr(X) by default if q(X)."),
              (Lines{"3:1: error: 'by default' needs a keyed relation, and 'r' is not keyed"}));
}

TEST(Checks, TypeMismatches) {
    EXPECT_EQ(check("relation age(who: symbol, years: integer)\nage(bob, ten)."),
              (Lines{"2:10: error: type mismatch: column 'years' of 'age' is integer, but ten is symbol"}));
    EXPECT_EQ(check("relation name(who: symbol, text: string)\nname(bob, bob)."),
              (Lines{"2:11: error: type mismatch: column 'text' of 'name' is string, but bob is symbol"}));
    EXPECT_EQ(check("relation price(item: symbol, amount: decimal)\nprice(tea, 3)."), Lines{});  // integers widen
    EXPECT_EQ(check("relation ally(name: symbol)\nrelation age(who: symbol, years: integer)\nally(a). age(a, 3).\n"
                    "p(X) if ally(X), age(Y, X)."),
              (Lines{"4:22: warning: variable 'Y' is used only once",
                     "4:25: error: type mismatch: column 'years' of 'age' is integer, but X is symbol"}));
    EXPECT_EQ(check("relation ally(name: symbol)\nally(a).\np(X) if ally(X), X > 3."),
              (Lines{"3:18: error: cannot compare symbol with integer"}));
    EXPECT_EQ(check("relation ally(name: symbol)\nally(a).\np(Y) if ally(X), Y = X + 1."),
              (Lines{"3:22: error: cannot compute symbol + integer"}));
    EXPECT_EQ(check("relation d(day: date)\nd(2024-01-01).\np(E) if d(D), E = D + 30."), Lines{});  // dates move by days
}

TEST(Checks, SumElementLeavingOutALocalVariable) {
    EXPECT_EQ(check("pledged(a, 1).\ns(S) if S = sum { T : pledged(A, T) }."),
              (Lines{"2:13: warning: sum takes each distinct element once, and its element leaves out 'A': equal values "
                     "for different A count only once"}));  // not "used only once": '_' would merge the rows too
    EXPECT_EQ(check("pledged(a, 1).\nm(M) if M = mean { T : pledged(_, T) }."),
              (Lines{"2:13: warning: mean takes each distinct element once, and a '_' in its body stands for values the element "
                     "leaves out: equal values of different rows count only once"}));
    EXPECT_EQ(check("pledged(a, 1).\ns(S) if S = sum { T, A : pledged(A, T) }."), Lines{});
    // A variable shared with the rest of the rule groups the sum: not local, no warning.
    EXPECT_EQ(check("pledged(a, 1).\nally(a).\ns(A, S) if ally(A), S = sum { T : pledged(A, T) }."), Lines{});
}

TEST(Checks, AggregatesBelongInComparisons) {
    EXPECT_EQ(check("q(1).\np(X) if q(count { Y : q(Y) }), q(X)."), (Lines{"2:11: error: an aggregate must be one side of a comparison"}));
}

// `or` inside an aggregate or a `for all` domain is lifted into a helper relation
// (dsl/lift_alternatives.hpp; its meaning is tested in tests/dsl/lift_alternatives_test.cpp).
TEST(Checks, DisjunctionInsideAggregatesIsAcceptedWhenEveryAlternativeBindsWhatItShares) {
    EXPECT_EQ(check("a(1). b(2).\nn(N) if N = count { X : (a(X) or b(X)) }."), Lines{});
    EXPECT_EQ(check("a(1). b(2).\nevery if for all (a(X) or b(X)): X > 0."), Lines{});
    EXPECT_EQ(check("a(1). b(2).\ng(B) if a(B) and N = count { X : b(X), (X > 1 or X = B) } and N > 1."),
              (Lines{"2:54: error: unsafe variable 'B': an alternative of this `or` does not bind it, and alternatives inside an "
                     "aggregate or a `for all` domain must bind each variable they share with the rest of the rule"}));
}

TEST(Checks, Unstratifiable) {
    auto lines = check("q(1).\nwin(X) if q(X), not lose(X).\nlose(X) if q(X), not win(X).");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].substr(0, 35), "2:21: error: cannot stratify {lose,");
}

TEST(Checks, RecursionThroughAggregatesAndKeyedReadsIsUnstratifiable) {
    auto aggregate = check("q(1).\nn(N) if q(_), N = count { X : n(X) }.");
    ASSERT_EQ(aggregate.size(), 1u);
    EXPECT_EQ(aggregate[0].substr(0, 30), "2:31: error: cannot stratify {");
    auto keyed = check("q(a).\nv(X) = yes if q(X), v(X) = no.\nv(X) = no if q(X).");
    ASSERT_EQ(keyed.size(), 1u);
    EXPECT_EQ(keyed[0].substr(0, 32), "2:21: error: cannot stratify {v}");
}

TEST(Checks, PositiveRecursionIsFine) {
    EXPECT_EQ(check("edge(a, b). edge(b, c).\npath(X, Y) if edge(X, Y).\npath(X, Z) if path(X, Y), edge(Y, Z)."), Lines{});
}

TEST(Checks, DuplicateRuleNames) {
    EXPECT_EQ(check("q(1).\nrule same: p(X) if q(X).\nrule same: r(X) if q(X)."), (Lines{"3:6: error: duplicate rule name 'same'"}));
}

TEST(Checks, DuplicateDeclarations) {
    EXPECT_EQ(check("relation a(x: symbol)\nrelation a(x: symbol)"), (Lines{"2:1: error: relation 'a' is declared twice"}));
}

TEST(Checks, Resolutions) {
    const std::string base =
        "relation vote(a: symbol) -> s: symbol\nally(x).\nvote(A) = approve if ally(A).\nvote(A) = block if ally(A).\n";
    EXPECT_EQ(check(base + "resolve vote: block overrides approve."), Lines{});
    EXPECT_EQ(check(base + "resolve vote: blok overrides approve."),
              (Lines{"4:11: warning: value 'block' of 'vote' is not ordered by its resolution; a clash with another value "
                     "will stop the run",
                     "5:15: error: unknown value 'blok' for 'vote'"}));
    EXPECT_EQ(check(base + "resolve vote: block overrides approve overrides abstain."),
              (Lines{"5:49: warning: unknown value 'abstain' for 'vote': no rule or fact in the program gives it"}));
    EXPECT_EQ(check(base + "resolve vot: block overrides approve."), (Lines{"5:1: error: resolution for unknown relation 'vot'"}));
    EXPECT_EQ(check(base + "resolve ally: block overrides approve."),
              (Lines{"5:1: error: 'ally' is not keyed, so it has no values to resolve"}));
    EXPECT_EQ(check(base + "resolve vote: block overrides approve, approve overrides block."),
              (Lines{"5:1: error: contradictory resolution: 'approve' overrides itself through the chains"}));
    EXPECT_EQ(check(base + "vote(x) = abstain.\nresolve vote: block overrides approve."),
              (Lines{"5:11: warning: value 'abstain' of 'vote' is not ordered by its resolution; a clash with another value "
                     "will stop the run"}));
}

TEST(Checks, OneThresholdInAProgramAndItsRange) {
    EXPECT_EQ(check("threshold 0.5.\np(1).\nthreshold 0.6."), (Lines{"3:1: error: a second threshold: a program has one"}));
    EXPECT_EQ(check("threshold 1.5."), (Lines{"1:11: error: confidence must be in (0, 1], got 1.5"}));
}

TEST(Checks, ANegationOfWhatCanBeUncertainWarnsWithoutAThreshold) {
    const std::string program =
        "veto(h) @0.8.\nmember(h). member(a).\nblocked(S) if veto(S).\nfree(S) if member(S) and not blocked(S).\n"
        "sure(S) if member(S) and not member_of_nothing(S).\nmember_of_nothing(x).\n";
    EXPECT_EQ(check(program), (Lines{"4:26: warning: negation of 'blocked', which can be uncertain: when it holds at confidence c this "
                                     "condition holds at 1 - c, however small, and the rules that read the conclusion take it as true"}));
    EXPECT_EQ(check("threshold 0.5.\n" + program), Lines{});
    // Under a `for all`, as the docs teach unanimity, too.
    EXPECT_EQ(check("veto(h) @0.8.\nmember(h).\nadopted if for all member(S): not veto(S).\n").size(), 1u);
}

TEST(Checks, DiagnosticsAcrossSeveralProblemsAreAllReported) {
    auto lines = check("q(1).\np(X, Y) if q(X).\nr(X) if not q(X).\nrule n: s(1).\nrule n: s(2).");
    EXPECT_EQ(lines.size(), 3u) << ::testing::PrintToString(lines);
}

}  // namespace
}  // namespace accord::testing
