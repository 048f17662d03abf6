// The order in which a body's conditions run: the delta atom first in a semi-naive
// version (when it can run first); then, repeatedly, every test whose variables are bound
// (as early as possible), and the positive atom with the most bound columns (the first
// among equals). An existence check, a positive atom whose other variables are private (`_`,
// or used nowhere else in the rule: `candidate(_)`, `d(Y, _)` once Y is bound), is a test:
// hoisted out of the loops it does not depend on. What a
// condition needs and binds is the binding analysis's (dsl/binding_analysis.hpp), which the
// checker used to accept the body: a body it accepted always has an order.
#pragma once

#include "accord/dsl/ast.hpp"
#include "accord/dsl/binding_analysis.hpp"

namespace accord::engine {

/// `literals` in the order they run, given the variables bound before them and the rule's
/// private variables; `first` (the delta atom), when given, runs first if it can. Throws
/// std::logic_error for a body the checker would have refused (a condition that waits for a
/// variable nothing binds).
dsl::Literals joinOrder(const dsl::BindingScope& scope, const dsl::Literals& literals, dsl::Names bound, const dsl::Names& privates,
                        const dsl::ast::Literal* first);

}  // namespace accord::engine
