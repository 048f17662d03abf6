// Relation tables (see relation_table.hpp). Table and column names come from the checked
// program and are quoted all the same; values are always bound.
#include "accord/kb/relation_table.hpp"

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::kb {
namespace {

const char* sqlType(std::optional<engine::ValueKind> kind) {
    if (!kind) return "";
    switch (*kind) {
        case engine::ValueKind::Integer: return " INTEGER";
        case engine::ValueKind::Decimal: return " REAL";
        default: return " TEXT";
    }
}

/// A named CHECK constraint: SQLite's error names the constraint, so its name says what is wrong.
std::string check(const std::string& message, const std::string& condition) {
    return fmt::format(" CONSTRAINT {} CHECK ({})", Database::quoteIdentifier(message), condition);
}

/// What a value column must hold, as a constraint. Untyped columns hold rule text. A date
/// must be a real day: date() with a modifier normalises 2024-02-30 to 2024-03-01, which
/// then differs from the text; and the rule language's dates start in year 1.
std::string valueCheck(const std::string& relation, const std::string& column, std::optional<engine::ValueKind> kind) {
    std::string quoted = Database::quoteIdentifier(column);
    std::string where = relation + "." + column + " must be ";
    if (!kind) return check(where + "the value's rule text", fmt::format("typeof({}) = 'text'", quoted));
    switch (*kind) {
        case engine::ValueKind::Integer: return check(where + "an integer", fmt::format("typeof({}) = 'integer'", quoted));
        case engine::ValueKind::Decimal: return check(where + "a number", fmt::format("typeof({}) = 'real'", quoted));
        case engine::ValueKind::Date:
            return check(where + "a date YYYY-MM-DD",
                         fmt::format("typeof({0}) = 'text' AND date({0}, '+0 days') IS {0} AND {0} >= '0001-01-01'", quoted));
        case engine::ValueKind::String: return check(where + "text (a string)", fmt::format("typeof({}) = 'text'", quoted));
        case engine::ValueKind::Symbol: return check(where + "text (a symbol)", fmt::format("typeof({}) = 'text'", quoted));
    }
    return "";
}

std::string dateCheck(const std::string& relation, const char* column) {
    return check(relation + "." + column + " must be a date YYYY-MM-DD or NULL",
                 fmt::format("{0} IS NULL OR (typeof({0}) = 'text' AND date({0}, '+0 days') IS {0} AND {0} >= '0001-01-01')", column));
}

std::string quoteLiteral(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::optional<std::string> optionalText(const Statement& statement, int column) {
    if (statement.isNull(column)) return std::nullopt;
    return statement.columnText(column);
}

}  // namespace

std::string createTableSql(const engine::RelationPlan& relation) {
    return tableDefinitionSql(relation) + ";\n" + createIndexSql(relation) + "\n" + createTriggersSql(relation.name);
}

std::string tableDefinitionSql(const engine::RelationPlan& relation) {
    std::vector<std::string> names = columnNames(relation);
    std::string definition;
    for (std::size_t c = 0; c < names.size(); ++c) {
        const std::string& name = names[c];
        if (name.front() == '_' || name == "rowid" || name == "oid") {
            throw DatabaseError(fmt::format("column '{}' of '{}' is a name the knowledge base reserves (rowid, oid, or a "
                                            "leading underscore): rename it in the declaration",
                                            name, relation.name),
                                0);
        }
        definition += Database::quoteIdentifier(name) + sqlType(relation.columnKinds[c]) + " NOT NULL" +
                      valueCheck(relation.name, name, relation.columnKinds[c]) + ",\n  ";
    }
    const std::string& r = relation.name;
    definition += "_confidence REAL NOT NULL DEFAULT 1" +
                  check(r + "._confidence must be a number above 0 and at most 1", "_confidence > 0 AND _confidence <= 1") +
                  ",\n  _source TEXT,\n  _since TEXT" + dateCheck(r, "_since") + ",\n  _until TEXT" + dateCheck(r, "_until") +
                  ",\n  _origin TEXT NOT NULL DEFAULT 'asserted'" +
                  check(r + "._origin must be asserted, program or derived", "_origin IN ('asserted', 'program', 'derived')") +
                  ",\n  _rule INTEGER,\n  _premises TEXT,\n  _held INTEGER";
    return "CREATE TABLE " + Database::quoteIdentifier(r) + " (\n  " + definition + "\n)";
}

std::string createTriggersSql(const std::string& relation) {
    std::string sql;
    for (const char* event : {"insert", "update", "delete"}) {
        sql += fmt::format("CREATE TRIGGER {} AFTER {} ON {} BEGIN INSERT OR IGNORE INTO accord_changes(relation) VALUES ({}); END;\n",
                           Database::quoteIdentifier(fmt::format("accord_track_{}_{}", event, relation)), event,
                           Database::quoteIdentifier(relation), quoteLiteral(relation));
    }
    return sql;
}

std::string createIndexSql(const engine::RelationPlan& relation) {
    if (relation.arity == 0) return "";
    std::vector<std::string> names = columnNames(relation);
    std::string columns;
    for (std::size_t c = 0; c < names.size(); ++c) columns += (c ? ", " : "") + Database::quoteIdentifier(names[c]);
    return fmt::format("CREATE INDEX IF NOT EXISTS {} ON {} ({});", Database::quoteIdentifier("accord_index_" + relation.name),
                       Database::quoteIdentifier(relation.name), columns);
}

namespace {

/// Bare symbols are how every symbol was stored before symbols could be quoted (so older
/// files still match), and plainer for those who read the file with SQL.
std::string untypedColumnText(const engine::Value& value, const engine::SymbolTable& symbols) {
    if (value.kind == engine::ValueKind::Symbol && engine::readsAsBareSymbol(symbols.text(value.asId()))) {
        return symbols.text(value.asId());
    }
    return engine::formatValue(value, symbols);
}

}  // namespace

void bindValue(Statement& statement, int index, const engine::Value& value, std::optional<engine::ValueKind> kind,
               const engine::SymbolTable& symbols) {
    if (!kind) {
        statement.bind(index, untypedColumnText(value, symbols));
        return;
    }
    switch (value.kind) {
        case engine::ValueKind::Integer: statement.bind(index, value.asInteger()); break;
        case engine::ValueKind::Decimal: statement.bind(index, value.asDecimal()); break;
        default: statement.bind(index, engine::plainValue(value, symbols)); break;
    }
}

engine::Value readValue(const Statement& statement, int column, std::optional<engine::ValueKind> kind, engine::SymbolTable& symbols) {
    if (!kind) return *engine::parseValue(statement.columnText(column), std::nullopt, symbols);
    switch (*kind) {
        case engine::ValueKind::Integer: return engine::Value::integer(statement.columnInteger(column));
        case engine::ValueKind::Decimal: return engine::Value::decimal(statement.columnDecimal(column));
        case engine::ValueKind::Date: return engine::Value::date(dsl::parseDate(statement.columnText(column)).value_or(dsl::Date{}).days);
        case engine::ValueKind::String: return engine::Value::string(symbols.intern(statement.columnText(column)));
        case engine::ValueKind::Symbol: return engine::Value::symbol(symbols.intern(statement.columnText(column)));
    }
    return engine::Value{};
}

engine::Validity validityOf(const StoredRow& row) {
    engine::Validity validity;
    if (row.since) validity.since = dsl::parseDate(*row.since).value_or(dsl::Date{}).days;
    if (row.until) validity.until = dsl::parseDate(*row.until).value_or(dsl::Date{}).days;
    return validity;
}

const char* rowFilterSql(RowFilter filter) {
    switch (filter) {
        case RowFilter::Held: return "(_origin != 'asserted' OR _held = 1)";
        case RowFilter::Asserted: return "_origin = 'asserted'";
        case RowFilter::Conclusions: return "_origin != 'asserted'";
    }
    return "0";
}

StoredRows readRows(Database& database, const engine::RelationPlan& relation, RowFilter filter, engine::SymbolTable& symbols) {
    std::vector<std::string> names = columnNames(relation);
    std::string columns;
    for (const std::string& name : names) columns += ", " + Database::quoteIdentifier(name);
    std::string sql = fmt::format("SELECT rowid{}, {} FROM {}", columns, kHiddenColumns, Database::quoteIdentifier(relation.name));
    sql += fmt::format(" WHERE {}", rowFilterSql(filter));
    if (filter == RowFilter::Asserted) {
        std::string order;
        for (std::size_t c = 0; c < names.size(); ++c) order += fmt::format("{}, ", c + 2);
        sql += fmt::format(" ORDER BY {}_confidence DESC, _source, _since, _until", order);
    }
    StoredRows out{engine::Relation(relation.name, relation.arity, /*keepDerivations=*/false), {}};
    Statement rows = database.prepare(sql);
    const int hidden = static_cast<int>(names.size()) + 1;
    while (rows.step()) {
        engine::Tuple tuple;
        for (std::size_t c = 0; c < relation.arity; ++c) {
            tuple.push_back(readValue(rows, static_cast<int>(c + 1), relation.columnKinds[c], symbols));
        }
        StoredRow row;
        row.rowid = rows.columnInteger(0);
        row.confidence = rows.columnDecimal(hidden);
        row.source = optionalText(rows, hidden + 1);
        row.since = optionalText(rows, hidden + 2);
        row.until = optionalText(rows, hidden + 3);
        row.origin = rows.columnText(hidden + 4);
        if (!rows.isNull(hidden + 5)) row.rule = rows.columnInteger(hidden + 5);
        row.premises = optionalText(rows, hidden + 6);
        if (!rows.isNull(hidden + 7)) row.held = rows.columnInteger(hidden + 7);
        out.tuples.insert(tuple, row.confidence, engine::Derivation{}, {}, &row.tuple);
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace accord::kb
