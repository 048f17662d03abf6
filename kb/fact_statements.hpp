// Facts written in rule syntax by a user outside a rule file (`accord assert`, `retract`,
// `what-if`): each must be a ground fact of a relation of the loaded program, its values
// fitting the relation's declared columns; annotations (@confidence, source, since, until)
// come along.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "engine/engine.hpp"
#include "kb/fact_import.hpp"

namespace accord::kb {

struct ParsedFact {
    engine::RelationId relation = 0;
    ImportedRow row;  ///< the tuple and its annotations
    dsl::SourceSpan span;  ///< the statement
};

/// Parses `text` (added to `sources` as `name`); nullopt with diagnostics when any
/// statement is not such a fact (all or nothing).
std::optional<std::vector<ParsedFact>> parseFactStatements(const std::string& text, const std::string& name, engine::Engine& engine,
                                                           dsl::SourceManager& sources, dsl::Diagnostics& diagnostics);

}  // namespace accord::kb
