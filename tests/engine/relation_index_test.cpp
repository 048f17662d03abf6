// Lookups through a relation's indexes (column_index.hpp) against a scan of every tuple:
// for random inserts interleaved with lookups on random column masks, forEachMatch visits
// exactly the matching tuples, newest first (the order aggregates and derivations see),
// across the freezes the growing relation goes through and the tuples an index catches up on
// when it is next used, and stops when the visit says so.
#include <gtest/gtest.h>

#include <random>

#include "accord/engine/column_index.hpp"
#include "accord/engine/relation.hpp"

namespace accord::engine {
namespace {

std::vector<TupleId> byScan(const Relation& relation, ColumnMask mask, TupleView key) {
    std::vector<TupleId> ids;
    for (TupleId id = static_cast<TupleId>(relation.size()); id-- > 0;) {
        TupleView tuple = relation.tuple(id);
        bool matches = true;
        for (std::size_t c = 0, k = 0; c < relation.arity(); ++c) {
            if (mask >> c & 1) matches = matches && tuple[c] == key[k++];
        }
        if (matches) ids.push_back(id);
    }
    return ids;
}

std::vector<TupleId> byIndex(const Relation& relation, ColumnMask mask, TupleView key, std::size_t limit = SIZE_MAX) {
    std::vector<TupleId> ids;
    relation.forEachMatch(mask, key, [&](TupleId id) {
        ids.push_back(id);
        return ids.size() < limit;
    });
    return ids;
}

TEST(RelationIndexTest, LookupsEqualAScanNewestFirstWhileTheRelationGrows) {
    for (std::uint32_t seed = 0; seed < 40; ++seed) {
        std::mt19937 random(seed);
        const std::size_t arity = 3;
        const std::int64_t domain = 2 + seed % 9;  // small domains: long buckets and many duplicates
        Relation relation("r", arity, seed % 2 == 0);
        auto value = [&] { return Value::integer(static_cast<std::int64_t>(random() % domain)); };
        const int steps = 200 + static_cast<int>(seed) * 50;
        for (int step = 0; step < steps; ++step) {
            if (random() % 3 != 0) {
                Tuple tuple{value(), value(), value()};
                relation.insert(tuple, 1.0, Derivation{}, {});
                continue;
            }
            ColumnMask mask = 1 + random() % 6;  // every partial mask of three columns
            Tuple key;
            for (std::size_t c = 0; c < arity; ++c) {
                if (mask >> c & 1) key.push_back(value());
            }
            std::vector<TupleId> expected = byScan(relation, mask, key);
            ASSERT_EQ(byIndex(relation, mask, key), expected) << "seed " << seed << " step " << step << " mask " << mask;
            if (expected.size() > 1) {
                expected.resize(expected.size() / 2);
                ASSERT_EQ(byIndex(relation, mask, key, expected.size()), expected) << "seed " << seed << " stopped early";
            }
        }
    }
}

// The index itself, with hashes chosen by the test: each bucket's candidates are exactly its
// ids, newest first, whether frozen (bucket of 0, 1 or several ids) or added after the freeze.
TEST(ColumnIndexTest, ABucketYieldsItsIdsNewestFirst) {
    // of 16 buckets: 0-2 and 4 hold several ids, 3 only id 7, the others none
    auto hashOf = [](TupleId id) { return std::uint64_t{id == 7 ? 3u : id % 5 == 4 ? 4u : id % 3}; };
    auto candidates = [](const ColumnIndex& index, std::uint64_t hash) {
        std::vector<TupleId> ids;
        index.forEachCandidate(
            hash, [](TupleId) {},
            [&](TupleId id) {
                ids.push_back(id);
                return true;
            });
        return ids;
    };
    auto expected = [&](std::size_t count, std::uint64_t hash) {
        std::vector<TupleId> ids;
        for (TupleId id = static_cast<TupleId>(count); id-- > 0;) {
            if ((hashOf(id) & 15) == (hash & 15)) ids.push_back(id);
        }
        return ids;
    };
    ColumnIndex index(1);
    index.freeze(12, hashOf);
    EXPECT_EQ(index.indexedCount(), 12u);
    for (std::uint64_t hash : {0, 1, 2, 3, 4, 5, 20}) EXPECT_EQ(candidates(index, hash), expected(12, hash)) << hash;
    for (TupleId id = 12; id < 16; ++id) index.add(id, hashOf(id));
    EXPECT_EQ(index.indexedCount(), 16u);
    EXPECT_FALSE(index.outgrown(16));
    EXPECT_TRUE(index.outgrown(17));
    for (std::uint64_t hash : {0, 1, 2, 3, 4, 5}) EXPECT_EQ(candidates(index, hash), expected(16, hash)) << hash;
    index.freeze(40, hashOf);
    for (std::uint64_t hash : {0, 1, 2, 3, 4, 5}) EXPECT_EQ(candidates(index, hash), expected(40, hash)) << hash;
}

// A frozen index has four to eight buckets a distinct key (at most one to two a tuple), not a
// bucket a tuple, once it counts the keys (from 65,536 tuples): a group-by's column of few
// values leaves few buckets empty.
TEST(ColumnIndexTest, BucketsFollowTheDistinctKeys) {
    auto mixed = [](std::uint64_t key) {  // splitmix64's finalizer: hashes as good as the relation's
        key = (key ^ (key >> 30)) * 0xBF58476D1CE4E5B9ull;
        key = (key ^ (key >> 27)) * 0x94D049BB133111EBull;
        return key ^ (key >> 31);
    };
    const std::size_t count = 200000;
    for (std::size_t keys : {1, 1000, 50000, 200000}) {
        ColumnIndex index(1);
        index.freeze(count, [&](TupleId id) { return mixed(id % keys); });
        EXPECT_GE(index.bucketCount(), std::min<std::size_t>(262144, std::max<std::size_t>(16, keys * 2))) << keys;
        EXPECT_LE(index.bucketCount(), std::max<std::size_t>(16, keys * 8)) << keys;
        // Every id is in its key's bucket, newest first.
        for (std::uint64_t key : {std::uint64_t{0}, std::uint64_t{keys - 1}}) {
            std::vector<TupleId> ids;
            index.forEachCandidate(
                mixed(key), [](TupleId) {},
                [&](TupleId id) {
                    if (id % keys == key) ids.push_back(id);
                    return true;
                });
            std::vector<TupleId> expected;
            for (auto id = static_cast<TupleId>(count); id-- > 0;) {
                if (id % keys == key) expected.push_back(id);
            }
            EXPECT_EQ(ids, expected) << keys;
        }
    }
}

// A relation large enough for its indexes to count their keys, with a column of few values:
// lookups equal a scan when built, when caught up and when frozen again.
TEST(RelationIndexTest, LookupsOnAColumnOfFewValuesEqualAScanAsTheRelationGrows) {
    Relation relation("sale", 2);
    auto insert = [&](std::int64_t i) { relation.insert(Tuple{Value::integer(i % 300), Value::integer(i)}, 1.0, Derivation{}, {}); };
    for (std::int64_t i = 0; i < 100000; ++i) insert(i);
    for (std::int64_t i = 100000; i < 300000; ++i) {
        if (i % 40000 == 0 || i == 100001) {
            for (std::int64_t group : {0, 7, 299}) {
                Tuple key{Value::integer(group)};
                ASSERT_EQ(byIndex(relation, 1, key), byScan(relation, 1, key)) << i << " " << group;
            }
        }
        insert(i);
    }
}

TEST(RelationIndexTest, AnIndexBuiltOnAFullRelationThenGrownKeepsEveryTuple) {
    Relation relation("edge", 2);
    for (std::int64_t i = 0; i < 5000; ++i) relation.insert(Tuple{Value::integer(i % 7), Value::integer(i)}, 1.0, Derivation{}, {});
    Tuple key{Value::integer(3)};
    EXPECT_EQ(byIndex(relation, 1, key), byScan(relation, 1, key));  // built frozen here
    for (std::int64_t i = 5000; i < 20000; ++i) {
        relation.insert(Tuple{Value::integer(i % 7), Value::integer(i)}, 1.0, Derivation{}, {});
        if (i % 997 == 0) {
            ASSERT_EQ(byIndex(relation, 1, key), byScan(relation, 1, key)) << i;  // chained, then frozen again
        }
    }
    EXPECT_EQ(byIndex(relation, 1, key).size(), 20000u / 7 + (20000 % 7 > 3));
}

}  // namespace
}  // namespace accord::engine
