// Formatting and ordering of values (see value_format.hpp).
#include "engine/value_format.hpp"

#include <fmt/format.h>

#include "dsl/ast_printer.hpp"
#include "dsl/date.hpp"

namespace accord::engine {

std::string formatValue(const Value& value, const SymbolTable& symbols) {
    switch (value.kind) {
        case ValueKind::Symbol: return symbols.text(value.asId());
        case ValueKind::String: return dsl::formatStringLiteral(symbols.text(value.asId()));
        case ValueKind::Integer: return fmt::format("{}", value.asInteger());
        case ValueKind::Decimal: return dsl::formatDecimal(value.asDecimal());
        case ValueKind::Date: return dsl::formatDate(dsl::Date{value.asDate()});
    }
    return "?";
}

std::string plainValue(const Value& value, const SymbolTable& symbols) {
    if (value.kind == ValueKind::String) return symbols.text(value.asId());
    return formatValue(value, symbols);
}

namespace {

int rank(ValueKind kind) {
    switch (kind) {
        case ValueKind::Integer:
        case ValueKind::Decimal: return 0;
        case ValueKind::Date: return 1;
        case ValueKind::Symbol: return 2;
        case ValueKind::String: return 3;
    }
    return 4;
}

template <typename T>
int threeWay(T a, T b) {
    return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

int compareValues(const Value& a, const Value& b, const SymbolTable& symbols) {
    if (rank(a.kind) != rank(b.kind)) return threeWay(rank(a.kind), rank(b.kind));
    switch (a.kind) {
        case ValueKind::Integer:
            if (b.kind == ValueKind::Integer) return threeWay(a.asInteger(), b.asInteger());
            return threeWay(static_cast<double>(a.asInteger()), b.asDecimal());
        case ValueKind::Decimal:
            return threeWay(a.asDecimal(), b.kind == ValueKind::Decimal ? b.asDecimal() : static_cast<double>(b.asInteger()));
        case ValueKind::Date: return threeWay(a.asDate(), b.asDate());
        case ValueKind::Symbol:
        case ValueKind::String:
            if (a.bits == b.bits) return 0;
            return symbols.text(a.asId()).compare(symbols.text(b.asId())) < 0 ? -1 : 1;
    }
    return 0;
}

}  // namespace accord::engine
