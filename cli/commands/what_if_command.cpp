// `accord what-if [FILES...] ['QUERY'] --assert 'fact.' --retract 'fact.'`: the conclusions
// a hypothetical change would add, remove or change, without touching the knowledge base.
#include <fmt/format.h>

#include "cli/change_listing.hpp"
#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/program_options.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/explain/conclusion_diff.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/engine/text/hypothesis_text.hpp"
#include "accord/kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

struct WhatIfOptions {
    std::vector<std::string> arguments;  ///< rule files, then optionally a query
    std::vector<std::string> asserts, retracts;
    std::vector<std::string> scenarios;  ///< scenario files (engine/text/hypothesis_text.hpp)
    EvaluationOptions evaluation;
    OutputFormat format = OutputFormat::Text;
};

/// The facts of --assert and --retract, then of the scenario files, parsed against the loaded program.
std::optional<engine::Hypothesis> parseHypothesis(const WhatIfOptions& options, engine::Engine& engine, dsl::SourceManager& sources,
                                                  dsl::Diagnostics& diagnostics) {
    auto hypothesis = engine::parseHypothesisOptions(options.asserts, options.retracts, engine, sources, diagnostics);
    bool ok = hypothesis.has_value();
    if (!ok) hypothesis.emplace();
    for (const std::string& path : options.scenarios) ok = engine::readScenarioFile(path, engine, sources, diagnostics, *hypothesis) && ok;
    if (!ok) return std::nullopt;
    return hypothesis;
}

std::string summary(const kb::WhatIfReport& report, const std::string& asOf, bool fromKnowledgeBase, std::size_t relationCount) {
    std::string how;
    if (fromKnowledgeBase) {
        how = report.incremental
                  ? fmt::format(" ({} of {} relations evaluated; the knowledge base is unchanged)", report.evaluated.size(), relationCount)
                  : " (evaluated in full; the knowledge base is unchanged)";
    }
    return fmt::format("{} change{} as of {}{}\n", report.changes.size(), report.changes.size() == 1 ? "" : "s", asOf, how);
}

int runWhatIf(WhatIfOptions& options, const GlobalOptions& global) {
    CommandOutput output("what-if", options.format, global);
    std::optional<std::string> query = takeQuery(options.arguments, output);
    if (!query) return output.finish(2, "");
    options.evaluation.files = options.arguments;
    if (!refuseIgnoredOptions(options.evaluation, {}, output)) return output.finish(2, "");
    nlohmann::ordered_json fields = {{"query", textOrNull(*query)}};
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    dsl::SourceManager sources;
    std::optional<kb::KnowledgeBase> knowledgeBase;
    const bool conditions = !query->empty() && !engine::isOneAtom(*query);
    return reportingErrors(output, engine, fields, [&] {
        if (options.evaluation.files.empty()) knowledgeBase.emplace(kb::KnowledgeBase::open(options.evaluation.kb, /*create=*/false));
        // The knowledge base's what-if loads the asserted facts it needs itself; the rows of a
        // query are compared in memory (engine::whatIfRows), from every asserted fact.
        const bool incremental = knowledgeBase && !conditions;
        if (!loadProgram(engine, options.evaluation, knowledgeBase ? &*knowledgeBase : nullptr, /*withAssertedFacts=*/!incremental,
                         diagnostics)) {
            output.diagnostics(diagnostics, engine.sources());
            return output.finish(1, "", fields);
        }
        // The facts' diagnostics point into `sources`, the query's into the engine's own: each
        // set is printed with the text it points into (one set printed with both crashed).
        dsl::Diagnostics factDiagnostics, queryDiagnostics;
        auto hypothesis = parseHypothesis(options, engine, sources, factDiagnostics);
        engine::Pattern pattern;
        if (hypothesis && !query->empty() && !engine.query(*query, queryDiagnostics, &pattern)) hypothesis.reset();
        output.diagnostics(factDiagnostics, sources);
        output.diagnostics(queryDiagnostics, engine.sources());
        if (!hypothesis) return output.finish(1, "", fields);
        engine::RunOptions run = runOptionsOf(options.evaluation);
        kb::WhatIfReport report;
        if (conditions) {
            dsl::Diagnostics said;  // its warnings were said when the query was first read: only errors are shown
            auto changes = engine::whatIfRows(engine, run, *hypothesis, *query, said, &report.notFound);
            if (!changes) {
                dsl::Diagnostics errors;
                for (const dsl::Diagnostic& diagnostic : said.items()) {
                    if (diagnostic.severity == dsl::Severity::Error) errors.add(diagnostic);
                }
                output.diagnostics(errors, engine.sources());
                return output.finish(1, "", fields);
            }
            report.changes = std::move(*changes);
        } else if (incremental) {
            report = knowledgeBase->whatIf(engine, run, *hypothesis);
        } else {
            report.changes = engine::whatIfInMemory(engine, run, *hypothesis, &report.notFound);
        }
        if (!query->empty() && !conditions) engine::keepMatching(report.changes, pattern);
        warnNotFound(report.notFound, output);
        std::string asOf = dsl::formatDate(dsl::Date{run.asOf});
        fields.update({{"as_of", asOf},
                       {"incremental", report.incremental},
                       {"evaluated", report.evaluated},
                       {"changes", engine::changesToJson(report.changes)},
                       {"not_found", report.notFound}});
        std::string text =
            engine::formatChanges(report.changes) + summary(report, asOf, knowledgeBase.has_value(), engine.plan().relations.size());
        return output.answer(0, text, fields);
    });
}

}  // namespace

void registerWhatIfCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<WhatIfOptions>();
    CLI::App* command = app.add_subcommand("what-if", "Show what a hypothetical change of facts would change, changing nothing");
    addExamples(*command, {"accord what-if rules/nato --as-of 2024-06-19 --retract 'nominated_by(iohannis, romania)'",
                           "accord what-if rules/nato 'vote(A, rutte) = block and eastern_flank(A)' --as-of 2024-06-19 "
                           "--retract 'nominated_by(iohannis, romania)'"});
    command->add_option("arguments", options->arguments,
                        "Rule files or directories (none: the knowledge base), then optionally a query: one atom restricts the "
                        "changes to its facts; several conditions show the change in their rows");
    command->add_option("--assert", options->asserts, "A fact to add, e.g. 'pledged(rutte, eu_neutrality).' (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--retract", options->retracts, "A fact to remove (repeatable)")->allow_extra_args(false);
    command
        ->add_option("--scenario", options->scenarios,
                     "A scenario file: facts to add, and facts preceded by '-' to remove (repeatable; with --assert and --retract)")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile);
    addOutputFormatOption(*command, options->format);
    addEvaluationOptions(*command, options->evaluation);
    runsWith(*command, options, global, run, runWhatIf);
}

}  // namespace accord::cli
