// `accord diff [FILES...] ['QUERY'] --as-of A --to B` and `--scenario S [--scenario T]`:
// every conclusion that differs between two situations — two dates, the facts as they are
// and a scenario, or two scenarios (on one date or two) — without touching the knowledge base.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/change_listing.hpp"
#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/program_options.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/text/hypothesis_text.hpp"

namespace accord::cli {
namespace {

struct DiffOptions {
    std::vector<std::string> arguments;  ///< rule files, then optionally a query
    std::string to;  ///< YYYY-MM-DD: the date of the second situation
    std::vector<std::string> scenarios;  ///< one: the facts as they are against it; two: the first against the second
    EvaluationOptions evaluation;
    OutputFormat format = OutputFormat::Text;
};

/// One side of the comparison, as given and as evaluated.
struct Side {
    engine::Situation situation;
    std::string scenario;  ///< the scenario file, or "" for the facts as they are

    /// "2024-04-02", or "scenario S as of 2024-04-02" (`withDate` false: without the date).
    std::string describe(bool withDate) const {
        std::string date = dsl::formatDate(dsl::Date{situation.asOf});
        if (scenario.empty()) return withDate ? date : "the facts as they are";
        return withDate ? fmt::format("scenario {} as of {}", scenario, date) : "scenario " + scenario;
    }
    nlohmann::ordered_json json() const {
        return {{"as_of", dsl::formatDate(dsl::Date{situation.asOf})}, {"scenario", textOrNull(scenario)}};
    }
};

/// The two sides the options name; nullopt (with the error reported, and the exit status
/// in `status`: 2 when they name no comparison, 1 when a scenario cannot be read) otherwise.
std::optional<std::pair<Side, Side>> sidesOf(const DiffOptions& options, engine::Engine& engine, CommandOutput& output, int& status) {
    status = 2;
    if (options.to.empty() && options.scenarios.empty()) {
        output.error(
            "nothing to compare: give --to DATE (two dates) or --scenario FILE (the facts as they are against a scenario; "
            "twice: one scenario against another)");
        return std::nullopt;
    }
    if (options.scenarios.size() > 2) {
        output.error("--scenario: at most two (the first is compared with the second)");
        return std::nullopt;
    }
    status = 1;
    engine::RunOptions run = runOptionsOf(options.evaluation);
    Side before{{run.asOf, {}}, {}}, after{{options.to.empty() ? run.asOf : dsl::parseDate(options.to)->days, {}}, {}};
    if (!options.scenarios.empty()) after.scenario = options.scenarios.back();
    if (options.scenarios.size() == 2) before.scenario = options.scenarios.front();
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    bool ok = true;
    for (Side* side : {&before, &after}) {
        if (side->scenario.empty()) continue;
        ok = engine::readScenarioFile(side->scenario, engine, sources, diagnostics, side->situation.hypothesis) && ok;
    }
    output.diagnostics(diagnostics, sources);
    if (!ok) return std::nullopt;
    return std::pair{std::move(before), std::move(after)};
}

/// "3 changes from 2024-04-02 to 2024-06-26", "... from the facts as they are to scenario S, as of 2024-04-02".
std::string summary(std::size_t changes, const Side& before, const Side& after, bool fromKnowledgeBase) {
    // One date is said once, unless the dates are all that tells the sides apart.
    bool oneDate = before.situation.asOf == after.situation.asOf && !(before.scenario.empty() && after.scenario.empty());
    return fmt::format("{} change{} from {} to {}{}{}\n", changes, changes == 1 ? "" : "s", before.describe(!oneDate),
                       after.describe(!oneDate), oneDate ? ", as of " + dsl::formatDate(dsl::Date{after.situation.asOf}) : "",
                       fromKnowledgeBase ? " (the knowledge base's program and facts, evaluated; it is unchanged)" : "");
}

int runDiff(DiffOptions& options, const GlobalOptions& global) {
    CommandOutput output("diff", options.format, global);
    std::optional<std::string> query = takeQuery(options.arguments, output);
    if (!query) return output.finish(2, "");
    options.evaluation.files = options.arguments;
    if (!refuseIgnoredOptions(options.evaluation, {}, output)) return output.finish(2, "");
    nlohmann::ordered_json fields = {{"query", textOrNull(*query)}};
    engine::Engine engine;
    return reportingErrors(output, engine, fields, [&] {
        engine::Pattern pattern;
        if (!loadForEvaluation(engine, options.evaluation, *query, pattern, output)) return output.finish(1, "", fields);
        int status = 0;
        auto sides = sidesOf(options, engine, output, status);
        if (!sides) return output.finish(status, "", fields);
        const auto& [before, after] = *sides;
        std::vector<std::string> notFound;
        auto changes = engine::compareSituations(engine, runOptionsOf(options.evaluation), before.situation, after.situation, &notFound);
        if (!query->empty()) engine::keepMatching(changes, pattern);
        warnNotFound(notFound, output);
        const bool fromKnowledgeBase = options.evaluation.files.empty();
        fields["from"] = fromKnowledgeBase ? "knowledge base, evaluated" : "rule files";
        fields["before"] = before.json();
        fields["after"] = after.json();
        fields["min_confidence"] = engine.minConfidence();
        fields["changes"] = engine::changesToJson(changes);
        fields["not_found"] = notFound;
        return output.answer(0, engine::formatChanges(changes) + summary(changes.size(), before, after, fromKnowledgeBase), fields);
    });
}

}  // namespace

void registerDiffCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<DiffOptions>();
    CLI::App* command =
        app.add_subcommand("diff", "Show every conclusion that differs between two dates or two scenarios, changing nothing");
    addExamples(*command, {"accord diff rules/nato --as-of 2024-01-01 --to 2024-06-26 'vote(A, rutte) = V'"});
    command->add_option("arguments", options->arguments,
                        "Rule files or directories (none: the knowledge base), then optionally a query to restrict the changes to");
    command->add_option("--to", options->to, "Compare the conclusions as of --as-of with those as of this date")->check(checkDate);
    command
        ->add_option("--scenario", options->scenarios,
                     "A scenario file (facts to add; facts preceded by '-' to remove). Once: the facts as they are against it; "
                     "twice: the first scenario against the second")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile);
    addOutputFormatOption(*command, options->format);
    addEvaluationOptions(*command, options->evaluation);
    runsWith(*command, options, global, run, runDiff);
}

}  // namespace accord::cli
