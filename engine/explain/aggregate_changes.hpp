// Changes to the elements of a rule's aggregates, for `needs`: a rule that fails at an
// aggregate (`min` of nothing) or at a comparison of its value (`N = count { S :
// supports(S, P) } and N >= 15`) would hold with elements added or removed — one more
// `supports` fact to reach a count, one fewer to stay under a bound. The search tries
// them like any other change and keeps those an evaluation confirms.
#pragma once

#include <cstddef>
#include <vector>

#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/relation.hpp"

namespace accord::engine {

struct AggregateChanges {
    std::vector<FactKey> additions;  ///< facts that would be new elements
    std::vector<FactKey> removals;  ///< facts that are elements now
    /// Every change to the rule's aggregates is listed: their atoms take every column from
    /// the goal or constants, and no list was cut at its bound. (A free column's values are
    /// those the program already has, so other new elements could exist.)
    bool complete = true;
};

/// For `rule` (a base plan) and `goal` (a fact its head could be): the facts of each
/// aggregate's atoms that are elements now (as removals), and the facts that would be new
/// ones (as additions): each atom with its bound columns from the goal and its free
/// columns from the values they take elsewhere in the aggregate's body (`member_state(S)`
/// beside `supports(S, P)`), in the atom's own relation, and in the columns of the same
/// declared name (`state`) of other relations; at most `maxEach` of each.
AggregateChanges aggregateChanges(const RulePlan& rule, const FactKey& goal, const ProgramPlan& plan,
                                  const std::vector<Relation>& relations, std::size_t maxEach);

/// Whether the condition at `step` of `rule` (its first failing one) fails only through
/// aggregates: it is an aggregate, or a comparison of aggregate values with constants.
bool failsThroughAggregates(const RulePlan& rule, std::size_t step);

}  // namespace accord::engine
