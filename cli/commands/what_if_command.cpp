// `accord what-if [FILES...] ['QUERY'] --assert 'fact.' --retract 'fact.'`: the conclusions
// a hypothetical change would add, remove or change, without touching the knowledge base.
#include <cstdio>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/program_options.hpp"
#include "dsl/date.hpp"
#include "engine/explain/conclusion_diff.hpp"
#include "engine/value_format.hpp"
#include "kb/hypothesis_text.hpp"
#include "kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

enum class WhatIfFormat { Text, Json };

struct WhatIfOptions {
    std::vector<std::string> arguments;  ///< rule files, then optionally a query
    std::vector<std::string> asserts, retracts;
    std::vector<std::string> scenarios;  ///< scenario files (kb/hypothesis_text.hpp)
    EvaluationOptions evaluation;
    WhatIfFormat format = WhatIfFormat::Text;
};

/// The facts of the scenario files, then of --assert and --retract, parsed against the loaded program.
std::optional<engine::Hypothesis> parseHypothesis(const WhatIfOptions& options, engine::Engine& engine, dsl::SourceManager& sources,
                                                  dsl::Diagnostics& diagnostics) {
    auto hypothesis = kb::parseHypothesisOptions(options.asserts, options.retracts, engine, sources, diagnostics);
    bool ok = hypothesis.has_value();
    if (!ok) hypothesis.emplace();
    for (const std::string& path : options.scenarios) ok = kb::readScenarioFile(path, engine, sources, diagnostics, *hypothesis) && ok;
    if (!ok) return std::nullopt;
    return hypothesis;
}

int runWhatIf(WhatIfOptions& options, const GlobalOptions& global) {
    std::string query;
    if (!options.arguments.empty() && !std::filesystem::exists(options.arguments.back())) {
        query = options.arguments.back();
        options.arguments.pop_back();
    }
    options.evaluation.files = options.arguments;
    if (!refuseIgnoredOptions(options.evaluation, {}, "what-if")) return 2;
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    dsl::SourceManager sources;
    std::optional<kb::KnowledgeBase> knowledgeBase;
    try {
        if (options.evaluation.files.empty()) knowledgeBase.emplace(kb::KnowledgeBase::open(options.evaluation.kb, /*create=*/false));
        // The knowledge base's what-if loads the asserted facts it needs itself.
        if (!loadProgram(engine, options.evaluation, knowledgeBase ? &*knowledgeBase : nullptr, /*withAssertedFacts=*/false, diagnostics)) {
            printDiagnostics(diagnostics, engine.sources(), DiagnosticFormat::Text, global);
            return 1;
        }
        // The facts' diagnostics point into `sources`, the query's into the engine's own: each
        // set is printed with the text it points into (one set printed with both crashed).
        dsl::Diagnostics factDiagnostics, queryDiagnostics;
        auto hypothesis = parseHypothesis(options, engine, sources, factDiagnostics);
        engine::Pattern pattern;
        if (hypothesis && !query.empty() && !engine.query(query, queryDiagnostics, &pattern)) hypothesis.reset();
        if (!hypothesis) {
            if (!factDiagnostics.items().empty()) printDiagnostics(factDiagnostics, sources, DiagnosticFormat::Text, global);
            if (!queryDiagnostics.items().empty()) printDiagnostics(queryDiagnostics, engine.sources(), DiagnosticFormat::Text, global);
            return 1;
        }
        engine::RunOptions run = runOptionsOf(options.evaluation);
        kb::WhatIfReport report;
        if (knowledgeBase) {
            report = knowledgeBase->whatIf(engine, run, *hypothesis);
        } else {
            report.changes = engine::whatIfInMemory(engine, run, *hypothesis, &report.notFound);
        }
        if (!query.empty()) {
            std::erase_if(report.changes, [&](const engine::ConclusionChange& change) {
                return change.relation != pattern.relation || !engine::matches(pattern, change.tuple);
            });
        }
        for (const std::string& fact : report.notFound) spdlog::warn("--retract {}: no such asserted or program fact", fact);
        std::string asOf = dsl::formatDate(dsl::Date{run.asOf});
        if (options.format == WhatIfFormat::Json) {
            nlohmann::json out = {{"format_version", kJsonFormatVersion}, {"as_of", asOf}, {"incremental", report.incremental}, {"evaluated", report.evaluated},
                                  {"changes", engine::changesToJson(report.changes)}, {"not_found", report.notFound}};
            std::puts(out.dump(2).c_str());
        } else {
            std::fputs(engine::formatChanges(report.changes).c_str(), stdout);
            std::printf("%zu change%s as of %s%s\n", report.changes.size(), report.changes.size() == 1 ? "" : "s", asOf.c_str(),
                        knowledgeBase ? (report.incremental ? fmt::format(" ({} of {} relations evaluated; the knowledge base is unchanged)",
                                                                          report.evaluated.size(), engine.plan().relations.size())
                                                            : std::string(" (evaluated in full; the knowledge base is unchanged)"))
                                                  .c_str()
                                      : "");
        }
        return 0;
    } catch (const engine::EvaluationError& error) {
        std::fputs(engine.describe(error).c_str(), stderr);
        return 1;
    } catch (const kb::DatabaseError& error) {
        std::fprintf(stderr, "accord what-if: error: %s\n", error.what());
        return 1;
    }
}

}  // namespace

void registerWhatIfCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<WhatIfOptions>();
    CLI::App* command = app.add_subcommand("what-if", "Show what a hypothetical change of facts would change, changing nothing");
    command->add_option("arguments", options->arguments,
                        "Rule files or directories (none: the knowledge base), then optionally a query to restrict the changes to");
    command->add_option("--assert", options->asserts, "A fact to add, e.g. 'pledged(rutte, eu_neutrality).' (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--retract", options->retracts, "A fact to remove (repeatable)")->allow_extra_args(false);
    command->add_option("--scenario", options->scenarios,
                        "A scenario file: facts to add, and facts preceded by '-' to remove (repeatable; with --assert and --retract)")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile);
    std::map<std::string, WhatIfFormat> formats{{"text", WhatIfFormat::Text}, {"json", WhatIfFormat::Json}};
    command->add_option("--format", options->format, "text (default) or json")->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    addEvaluationOptions(*command, options->evaluation);
    command->callback([options, &global, &run] { run = [options, &global] { return runWhatIf(*options, global); }; });
}

}  // namespace accord::cli
