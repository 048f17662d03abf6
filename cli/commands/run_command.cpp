// `accord run FILES...`: evaluate and print how many facts each relation holds.
#include <algorithm>
#include <cstdio>
#include <tuple>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/program_options.hpp"
#include "cli/rule_profile.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::cli {
namespace {

struct RunOptions {
    EvaluationOptions evaluation;
    bool profile = false;
    OutputFormat format = OutputFormat::Text;
};

/// "relation  facts" lines; relations in `marked` get a `*`.
std::string sizeTable(const std::vector<std::pair<std::string, std::int64_t>>& sizes, const std::vector<std::string>& marked) {
    std::size_t width = 8;
    for (const auto& [name, size] : sizes) width = std::max(width, name.size() + 2);
    std::string out = fmt::format("{:<{}}  {:>9}\n", "relation", width, "facts");
    for (const auto& [name, size] : sizes) {
        bool mark = std::find(marked.begin(), marked.end(), name) != marked.end();
        out += fmt::format("{:<{}}  {:>9}\n", name + (mark ? " *" : ""), width, size);
    }
    return out;
}

/// The JSON fields of a run's relation sizes.
nlohmann::ordered_json sizesJson(const std::vector<std::pair<std::string, std::int64_t>>& sizes) {
    nlohmann::ordered_json relations = nlohmann::ordered_json::array();
    for (const auto& [name, size] : sizes) relations.push_back({{"name", name}, {"rows", size}});
    return relations;
}

/// What a minimum confidence left out, for the summary of a run ("" when there is none).
std::string minimumLine(double minimum) {
    if (minimum <= 0) return "";
    return fmt::format("facts and conclusions less likely than {} did not hold\n", engine::formatConfidence(minimum));
}

/// Adds the profile of the run to its text and fields, when asked for.
void addProfile(const RunOptions& options, const engine::RunStats& stats, const engine::Engine& engine, std::string& text,
                nlohmann::ordered_json& fields) {
    if (!options.profile) return;
    text += profileText(stats, engine);
    fields["profile"] = profileJson(stats, engine);
}

int printKnowledgeBaseRun(CommandOutput& output, const kb::RunReport& report, const RunOptions& runOptions, const engine::Engine& engine) {
    const EvaluationOptions& options = runOptions.evaluation;
    std::string out = sizeTable(report.rows, report.incremental ? report.recomputed : std::vector<std::string>{});
    std::int64_t total = 0;
    for (const auto& entry : report.rows) total += entry.second;
    out += fmt::format("{} rows in {} relations, {:.3f} s\n", total, report.rows.size(), report.stats.seconds);
    if (report.incremental) {
        out += fmt::format("incremental: {} of {} relations evaluated again (*), after changes to {}\n", report.recomputed.size(),
                           report.rows.size(), report.changed.empty() ? "none" : fmt::format("{}", fmt::join(report.changed, ", ")));
    } else {
        out += "from scratch\n";
    }
    out += fmt::format("conclusions as of {} stored in {} as run {}: {} rows added, {} changed, {} removed\n", report.run.asOf, options.kb,
                       report.run.id, report.inserted, report.updated, report.deleted);
    out += minimumLine(report.run.minConfidence);
    bool replacedOtherDate = report.previous && report.previous->asOf != report.run.asOf;
    if (replacedOtherDate) {
        out += fmt::format("they replace the conclusions as of {} of run {}\n", report.previous->asOf, report.previous->id);
    }
    nlohmann::ordered_json fields = {
        {"kb", options.kb},
        {"as_of", report.run.asOf},
        {"run", {{"id", report.run.id}, {"started_at", report.run.startedAt}, {"mode", report.run.mode}}},
        {"min_confidence", report.run.minConfidence},
        {"replaced", report.previous ? nlohmann::ordered_json{{"id", report.previous->id}, {"as_of", report.previous->asOf}}
                                     : nlohmann::ordered_json()},
        {"relations", sizesJson(report.rows)},
        {"rows", total},
        {"seconds", report.stats.seconds},
        {"incremental", report.incremental},
        {"changed", report.changed},
        {"evaluated", report.recomputed},
        {"inserted", report.inserted},
        {"updated", report.updated},
        {"deleted", report.deleted}};
    addProfile(runOptions, report.stats, engine, out, fields);
    return output.finish(0, out, fields);
}

int runRun(const RunOptions& options, const GlobalOptions& global) {
    CommandOutput output("run", options.format, global);
    if (!refuseIgnoredOptions(options.evaluation, {}, output)) return output.finish(2, "");
    engine::Engine engine;
    EvaluationOptions evaluation = options.evaluation;
    // A run of rule files prints how many facts each relation holds, and nothing it prints
    // reads a derivation: it keeps none (a third to a half of the memory of a recursive
    // closure). A knowledge base's run stores each conclusion's premises, so it keeps them.
    if (!evaluation.files.empty()) evaluation.noProvenance = true;
    LoadAndRunResult result = loadAndRun(engine, evaluation, global, &output);
    if (!result.stats) return output.finish(result.status, "");
    if (result.report) return printKnowledgeBaseRun(output, *result.report, options, engine);
    const engine::RunStats& stats = *result.stats;
    for (const engine::StratumStats& stratum : stats.strata) {
        if (stratum.derived == 0 && stratum.iterations <= 1 && global.verbosity < 2) continue;
        spdlog::info("stratum {{{}}}: {} new facts, {} round{}, {:.3f} s", fmt::join(stratum.relations, ", "), stratum.derived,
                     stratum.iterations, stratum.iterations == 1 ? "" : "s", stratum.seconds);
    }
    std::vector<std::pair<std::string, std::int64_t>> sizes;
    for (const engine::Relation& relation : engine.relations()) sizes.emplace_back(relation.name(), relation.size());
    std::string asOf = dsl::formatDate(dsl::Date{runOptionsOf(options.evaluation).asOf});
    std::string out = sizeTable(sizes, {});
    out += fmt::format("{} facts in {} relations as of {}{}, {:.3f} s\n", stats.facts, engine.relations().size(), asOf,
                       options.evaluation.asOf.empty() ? " (today)" : "", stats.seconds);
    double minimum = engine.minConfidence();
    out += minimumLine(minimum);
    nlohmann::ordered_json fields = {
        {"as_of", asOf}, {"min_confidence", minimum}, {"relations", sizesJson(sizes)}, {"facts", stats.facts}, {"seconds", stats.seconds}};
    addProfile(options, stats, engine, out, fields);
    return output.finish(0, out, fields);
}

}  // namespace

void registerRunCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* command = app.add_subcommand("run", "Evaluate rule files, or the knowledge base (storing its conclusions), and summarise");
    addExamples(*command, {"accord run rules/nato --as-of 2024-06-19", "accord run --kb accord.db --as-of 2024-06-26",
                           "accord run rules/nato --as-of 2024-06-19 --profile"});
    command->add_option("files", options->evaluation.files, "Rule files or directories; none: the knowledge base (--kb)");
    addEvaluationOptions(*command, options->evaluation);
    command->add_flag("--from-scratch", options->evaluation.fromScratch, "With the knowledge base: evaluate everything, reuse nothing");
    command->add_flag("--profile", options->profile, "Also show, per rule, the facts it derived, the tuples it visited and its time");
    addOutputFormatOption(*command, options->format);
    runsWith(*command, options, global, run, runRun);
}

}  // namespace accord::cli
