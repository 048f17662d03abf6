// A random program of one rule over a few fixed relations, for differential tests of how
// bodies are ordered and evaluated: its body may or may not be safe, so the checker refuses
// some.
#pragma once

#include <random>
#include <string>

namespace accord::testing {

/// A rule over q/2, r/1, d/2 (a decimal and an integer column), the recursive t/2, the keyed
/// k/1 and the dated b/2, with a random body of conditions that may or may not be safe:
/// atoms, negations, comparisons, assignments, aggregates that share a variable with the
/// rest of the body or keep it to themselves, `for all`, `mod`, the built-in functions and
/// `today`, and `!=` on a keyed value.
std::string randomBodyProgram(std::mt19937_64& random);

}  // namespace accord::testing
