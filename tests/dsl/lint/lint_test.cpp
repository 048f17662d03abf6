// The lints of `accord check`: each one fires on the text it is about and stays quiet on a
// near miss; allow comments and --allow silence exactly what they name; and on random
// programs, a rule a lint says is dead (never fires, never wins, never used) can be
// deleted without changing a single conclusion.
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/lint/allowances.hpp"
#include "accord/dsl/lint/lint_names.hpp"
#include "accord/dsl/lint/lint_program.hpp"
#include "accord/engine/engine.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

using Lines = std::vector<std::string>;

/// The named warnings `accord check` gives for a program, as "line:col [name] message".
Lines lint(const std::string& text, const std::vector<std::string>& allowed = {}) {
    dsl::LoadedProgram program;
    dsl::Diagnostics diagnostics;
    if (dsl::loadText("test.rules", text, std::filesystem::temp_directory_path(), {}, program, diagnostics)) {
        if (auto checked = dsl::checkProgram(program, diagnostics)) dsl::lint::lintProgram(program, *checked, diagnostics);
    }
    dsl::lint::applyAllowances(program, allowed, diagnostics);
    diagnostics.sortByPosition();
    Lines lines;
    for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
        if (diagnostic.severity == dsl::Severity::Error) return {"error: " + diagnostic.message};
        // The checks' own warnings that the short programs below trigger on purpose.
        if (diagnostic.code.empty() || diagnostic.code == dsl::lint::kSingleUseVariable ||
            diagnostic.code == dsl::lint::kUnknownResolvedValue) {
            continue;
        }
        dsl::LineColumn at = program.sources.file(diagnostic.span->file).lineColumn(diagnostic.span->begin);
        lines.push_back(fmt::format("{}:{} [{}] {}", at.line, at.column, diagnostic.code, diagnostic.message));
    }
    return lines;
}

const std::string kVotes = R"(relation ally(name: symbol)
relation candidate(name: symbol)
relation vote(ally: symbol, candidate: symbol) -> stance: symbol  # accord: allow never-fires, unused-relation
resolve vote: block overrides approve, approve overrides undecided.
ally(turkey). ally(hungary). candidate(rutte).
backs(turkey, rutte). objects(hungary, rutte).
)";  // six lines: the programs below start at line 7

TEST(Lints, AModelWithoutProblemsIsQuiet) {
    EXPECT_EQ(lint(kVotes + R"(vote(A, C) = undecided by default if ally(A) and candidate(C).
vote(A, C) = approve if ally(A) and backs(A, C).
vote(A, C) = block if objects(A, C).
appointed(C) if candidate(C) and for all ally(A): vote(A, C) = approve.
)"),
              Lines{});
}

TEST(Lints, UnusedRelation) {
    EXPECT_EQ(lint(kVotes + "relation spare(name: symbol)\nvote(A, C) = approve if backs(A, C).\n"),
              Lines{"7:1 [unused-relation] relation 'spare' is declared but no fact, rule or condition uses it"});
    // Near misses: a declared relation that only has facts (data to query), or only a reader.
    EXPECT_EQ(lint(kVotes + "vote(A, C) = approve if backs(A, C).\nrelation spare(name: symbol)\nspare(x).\nrelation read(name: "
                            "symbol)\nrelation fed(name: symbol)\n"
                            "# accord: allow never-fires\nrelation input(name: symbol)\nlikes(A) if ally(A) and input(A).\n"),
              (Lines{"10:1 [unused-relation] relation 'read' is declared but no fact, rule or condition uses it",
                     "11:1 [unused-relation] relation 'fed' is declared but no fact, rule or condition uses it"}));
}

