// The numbers relations and their indexes are addressed by.
#pragma once

#include <cstddef>
#include <cstdint>

namespace accord::engine {

using TupleId = std::uint32_t;
using RelationId = std::uint32_t;
using RuleId = std::uint32_t;
/// Bit i set: column i is bound in a lookup.
using ColumnMask = std::uint64_t;
/// The mask of columns 0 to n - 1 (every column of an n-ary relation).
inline ColumnMask firstColumns(std::size_t n) { return n >= 64 ? ~ColumnMask{0} : (ColumnMask{1} << n) - 1; }

inline constexpr TupleId kNoTuple = UINT32_MAX;
inline constexpr RuleId kNoRule = UINT32_MAX;

}  // namespace accord::engine
