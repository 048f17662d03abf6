// Relation tables (see relation_table.hpp). Table and column names come from the checked
// program and are quoted all the same; values are always bound.
#include "kb/relation_table.hpp"

#include <fmt/format.h>

#include "dsl/date.hpp"
#include "engine/value_format.hpp"

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

std::optional<std::string> optionalText(const Statement& statement, int column) {
    if (statement.isNull(column)) return std::nullopt;
    return statement.columnText(column);
}

}  // namespace

engine::Value valueFromRuleText(const std::string& text, engine::SymbolTable& symbols) {
    if (text.empty() || text.front() != '"') return *engine::parseValue(text, std::nullopt, symbols);  // never nullopt untyped
    std::string unescaped;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 2 < text.size()) {
            char next = text[++i];
            c = next == 'n' ? '\n' : next == 't' ? '\t' : next;
        }
        unescaped += c;
    }
    return engine::Value::string(symbols.intern(unescaped));
}

std::vector<std::string> columnNames(const engine::RelationPlan& relation) {
    if (!relation.columnNames.empty()) return relation.columnNames;
    std::vector<std::string> names;
    for (std::size_t c = 0; c < relation.arity; ++c) names.push_back(fmt::format("c{}", c));
    return names;
}

std::string createTableSql(const engine::RelationPlan& relation) {
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
        definition += Database::quoteIdentifier(name) + sqlType(relation.columnKinds[c]) + ", ";
    }
    definition +=
        "_confidence REAL NOT NULL DEFAULT 1, _source TEXT, _since TEXT, _until TEXT, _origin TEXT NOT NULL, _rule INTEGER, "
        "_premises TEXT";
    return "CREATE TABLE " + Database::quoteIdentifier(relation.name) + " (" + definition + ");" + createIndexSql(relation);
}

std::string createIndexSql(const engine::RelationPlan& relation) {
    if (relation.arity == 0) return "";
    std::vector<std::string> names = columnNames(relation);
    std::string columns;
    for (std::size_t c = 0; c < names.size(); ++c) columns += (c ? ", " : "") + Database::quoteIdentifier(names[c]);
    return fmt::format("CREATE INDEX IF NOT EXISTS {} ON {} ({});", Database::quoteIdentifier("accord_index_" + relation.name),
                       Database::quoteIdentifier(relation.name), columns);
}

void bindValue(Statement& statement, int index, const engine::Value& value, std::optional<engine::ValueKind> kind,
               const engine::SymbolTable& symbols) {
    if (!kind) {
        statement.bind(index, engine::formatValue(value, symbols));
        return;
    }
    switch (value.kind) {
        case engine::ValueKind::Integer: statement.bind(index, value.asInteger()); break;
        case engine::ValueKind::Decimal: statement.bind(index, value.asDecimal()); break;
        default: statement.bind(index, engine::plainValue(value, symbols)); break;
    }
}

engine::Value readValue(const Statement& statement, int column, std::optional<engine::ValueKind> kind, engine::SymbolTable& symbols) {
    if (!kind) return valueFromRuleText(statement.columnText(column), symbols);
    switch (*kind) {
        case engine::ValueKind::Integer: return engine::Value::integer(statement.columnInteger(column));
        case engine::ValueKind::Decimal: return engine::Value::decimal(statement.columnDecimal(column));
        case engine::ValueKind::Date:
            return engine::Value::date(dsl::parseDate(statement.columnText(column)).value_or(dsl::Date{}).days);
        case engine::ValueKind::String: return engine::Value::string(symbols.intern(statement.columnText(column)));
        case engine::ValueKind::Symbol: return engine::Value::symbol(symbols.intern(statement.columnText(column)));
    }
    return engine::Value{};
}

StoredRows readRows(Database& database, const engine::RelationPlan& relation, RowFilter filter, engine::SymbolTable& symbols,
                    std::optional<std::int32_t> validOn) {
    std::vector<std::string> names = columnNames(relation);
    std::string columns;
    for (const std::string& name : names) columns += ", " + Database::quoteIdentifier(name);
    std::string sql = fmt::format("SELECT rowid{}, {} FROM {}", columns, kHiddenColumns, Database::quoteIdentifier(relation.name));
    // Dates are stored as YYYY-MM-DD, so text order is date order.
    const char* valid = validOn ? " AND (_since IS NULL OR _since <= ?1) AND (_until IS NULL OR ?1 < _until)" : "";
    if (filter == RowFilter::Asserted) {
        std::string order;
        for (std::size_t c = 0; c < names.size(); ++c) order += fmt::format("{}, ", c + 2);
        sql += fmt::format(" WHERE _origin = 'asserted'{} ORDER BY {}_confidence DESC, _source, _since, _until", valid, order);
    } else if (filter == RowFilter::Conclusions) {
        sql += " WHERE _origin != 'asserted'";
    } else {
        sql += fmt::format(" WHERE (_origin != 'asserted'{})", validOn ? std::string(" OR (1") + valid + ")" : "");
    }
    StoredRows out{engine::Relation(relation.name, relation.arity, /*keepDerivations=*/false), {}};
    Statement rows = database.prepare(sql);
    if (validOn && filter != RowFilter::Conclusions) rows.bind(1, dsl::formatDate(dsl::Date{*validOn}));
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
        out.tuples.insert(tuple, row.confidence, engine::Derivation{}, {}, &row.tuple);
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace accord::kb
