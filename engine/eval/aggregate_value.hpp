// The value of an aggregate over its distinct elements: the one definition that evaluation
// (RuleRunner) and explanations (rule probes) both use, so that an explanation recomputes
// exactly the value the run derived (a sum of decimals, for one, depends on the order it
// adds them in: the order the elements were found).
#pragma once

#include <optional>

#include "accord/engine/eval/distinct_set.hpp"
#include "accord/engine/plan/rule_plan.hpp"
#include "accord/engine/symbol_table.hpp"

namespace accord::engine {

/// count: the number of elements; sum, min, max: of each element's first value, in the
/// order the elements were found. nullopt for the min or max of nothing (no result).
/// Throws EvaluationError when a sum overflows (naming `rule`).
std::optional<Value> aggregateValue(AggregateFunction function, const DistinctSet& elements, RuleId rule, const SymbolTable& symbols);

}  // namespace accord::engine
