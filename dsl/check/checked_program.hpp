// The front end's result: a loaded program that passed every check, with what the
// checks learned (relations, desugared clauses, strata), ready for the engine.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/check/relation_catalog.hpp"
#include "accord/dsl/check/stratification.hpp"
#include "accord/dsl/desugar.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/loader.hpp"

namespace accord::dsl {

struct CheckedProgram {
    check::RelationCatalog relations;
    std::vector<Clause> clauses;  ///< point into the LoadedProgram's ASTs
    std::vector<check::Stratum> strata;
    std::optional<double> threshold;  ///< `threshold C.`: conclusions below C do not hold
};

/// Lifts the alternatives inside aggregates and `for all` domains into helper relations
/// (dsl/lift_alternatives.hpp: `program` changes), then runs every check in order
/// (declarations, safety, types, rules, resolutions, stratification), each reporting all it
/// finds. Returns nullopt if any error was reported.
std::optional<CheckedProgram> checkProgram(LoadedProgram& program, Diagnostics& diagnostics);

}  // namespace accord::dsl
