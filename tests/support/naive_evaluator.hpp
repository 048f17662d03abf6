// The test oracle: a deliberately simple evaluator, independent of the engine's planner,
// indexes and semi-naive loop. It interprets the checked AST directly with bindings in a
// map, re-runs every rule of a stratum over the full relations until nothing changes, and
// returns every relation as text. Slow on purpose; correct by being obvious.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/loader.hpp"

namespace accord::testing {

/// relation -> (tuple as text, e.g. "(turkey, rutte, block)") -> confidence
using NaiveResult = std::map<std::string, std::map<std::string, double>>;

struct NaiveOutcome {
    NaiveResult relations;
    std::string error;  ///< non-empty when the run fails (clash, arithmetic); the relations are then partial
};

/// As of `asOf`, with nothing holding below `minConfidence` (default: the program's threshold).
NaiveOutcome evaluateNaively(const dsl::LoadedProgram& loaded, const dsl::CheckedProgram& checked, std::int32_t asOf,
                             std::optional<double> minConfidence = std::nullopt);

}  // namespace accord::testing
