// The answer of a search for changes (`accord needs`, the repl's `:needs`, the API) in words
// and as JSON.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "accord/engine/explain/needs.hpp"

namespace accord::engine {

/// The answer in words: the sets of changes, what the search could not look at, its cost.
std::string needsText(const NeedsResult& result, const std::string& goal, const std::string& asOf, std::size_t maxChanges);

/// The answer's fields of `accord needs --format json` (docs/schema/needs.schema.json), from
/// `as_of` on: the sets of changes, whether the search was complete, what it could not look at.
nlohmann::ordered_json needsJson(const NeedsResult& result, const std::string& asOf);

}  // namespace accord::engine
