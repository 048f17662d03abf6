// A relation's table in the knowledge base: its column names and SQL types, values bound
// and read back by each column's declared kind, and its rows read as engine tuples.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/plan/program_plan.hpp"
#include "engine/relation.hpp"
#include "kb/database.hpp"
#include "kb/statement.hpp"

namespace accord::kb {

/// The hidden columns every relation table has after its own, in this order.
inline constexpr const char* kHiddenColumns = "_confidence, _source, _since, _until, _origin, _rule, _premises";

/// Column names of a relation's table: the declared names, or c0, c1, ...
std::vector<std::string> columnNames(const engine::RelationPlan& relation);
/// `CREATE TABLE` for a relation, with its index.
std::string createTableSql(const engine::RelationPlan& relation);
/// An index on a relation's value columns (named accord_index_R: relation names cannot
/// start with accord_, so it never meets a table), for asserts, retracts and lookups.
std::string createIndexSql(const engine::RelationPlan& relation);

/// Binds a value as its column stores it: typed columns hold plain values (integer, real,
/// text); untyped ones the value's rule text.
void bindValue(Statement& statement, int index, const engine::Value& value, std::optional<engine::ValueKind> kind,
               const engine::SymbolTable& symbols);
/// A value read back from a column (the inverse of bindValue).
engine::Value readValue(const Statement& statement, int column, std::optional<engine::ValueKind> kind,
                        engine::SymbolTable& symbols);

/// A value from its rule text (`turkey`, `42`, `"a string"`): how untyped columns store values.
engine::Value valueFromRuleText(const std::string& text, engine::SymbolTable& symbols);

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
};

/// A table's rows: their distinct tuples (as a relation, each with its best confidence) and
/// each row with its hidden columns.
struct StoredRows {
    engine::Relation tuples;
    std::vector<StoredRow> rows;
};

/// Which rows to read.
enum class RowFilter { All, Asserted, Conclusions };

/// Reads a relation's rows; Asserted rows come in the order of their values, so that
/// loading them gives the same run whatever order they were asserted in. With `validOn`,
/// asserted rows not valid on that day are left out.
StoredRows readRows(Database& database, const engine::RelationPlan& relation, RowFilter filter, engine::SymbolTable& symbols,
                    std::optional<std::int32_t> validOn = std::nullopt);

}  // namespace accord::kb
