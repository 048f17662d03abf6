// The built-in functions of the rule language, defined once: their names and arities for
// the parser and the checker, and the enum the plan and the evaluator use.
//
//   abs(X)  min(X, Y)  max(X, Y)  year(D)  month(D)  day(D)  years_between(D1, D2)  today
//
// `today` is the evaluation's date (`--as-of`), written without parentheses.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace accord::dsl {

enum class Function : std::uint8_t { Abs, Min, Max, Year, Month, Day, YearsBetween, Today };

struct FunctionSignature {
    Function function;
    std::string_view name;
    std::size_t arity;
    std::string_view summary;  ///< for error messages and docs: `years_between(D1, D2): whole years from D1 to D2`
};

std::span<const FunctionSignature> builtinFunctions();
/// The function named `name`, or nullptr.
const FunctionSignature* findFunction(std::string_view name);
const FunctionSignature& signatureOf(Function function);
/// "abs, min, max, year, month, day, years_between, today": for "unknown function" errors.
std::string functionNames();

}  // namespace accord::dsl
