// Values as text (for query output and messages) and their display order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/engine/symbol_table.hpp"
#include "accord/engine/value.hpp"

namespace accord::engine {

/// Rule-language text of a value: `turkey`, `"Bloomberg"`, `42`, `0.5`, `2024-06-26`.
std::string formatValue(const Value& value, const SymbolTable& symbols);
/// Plain text of a value, without quotes (for CSV, JSON and typed columns).
std::string plainValue(const Value& value, const SymbolTable& symbols);

/// A confidence rounded to four decimals, without trailing zeros: 1, 0.93, 0.07.
std::string formatConfidence(double confidence);

/// The name of a kind in messages: "symbol", "date (YYYY-MM-DD)", ...
const char* kindName(ValueKind kind);

/// Rule-language text of a fact: `backs(france, rutte)`, or for a keyed relation
/// `vote(turkey, rutte) = block` (the value is the tuple's last column).
/// A row's bindings, `A = hungary, C = rutte` ("" when there are none).
std::string formatBindings(const std::vector<std::string>& names, const std::vector<Value>& values, const SymbolTable& symbols);
std::string formatFact(std::string_view relation, TupleView tuple, bool keyed, const SymbolTable& symbols);

/// Text as a value of `kind` (a fact-file field, a stored column), or by its look when the
/// column is untyped, as rule text: integer, decimal, date, a quoted string (`"a \"b\""`), a
/// quoted symbol (`'United Kingdom'`), else the symbol of the text as it is. nullopt when it
/// is not a `kind`.
std::optional<Value> parseValue(std::string_view text, std::optional<ValueKind> kind, SymbolTable& symbols);
/// Whether parseValue reads untyped `text` as the symbol of that very text (not a number,
/// a date or a quoted string or symbol).
bool readsAsBareSymbol(std::string_view text);

/// The value a column of `kind` stores for `value`, or nullopt when it does not fit. The one
/// conversion: an integer in a decimal column is that decimal (`3` and `3.0` are one value
/// there, wherever the value comes from: rule text, a fact file, a query, a computed head).
std::optional<Value> storedAs(const Value& value, std::optional<ValueKind> kind);

/// Total order for comparisons and output: numbers numerically (integers and decimals
/// together), then dates, then symbols and strings by their text.
int compareValues(const Value& a, const Value& b, const SymbolTable& symbols);

}  // namespace accord::engine
