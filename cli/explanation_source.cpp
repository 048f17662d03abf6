// Sources of facts for explanations (see explanation_source.hpp).
#include "cli/explanation_source.hpp"

#include <cstdio>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/diagnostic_output.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/statement.hpp"
#include "accord/kb/stored_fact_records.hpp"

namespace accord::cli {

std::optional<std::vector<engine::QueryRow>> ExplanationSource::query(const std::string& text, engine::Pattern& pattern,
                                                                      CommandOutput& output, engine::RowLimit* limit) {
    dsl::Diagnostics diagnostics;
    auto rows = engine_.query(text, diagnostics, &pattern, "<query>", limit);
    output.diagnostics(diagnostics, engine_.sources());  // on success too: warnings, and why nothing matched
    return rows;
}

std::optional<engine::FactKey> ExplanationSource::fact(const std::string& text, CommandOutput& output) {
    dsl::Diagnostics diagnostics;
    auto fact = engine_.parseFact(text, diagnostics);
    if (!fact) {
        output.diagnostics(diagnostics, engine_.sources());
        return std::nullopt;
    }
    return engine::FactKey{fact->first, std::move(fact->second)};
}

int ExplanationSource::open(const EvaluationOptions& options, CommandOutput& output, bool explains, const std::string& forQuery) {
    if (!options.files.empty()) {
        LoadAndRunResult result = loadAndRun(engine_, options, output.global(), &output, forQuery, explains);
        if (!result.stats) return result.status;
        evaluation_ = result.stats;
        records_ = std::make_unique<engine::EngineFactRecords>(engine_);
        asOf_ = options.asOf.empty() ? dsl::today().days : dsl::parseDate(options.asOf)->days;
        description_ = "as of " + dsl::formatDate(dsl::Date{asOf_}) + (options.asOf.empty() ? " (today)" : "");
        from_ = "rule files";
        setMinConfidence(engine_.minConfidence());
        return 0;
    }
    try {
        knowledgeBase_.emplace(kb::KnowledgeBase::open(options.kb, /*create=*/false));
        return options.asOf.empty() ? openStored(options, output, explains) : evaluateStored(options, output, forQuery, explains);
    } catch (const kb::DatabaseError& error) {
        output.error(error.what());
        return 1;
    }
}

int ExplanationSource::openStored(const EvaluationOptions& options, CommandOutput& output, bool explains) {
    snapshot_.emplace(knowledgeBase_->database());  // the program, the run, its rows and the staleness of one state
    dsl::Diagnostics diagnostics;
    if (!knowledgeBase_->loadProgram(engine_, diagnostics)) {
        output.diagnostics(diagnostics, engine_.sources());
        return 1;
    }
    std::optional<kb::RunRecord> run = knowledgeBase_->lastRun();
    if (!run) {
        output.error(
            fmt::format("no run has stored conclusions in {} yet: run `accord run --as-of DATE` first, or give --as-of "
                        "DATE to evaluate its program and facts without storing",
                        options.kb));
        return 1;
    }
    if (explains && knowledgeBase_->programReplacedSinceLastRun()) {
        output.error(
            fmt::format("the program in {} was replaced since the last run, so its stored conclusions cannot be explained by "
                        "its rules: run `accord run --as-of {}` first, or give --as-of DATE to evaluate",
                        options.kb, run->asOf));
        return 1;
    }
    asOf_ = dsl::parseDate(run->asOf).value_or(dsl::today()).days;
    engine_.setConclusions(knowledgeBase_->readConclusions(engine_), run->minConfidence, asOf_);
    records_ = std::make_unique<kb::StoredFactRecords>(knowledgeBase_->database(), engine_, asOf_);
    description_ = fmt::format("as of {}, as stored by run {}", run->asOf, run->id);
    staleness_ = knowledgeBase_->staleness();
    from_ = "knowledge base";
    run_ = run;
    setMinConfidence(run->minConfidence);
    if (!staleness_.empty()) {
        spdlog::warn("{}: the stored conclusions may be out of date (run `accord run`, or give --as-of)", staleness_);
    }
    return 0;
}

int ExplanationSource::evaluateStored(const EvaluationOptions& options, CommandOutput& output, const std::string& forQuery, bool explains) {
    dsl::Diagnostics diagnostics;
    if (!loadProgram(engine_, options, &*knowledgeBase_, /*withAssertedFacts=*/true, diagnostics)) {
        output.diagnostics(diagnostics, engine_.sources());
        return 1;
    }
    engine::RunOptions run = runOptionsOf(options);
    try {
        evaluation_ = runFor(engine_, forQuery, run, explains);
    } catch (const engine::EvaluationError& error) {
        output.renderedError(engine_.describe(error));
        return 1;
    }
    records_ = std::make_unique<engine::EngineFactRecords>(engine_);
    asOf_ = run.asOf;
    description_ = "as of " + options.asOf + ", evaluated from the knowledge base's program and facts";
    from_ = "knowledge base, evaluated";
    setMinConfidence(engine_.minConfidence());
    return 0;
}

void ExplanationSource::setMinConfidence(double minimum) {
    minConfidence_ = minimum;
    if (minimum > 0) description_ += fmt::format(", holding at confidence {} or more", engine::formatConfidence(minimum));
}

}  // namespace accord::cli
