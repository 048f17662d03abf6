// `accord timeline [FILES...] 'ATOM'`: for each matching fact (a keyed relation: each key),
// its states over time, evaluated as of every date where some fact's or rule's validity
// begins or ends, with the facts that caused each change.
#include <fmt/format.h>

#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/program_options.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/chart/timeline_chart.hpp"
#include "accord/engine/explain/markdown_report.hpp"
#include "accord/engine/explain/timeline.hpp"
#include "accord/engine/plan/dependencies.hpp"
#include "accord/kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

struct TimelineOptions {
    std::vector<std::string> arguments;  ///< rule files, then the query
    EvaluationOptions evaluation;
    std::size_t maxDates = 500;
    std::string from, to;  ///< YYYY-MM-DD; empty: before the first change, after the last
    OutputFormat format = OutputFormat::Text;
};

int runTimeline(TimelineOptions& options, const GlobalOptions& global) {
    std::string query = takeQuestion(options.arguments, options.evaluation);
    CommandOutput output("timeline", options.format, global);
    if (!refuseIgnoredOptions(options.evaluation, {.evaluatesEveryDate = true}, output)) return output.finish(2, "");
    if (!questionFollowsFiles(query, options.evaluation, output)) return output.finish(2, "");
    nlohmann::ordered_json fields = {{"query", query}, {"from", textOrNull(options.from)}, {"to", textOrNull(options.to)}};
    engine::TimelineRange range;
    if (!options.from.empty()) range.from = dsl::parseDate(options.from)->days;
    if (!options.to.empty()) range.to = dsl::parseDate(options.to)->days;
    if (range.from && range.to && *range.to < *range.from) {
        output.error(fmt::format("--to {} is before --from {}", options.to, options.from));
        return output.finish(2, "", fields);
    }
    engine::Engine engine;
    return reportingErrors(output, engine, fields, [&] {
        engine::Pattern pattern;
        if (!loadForEvaluation(engine, options.evaluation, query, pattern, output)) return output.finish(1, "", fields);
        if (engine::readsToday(engine.plan(), pattern.relation)) {  // its dates of change are not where validities begin or end
            output.error(engine::readsTodayRefusal(query));
            return output.finish(1, "", fields);
        }
        engine::RunOptions run = runOptionsOf(options.evaluation);  // its date is replaced by each boundary
        bool truncated = false;
        auto timelines = engine::buildTimelines(engine, pattern, run, options.maxDates, &truncated, range);
        const bool hasStart = range.from.has_value();
        if (truncated) output.warning(fmt::format("more than {} dates; the latest were left out (raise --max-dates)", options.maxDates));
        fields["timelines"] = engine::timelinesToJson(timelines, hasStart);
        if (options.format == OutputFormat::Markdown)
            return output.answer(0, engine::timelinesMarkdown(timelines, query, hasStart), fields);
        if (options.format == OutputFormat::Svg) return output.answer(0, engine::chart::timelineSvg(fields), fields);
        std::string text = engine::formatTimelines(timelines, hasStart);
        if (timelines.empty()) text += engine::noTimelineText(query, truncated, options.maxDates);
        return output.answer(0, text, fields);
    });
}

}  // namespace

void registerTimelineCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<TimelineOptions>();
    CLI::App* command = app.add_subcommand("timeline", "Show when matching conclusions changed, and which facts changed them");
    addExamples(*command, {"accord timeline rules/nato 'vote(hungary, rutte) = V'",
                           "accord timeline rules/nato 'vote(A, rutte) = V' --format svg > votes.svg"});
    addQuestionArguments(*command, options->arguments, "the query, e.g. 'vote(A, rutte) = V'");
    command->add_option("--max-dates", options->maxDates, "Evaluate at most this many dates")->capture_default_str();
    command->add_option("--from", options->from, "Start with the state as of this date (default: before the first change)")
        ->check(checkDate);
    command->add_option("--to", options->to, "Show no change after this date (default: every change)")->check(checkDate);
    addOutputFormatOption(*command, options->format, /*withMarkdown=*/true, /*withSvg=*/true);
    addEvaluationOptions(*command, options->evaluation);
    runsWith(*command, options, global, run, runTimeline);
}

}  // namespace accord::cli
