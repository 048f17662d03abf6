// The status of a knowledge base (see knowledge_base_status.hpp).
#include "accord/kb/knowledge_base_status.hpp"

#include "accord/kb/statement.hpp"

namespace accord::kb {
namespace {

std::string metaValue(Database& database, const char* key) {
    Statement read = database.prepare("SELECT value FROM accord_meta WHERE key = ?1");
    read.bind(1, std::string_view(key));
    return read.step() ? read.columnText(0) : std::string();
}

KnowledgeBaseStatus::RelationRows countRows(Database& database, const std::string& name) {
    KnowledgeBaseStatus::RelationRows rows{name};
    Statement count =
        database.prepare("SELECT _origin, count(*), sum(_held = 1) FROM " + Database::quoteIdentifier(name) + " GROUP BY _origin");
    while (count.step()) {
        std::string origin = count.columnText(0);
        if (origin == "asserted") {
            rows.asserted = count.columnInteger(1);
            rows.assertedHeld = count.columnInteger(2);
        } else if (origin == "program") {
            rows.program = count.columnInteger(1);
        } else {
            rows.derived = count.columnInteger(1);
        }
    }
    return rows;
}

}  // namespace

KnowledgeBaseStatus readStatus(KnowledgeBase& knowledgeBase, std::size_t maxRuns) {
    Database& database = knowledgeBase.database();
    ReadTransaction snapshot(database);
    KnowledgeBaseStatus status;
    status.path = database.path();
    status.schemaVersion = std::atoi(metaValue(database, "schema_version").c_str());
    status.created = metaValue(database, "created");
    Statement files = database.prepare("SELECT path, hash, loaded_at FROM accord_rule_files ORDER BY path");
    while (files.step()) status.files.push_back({files.columnText(0), files.columnText(1), files.columnText(2)});
    Statement rules = database.prepare("SELECT count(*) FROM accord_rules");
    rules.step();
    status.rules = rules.columnInteger(0);
    std::vector<std::string> names;
    Statement relations = database.prepare("SELECT name FROM accord_relations ORDER BY name");
    while (relations.step()) names.push_back(relations.columnText(0));
    for (const std::string& name : names) status.relations.push_back(countRows(database, name));
    Statement total = database.prepare("SELECT count(*) FROM accord_runs");
    total.step();
    status.totalRuns = total.columnInteger(0);
    Statement runs =
        database.prepare("SELECT id, started_at, as_of, mode, facts, seconds, recomputed FROM accord_runs ORDER BY id DESC LIMIT ?1");
    runs.bind(1, static_cast<std::int64_t>(maxRuns));
    while (runs.step()) {
        KnowledgeBaseStatus::Run run{{runs.columnInteger(0), runs.columnText(1), runs.columnText(2), runs.columnText(3)},
                                     runs.columnInteger(4),
                                     runs.columnDecimal(5),
                                     std::nullopt};
        if (!runs.isNull(6)) run.recomputed = runs.columnInteger(6);
        status.runs.push_back(std::move(run));
    }
    status.staleness = knowledgeBase.staleness();
    return status;
}

}  // namespace accord::kb
