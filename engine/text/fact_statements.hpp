// Facts written in rule syntax outside a rule file (`accord assert`, `retract`, `what-if`,
// scenarios, the fact `why-not` or `needs` is asked about): each must be a ground fact of a
// relation of the loaded program, its values fitting the relation's columns (see
// column_fit.hpp); annotations (@confidence, source, since, until) come along.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/text/fact_rows.hpp"

namespace accord::engine {

struct ParsedFact {
    RelationId relation = 0;
    FactRow row;  ///< the tuple and its annotations
    dsl::SourceSpan span;  ///< the statement
};

/// Parses `text` (added to `sources` as `name`) against `plan` (interning into `symbols`,
/// its symbol table); nullopt with diagnostics when any statement is not such a fact (all
/// or nothing).
std::optional<std::vector<ParsedFact>> parseFactStatements(const std::string& text, const std::string& name, const ProgramPlan& plan,
                                                           SymbolTable& symbols, dsl::SourceManager& sources,
                                                           dsl::Diagnostics& diagnostics);

/// One fact without annotations, its final '.' optional (`vote(turkey, rutte) = block`): the
/// fact a question is about. nullopt with diagnostics when it is not one such fact.
std::optional<ParsedFact> parseGroundFact(const std::string& text, const std::string& name, const ProgramPlan& plan, SymbolTable& symbols,
                                          dsl::SourceManager& sources, dsl::Diagnostics& diagnostics);

/// Text typed as one or more statements, with the final '.' added when it was left out
/// (`backs(turkey, rutte) @0.9` becomes `backs(turkey, rutte) @0.9.`).
std::string withFinalPeriod(std::string text);

}  // namespace accord::engine
