// Schema migrations (see schema_migration.hpp). Each step is the difference between two
// versions of kb/schema.sql; a new version adds a step here and a fixture to the tests.
#include "kb/schema_migration.hpp"

#include <string>
#include <vector>

#include "generated/kb/schema_sql.hpp"
#include "kb/statement.hpp"

namespace accord::kb {
namespace {

/// Version 2: derived rows keep their premises; runs say how they ran; changes since the
/// last run are recorded (incremental runs).
void migrateToVersion2(Database& database) {
    std::vector<std::string> relations;
    Statement names = database.prepare("SELECT name FROM accord_relations ORDER BY name");
    while (names.step()) relations.push_back(names.columnText(0));
    for (const std::string& relation : relations) {
        database.execute("ALTER TABLE " + Database::quoteIdentifier(relation) + " ADD COLUMN _premises TEXT");
    }
    database.execute(
        "ALTER TABLE accord_runs ADD COLUMN mode TEXT NOT NULL DEFAULT 'full';"
        "ALTER TABLE accord_runs ADD COLUMN recomputed INTEGER;"
        "CREATE TABLE accord_changes (relation TEXT PRIMARY KEY);");
}

}  // namespace

void migrateSchema(Database& database, int from) {
    if (from < 2) migrateToVersion2(database);
    database.prepare("UPDATE accord_meta SET value = ?1 WHERE key = 'schema_version'").bind(1, std::int64_t{kSchemaVersion}).run();
}

}  // namespace accord::kb
