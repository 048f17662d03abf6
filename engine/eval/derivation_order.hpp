// Which of two derivations of a tuple with the same confidence is "the best": a choice
// that depends only on the facts, not on the order in which tuples were stored or found,
// so a run from scratch and an incremental run explain a conclusion the same way.
#pragma once

#include <span>
#include <vector>

#include "accord/engine/relation.hpp"
#include "accord/engine/symbol_table.hpp"

namespace accord::engine {

/// True when `a` (with premises `premisesA`) comes before `b`: earlier round, then lower
/// rule (or fact) index, then fewer premises, then premises by relation and by value
/// (symbols by their text, never by interning order).
bool derivationPrecedes(const Derivation& a, std::span<const FactRef> premisesA, const Derivation& b, std::span<const FactRef> premisesB,
                        const std::vector<Relation>& relations, const SymbolTable& symbols);

/// The premises part of that order: fewer first, then fact by fact (negative: `a` first).
int comparePremises(std::span<const FactRef> a, std::span<const FactRef> b, const std::vector<Relation>& relations,
                    const SymbolTable& symbols);

}  // namespace accord::engine
