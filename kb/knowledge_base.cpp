// The knowledge base (see knowledge_base.hpp). SQL text lives here beside its single use;
// values are always bound, and table and column names come from the checked program
// (identifiers of the rule language) and are quoted all the same.
#include "accord/kb/knowledge_base.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "generated/kb/schema_sql.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/engine/text/column_fit.hpp"
#include "accord/engine/text/fact_statements.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/asserted_rows.hpp"
#include "accord/kb/relation_table.hpp"
#include "accord/kb/schema_migration.hpp"
#include "accord/kb/statement.hpp"
#include "accord/kb/table_reload.hpp"

namespace accord::kb {
namespace {

std::string fnv1a(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ull;
    return fmt::format("{:016x}", hash);
}

}  // namespace

KnowledgeBase KnowledgeBase::open(const std::string& path, bool create, int busyTimeoutMs) {
    if (!create && !std::filesystem::exists(path)) {
        throw DatabaseError(fmt::format("no knowledge base at {} (create one with `accord load RULES...`)", path), 0);
    }
    KnowledgeBase kb(Database::open(path, Database::Mode::ReadWrite, busyTimeoutMs));
    Statement tables = kb.database_.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'accord_meta'");
    tables.step();
    bool hasMeta = tables.columnInteger(0) > 0;
    if (!hasMeta) {
        Statement any = kb.database_.prepare("SELECT count(*) FROM sqlite_schema");
        any.step();
        if (any.columnInteger(0) > 0) throw DatabaseError(path + " is a SQLite database but not an Accord knowledge base", 0);
        Transaction transaction(kb.database_);
        kb.database_.execute(kSchemaSql);
        kb.database_.prepare("INSERT INTO accord_meta(key, value) VALUES ('schema_version', ?1), ('created', ?2)")
            .bind(1, std::int64_t{kSchemaVersion})
            .bind(2, dsl::timestampNow())
            .run();
        transaction.commit();
        return kb;
    }
    Statement version = kb.database_.prepare("SELECT value FROM accord_meta WHERE key = 'schema_version'");
    if (!version.step()) throw DatabaseError(path + " has no schema version: not an Accord knowledge base", 0);
    int stored = std::atoi(version.columnText(0).c_str());
    if (stored > kSchemaVersion) {
        throw DatabaseError(
            fmt::format("{} was made by a newer Accord (schema version {}; this one reads up to {})", path, stored, kSchemaVersion), 0);
    }
    if (stored < kSchemaVersion) {
        Transaction transaction(kb.database_);
        migrateSchema(kb.database_, stored);
        transaction.commit();
    }
    return kb;
}

bool KnowledgeBase::loadRules(engine::Engine& engine, const std::vector<std::string>& paths, dsl::Diagnostics& diagnostics,
                              const ReloadOptions& options, std::vector<std::string>* notes) {
    if (!engine.loadFiles(paths, diagnostics)) return false;
    Transaction transaction(database_);
    std::vector<std::string> changes;
    if (!reloadRelationTables(database_, engine.plan(), engine.symbols(), options, changes, diagnostics)) return false;
    if (notes) *notes = std::move(changes);
    database_.execute("DELETE FROM accord_rule_files; DELETE FROM accord_rules;");
    std::string loadedAt = dsl::timestampNow();
    for (std::size_t f = 0; f < engine.sources().size(); ++f) {
        const dsl::SourceText& source = engine.sources().file(static_cast<dsl::FileId>(f));
        database_.prepare("INSERT OR REPLACE INTO accord_rule_files(path, hash, text, loaded_at) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, source.name())
            .bind(2, fnv1a(source.contents()))
            .bind(3, source.contents())
            .bind(4, loadedAt)
            .run();
    }
    const auto& rules = engine.catalog().rules;
    for (std::size_t r = 0; r < rules.size(); ++r) {
        database_.prepare("INSERT INTO accord_rules(id, name, docs, text, location) VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(1, static_cast<std::int64_t>(r))
            .bind(2, rules[r].name)
            .bind(3, rules[r].docs)
            .bind(4, rules[r].text)
            .bind(5, rules[r].location)
            .run();
    }
    transaction.commit();
    return true;
}

std::vector<std::pair<std::string, std::string>> KnowledgeBase::programFiles() {
    std::vector<std::pair<std::string, std::string>> files;
    Statement read = database_.prepare("SELECT path, text FROM accord_rule_files ORDER BY path");
    while (read.step()) files.emplace_back(read.columnText(0), read.columnText(1));
    return files;
}

bool KnowledgeBase::loadProgram(engine::Engine& engine, dsl::Diagnostics& diagnostics) {
    std::vector<std::pair<std::string, std::string>> files = programFiles();
    if (files.empty()) {
        diagnostics.fileError(database_.path(), "the knowledge base has no rules yet", "load them with `accord load RULES...`");
        return false;
    }
    return engine.loadTexts(files, diagnostics);
}

bool KnowledgeBase::loadProgramForFacts(engine::Engine& engine, dsl::Diagnostics& diagnostics) {
    dsl::Diagnostics program;  // its spans point into the stored files, which only `engine` holds
    if (loadProgram(engine, program)) return true;
    for (const dsl::Diagnostic& item : program.items()) {
        if (item.severity != dsl::Severity::Error) continue;
        std::string where = item.span ? dsl::describeLocation(*item.span, engine.sources()) + ": " : std::string();
        diagnostics.fileError(database_.path(), "its program does not load: " + where + item.message,
                              "load the rules again with `accord load`");
    }
    return false;
}

void KnowledgeBase::loadAssertedFacts(engine::Engine& engine, engine::RelationId relation) {
    const engine::RelationPlan& plan = engine.plan().relations[relation];
    StoredRows stored = readRows(database_, plan, RowFilter::Asserted, engine.symbols());
    for (const StoredRow& row : stored.rows) {
        engine::TupleView tuple = stored.tuples.tuple(row.tuple);
        engine.addFact(plan.name, engine::Tuple(tuple.begin(), tuple.end()), row.confidence, validityOf(row), row.source.value_or(""));
    }
}

void KnowledgeBase::loadAssertedFacts(engine::Engine& engine) {
    for (engine::RelationId r = 0; r < engine.plan().relations.size(); ++r) {
        // A relation of rules added to the stored program in memory (the repl) has no table.
        if (database_.tableSql(engine.plan().relations[r].name).empty()) continue;
        loadAssertedFacts(engine, r);
    }
}

std::string KnowledgeBase::staleness() {
    Statement upgraded = database_.prepare("SELECT value FROM accord_meta WHERE key = 'stale'");
    if (upgraded.step()) return upgraded.columnText(0);
    Statement last = database_.prepare("SELECT value FROM accord_meta WHERE key = 'last_run'");
    if (!last.step()) return "no run has stored conclusions of this program yet";
    if (last.columnText(0).find("program " + programHash() + " ") != 0) return "the program was replaced since the last run";
    if (last.columnText(0).ends_with(" with facts from files")) {
        return "the last run read facts from files (--facts) that the knowledge base does not hold";
    }
    Statement changes =
        database_.prepare("SELECT group_concat(relation, ', ') FROM (SELECT relation FROM accord_changes ORDER BY relation)");
    if (changes.step() && !changes.isNull(0)) return "facts of " + changes.columnText(0) + " changed since the last run";
    return "";
}

bool KnowledgeBase::programReplacedSinceLastRun() {
    std::string last = lastRunKey();
    return !last.empty() && last.find("program " + programHash() + " ") != 0;
}

std::string KnowledgeBase::programHash() {
    std::string hashes;
    Statement files = database_.prepare("SELECT path, hash FROM accord_rule_files ORDER BY path");
    while (files.step()) hashes += files.columnText(0) + '\0' + files.columnText(1) + '\0';
    return fnv1a(hashes);
}

bool KnowledgeBase::changeFacts(const std::string& text, bool retract, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                                std::size_t* changed, std::vector<std::string>* missing, const std::string& name) {
    FactChanges changes{retract ? "" : text, retract ? text : "", name, name};
    if (text.empty()) (retract ? changes.retracts : changes.asserts) = " ";  // parsed, and refused as no facts, as any text without one
    auto counts = changeFacts(changes, sources, diagnostics);
    if (!counts) return false;
    if (changed) *changed = retract ? counts->retracted : counts->asserted;
    if (missing) *missing = std::move(counts->notFound);
    return true;
}

std::optional<KnowledgeBase::FactChangeCounts> KnowledgeBase::changeFacts(const FactChanges& changes, dsl::SourceManager& sources,
                                                                          dsl::Diagnostics& diagnostics) {
    engine::Engine engine;
    if (!loadProgramForFacts(engine, diagnostics)) return std::nullopt;
    if (changes.asserts.empty() && changes.retracts.empty()) {
        diagnostics.fileError("<facts>", "no facts to assert or retract");
        return std::nullopt;
    }
    std::vector<engine::ParsedFact> asserts, retracts;
    for (auto [text, name, facts] :
         {std::tuple(&changes.asserts, &changes.assertsName, &asserts), std::tuple(&changes.retracts, &changes.retractsName, &retracts)}) {
        if (text->empty()) continue;
        auto parsed = engine::parseFactStatements(*text, *name, engine.plan(), engine.symbols(), sources, diagnostics);
        if (!parsed) return std::nullopt;
        *facts = std::move(*parsed);
    }
    FactChangeCounts counts;
    Transaction transaction(database_);
    counts.asserted = writeFacts(engine, asserts, /*retract=*/false, nullptr);
    counts.retracted = writeFacts(engine, retracts, /*retract=*/true, &counts.notFound);
    transaction.commit();
    return counts;
}

std::size_t KnowledgeBase::writeFacts(const engine::Engine& engine, const std::vector<engine::ParsedFact>& facts, bool retract,
                                      std::vector<std::string>* missing) {
    AssertedRowWriter writer(database_, engine.symbols());
    std::size_t count = 0;
    for (const engine::ParsedFact& fact : facts) {
        const engine::RelationPlan& relation = engine.plan().relations[fact.relation];
        std::size_t rows = retract ? writer.retractRow(relation, fact.row.tuple) : writer.assertRow(relation, fact.row);
        if (rows == 0 && missing) missing->push_back(engine::formatFact(relation.name, fact.row.tuple, relation.keyed, engine.symbols()));
        count += rows;
    }
    return count;
}

std::optional<std::size_t> KnowledgeBase::importFile(const std::string& path, const std::string& relationName,
                                                     std::optional<engine::FactRowFormat> format, dsl::SourceManager& sources,
                                                     dsl::Diagnostics& diagnostics, const ImportProgress& onProgress) {
    engine::Engine engine;
    if (!loadProgramForFacts(engine, diagnostics)) return std::nullopt;
    auto id = engine.plan().relationId(relationName);
    if (!id) {
        engine::unknownRelation(relationName, path, engine.plan(), diagnostics);
        return std::nullopt;
    }
    const engine::RelationPlan& relation = engine.plan().relations[*id];
    bool standardInput = path == "-";
    std::string name = standardInput ? "<stdin>" : path, contents, error;
    if (!dsl::readFile(standardInput ? dsl::kStandardInput : path, dsl::kMaxDataFileBytes, contents, error)) {
        diagnostics.fileError(name, error);
        return std::nullopt;
    }
    engine::FactRowFormat chosen = format ? *format : standardInput ? engine::sniffFactRowFormat(contents) : engine::factRowFormatFor(path);
    auto rows = engine::readFactRowsText(name, std::move(contents), chosen, relation, engine.symbols(), sources, diagnostics);
    if (!rows) return std::nullopt;
    if (rows->empty()) {  // as `assert` with no facts: a script that imports nothing has a wrong picture of its input
        diagnostics.fileError(name, "no rows to import", "an empty file or input imports nothing: check what produced it");
        return std::nullopt;
    }
    Transaction transaction(database_);
    AssertedRowWriter writer(database_, engine.symbols());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        engine::FactRow& row = (*rows)[i];
        if (!row.source) row.source = standardInput ? "standard input" : std::filesystem::path(path).filename().string();
        writer.assertRow(relation, row);
        if (onProgress) onProgress(i + 1, rows->size());
    }
    transaction.commit();
    return rows->size();
}

std::optional<RunRecord> KnowledgeBase::lastRun() {
    Statement last = database_.prepare("SELECT id, started_at, as_of, mode, min_confidence FROM accord_runs ORDER BY id DESC LIMIT 1");
    if (!last.step()) return std::nullopt;
    return RunRecord{last.columnInteger(0), last.columnText(1), last.columnText(2), last.columnText(3), last.columnDecimal(4)};
}

std::vector<engine::Relation> KnowledgeBase::readConclusions(engine::Engine& engine) {
    std::optional<RunRecord> run = lastRun();
    if (!run) throw DatabaseError("no run has stored conclusions yet (run `accord run --as-of DATE` first)", 0);
    std::vector<engine::Relation> relations;
    for (const engine::RelationPlan& relationPlan : engine.plan().relations) {
        relations.push_back(std::move(readRows(database_, relationPlan, RowFilter::Held, engine.symbols()).tuples));
    }
    return relations;
}

}  // namespace accord::kb
