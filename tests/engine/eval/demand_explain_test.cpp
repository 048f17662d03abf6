// Explanations from runs for one query (Engine::runToExplain: the rewritten program finds
// what the query's conclusions rest on, then the program's own rules run kept to it)
// against whole runs: every tuple the run keeps has the confidence and the best derivation
// (rule, round, premises) a whole run gives it, and `why` of each conclusion matching the
// query gives the same proof, other derivations and losing values.
#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/explain/fact_explanation.hpp"
#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/random_body_program.hpp"
#include "tests/support/test_support.hpp"
#include "tests/support/stratified_program_generator.hpp"

namespace accord::testing {
namespace {

std::string factText(const engine::Engine& engine, engine::RelationId r, engine::TupleView tuple) {
    const engine::RelationPlan& relation = engine.plan().relations[r];
    return engine::formatFact(relation.name, tuple, relation.keyed, engine.symbols());
}

/// Tuple `id` of relation `r` with its confidence and best derivation, premises by value.
std::string derivationText(const engine::Engine& engine, engine::RelationId r, engine::TupleId id) {
    const engine::Relation& relation = engine.relations()[r];
    const engine::Derivation& derivation = relation.derivation(id);
    std::string out = fmt::format("{} @{:.12f} rule {} fact {} round {} from", factText(engine, r, relation.tuple(id)),
                                  relation.confidence(id), derivation.rule, derivation.fact(), derivation.round);
    for (const engine::FactRef& premise : relation.premisesOf(id)) {
        out += " " + factText(engine, premise.relation, engine.relations()[premise.relation].tuple(premise.tuple));
    }
    return out;
}

/// What `why` says of `key`: the proof, the other derivations and the losing values.
std::string explanationText(engine::Engine& engine, const engine::FactKey& key) {
    engine::EngineFactRecords records(engine);
    engine::FactExplanation explanation = engine::explainFact(records, engine, key, 12, *engine.asOf());
    return engine::factExplanationJson(explanation, engine).dump(1) + engine::factExplanationNotes(explanation, engine);
}

/// Checks a run for `pattern` against the whole run: each tuple it keeps, and the
/// explanation of each conclusion matching the pattern. Returns how many were explained.
int compareExplanations(engine::Engine& whole, engine::Engine& demanded, const engine::Pattern& pattern, const engine::RunOptions& options,
                        const std::string& context) {
    demanded.runToExplain(pattern, options);
    for (engine::RelationId r = 0; r < whole.plan().relations.size(); ++r) {
        const engine::Relation& kept = demanded.relations()[r];
        for (engine::TupleId id = 0; id < kept.size(); ++id) {
            std::optional<engine::TupleId> same = whole.relations()[r].find(kept.tuple(id));
            EXPECT_TRUE(same) << factText(demanded, r, kept.tuple(id)) << " is not concluded\n" << context;
            if (!same) return 0;
            EXPECT_EQ(derivationText(demanded, r, id), derivationText(whole, r, *same)) << kept.name() << "\n" << context;
        }
    }
    int explained = 0;
    for (const engine::QueryRow& row : engine::match(whole.relations()[pattern.relation], pattern, whole.symbols())) {
        engine::TupleView tuple = whole.relations()[pattern.relation].tuple(row.tuple);
        engine::FactKey key{pattern.relation, engine::Tuple(tuple.begin(), tuple.end())};
        EXPECT_EQ(explanationText(demanded, key), explanationText(whole, key)) << context;
        if (++explained == 5) break;
    }
    return explained;
}

TEST(DemandExplain, ProofsOfRandomProgramsAreThoseOfAWholeRun) {
    const std::int32_t dates[] = {dsl::parseDate("2024-01-01")->days, dsl::parseDate("2024-07-01")->days};
    const std::optional<double> minimums[] = {std::nullopt, 0.3141};
    std::mt19937_64 random(20261205);
    int explained = 0, restricted = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        std::string program = generateStratifiedProgram(seed);
        dsl::Diagnostics diagnostics;
        engine::Engine whole, demanded;
        ASSERT_TRUE(whole.loadText("random.rules", program, diagnostics)) << program;
        ASSERT_TRUE(demanded.loadText("random.rules", program, diagnostics)) << program;
        engine::RunOptions options;
        options.asOf = dates[seed % 2];
        options.minConfidence = minimums[(seed / 2) % 2];
        if (seed % 3 == 0) {  // the whole run on one thread, the kept one with every rule split (gates on each part)
            engine::RunOptions split = options;
            split.threads = 2;
            split.minimumToSplit = 2;
            options = split;
        }
        try {
            whole.run(options);
        } catch (const engine::EvaluationError&) {
            continue;
        }
        for (engine::RelationId r = 0; r < whole.plan().relations.size(); ++r) {
            const engine::Relation& relation = whole.relations()[r];
            if (relation.arity() == 0 || relation.empty() || !whole.plan().isDerived(r)) continue;
            for (int attempt = 0; attempt < 2; ++attempt) {
                engine::TupleView tuple = relation.tuple(static_cast<engine::TupleId>(random() % relation.size()));
                const std::uint64_t mask = 1 + random() % ((std::uint64_t{1} << relation.arity()) - 1);
                std::string context = fmt::format("seed {}, {} binding columns {:b}\n{}", seed, relation.name(), mask, program);
                explained += compareExplanations(whole, demanded, patternOf(r, tuple, mask), options, context);
                if (demanded.demand() && demanded.demand()->adornedRelations > 0) ++restricted;
                if (::testing::Test::HasFailure()) return;
            }
        }
    }
    EXPECT_GT(explained, 1000);
    EXPECT_GT(restricted, 300);
}

// One rule with a random body (aggregates, `for all`, negation, keyed values, `today`, the
// recursive t read with bound columns) over fixed facts.
TEST(DemandExplain, ProofsOfRandomBodiesAreThoseOfAWholeRun) {
    std::mt19937_64 random(20261206);
    int explained = 0, restricted = 0;
    for (int i = 0; i < 2000; ++i) {
        std::string program = randomBodyProgram(random);
        dsl::Diagnostics diagnostics;
        engine::Engine whole, demanded;
        if (!whole.loadText("random.rules", program, diagnostics)) continue;  // the checker refuses unsafe bodies
        ASSERT_TRUE(demanded.loadText("random.rules", program, diagnostics));
        try {
            whole.run({});
        } catch (const engine::EvaluationError&) {
            continue;
        }
        for (const char* name : {"p", "t"}) {
            auto r = whole.plan().relationId(name);
            const engine::Relation& relation = whole.relations()[*r];
            if (relation.arity() == 0 || relation.empty()) continue;
            engine::TupleView tuple = relation.tuple(static_cast<engine::TupleId>(random() % relation.size()));
            const std::uint64_t mask = 1 + random() % ((std::uint64_t{1} << relation.arity()) - 1);
            explained +=
                compareExplanations(whole, demanded, patternOf(*r, tuple, mask), {}, fmt::format("{} binding {}\n{}", name, mask, program));
            if (demanded.demand() && demanded.demand()->adornedRelations > 0) ++restricted;
            if (::testing::Test::HasFailure()) return;
        }
    }
    EXPECT_GT(explained, 300);
    EXPECT_GT(restricted, 300);
}

/// A program explained by a whole run and by a run for one query.
class DemandExplainCase : public ::testing::Test {
protected:
    void load(const std::string& program) {
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(whole_.loadText("case.rules", program, diagnostics));
        ASSERT_TRUE(demanded_.loadText("case.rules", program, diagnostics));
        whole_.run({});
    }

