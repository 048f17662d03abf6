// The rows of a query as data: `columns` and `rows` of `accord query --format json`, the
// API's Rows and the Python module's dicts.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "accord/engine/query.hpp"
#include "accord/engine/symbol_table.hpp"
#include "accord/engine/value.hpp"

namespace accord::engine {

/// A number as a JSON number; a symbol, string or date as its plain text.
nlohmann::ordered_json valueJson(const Value& value, const SymbolTable& symbols);

/// `columns` (the query's variables, then confidence) and `rows`, one object each.
nlohmann::ordered_json queryRowsJson(const std::vector<QueryRow>& rows, const Pattern& pattern, const SymbolTable& symbols);

}  // namespace accord::engine
