// The grammar, pinned: every construct of the language parsed to the expected AST
// (shown as the position-free dump of dsl/ast_dump.hpp).
#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

std::string one(const std::string& text) {
    std::string dump = dumpOf(text);
    if (!dump.empty() && dump.back() == '\n') dump.pop_back();
    return dump;
}

TEST(Parser, FactsWithEveryKindOfConstant) {
    EXPECT_EQ(one("ally(turkey)."), "(rule (head ally (sym turkey)))");
    EXPECT_EQ(one("quorum_reached."), "(rule (head quorum_reached))");
    EXPECT_EQ(one("p(\"a \\\"b\\\"\\n\", 42, -7, 0.5, -2.25, 2024-06-26)."),
              "(rule (head p (str \"a \\\"b\\\"\\n\") (int 42) (int -7) (dec 0.5) (dec -2.25) (date 2024-06-26)))");
    EXPECT_EQ(one("p(1.5e3, -9223372036854775808)."), "(rule (head p (dec 1500.0) (int -9223372036854775808)))");
}

TEST(Parser, VariablesAndAnonymous) {
    EXPECT_EQ(one("p(X, _Tmp, _) if q(X, _Tmp)."), "(rule (head p (var X) (var _Tmp) (var _)) (or (and (atom q (var X) (var _Tmp)))))");
}

TEST(Parser, KeywordAndDatalogFormsMeanTheSame) {
    std::string keywords = one("approve(T, C) if candidate(C) and no eu_bias(C) and no export_restrictions(C).");
    std::string datalog = one("approve(T, C) :- candidate(C), !eu_bias(C), !export_restrictions(C).");
    EXPECT_EQ(keywords, datalog);
    EXPECT_EQ(keywords,
              "(rule (head approve (var T) (var C)) (or (and (atom candidate (var C)) (not (atom eu_bias (var C))) "
              "(not (atom export_restrictions (var C))))))");
    EXPECT_EQ(one("p(X) if q(X) and not r(X)."), one("p(X) :- q(X), !r(X)."));
}

TEST(Parser, KeywordsDoNotSwallowIdentifiers) {
    EXPECT_EQ(one("p(X) if note(X) and nobody(X) and android(X) and order(X) and iffy(X) and format(X)."),
              "(rule (head p (var X)) (or (and (atom note (var X)) (atom nobody (var X)) (atom android (var X)) "
              "(atom order (var X)) (atom iffy (var X)) (atom format (var X)))))");
    EXPECT_EQ(one("p(notable, nothing, ifs)."), "(rule (head p (sym notable) (sym nothing) (sym ifs)))");
    // Annotation words only mean something after a head: elsewhere they are names.
    EXPECT_EQ(one("source(s1) since 2024-01-01 source \"x\"."), "(rule (source \"x\") (since 2024-01-01) (head source (sym s1)))");
    EXPECT_EQ(one("p(X) if since(X), until(X), default(X), by(X), overrides(X)."),
              "(rule (head p (var X)) (or (and (atom since (var X)) (atom until (var X)) (atom default (var X)) "
              "(atom by (var X)) (atom overrides (var X)))))");
}

TEST(Parser, DisjunctionAtTopAndInGroups) {
    EXPECT_EQ(one("p(X) if a(X) or b(X) and c(X)."),
              "(rule (head p (var X)) (or (and (atom a (var X))) (and (atom b (var X)) (atom c (var X)))))");
    EXPECT_EQ(one("p(X) :- a(X) ; b(X)."), one("p(X) if a(X) or b(X)."));
    EXPECT_EQ(one("p(X) if r(X) and (a(X) or b(X))."),
              "(rule (head p (var X)) (or (and (atom r (var X)) (or (and (atom a (var X))) (and (atom b (var X)))))))");
}

