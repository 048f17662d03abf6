// The binding analysis that the checker and the planner share: a body the checker accepts
// is one the planner can order, and the order reads every variable after it is bound.
// Before they shared it, the checker let an assignment through an aggregate bind a
// variable the aggregate also needed, and the planner quietly ran the aggregate with that
// variable unbound (a wrong answer). The property test over random bodies is in
// tests/engine/eval/differential_test.cpp.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "accord/engine/engine.hpp"
#include "accord/engine/plan/plan_printer.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

using Lines = std::vector<std::string>;

/// The errors of checking `text`.
Lines errors(const std::string& text) {
    Lines out;
    for (const std::string& line : checkDiagnostics(text)) {
        if (line.find(": error: ") != std::string::npos) out.push_back(line);
    }
    return out;
}

/// The plan of the program's only rule, or its diagnostics.
std::string planOf(const std::string& text) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    if (!engine.loadText("test.rules", text, diagnostics)) return ::testing::PrintToString(describe(diagnostics, engine.sources()));
    return engine::printRulePlan(*engine.plan().basePlan(0), engine.plan());
}

TEST(BindingAnalysis, AnAggregateCannotWaitForAVariableItsOwnResultBinds) {
    EXPECT_EQ(errors("q(a, 1). q(b, 2).\np(N, M) if N = count { A : q(A, M) }, M = N - 1.\n"),
              (Lines{"2:3: error: unsafe variable 'N': it appears in the head but no positive condition binds it",
                     "2:33: error: unsafe variable 'M': the aggregate shares it with the rest of the rule, and nothing outside the "
                     "aggregate binds it first"}));
}

TEST(BindingAnalysis, AVariableSharedWithAnAggregateIsBoundBeforeIt) {
    const std::string program = "q(a, 1). q(b, 2). q(c, 2). r(1). r(2).\np(N, M) if N = count { A : q(A, M) }, r(M).\n";
    EXPECT_EQ(errors(program), Lines{});
    EXPECT_EQ(planOf(program),
              "rule #0\n"
              "  SCAN r(->M)\n"
              "  LET s2 = count { A } OF\n"
              "    LOOKUP q(->A, M)\n"
              "  LET N = s2\n"
              "  EMIT p(N, M)\n");
}

TEST(BindingAnalysis, AnAssignmentBindsOnceItsSourceIsBound) {
    const std::string program = "r(1). r(2).\np(X, Y) if Y = X + 1, r(X).\n";
    EXPECT_EQ(errors(program), Lines{});
    EXPECT_EQ(planOf(program), "rule #0\n  SCAN r(->X)\n  LET Y = X + 1\n  EMIT p(X, Y)\n");
}

TEST(BindingAnalysis, AForAllConsequentHasTheSameLimitOnAlternativesAsABody) {
    std::string groups;
    for (int i = 0; i < 11; ++i) groups += fmt::format("{}(a{} or b{}(X))", i ? " and " : "", i, i);  // 2^11 alternatives
    Lines found = errors(fmt::format("d(x).\nall_ok if for all d(X): ({}).\n", groups));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("a 'for all' in this rule has a consequent of more than 1024 alternatives"), std::string::npos) << found[0];
}

TEST(BindingAnalysis, AForAllInsideAnAggregateHasTheLimitToo) {
    std::string groups;
    for (int i = 0; i < 11; ++i) groups += fmt::format("{}(a{} or b{}(X))", i ? " and " : "", i, i);
    Lines found = errors(fmt::format("d(x).\nc(N) if N = count {{ Y : d(Y), for all d(X): ({}) }}.\n", groups));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("more than 1024 alternatives"), std::string::npos) << found[0];
}

// Once refused, so as not to be left to the planner; now lifted into a helper relation
// like any group there (dsl/lift_alternatives.hpp), which the planner sees as an atom.
TEST(BindingAnalysis, ParenthesesInsideAnAggregateAreLiftedNotLeftToThePlanner) {
    EXPECT_EQ(errors("q(1). r(1).\np(N) if N = count { X : (q(X), r(X)) }.\n"), Lines{});
}

TEST(BindingAnalysis, AnAtomCannotComputeAnArgumentFromAVariableOnlyItBinds) {
    EXPECT_EQ(errors("q(1, 2).\np(X) if q(X, X + 1).\n"),
              Lines{"2:14: error: unsafe variable 'X': only this condition binds it, and it reads its computed arguments before it "
                    "binds anything"});
}

TEST(BindingAnalysis, ARelationHasAtMostSixtyFourColumns) {
    std::string columns;
    for (int i = 0; i < 65; ++i) columns += fmt::format("{}c{}: integer", i ? ", " : "", i);
    Lines found = errors(fmt::format("relation wide({})\n", columns));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("relation 'wide' has 65 columns, more than the 64 supported"), std::string::npos) << found[0];
}

}  // namespace
}  // namespace accord::testing
