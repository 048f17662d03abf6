// Seeded random stratified programs for differential testing: base relations with
// random facts (some uncertain, some valid only for a period), derived relations with
// positive recursion, negation and aggregates over lower strata, comparisons and bounded
// arithmetic, `for all`, and a keyed relation with a resolution and a default.
// Every program is safe and stratified by construction.
#pragma once

#include <cstdint>
#include <string>

namespace accord::testing {

std::string generateStratifiedProgram(std::uint64_t seed);

}  // namespace accord::testing
