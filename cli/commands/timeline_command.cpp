// `accord timeline [FILES...] 'ATOM'`: for each matching fact (a keyed relation: each key),
// its states over time, evaluated as of every date where some fact's or rule's validity
// begins or ends, with the facts that caused each change.
#include <cstdio>
#include <map>

#include <spdlog/spdlog.h>

#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/program_options.hpp"
#include "dsl/date.hpp"
#include "engine/explain/timeline.hpp"
#include "kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

enum class TimelineFormat { Text, Json };

struct TimelineOptions {
    std::vector<std::string> arguments;  ///< rule files, then the query
    EvaluationOptions evaluation;
    std::size_t maxDates = 500;
    std::string from, to;  ///< YYYY-MM-DD; empty: before the first change, after the last
    TimelineFormat format = TimelineFormat::Text;
};

int runTimeline(TimelineOptions& options, const GlobalOptions& global) {
    std::string query = options.arguments.back();
    options.evaluation.files.assign(options.arguments.begin(), options.arguments.end() - 1);
    if (!refuseIgnoredOptions(options.evaluation, {.evaluatesEveryDate = true}, "timeline")) return 2;
    engine::Engine engine;
    try {
        dsl::Diagnostics diagnostics;
        std::optional<kb::KnowledgeBase> knowledgeBase;
        if (options.evaluation.files.empty()) knowledgeBase.emplace(kb::KnowledgeBase::open(options.evaluation.kb, /*create=*/false));
        if (!loadProgram(engine, options.evaluation, knowledgeBase ? &*knowledgeBase : nullptr, /*withAssertedFacts=*/true, diagnostics)) {
            printDiagnostics(diagnostics, engine.sources(), DiagnosticFormat::Text, global);
            return 1;
        }
        engine::Pattern pattern;
        if (!engine.query(query, diagnostics, &pattern)) {
            printDiagnostics(diagnostics, engine.sources(), DiagnosticFormat::Text, global);
            return 1;
        }
        engine::RunOptions run = runOptionsOf(options.evaluation);  // its date is replaced by each boundary
        bool truncated = false;
        engine::TimelineRange range;
        if (!options.from.empty()) range.from = dsl::parseDate(options.from)->days;
        if (!options.to.empty()) range.to = dsl::parseDate(options.to)->days;
        if (range.from && range.to && *range.to < *range.from) {
            std::fprintf(stderr, "accord timeline: error: --to %s is before --from %s\n", options.to.c_str(), options.from.c_str());
            return 2;
        }
        auto timelines = engine::buildTimelines(engine, pattern, run, options.maxDates, &truncated, range);
        const bool hasStart = range.from.has_value();
        if (truncated) spdlog::warn("accord timeline: more than {} dates; the latest were left out (raise --max-dates)", options.maxDates);
        if (options.format == TimelineFormat::Json) {
            std::puts(nlohmann::json{{"format_version", kJsonFormatVersion}, {"query", query}, {"from", textOrNull(options.from)},
                                     {"to", textOrNull(options.to)},
                                     {"timelines", engine::timelinesToJson(timelines, hasStart)}}
                          .dump(2)
                          .c_str());
        } else {
            std::fputs(engine::formatTimelines(timelines, hasStart).c_str(), stdout);
            if (timelines.empty()) std::printf("nothing matches '%s' on any date\n", query.c_str());
        }
        return 0;
    } catch (const engine::EvaluationError& error) {
        std::fputs(engine.describe(error).c_str(), stderr);
        return 1;
    } catch (const kb::DatabaseError& error) {
        std::fprintf(stderr, "accord timeline: error: %s\n", error.what());
        return 1;
    }
}

}  // namespace

void registerTimelineCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<TimelineOptions>();
    CLI::App* command = app.add_subcommand("timeline", "Show when matching conclusions changed, and which facts changed them");
    command->add_option("arguments", options->arguments,
                        "Rule files or directories (none: the knowledge base), then the query, e.g. 'vote(A, rutte) = V'")
        ->required();
    command->add_option("--max-dates", options->maxDates, "Evaluate at most this many dates")->capture_default_str();
    auto isDate = [](const std::string& text) { return dsl::parseDate(text) ? std::string() : "expected a date YYYY-MM-DD"; };
    command->add_option("--from", options->from, "Start with the state as of this date (default: before the first change)")->check(isDate);
    command->add_option("--to", options->to, "Show no change after this date (default: every change)")->check(isDate);
    std::map<std::string, TimelineFormat> formats{{"text", TimelineFormat::Text}, {"json", TimelineFormat::Json}};
    command->add_option("--format", options->format, "text (default) or json")->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    addEvaluationOptions(*command, options->evaluation);
    command->callback([options, &global, &run] { run = [options, &global] { return runTimeline(*options, global); }; });
}

}  // namespace accord::cli
