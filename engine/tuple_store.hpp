// The values of a relation's tuples, `arity` each, in chunks of 4,096 tuples.
//
// One growing array would, at each doubling, copy every tuple and hold the old and the new
// array at once (a peak of about three times the data), and keep up to half of its
// capacity unused. Chunks are reserved whole and filled in place (pages a chunk has not
// reached yet are not resident), so a stored tuple never moves once its chunk is full, and
// the memory is the data plus at most one partly filled chunk. The first chunk grows as an
// array does, so that a relation of a few tuples stays small.
//
// A copy shares the chunks (copy on write): a relation filled from a file's rows holds the
// same chunks as the rows, not a second copy of millions of tuples. A shared chunk is
// never written: adding to a shared last chunk copies it first.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "accord/engine/value.hpp"

namespace accord::engine {

class TupleStore {
public:
    explicit TupleStore(std::size_t arity) : arity_(arity) {}
    TupleStore(const TupleStore&) = default;
    TupleStore& operator=(const TupleStore&) = default;
    TupleStore(TupleStore&& other) noexcept { *this = std::move(other); }
    TupleStore& operator=(TupleStore&& other) noexcept {
        arity_ = other.arity_;
        size_ = std::exchange(other.size_, 0);
        chunks_ = std::move(other.chunks_);
        starts_ = std::move(other.starts_);
        other.chunks_.clear();
        other.starts_.clear();
        return *this;
    }

    std::size_t size() const { return size_; }

    TupleView operator[](std::size_t id) const {
        if (arity_ == 0) return {};  // a nullary relation's one tuple holds no values
        return {starts_[id >> kChunkShift] + (id & kChunkMask) * arity_, arity_};
    }

    /// Asks the processor to start reading tuple `id`, which will be read soon.
    void prefetch(std::size_t id) const {
        if (arity_ > 0) __builtin_prefetch(starts_[id >> kChunkShift] + (id & kChunkMask) * arity_);
    }

    void push_back(TupleView tuple) {
        if (size_ % kChunkTuples == 0) {
            addChunk(size_ == 0 ? 0 : kChunkTuples * arity_);
        } else {
            ownLastChunk();
        }
        Chunk& last = *chunks_.back();
        last.insert(last.end(), tuple.begin(), tuple.end());
        starts_.back() = last.data();  // the first chunk may have moved as it grew
        ++size_;
    }

    void clear() {
        chunks_.clear();
        starts_.clear();
        size_ = 0;
    }

private:
    using Chunk = std::vector<Value>;
    static constexpr unsigned kChunkShift = 12;
    static constexpr std::size_t kChunkTuples = std::size_t{1} << kChunkShift;
    static constexpr std::size_t kChunkMask = kChunkTuples - 1;

    void addChunk(std::size_t reserved) {
        chunks_.push_back(std::make_shared<Chunk>());
        chunks_.back()->reserve(reserved);
        starts_.push_back(chunks_.back()->data());
    }

    /// Makes the last chunk this store's own before it is written. (Stores that share chunks
    /// must stay on one thread: see SharedArray::writable.)
    void ownLastChunk() {
        if (chunks_.back().use_count() == 1) return;
        auto own = std::make_shared<Chunk>();
        own->reserve(chunks_.size() == 1 ? chunks_.back()->capacity() : kChunkTuples * arity_);
        own->assign(chunks_.back()->begin(), chunks_.back()->end());
        chunks_.back() = std::move(own);
        starts_.back() = chunks_.back()->data();
    }

    std::size_t arity_ = 0;
    std::size_t size_ = 0;
    std::vector<std::shared_ptr<Chunk>> chunks_;  ///< a full chunk may be shared with copies of this store
    std::vector<const Value*> starts_;  ///< each chunk's first value: a tuple is one read away
};

}  // namespace accord::engine
