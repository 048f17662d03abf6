// The C++ API for embedding Accord: load rules, add or remove facts, run (as of a date),
// read conclusions with their confidence and derivation. The command line is built on it.
//
//   accord::engine::Engine engine;
//   accord::dsl::Diagnostics diagnostics;
//   if (!engine.loadFiles({"rules/nato"}, diagnostics)) { /* print diagnostics */ }
//   engine.run({.asOf = accord::dsl::parseDate("2024-04-01")->days});
//   for (const auto& row : engine.query("vote(A, rutte) = V", diagnostics)) { ... }
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/check/relation_catalog.hpp"
#include "accord/dsl/desugar.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/engine/eval/evaluation_error.hpp"
#include "accord/engine/eval/evaluator.hpp"
#include "accord/engine/plan/demand_plan.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/plan/rule_catalog.hpp"
#include "accord/engine/query.hpp"
#include "accord/engine/relation.hpp"
#include "accord/engine/text/query_conditions.hpp"

namespace accord::engine {

class Engine {
public:
    Engine();
    ~Engine();

    /// Loads, checks and compiles rule files and directories. Returns false, with the
    /// reasons in `diagnostics`, when they have errors; the engine is then empty.
    bool loadFiles(const std::vector<std::string>& paths, dsl::Diagnostics& diagnostics, const dsl::LoadOptions& options = {});
    /// The same for rule text that is not in a file.
    bool loadText(const std::string& name, const std::string& text, dsl::Diagnostics& diagnostics);
    /// Files and directories, as loadFiles does, and beside them a text that is not in a file
    /// (what is typed in the repl), named `name`, as one program.
    bool loadFilesAndText(const std::vector<std::string>& paths, const std::string& name, const std::string& text,
                          dsl::Diagnostics& diagnostics, const dsl::LoadOptions& options = {});
    /// Several texts as one program, each named; includes are not followed (every file is given).
    bool loadTexts(const std::vector<std::pair<std::string, std::string>>& files, dsl::Diagnostics& diagnostics);

    /// The loaded program's source files (for storing them).
    const std::vector<dsl::ast::Program>& files() const;
    /// Facts of the program's rule files; facts added later have indexes from here on.
    std::size_t programFactCount() const { return programFactCount_; }
    /// Replaces the conclusions (as if by a run), e.g. with those read from a knowledge base,
    /// as of `asOf` (when known), where nothing held below `minConfidence`.
    void setConclusions(std::vector<Relation> relations, double minConfidence = 0, std::optional<std::int32_t> asOf = std::nullopt) {
        relations_ = std::move(relations);
        belowMinimum_.clear();
        demand_.reset();
        minConfidence_ = minConfidence;
        asOf_ = asOf;
    }

    /// Adds a base fact; the relation must be known to the program. Its values are stored as
    /// the relation's columns store them (an integer in a decimal column is that decimal).
    /// Returns false if the arity does not match or a value does not fit its column.
    bool addFact(const std::string& relation, Tuple tuple, double confidence = 1.0, Validity validity = {}, const std::string& source = {});
    /// Loads relation `relation` from a fact file, read as `accord import` reads it (see
    /// engine/text/fact_rows.hpp: CSV, TSV, JSON, JSON Lines; rows may carry _confidence,
    /// _source, _since and _until). All or nothing: every malformed row is reported
    /// (file:line:col) and nothing is added.
    bool loadFactFile(const std::string& relation, const std::string& path, dsl::Diagnostics& diagnostics);
    /// Removes every base fact equal to `tuple`; returns how many were removed: one for each
    /// fact statement of the rule files, and one for each fact file that held it (a file's
    /// repeated rows are one fact).
    std::size_t removeFact(const std::string& relation, TupleView tuple);
    /// Adds the facts written in `text` as a rule file writes them (`backs(turkey, rutte) @0.9
    /// since 2024-04-29 source "Reuters".`): all of them, or none with diagnostics when any
    /// statement is not a ground fact of a relation of the program. `name` is what the
    /// diagnostics call the text.
    bool addFacts(const std::string& text, dsl::Diagnostics& diagnostics, const std::string& name = "<facts>");
    /// Removes every base fact equal to a fact of `text` — one added, or one of the rule
    /// files, as `what-if --retract` does — whatever its confidence, dates and source (they are
    /// not compared); returns how many were removed, or nullopt with diagnostics when `text`
    /// is not such facts.
    std::optional<std::size_t> removeFacts(const std::string& text, dsl::Diagnostics& diagnostics, const std::string& name = "<facts>");

