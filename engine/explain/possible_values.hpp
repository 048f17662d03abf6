// Why a keyed relation's key (`vote(romania, rutte)`) has not each value it could have:
// the constants its rules conclude, the values its facts and its resolution name, and those
// it holds for any key in the last run; beside the value it has, if any.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "accord/engine/engine.hpp"
#include "accord/engine/explain/why_not.hpp"

namespace accord::engine {

/// At most `limit` values of the keyed relation's value column, in value order.
std::vector<Value> possibleValues(const Engine& engine, RelationId relation, std::size_t limit = 12);

/// The value `key` (the key columns of a keyed relation) has in the last run, if any.
std::optional<Value> heldValue(const Engine& engine, RelationId relation, TupleView key);

struct KeyValues {
    std::optional<Value> held;  ///< the value the key has
    std::vector<WhyNot> others;  ///< why not each other possible value
};

/// The value the key has, and why it has not each other possible value.
KeyValues explainKeyValues(const Engine& engine, FactRecords& records, RelationId relation, TupleView key, std::int32_t asOf,
                           std::size_t depth);

}  // namespace accord::engine
