// The canonical order of equally good derivations (see derivation_order.hpp).
#include "accord/engine/eval/derivation_order.hpp"

#include <tuple>

#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

int comparePremise(const FactRef& a, const FactRef& b, const std::vector<Relation>& relations, const SymbolTable& symbols) {
    if (a.relation != b.relation) return a.relation < b.relation ? -1 : 1;
    if (a.tuple == b.tuple) return 0;
    TupleView x = relations[a.relation].tuple(a.tuple), y = relations[b.relation].tuple(b.tuple);
    for (std::size_t c = 0; c < x.size(); ++c) {
        if (x[c] == y[c]) continue;
        if (int order = compareValues(x[c], y[c], symbols)) return order;
        if (x[c].kind != y[c].kind) return x[c].kind < y[c].kind ? -1 : 1;  // a symbol and a string of equal text
    }
    return 0;
}

}  // namespace

int comparePremises(std::span<const FactRef> a, std::span<const FactRef> b, const std::vector<Relation>& relations,
                    const SymbolTable& symbols) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (int order = comparePremise(a[i], b[i], relations, symbols)) return order;
    }
    return 0;
}

bool derivationPrecedes(const Derivation& a, std::span<const FactRef> premisesA, const Derivation& b, std::span<const FactRef> premisesB,
                        const std::vector<Relation>& relations, const SymbolTable& symbols) {
    auto key = [](const Derivation& d, std::size_t premises) { return std::tuple(d.round, d.rule, d.fact(), premises); };
    auto keyA = key(a, premisesA.size()), keyB = key(b, premisesB.size());
    if (keyA != keyB) return keyA < keyB;
    return comparePremises(premisesA, premisesB, relations, symbols) < 0;
}

}  // namespace accord::engine
