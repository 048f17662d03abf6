// TupleStore (tuple_store.hpp) against a vector of tuples: random pushes, clears and
// copies, where a copy shares its original's chunks. Writing to one store, or clearing it,
// never changes what another store that shares its chunks reads.
#include <gtest/gtest.h>

#include <random>

#include "accord/engine/tuple_store.hpp"

namespace accord::engine {
namespace {

struct Model {
    TupleStore store;
    std::vector<Tuple> tuples;
};

void expectSame(const Model& model, std::uint32_t seed) {
    ASSERT_EQ(model.store.size(), model.tuples.size()) << "seed " << seed;
    for (std::size_t id = 0; id < model.tuples.size(); ++id) {
        TupleView stored = model.store[id];
        ASSERT_TRUE(std::equal(stored.begin(), stored.end(), model.tuples[id].begin(), model.tuples[id].end()))
            << "seed " << seed << " tuple " << id;
    }
}

TEST(TupleStoreTest, CopiesShareChunksYetReadAsIndependentStores) {
    const std::size_t arity = 2;
    for (std::uint32_t seed = 0; seed < 12; ++seed) {
        std::mt19937 random(seed);
        std::vector<Model> models;
        models.push_back({TupleStore(arity), {}});
        std::int64_t next = 0;
        for (int step = 0; step < 400; ++step) {
            Model& model = models[random() % models.size()];
            switch (random() % 10) {
                case 0:  // a copy, sharing every chunk of its original
                    if (models.size() < 6) models.push_back(model);
                    break;
                case 1:  // emptied: the chunks it shared stay with the others
                    model.store.clear();
                    model.tuples.clear();
                    break;
                default: {  // a run of pushes, across chunk ends
                    const std::size_t count = 1 + random() % 3000;
                    for (std::size_t i = 0; i < count; ++i) {
                        Tuple tuple{Value::integer(next), Value::integer(-next)};
                        ++next;
                        model.store.push_back(tuple);
                        model.tuples.push_back(tuple);
                    }
                }
            }
            for (const Model& each : models) expectSame(each, seed);
        }
    }
}

TEST(TupleStoreTest, ClearedCopyLeavesItsOriginal) {
    TupleStore original(1);
    for (std::int64_t i = 0; i < 5000; ++i) original.push_back(Tuple{Value::integer(i)});
    TupleStore copy = original;
    copy.clear();
    copy.push_back(Tuple{Value::integer(-1)});
    ASSERT_EQ(original.size(), 5000u);
    EXPECT_EQ(original[4999][0], Value::integer(4999));
    EXPECT_EQ(copy[0][0], Value::integer(-1));
}

}  // namespace
}  // namespace accord::engine