TEST(Lints, NeverFires) {
    EXPECT_EQ(lint(kVotes + "relation protests(ally: symbol)\nloud(A) if ally(A) and protests(A).\nlouder(A) if loud(A).\n"),
              (Lines{"8:24 [never-fires] this rule can never fire: no fact gives 'protests' and no rule derives it",
                     "9:14 [never-fires] this rule can never fire: 'loud' has no facts and none of its rules can fire"}));
    // Near misses: one alternative that can fire; a negation or a count of an empty relation;
    // a relation fed from elsewhere (allowed at its declaration).
    EXPECT_EQ(lint(kVotes + "relation protests(ally: symbol)\nloud(A) if ally(A) and (protests(A) or backs(A, _)).\n"
                            "calm(A) if ally(A) and not protests(A).\nn(N) if N = count { A : protests(A) }.\n"
                            "# accord: allow never-fires\nrelation complaints(ally: symbol)\nsour(A) if complaints(A).\n"),
              Lines{});
}

TEST(Lints, NeverWins) {
    EXPECT_EQ(lint(kVotes + "vote(A, C) = approve if ally(A) and candidate(C) and backs(A, C).\n"
                            "vote(A, C) = block if ally(A) and candidate(C).\n"),
              Lines{"7:14 [never-wins] value 'approve' of 'vote' never wins: the rule at test.rules:8:1 gives 'block', which "
                    "overrides it, whenever this rule applies"});
    // Near misses: the stronger rule needs more; is less sure; is valid for less time; gives a
    // weaker value; or covers another key.
    EXPECT_EQ(lint(kVotes + "vote(A, C) = approve if ally(A) and candidate(C).\n"
                            "vote(A, C) = block if ally(A) and candidate(C) and objects(A, C).\n"
                            "vote(A, C) = approve if backs(A, C).\nrule unsure @0.5: vote(A, C) = block if backs(A, C).\n"
                            "vote(A, C) = approve if objects(A, C).\nvote(A, C) = block since 2024-03-01 if objects(A, C).\n"
                            "vote(A, rutte) = approve if ally(A).\nvote(turkey, C) = block if candidate(C).\n"),
              Lines{});
}

TEST(Lints, EachUnderscoreIsAVariableOfItsOwn) {
    // `clearance(P, L) and approved_level(L)` does not follow from `clearance(P, _) and
    // approved_level(_)`: the two `_` may differ (bob's clearance is not an approved level).
    const std::string access = R"(relation access(person: symbol) -> decision: symbol
resolve access: grant overrides review.
clearance(alice, secret). clearance(bob, expired). approved_level(secret).
)";
    EXPECT_EQ(lint(access + "rule grant: access(P) = grant if clearance(P, L) and approved_level(L).\n"
                            "rule review: access(P) = review if clearance(P, _) and approved_level(_).\n"),
              Lines{});
    EXPECT_EQ(lint(access + "rule grant: access(P) = grant if clearance(P, L) and approved_level(L).\n"
                            "access(P) = pending by default if clearance(P, _) and approved_level(_).\n"),
              Lines{});
    // Near miss: the same conditions with their own `_` do cover each other.
    EXPECT_EQ(lint(access + "rule review: access(P) = review if clearance(P, _) and approved_level(_).\n"
                            "access(P) = pending by default if clearance(P, _) and approved_level(_).\n"),
              Lines{"5:1 [unused-default] this default of 'access' is never used: the rule at test.rules:4:14 gives a value "
                    "whenever it applies"});
    // Under a negation, `_` means no value at all: `not q(A, _)` does not follow from `not q(A, B)`.
    EXPECT_EQ(lint("relation v(a: symbol) -> s: symbol\nresolve v: hi overrides lo.\nk(a). q(a, z). r(b).\n"
                   "v(A) = hi if k(A) and not q(A, _).\nv(A) = lo if k(A) and r(B) and not q(A, B).\n"),
              Lines{});
    // Near miss: `_` for `_` under a negation, and a named variable for a `_` elsewhere.
    EXPECT_EQ(lint("relation v(a: symbol) -> s: symbol\nresolve v: hi overrides lo.\nk(a). q(a, z). r(b).\n"
                   "v(A) = hi if k(A) and r(_) and not q(A, _).\nv(A) = lo if k(A) and r(B) and not q(A, _).\n"),
              Lines{"5:8 [never-wins] value 'lo' of 'v' never wins: the rule at test.rules:4:1 gives 'hi', which overrides it, "
                    "whenever this rule applies"});
}

