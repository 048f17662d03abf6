// A hash index of a relation's tuples on some of their columns (a ColumnMask): for a hash,
// the ids of the tuples whose indexed columns hash to its bucket, newest first. A bucket may
// hold tuples of other keys too: the caller compares the key.
//
// Most lookups read relations that no longer grow (those of lower strata), so the bulk of an
// index is frozen, built by a counting sort: a bucket holds its newest id, and its other ids
// are stored together, in order, where a lookup walks them, fetching the tuples a few ids
// ahead. (A chain of `next` links, as earlier versions kept, makes every tuple read wait for
// the link read before it: on a join or an aggregate over millions of tuples that wait was
// the larger part of the time. The newest id in the bucket itself keeps a lookup that stops
// at its first match, such as an existence check, at two memory reads: the bucket and the
// tuple.) The tuples added since the freeze are chained in front of the frozen ids, and the
// whole is frozen again when the relation has doubled, so chains stay short and each id is
// re-placed O(1) times on average. Memory: 8 bytes a bucket (four to eight buckets a distinct
// key, at most one to two a tuple) and 4 bytes an id in rest_, plus, once a tuple is added
// after the freeze, 4 bytes a bucket and 4 an added id for the chains.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "accord/engine/relation_ids.hpp"

namespace accord::engine {

class ColumnIndex {
public:
    explicit ColumnIndex(ColumnMask mask) : mask_(mask) {}

    ColumnMask mask() const { return mask_; }

    /// Whether a relation of `size` tuples has outgrown the index (then freeze it again): it
    /// has doubled since the freeze, or more.
    bool outgrown(std::size_t size) const { return size > refreezeAt_; }
    std::size_t bucketCount() const { return buckets_.size() - 1; }
    /// How many tuples it indexes: ids [0, indexedCount()).
    std::size_t indexedCount() const { return frozenCount_ + next_.size(); }

    /// Indexes tuples [0, count) afresh, all frozen; hashOf(id) is tuple id's hash on the
    /// indexed columns (called twice per tuple, counting then placing: keeping each tuple's
    /// bucket for the second pass was 2-5% quicker and took 4 bytes a tuple more at the peak).
    template <typename HashOf>
    void freeze(std::size_t count, HashOf&& hashOf) {
        const std::size_t buckets = bucketsFor(count, hashOf);
        refreezeAt_ = std::bit_ceil(std::max<std::size_t>(16, count));
        buckets_.assign(buckets + 1, Bucket{});
        for (std::size_t id = 0; id < count; ++id) ++buckets_[hashOf(static_cast<TupleId>(id)) & (buckets - 1)].restBegin;
        // Each bucket's size becomes where its other ids end; placing them, oldest first, from
        // that end down leaves restBegin where they begin.
        std::uint32_t end = 0;
        for (Bucket& bucket : buckets_) {
            if (bucket.restBegin > 1) end += bucket.restBegin - 1;
            bucket.restBegin = end;
        }
        rest_.resize(end);
        for (std::size_t id = 0; id < count; ++id) {
            Bucket& bucket = buckets_[hashOf(static_cast<TupleId>(id)) & (buckets - 1)];
            if (bucket.newest != kNoTuple) rest_[--bucket.restBegin] = bucket.newest;
            bucket.newest = static_cast<TupleId>(id);
        }
        frozenCount_ = count;
        heads_ = std::vector<TupleId>();  // (not `= {}`, which keeps the capacity)
        next_ = std::vector<TupleId>();
    }

    /// Indexes tuple `id`, the next one: indexedCount().
    void add(TupleId id, std::uint64_t hash) {
        if (heads_.empty()) heads_.assign(bucketCount(), kNoTuple);
        TupleId& head = heads_[hash & (bucketCount() - 1)];
        next_.push_back(head);
        head = id;
    }

    /// Calls visit(id) for each tuple in the bucket of `hash`, newest first, until it returns
    /// false; prefetch(id) is called for the other frozen ids of the bucket a few places
    /// before they are visited.
    template <typename Prefetch, typename Visit>
    void forEachCandidate(std::uint64_t hash, Prefetch&& prefetch, Visit&& visit) const {
        const std::size_t b = hash & (bucketCount() - 1);
        if (!heads_.empty()) {
            for (TupleId id = heads_[b]; id != kNoTuple; id = next_[id - frozenCount_]) {
                if (!visit(id)) return;
            }
        }
        const Bucket& bucket = buckets_[b];
        if (bucket.newest == kNoTuple || !visit(bucket.newest)) return;
        const std::size_t begin = bucket.restBegin, end = buckets_[b + 1].restBegin;
        for (std::size_t i = begin; i < std::min(end, begin + kAhead); ++i) prefetch(rest_[i]);
        for (std::size_t i = begin; i < end; ++i) {
            if (i + kAhead < end) prefetch(rest_[i + kAhead]);
            if (!visit(rest_[i])) return;
        }
    }

private:
    static constexpr std::size_t kAhead = 8;  ///< how many ids ahead a walk fetches tuples

    /// Four to eight buckets a distinct key among tuples [0, count), a power of two, and at
    /// most one to two a tuple. A bucket a tuple would leave most of them empty on a column
    /// of few values (a group-by's: 16 MB of buckets for 2M sales in 1,000 groups), so the
    /// keys are counted first, by linear counting (one bit a tuple, 1/64 of the buckets it may
    /// spare; exact enough while the bits outnumber the keys, as they do here). Several
    /// buckets a key keep a lookup from walking another key's ids in its bucket: with one to
    /// two, a key shares its bucket with another's about half the time.
    template <typename HashOf>
    static std::size_t bucketsFor(std::size_t count, HashOf& hashOf) {
        const std::size_t bits = std::bit_ceil(std::max<std::size_t>(16, count));
        if (count < kCountKeysFrom) return bits;
        std::vector<std::uint64_t> seen(bits / 64);
        for (std::size_t id = 0; id < count; ++id) {
            const std::size_t bit = hashOf(static_cast<TupleId>(id)) & (bits - 1);
            seen[bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
        std::size_t set = 0;
        for (std::uint64_t word : seen) set += static_cast<std::size_t>(std::popcount(word));
        const double empty = static_cast<double>(bits - set);
        const double keys =
            set == bits ? static_cast<double>(count) : -static_cast<double>(bits) * std::log(empty / static_cast<double>(bits));
        return std::bit_ceil(std::clamp<std::size_t>(static_cast<std::size_t>(keys) * kBucketsAKey, 16, bits));
    }
    /// Below this many tuples every tuple gets a bucket: the buckets cost little, the count a pass.
    static constexpr std::size_t kCountKeysFrom = 1 << 16;
    static constexpr std::size_t kBucketsAKey = 4;

    /// Frozen: the bucket's newest id (kNoTuple: none); its other ids are
    /// rest_[restBegin, the next bucket's restBegin), newest first.
    struct Bucket {
        TupleId newest = kNoTuple;
        std::uint32_t restBegin = 0;
    };

    ColumnMask mask_;
    std::vector<Bucket> buckets_ = std::vector<Bucket>(17);  ///< one more than there are: the last ends rest_
    std::vector<TupleId> rest_;
    std::size_t frozenCount_ = 0;  ///< ids below it are frozen
    std::size_t refreezeAt_ = 16;  ///< outgrown() beyond this many tuples
    std::vector<TupleId> heads_;  ///< bucket -> newest id added since the freeze (empty until one is)
    std::vector<TupleId> next_;  ///< id - frozenCount_ -> the id added before it in its bucket
};

}  // namespace accord::engine
