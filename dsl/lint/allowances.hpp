// Allowing warnings: `# accord: allow NAME[, NAME...]` on the line above a statement (or at
// the end of its last line) silences those warnings within that statement; `accord check
// --allow NAME` silences one everywhere. Only warnings can be allowed, never errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/loader.hpp"

namespace accord::dsl::lint {

/// Reads the allow comments of a parsed file into `program.allowances`; warns of names that
/// are no warning's and of comments that precede no statement.
void collectAllowances(ast::Program& program, std::string_view text, Diagnostics& diagnostics);

/// Drops the warnings the files' allow comments, or `allowedEverywhere`, silence.
void applyAllowances(const LoadedProgram& program, const std::vector<std::string>& allowedEverywhere, Diagnostics& diagnostics);

}  // namespace accord::dsl::lint