TEST(Lints, NumbersAreComparedByValue) {
    const std::string prices = "relation price(item: symbol) -> amount: decimal\nitem(tea).\n";
    EXPECT_EQ(lint(prices + "price(tea) = 3.\nprice(tea) = 3.0.\nc1(X) if item(X) and price(X) = 3 and price(X) = 3.0.\n"
                            "c2(X) if item(X) and price(X) = 3 and price(X) != 3.0.\n"),
              Lines{"6:39 [contradiction] 'price(X) = 3' and 'price(X) != 3.0' cannot both hold: a key cannot both have a value and "
                    "have another one"});
    EXPECT_EQ(lint("relation rate(level: decimal) -> name: symbol\nrate(1) = low.\nrate(1.0) = high.\nlevel(rate) if rate(1) = _.\n"),
              Lines{"3:1 [fact-clash] 'rate(1.0) = high' clashes with 'rate(1) = low': one key, two values no resolution orders, so "
                    "the run would stop"});
}

TEST(Lints, NumbersMatchAsTheEngineJoinsThem) {
    // In a column of no declared type, 3 and 3.0 are different values (a join matches them
    // exactly); integers beyond 2^53 stay exact.
    EXPECT_EQ(lint("relation v(k: symbol) -> s: symbol\nresolve v: block overrides approve.\n"
                   "v(a) = approve if p(3.0).\nv(a) = block if p(3).\np(3.0).\nw(3) = a.\nw(3.0) = b.\n"
                   "big(X) if p(X) and 9007199254740993 != 9007199254740992.\n"),
              Lines{"8:20 [constant-comparison] '9007199254740993 != 9007199254740992' is always true"});
}

TEST(Lints, AClashSettledByAThirdValueOrByAFactBesideDefaultsIsNone) {
    EXPECT_EQ(
        lint("relation v(k: symbol) -> s: symbol\nresolve v: c overrides a, c overrides b.\nv(k) = a.\nv(k) = b.\nv(k) = c.\n"
             "u(j) = x by default.\nu(j) = y by default.\nu(j) = z.\n"),
        (Lines{"3:8 [never-wins] value 'a' of 'v' never wins: the rule at test.rules:5:1 gives 'c', which overrides it, whenever "
               "this rule applies",
               "4:8 [never-wins] value 'b' of 'v' never wins: the rule at test.rules:5:1 gives 'c', which overrides it, whenever "
               "this rule applies",
               "6:1 [unused-default] this default of 'u' is never used: the rule at test.rules:8:1 gives a value whenever it applies",
               "7:1 [unused-default] this default of 'u' is never used: the rule at test.rules:8:1 gives a value whenever it applies"}));
}

TEST(Lints, ARuleThatMayStopTheRunIsNeverCalledDead) {
    // Deleting it would let a run that stops on a division by zero succeed.
    EXPECT_EQ(lint("relation v(k: symbol) -> s: symbol\nresolve v: block overrides approve.\np(a, 0).\n"
                   "v(K) = approve if p(K, X) and Y = 10 / X and Y > 1.\nv(K) = block if p(K, _).\n"),
              Lines{});
}

