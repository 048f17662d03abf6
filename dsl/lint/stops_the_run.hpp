// Whether evaluating a rule may stop the run with an error: its arithmetic (a division by
// zero, an integer overflow, a date out of range) or an aggregate. Deleting such a rule
// changes what a run gives (an error or an answer) even where it derives nothing that
// lasts, so no lint calls it dead.
#pragma once

#include "accord/dsl/ast.hpp"
#include "accord/dsl/desugar.hpp"

namespace accord::dsl::lint {

bool mayStopTheRun(const ast::Expr& expr);
bool mayStopTheRun(const Clause& clause);

}  // namespace accord::dsl::lint
