// Upgrading a knowledge base made by an older Accord to the current schema, step by step,
// inside the caller's transaction (so a failed migration leaves the file as it was).
#pragma once

#include "accord/kb/database.hpp"

namespace accord::kb {

/// Migrates from schema version `from` to kSchemaVersion. Throws DatabaseError.
void migrateSchema(Database& database, int from);

}  // namespace accord::kb
