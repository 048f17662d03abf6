// Tuple storage, deduplication and hash indexes (see relation.hpp).
#include "accord/engine/relation.hpp"

#include <algorithm>
#include <cassert>

namespace accord::engine {

std::uint64_t Relation::hashColumns(TupleView tuple, ColumnMask mask) const {
    std::uint64_t h = 0x84222325cbf29ce4ull;
    for (std::size_t c = 0; c < arity_; ++c) {
        if (mask >> c & 1) h = mixHash(h, hashValue(tuple[c]));
    }
    return h;
}

std::uint64_t Relation::hashKey(TupleView key) const { return hashTuple(key); }

bool Relation::keyMatches(TupleId id, ColumnMask mask, TupleView key) const {
    TupleView candidate = tuple(id);
    std::size_t k = 0;
    for (std::size_t c = 0; c < arity_; ++c) {
        if (mask >> c & 1) {
            if (!(candidate[c] == key[k])) return false;
            ++k;
        }
    }
    return true;
}

ColumnIndex& Relation::indexFor(ColumnMask mask) const {
    auto index = std::find_if(indexes_.begin(), indexes_.end(), [&](const ColumnIndex& i) { return i.mask() == mask; });
    if (index == indexes_.end()) index = indexes_.emplace(indexes_.end(), mask);
    catchUp(*index);
    return *index;
}

void Relation::prepareIndex(ColumnMask mask) const {
    if (mask != 0 && mask != firstColumns(arity_)) indexFor(mask);  // forEachMatch reads no index for these
}

void Relation::catchUp(ColumnIndex& index) const {
    auto hashOf = [&](TupleId id) { return hashColumns(tuple(id), index.mask()); };
    if (index.indexedCount() == size()) return;
    if (index.indexedCount() == 0 || index.outgrown(size())) return index.freeze(size(), hashOf);  // keeps chains short
    for (auto id = static_cast<TupleId>(index.indexedCount()); id < size(); ++id) index.add(id, hashOf(id));
}

std::size_t Relation::findSlot(TupleView candidate, std::uint64_t hash) const {
    const std::size_t mask = tags_.size() - 1;
    const std::uint8_t tag = tagOf(hash);
    for (std::size_t slot = homeSlot(hash, mask);; slot = (slot + 1) & mask) {
        const std::uint8_t seen = tags_[slot];
        if (seen == kEmptyTag) return slot;
        if (seen != tag) continue;
        TupleView existing = tuple(slotIds_[slot]);
        bool equal = true;
        for (std::size_t c = 0; c < arity_ && equal; ++c) equal = existing[c] == candidate[c];
        if (equal) return slot;
    }
}

void Relation::growSet() {
    const std::size_t capacity = std::max<std::size_t>(16, tags_.size() * 2), mask = capacity - 1;
    std::vector<std::uint8_t> tags(capacity, kEmptyTag);
    std::vector<TupleId> ids(capacity);
    // Every tuple is in the set once: each is placed again by its hash, in id order (the
    // tuples are read one after another; the slots keep too little of the hash to be
    // placed by it).
    for (TupleId id = 0; id < size(); ++id) {
        const std::uint64_t hash = hashTuple(tuple(id));
        std::size_t slot = homeSlot(hash, mask);
        while (tags[slot] != kEmptyTag) slot = (slot + 1) & mask;
        tags[slot] = tagOf(hash);
        ids[slot] = id;
    }
    tags_ = SharedArray<std::uint8_t>(std::move(tags));
    slotIds_ = SharedArray<TupleId>(std::move(ids));
}

void Relation::makeRoomFor(std::size_t more) {
    while ((size() + more) * 4 > tags_.size() * 3) growSet();  // at most three quarters full (see tags_)
}

void Relation::loadRows(const Relation& rows, const Derivation& derivation) {
    assert(rows.arity_ == arity_);
    if (arity_ == 0 || !empty()) {
        for (TupleId id = 0; id < rows.size(); ++id) insert(rows.tuple(id), rows.confidence(id), derivation, {});
        return;
    }
    // The rows are a set already: the same tuples with the same ids, and the same slots.
    values_ = rows.values_;  // shares the rows' chunks
    tags_ = rows.tags_;  // shared until this relation inserts a tuple of its own
    slotIds_ = rows.slotIds_;
    confidences_ = rows.confidences_;
    loadedCount_ = static_cast<TupleId>(size());
    loadedDerivation_ = derivation;
    loadedDerivation_.premiseCount = 0;
}

void Relation::spellOutLoadedDerivations() {
    ChunkedArray<Derivation> spelledOut;
    for (TupleId id = 0; id < loadedCount_; ++id) spelledOut.push_back(loadedDerivation_);
    for (std::size_t later = 0; later < derivations_.size(); ++later) spelledOut.push_back(derivations_[later]);
    derivations_ = std::move(spelledOut);
    loadedCount_ = 0;
}

std::optional<TupleId> Relation::find(TupleView candidate) const {
    if (arity_ == 0) return nullarySize_ ? std::optional<TupleId>(0) : std::nullopt;
    if (tags_.empty()) return std::nullopt;
    const std::size_t slot = findSlot(candidate, hashTuple(candidate));
    return tags_[slot] == kEmptyTag ? std::nullopt : std::optional<TupleId>(slotIds_[slot]);
}

InsertResult Relation::insert(TupleView candidate, double confidence, const Derivation& derivation, std::span<const FactRef> premises,
                              TupleId* idOut) {
    if (arity_ == 0) return insertAt(candidate, 0, 0, confidence, derivation, premises, idOut);
    makeRoomFor(1);
    const std::uint64_t hash = hashTuple(candidate);
    return insertAt(candidate, hash, findSlot(candidate, hash), confidence, derivation, premises, idOut);
}

void Relation::insertAll(std::span<const Value> tuples, std::size_t count) {
    if (arity_ == 0) {
        for (std::size_t i = 0; i < count; ++i) insert({}, 1.0, Derivation{}, {});
        return;
    }
    assert(tuples.size() == count * arity_);
    makeRoomFor(count);
    // Each tuple's hash is taken, and its home slot fetched, kAhead tuples before it is
    // placed: the slot a probe reads is then usually in cache, not a miss to wait on.
    constexpr std::size_t kAhead = 16;  // a few hundred nanoseconds of hashing: about one memory latency
    const std::size_t mask = tags_.size() - 1;
    std::uint64_t hashes[kAhead];
    auto tupleAt = [&](std::size_t i) { return tuples.subspan(i * arity_, arity_); };
    auto hashAhead = [&](std::size_t i) {
        hashes[i % kAhead] = hashTuple(tupleAt(i));
        __builtin_prefetch(&tags_[homeSlot(hashes[i % kAhead], mask)]);
    };
    for (std::size_t i = 0; i < std::min(kAhead, count); ++i) hashAhead(i);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t hash = hashes[i % kAhead];
        if (i + kAhead < count) hashAhead(i + kAhead);
        insertAt(tupleAt(i), hash, findSlot(tupleAt(i), hash), 1.0, Derivation{}, {}, nullptr);
    }
}

