// The knowledge base: an analyst's program, asserted facts and derived conclusions in one
// SQLite file between runs. Every change is one transaction; a program with errors, or a
// fact that does not fit its relation, changes nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/dsl/diagnostic.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/text/fact_rows.hpp"
#include "accord/engine/text/fact_statements.hpp"
#include "accord/kb/database.hpp"
#include "accord/kb/table_reload.hpp"

namespace accord::kb {

/// One `accord run` of the knowledge base, as accord_runs records it.
struct RunRecord {
    std::int64_t id = 0;
    std::string startedAt;  ///< UTC, "YYYY-MM-DD HH:MM:SS"
    std::string asOf;  ///< the date it evaluated as of, YYYY-MM-DD
    std::string mode;  ///< "full" or "incremental"
    double minConfidence = 0;  ///< facts and conclusions less likely than this did not hold (0: none)
};

/// What a run of the knowledge base did.
struct RunReport {
    engine::RunStats stats;
    bool incremental = false;
    std::vector<std::string> changed;  ///< relations with asserted changes since the last run
    std::vector<std::string> recomputed;  ///< relations evaluated; the others kept their rows
    std::size_t inserted = 0, updated = 0, deleted = 0;  ///< conclusion rows written
    std::vector<std::pair<std::string, std::int64_t>> rows;  ///< rows per relation table afterwards
    RunRecord run;  ///< this run, as recorded
    std::optional<RunRecord> previous;  ///< the run whose conclusions this one replaced
};

/// What a hypothetical change would do (`accord what-if`), the knowledge base untouched.
struct WhatIfReport {
    engine::RunStats stats;
    bool incremental = false;  ///< only what the change reaches was evaluated, against stored conclusions
    std::vector<std::string> evaluated;  ///< relations evaluated
    std::vector<engine::ConclusionChange> changes;
    std::vector<std::string> notFound;  ///< retracted facts that were not asserted facts
};

class KnowledgeBase {
public:
    /// Opens a knowledge base, creating it when `create` and the file does not exist, and
    /// migrating one made by an older version (in a transaction). Refuses (DatabaseError) a
    /// file that is not an Accord knowledge base or was made by a newer schema version.
    static KnowledgeBase open(const std::string& path, bool create, int busyTimeoutMs = 5000);

    /// Checks the rule files and, if they have no errors, stores them as the program
    /// (replacing the previous one) with their rules and relation tables, migrating the
    /// tables of relations whose shape changed (see table_reload.hpp; `notes` says what
    /// changed). False with diagnostics otherwise — errors in the rules, or a change that
    /// would drop or alter asserted facts — and the knowledge base is left as it was.
    /// `engine` is left holding the program (and its sources, for printing diagnostics).
    bool loadRules(engine::Engine& engine, const std::vector<std::string>& paths, dsl::Diagnostics& diagnostics,
                   const ReloadOptions& options = {}, std::vector<std::string>* notes = nullptr);

    /// The stored program's files, each as its path and text (none before `accord load`).
    std::vector<std::pair<std::string, std::string>> programFiles();
    /// Loads the stored program (without the asserted facts: run() reads those it needs).
    bool loadProgram(engine::Engine& engine, dsl::Diagnostics& diagnostics);
    /// The same for a command about facts, whose diagnostics are printed against its own
    /// sources: the program's warnings were shown when it was loaded and are not repeated;
    /// its errors are reported against the knowledge base file.
    bool loadProgramForFacts(engine::Engine& engine, dsl::Diagnostics& diagnostics);

    /// Adds every asserted fact to `engine` (which holds the stored program), for an
    /// evaluation in memory that stores nothing.
    void loadAssertedFacts(engine::Engine& engine);

    /// Why the stored conclusions may not follow from what is stored now ("" when they do):
    /// facts changed, or the program was replaced, since the last run.
    std::string staleness();
    /// Whether the stored program is another than the one the last run evaluated: then the
    /// stored conclusions' rule ids point into rules that did not derive them.
    bool programReplacedSinceLastRun();

