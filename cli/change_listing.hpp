// What the commands that list changed conclusions (`what-if`, `diff`) share: their
// arguments (rule files, then optionally a query to restrict the list to) and the warning for a removed fact that was not there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/command_output.hpp"
#include "accord/engine/explain/conclusion_diff.hpp"
#include "accord/engine/query.hpp"

namespace accord::cli {

/// Takes the last argument as the query when no file or directory has its name; "" when
/// there is none. Nullopt (with the error reported) when it looks like a mistyped path
/// (`rules/nato.rule`), which would otherwise be parsed as a query.
std::optional<std::string> takeQuery(std::vector<std::string>& arguments, CommandOutput& output);

/// A warning for each fact a change removes that was not a fact.
void warnNotFound(const std::vector<std::string>& facts, CommandOutput& output);

}  // namespace accord::cli
