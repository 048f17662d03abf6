// Variable safety: every variable that must have a value when a rule fires is bound by
// a positive condition. A head variable, a variable in a negation, a comparison or
// arithmetic, and an aggregate's element must be bound, so that the engine never has
// to enumerate an infinite domain. `X = expr` binds X once expr's variables are bound.
// Also warns about variables used only once (usually a typo; `_` says "any value").
#pragma once

#include <vector>

#include "accord/dsl/desugar.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::check {

void checkVariableSafety(const std::vector<Clause>& clauses, Diagnostics& diagnostics);

}  // namespace accord::dsl::check
