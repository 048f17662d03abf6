// A relation: a set of tuples of one arity, with per-tuple confidence and derivation,
// and hash indexes built on demand for each set of bound columns a rule looks up.
//
// Storage follows Soufflé's interpreter relations in spirit: one primary structure
// (here an append-only tuple log deduplicated by a hash set), and secondary indexes
// (column_index.hpp: about 4 bytes per tuple plus its buckets) brought up to date by the
// lookups that use them, not by each insert: an index a rule used once, on a relation that
// goes on growing, costs nothing more.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "accord/engine/chunked_array.hpp"
#include "accord/engine/column_index.hpp"
#include "accord/engine/relation_ids.hpp"
#include "accord/engine/shared_array.hpp"
#include "accord/engine/tuple_store.hpp"
#include "accord/engine/value.hpp"

namespace accord::engine {

/// A stored fact, as a premise of a derivation.
struct FactRef {
    RelationId relation = 0;
    TupleId tuple = 0;
    friend bool operator==(const FactRef&, const FactRef&) = default;
};

/// How a tuple's best derivation came about: a rule and the positive facts it used,
/// or a base fact (rule kNoRule).
struct Derivation {
    RuleId rule = kNoRule;
    /// A base fact's index among the program's facts, or where a rule's derivation's run of
    /// premises begins in its relation (Relation::premisesOf). A derivation is one or the
    /// other: one field for both keeps it in 16 bytes, a quarter of a derived pair's provenance.
    std::uint32_t factOrFirstPremise = 0;
    std::uint32_t premiseCount = 0;
    /// The evaluation round of its stratum that found it (0: a base fact). Among derivations
    /// of equal confidence the earliest round wins, which keeps best derivations acyclic.
    std::uint32_t round = 0;

    static Derivation ofFact(std::uint32_t fact) { return {kNoRule, fact, 0, 0}; }
    static Derivation ofRule(RuleId rule, std::uint32_t round) { return {rule, 0, 0, round}; }
    bool isFact() const { return rule == kNoRule; }
    /// Which fact statement: a base fact's derivation only (0 for a rule's).
    std::uint32_t fact() const { return isFact() ? factOrFirstPremise : 0; }
};
static_assert(sizeof(Derivation) == 16);

/// Tie: the tuple exists with exactly this confidence (the caller may prefer the new derivation).
enum class InsertResult { New, Improved, Existing, Tie };

class Relation {
public:
    /// `keepDerivations` false stores no derivation per tuple (for pure throughput).
    Relation(std::string name, std::size_t arity, bool keepDerivations = true)
        : name_(std::move(name)), arity_(arity), keepDerivations_(keepDerivations), values_(arity) {}

    const std::string& name() const { return name_; }
    std::size_t arity() const { return arity_; }
    std::size_t size() const { return arity_ == 0 ? nullarySize_ : values_.size(); }
    bool empty() const { return size() == 0; }

    TupleView tuple(TupleId id) const { return values_[id]; }
    double confidence(TupleId id) const { return confidences_.empty() ? 1.0 : confidences_[id]; }
    /// The best derivation; a default one (no rule, no premises) when derivations are not kept.
    const Derivation& derivation(TupleId id) const {
        static const Derivation unknown{};
        if (!keepDerivations_) return unknown;
        return id < loadedCount_ ? loadedDerivation_ : derivations_[id - loadedCount_];
    }
    /// False when the relation was filled without provenance: derivation() is then unknown.
    bool keepsDerivations() const { return keepDerivations_; }

    /// Adds a tuple, or improves the confidence of an equal one. Keeps the derivation of
    /// the best confidence (the first one among equals: see replaceDerivation).
    InsertResult insert(TupleView tuple, double confidence, const Derivation& derivation, std::span<const FactRef> premises,
                        TupleId* id = nullptr);
    /// Inserts `count` tuples given one after another (`arity` values each), each certain and
    /// with no derivation (a file's rows): the result of inserting them in turn, with each
    /// tuple's slot in the set fetched ahead of its turn.
    void insertAll(std::span<const Value> tuples, std::size_t count);
    /// Adds the tuples of `rows` with their confidences, each derived by `derivation` (a base
    /// fact): the result of inserting them in turn. Into an empty relation it shares the
    /// rows' tuples and set, instead of copying and hashing every tuple again.
    void loadRows(const Relation& rows, const Derivation& derivation);
    /// Replaces the best derivation of tuple `id` by one of the same confidence.
    void replaceDerivation(TupleId id, const Derivation& derivation, std::span<const FactRef> premises);
    std::span<const FactRef> premisesOf(TupleId id) const {
        const Derivation& d = derivation(id);
        return d.isFact() ? std::span<const FactRef>{} : premises_.run(d.factOrFirstPremise, d.premiseCount);
    }
    std::optional<TupleId> find(TupleView tuple) const;
    bool contains(TupleView tuple) const { return find(tuple).has_value(); }