TEST(Parser, ComparisonsAndArithmetic) {
    EXPECT_EQ(one("p(X) if q(X), X = 1, X != 2, X < 3, X <= 4, X > 5, X >= 6, X == 7."),
              "(rule (head p (var X)) (or (and (atom q (var X)) (= (var X) (int 1)) (!= (var X) (int 2)) "
              "(< (var X) (int 3)) (<= (var X) (int 4)) (> (var X) (int 5)) (>= (var X) (int 6)) (= (var X) (int 7)))))");
    EXPECT_EQ(one("p(Y) if q(X), Y = X + 2 * (X - 1) / 3."),
              "(rule (head p (var Y)) (or (and (atom q (var X)) (= (var Y) (+ (var X) (/ (* (int 2) (- (var X) (int 1))) (int 3)))))))");
    EXPECT_EQ(one("p(Y) if q(X), Y = X - 1 - 2."),
              "(rule (head p (var Y)) (or (and (atom q (var X)) (= (var Y) (- (- (var X) (int 1)) (int 2))))))");
    EXPECT_EQ(one("p(Y) if q(X), Y = -X, Y = - 3, Y = X-1."),
              "(rule (head p (var Y)) (or (and (atom q (var X)) (= (var Y) (neg (var X))) (= (var Y) (int -3)) "
              "(= (var Y) (- (var X) (int 1))))))");
    EXPECT_EQ(one("n(X + 1) if n(X)."), "(rule (head n (+ (var X) (int 1))) (or (and (atom n (var X)))))");
}

TEST(Parser, DatesAreNotSubtraction) {
    EXPECT_EQ(one("p(2024-06-26, 2024 - 6 - 26)."), "(rule (head p (date 2024-06-26) (- (- (int 2024) (int 6)) (int 26))))");
}

TEST(Parser, Aggregates) {
    EXPECT_EQ(one("n(C, N) if candidate(C), N = count { A : ally(A), vote(A, C) = approve }."),
              "(rule (head n (var C) (var N)) (or (and (atom candidate (var C)) (= (var N) (count ((var A)) : "
              "(atom ally (var A)) (atom vote (var A) (var C) = (sym approve)))))))");
    EXPECT_EQ(one("s(S) if S = sum { T, A : pledged(A, T) }."),
              "(rule (head s (var S)) (or (and (= (var S) (sum ((var T) (var A)) : (atom pledged (var A) (var T)))))))");
    EXPECT_EQ(one("m(L, H) if L = min { X : v(X) }, H = max { X : v(X) }."),
              "(rule (head m (var L) (var H)) (or (and (= (var L) (min ((var X)) : (atom v (var X)))) "
              "(= (var H) (max ((var X)) : (atom v (var X)))))))");
    // `count` is still an ordinary name where no `{` follows.
    EXPECT_EQ(one("count(3)."), "(rule (head count (int 3)))");
}

TEST(Parser, ForAll) {
    std::string unanimity = one("appointed(C) if candidate(C) and for all ally(A): vote(A, C) = approve.");
    EXPECT_EQ(unanimity,
              "(rule (head appointed (var C)) (or (and (atom candidate (var C)) (forall ((atom ally (var A))) "
              "(atom vote (var A) (var C) = (sym approve))))))");
    EXPECT_EQ(one("appointed(C) :- candidate(C), forall ally(A): vote(A, C) = approve."), unanimity);
    EXPECT_EQ(one("ok(C) if c(C) and for all ally(A), member(A): (p(A) and q(A))."),
              "(rule (head ok (var C)) (or (and (atom c (var C)) (forall ((atom ally (var A)) (atom member (var A))) "
              "(or (and (atom p (var A)) (atom q (var A))))))))");
}

TEST(Parser, RelationDeclarations) {
    EXPECT_EQ(one("relation ally(name: symbol)"), "(relation ally (name symbol))");
    EXPECT_EQ(one("relation vote(ally: symbol, candidate: symbol) -> stance: symbol."),
              "(relation vote (ally symbol) (candidate symbol) -> (stance symbol))");
    EXPECT_EQ(one("relation r(a: string, b: integer, c: decimal, d: date)\nrelation done()"),
              "(relation r (a string) (b integer) (c decimal) (d date))\n(relation done)");
    EXPECT_EQ(one("fixed relation ally(name: symbol)"), "(fixed relation ally (name symbol))");
    // `fixed` is not reserved: a relation may still be named so.
    EXPECT_EQ(one("fixed(x)."), "(rule (head fixed (sym x)))");
}

