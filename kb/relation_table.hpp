// A relation's table in the knowledge base: its column names and SQL types, values bound
// and read back by each column's declared kind, and its rows read as engine tuples.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/relation.hpp"
#include "accord/kb/database.hpp"
#include "accord/kb/statement.hpp"

namespace accord::kb {

/// The hidden columns every relation table has after its own, in this order.
inline constexpr const char* kHiddenColumns = "_confidence, _source, _since, _until, _origin, _rule, _premises, _held";

/// `CREATE TABLE` for a relation, with its index and the triggers that record a change of
/// its rows in accord_changes (whoever writes them: accord, or a user with sqlite3). Each
/// column has a CHECK constraint, so that a value that does not fit is refused when written.
std::string createTableSql(const engine::RelationPlan& relation);
/// The CREATE TABLE statement alone, without its semicolon: the text SQLite keeps for the
/// table in sqlite_schema, to tell whether a stored table is the one this version makes.
std::string tableDefinitionSql(const engine::RelationPlan& relation);
/// The change-recording triggers alone (for tables made by an older version).
std::string createTriggersSql(const std::string& relation);
/// An index on a relation's value columns (named accord_index_R: relation names cannot
/// start with accord_, so it never meets a table), for asserts, retracts and lookups.
std::string createIndexSql(const engine::RelationPlan& relation);

/// Binds a value as its column stores it: typed columns hold plain values (integer, real,
/// text); untyped ones the value's rule text, except that a symbol that reads back as
/// itself is stored bare (`United Kingdom`, not `'United Kingdom'`).
void bindValue(Statement& statement, int index, const engine::Value& value, std::optional<engine::ValueKind> kind,
               const engine::SymbolTable& symbols);
/// A value read back from a column (the inverse of bindValue).
engine::Value readValue(const Statement& statement, int column, std::optional<engine::ValueKind> kind, engine::SymbolTable& symbols);

/// One stored row, beside its tuple.
struct StoredRow {
    std::int64_t rowid = 0;
    engine::TupleId tuple = 0;  ///< into StoredRows::tuples
    double confidence = 1;
    std::optional<std::string> source;
    std::optional<std::string> since, until;
    std::string origin;
    std::optional<std::int64_t> rule;
    std::optional<std::string> premises;
    std::optional<std::int64_t> held;  ///< asserted rows: whether it held as of the last run (null: not run since)
};

/// The dates a stored row is valid between.
engine::Validity validityOf(const StoredRow& row);

/// A table's rows: their distinct tuples (as a relation, each with its best confidence) and
/// each row with its hidden columns.
struct StoredRows {
    engine::Relation tuples;
    std::vector<StoredRow> rows;
};

/// Which rows to read.
enum class RowFilter {
    Held,  ///< what held as of the last run: its conclusions, and the asserted rows it found holding
    Asserted,  ///< every asserted row, in the order of their values
    Conclusions  ///< the rows the last run wrote (derived rows and the program's facts)
};

/// The SQL condition that selects the rows of a filter.
const char* rowFilterSql(RowFilter filter);

/// Reads a relation's rows; Asserted rows come in the order of their values, so that
/// loading them gives the same run whatever order they were asserted in.
StoredRows readRows(Database& database, const engine::RelationPlan& relation, RowFilter filter, engine::SymbolTable& symbols);

}  // namespace accord::kb
