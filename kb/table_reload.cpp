// Relation tables on reload (see table_reload.hpp). Everything is read and decided first,
// then written: a refused change writes nothing, and no statement is left reading a table
// that is dropped (SQLite refuses to drop a table while a statement of the same connection
// is still stepping through it).
#include "accord/kb/table_reload.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "accord/engine/value_format.hpp"
#include "accord/kb/asserted_rows.hpp"
#include "accord/kb/relation_table.hpp"
#include "accord/kb/statement.hpp"

namespace accord::kb {
namespace {

/// A relation as accord_relations records it.
struct StoredShape {
    std::string name;
    std::size_t arity = 0;
    bool keyed = false;
    std::vector<std::string> columns;
    std::optional<std::vector<std::string>> types;  ///< nullopt: recorded by schema version 2
};

std::vector<std::string> splitList(const std::string& text, std::size_t count) {
    std::vector<std::string> items;
    for (std::size_t start = 0; items.size() < count;) {
        std::size_t comma = std::min(text.find(',', start), text.size());
        items.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return items;
}

/// A column's type as accord_relations records it: the declaration's word, "" when undeclared.
std::string typeText(std::optional<engine::ValueKind> kind) {
    if (!kind) return "";
    switch (*kind) {
        case engine::ValueKind::Symbol: return "symbol";
        case engine::ValueKind::String: return "string";
        case engine::ValueKind::Integer: return "integer";
        case engine::ValueKind::Decimal: return "decimal";
        case engine::ValueKind::Date: return "date";
    }
    return "";
}

std::optional<engine::ValueKind> kindOfTypeText(const std::string& text) {
    for (auto kind : {engine::ValueKind::Symbol, engine::ValueKind::String, engine::ValueKind::Integer, engine::ValueKind::Decimal,
                      engine::ValueKind::Date}) {
        if (typeText(kind) == text) return kind;
    }
    return std::nullopt;
}

std::string typeList(const engine::RelationPlan& relation) {
    std::vector<std::string> types;
    for (const auto& kind : relation.columnKinds) types.push_back(typeText(kind));
    return fmt::format("{}", fmt::join(types, ","));
}

std::string describeType(const std::string& type) { return type.empty() ? "undeclared" : type; }

std::vector<StoredShape> readStoredShapes(Database& database) {
    std::vector<StoredShape> shapes;
    Statement read = database.prepare("SELECT name, arity, keyed, columns, types FROM accord_relations ORDER BY name");
    while (read.step()) {
        StoredShape shape{read.columnText(0), static_cast<std::size_t>(read.columnInteger(1)), read.columnInteger(2) != 0, {}, {}};
        shape.columns = splitList(read.columnText(3), shape.arity);
        if (!read.isNull(4)) shape.types = splitList(read.columnText(4), shape.arity);
        shapes.push_back(std::move(shape));
    }
    return shapes;
}

/// A column's kind from its SQL type, for tables recorded without their types (version 2):
/// TEXT columns are taken to keep the kind the new program gives them when it is textual.
std::optional<engine::ValueKind> kindFromSqlType(const std::string& sqlType, std::optional<engine::ValueKind> next) {
    if (sqlType == "INTEGER") return engine::ValueKind::Integer;
    if (sqlType == "REAL") return engine::ValueKind::Decimal;
    if (sqlType.empty()) return std::nullopt;
    engine::ValueKind kind = next.value_or(engine::ValueKind::Symbol);
    bool textual = kind == engine::ValueKind::Symbol || kind == engine::ValueKind::String || kind == engine::ValueKind::Date;
    return textual ? kind : engine::ValueKind::Symbol;
}

/// The stored relation as a plan, to read its rows with the kinds they were written with.
engine::RelationPlan storedPlan(Database& database, const StoredShape& shape, const engine::RelationPlan* next) {
    engine::RelationPlan plan;
    plan.name = shape.name;
    plan.arity = shape.arity;
    plan.keyed = shape.keyed;
    plan.columnNames = shape.columns;
    std::vector<std::string> sqlTypes;
    if (!shape.types) {
        Statement info = database.prepare("SELECT type FROM pragma_table_info(?1) ORDER BY cid");
        info.bind(1, shape.name);
        while (info.step()) sqlTypes.push_back(info.columnText(0));
    }
    for (std::size_t c = 0; c < shape.arity; ++c) {
        if (shape.types) {
            const std::string& type = (*shape.types)[c];
            plan.columnKinds.push_back(kindOfTypeText(type));
        } else {
            std::optional<engine::ValueKind> nextKind;
            if (next && c < next->columnKinds.size()) nextKind = next->columnKinds[c];
            plan.columnKinds.push_back(kindFromSqlType(c < sqlTypes.size() ? sqlTypes[c] : "", nextKind));
        }
    }
    return plan;
}

std::int64_t assertedRowCount(Database& database, const std::string& name) {
    if (database.tableSql(name).empty()) return 0;
    Statement count = database.prepare("SELECT count(*) FROM " + Database::quoteIdentifier(name) + " WHERE _origin = 'asserted'");
    count.step();
    return count.columnInteger(0);
}

/// The value as a column of kind `to` stores it, if it reads back as the same value.
std::optional<engine::Value> convertValue(const engine::Value& value, std::optional<engine::ValueKind> to, engine::SymbolTable& symbols) {
    if (!to) {  // undeclared columns keep rule text: the value must read back as itself
        return engine::parseValue(engine::formatValue(value, symbols), std::nullopt, symbols) == value ? std::optional(value)
                                                                                                       : std::nullopt;
    }
    if (auto stored = engine::storedAs(value, to)) return stored;
    if (value.kind == engine::ValueKind::Decimal && *to == engine::ValueKind::Integer) {  // 40.0 is 40; 40.5 is not
        double d = value.asDecimal();
        if (d == std::trunc(d) && std::abs(d) < 9.0e15) return engine::Value::integer(static_cast<std::int64_t>(d));
    }
    return std::nullopt;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

class Reload {
public:
    Reload(Database& database, const engine::ProgramPlan& plan, engine::SymbolTable& symbols, const ReloadOptions& options,
           std::vector<std::string>& notes, dsl::Diagnostics& diagnostics)
        : database_(database),
          plan_(plan),
          symbols_(symbols),
          options_(options),
          notes_(notes),
          diagnostics_(diagnostics),
          stored_(readStoredShapes(database)) {}

    bool run() {
        checkOptions();
        for (const engine::RelationPlan& relation : plan_.relations) planRelation(relation);
        for (const StoredShape& shape : stored_) {
            if (!plan_.relationId(shape.name)) planRemoval(shape);
        }
        for (const std::string& spec : options_.defaults) {
            if (!usedDefaults_.contains(spec)) refuse(fmt::format("--default {}: not a column this reload adds", spec));
        }
        for (const std::string& name : options_.dropFacts) {
            if (!usedDropFacts_.contains(name) && (plan_.relationId(name) || storedShape(name))) {
                notes_.push_back(fmt::format("{}: --drop-facts was not needed: its asserted rows are kept", name));
            }
        }
        if (diagnostics_.errorCount() > 0) return false;
        for (const auto& action : actions_) action();
        return true;
    }

private:
    const StoredShape* storedShape(const std::string& name) const {
        for (const StoredShape& shape : stored_) {
            if (shape.name == name) return &shape;
        }
        return nullptr;
    }

    void refuse(std::string message, std::string hint = {}) {
        diagnostics_.fileError(database_.path(), std::move(message), std::move(hint));
    }

    void checkOptions() {
        for (const std::string& name : options_.dropFacts) {
            if (!plan_.relationId(name) && !storedShape(name))
                refuse(fmt::format("--drop-facts: no relation '{}' in the stored or the new program", name));
        }
        for (const std::string& spec : options_.defaults) {
            std::size_t dot = spec.find('.'), equals = spec.find('=');
            if (dot == std::string::npos || equals == std::string::npos || dot > equals) {
                refuse(fmt::format("--default '{}': expected RELATION.COLUMN=VALUE", spec));
            }
        }
    }

    /// The value --default gives `relation.column`, or nullopt (with an error when it does not fit).
    std::optional<engine::Value> defaultValue(const engine::RelationPlan& relation, std::size_t column, bool& given) {
        std::string prefix = relation.name + "." + columnNames(relation)[column] + "=";
        for (const std::string& spec : options_.defaults) {
            if (spec.rfind(prefix, 0) != 0) continue;
            given = true;
            usedDefaults_.insert(spec);
            std::string text = spec.substr(prefix.size());
            auto kind = relation.columnKinds[column];
            std::optional<engine::Value> value = engine::parseValue(text, kind, symbols_);
            if (!value) refuse(fmt::format("--default {}{}: not a value of type {}", prefix, text, typeText(kind)));
            return value;
        }
        return std::nullopt;
    }

    void planRelation(const engine::RelationPlan& relation) {
        const StoredShape* old = storedShape(relation.name);
        if (!old) {
            if (!database_.tableSql(relation.name).empty()) {
                refuse(fmt::format("the knowledge base has a table named '{}' that is not an Accord relation table", relation.name),
                       "rename or drop that table with sqlite3, or rename the relation");
                return;
            }
            if (!stored_.empty()) notes_.push_back(fmt::format("{}: new relation", relation.name));
            actions_.push_back([this, &relation] { create(relation, {}); });
            return;
        }
        // --drop-facts is a permission, used only where the rows cannot follow the change.
        bool mayDrop = contains(options_.dropFacts, relation.name);
        std::string table = database_.tableSql(relation.name);
        bool sameShape = old->arity == relation.arity && old->keyed == relation.keyed && old->columns == columnNames(relation) &&
                         old->types && *old->types == splitList(typeList(relation), relation.arity);
        if (sameShape && table == tableDefinitionSql(relation)) return;

        engine::RelationPlan before = storedPlan(database_, *old, &relation);
        StoredRows rows = table.empty() ? StoredRows{engine::Relation(relation.name, before.arity), {}}
                                        : readRows(database_, before, RowFilter::Asserted, symbols_);
        std::vector<std::string> changes = describeChanges(*old, relation);
        std::vector<engine::FactRow> kept;
        if (convertRows(relation, before, rows, kept, /*report=*/!mayDrop)) {
            changes.push_back(fmt::format("{} asserted row{} kept", kept.size(), kept.size() == 1 ? "" : "s"));
        } else if (mayDrop && diagnostics_.errorCount() == 0) {
            usedDropFacts_.insert(relation.name);
            kept.clear();
            changes.push_back(
                fmt::format("{} asserted row{} dropped, as --drop-facts allowed", rows.rows.size(), rows.rows.size() == 1 ? "" : "s"));
        } else {
            return;
        }
        if (sameShape) changes.insert(changes.begin(), "table rebuilt with the column checks of this version");
        notes_.push_back(fmt::format("{}: {}", relation.name, fmt::join(changes, "; ")));
        actions_.push_back([this, &relation, kept = std::move(kept)] { create(relation, kept); });
    }

    /// The column each new column takes its values from: the same position when the number
    /// of columns is unchanged (a rename is a rename), else the column of the same name.
    std::vector<std::optional<std::size_t>> columnSources(const StoredShape& old, const engine::RelationPlan& relation) const {
        std::vector<std::string> names = columnNames(relation);
        std::vector<std::optional<std::size_t>> sources(relation.arity);
        for (std::size_t c = 0; c < relation.arity; ++c) {
            if (old.arity == relation.arity) {
                sources[c] = c;
            } else if (auto found = std::find(old.columns.begin(), old.columns.end(), names[c]); found != old.columns.end()) {
                sources[c] = static_cast<std::size_t>(found - old.columns.begin());
            }
        }
        return sources;
    }

    std::vector<std::string> describeChanges(const StoredShape& old, const engine::RelationPlan& relation) const {
        std::vector<std::string> changes;
        std::vector<std::string> names = columnNames(relation);
        std::vector<std::string> types = splitList(typeList(relation), relation.arity);
        auto sources = columnSources(old, relation);
        std::vector<bool> used(old.arity, false);
        for (std::size_t c = 0; c < relation.arity; ++c) {
            if (!sources[c]) {
                changes.push_back(fmt::format("column '{}' ({}) added", names[c], describeType(types[c])));
                continue;
            }
            std::size_t from = *sources[c];
            used[from] = true;
            if (old.columns[from] != names[c])
                changes.push_back(fmt::format("column {} renamed from '{}' to '{}'", c + 1, old.columns[from], names[c]));
            if (old.types && (*old.types)[from] != types[c]) {
                changes.push_back(
                    fmt::format("column '{}' changed from {} to {}", names[c], describeType((*old.types)[from]), describeType(types[c])));
            }
        }
        for (std::size_t c = 0; c < old.arity; ++c) {
            if (!used[c]) changes.push_back(fmt::format("column '{}' removed", old.columns[c]));
        }
        if (old.keyed != relation.keyed) changes.push_back(relation.keyed ? "now keyed (its last column is the value)" : "no longer keyed");
        return changes;
    }

    /// The asserted rows in the new shape; false when a value would be lost or altered (with
    /// an error saying so when `report`).
    bool convertRows(const engine::RelationPlan& relation, const engine::RelationPlan& before, const StoredRows& rows,
                     std::vector<engine::FactRow>& out, bool report) {
        const StoredShape& old = *storedShape(relation.name);
        auto sources = columnSources(old, relation);
        std::vector<std::string> names = columnNames(relation);
        std::size_t count = rows.rows.size();
        std::string atStake = fmt::format("{} asserted row{}", count, count == 1 ? "" : "s");
        std::string hint = fmt::format(
            "export them first (`accord export {0} --asserted --format json > {0}.json`), then reload with --drop-facts {0} "
            "and import what still fits; or keep the relation as it was",
            relation.name);
        bool ok = true;
        std::vector<std::optional<engine::Value>> defaults(relation.arity);
        for (std::size_t c = 0; c < relation.arity; ++c) {
            if (sources[c]) continue;
            bool given = false;
            defaults[c] = defaultValue(relation, c, given);
            if (count == 0) continue;  // nothing needs the value: it was still checked
            if (defaults[c]) {
                notes_.push_back(fmt::format("{}: its {} got {} = {} (--default)", relation.name, atStake, names[c],
                                             engine::formatValue(*defaults[c], symbols_)));
            }
            if (!given && report) {
                refuse(fmt::format("relation '{}' gains column '{}', and its {} need a value for it", relation.name, names[c], atStake),
                       fmt::format("give one with --default {}.{}=VALUE, or {}", relation.name, names[c], hint));
            }
            ok = ok && given && defaults[c].has_value();
        }
        if (count == 0) return ok;
        std::vector<bool> used(before.arity, false);
        for (const auto& source : sources) {
            if (source) used[*source] = true;
        }
        for (std::size_t c = 0; c < before.arity; ++c) {
            if (used[c]) continue;
            if (report)
                refuse(fmt::format("relation '{}' loses column '{}': the values of its {} in it would be dropped", relation.name,
                                   before.columnNames[c], atStake),
                       hint);
            ok = false;
        }
        if (!ok) return false;
        std::vector<std::size_t> altered(relation.arity, 0);
        std::vector<std::string> example(relation.arity);
        for (const StoredRow& row : rows.rows) {
            engine::TupleView tuple = rows.tuples.tuple(row.tuple);
            engine::FactRow converted;
            for (std::size_t c = 0; c < relation.arity; ++c) {
                std::optional<engine::Value> value =
                    sources[c] ? convertValue(tuple[*sources[c]], relation.columnKinds[c], symbols_) : defaults[c];
                if (!value) {
                    if (altered[c]++ == 0) example[c] = engine::formatFact(relation.name, tuple, before.keyed, symbols_);
                    value = engine::Value{};
                }
                converted.tuple.push_back(*value);
            }
            converted.confidence = row.confidence;
            converted.source = row.source;
            if (row.since) converted.since = validityOf(row).since;
            if (row.until) converted.until = validityOf(row).until;
            out.push_back(std::move(converted));
        }
        for (std::size_t c = 0; c < relation.arity; ++c) {
            if (altered[c] == 0) continue;
            if (report)
                refuse(fmt::format("relation '{}': column '{}' would change from {} to {}, which would alter {} of its {} (e.g. {})",
                                   relation.name, names[c], describeType(typeText(before.columnKinds[*sources[c]])),
                                   describeType(typeText(relation.columnKinds[c])), altered[c], atStake, example[c]),
                       hint);
            ok = false;
        }
        return ok;
    }

    void planRemoval(const StoredShape& shape) {
        std::int64_t asserted = assertedRowCount(database_, shape.name);
        bool dropFacts = contains(options_.dropFacts, shape.name);
        if (asserted > 0 && !dropFacts) {
            refuse(fmt::format("relation '{}' is no longer in the program, and its table holds {} asserted row{}", shape.name, asserted,
                               asserted == 1 ? "" : "s"),
                   fmt::format("keep the relation, or export its rows first (`accord export {0} --asserted --format json > {0}.json`) "
                               "and reload with --drop-facts {0}",
                               shape.name));
            return;
        }
        if (asserted > 0) usedDropFacts_.insert(shape.name);
        notes_.push_back(fmt::format(
            "{}: no longer in the program; its table was dropped{}", shape.name,
            asserted > 0 ? fmt::format(" with its {} asserted rows, as --drop-facts allowed", asserted) : " (it held no asserted rows)"));
        actions_.push_back([this, name = shape.name] {
            database_.execute("DROP TABLE IF EXISTS " + Database::quoteIdentifier(name));
            database_.prepare("DELETE FROM accord_relations WHERE name = ?1").bind(1, name).run();
            database_.prepare("DELETE FROM accord_changes WHERE relation = ?1").bind(1, name).run();
        });
    }

    /// (Re)creates a relation's table with `rows` asserted in it. A rebuilt table has lost its
    /// conclusions: it is recorded as changed, so the next run evaluates it again.
    void create(const engine::RelationPlan& relation, const std::vector<engine::FactRow>& rows) {
        bool rebuilt = !database_.tableSql(relation.name).empty();
        database_.execute("DROP TABLE IF EXISTS " + Database::quoteIdentifier(relation.name));
        database_.execute(createTableSql(relation));
        AssertedRowWriter writer(database_, symbols_);
        for (const engine::FactRow& row : rows) writer.assertRow(relation, row);
        database_.prepare("INSERT OR REPLACE INTO accord_relations(name, arity, keyed, columns, types) VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(1, relation.name)
            .bind(2, static_cast<std::int64_t>(relation.arity))
            .bind(3, std::int64_t{relation.keyed})
            .bind(4, fmt::format("{}", fmt::join(columnNames(relation), ",")))
            .bind(5, typeList(relation))
            .run();
        if (rebuilt) database_.prepare("INSERT OR IGNORE INTO accord_changes(relation) VALUES (?1)").bind(1, relation.name).run();
    }

    Database& database_;
    const engine::ProgramPlan& plan_;
    engine::SymbolTable& symbols_;
    const ReloadOptions& options_;
    std::vector<std::string>& notes_;
    dsl::Diagnostics& diagnostics_;
    std::vector<StoredShape> stored_;
    std::vector<std::function<void()>> actions_;
    std::set<std::string> usedDefaults_, usedDropFacts_;
};

}  // namespace

bool reloadRelationTables(Database& database, const engine::ProgramPlan& plan, engine::SymbolTable& symbols, const ReloadOptions& options,
                          std::vector<std::string>& notes, dsl::Diagnostics& diagnostics) {
    for (const engine::RelationPlan& relation : plan.relations) {
        if (relation.name.rfind("accord_", 0) == 0 || relation.name.rfind("sqlite_", 0) == 0) {
            diagnostics.fileError(database.path(),
                                  fmt::format("relation name '{}' is reserved for the knowledge base's own tables", relation.name));
        }
        for (const std::string& name : columnNames(relation)) {
            if (name.front() == '_' || name == "rowid" || name == "oid") {
                diagnostics.fileError(database.path(),
                                      fmt::format("column '{}' of '{}' is a name the knowledge base reserves (rowid, oid, or a leading "
                                                  "underscore): rename it in the declaration",
                                                  name, relation.name));
            }
        }
    }
    if (diagnostics.errorCount() > 0) return false;
    return Reload(database, plan, symbols, options, notes, diagnostics).run();
}

}  // namespace accord::kb