TEST(Parser, Threshold) {
    EXPECT_EQ(one("## Less likely than even does not hold.\nthreshold 0.5."),
              "(threshold (doc \"Less likely than even does not hold.\") 0.5)");
    EXPECT_EQ(one("threshold 1."), "(threshold 1.0)");
    // `threshold` is not reserved: a relation may still be named so.
    EXPECT_EQ(one("threshold(x)."), "(rule (head threshold (sym x)))");
    EXPECT_EQ(one("threshold(0.5)."), "(rule (head threshold (dec 0.5)))");
}

TEST(Parser, KeyedHeadsDefaultsAndResolutions) {
    EXPECT_EQ(one("vote(A, C) = block if eu_bias(C), ally(A)."),
              "(rule (head vote (var A) (var C) = (sym block)) (or (and (atom eu_bias (var C)) (atom ally (var A)))))");
    EXPECT_EQ(one("vote(A, C) = undecided by default if ally(A) and candidate(C)."),
              "(rule (head vote (var A) (var C) = (sym undecided)) (default) (or (and (atom ally (var A)) (atom candidate (var C)))))");
    EXPECT_EQ(one("resolve vote: block overrides approve, approve overrides undecided."),
              "(resolve vote (overrides (sym block) (sym approve)) (overrides (sym approve) (sym undecided)))");
    EXPECT_EQ(one("resolve vote: block overrides approve overrides undecided."),
              "(resolve vote (overrides (sym block) (sym approve) (sym undecided)))");
    EXPECT_EQ(one("quota() = 3."), "(rule (head quota = (int 3)))");
}

TEST(Parser, RuleNamesDocsAndComments) {
    EXPECT_EQ(one("## Turkey's red line.\n## Second line.\nrule turkey_neutrality: vote(turkey, C) = block if eu_bias(C)."),
              "(rule (doc \"Turkey's red line.\") (doc \"Second line.\") (name turkey_neutrality) "
              "(head vote (sym turkey) (var C) = (sym block)) (or (and (atom eu_bias (var C)))))");
    EXPECT_EQ(one("# plain\n% also plain\n// and this\np(1). # trailing\n### a banner, not a doc\nq(2)."),
              "(rule (head p (int 1)))\n(rule (head q (int 2)))");
    EXPECT_EQ(one("## The allies.\nrelation ally(name: symbol)"), "(relation (doc \"The allies.\") ally (name symbol))");
    EXPECT_EQ(one("p(\"# not a comment\")."), "(rule (head p (str \"# not a comment\")))");
}

TEST(Parser, FactAndRuleAnnotations) {
    EXPECT_EQ(one("backs(france, rutte) @0.9 source \"Bloomberg, 2024-02\" since 2024-02-22."),
              "(rule (confidence 0.9) (source \"Bloomberg, 2024-02\") (since 2024-02-22) (head backs (sym france) (sym rutte)))");
    EXPECT_EQ(one("m(sweden) until 2024-03-07 since 2023-01-01 @1."),
              "(rule (confidence 1.0) (since 2023-01-01) (until 2024-03-07) (head m (sym sweden)))");
    EXPECT_EQ(one("rule weak_support @0.8: likely(A, C) if backs(A, C)."),
              "(rule (name weak_support) (confidence 0.8) (head likely (var A) (var C)) (or (and (atom backs (var A) (var C)))))");
}

TEST(Parser, Includes) {
    EXPECT_EQ(one("include \"allies.rules\".\ninclude \"sub/x.rules\""), "(include \"allies.rules\")\n(include \"sub/x.rules\")");
}

TEST(Parser, WhitespaceAndLayoutDoNotMatter) {
    EXPECT_EQ(one("p( X )\n  if\n\tq( X ) ,\r\n r(X) ."), one("p(X) if q(X), r(X)."));
    EXPECT_EQ(one("\xEF\xBB\xBFp(1)."), one("p(1)."));  // byte-order mark
}

TEST(Parser, PositionsPointAtTheSource) {
    auto diagnostics = checkDiagnostics("ally(turkey).\nbad(X, Z) if\n    ally(X) and not ally(Y).");
    ASSERT_EQ(diagnostics.size(), 2u) << ::testing::PrintToString(diagnostics);
    EXPECT_EQ(diagnostics[0], "2:8: error: unsafe variable 'Z': it appears in the head but no positive condition binds it");
    EXPECT_EQ(diagnostics[1], "3:26: error: unsafe variable 'Y' in a negated condition: no positive condition binds it");
}

}  // namespace
}  // namespace accord::testing
