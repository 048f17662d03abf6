// The answer of a search for changes (`accord needs`, the repl's `:needs`) in words.
#pragma once

#include <string>

#include "engine/explain/needs.hpp"

namespace accord::cli {

/// The answer in words: the sets of changes, what the search could not look at, its cost.
std::string needsText(const engine::NeedsResult& result, const std::string& goal, const std::string& asOf, std::size_t maxChanges);

}  // namespace accord::cli
