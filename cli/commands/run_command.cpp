// `accord run FILES...`: evaluate and print how many facts each relation holds.
#include <cstdio>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands/commands.hpp"
#include "cli/program_options.hpp"

namespace accord::cli {
namespace {

int runRun(const EvaluationOptions& options, const GlobalOptions& global) {
    engine::Engine engine;
    LoadAndRunResult result = loadAndRun(engine, options, global, /*storeInKnowledgeBase=*/true);
    if (!result.stats) return result.status;
    const engine::RunStats& stats = *result.stats;
    for (const engine::StratumStats& stratum : stats.strata) {
        if (stratum.derived == 0 && stratum.iterations <= 1 && global.verbosity < 2) continue;
        spdlog::info("stratum {{{}}}: {} new facts, {} round{}, {:.3f} s", fmt::join(stratum.relations, ", "), stratum.derived,
                     stratum.iterations, stratum.iterations == 1 ? "" : "s", stratum.seconds);
    }
    std::size_t width = 8;
    for (const engine::Relation& relation : engine.relations()) width = std::max(width, relation.name().size());
    std::string out = fmt::format("{:<{}}  {:>9}\n", "relation", width, "facts");
    for (const engine::Relation& relation : engine.relations()) {
        out += fmt::format("{:<{}}  {:>9}\n", relation.name(), width, relation.size());
    }
    out += fmt::format("{} facts in {} relations, {:.3f} s\n", stats.facts, engine.relations().size(), stats.seconds);
    if (options.files.empty()) out += fmt::format("conclusions stored in {}\n", options.kb);
    std::fputs(out.c_str(), stdout);
    return 0;
}

}  // namespace

void registerRunCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<EvaluationOptions>();
    CLI::App* command = app.add_subcommand("run", "Evaluate rule files, or the knowledge base (storing its conclusions), and summarise");
    command->add_option("files", options->files, "Rule files or directories; none: the knowledge base (--kb)");
    addEvaluationOptions(*command, *options);
    command->callback([options, &global, &run] { run = [options, &global] { return runRun(*options, global); }; });
}

}  // namespace accord::cli
