// Values as text (for query output and messages) and their display order.
#pragma once

#include <string>

#include "engine/symbol_table.hpp"
#include "engine/value.hpp"

namespace accord::engine {

/// Rule-language text of a value: `turkey`, `"Bloomberg"`, `42`, `0.5`, `2024-06-26`.
std::string formatValue(const Value& value, const SymbolTable& symbols);
/// Plain text of a value, without quotes (for CSV and tables).
std::string plainValue(const Value& value, const SymbolTable& symbols);

/// Total order for comparisons and output: numbers numerically (integers and decimals
/// together), then dates, then symbols and strings by their text.
int compareValues(const Value& a, const Value& b, const SymbolTable& symbols);

}  // namespace accord::engine
