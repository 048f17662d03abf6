// Demand-driven runs (Engine::runFor, engine/plan/demand_plan.hpp) against whole runs: on
// random programs, queries with constants taken from the whole run's conclusions (and some
// that match nothing) give the same rows with the same confidences, on several dates and
// minimum confidences. Then what the rewriting must get right case by case: recursion
// bound either way, keyed relations with defaults and facts, negation and aggregates over
// derived relations, relations with both facts and rules, and what it skips.
#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/random_body_program.hpp"
#include "tests/support/test_support.hpp"
#include "tests/support/stratified_program_generator.hpp"

namespace accord::testing {
namespace {

/// The rows of `pattern` as text, each with its confidence, in the order `match` sorts them.
std::string rowsText(const engine::Engine& engine, const engine::Pattern& pattern) {
    std::string out;
    for (const engine::QueryRow& row : engine::match(engine.relations()[pattern.relation], pattern, engine.symbols())) {
        for (const engine::Value& value : row.values) out += engine::formatValue(value, engine.symbols()) + " ";
        out += fmt::format("@{:.12f}\n", row.confidence);
    }
    return out;
}

/// Runs the whole program; "" or the evaluation error.
std::string runWhole(engine::Engine& engine, const engine::RunOptions& options) {
    try {
        engine.run(options);
    } catch (const engine::EvaluationError& error) {
        return error.what();
    }
    return "";
}

TEST(Demand, QueriesWithConstantsAnswerAsTheWholeProgramDoesOnRandomPrograms) {
    const std::int32_t dates[] = {dsl::parseDate("2024-01-01")->days, dsl::parseDate("2024-07-01")->days};
    const std::optional<double> minimums[] = {std::nullopt, 0.3141};
    std::mt19937_64 random(20261203);
    int compared = 0, rewritten = 0, nonEmpty = 0;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        dsl::Diagnostics diagnostics;
        engine::Engine whole, demanded;
        ASSERT_TRUE(whole.loadText("random.rules", program, diagnostics)) << program;
        ASSERT_TRUE(demanded.loadText("random.rules", program, diagnostics)) << program;
        engine::RunOptions options;
        options.asOf = dates[seed % 2];
        options.minConfidence = minimums[(seed / 2) % 2];
        if (!runWhole(whole, options).empty()) continue;
        for (engine::RelationId r = 0; r < whole.plan().relations.size(); ++r) {
            const engine::Relation& relation = whole.relations()[r];
            if (relation.arity() == 0 || !whole.plan().isDerived(r)) continue;
            for (int attempt = 0; attempt < 3; ++attempt) {
                // Values of one conclusion (or, when there is none or one time in four, of a
                // tuple of another relation of the same arity: often nothing matches).
                engine::Tuple values;
                if (!relation.empty() && random() % 4 != 0) {
                    engine::TupleView tuple = relation.tuple(static_cast<engine::TupleId>(random() % relation.size()));
                    values.assign(tuple.begin(), tuple.end());
                } else {
                    for (std::size_t c = 0; c < relation.arity(); ++c)
                        values.push_back(engine::Value::integer(static_cast<int>(random() % 5)));
                }
                const std::uint64_t mask = 1 + random() % ((std::uint64_t{1} << relation.arity()) - 1);
                engine::Pattern pattern = patternOf(r, values, mask);
                std::string context = fmt::format("seed {}, query of {} binding columns {:b}\n{}", seed, relation.name(), mask, program);
                ASSERT_NO_THROW(demanded.runFor(pattern, options)) << context;
                ASSERT_EQ(rowsText(demanded, pattern), rowsText(whole, pattern)) << context;
                std::string rows = rowsText(whole, pattern);
                ++compared;
                if (demanded.demand() && demanded.demand()->adornedRelations > 0) ++rewritten;
                if (!rows.empty()) ++nonEmpty;
            }
        }
    }
    EXPECT_GT(compared, 1000);
    EXPECT_GT(rewritten, 500);
    EXPECT_GT(nonEmpty, 500);
}

// One rule with a random body (aggregates, `for all`, negation, keyed values, `today`, the
// recursive t read with bound columns) over fixed facts: its conclusions, and t's, asked
// for with constants.
TEST(Demand, QueriesOfRandomBodiesAnswerAsTheWholeProgramDoes) {
    std::mt19937_64 random(20261204);
    int compared = 0, rewritten = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string program = randomBodyProgram(random);
        dsl::Diagnostics diagnostics;
        engine::Engine whole, demanded;
        if (!whole.loadText("random.rules", program, diagnostics)) continue;  // the checker refuses unsafe bodies
        ASSERT_TRUE(demanded.loadText("random.rules", program, diagnostics));
        if (!runWhole(whole, {}).empty()) continue;
        for (const char* name : {"p", "t"}) {
            auto r = whole.plan().relationId(name);
            const engine::Relation& relation = whole.relations()[*r];
            if (relation.arity() == 0 || relation.empty()) continue;
            engine::TupleView tuple = relation.tuple(static_cast<engine::TupleId>(random() % relation.size()));
            const std::uint64_t mask = 1 + random() % ((std::uint64_t{1} << relation.arity()) - 1);
            engine::Pattern pattern = patternOf(*r, tuple, mask);
            ASSERT_NO_THROW(demanded.runFor(pattern, {})) << program;
            ASSERT_EQ(rowsText(demanded, pattern), rowsText(whole, pattern)) << name << " binding " << mask << "\n" << program;
            ++compared;
            if (demanded.demand() && demanded.demand()->adornedRelations > 0) ++rewritten;
        }
    }
    EXPECT_GT(compared, 300);
    EXPECT_GT(rewritten, 300);
}

