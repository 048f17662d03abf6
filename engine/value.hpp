// Values and tuples as the evaluator sees them: no text, only interned ids and numbers.
//
// A Value is a kind tag and 64 bits: symbols and strings are ids into the SymbolTable,
// integers are int64, decimals are the bits of a double, dates are days since 1970-01-01.
// Example: `vote(turkey, rutte) = block` is the tuple [Symbol#3, Symbol#7, Symbol#12].
#pragma once

#include <bit>
#include <compare>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace accord::engine {

enum class ValueKind : std::uint8_t { Symbol, String, Integer, Decimal, Date };

struct Value {
    std::uint64_t bits = 0;
    ValueKind kind = ValueKind::Integer;

    static Value symbol(std::uint32_t id) { return {id, ValueKind::Symbol}; }
    static Value string(std::uint32_t id) { return {id, ValueKind::String}; }
    static Value integer(std::int64_t v) { return {static_cast<std::uint64_t>(v), ValueKind::Integer}; }
    static Value decimal(double v) { return {std::bit_cast<std::uint64_t>(v), ValueKind::Decimal}; }
    static Value date(std::int32_t days) { return {static_cast<std::uint64_t>(static_cast<std::int64_t>(days)), ValueKind::Date}; }

    std::int64_t asInteger() const { return static_cast<std::int64_t>(bits); }
    double asDecimal() const { return std::bit_cast<double>(bits); }
    std::int32_t asDate() const { return static_cast<std::int32_t>(static_cast<std::int64_t>(bits)); }
    std::uint32_t asId() const { return static_cast<std::uint32_t>(bits); }
    bool isNumeric() const { return kind == ValueKind::Integer || kind == ValueKind::Decimal; }

    /// Identity, as used by joins and deduplication (kind and bits).
    friend bool operator==(const Value& a, const Value& b) { return a.bits == b.bits && a.kind == b.kind; }
    /// An order consistent with identity (kind, then bits), for sorted containers and
    /// grouping; not the order values are shown in (that is compareValues, in value_format).
    friend std::strong_ordering operator<=>(const Value& a, const Value& b) {
        if (auto order = a.kind <=> b.kind; order != 0) return order;
        return a.bits <=> b.bits;
    }
};

using Tuple = std::vector<Value>;
using TupleView = std::span<const Value>;

inline std::uint64_t mixHash(std::uint64_t h, std::uint64_t v) {
    // splitmix64-style mixing: fast, and every bit of v moves every bit of the result.
    v += 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ull;
    v = (v ^ (v >> 27)) * 0x94D049BB133111EBull;
    return h ^ (v ^ (v >> 31));
}

inline std::uint64_t hashValue(const Value& value) { return mixHash(static_cast<std::uint64_t>(value.kind), value.bits); }

inline std::uint64_t hashTuple(TupleView tuple) {
    std::uint64_t h = 0x84222325cbf29ce4ull;
    for (const Value& v : tuple) h = mixHash(h, hashValue(v));
    return h;
}

}  // namespace accord::engine