TEST(Lints, ConditionsThatNeverHoldInsideAnAggregateOrForAllSaySo) {
    EXPECT_EQ(lint("k(a).\nv(a, x).\nbad(a).\nok(K) if k(K) and for all v(K, x), not v(K, x): bad(K).\n"
                   "n(K, N) if k(K) and N = count { K2 : k(K2), 1 > 2 }.\n"),
              (Lines{"4:36 [contradiction] 'v(K, x)' and its negation hold together only when it is uncertain, at confidence 0.25 at "
                     "most, inside a `for all`, which then holds only where its domain has no solution",
                     "5:45 [constant-comparison] '1 > 2' is always false, inside an aggregate, which takes nothing from it"}));
}

TEST(Lints, AVariableMatchesAsEachColumnTypesIt) {
    // Y = 3 in q (a decimal column: 3.0) and in r (no type: 3) are two values: the block rule
    // never fires, so approve wins.
    EXPECT_EQ(lint("relation q(a: symbol, n: decimal)\nrelation p(x: symbol) -> v: symbol\nresolve p: block overrides approve.\n"
                   "p(X) = block if q(X, Y) and r(Y).\np(X) = approve if q(X, 3) and r(3).\nq(a, 3). r(3).\n"),
              Lines{});
}

TEST(Lints, ARuleWhoseArithmeticMayStopTheRunIsNeverCalledDead) {
    // An overflow, a date out of range, a division ahead of a condition that never holds.
    EXPECT_EQ(lint("relation p(x: symbol) -> v: symbol\nresolve p: block overrides approve.\nq(a, 9223372036854775807).\n"
                   "p(X) = approve if q(X, N) and M = N + 1 and M > 0.\np(X) = block if q(X, N).\n"
                   "relation nothing(n: integer)\nd(X) if q(X, N) and M = 10 / N and nothing(M).\n"),
              Lines{});
}

TEST(Lints, MinusZeroIsZero) {
    EXPECT_EQ(lint("relation v(k: symbol) -> n: decimal\nv(a) = 0.0.\nv(a) = -0.0.\nr(X) if v(X) = 0.0 and v(X) = -0.0.\n"), Lines{});
}

TEST(Lints, DefaultsClashBesideAFactOfSomeDatesOnly) {
    EXPECT_EQ(lint("relation v(k: symbol) -> s: symbol\nv(a) = approve by default.\nv(a) = undecided by default.\n"
                   "v(a) = block since 2025-01-01.\n"),
              Lines{"3:1 [fact-clash] 'v(a) = undecided' clashes with 'v(a) = approve': one key, two values no resolution orders, so "
                    "the run would stop"});
}

TEST(Lints, AFactBelowTheThresholdClashesWithNothing) {
    EXPECT_EQ(lint(kVotes + "threshold 0.5.\nvote(turkey, rutte) = approve @0.3.\nvote(turkey, rutte) = undecided.\n"), Lines{});
}

TEST(Lints, NeverWinsAmongFacts) {
    EXPECT_EQ(lint(kVotes + "vote(turkey, rutte) = approve.\nvote(turkey, rutte) = block.\nvote(hungary, rutte) = approve.\n"),
              Lines{"7:23 [never-wins] value 'approve' of 'vote' never wins: the rule at test.rules:8:1 gives 'block', which "
                    "overrides it, whenever this rule applies"});
}

TEST(Lints, UnusedDefault) {
    EXPECT_EQ(lint(kVotes + "vote(A, C) = undecided by default if ally(A) and candidate(C).\n"
                            "vote(A, C) = approve if candidate(C) and ally(A).\n"),
              Lines{"7:1 [unused-default] this default of 'vote' is never used: the rule at test.rules:8:1 gives a value "
                    "whenever it applies"});
    // Near miss: the other rule does not apply to every key the default does.
    EXPECT_EQ(lint(kVotes + "vote(A, C) = undecided by default if ally(A) and candidate(C).\n"
                            "vote(A, C) = approve if candidate(C) and backs(A, C).\n"),
              Lines{});
}

