// `accord run FILES...`: evaluate and print how many facts each relation holds.
#include <algorithm>
#include <cstdio>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands/commands.hpp"
#include "cli/program_options.hpp"

namespace accord::cli {
namespace {

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

int printKnowledgeBaseRun(const kb::RunReport& report, const EvaluationOptions& options) {
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
    out += fmt::format("conclusions stored in {}: {} rows added, {} changed, {} removed\n", options.kb, report.inserted,
                       report.updated, report.deleted);
    std::fputs(out.c_str(), stdout);
    return 0;
}

int runRun(const EvaluationOptions& options, const GlobalOptions& global) {
    engine::Engine engine;
    LoadAndRunResult result = loadAndRun(engine, options, global);
    if (!result.stats) return result.status;
    if (result.report) return printKnowledgeBaseRun(*result.report, options);
    const engine::RunStats& stats = *result.stats;
    for (const engine::StratumStats& stratum : stats.strata) {
        if (stratum.derived == 0 && stratum.iterations <= 1 && global.verbosity < 2) continue;
        spdlog::info("stratum {{{}}}: {} new facts, {} round{}, {:.3f} s", fmt::join(stratum.relations, ", "), stratum.derived,
                     stratum.iterations, stratum.iterations == 1 ? "" : "s", stratum.seconds);
    }
    std::vector<std::pair<std::string, std::int64_t>> sizes;
    for (const engine::Relation& relation : engine.relations()) sizes.emplace_back(relation.name(), relation.size());
    std::string out = sizeTable(sizes, {});
    out += fmt::format("{} facts in {} relations, {:.3f} s\n", stats.facts, engine.relations().size(), stats.seconds);
    std::fputs(out.c_str(), stdout);
    return 0;
}

}  // namespace

void registerRunCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<EvaluationOptions>();
    CLI::App* command = app.add_subcommand("run", "Evaluate rule files, or the knowledge base (storing its conclusions), and summarise");
    command->add_option("files", options->files, "Rule files or directories; none: the knowledge base (--kb)");
    addEvaluationOptions(*command, *options);
    command->add_flag("--from-scratch", options->fromScratch, "With the knowledge base: evaluate everything, reuse nothing");
    command->callback([options, &global, &run] { run = [options, &global] { return runRun(*options, global); }; });
}

}  // namespace accord::cli
