// The values of a relation's tuples, `arity` each, in chunks of 4,096 tuples.
//
// One growing array would, at each doubling, copy every tuple and hold the old and the new
// array at once (a peak of about three times the data), and keep up to half of its
// capacity unused. Chunks are reserved whole and filled in place (pages a chunk has not
// reached yet are not resident), so a stored tuple never moves once its chunk is full, and
// the memory is the data plus at most one partly filled chunk. The first chunk grows as an
// array does, so that a relation of a few tuples stays small.
#pragma once

#include <cstddef>
#include <vector>

#include "accord/engine/value.hpp"

namespace accord::engine {

class TupleStore {
public:
    explicit TupleStore(std::size_t arity) : arity_(arity) {}

    std::size_t size() const { return size_; }

    TupleView operator[](std::size_t id) const {
        if (arity_ == 0) return {};  // a nullary relation's one tuple holds no values
        return {chunks_[id >> kChunkShift].data() + (id & kChunkMask) * arity_, arity_};
    }

    /// Asks the processor to start reading tuple `id`, which will be read soon.
    void prefetch(std::size_t id) const {
        if (arity_ > 0) __builtin_prefetch(chunks_[id >> kChunkShift].data() + (id & kChunkMask) * arity_);
    }

    void push_back(TupleView tuple) {
        if ((size_ & kChunkMask) == 0 && size_ > 0) {
            chunks_.emplace_back();
            chunks_.back().reserve(kChunkTuples * arity_);
        }
        if (chunks_.empty()) chunks_.emplace_back();
        chunks_.back().insert(chunks_.back().end(), tuple.begin(), tuple.end());
        ++size_;
    }

    void clear() {
        chunks_.clear();
        size_ = 0;
    }

private:
    static constexpr unsigned kChunkShift = 12;
    static constexpr std::size_t kChunkTuples = std::size_t{1} << kChunkShift;
    static constexpr std::size_t kChunkMask = kChunkTuples - 1;

    std::size_t arity_;
    std::size_t size_ = 0;
    std::vector<std::vector<Value>> chunks_;
};

}  // namespace accord::engine
