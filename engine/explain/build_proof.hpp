// Building the proof of a fact from fact records: the fact's best derivation, then the
// best derivation of each of its premises, down to asserted and program facts.
#pragma once

#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/explain/proof.hpp"
#include "accord/engine/query.hpp"

namespace accord::engine {

/// A rule as explanations show it: name, `##` comment, text (without the comment), location.
ProofRule describeRule(const Engine& engine, RuleId id);

/// The proof of `key`, expanded `depth` levels below it (0: the fact alone). A fact that
/// does not hold gives a step marked `missing`.
ProofStep buildProof(FactRecords& records, const Engine& engine, const FactKey& key, std::size_t depth);

/// The proofs of the facts a row of a query of several conditions rests on (the positive
/// atoms its most confident solution matched), each `depth` levels deep.
std::vector<ProofStep> proofsOfRow(FactRecords& records, const Engine& engine, const QueryRow& row, std::size_t depth);

/// Every derivation of `key` (not only the best), at most `maxDerivations`, each with its
/// premises' best proofs `depth - 1` levels down; facts only when it is a base fact. The
/// rules are searched again (rule_probe.hpp), so this works on stored conclusions too.
std::vector<ProofStep> allDerivations(FactRecords& records, const Engine& engine, const FactKey& key, std::size_t depth,
                                      std::size_t maxDerivations, std::int32_t asOf);

}  // namespace accord::engine
