// SharedArray (shared_array.hpp): copies read the same elements until one writes; a write
// to one copy is seen by no other; a moved-from array is empty.
#include <gtest/gtest.h>

#include "accord/engine/shared_array.hpp"

namespace accord::engine {
namespace {

TEST(SharedArrayTest, AWriteCopiesSharedElementsFirst) {
    SharedArray<int> original(std::vector<int>{1, 2, 3});
    SharedArray<int> copy = original;
    EXPECT_EQ(&copy[0], &original[0]);  // shared, not copied
    copy.writable(1) = 20;
    EXPECT_EQ(original[1], 2);
    EXPECT_EQ(copy[1], 20);
    EXPECT_NE(&copy[0], &original[0]);
    original.writable(2) = 30;  // the only owner now: written in place
    EXPECT_EQ(original[2], 30);
    EXPECT_EQ(copy[2], 3);
}

TEST(SharedArrayTest, AMovedFromArrayIsEmpty) {
    SharedArray<int> original(std::vector<int>{1, 2});
    SharedArray<int> moved = std::move(original);
    EXPECT_EQ(moved.size(), 2u);
    EXPECT_EQ(moved[1], 2);
    EXPECT_TRUE(original.empty());  // NOLINT(bugprone-use-after-move): its state is specified
    moved = SharedArray<int>();
    EXPECT_TRUE(moved.empty());
}

}  // namespace
}  // namespace accord::engine