    /// Asserts (or retracts) the facts in `text` (rule syntax, e.g. `backs(france, rutte).`),
    /// all or none: each must be a ground fact of a relation of the stored program, and there
    /// must be at least one. The text is added to `sources` as `name`, so diagnostics can be
    /// printed. `missing` gets the retracted facts that were not asserted.
    bool changeFacts(const std::string& text, bool retract, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                     std::size_t* changed = nullptr, std::vector<std::string>* missing = nullptr, const std::string& name = "<facts>");

    /// Facts to assert and facts to retract, in rule syntax, written in one transaction.
    struct FactChanges {
        std::string asserts, retracts;  ///< either may be empty, not both
        std::string assertsName = "<assert>", retractsName = "<retract>";  ///< what diagnostics call them
    };
    struct FactChangeCounts {
        std::size_t asserted = 0, retracted = 0;
        std::vector<std::string> notFound;  ///< retracted facts that were not asserted facts
    };
    /// Asserts and retracts `changes` in one transaction, as changeFacts() each: all or none.
    /// The texts are added to `sources` by their names.
    std::optional<FactChangeCounts> changeFacts(const FactChanges& changes, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics);

    /// Told of each row an import writes (and how many there are in all).
    using ImportProgress = std::function<void(std::size_t written, std::size_t rows)>;
    /// Imports the rows of a file (see fact_import.hpp; "-" reads standard input) as
    /// asserted facts of `relation`, in one transaction: all of them, or none when any row
    /// is bad. The format is `format`, or else the file's extension says it (standard input:
    /// its first characters). Rows without a `_source` get the file's name. The file is added
    /// to `sources`, for printing diagnostics. Returns the number of rows imported.
    /// `onProgress`, when given, is told of each row written.
    std::optional<std::size_t> importFile(const std::string& path, const std::string& relation, std::optional<engine::FactRowFormat> format,
                                          dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                                          const ImportProgress& onProgress = {});

    /// Runs the program loaded by loadProgram() with the asserted facts and stores its
    /// conclusions, in one transaction. Incremental when the last run was of the same
    /// program, date and options: only relations that asserted changes can reach are
    /// evaluated, the rest keep their rows, and only rows that differ are written. A run
    /// whose program holds facts from files (--facts) is always from scratch.
    /// Throws engine::EvaluationError or DatabaseError, leaving the knowledge base as it was.
    RunReport run(engine::Engine& engine, const engine::RunOptions& options, bool fromScratch = false);

    /// Evaluates the stored program with `asserts` added and `retracts` removed, and compares
    /// with the conclusions without them: only the relations the change reaches when the
    /// stored conclusions are current for this date, everything twice otherwise. Writes nothing.
    WhatIfReport whatIf(engine::Engine& engine, const engine::RunOptions& options, const engine::Hypothesis& hypothesis);

    /// The last run, if any run has stored conclusions.
    std::optional<RunRecord> lastRun();

    /// What holds as of the last run, as engine relations (for queries without a run): the
    /// stored conclusions (derived rows and the program's facts) and the asserted rows valid
    /// on the run's date. Throws DatabaseError when no run has stored anything yet.
    std::vector<engine::Relation> readConclusions(engine::Engine& engine);

    Database& database() { return database_; }

private:
    explicit KnowledgeBase(Database database) : database_(std::move(database)) {}
    void loadAssertedFacts(engine::Engine& engine, engine::RelationId relation);
    std::string programHash();
    /// Writes `facts` as asserted rows (or removes them) within the caller's transaction;
    /// returns the rows written or removed, and in `missing` the retracted facts not there.
    std::size_t writeFacts(const engine::Engine& engine, const std::vector<engine::ParsedFact>& facts, bool retract,
                           std::vector<std::string>* missing);
    std::string lastRunKey();
    /// Relations with asserted changes since the last run (their names in `names`).
    std::vector<bool> changedRelations(const engine::ProgramPlan& plan, std::vector<std::string>* names);
    /// Loads what evaluating the `evaluated` relations needs: the stored rows of the other
    /// relations they read, and their own asserted facts.
    void prepareEvaluation(engine::Engine& engine, const std::vector<bool>& evaluated);

    Database database_;
};

}  // namespace accord::kb