/// The rows of `query` after a whole run and after a run for it, as text, checked equal.
class DemandCase : public ::testing::Test {
protected:
    void load(const std::string& program) {
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(whole_.loadText("case.rules", program, diagnostics));
        ASSERT_TRUE(demanded_.loadText("case.rules", program, diagnostics));
    }

    /// The rows of `query` from a run for it; checks they are those of a whole run.
    std::string ask(const std::string& query, engine::RunOptions options = {}) {
        dsl::Diagnostics diagnostics;
        whole_.run(options);
        engine::Pattern pattern;
        auto expected = whole_.query(query, diagnostics, &pattern);
        EXPECT_TRUE(expected) << query;
        demanded_.runFor(pattern, options);
        auto rows = demanded_.query(query, diagnostics);
        EXPECT_TRUE(rows) << query;
        std::string text = rowsText(demanded_, pattern);
        EXPECT_EQ(text, rowsText(whole_, pattern)) << query;
        return text;
    }

    engine::Engine whole_, demanded_;
};

// Same generation on a tree, asked for one node: the rewritten program reads only the
// node's ancestors' generations, not the whole tree's.
TEST_F(DemandCase, SameGenerationAskedForOneNodeDerivesOnlyItsPart) {
    std::string program = "relation parent(child: integer, parent: integer)\n";
    for (int node = 2; node < 512; ++node) program += fmt::format("parent({}, {}).\n", node, node / 2);
    program += "sg(X, X) if parent(X, _).\nsg(X, Y) if parent(X, XP), sg(XP, YP), parent(Y, YP).\n";
    load(program);
    std::string rows = ask("sg(300, Y)");
    EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 128);  // the generation below node 2 (the root has no parent)
    ASSERT_TRUE(demanded_.demand());
    EXPECT_EQ(demanded_.demand()->adornedRelations, 1u);
    // A whole run derives every pair of one generation; this one only node 300's.
    EXPECT_LT(demanded_.relations()[*demanded_.plan().relationId("sg")].size(), 300u);
    EXPECT_GT(whole_.relations()[*whole_.plan().relationId("sg")].size(), 40000u);
}

TEST_F(DemandCase, RecursionBoundOnEitherSideAndBoth) {
    load(
        "relation link(from: symbol, to: symbol)\n"
        "link(a, b). link(b, c). link(c, d). link(d, b). link(x, y).\n"
        "reach(X, Y) if link(X, Y).\nreach(X, Z) if reach(X, Y), link(Y, Z).\n");
    EXPECT_EQ(ask("reach(a, Y)"), "b @1.000000000000\nc @1.000000000000\nd @1.000000000000\n");
    EXPECT_EQ(ask("reach(X, b)"), "a @1.000000000000\nb @1.000000000000\nc @1.000000000000\nd @1.000000000000\n");
    EXPECT_EQ(ask("reach(a, d)"), "@1.000000000000\n");
    EXPECT_EQ(ask("reach(y, X)"), "");
    EXPECT_EQ(ask("reach(nowhere, X)"), "");
}