    /// Explains the conclusions matching `query` both ways (checked equal); how many there are.
    int explain(const std::string& query) {
        dsl::Diagnostics diagnostics;
        std::optional<engine::Pattern> pattern = demanded_.queryPattern(query, diagnostics);
        EXPECT_TRUE(pattern) << query;
        return pattern ? compareExplanations(whole_, demanded_, *pattern, {}, query) : 0;
    }

    std::size_t kept(const std::string& relation) const { return demanded_.relation(relation)->size(); }

    engine::Engine whole_, demanded_;
};

TEST_F(DemandExplainCase, SameGenerationKeepsOnlyTheAncestorsGenerations) {
    std::string program = "relation parent(child: integer, parent: integer)\n";
    for (int node = 2; node < 512; ++node) program += fmt::format("parent({}, {}).\n", node, node / 2);
    program +=
        "sg(X, Y) if parent(X, P) and parent(Y, P) and X != Y.\n"
        "sg(X, Y) if parent(X, XP) and sg(XP, YP) and parent(Y, YP).\n";
    load(program);
    EXPECT_EQ(explain("sg(300, Y)"), 5);
    EXPECT_EQ(explain("sg(300, 500)"), 1);
    EXPECT_LT(kept("sg") * 20, whole_.relation("sg")->size());
}

TEST_F(DemandExplainCase, AKeyedValueIsExplainedWithTheValuesThatLost) {
    load(
        "relation position(ally: symbol) -> stance: symbol\n"
        "resolve position: block overrides approve.\n"
        "relation concern(ally: symbol, issue: symbol)\n"
        "relation assured(ally: symbol, issue: symbol)\n"
        "concern(turkey, exports). concern(turkey, cyprus). concern(hungary, ukraine). concern(greece, cyprus).\n"
        "assured(turkey, exports).\n"
        "open_concern(A) if concern(A, I) and not assured(A, I).\n"
        "position(A) = block if open_concern(A).\n"
        "position(A) = approve if concern(A, _).\n"
        "position(A) = approve by default if concern(A, _).\n"
        "blocks(A) if position(A) = block.\n");
    EXPECT_EQ(explain("position(turkey) = V"), 1);
    EXPECT_EQ(kept("open_concern"), 1u);
    EXPECT_EQ(explain("blocks(hungary)"), 1);
    EXPECT_EQ(explain("open_concern(A)"), 3);
}

TEST_F(DemandExplainCase, ConfidencesRecursionAndNegationGiveTheWholeRunsProofs) {
    load(
        "relation link(from: symbol, to: symbol)\n"
        "link(a, b) @ 0.9. link(b, c) @ 0.8. link(a, c) @ 0.5. link(c, d). link(d, a) @ 0.7. link(x, y).\n"
        "relation closed(node: symbol)\n"
        "closed(c).\n"
        "reach(X, Y) if link(X, Y).\n"
        "reach(X, Z) if reach(X, Y) and link(Y, Z) and not closed(Y).\n"
        "hops(X, N) if reach(X, _) and N = count { Y : reach(X, Y) }.\n");
    EXPECT_EQ(explain("reach(a, Y)"), 2);
    EXPECT_LT(kept("reach"), whole_.relation("reach")->size());
    EXPECT_EQ(explain("reach(X, a)"), 2);
    EXPECT_EQ(explain("hops(a, N)"), 1);  // an aggregate of reach: reach is evaluated whole
}

// Under a `not`, `why` says which facts were not yet in force: it looks behind the negation
// in the rule's own order of conditions (c first), which a run reading s(k) for its binding
// would not have asked for.
TEST_F(DemandExplainCase, FactsOutOfForceBehindANegationAreThoseOfAWholeRun) {
    load(
        "relation b(x: symbol, y: symbol)\n"
        "a(k). d(m). b(k, m) since 2024-06-01.\n"
        "c(Y) if d(Y).\n"
        "s(X) if c(Y) and b(X, Y).\n"
        "p(X) if a(X) and not s(X).\n");
    EXPECT_EQ(explain("p(k)"), 1);
    EXPECT_NE(
        explanationText(whole_, {*whole_.plan().relationId("p"), {engine::Value::symbol(whole_.symbols().find("k"))}}).find("2024-06-01"),
        std::string::npos);
}

TEST_F(DemandExplainCase, OtherQuestionsAreRefusedAsAfterARunForAnswers) {
    load(
        "relation edge(from: integer, to: integer)\n"
        "edge(1, 2). edge(2, 3). edge(5, 6).\n"
        "path(X, Y) if edge(X, Y).\n"
        "path(X, Z) if path(X, Y) and edge(Y, Z).\n");
    EXPECT_EQ(explain("path(1, Y)"), 2);
    dsl::Diagnostics diagnostics;
    EXPECT_FALSE(demanded_.query("path(5, Y)", diagnostics));
    EXPECT_TRUE(demanded_.query("path(1, 3)", diagnostics));
}

}  // namespace
}  // namespace accord::testing
