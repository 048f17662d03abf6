// Query rows as JSON (see query_json.hpp).
#include "accord/engine/query_json.hpp"

#include "accord/engine/value_format.hpp"

namespace accord::engine {

nlohmann::ordered_json valueJson(const Value& value, const SymbolTable& symbols) {
    switch (value.kind) {
        case ValueKind::Integer: return value.asInteger();
        case ValueKind::Decimal: return value.asDecimal();
        default: return plainValue(value, symbols);
    }
}

nlohmann::ordered_json queryRowsJson(const std::vector<QueryRow>& rows, const Pattern& pattern, const SymbolTable& symbols) {
    nlohmann::ordered_json columns = pattern.variables;
    columns.push_back("confidence");
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const QueryRow& row : rows) {
        nlohmann::ordered_json item = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < pattern.variables.size(); ++i) item[pattern.variables[i]] = valueJson(row.values[i], symbols);
        item["confidence"] = row.confidence;
        list.push_back(std::move(item));
    }
    return {{"columns", std::move(columns)}, {"rows", std::move(list)}};
}

}  // namespace accord::engine