TEST(Lints, ConstantComparison) {
    EXPECT_EQ(
        lint(kVotes + "odd(A) if ally(A) and A != A.\nodd(A) if ally(A) and 2024-01-01 > 2024-02-01.\n"
                      "even(A) if ally(A) and 1 < 1.5.\nsame(A) if ally(A) and turkey = hungary.\n"),
        (Lines{"7:23 [constant-comparison] 'A != A' is always false",
               "8:23 [constant-comparison] '2024-01-01 > 2024-02-01' is always false",
               "9:24 [constant-comparison] '1 < 1.5' is always true", "10:24 [constant-comparison] 'turkey = hungary' is always false"}));
    // Near misses: different variables, or the same variable on different sides of arithmetic.
    EXPECT_EQ(lint(kVotes + "pair(A, B) if ally(A) and ally(B) and A != B.\nn(X) if X = count { A : ally(A) } and X > X - 1.\n"), Lines{});
}

TEST(Lints, Contradiction) {
    EXPECT_EQ(lint(kVotes + "odd(A) if ally(A) and backs(A, C) and not backs(A, C).\n"
                            "both(A) if vote(A, C) = approve and vote(A, C) = block.\n"
                            "n(N) if N = count { A : ally(A), not ally(A) }.\n"),
              (Lines{"7:39 [contradiction] 'backs(A, C)' and its negation hold together only when it is uncertain, at confidence 0.25 "
                     "at most",
                     "8:37 [contradiction] 'vote(A, C) = approve' and 'vote(A, C) = block' cannot both hold: a key of a keyed "
                     "relation has one value",
                     "9:34 [contradiction] 'ally(A)' and its negation hold together only when it is uncertain, at confidence 0.25 "
                     "at most, inside an aggregate, which takes nothing from it"}));
    // Near misses: other arguments; `_` stands for any value; two keys.
    EXPECT_EQ(lint(kVotes + "odd(A) if ally(A) and backs(A, C) and not backs(C, A).\nodd(A) if backs(A, _) and not backs(A, _).\n"
                            "both(A) if vote(A, C) = approve and vote(C, A) = block.\n"),
              Lines{});
}

TEST(Lints, FactClash) {
    EXPECT_EQ(lint(kVotes + "relation level(ally: symbol) -> n: symbol\nlevel(turkey) = high.\nlevel(turkey) = low.\n"),
              Lines{"9:1 [fact-clash] 'level(turkey) = low' clashes with 'level(turkey) = high': one key, two values no "
                    "resolution orders, so the run would stop"});
    // Near misses: periods that do not overlap; a default beside a fact (it is not used, but
    // does not clash).
    EXPECT_EQ(lint(kVotes + "relation level(ally: symbol) -> n: symbol\nlevel(turkey) = high until 2024-03-01.\n"
                            "level(turkey) = low since 2024-03-01.\nlevel(hungary) = low.\nlevel(hungary) = high by default.\n"),
              Lines{"11:1 [unused-default] this default of 'level' is never used: the rule at test.rules:10:1 gives a value "
                    "whenever it applies"});
}

TEST(Lints, UncertainNegationHasItsName) {
    EXPECT_EQ(lint(kVotes + "wary(hungary) @0.4.\ncalm(A) if ally(A) and not wary(A).\n"),
              Lines{"8:24 [uncertain-negation] negation of 'wary', which can be uncertain: when it holds at confidence c this "
                    "condition holds at 1 - c, however small, and the rules that read the conclusion take it as true"});
    EXPECT_EQ(lint(kVotes + "threshold 0.5.\nwary(hungary) @0.4.\ncalm(A) if ally(A) and not wary(A).\n"), Lines{});
}

