// An array of plain values in blocks of 1,024, for a relation's per-tuple records
// (derivations, premises) that grow with it.
//
// A growing std::vector copies everything at each doubling and holds the old and the new
// copy at once: on bench/'s tc_chain with provenance that copy was the peak, 60 of 428 MB.
// Blocks are allocated and filled in place, and never move. A run of values appended
// together (a derivation's premises) stays contiguous, so that it can be read as one span:
// when it does not fit in what is left of the last block, it starts a new block, as large as
// it needs (the skipped end of the last block is never read).
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace accord::engine {

template <typename T>
class ChunkedArray {
public:
    ChunkedArray() = default;
    ChunkedArray(const ChunkedArray& other) : storage_(other.storage_), size_(other.size_) { linkBlocks(); }
    ChunkedArray(ChunkedArray&&) noexcept = default;  // the allocations, and so the blocks, stay where they are
    ChunkedArray& operator=(ChunkedArray other) noexcept {
        std::swap(storage_, other.storage_);
        std::swap(blocks_, other.blocks_);
        std::swap(size_, other.size_);
        return *this;
    }

    std::size_t size() const { return size_; }

    T& operator[](std::size_t i) { return blocks_[i >> kShift][i & kMask]; }
    const T& operator[](std::size_t i) const { return blocks_[i >> kShift][i & kMask]; }

    void push_back(const T& value) {
        if (size_ == capacity()) addBlock(1);
        (*this)[size_++] = value;
    }

    /// Appends `values` as one contiguous run; returns the index of its first value.
    std::size_t append(std::span<const T> values) {
        if (values.empty()) return size_;
        if (values.size() > capacity() - size_) {
            size_ = capacity();
            addBlock(values.size());
        }
        const std::size_t first = size_;
        std::copy(values.begin(), values.end(), &(*this)[first]);
        size_ += values.size();
        return first;
    }

    /// The `count` values from index `first`, as appended together.
    std::span<const T> run(std::size_t first, std::size_t count) const {
        if (count == 0) return {};
        return {&(*this)[first], count};
    }

    void clear() {
        storage_.clear();
        blocks_.clear();
        size_ = 0;
    }

private:
    static constexpr unsigned kShift = 10;
    static constexpr std::size_t kBlock = std::size_t{1} << kShift;
    static constexpr std::size_t kMask = kBlock - 1;

    std::size_t capacity() const { return blocks_.size() * kBlock; }

    /// One allocation for at least `values` values, seen as as many blocks as it spans.
    void addBlock(std::size_t values) {
        storage_.emplace_back((values + kBlock - 1) / kBlock * kBlock);
        linkBlocksOf(storage_.back());
    }

    void linkBlocks() {
        blocks_.clear();
        for (std::vector<T>& allocation : storage_) linkBlocksOf(allocation);
    }

    void linkBlocksOf(std::vector<T>& allocation) {
        for (std::size_t b = 0; b < allocation.size(); b += kBlock) blocks_.push_back(allocation.data() + b);
    }

    std::vector<std::vector<T>> storage_;  ///< allocated whole, never resized (so never moved)
    std::vector<T*> blocks_;  ///< index >> kShift -> its block (a long run's allocation spans several)
    std::size_t size_ = 0;
};

}  // namespace accord::engine
