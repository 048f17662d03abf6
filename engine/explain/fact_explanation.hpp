// The answer `why` gives for one fact that holds: its best proof, and beside it what a reader
// must know not to take that proof as the whole story (the fact's other derivations, and
// the values of its key that lost). The command line and the API (api/model.hpp) both give it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/engine/engine.hpp"
#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/explain/keyed_values.hpp"
#include "accord/engine/explain/proof.hpp"

namespace accord::engine {

/// Other derivations of a fact counted beside its best proof, at most.
inline constexpr std::size_t kOtherDerivationsCounted = 20;

struct FactExplanation {
    ProofStep proof;  ///< the best derivation, `depth` levels deep
    std::size_t otherDerivations = 0;  ///< how many more the fact has (more than kOtherDerivationsCounted: that many + 1)
    KeyedDecision decision;  ///< of a keyed fact: the values of its key that lost, and why
};

/// The explanation of `key`, a fact that holds as of `asOf`.
FactExplanation explainFact(FactRecords& records, const Engine& engine, const FactKey& key, std::size_t depth, std::int32_t asOf);

/// The proof's JSON (proofToJson) with `other_derivations` and, when some lost, `other_values`.
nlohmann::json factExplanationJson(const FactExplanation& explanation, const Engine& engine);

/// What is printed below the proof's text: the values that lost, and how many other
/// derivations `accord why --all` would show; "" when there is neither.
std::string factExplanationNotes(const FactExplanation& explanation, const Engine& engine);

/// A row of several conditions explained (`why` of `vote(A, rutte) = block and eu_member(A)`):
/// its `bindings` (each variable's value as text), `confidence` and the `proofs` of the facts
/// its most confident solution rests on.
nlohmann::ordered_json rowExplanationJson(const Pattern& pattern, const QueryRow& row, const std::vector<ProofStep>& proofs,
                                          const SymbolTable& symbols);

}  // namespace accord::engine