TEST_F(DemandCase, ConfidencesAndTheMinimumAreThoseOfAWholeRun) {
    load(
        "link(a, b) @0.9. link(b, c) @0.5. link(a, c) @0.4. link(c, d).\n"
        "reach(X, Y) if link(X, Y).\nreach(X, Z) @0.9 if reach(X, Y), link(Y, Z).\n"
        "safe(X) if reach(a, X), not link(X, d).\n");
    ask("reach(a, X)");
    ask("safe(X)");
    ask("safe(d)");
    engine::RunOptions options;
    options.minConfidence = 0.4;
    ask("reach(a, X)", options);
    ask("safe(c)", options);
}

TEST_F(DemandCase, KeyedRelationsResolveEachKeyAmongAllItsCandidates) {
    load(
        "relation vote(ally: symbol, candidate: symbol) -> stance: symbol\n"
        "resolve vote: block overrides approve, approve overrides abstain.\n"
        "ally(tr). ally(hu). ally(nl). candidate(rutte).\n"
        "vote(A, C) = abstain by default if ally(A), candidate(C).\n"
        "vote(A, C) = approve if ally(A), candidate(C), backs(A, C).\n"
        "vote(A, C) = block if ally(A), candidate(C), objects(A, C).\n"
        "vote(nl, rutte) = approve.\n"
        "backs(tr, rutte). objects(hu, rutte). backs(hu, rutte).\n"
        "appointable(C) if candidate(C), for all ally(A): vote(A, C) = approve.\n"
        "blockers(C, N) if candidate(C), N = count { A : vote(A, C) = block }.\n");
    EXPECT_EQ(ask("vote(hu, rutte) = V"), "block @1.000000000000\n");
    ask("vote(tr, C)");
    ask("vote(A, rutte) = block");
    ask("vote(nl, rutte)");
    ask("appointable(rutte)");
    ask("blockers(rutte, N)");
}

TEST_F(DemandCase, AKeyedRelationWithoutFactsIsSpecialisedToItsKeys) {
    load(
        "relation stance(ally: symbol, candidate: symbol) -> position: symbol\n"
        "resolve stance: block overrides approve, approve overrides abstain.\n"
        "ally(tr). ally(hu). ally(nl). candidate(rutte). candidate(iohannis).\n"
        "stance(A, C) = abstain by default if ally(A), candidate(C).\n"
        "stance(A, C) = approve if backs(A, C).\n"
        "stance(A, C) = block if objects(A, C).\n"
        "backs(tr, rutte). backs(hu, rutte). objects(hu, rutte). backs(nl, iohannis).\n"
        "blocked(C) if candidate(C), stance(A, C) = block.\n");
    EXPECT_EQ(ask("stance(hu, rutte) = V"), "block @1.000000000000\n");
    ASSERT_TRUE(demanded_.demand());
    EXPECT_EQ(demanded_.demand()->adornedRelations, 1u);
    EXPECT_EQ(ask("stance(tr, C)"), "iohannis abstain @1.000000000000\nrutte approve @1.000000000000\n");
    EXPECT_EQ(ask("blocked(rutte)"), "@1.000000000000\n");
    EXPECT_EQ(demanded_.demand()->adornedRelations, 2u);  // blocked:b, stance:fbf
    EXPECT_EQ(ask("blocked(iohannis)"), "");
}

TEST_F(DemandCase, AClashTheQueryNeedsIsAnErrorAsInAWholeRun) {
    load(
        "relation stance(ally: symbol) -> position: symbol\n"
        "stance(A) = approve if backs(A).\nstance(A) = block if objects(A).\n"
        "backs(hu). objects(hu). backs(tr).\n");
    EXPECT_THROW(whole_.run({}), engine::EvaluationError);
    dsl::Diagnostics diagnostics;
    engine::Pattern pattern;
    ASSERT_TRUE(demanded_.query("stance(hu) = V", diagnostics, &pattern));
    EXPECT_THROW(demanded_.runFor(pattern, {}), engine::EvaluationError);
    // tr's stance does not rest on hu's.
    ASSERT_TRUE(demanded_.query("stance(tr) = V", diagnostics, &pattern));
    demanded_.runFor(pattern, {});
    EXPECT_EQ(rowsText(demanded_, pattern), "approve @1.000000000000\n");
}

