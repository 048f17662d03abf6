// ChunkedArray (chunked_array.hpp) against std::vector: random single values and runs of
// every length, from empty to several blocks long, read back as they were appended, each
// run as one contiguous span.
#include <gtest/gtest.h>

#include <random>

#include "accord/engine/chunked_array.hpp"

namespace accord::engine {
namespace {

TEST(ChunkedArrayTest, ValuesAndRunsReadBackAsAppended) {
    for (std::uint32_t seed = 0; seed < 20; ++seed) {
        std::mt19937 random(seed);
        ChunkedArray<std::uint64_t> array;
        std::vector<std::pair<std::size_t, std::vector<std::uint64_t>>> runs;  // first index, values
        std::uint64_t next = 0;
        for (int step = 0; step < 400; ++step) {
            std::size_t length = random() % 4 == 0 ? random() % 3000 : random() % 8;  // some runs span blocks
            std::vector<std::uint64_t> values(length);
            for (std::uint64_t& value : values) value = next++;
            if (length == 1 && random() % 2 == 0) {
                runs.emplace_back(array.size(), values);
                array.push_back(values[0]);
            } else {
                runs.emplace_back(array.append(values), values);
            }
        }
        for (const auto& [first, values] : runs) {
            std::span<const std::uint64_t> run = array.run(first, values.size());
            ASSERT_EQ(std::vector<std::uint64_t>(run.begin(), run.end()), values) << "seed " << seed << " at " << first;
            for (std::size_t i = 0; i < values.size(); ++i) ASSERT_EQ(array[first + i], values[i]);
        }
        array.clear();
        EXPECT_EQ(array.size(), 0u);
        array.push_back(7);
        EXPECT_EQ(array[0], 7u);
    }
}

TEST(ChunkedArrayTest, ACopyHasItsOwnValues) {
    ChunkedArray<int> original;
    for (int i = 0; i < 3000; ++i) original.push_back(i);
    std::vector<int> longRun(5000, 9);
    const std::size_t first = original.append(longRun);
    ChunkedArray<int> copy = original;
    for (int i = 0; i < 3000; ++i) original[static_cast<std::size_t>(i)] = -1;
    ChunkedArray<int> moved = std::move(original);
    for (int i = 0; i < 3000; ++i) ASSERT_EQ(copy[static_cast<std::size_t>(i)], i);
    std::span<const int> run = copy.run(first, longRun.size());
    EXPECT_EQ(std::vector<int>(run.begin(), run.end()), longRun);
    EXPECT_EQ(moved[5], -1);
    copy = moved;
    EXPECT_EQ(copy[5], -1);
    EXPECT_EQ(copy.run(first, longRun.size()).back(), 9);
}

TEST(ChunkedArrayTest, ValuesCanBeOverwritten) {
    ChunkedArray<int> array;
    for (int i = 0; i < 5000; ++i) array.push_back(i);
    for (int i = 0; i < 5000; i += 7) array[static_cast<std::size_t>(i)] = -i;
    for (int i = 0; i < 5000; ++i) ASSERT_EQ(array[static_cast<std::size_t>(i)], i % 7 == 0 ? -i : i);
}

}  // namespace
}  // namespace accord::engine