TEST(Allowances, ACommentAboveOrAtTheEndAllowsTheNamedWarningsOfItsStatementOnly) {
    std::string text = kVotes +
                       "# accord: allow constant-comparison, contradiction\n"
                       "odd(A) if ally(A) and A != A\n  and backs(A, C) and not backs(A, C).\n"
                       "odd2(A) if ally(A) and 1 > 2.  # accord: allow constant-comparison\n"
                       "odd3(A) if ally(A) and 1 > 2.  # accord: allow contradiction\n"
                       "odd4(A) if ally(A) and 1 > 2.\n";
    EXPECT_EQ(lint(text), (Lines{"11:24 [constant-comparison] '1 > 2' is always false",  //
                                 "12:24 [constant-comparison] '1 > 2' is always false"}));
    EXPECT_EQ(lint(text, {"constant-comparison"}), Lines{});
}

TEST(Allowances, UnknownNamesAndStrayCommentsAreReported) {
    EXPECT_EQ(lint(kVotes + "odd(A) if ally(A) and 1 > 2.  # accord: allow constant-comparsion\n# accord: allow never-fires\n"),
              (Lines{"7:23 [constant-comparison] '1 > 2' is always false", "7:47 [unknown-lint] no warning is named 'constant-comparsion'",
                     "8:1 [unknown-lint] this allow comment is about no statement"}));
    // Ordinary comments that mention the words are no allow comments.
    EXPECT_EQ(lint(kVotes + "# we allow never-fires here\nodd(A) if ally(A) and 1 > 2.\n"),
              Lines{"8:23 [constant-comparison] '1 > 2' is always false"});
}

TEST(Allowances, ACommentAllowsTheLastStatementOfItsLineOrTheOneRightBelow) {
    // At the end of a line of two statements: the second. Above, across a comment line: the
    // next. Above, across a blank line: none (and it says so).
    EXPECT_EQ(
        lint(kVotes + "p(x). odd(A) if ally(A) and 1 > 2.  # accord: allow constant-comparison\n"
                      "# accord: allow constant-comparison\n## A doc comment between.\nodd2(A) if ally(A) and 1 > 2.\n"
                      "# accord: allow constant-comparison\n\nodd3(A) if ally(A) and 1 > 2.\n"),
        (Lines{"11:1 [unknown-lint] this allow comment is about no statement", "13:24 [constant-comparison] '1 > 2' is always false"}));
}

TEST(Allowances, ErrorsCannotBeAllowed) {
    EXPECT_EQ(lint("# accord: allow unknown-relation\np(X) if q(Y).\n", {"unknown-relation"}),
              Lines{"error: unsafe variable 'X': it appears in the head but no positive condition binds it"});
}

