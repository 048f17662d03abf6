// Relation::insertAll and Relation::loadRows against inserting the same rows one by one: the
// same tuples with the same ids, derivations and set, whether the file's rows repeated or
// not and whether the relation was empty; and the rows a relation shares storage with stay
// as they were when it grows.
#include <gtest/gtest.h>

#include <random>

#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/relation.hpp"

namespace accord::engine {
namespace {

void expectSameRelation(const Relation& loaded, const Relation& inserted, std::uint32_t seed) {
    ASSERT_EQ(loaded.size(), inserted.size()) << "seed " << seed;
    for (TupleId id = 0; id < loaded.size(); ++id) {
        TupleView a = loaded.tuple(id), b = inserted.tuple(id);
        ASSERT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << "seed " << seed << " tuple " << id;
        ASSERT_EQ(loaded.find(a), std::optional<TupleId>(id)) << "seed " << seed << " tuple " << id;
        ASSERT_EQ(loaded.derivation(id).fact(), inserted.derivation(id).fact()) << "seed " << seed << " tuple " << id;
        ASSERT_EQ(loaded.derivation(id).rule, inserted.derivation(id).rule);
        ASSERT_EQ(loaded.derivation(id).round, inserted.derivation(id).round);
        std::span<const FactRef> premisesA = loaded.premisesOf(id), premisesB = inserted.premisesOf(id);
        ASSERT_TRUE(std::equal(premisesA.begin(), premisesA.end(), premisesB.begin(), premisesB.end()))
            << "seed " << seed << " tuple " << id;
        ASSERT_EQ(loaded.confidence(id), inserted.confidence(id));
    }
}

TEST(RelationLoadRowsTest, EqualsInsertingEachRow) {
    for (std::uint32_t seed = 0; seed < 24; ++seed) {
        std::mt19937 random(seed);
        const bool repeats = seed % 3 != 0, startsFull = (seed / 2) % 2 == 1, keepDerivations = seed % 2 == 0;
        const std::int64_t domain = repeats ? 60 : 1'000'000'000;
        // The file's rows, read as Engine::loadFactFile does (insertAll, in runs of any length).
        Relation rows("r", 2, false), rowsOneByOne("r", 2, false);
        const std::size_t count = 1 + random() % 20'000;
        std::vector<Value> run;
        for (std::size_t i = 0; i < count; ++i) {
            std::int64_t a = random() % domain, b = repeats ? random() % domain : static_cast<std::int64_t>(i);
            Tuple row{Value::integer(a), Value::integer(b)};
            rowsOneByOne.insert(row, 1.0, Derivation{}, {});
            run.insert(run.end(), row.begin(), row.end());
            if (random() % 40 == 0 || i + 1 == count) {
                rows.insertAll(run, run.size() / 2);
                run.clear();
            }
        }
        expectSameRelation(rows, rowsOneByOne, seed);
        Relation loaded("r", 2, keepDerivations), inserted("r", 2, keepDerivations);
        if (startsFull) {
            Tuple first{Value::integer(1), Value::integer(2)};
            loaded.insert(first, 0.5, Derivation::ofFact(7), {});
            inserted.insert(first, 0.5, Derivation::ofFact(7), {});
        }
        const Derivation fromFile{kNoRule, kBatchFact | 1, 0, 0};
        loaded.loadRows(rows, fromFile);
        for (TupleId row = 0; row < rows.size(); ++row) inserted.insert(rows.tuple(row), 1.0, fromFile, {});
        expectSameRelation(loaded, inserted, seed);
        // Adopted, not copied, when the relation was empty.
        EXPECT_EQ(&loaded.tuple(0)[0] == &rows.tuple(0)[0], !startsFull) << "seed " << seed;

        // Growing the relation with tuples of its own, and then replacing a loaded tuple's
        // derivation (the loaded ones share one until then), leaves the rows it shares
        // storage with as they were.
        const std::size_t before = rows.size();
        for (std::int64_t i = 0; i < 5000; ++i) {
            Tuple tuple{Value::integer(-1 - i), Value::integer(i)};
            const FactRef premise{1, static_cast<TupleId>(i)};
            loaded.insert(tuple, 0.9, Derivation::ofRule(3, 2), {&premise, 1});
            inserted.insert(tuple, 0.9, Derivation::ofRule(3, 2), {&premise, 1});
        }
        const TupleId replaced = static_cast<TupleId>(random() % before);
        const FactRef premise{3, 4};
        loaded.replaceDerivation(replaced, Derivation::ofRule(2, 1), {&premise, 1});
        inserted.replaceDerivation(replaced, Derivation::ofRule(2, 1), {&premise, 1});
        expectSameRelation(loaded, inserted, seed);
        expectSameRelation(rows, rowsOneByOne, seed);
        EXPECT_FALSE(rows.contains(Tuple{Value::integer(-1), Value::integer(0)}));
    }
}

TEST(RelationLoadRowsTest, NullaryRowsAndEmptyRuns) {
    Relation rows("done", 0, false);
    rows.insertAll({}, 0);
    EXPECT_TRUE(rows.empty());
    rows.insertAll({}, 3);  // three empty rows: one fact
    EXPECT_EQ(rows.size(), 1u);
    Relation loaded("done", 0);
    loaded.loadRows(rows, Derivation::ofFact(kBatchFact));
    EXPECT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded.derivation(0).fact(), kBatchFact);
}

}  // namespace
}  // namespace accord::engine
