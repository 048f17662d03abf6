// What `accord load` does to the relation tables when the program changes: it compares the
// stored shape of every relation (name, columns, their types, keyed or not) with the new
// program's, and migrates each table whose shape changed, keeping its asserted rows.
//
// A change that keeps every asserted value as it was is made: a new relation, a renamed
// column (same position), a widened type (integer to decimal, any type to undeclared), a
// type whose values all convert exactly (decimal 40.0 to integer 40; an undeclared column
// declared with the type its values already have), a column added with a value given for
// the existing rows (--default R.column=VALUE). A change that would drop or alter an
// asserted value is refused, naming the relation, what changed and how many rows are at
// stake: a removed relation or column, a type its values do not fit — unless the user
// allows that relation's rows to be dropped (--drop-facts R, a permission used only where
// the rows cannot follow). Conclusions are not kept across a rebuild: the next run
// derives them again.
#pragma once

#include <string>
#include <vector>

#include "accord/dsl/diagnostic.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/kb/database.hpp"

namespace accord::kb {

struct ReloadOptions {
    std::vector<std::string> dropFacts = {};  ///< relations whose asserted rows may be dropped
    std::vector<std::string> defaults = {};  ///< "relation.column=value": an added column's value for the stored rows
};

/// Brings the relation tables to `plan`, inside the caller's transaction. False with an
/// error for each refused change (and nothing written that the caller should commit);
/// `notes` says in words what was changed.
bool reloadRelationTables(Database& database, const engine::ProgramPlan& plan, engine::SymbolTable& symbols, const ReloadOptions& options,
                          std::vector<std::string>& notes, dsl::Diagnostics& diagnostics);

}  // namespace accord::kb
