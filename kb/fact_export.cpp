// Export (see fact_export.hpp).
#include "accord/kb/fact_export.hpp"

#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

#include "accord/dsl/fact_file.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/relation_table.hpp"

namespace accord::kb {
namespace {

/// A value as the column's import reads it: plain for typed columns, rule text otherwise.
std::string fieldText(const engine::Value& value, std::optional<engine::ValueKind> kind, const engine::SymbolTable& symbols) {
    return kind ? engine::plainValue(value, symbols) : engine::formatValue(value, symbols);
}

nlohmann::json jsonValue(const engine::Value& value, std::optional<engine::ValueKind> kind, const engine::SymbolTable& symbols) {
    if (kind && value.kind == engine::ValueKind::Integer) return value.asInteger();
    if (kind && value.kind == engine::ValueKind::Decimal) return value.asDecimal();
    return fieldText(value, kind, symbols);
}

}  // namespace

std::size_t exportRows(Database& database, const engine::RelationPlan& relation, engine::SymbolTable& symbols, ExportFormat format,
                       RowFilter filter, std::ostream& out) {
    StoredRows stored = readRows(database, relation, filter, symbols);
    std::vector<std::size_t> order(stored.rows.size());
    std::iota(order.begin(), order.end(), 0);
    auto less = [&](std::size_t a, std::size_t b) {
        engine::TupleView x = stored.tuples.tuple(stored.rows[a].tuple), y = stored.tuples.tuple(stored.rows[b].tuple);
        for (std::size_t c = 0; c < x.size(); ++c) {
            if (int compared = engine::compareValues(x[c], y[c], symbols)) return compared < 0;
        }
        return stored.rows[a].origin < stored.rows[b].origin;
    };
    std::stable_sort(order.begin(), order.end(), less);
    const std::vector<std::string> names = columnNames(relation);
    nlohmann::json array = nlohmann::json::array();
    if (format == ExportFormat::Csv) {
        for (const std::string& name : names) out << dsl::quoteCsvField(name) << ',';
        out << "_confidence,_source,_since,_until,_origin,_rule,_premises\r\n";
    }
    for (std::size_t i : order) {
        const StoredRow& row = stored.rows[i];
        engine::TupleView tuple = stored.tuples.tuple(row.tuple);
        if (format == ExportFormat::Csv) {
            for (std::size_t c = 0; c < tuple.size(); ++c)
                out << dsl::quoteCsvField(fieldText(tuple[c], relation.columnKinds[c], symbols)) << ',';
            out << nlohmann::json(row.confidence).dump() << ',' << dsl::quoteCsvField(row.source.value_or("")) << ','
                << row.since.value_or("") << ',' << row.until.value_or("") << ',' << row.origin << ','
                << (row.rule ? std::to_string(*row.rule) : "") << ',' << dsl::quoteCsvField(row.premises.value_or("")) << "\r\n";
            continue;
        }
        nlohmann::json object = nlohmann::json::object();
        for (std::size_t c = 0; c < tuple.size(); ++c) object[names[c]] = jsonValue(tuple[c], relation.columnKinds[c], symbols);
        object["_confidence"] = row.confidence;
        if (row.source) object["_source"] = *row.source;
        if (row.since) object["_since"] = *row.since;
        if (row.until) object["_until"] = *row.until;
        object["_origin"] = row.origin;
        if (row.rule) object["_rule"] = *row.rule;
        if (row.premises) object["_premises"] = nlohmann::json::parse(*row.premises, nullptr, false);
        array.push_back(std::move(object));
    }
    if (format == ExportFormat::Json) out << array.dump(2) << '\n';
    return order.size();
}

}  // namespace accord::kb
