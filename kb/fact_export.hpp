// Writing a relation's rows out of the knowledge base: CSV with a header, or a JSON array
// of objects — both in the form `accord import` reads back (values, then the hidden columns
// _confidence, _source, _since, _until, _origin, _rule, _premises).
#pragma once

#include <ostream>

#include "accord/engine/plan/program_plan.hpp"
#include "accord/kb/database.hpp"
#include "accord/kb/relation_table.hpp"

namespace accord::kb {

enum class ExportFormat { Csv, Json };

/// Writes the rows of `relation` that `filter` selects (RowFilter::Held: what held as of the
/// last run; RowFilter::Asserted: every asserted row), ordered by value. Returns the number
/// of rows written.
std::size_t exportRows(Database& database, const engine::RelationPlan& relation, engine::SymbolTable& symbols, ExportFormat format,
                       RowFilter filter, std::ostream& out);

}  // namespace accord::kb
