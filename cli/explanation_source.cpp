// Sources of facts for explanations (see explanation_source.hpp).
#include "cli/explanation_source.hpp"

#include <cstdio>

#include <spdlog/spdlog.h>

#include "cli/diagnostic_output.hpp"
#include "dsl/date.hpp"
#include "kb/statement.hpp"
#include "kb/stored_fact_records.hpp"

namespace accord::cli {

int ExplanationSource::open(const EvaluationOptions& options, const GlobalOptions& global, const char* command) {
    if (!options.files.empty()) {
        LoadAndRunResult result = loadAndRun(engine_, options, global);
        if (!result.stats) return result.status;
        records_ = std::make_unique<engine::EngineFactRecords>(engine_);
        asOf_ = options.asOf.empty() ? dsl::today().days : dsl::parseDate(options.asOf)->days;
        description_ = "as of " + dsl::formatDate(dsl::Date{asOf_});
        return 0;
    }
    try {
        knowledgeBase_.emplace(kb::KnowledgeBase::open(options.kb, /*create=*/false));
        return options.asOf.empty() ? openStored(options, global, command) : evaluateStored(options, global, command);
    } catch (const kb::DatabaseError& error) {
        std::fprintf(stderr, "accord %s: error: %s\n", command, error.what());
        return 1;
    }
}

int ExplanationSource::openStored(const EvaluationOptions&, const GlobalOptions& global, const char* command) {
    dsl::Diagnostics diagnostics;
    if (!knowledgeBase_->loadProgram(engine_, diagnostics)) {
        printDiagnostics(diagnostics, engine_.sources(), DiagnosticFormat::Text, global);
        return 1;
    }
    engine_.setConclusions(knowledgeBase_->readConclusions(engine_));
    kb::Statement last = knowledgeBase_->database().prepare("SELECT as_of FROM accord_runs ORDER BY id DESC LIMIT 1");
    bool ran = last.step();
    std::string asOf = ran ? last.columnText(0) : dsl::formatDate(dsl::today());
    description_ = ran ? "as stored by the last run, as of " + asOf : "as stored (no run yet: only asserted facts)";
    asOf_ = dsl::parseDate(asOf).value_or(dsl::today()).days;
    records_ = std::make_unique<kb::StoredFactRecords>(knowledgeBase_->database(), engine_, asOf_);
    if (std::string stale = knowledgeBase_->staleness(); !stale.empty()) {
        spdlog::warn("accord {}: {}: the stored conclusions may be out of date (run `accord run`, or give --as-of)", command, stale);
    }
    return 0;
}

int ExplanationSource::evaluateStored(const EvaluationOptions& options, const GlobalOptions& global, const char*) {
    dsl::Diagnostics diagnostics;
    if (!loadProgram(engine_, options, &*knowledgeBase_, /*withAssertedFacts=*/true, diagnostics)) {
        printDiagnostics(diagnostics, engine_.sources(), DiagnosticFormat::Text, global);
        return 1;
    }
    engine::RunOptions run = runOptionsOf(options);
    try {
        engine_.run(run);
    } catch (const engine::EvaluationError& error) {
        std::fputs(engine_.describe(error).c_str(), stderr);
        return 1;
    }
    records_ = std::make_unique<engine::EngineFactRecords>(engine_);
    asOf_ = run.asOf;
    description_ = "as of " + options.asOf;
    return 0;
}

}  // namespace accord::cli
