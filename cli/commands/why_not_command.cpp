// `accord why-not [FILES...] 'FACT'`: for each rule that could derive a fact that does not
// hold, how close it came and the first condition that failed, and one level further down
// why that condition's fact does not hold either.
#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/command_output.hpp"
#include "cli/explanation_source.hpp"
#include "cli/json_output.hpp"
#include "engine/explain/markdown_report.hpp"
#include "engine/explain/why_not.hpp"
#include "engine/explain/why_not_format.hpp"

namespace accord::cli {
namespace {

struct WhyNotOptions {
    std::vector<std::string> arguments;  ///< rule files, then the fact
    EvaluationOptions evaluation;
    std::size_t depth = 3;
    OutputFormat format = OutputFormat::Text;
};

int runWhyNot(WhyNotOptions& options, const GlobalOptions& global) {
    std::string goal = takeQuestion(options.arguments, options.evaluation);
    if (!refuseIgnoredOptions(options.evaluation, {.readsStoredConclusions = true, .explains = true}, "why-not")) return 2;
    CommandOutput output("why-not", options.format, global);
    if (!questionFollowsFiles(goal, options.evaluation, output)) return output.finish(2, "");
    ExplanationSource source;
    if (int status = source.open(options.evaluation, output, /*explains=*/true)) return output.finish(status, "", {{"query", goal}});
    auto fact = source.fact(goal, output);
    if (!fact) return output.finish(1, "", {{"query", goal}});
    engine::WhyNot whyNot = engine::explainWhyNot(source.engine(), source.records(), *fact, source.asOf(), options.depth);
    // A fact that holds has no why-not (exit 1): a script should not take it as explained.
    int status = whyNot.holds ? 1 : 0;
    if (output.json()) {
        nlohmann::ordered_json fields = {{"query", goal}};
        fields.update(source.origin<nlohmann::ordered_json>());
        fields.update(nlohmann::ordered_json(engine::whyNotToJson(whyNot)));
        return output.answer(status, "", fields);
    }
    if (options.format == OutputFormat::Markdown) return output.answer(status, engine::whyNotMarkdown(whyNot, source.description()), {});
    std::string text = fmt::format("{} ({})\n", whyNot.holds ? "It holds" : "It does not hold", source.description());
    return output.answer(status, text + engine::formatWhyNotText(whyNot), {});
}

}  // namespace

void registerWhyNotCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<WhyNotOptions>();
    CLI::App* command = app.add_subcommand("why-not", "Explain why a fact does not hold: each rule's closest attempt and what failed");
    addExamples(*command, {"accord why-not rules/nato 'vote(romania, rutte) = approve' --as-of 2024-06-19"});
    addQuestionArguments(*command, options->arguments, "the fact, e.g. 'appointed(rutte)'");
    command->add_option("--depth", options->depth, "Levels to follow into facts that are missing too")->capture_default_str();
    addOutputFormatOption(*command, options->format, /*withMarkdown=*/true);
    addEvaluationOptions(*command, options->evaluation);
    runsWith(*command, options, global, run, runWhyNot);
}

}  // namespace accord::cli
