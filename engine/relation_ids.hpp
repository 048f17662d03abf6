// The numbers relations and their indexes are addressed by.
#pragma once

#include <cstdint>

namespace accord::engine {

using TupleId = std::uint32_t;
using RelationId = std::uint32_t;
using RuleId = std::uint32_t;
/// Bit i set: column i is bound in a lookup.
using ColumnMask = std::uint64_t;

inline constexpr TupleId kNoTuple = UINT32_MAX;
inline constexpr RuleId kNoRule = UINT32_MAX;

}  // namespace accord::engine
