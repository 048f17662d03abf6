// Values and tuples as the evaluator sees them: no text, only interned ids and numbers.
//
// A Value is a kind tag and 64 bits: symbols and strings are ids into the SymbolTable,
// integers are int64, decimals are the bits of a double, dates are days since 1970-01-01.
// Example: `vote(turkey, rutte) = block` is the tuple [Symbol#3, Symbol#7, Symbol#12].
#pragma once

#include <bit>
#include <algorithm>
#include <cstdint>
#include <optional>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace accord::engine {

enum class ValueKind : std::uint8_t { Symbol, String, Integer, Decimal, Date };

/// Packed: 9 bytes rather than 16 (8 of them padding). Values are most of a relation's
/// memory (bench/'s tc_chain: 32 of the 47 bytes of a pair), and x86 and ARM read an
/// unaligned 64-bit word at the speed of an aligned one; the bench ran as fast or faster.
/// Its fields are read and written by value: a pointer or reference to one would be
/// unaligned (the compilers warn, and the build takes warnings as errors).
struct [[gnu::packed]] Value {
    std::uint64_t bits = 0;
    ValueKind kind = ValueKind::Integer;

    static Value symbol(std::uint32_t id) { return {id, ValueKind::Symbol}; }
    static Value string(std::uint32_t id) { return {id, ValueKind::String}; }
    static Value integer(std::int64_t v) { return {static_cast<std::uint64_t>(v), ValueKind::Integer}; }
    /// -0.0 is stored as 0.0: they are one number (IEEE equality), so one value and one fact.
    static Value decimal(double v) { return {std::bit_cast<std::uint64_t>(v == 0 ? 0.0 : v), ValueKind::Decimal}; }
    static Value date(std::int32_t days) { return {static_cast<std::uint64_t>(static_cast<std::int64_t>(days)), ValueKind::Date}; }

    std::int64_t asInteger() const { return static_cast<std::int64_t>(bits); }
    double asDecimal() const {
        const std::uint64_t word = bits;  // a copy: bit_cast takes a reference, and `bits` may be unaligned
        return std::bit_cast<double>(word);
    }
    std::int32_t asDate() const { return static_cast<std::int32_t>(static_cast<std::int64_t>(bits)); }
    std::uint32_t asId() const { return static_cast<std::uint32_t>(bits); }
    bool isNumeric() const { return kind == ValueKind::Integer || kind == ValueKind::Decimal; }

    /// Identity, as used by joins and deduplication (kind and bits).
    friend bool operator==(const Value& a, const Value& b) { return a.bits == b.bits && a.kind == b.kind; }
};
static_assert(sizeof(Value) == 9);

/// The value a column of `kind` holds for a number computed or bound elsewhere: an integer
/// in a decimal column is the decimal of the same value, an integral decimal in an integer
/// column the integer (2.5 stays as it is, and matches no integer); anything else as it is.
inline Value inColumnOfKind(Value value, std::optional<ValueKind> kind) {
    if (kind == ValueKind::Decimal && value.kind == ValueKind::Integer) return Value::decimal(static_cast<double>(value.asInteger()));
    if (kind == ValueKind::Integer && value.kind == ValueKind::Decimal) {
        double d = value.asDecimal();
        if (d > -9.2e18 && d < 9.2e18 && d == static_cast<double>(static_cast<std::int64_t>(d))) {
            return Value::integer(static_cast<std::int64_t>(d));
        }
    }
    return value;
}

/// Whether two values are the same fact value: identical, or the same number (3 and 3.0:
/// a variable bound in an integer column and checked against a decimal one).
inline bool sameValue(const Value& a, const Value& b) {
    if (a == b) return true;
    if (!a.isNumeric() || !b.isNumeric() || a.kind == b.kind) return false;
    const Value& decimal = a.kind == ValueKind::Decimal ? a : b;
    return inColumnOfKind(a.kind == ValueKind::Decimal ? b : a, ValueKind::Decimal) == decimal;
}

using Tuple = std::vector<Value>;
using TupleView = std::span<const Value>;

/// An order of values and tuples consistent with identity (kind, then bits), for sorted
/// containers and grouping. Not numeric order, nor the order values are shown in: that is
/// compareValues (value_format.hpp).
struct IdentityOrder {
    bool operator()(const Value& a, const Value& b) const { return a.kind != b.kind ? a.kind < b.kind : a.bits < b.bits; }
    bool operator()(TupleView a, TupleView b) const {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), IdentityOrder{});
    }
};

inline std::uint64_t mixHash(std::uint64_t h, std::uint64_t v) {
    // splitmix64-style mixing: fast, and every bit of v moves every bit of the result.
    v += 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ull;
    v = (v ^ (v >> 27)) * 0x94D049BB133111EBull;
    return h ^ (v ^ (v >> 31));
}

/// A value's word for mixHash, which does the mixing: mixing each value twice cost 0-6% of
/// the time of bench/'s workloads, once a relation's set was grown by hashing its tuples again.
inline std::uint64_t hashValue(const Value& value) { return value.bits ^ (static_cast<std::uint64_t>(value.kind) * 0x9E3779B97F4A7C15ull); }

inline std::uint64_t hashTuple(TupleView tuple) {
    std::uint64_t h = 0x84222325cbf29ce4ull;
    for (const Value& v : tuple) h = mixHash(h, hashValue(v));
    return h;
}

}  // namespace accord::engine
