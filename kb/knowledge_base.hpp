// The knowledge base: an analyst's program, asserted facts and derived conclusions in one
// SQLite file between runs. Every change is one transaction; a program with errors, or a
// fact that does not fit its relation, changes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "engine/engine.hpp"
#include "kb/database.hpp"

namespace accord::kb {

class KnowledgeBase {
public:
    /// Opens a knowledge base, creating it when `create` and the file does not exist.
    /// Refuses (DatabaseError) a file that is not an Accord knowledge base or was made by a
    /// newer schema version.
    static KnowledgeBase open(const std::string& path, bool create);

    /// Checks the rule files and, if they have no errors, stores them as the program
    /// (replacing the previous one) with their rules and relation tables. False with
    /// diagnostics otherwise, and the knowledge base is left as it was.
    /// `engine` is left holding the program (and its sources, for printing diagnostics).
    bool loadRules(engine::Engine& engine, const std::vector<std::string>& paths, dsl::Diagnostics& diagnostics);

    /// Loads the stored program and the asserted facts into `engine`.
    bool loadInto(engine::Engine& engine, dsl::Diagnostics& diagnostics);

    /// Asserts (or retracts) the facts in `text` (rule syntax, e.g. `backs(france, rutte).`),
    /// all or none: each must be a ground fact of a relation of the stored program. The text
    /// is added to `sources` as "<facts>", so diagnostics can be printed.
    bool changeFacts(const std::string& text, bool retract, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                     std::size_t* changed = nullptr);

    /// Replaces the stored conclusions with the engine's last run, and logs the run; one transaction.
    void storeConclusions(const engine::Engine& engine, const engine::RunStats& stats, std::int32_t asOf);

    /// The stored rows of every relation, as engine relations (for queries without a run).
    std::vector<engine::Relation> readConclusions(engine::Engine& engine);

    Database& database() { return database_; }

private:
    explicit KnowledgeBase(Database database) : database_(std::move(database)) {}
    void createRelationTables(const engine::Engine& engine);

    Database database_;
};

}  // namespace accord::kb
