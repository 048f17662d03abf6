// `accord why-not [FILES...] 'FACT'`: for each rule that could derive a fact that does not
// hold, how close it came and the first condition that failed, and one level further down
// why that condition's fact does not hold either.
#include <algorithm>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/command_output.hpp"
#include "cli/explanation_source.hpp"
#include "cli/json_output.hpp"
#include "accord/engine/explain/markdown_report.hpp"
#include "accord/engine/explain/possible_values.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/text/query_conditions.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::cli {
namespace {

struct WhyNotOptions {
    std::vector<std::string> arguments;  ///< rule files, then the fact
    EvaluationOptions evaluation;
    std::size_t depth = 3;
    OutputFormat format = OutputFormat::Text;
};

/// What a query of the fact says when nothing matches: a note when a value is spelled as
/// another kind (`"United Kingdom"`, a string, where the column holds the symbol).
void noteNearMiss(ExplanationSource& source, const std::string& goal, CommandOutput& output) {
    dsl::Diagnostics diagnostics;
    if (!source.engine().query(goal, diagnostics)) return;  // its errors are the fact's, shown when it is read
    output.diagnostics(diagnostics, source.engine().sources());
}

/// Why a key has not each value it could have (engine/explain/possible_values.hpp): the
/// value it has, if any, is shown by `why`.
int explainEachValue(const WhyNotOptions& options, const std::string& goal, const engine::Pattern& pattern, ExplanationSource& source,
                     CommandOutput& output) {
    engine::Engine& engine = source.engine();
    const engine::RelationPlan& relation = engine.plan().relations[pattern.relation];
    engine::Tuple key;
    for (std::size_t c = 0; c + 1 < pattern.columns.size(); ++c) key.push_back(*pattern.columns[c].constant);
    const std::string keyText = engine::formatFact(relation.name, key, /*keyed=*/false, engine.symbols());
    auto [held, others] = engine::explainKeyValues(engine, source.records(), pattern.relation, key, source.asOf(), options.depth);
    std::string heldText = held ? engine::formatValue(*held, engine.symbols()) : "";
    if (output.json()) {
        nlohmann::ordered_json fields = {{"query", goal}};
        fields.update(source.origin<nlohmann::ordered_json>());
        fields.update(engine::keyValuesJson(keyText, heldText, others));
        return output.answer(0, "", fields);
    }
    if (options.format == OutputFormat::Markdown) {
        return output.answer(0, engine::keyValuesMarkdown(keyText, heldText, others, source.description()), {});
    }
    return output.answer(0, engine::formatKeyValuesText(keyText, heldText, others, source.description()), {});
}

int report(const WhyNotOptions& options, const std::string& goal, const engine::WhyNot& whyNot, const std::string& holdsNote,
           ExplanationSource& source, CommandOutput& output) {
    int status = whyNot.holds ? 1 : 0;
    if (output.json()) {
        nlohmann::ordered_json fields = {{"query", goal}};
        fields.update(source.origin<nlohmann::ordered_json>());
        fields.update(nlohmann::ordered_json(engine::whyNotToJson(whyNot)));
        return output.answer(status, "", fields);
    }
    if (options.format == OutputFormat::Markdown) return output.answer(status, engine::whyNotMarkdown(whyNot, source.description()), {});
    std::string text =
        fmt::format("It {} ({}){}\n", whyNot.holds ? "holds" : "does not hold", source.description(), whyNot.holds ? holdsNote : "");
    return output.answer(status, text + engine::formatWhyNotText(whyNot), {});
}

/// Why several conditions have no solution: each alternative of their `or` probed as the
/// body of a rule is, with the first condition that stops the closest attempt.
int explainConditions(const WhyNotOptions& options, const std::string& goal, ExplanationSource& source, CommandOutput& output) {
    dsl::Diagnostics diagnostics;
    auto whyNot = engine::explainConditionsWhyNot(source.engine(), source.records(), goal, source.asOf(), options.depth, diagnostics);
    output.diagnostics(diagnostics, source.engine().sources());  // on success too: warnings, and why nothing matched
    if (!whyNot) return output.finish(1, "", {{"query", goal}});
    return report(options, goal, *whyNot, ": `accord query` lists its rows, `accord why` explains them", source, output);
}

int runWhyNot(WhyNotOptions& options, const GlobalOptions& global) {
    std::string goal = takeQuestion(options.arguments, options.evaluation);
    CommandOutput output("why-not", options.format, global);
    if (!refuseIgnoredOptions(options.evaluation, {.readsStoredConclusions = true, .explains = true}, output)) return output.finish(2, "");
    if (!questionFollowsFiles(goal, options.evaluation, output)) return output.finish(2, "");
    ExplanationSource source;
    if (int status = source.open(options.evaluation, output, /*explains=*/true)) return output.finish(status, "", {{"query", goal}});
    if (auto pattern = engine::keyWithoutValue(source.engine(), goal)) return explainEachValue(options, goal, *pattern, source, output);
    if (!engine::isOneAtom(goal) || engine::queryHasVariables(source.engine(), goal))
        return explainConditions(options, goal, source, output);
    noteNearMiss(source, goal, output);
    auto fact = source.fact(goal, output);
    if (!fact) return output.finish(1, "", {{"query", goal}});
    engine::WhyNot whyNot = engine::explainWhyNot(source.engine(), source.records(), *fact, source.asOf(), options.depth);
    return report(options, goal, whyNot, "", source, output);
}

}  // namespace

void registerWhyNotCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<WhyNotOptions>();
    CLI::App* command = app.add_subcommand("why-not", "Explain why a fact does not hold: each rule's closest attempt and what failed");
    addExamples(*command, {"accord why-not rules/nato 'vote(romania, rutte) = approve' --as-of 2024-06-19",
                           "accord why-not rules/nato 'vote(A, rutte) = block and eastern_flank(A)' --as-of 2024-06-26"});
    addQuestionArguments(*command, options->arguments,
                         "the fact, e.g. 'appointed(rutte)', or conditions, e.g. 'vote(A, rutte) = block and eu_member(A)'");
    command->add_option("--depth", options->depth, "Levels to follow into facts that are missing too")->capture_default_str();
    addOutputFormatOption(*command, options->format, /*withMarkdown=*/true);
    addEvaluationOptions(*command, options->evaluation);
    runsWith(*command, options, global, run, runWhyNot);
}

}  // namespace accord::cli