    /// The base facts as they are now, to put back after trying a change (what-if, diff).
    struct BaseFacts {
        std::vector<FactPlan> facts;
        std::vector<FactBatch> batches;
    };
    BaseFacts baseFacts() const { return {plan_.facts, plan_.batches}; }
    /// Puts back facts taken by baseFacts() (the catalog keeps the entries of facts added
    /// since, unused: fact indexes stay valid).
    void restoreBaseFacts(BaseFacts facts) {
        plan_.facts = std::move(facts.facts);
        plan_.batches = std::move(facts.batches);
    }

    /// Evaluates the program. Throws EvaluationError (see describe()).
    RunStats run(const RunOptions& options);

    /// What a run for one query (runFor) evaluated.
    struct DemandRun {
        Pattern query;
        std::size_t adornedRelations = 0;  ///< relations specialised to bindings (0: only unread rules were skipped)
        std::size_t rules = 0;  ///< rules of the program evaluated (whole, or specialised)
        std::vector<bool> complete;  ///< by relation: evaluated whole
        RunOptions options;  ///< of the run (without its progress callback)
    };
    /// Evaluates only what the conclusions matching `query` (one atom, see query()) rest on
    /// (demand_plan.hpp: the rules specialised to the query's constants), without provenance.
    /// Afterwards the query's relation holds its conclusions with the query's constants,
    /// with the confidences run() gives them, and query() answers the questions those give;
    /// it refuses others. The other relations hold what run() gives them when they were
    /// evaluated whole (demand()->complete), else nothing: relation(), relations() and the
    /// explanations are not to be read for them, nor belowMinimum() at all. Falls back to
    /// run() (and demand() is then nullopt) when the query is of several conditions, when
    /// the rewritten program cannot be evaluated in strata, and when its evaluation stops
    /// with an error (which may come from the order of its conditions alone) unless the
    /// time allowed is spent. RunOptions::keep is not used.
    RunStats runFor(const Pattern& query, const RunOptions& options);
    /// As runFor, then the program's own rules kept to the tuples the conclusions matching
    /// `query` rest on (demanded_tuples.hpp), with provenance when `options` asks for it:
    /// every relation not evaluated whole holds those tuples, each with the confidence and
    /// the best derivation run() gives it, so that their explanations (`why`) are those of a
    /// whole run. Negated relations, and what they read, are evaluated whole: an explanation
    /// looks behind a negation in the program's own order of conditions. query() answers and
    /// refuses as after runFor; belowMinimum() holds what those tuples left out.
    RunStats runToExplain(const Pattern& query, const RunOptions& options);
    /// What the last run evaluated, when it was for a query (runFor, runToExplain); nullopt after run().
    const std::optional<DemandRun>& demand() const { return demand_; }

    /// Parses `text` and matches it against the last run's conclusions; nullopt with
    /// diagnostics when the query is malformed. One atom (`vote(A, rutte) = V`, see
    /// engine/text/query_pattern.hpp) gives a pattern over its relation, and each row its
    /// tuple; several conditions (`vote(A, rutte) = block and eu_member(A)`, see
    /// engine/text/query_conditions.hpp) a pattern of variables only (`conditions`), and rows
    /// that are no one tuple.
    /// `name`: what diagnostics call the text (a test file gives its path, and the text its
    /// positions there). `limit`: only the first rows, and how many matched in all.
    std::optional<std::vector<QueryRow>> query(const std::string& text, dsl::Diagnostics& diagnostics, Pattern* pattern = nullptr,
                                               const std::string& name = "<query>", RowLimit* limit = nullptr);

    /// The pattern of a query of one atom (as query() reads it), to run for it (runFor);
    /// nullopt when `text` is not one atom, or, with diagnostics, not a valid one.
    std::optional<Pattern> queryPattern(const std::string& text, dsl::Diagnostics& diagnostics, const std::string& name = "<query>");