TEST(LintNames, EveryNameIsKebabCaseAndOnce) {
    std::set<std::string_view> seen;
    for (const dsl::lint::LintName& name : dsl::lint::allLintNames()) {
        EXPECT_TRUE(seen.insert(name.name).second) << name.name;
        EXPECT_FALSE(name.summary.empty());
        for (char c : name.name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << name.name;
    }
    EXPECT_EQ(dsl::lint::closestLintName("never-fire"), "never-fires");
}

// ---- Soundness on random programs -------------------------------------------------------

/// A random model of one keyed relation with ordered values, rules over two fact relations
/// (and one that has no facts), defaults, confidences and validity periods: one statement
/// per line, so a rule is deleted by deleting its line.
Lines randomModel(std::mt19937& random) {
    auto pick = [&](const std::vector<std::string>& options) { return options[random() % options.size()]; };
    Lines lines = {"relation b1(x: symbol, y: symbol)",
                   "relation b2(x: symbol, y: symbol)",
                   "relation b3(x: symbol, y: symbol)",
                   "relation v(x: symbol) -> s: symbol",
                   "resolve v: strong overrides middle, middle overrides weak.",
                   "d(X) if b1(X, Y) and b2(Y, X).",
                   "e(X) if v(X) = strong.",
                   "f(X) if v(X) = weak."};
    for (const char* x : {"a", "b", "c"}) {
        for (const char* y : {"a", "b", "c"}) {
            for (const char* relation : {"b1", "b2"}) {
                if (random() % 2) lines.push_back(fmt::format("{}({}, {}){}.", relation, x, y, pick({"", "", " @0.6", " @0.3"})));
            }
        }
    }
    for (const char* fact : {"n(a, 3).", "n(b, 3.0).", "n(c, 4)."}) {
        if (random() % 2) lines.push_back(fact);
    }
    const std::vector<std::string> extras = {"n(X, 3)",      "n(X, 3.0)",    "not n(X, 3)", "0 = count { Z : b1(X, Z), 1 > 2 }",
                                             "b1(X, Y)",     "b2(X, Y)",     "b2(Y, X)",    "not b1(Y, X)",
                                             "not b2(X, Y)", "b3(X, Y)",     "X != Y",      "Y = Y",
                                             "d(X)",         "not b1(X, Y)", "X = a",       "b1(X, X)",
                                             "X != X",       "1 > 2"};
    int rules = 3 + static_cast<int>(random() % 5);
    for (int i = 0; i < rules; ++i) {
        std::string body = pick({"b1(X, Y)", "b2(X, Y)"});
        for (int extra = static_cast<int>(random() % 3); extra > 0; --extra) body += " and " + pick(extras);
        std::string value = pick({"strong", "middle", "weak"});
        std::string annotations = pick({"", "", "", " @0.7", " since 2024-03-01", " until 2024-03-01"});
        std::string isDefault = random() % 4 == 0 ? " by default" : "";
        lines.push_back(fmt::format("v(X) = {}{}{} if {}.", value, isDefault, annotations, body));
    }
    return lines;
}

std::string joined(const Lines& lines, std::size_t without = 0) {
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i + 1 != without) text += lines[i] + "\n";
    }
    return text;
}

std::set<std::string> conclusions(const std::string& text, std::int32_t asOf, std::optional<double> minConfidence) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    if (!engine.loadText("test.rules", text, diagnostics)) return {"did not load"};
    engine.run({.asOf = asOf, .minConfidence = minConfidence});
    return heldFacts(engine);
}

TEST(LintSoundness, DeletingARuleALintCallsDeadChangesNoConclusion) {
    std::mt19937 random(20261201);
    const std::set<std::string> deadRule = {"never-fires", "never-wins", "unused-default", "contradiction"};
    std::map<std::string, int> tried;
    for (int round = 0; round < 400; ++round) {
        Lines model = randomModel(random);
        std::string text = joined(model);
        for (const std::string& warning : lint(text)) {
            std::size_t colon = warning.find(':'), open = warning.find('['), close = warning.find(']');
            std::string name = warning.substr(open + 1, close - open - 1);
            // Inside an aggregate or `for all` the rule may still fire: only a rule's own conditions make it dead.
            bool nested = warning.find(", inside ") != std::string::npos;
            bool alwaysFalse = name == "constant-comparison" && warning.find("always false") != std::string::npos && !nested;
            // `p and not p` holds at c(1 - c) <= 0.25: dead only at a higher minimum.
            bool onlyAboveAQuarter = warning.find("at confidence 0.25 at most") != std::string::npos;
            if ((!deadRule.count(name) || nested) && !alwaysFalse) continue;
            std::size_t line = std::stoul(warning.substr(0, colon));
            ++tried[name];
            for (std::int32_t asOf : {19700, 19800}) {  // before and after 2024-03-01
                for (std::optional<double> minimum : {std::optional<double>{}, std::optional<double>{0.5}}) {
                    if (onlyAboveAQuarter && !minimum) continue;
                    ASSERT_EQ(conclusions(text, asOf, minimum), conclusions(joined(model, line), asOf, minimum)) << warning << "\n" << text;
                }
            }
        }
    }
    for (const std::string& name : deadRule) EXPECT_GT(tried[name], 5) << name << " was never tried";
    EXPECT_GT(tried["constant-comparison"], 5);
}

}  // namespace
}  // namespace accord::testing
