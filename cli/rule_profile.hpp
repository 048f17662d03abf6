// `--profile` of `accord run` and `accord query`: per rule, its time, the facts it derived
// (repeats included) and the tuples its scans visited, summed over the rounds of an
// evaluation, the slowest first. What Soufflé's profiler and `opa eval --profile` give.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "accord/engine/engine.hpp"

namespace accord::cli {

/// `rule NAME`, or the first line of an unnamed rule's text.
std::string ruleLabel(const engine::RuleDescription& rule);

/// A table of the rules that did any work.
std::string profileText(const engine::RunStats& stats, const engine::Engine& engine);

/// The same as an array of `{"rule", "derivations", "visited", "seconds"}`.
nlohmann::ordered_json profileJson(const engine::RunStats& stats, const engine::Engine& engine);

}  // namespace accord::cli
