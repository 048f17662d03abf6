// How a keyed relation's value was decided: the other values its rules derive for the
// same key, and why each lost — overridden by the value that holds (a `resolve` order),
// given only by a `by default` rule while another rule gives a value, or too unlikely to
// hold. A value that holds is otherwise the only one derived. Plain data for `why` and
// `why-not`, found by probing the relation's rules with each value its rules can give.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/engine/engine.hpp"
#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/explain/proof.hpp"

namespace accord::engine {

struct LosingValue {
    std::string fact;  ///< `vote(turkey, rutte) = approve`
    ProofRule rule;  ///< a rule that derives it
    enum class Reason { Overridden, DefaultOnly, BelowMinimum } reason = Reason::Overridden;
    std::optional<double> confidence;  ///< BelowMinimum: the confidence it had
};

struct KeyedDecision {
    std::string winner;  ///< the value that holds, as a fact (empty: none holds)
    std::vector<LosingValue> losers;  ///< the other values derived for the key, and why each lost
};

/// For a keyed relation's fact `key` (its value column included, whether or not it holds):
/// the value that holds for its key, and every other value a rule in force derives for it.
KeyedDecision explainKeyedValues(const Engine& engine, const FactKey& key, std::int32_t asOf);

/// The fact of `key`'s relation that holds for its key (whatever its value), if any.
std::optional<Tuple> valueHoldingFor(const Engine& engine, const FactKey& key);

/// "block overrides approve", "only a default gives it", "confidence 0.3, below the minimum 0.5".
std::string describeLoss(const LosingValue& loser, const std::string& winner, double minConfidence);

}  // namespace accord::engine
