// Writing a relation's rows out of the knowledge base: CSV with a header, or a JSON array
// of objects — both in the form `accord import` reads back (values, then the hidden columns
// _confidence, _source, _since, _until, _origin, _rule, _premises).
#pragma once

#include <ostream>

#include "engine/plan/program_plan.hpp"
#include "kb/database.hpp"

namespace accord::kb {

enum class ExportFormat { Csv, Json };

/// Writes the rows of `relation` (all of them, or only the asserted ones), ordered by value.
/// Returns the number of rows written.
std::size_t exportRows(Database& database, const engine::RelationPlan& relation, engine::SymbolTable& symbols, ExportFormat format,
                       bool assertedOnly, std::ostream& out);

}  // namespace accord::kb