    /// The plans of a query's conditions, to explain them (`why-not`) rather than answer
    /// them; nullopt with diagnostics when the text is not a valid query.
    std::optional<ConditionsQuery> conditionsQuery(const std::string& text, dsl::Diagnostics& diagnostics,
                                                   QueryHead head = QueryHead::Variables, const std::string& name = "<query>");

    /// Parses a ground fact (`vote(turkey, rutte) = block`) into its relation and tuple, its
    /// values as the relation's columns store them (see engine/text/fact_statements.hpp);
    /// nullopt with diagnostics when it is malformed or not ground.
    std::optional<std::pair<RelationId, Tuple>> parseFact(const std::string& text, dsl::Diagnostics& diagnostics,
                                                          const std::string& name = "<fact>");

    const Relation* relation(const std::string& name) const;
    const ProgramPlan& plan() const { return plan_; }
    const RuleCatalog& catalog() const { return catalog_; }
    SymbolTable& symbols() { return plan_.symbols; }
    const SymbolTable& symbols() const { return plan_.symbols; }
    const dsl::SourceManager& sources() const;
    const std::vector<Relation>& relations() const { return relations_; }
    /// The date of the last run's facts and rules (days since 1970-01-01), when known.
    std::optional<std::int32_t> asOf() const { return asOf_; }
    /// The confidence below which nothing held in the last run (0: none).
    double minConfidence() const { return minConfidence_; }
    /// What the last run left out for being less likely than that (see evaluate()); empty
    /// when it left nothing out, or the conclusions were set rather than evaluated.
    const std::vector<Relation>& belowMinimum() const { return belowMinimum_; }

    /// `file:line:col: error: message` with the rule's text, for an evaluation error.
    std::string describe(const EvaluationError& error) const;

private:
    bool compile(dsl::Diagnostics& diagnostics);
    /// The program rewritten for `query` (planForQuery); nullopt when there is none (see runFor).
    std::optional<DemandPlan> planFor(const Pattern& query, NegatedReads negated) const;
    /// Evaluates the rewritten program into `evaluated`; its stats give the work by the
    /// program's rules.
    RunStats evaluateRewritten(const DemandPlan& demand, const RunOptions& options, std::vector<Relation>& evaluated) const;
    RunStats programRuleStats(RunStats stats, const DemandPlan& demand) const;
    enum class DemandFor { Answers, Proofs };
    RunStats runForQuery(const Pattern& query, const RunOptions& options, DemandFor purpose);
    /// relations_ after a run for `query` that answers it only: what was evaluated whole, and
    /// the query's conclusions with its constants.
    void keepAnswers(const Pattern& query, const DemandPlan& demand, std::vector<Relation>& evaluated);
    /// relations_ (and belowMinimum_) from the program kept to what `demand`'s run (its
    /// relations `evaluated`, after `secondsSpent`) found asked for; the stats of both runs,
    /// by the program's rules.
    RunStats evaluateDemanded(const DemandPlan& demand, const std::vector<Relation>& evaluated, const RunOptions& options,
                              double secondsSpent, RunStats demandStats);
    /// kindNearMiss for a pattern of the last run's relation, when that run was for a query (it
    /// holds only the conclusions asked for).
    std::optional<std::string> nearMissOnDemand(const Pattern& pattern) const;
    /// Runs `parse` on the program's sources, and forgets the text it added there unless a
    /// diagnostic points into it: questions asked in a long session do not pile up.
    template <typename Parse>
    auto parseQuestion(dsl::Diagnostics& diagnostics, Parse parse);

    std::unique_ptr<dsl::LoadedProgram> loaded_;
    ProgramPlan plan_;
    RuleCatalog catalog_;
    dsl::check::RelationCatalog relationCatalog_;  ///< what the checks learned of the relations, to check queries
    std::vector<Relation> relations_;
    std::vector<Relation> belowMinimum_;
    double minConfidence_ = 0;
    std::optional<std::int32_t> asOf_;
    std::size_t programFactCount_ = 0;
    std::vector<dsl::Clause> ruleClauses_;  ///< by RuleId, for runFor
    std::optional<DemandRun> demand_;
};

}  // namespace accord::engine
