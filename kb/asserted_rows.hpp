// Writing asserted rows (by `accord assert`, `retract` and `import`) inside the caller's
// transaction. An asserted row replaces an asserted row with the same values, so asserting
// a fact twice keeps one row. The tables' triggers record every relation touched in
// accord_changes, for the next incremental run.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/text/fact_rows.hpp"
#include "accord/kb/database.hpp"
#include "accord/kb/statement.hpp"

namespace accord::kb {

class AssertedRowWriter {
public:
    AssertedRowWriter(Database& database, const engine::SymbolTable& symbols) : database_(database), symbols_(symbols) {}

    /// Asserts `row`: returns 1.
    std::size_t assertRow(const engine::RelationPlan& relation, const engine::FactRow& row);
    /// Retracts the asserted rows with the values of `tuple`: returns how many there were.
    std::size_t retractRow(const engine::RelationPlan& relation, engine::TupleView tuple);

private:
    struct Statements {
        Statement remove, insert;
    };
    Statements& statementsFor(const engine::RelationPlan& relation);
    std::size_t removeEqual(const engine::RelationPlan& relation, engine::TupleView tuple);

    Database& database_;
    const engine::SymbolTable& symbols_;
    std::map<std::string, Statements> statements_;
};

}  // namespace accord::kb