    /// Calls visit(id) for each tuple whose `mask` columns equal `key` (key holds the bound
    /// columns in column order) until visit returns false. Builds the index on first use, and
    /// brings it up to date with the tuples inserted since its last use: `visit` must not
    /// insert into this relation (no caller does: rules insert into relations their body does
    /// not read, or after the round).
    template <typename Visit>
    void forEachMatch(ColumnMask mask, TupleView key, Visit&& visit) const;
    /// Builds, or brings up to date, the index forEachMatch uses for `mask`: afterwards
    /// lookups change nothing in the relation, so threads may make them at once (until the
    /// next insert).
    void prepareIndex(ColumnMask mask) const;

    void clear();

private:
    std::uint64_t hashColumns(TupleView tuple, ColumnMask mask) const;
    std::uint64_t hashKey(TupleView key) const;
    bool keyMatches(TupleId id, ColumnMask mask, TupleView key) const;
    ColumnIndex& indexFor(ColumnMask mask) const;
    /// Brings the index up to date with the tuples inserted since its last use.
    void catchUp(ColumnIndex& index) const;
    std::size_t findSlot(TupleView tuple, std::uint64_t hash) const;
    /// insert() once the tuple's hash and slot are known (`slot` holds the tuple or is where
    /// it goes; both are unused for a nullary relation).
    InsertResult insertAt(TupleView tuple, std::uint64_t hash, std::size_t slot, double confidence, const Derivation& derivation,
                          std::span<const FactRef> premises, TupleId* id);
    void growSet();
    /// Grows the set, if needed, so that `more` tuples can be added without growing it.
    void makeRoomFor(std::size_t more);
    /// Gives the loaded tuples a derivation each, so that one of them can be replaced. (The
    /// evaluator never does: a loaded fact is certain and from round 0, which no rule's
    /// derivation improves on or wins a tie against; the Relation still keeps its contract.)
    void spellOutLoadedDerivations();
    /// What a slot keeps of a tuple's hash: 7 of its top bits, with the high bit set (0 is
    /// an empty slot). Where a probe starts is taken from its low bits (homeSlot).
    static std::uint8_t tagOf(std::uint64_t hash) { return static_cast<std::uint8_t>(0x80 | (hash >> 57)); }
    static std::size_t homeSlot(std::uint64_t hash, std::size_t mask) { return hash & mask; }

    std::string name_;
    std::size_t arity_;
    bool keepDerivations_ = true;
    std::size_t nullarySize_ = 0;
    TupleStore values_;  ///< the tuples, by id
    std::vector<double> confidences_;  ///< empty while every confidence is 1
    /// Tuples [0, loadedCount_) came from loadRows into an empty relation and share one
    /// derivation, kept once (a file of millions of rows costs no derivation per row);
    /// derivations_[id - loadedCount_] is that of each later tuple.
    TupleId loadedCount_ = 0;
    Derivation loadedDerivation_;
    ChunkedArray<Derivation> derivations_;
    ChunkedArray<FactRef> premises_;  ///< each derivation's, one run each (a replaced derivation's stay, unread)
    /// The set: open addressing over tuples, in two arrays side by side. A probe reads a
    /// byte a slot (tagOf the tuple's hash; kEmptyTag: empty), 64 slots to a cache line, and
    /// reads the slot's tuple id, then the tuple, only where the byte matches: for one in 128
    /// of the other tuples a probe passes. Five bytes a slot where an id and 32 bits of the
    /// hash took eight (67 of the 291 MB of bench/'s tc_chain); growing the set hashes the
    /// tuples again, in id order, a sequential read. At most three quarters full: at one half,
    /// the set took 134 of the 332 MB of tc_chain, and the longer probes cost no time the
    /// bench could see.
    SharedArray<std::uint8_t> tags_;
    SharedArray<TupleId> slotIds_;
    static constexpr std::uint8_t kEmptyTag = 0;
    mutable std::deque<ColumnIndex> indexes_;  ///< a deque: a lookup may build an index while another is being walked
};

template <typename Visit>
void Relation::forEachMatch(ColumnMask mask, TupleView key, Visit&& visit) const {
    const std::size_t count = size();
    if (mask == 0) {
        for (TupleId id = 0; id < count; ++id) {
            if (!visit(id)) return;
        }
        return;
    }
    if (mask == firstColumns(arity_)) {
        if (auto id = find(key)) visit(*id);
        return;
    }
    indexFor(mask).forEachCandidate(
        hashKey(key), [&](TupleId id) { values_.prefetch(id); }, [&](TupleId id) { return !keyMatches(id, mask, key) || visit(id); });
}

}  // namespace accord::engine
