// Formatting and ordering of values (see value_format.hpp).
#include "accord/engine/value_format.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/date.hpp"

namespace accord::engine {

std::string formatValue(const Value& value, const SymbolTable& symbols) {
    switch (value.kind) {
        case ValueKind::Symbol: return dsl::formatSymbol(symbols.text(value.asId()));
        case ValueKind::String: return dsl::formatStringLiteral(symbols.text(value.asId()));
        case ValueKind::Integer: return fmt::format("{}", value.asInteger());
        case ValueKind::Decimal: return dsl::formatDecimal(value.asDecimal());
        case ValueKind::Date: return dsl::formatDate(dsl::Date{value.asDate()});
    }
    return "?";
}

std::string plainValue(const Value& value, const SymbolTable& symbols) {
    if (value.kind == ValueKind::String || value.kind == ValueKind::Symbol) return symbols.text(value.asId());
    return formatValue(value, symbols);
}

namespace {

bool isQuoted(std::string_view text, char quote) { return text.size() >= 2 && text.front() == quote && text.back() == quote; }

/// The text of a quoted string or symbol, as dsl::formatStringLiteral and dsl::formatSymbol write it.
std::string unquoted(std::string_view text) {
    std::string unescaped;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 2 < text.size()) {
            char next = text[++i];
            c = next == 'n' ? '\n' : next == 't' ? '\t' : next;
        }
        unescaped += c;
    }
    return unescaped;
}

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

const char* kindName(ValueKind kind) {
    switch (kind) {
        case ValueKind::Symbol: return "symbol";
        case ValueKind::String: return "string";
        case ValueKind::Integer: return "integer";
        case ValueKind::Decimal: return "decimal";
        case ValueKind::Date: return "date (YYYY-MM-DD)";
    }
    return "value";
}

std::string formatConfidence(double confidence) {
    std::string text = fmt::format("{:.4f}", confidence);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string formatBindings(const std::vector<std::string>& names, const std::vector<Value>& values, const SymbolTable& symbols) {
    std::string text;
    for (std::size_t v = 0; v < values.size() && v < names.size(); ++v) {
        text += (v ? ", " : "") + names[v] + " = " + formatValue(values[v], symbols);
    }
    return text;
}

std::string formatFact(std::string_view relation, TupleView tuple, bool keyed, const SymbolTable& symbols) {
    std::string text(relation);
    std::size_t arguments = keyed && !tuple.empty() ? tuple.size() - 1 : tuple.size();
    if (arguments > 0) {
        text += '(';
        for (std::size_t c = 0; c < arguments; ++c) text += (c ? ", " : "") + formatValue(tuple[c], symbols);
        text += ')';
    }
    if (arguments < tuple.size()) text += " = " + formatValue(tuple.back(), symbols);
    return text;
}

namespace {

std::optional<Value> parseInteger(std::string_view text) {
    std::int64_t value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
    return Value::integer(value);
}

std::optional<Value> parseDecimal(std::string_view text) {
    double value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc{} || result.ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return Value::decimal(value);
}

std::optional<Value> parseDateValue(std::string_view text) {
    auto parsed = dsl::parseDate(text);
    return parsed ? std::optional<Value>(Value::date(parsed->days)) : std::nullopt;
}

/// An untyped text that is a number or a date, by its look.
std::optional<Value> parseNumberOrDate(std::string_view text) {
    if (auto v = parseInteger(text)) return v;
    if (auto v = parseDecimal(text)) return v;
    return parseDateValue(text);
}

}  // namespace

bool readsAsBareSymbol(std::string_view text) { return !isQuoted(text, '"') && !isQuoted(text, '\'') && !parseNumberOrDate(text); }

std::optional<Value> parseValue(std::string_view text, std::optional<ValueKind> kind, SymbolTable& symbols) {
    if (!kind) {
        if (isQuoted(text, '"')) return Value::string(symbols.intern(unquoted(text)));
        if (isQuoted(text, '\'')) return Value::symbol(symbols.intern(unquoted(text)));
        if (auto v = parseNumberOrDate(text)) return v;
        return Value::symbol(symbols.intern(text));
    }
    switch (*kind) {
        case ValueKind::Symbol: return Value::symbol(symbols.intern(text));
        case ValueKind::String: return Value::string(symbols.intern(text));
        case ValueKind::Integer: return parseInteger(text);
        case ValueKind::Decimal: {
            if (auto v = parseInteger(text)) return Value::decimal(static_cast<double>(v->asInteger()));
            return parseDecimal(text);
        }
        case ValueKind::Date: return parseDateValue(text);
    }
    return std::nullopt;
}

std::optional<Value> storedAs(const Value& value, std::optional<ValueKind> kind) {
    if (!kind || value.kind == *kind) return value;
    if (*kind == ValueKind::Decimal && value.kind == ValueKind::Integer) return Value::decimal(static_cast<double>(value.asInteger()));
    return std::nullopt;
}

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
