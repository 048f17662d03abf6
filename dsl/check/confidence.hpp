// Checks of how a program uses confidence: its one `threshold`, and the negations whose
// answer depends on an unlikely fact when no threshold is declared.
//
// `not p(X)` holds with confidence 1 - c when p(X) holds at c. Without a threshold, a
// conclusion that rests on the absence of a veto reported at 0.8 holds at 0.2, and every
// rule that reads it treats it as true; the warning says so where it can happen.
#pragma once

#include <optional>
#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/desugar.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::check {

/// The program's threshold (nullopt when it declares none); an error for a second one.
std::optional<double> checkThreshold(const std::vector<ast::Program>& files, Diagnostics& diagnostics);

/// A warning at each negation of a relation that can hold with a confidence below 1
/// (a fact or rule written with `@c`, or a rule reading such a relation), when the program
/// declares no threshold. Only the program's own text is seen: facts imported or asserted
/// into a knowledge base with a confidence below 1 are not.
void warnUncertainNegations(const std::vector<ast::Program>& files, const std::vector<Clause>& clauses, std::optional<double> threshold,
                            Diagnostics& diagnostics);

}  // namespace accord::dsl::check
