// The values a keyed relation could give a key (`vote(romania, rutte)`), for explaining
// why it has not each of them: the constants its rules conclude, the values its facts
// and its resolution name, and those it holds for any key in the last run.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/engine.hpp"

namespace accord::engine {

/// At most `limit` values of the keyed relation's value column, in value order.
std::vector<Value> possibleValues(const Engine& engine, RelationId relation, std::size_t limit = 12);

}  // namespace accord::engine
