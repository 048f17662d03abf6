// The built-in functions (see functions.hpp).
#include "accord/dsl/functions.hpp"

#include <algorithm>
#include <array>

namespace accord::dsl {
namespace {

constexpr std::array<FunctionSignature, 8> kFunctions{{
    {Function::Abs, "abs", 1, "abs(X): the absolute value of a number"},
    {Function::Min, "min", 2, "min(X, Y): the smaller of two values"},
    {Function::Max, "max", 2, "max(X, Y): the larger of two values"},
    {Function::Year, "year", 1, "year(D): the year of a date"},
    {Function::Month, "month", 1, "month(D): the month of a date, 1 to 12"},
    {Function::Day, "day", 1, "day(D): the day of the month of a date"},
    {Function::YearsBetween, "years_between", 2, "years_between(D1, D2): the whole years from D1 to D2 (an age)"},
    {Function::Today, "today", 0, "today: the date the rules are evaluated as of (--as-of)"},
}};

}  // namespace

std::span<const FunctionSignature> builtinFunctions() { return kFunctions; }

const FunctionSignature* findFunction(std::string_view name) {
    auto it = std::find_if(kFunctions.begin(), kFunctions.end(), [&](const FunctionSignature& f) { return f.name == name; });
    return it == kFunctions.end() ? nullptr : &*it;
}

const FunctionSignature& signatureOf(Function function) { return kFunctions[static_cast<std::size_t>(function)]; }

std::string functionNames() {
    std::string names;
    for (const FunctionSignature& f : kFunctions) names += (names.empty() ? "" : ", ") + std::string(f.name);
    return names;
}

}  // namespace accord::dsl
