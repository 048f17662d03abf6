// The tuples a query's conclusions rest on, relation by relation: a run kept to them
// (RunOptions::only) derives, of the program's own rules and rounds, only what one query
// needs, and gives each tuple it keeps the confidence and best derivation a whole run
// gives it (Engine::runToExplain).
//
// A demand run (demand_plan.hpp) says which bindings of each relation were asked for: a
// tuple is needed when its bound columns hold one of them. Every derivation of a needed
// tuple rests on needed tuples only (the rewriting asks for the bindings of each atom its
// rules read), so within each stratum the run kept to them finds the same derivations of
// those tuples, in the same rounds, as the whole program does.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "accord/engine/relation.hpp"

namespace accord::engine {

class DemandedTuples {
public:
    /// The bindings asked for with the columns of `mask` bound (one tuple of those columns'
    /// values each, in column order).
    struct Binding {
        ColumnMask mask = 0;
        const Relation* asked = nullptr;
    };

    explicit DemandedTuples(std::size_t relations) : byRelation_(relations) {}

    /// Keeps, of `relation`, only the tuples that match one of its bindings (none: nothing).
    void restrict(RelationId relation) {
        if (!byRelation_[relation]) byRelation_[relation].emplace();
    }
    /// Keeps, of a relation restricted, also the tuples that match `binding`.
    void addBinding(RelationId relation, Binding binding) { byRelation_[relation]->push_back(binding); }

    /// Whether `relation` is kept to some of its tuples.
    bool restricts(RelationId relation) const { return relation < byRelation_.size() && byRelation_[relation].has_value(); }

    /// Whether no tuple of `relation` is kept: nothing asked for it (its rules need not run).
    bool admitsNone(RelationId relation) const { return restricts(relation) && byRelation_[relation]->empty(); }

    /// The columns of `relation` some binding asks about.
    ColumnMask askedColumns(RelationId relation) const {
        ColumnMask columns = 0;
        if (restricts(relation)) {
            for (const Binding& binding : *byRelation_[relation]) columns |= binding.mask;
        }
        return columns;
    }

    bool admits(RelationId relation, TupleView tuple) const {
        if (!restricts(relation)) return true;
        std::array<Value, 64> key;  // a mask binds at most the first 64 columns
        for (const Binding& binding : *byRelation_[relation]) {
            std::size_t n = 0;
            for (std::size_t c = 0; c < tuple.size() && c < 64; ++c) {
                if (binding.mask >> c & 1) key[n++] = tuple[c];
            }
            if (binding.asked->contains(TupleView(key.data(), n))) return true;
        }
        return false;
    }

private:
    std::vector<std::optional<std::vector<Binding>>> byRelation_;  ///< nullopt: every tuple
};

}  // namespace accord::engine
