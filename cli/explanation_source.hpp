// The facts an explaining command (`why`, ...) works on: rule files evaluated in memory, or
// the knowledge base — its stored conclusions, or, with --as-of, its program and facts
// evaluated in memory as of that date (storing nothing).
#pragma once

#include <memory>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/program_options.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/explain/fact_records.hpp"
#include "accord/kb/knowledge_base.hpp"

namespace accord::cli {

class ExplanationSource {
public:
    /// Loads (and, unless reading stored conclusions, evaluates); reports what goes wrong
    /// through `output`. Returns 0, or the exit status to stop with.
    /// `explains`: the command shows the rules behind the facts, which stored conclusions of
    /// a program since replaced cannot give (it is refused then).
    /// `forQuery`: the query of one atom the command answers (or, with `explains`, explains);
    /// an evaluation then derives only what its conclusions need (runFor, runToExplain).
    int open(const EvaluationOptions& options, CommandOutput& output, bool explains = false, const std::string& forQuery = "");

    engine::Engine& engine() { return engine_; }
    /// The rows of a query (and its pattern), or nullopt with its diagnostics reported
    /// through `output`; with `limit`, the first rows and how many matched (Engine::query).
    std::optional<std::vector<engine::QueryRow>> query(const std::string& text, engine::Pattern& pattern, CommandOutput& output,
                                                       engine::RowLimit* limit = nullptr);
    /// The fact `text` names, or nullopt with its diagnostics reported through `output`.
    std::optional<engine::FactKey> fact(const std::string& text, CommandOutput& output);
    engine::FactRecords& records() { return *records_; }
    /// "as of 2024-04-01" or "as of 2024-04-01, as stored by run 3".
    const std::string& description() const { return description_; }
    /// What the answer is from, for JSON documents (nlohmann::json or ordered_json): `as_of`,
    /// `from` ("rule files", "knowledge base": its stored conclusions, or "knowledge base,
    /// evaluated": its program and facts evaluated as of the date), `run` (id, started_at,
    /// mode, or null), `stale` (why the stored conclusions may be out of date, or null) and
    /// `min_confidence` (facts and conclusions less likely than this did not hold; 0: none).
    template <class Json>
    Json origin() const {
        Json run = nullptr, stale = nullptr;
        if (run_) run = {{"id", run_->id}, {"started_at", run_->startedAt}, {"mode", run_->mode}};
        if (!staleness_.empty()) stale = staleness_;
        return {{"as_of", dsl::formatDate(dsl::Date{asOf_})},
                {"from", from_},
                {"run", run},
                {"stale", stale},
                {"min_confidence", minConfidence_}};
    }
    /// Why the stored conclusions may not follow from what is stored now; "" when they do,
    /// or when the answer was evaluated.
    const std::string& staleness() const { return staleness_; }
    /// Facts and conclusions less likely than this did not hold (0: none).
    double minConfidence() const { return minConfidence_; }
    /// The date the facts are as of (days since 1970-01-01).
    std::int32_t asOf() const { return asOf_; }
    /// What the evaluation did, rule by rule; nullopt when stored conclusions are read.
    const std::optional<engine::RunStats>& evaluation() const { return evaluation_; }

private:
    int openStored(const EvaluationOptions& options, CommandOutput& output, bool explains);
    int evaluateStored(const EvaluationOptions& options, CommandOutput& output, const std::string& forQuery, bool explains);
    /// Records the minimum confidence of the answer, and says it in the description.
    void setMinConfidence(double minimum);

    engine::Engine engine_;
    std::optional<kb::KnowledgeBase> knowledgeBase_;
    std::optional<kb::ReadTransaction> snapshot_;  ///< held while the answer is read from stored rows
    std::unique_ptr<engine::FactRecords> records_;
    std::string description_;
    std::string staleness_;
    std::string from_;  ///< see origin()
    std::optional<kb::RunRecord> run_;  ///< the run the stored conclusions are from
    std::int32_t asOf_ = 0;
    double minConfidence_ = 0;
    std::optional<engine::RunStats> evaluation_;
};

}  // namespace accord::cli
