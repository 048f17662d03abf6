// Schema migrations (see schema_migration.hpp). Each step is the difference between two
// versions of kb/schema.sql; a new version adds a step here and a fixture to the tests.
#include "accord/kb/schema_migration.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "generated/kb/schema_sql.hpp"
#include "accord/kb/relation_table.hpp"
#include "accord/kb/statement.hpp"

namespace accord::kb {
namespace {

/// Version 2: derived rows keep their premises; runs say how they ran; changes since the
/// last run are recorded (incremental runs).
void migrateToVersion2(Database& database) {
    std::vector<std::pair<std::string, std::string>> relations;  // name, comma-separated columns
    Statement names = database.prepare("SELECT name, columns FROM accord_relations ORDER BY name");
    while (names.step()) relations.emplace_back(names.columnText(0), names.columnText(1));
    for (const auto& [relation, columns] : relations) {
        std::string table = Database::quoteIdentifier(relation);
        database.execute("ALTER TABLE " + table + " ADD COLUMN _premises TEXT");
        if (columns.empty()) continue;
        std::string quoted;
        for (std::size_t start = 0; start <= columns.size();) {
            std::size_t comma = std::min(columns.find(',', start), columns.size());
            quoted += (quoted.empty() ? "" : ", ") + Database::quoteIdentifier(columns.substr(start, comma - start));
            start = comma + 1;
        }
        database.execute("CREATE INDEX " + Database::quoteIdentifier("accord_index_" + relation) + " ON " + table + " (" + quoted + ")");
    }
    database.execute(
        "ALTER TABLE accord_runs ADD COLUMN mode TEXT NOT NULL DEFAULT 'full';"
        "ALTER TABLE accord_runs ADD COLUMN recomputed INTEGER;"
        "CREATE TABLE accord_changes (relation TEXT PRIMARY KEY);");
}

/// Version 3: asserted rows say whether they held as of the last run (_held); triggers record
/// every change of a relation's rows, including a user's with sqlite3; relations keep their
/// column types, so that a reload can tell what a change of type does to stored values.
/// The CHECK constraints of version 3 tables come when the program is next loaded (SQLite
/// cannot add a constraint to a table), and the next run evaluates everything, to mark
/// which asserted rows hold.
void migrateToVersion3(Database& database) {
    std::vector<std::string> relations;
    Statement names = database.prepare("SELECT name FROM accord_relations ORDER BY name");
    while (names.step()) relations.push_back(names.columnText(0));
    for (const std::string& relation : relations) {
        database.execute("ALTER TABLE " + Database::quoteIdentifier(relation) + " ADD COLUMN _held INTEGER");
        database.execute(createTriggersSql(relation));
    }
    database.execute(
        "ALTER TABLE accord_relations ADD COLUMN types TEXT;"
        "DELETE FROM accord_meta WHERE key = 'last_run';"
        "INSERT OR REPLACE INTO accord_meta(key, value) VALUES ('stale', 'the knowledge base was upgraded to schema version 3 "
        "since the last run: asserted facts are shown again after the next `accord run`');");
}

/// Version 4: runs say the confidence below which nothing held in them (a threshold, or
/// --min-confidence), so that an answer read from their rows can say it.
void migrateToVersion4(Database& database) {
    database.execute("ALTER TABLE accord_runs ADD COLUMN min_confidence REAL NOT NULL DEFAULT 0");
}

}  // namespace

void migrateSchema(Database& database, int from) {
    if (from < 2) migrateToVersion2(database);
    if (from < 3) migrateToVersion3(database);
    if (from < 4) migrateToVersion4(database);
    database.prepare("UPDATE accord_meta SET value = ?1 WHERE key = 'schema_version'").bind(1, std::int64_t{kSchemaVersion}).run();
}

}  // namespace accord::kb