// Binding Y first, the rewritten rule reads d before r, and reaches `mod` with X = 2.5, which
// r(X) rules out first in the program's own order: the whole program decides instead.
TEST_F(DemandCase, AnErrorOnlyTheRewrittenOrderMeetsLeavesTheAnswerToTheWholeProgram) {
    load(
        "relation r(x: integer)\nrelation d(x: decimal, y: integer)\n"
        "r(1). d(1, 2). d(2.5, 2).\n"
        "p(Y) if r(X), d(X, Y), M = X mod 2.\n");
    EXPECT_EQ(ask("p(2)"), "@1.000000000000\n");
    EXPECT_FALSE(demanded_.demand());
}

// A head column's stored value is the guard's: a decimal column stores 3.0 for the integer
// 3 its variable holds, so that variable is not bound from the guard (it would look 3.0 up
// where the body's relation holds 3), and a guard column adds no kind to its variable.
TEST_F(DemandCase, NumbersKeepTheKindTheirVariablesHoldInTheWholeRun) {
    load(
        "relation r(x: decimal)\ns(3). s(4).\nr(X) if s(X).\n"
        "relation u(x: decimal, y: decimal)\nrelation w(x: integer)\nw(3). w(5).\nu(X, Y) if w(X), Y = X / 2.\n"
        "relation v(x: integer)\nrelation m(x: decimal, y: decimal)\nm(1, 3). m(2.0, 4).\n"
        "n(A, B) if m(A, B).\nreads(A, C) if v(A), n(A, C).\nv(1). v(2).\n");
    EXPECT_EQ(ask("r(3)"), "@1.000000000000\n");
    ask("u(3, Y)");
    ask("u(X, 1)");
    ask("reads(A, C)");
    ask("reads(2, C)");
    ask("n(2, C)");
}

// A computed head variable is computed, not taken from the guard and compared by number: in
// an undeclared column, d(1) asks for the integer 1, which the rule, computing 1.0, never gives.
TEST_F(DemandCase, AComputedHeadValueIsComputedNotTakenFromTheQuery) {
    load(
        "n(1). n(2).\nd(X) if n(N), X = N / 2.0.\ne(X) if n(N), X = N + 0.\n"
        "dept(ann, eng). dept(bob, eng).\ndc(D, N) if dept(_, D), N = count { P : dept(P, D) }.\n");
    EXPECT_EQ(ask("d(1)"), "");
    EXPECT_EQ(ask("d(1.0)"), "@1.000000000000\n");
    EXPECT_EQ(ask("e(1.0)"), "");
    EXPECT_EQ(ask("dc(eng, 2.0)"), "");
    EXPECT_EQ(ask("dc(eng, 2)"), "@1.000000000000\n");
}

TEST_F(DemandCase, AQueryWithARepeatedVariableLeavesOthersOfItsConstantsAnswerable) {
    load(
        "edge(a, a). edge(a, b). edge(b, b).\nlinks(X, Y) if edge(X, Y).\nlinks(X, Z) if links(X, Y), edge(Y, Z).\n"
        "loop(A, X, Y) if links(A, X), links(A, Y).\n");
    EXPECT_EQ(ask("loop(a, X, X)"), "a @1.000000000000\nb @1.000000000000\n");
    dsl::Diagnostics diagnostics;
    auto rows = demanded_.query("loop(a, X, Y)", diagnostics);
    ASSERT_TRUE(rows);
    EXPECT_EQ(rows->size(), 4u);
}

TEST_F(DemandCase, ANearMissOfKindIsStillNoted) {
    load(
        "relation lives(who: symbol, country: symbol)\nlives(ana, 'United Kingdom').\nin_uk(P) if lives(P, 'United Kingdom').\n"
        "resident(P, C) if lives(P, C).\n");
    whole_.run({});
    dsl::Diagnostics diagnostics;
    engine::Pattern pattern;
    ASSERT_TRUE(demanded_.query("resident(P, \"United Kingdom\")", diagnostics, &pattern));
    demanded_.runFor(pattern, {});
    ASSERT_TRUE(demanded_.demand());
    auto rows = demanded_.query("resident(P, \"United Kingdom\")", diagnostics);
    ASSERT_TRUE(rows);
    EXPECT_TRUE(rows->empty());
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_NE(diagnostics.items().front().message.find("holds the symbol"), std::string::npos) << diagnostics.items().front().message;
}

