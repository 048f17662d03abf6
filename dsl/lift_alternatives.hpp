// `or` inside an aggregate or the domain of a `for all` becomes a helper relation, as
// clingo and gringo treat conditions with alternatives: the group is given to a new rule,
// whose body the ordinary desugaring splits into one clause per alternative, and the
// aggregate or domain reads the helper in its place. The helper keeps the variables the
// group shares with the rest of the rule (the aggregate's elements, the consequent, the
// head, the other conditions); the others are the group's own, as they were.
//
//   n_eligible(N) if N = count { A : ally(A), (eu_member(A) or nordic(A)) }.
//   => n_eligible(N) if N = count { A : ally(A), n_eligible_or1(A) }.
//      n_eligible_or1(A) if (eu_member(A) or nordic(A)).
//
// When an alternative does not bind a variable the group shares (`(not eu_member(A) or
// nordic(A))`), the aggregate's conditions are lifted together, so that `ally(A)` binds
// it. Counting the distinct elements of the helper's facts is counting those of the
// alternatives together, so the meaning is the same; the helper is part of a condition,
// so the minimum confidence does not apply to it (RelationPlan::lifted). Explanations
// show the helper's facts, each with the alternative that gave it. Parsed files keep
// their text: only a program being checked is lifted (`accord fmt` prints what was written).
#pragma once

#include "accord/dsl/loader.hpp"

namespace accord::dsl {

/// Lifts every group (`(a or b)`) in an aggregate's conditions or a `for all` domain, at
/// any depth, into a helper relation named after the rule's head (`HEAD_orN`, a name no
/// other relation has), appending the helper rules to the rule's file, spanning the group.
void liftNestedAlternatives(LoadedProgram& program);

}  // namespace accord::dsl
