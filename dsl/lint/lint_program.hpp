// The lints of `accord check`: warnings about what a model's text says that is valid but
// almost certainly not meant (a rule that can never fire, a value that never wins, a
// comparison that is always false). Each has a name (dsl/lint/lint_names.hpp) by which it
// is allowed. They run on a program that passed the checks, and only where asked for
// (`accord check`, the language server): evaluation does not need them.
#pragma once

#include <optional>

#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/loader.hpp"

namespace accord::dsl::lint {

/// Runs every lint below, then drops what the program's allow comments allow.
void lintProgram(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics);

// ---- The lints, one concern each (their own files) ------------------------------------

/// unused-relation: a declared relation no fact, rule or condition names.
/// never-fires: a rule with a condition on a relation that no fact gives and no rule can
/// derive (facts asserted later would: allowing never-fires at the relation's declaration
/// says its facts come from elsewhere).
void lintRelationUse(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics);

/// never-wins and unused-default: a keyed rule another rule covers (applies whenever it
/// does, to the same key, at least as surely) with a value that overrides its value, or,
/// for a default, with any value at all.
void lintCoveredValues(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics);

/// constant-comparison (`X != X`, `1 > 2`) and contradiction (`p(X) and not p(X)`, one key
/// with two values) in any conjunction of the program.
void lintConditions(const CheckedProgram& checked, Diagnostics& diagnostics);

/// fact-clash: two facts giving one key different values in overlapping periods, with no
/// resolution to order them (the run stops on them), neither below the program's threshold.
void lintFactClashes(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics);

}  // namespace accord::dsl::lint
