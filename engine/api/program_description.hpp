// What a loaded program holds, as data for a reader who has not seen its files: each
// relation with its columns, types and `##` documentation, and each rule with its name,
// text and place. The server's `GET /v1/program` answers with it.
#pragma once

#include <nlohmann/json.hpp>

#include "accord/engine/engine.hpp"

namespace accord {

/// `{"relations": [...], "rules": [...]}`: a relation's `name`, `columns` (`name`, `type`:
/// symbol, string, integer, decimal, date, or null when undeclared), `value` (a keyed
/// relation's value column, else null), `fixed`, `declared`, `docs` and `location`; a
/// rule's `name` (null when unnamed), `docs`, `text` and `location` ("file:line:col").
nlohmann::ordered_json describeProgram(const engine::Engine& engine);

}  // namespace accord