TEST_F(DemandCase, ARelationWithFactsAndRulesKeepsItsFacts) {
    load(
        "edge(1, 2). edge(2, 3). path(5, 6) @0.7. path(1, 9).\n"
        "path(X, Y) if edge(X, Y).\npath(X, Z) if path(X, Y), edge(Y, Z).\n"
        "far(X) if path(1, X), X > 2.\n");
    EXPECT_EQ(ask("path(5, Y)"), "6 @0.700000000000\n");
    ask("path(1, Y)");
    ask("far(X)");
    ask("far(9)");
}

TEST_F(DemandCase, AQueryBindingNothingEvaluatesOnlyTheRelationsItReads) {
    load("a(1). b(2).\nc(X) if a(X).\nd(X) if b(X).\n");
    ask("c(X)");
    ASSERT_TRUE(demanded_.demand());
    EXPECT_EQ(demanded_.demand()->adornedRelations, 0u);
    EXPECT_EQ(demanded_.demand()->rules, 1u);  // d's rule is not run
}

// A negated atom with its columns bound reads the bindings asked for: its relation is not
// evaluated whole.
TEST_F(DemandCase, ANegatedAtomIsReadForTheBindingsItIsAskedFor) {
    std::string program = "relation edge(from: integer, to: integer)\nrelation node(n: integer)\n";
    for (int n = 0; n < 200; ++n) program += fmt::format("node({}). edge({}, {}).\n", n, n, (n * 7 + 3) % 200);
    program +=
        "reach(X, Y) if edge(X, Y).\n"
        "reach(X, Z) if reach(X, Y) and edge(Y, Z).\n"
        "unreached(X, Y) if node(X) and node(Y) and not reach(X, Y).\n";
    load(program);
    EXPECT_NE(ask("unreached(5, Y)"), "");
    ask("unreached(5, 6)");
    ASSERT_TRUE(demanded_.demand());
    auto reach = *demanded_.plan().relationId("reach");
    EXPECT_FALSE(demanded_.demand()->complete[reach]);
    ask("unreached(X, 6)");
    EXPECT_FALSE(demanded_.demand()->complete[reach]);
}

// When the bindings asked of a negated atom rest on the rule's own conclusions, reading it
// for them would be a cycle through the negation: it is evaluated whole instead.
TEST_F(DemandCase, ANegationInACycleOfBindingsIsEvaluatedWhole) {
    load(
        "e(1, 2). e(2, 3). e(3, 4). e(4, 5). s(4). p(1).\n"
        "r(X) if s(X).\n"
        "p(X) if p(Y) and e(Y, X) and not r(X).\n");
    EXPECT_EQ(ask("p(3)"), "@1.000000000000\n");
    EXPECT_EQ(ask("p(5)"), "");
    ASSERT_TRUE(demanded_.demand());
    EXPECT_TRUE(demanded_.demand()->complete[*demanded_.plan().relationId("r")]);
    EXPECT_GT(demanded_.demand()->adornedRelations, 0u);  // p is still read for its bindings
}

TEST_F(DemandCase, OtherQuestionsAreRefusedAfterARunForOne) {
    load("link(a, b). link(b, c).\nreach(X, Y) if link(X, Y).\nreach(X, Z) if reach(X, Y), link(Y, Z).\n");
    ask("reach(a, Y)");
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(demanded_.query("reach(a, c)", diagnostics));  // within the asked-for conclusions
    EXPECT_TRUE(demanded_.query("link(X, Y)", diagnostics));  // facts only: complete
    EXPECT_FALSE(demanded_.query("reach(b, Y)", diagnostics));
    EXPECT_FALSE(demanded_.query("reach(X, Y) and link(X, Y)", diagnostics));
    demanded_.run({});
    EXPECT_FALSE(demanded_.demand());
    EXPECT_TRUE(demanded_.query("reach(b, Y)", diagnostics));
}

}  // namespace
}  // namespace accord::testing
