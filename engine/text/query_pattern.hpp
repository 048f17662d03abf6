// A query as text (`vote(A, rutte) = V`) read into a Pattern over a program's relations:
// variables become the output columns, `_` matches anything, a keyed relation's value may
// be left out (and is then shown, under its column's name), and constants are fitted to
// their columns as facts' values are (so that
// `price(x, 3)` asks for the decimal 3.0 a decimal column holds).
#pragma once

#include <optional>
#include <string>

#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/query.hpp"

namespace accord::engine {

/// The column a keyed relation's value, left out of a query, is shown under: the value
/// column's declared name, or `value` when undeclared or when the name is one the output
/// gives a column of its own (`confidence`, and `as_of` with --over).
std::string leftOutValueColumn(const RelationPlan& relation);

/// Parses `text` (added to `sources` as `name`; the final '.' optional); nullopt with
/// diagnostics when it is not one atom of a relation of `plan`.
std::optional<Pattern> parseQueryPattern(const std::string& text, const std::string& name, const ProgramPlan& plan, SymbolTable& symbols,
                                         dsl::SourceManager& sources, dsl::Diagnostics& diagnostics);

}  // namespace accord::engine
