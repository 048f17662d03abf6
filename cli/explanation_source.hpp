// The facts an explaining command (`why`, ...) works on: rule files evaluated in memory, or
// the knowledge base — its stored conclusions, or, with --as-of, its program and facts
// evaluated in memory as of that date (storing nothing).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/program_options.hpp"
#include "engine/explain/fact_records.hpp"
#include "kb/knowledge_base.hpp"

namespace accord::cli {

class ExplanationSource {
public:
    /// Loads (and, unless reading stored conclusions, evaluates); prints what goes wrong.
    /// Returns 0, or the exit status to stop with.
    int open(const EvaluationOptions& options, const GlobalOptions& global, const char* command);

    engine::Engine& engine() { return engine_; }
    engine::FactRecords& records() { return *records_; }
    /// "as of 2024-04-01" or "as stored by the last run, as of 2024-04-01".
    const std::string& description() const { return description_; }
    /// The date the facts are as of (days since 1970-01-01).
    std::int32_t asOf() const { return asOf_; }

private:
    int openStored(const EvaluationOptions& options, const GlobalOptions& global, const char* command);
    int evaluateStored(const EvaluationOptions& options, const GlobalOptions& global, const char* command);

    engine::Engine engine_;
    std::optional<kb::KnowledgeBase> knowledgeBase_;
    std::unique_ptr<engine::FactRecords> records_;
    std::string description_;
    std::int32_t asOf_ = 0;
};

}  // namespace accord::cli
