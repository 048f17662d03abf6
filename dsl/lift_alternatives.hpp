// `or` inside an aggregate or the domain of a `for all` becomes a helper relation, as
// clingo and gringo treat conditions with alternatives: the conditions are given to a new
// rule, whose body the ordinary desugaring splits into one clause per alternative, and the
// aggregate or domain reads the helper instead. The helper keeps the variables the
// conditions share with the rest of the rule (the aggregate's elements, the consequent, the
// head and other conditions); the others are the conditions' own, as they were.
//
//   n_eligible(N) if N = count { A : ally(A), (eu_member(A) or nordic(A)) }.
//   => n_eligible(N) if N = count { A : n_eligible_or1(A) }.
//      n_eligible_or1(A) if ally(A), (eu_member(A) or nordic(A)).
//
// Counting distinct element tuples of the helper is counting those of the alternatives
// together, so the meaning is the same; explanations show the helper's facts, each with
// the alternative that gave it. Parsed files keep their text: only the engine's copy of a
// program is lifted (`accord fmt` prints what was written).
#pragma once

#include "dsl/loader.hpp"

namespace accord::dsl {

/// Lifts every group (`(a or b)`, at any depth) in an aggregate's conditions or a `for
/// all` domain into a helper relation named after the rule's head (`HEAD_orN`, a name no
/// other relation has), appending the helper rules to the rule's file, spanning the group.
void liftNestedAlternatives(LoadedProgram& program);

}  // namespace accord::dsl
