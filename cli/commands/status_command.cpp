// `accord status`: what the knowledge base holds — its program, its relations with their
// rows by origin, its last runs — and whether the stored conclusions are current.
#include <cstdio>

#include <fmt/format.h>

#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "accord/kb/knowledge_base_status.hpp"

namespace accord::cli {
namespace {

struct StatusOptions {
    std::string kb = "accord.db";
    std::size_t runs = 5;
    OutputFormat format = OutputFormat::Text;
};

std::string statusText(const kb::KnowledgeBaseStatus& status) {
    std::string out = fmt::format("knowledge base {} (schema version {}, created {})\n", status.path, status.schemaVersion, status.created);
    if (status.files.empty()) {
        out += "program: none loaded yet (accord load RULES...)\n";
    } else {
        out += fmt::format("program: {} rule{} from {} file{}, loaded {}\n", status.rules, status.rules == 1 ? "" : "s",
                           status.files.size(), status.files.size() == 1 ? "" : "s", status.files.front().loadedAt);
        for (const auto& file : status.files) out += fmt::format("  {}  {}\n", file.path, file.hash);
    }
    std::size_t width = 8;
    for (const auto& relation : status.relations) width = std::max(width, relation.name.size());
    out += fmt::format("\n{:<{}}  {:>8}  {:>4}  {:>7}  {:>7}\n", "relation", width, "asserted", "held", "program", "derived");
    for (const auto& relation : status.relations) {
        out += fmt::format("{:<{}}  {:>8}  {:>4}  {:>7}  {:>7}\n", relation.name, width, relation.asserted, relation.assertedHeld,
                           relation.program, relation.derived);
    }
    if (status.totalRuns == 0) {
        out += "\nno run yet (accord run --as-of DATE)\n";
    } else if (status.runs.empty()) {
        out += fmt::format("\n{} run{} (none listed: --runs 0)\n", status.totalRuns, status.totalRuns == 1 ? "" : "s");
    } else {
        out += fmt::format("\nlast run{} of {}:\n", status.runs.size() == 1 ? "" : "s", status.totalRuns);
        out += fmt::format("  {:>4}  {:<20}  {:<10}  {:<11}  {:>9}  {:>8}\n", "run", "started", "as of", "mode", "rows", "seconds");
        for (const auto& run : status.runs) {
            out += fmt::format("  {:>4}  {:<20}  {:<10}  {:<11}  {:>9}  {:>8.3f}\n", run.record.id, run.record.startedAt, run.record.asOf,
                               run.record.mode, run.facts, run.seconds);
        }
    }
    out += status.staleness.empty() ? "\nconclusions: current (they follow from the stored program and facts)\n"
                                    : fmt::format("\nconclusions: stale: {} (accord run)\n", status.staleness);
    return out;
}

nlohmann::ordered_json statusJson(const kb::KnowledgeBaseStatus& status) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array(), relations = nlohmann::ordered_json::array(),
                           runs = nlohmann::ordered_json::array();
    for (const auto& file : status.files) files.push_back({{"path", file.path}, {"hash", file.hash}, {"loaded_at", file.loadedAt}});
    for (const auto& relation : status.relations) {
        relations.push_back({{"name", relation.name},
                             {"asserted", relation.asserted},
                             {"asserted_held", relation.assertedHeld},
                             {"program", relation.program},
                             {"derived", relation.derived}});
    }
    for (const auto& run : status.runs) {
        runs.push_back({{"id", run.record.id},
                        {"started_at", run.record.startedAt},
                        {"as_of", run.record.asOf},
                        {"mode", run.record.mode},
                        {"rows", run.facts},
                        {"seconds", run.seconds},
                        {"relations_evaluated", run.recomputed ? nlohmann::ordered_json(*run.recomputed) : nlohmann::ordered_json()}});
    }
    return {{"kb", status.path},
            {"schema_version", status.schemaVersion},
            {"created", status.created},
            {"program", {{"files", files}, {"rules", status.rules}}},
            {"relations", relations},
            {"runs", runs},
            {"total_runs", status.totalRuns},
            {"stale", status.staleness.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(status.staleness)}};
}

int runStatus(const StatusOptions& options, const GlobalOptions& global) {
    CommandOutput output("status", options.format, global);
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/false);
        kb::KnowledgeBaseStatus status = kb::readStatus(knowledgeBase, options.runs);
        return output.answer(0, statusText(status), statusJson(status));
    } catch (const kb::DatabaseError& error) {
        output.error(error.what());
        return output.finish(1, "", {{"kb", options.kb}});
    }
}

}  // namespace

void registerStatusCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<StatusOptions>();
    CLI::App* command = app.add_subcommand("status", "Show the knowledge base: its program, relations and rows, last runs, and staleness");
    addExamples(*command, {"accord status --kb accord.db"});
    command->add_option("--kb", options->kb, "The knowledge base file")->capture_default_str();
    command->add_option("--runs", options->runs, "How many of the latest runs to list")->capture_default_str();
    addOutputFormatOption(*command, options->format);
    runsWith(*command, options, global, run, runStatus);
}

}  // namespace accord::cli