InsertResult Relation::insertAt(TupleView candidate, std::uint64_t hash, std::size_t slot, double confidence, const Derivation& derivation,
                                std::span<const FactRef> premises, TupleId* idOut) {
    auto recordDerivation = [&](TupleId id, bool isNew) {
        if (!keepDerivations_) return;
        if (isNew) derivations_.push_back(Derivation{});
        replaceDerivation(id, derivation, premises);
    };
    auto setConfidence = [&](TupleId id, bool isNew) {
        if (confidences_.empty() && confidence >= 1.0) return;  // pay nothing while everything is certain
        if (confidences_.empty()) confidences_.assign(size() - (isNew ? 1 : 0), 1.0);
        if (isNew) {
            confidences_.push_back(confidence);
        } else {
            confidences_[id] = confidence;
        }
    };

    std::optional<TupleId> existing;
    if (arity_ == 0) {
        existing = find(candidate);
    } else if (tags_[slot] != kEmptyTag) {
        existing = slotIds_[slot];
    }
    if (existing) {
        if (idOut) *idOut = *existing;
        double current = this->confidence(*existing);
        if (confidence < current) return InsertResult::Existing;
        if (confidence == current) return InsertResult::Tie;
        setConfidence(*existing, false);
        recordDerivation(*existing, false);
        return InsertResult::Improved;
    }
    TupleId id = static_cast<TupleId>(size());
    if (arity_ == 0) {
        nullarySize_ = 1;
    } else {
        values_.push_back(candidate);
        tags_.writable(slot) = tagOf(hash);
        slotIds_.writable(slot) = id;
    }
    setConfidence(id, true);
    recordDerivation(id, true);
    if (idOut) *idOut = id;
    return InsertResult::New;
}

void Relation::replaceDerivation(TupleId id, const Derivation& derivation, std::span<const FactRef> premises) {
    if (!keepDerivations_) return;
    Derivation stored = derivation;
    if (!stored.isFact()) stored.factOrFirstPremise = static_cast<std::uint32_t>(premises_.append(premises));
    stored.premiseCount = static_cast<std::uint32_t>(stored.isFact() ? 0 : premises.size());
    if (id < loadedCount_) spellOutLoadedDerivations();
    derivations_[id - loadedCount_] = stored;
}

void Relation::clear() {
    nullarySize_ = 0;
    values_.clear();
    confidences_.clear();
    loadedCount_ = 0;
    derivations_.clear();
    premises_.clear();
    tags_ = {};
    slotIds_ = {};
    indexes_.clear();
}

}  // namespace accord::engine
