// `accord needs [FILES...] 'FACT' [--assumable R1,R2] [--max N]`: the smallest sets of fact
// additions and removals that would make a fact hold, each checked by evaluation.

#include <fmt/format.h>

#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/progress_line.hpp"
#include "cli/program_options.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/explain/needs.hpp"
#include "accord/engine/explain/needs_format.hpp"
#include "accord/kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

/// The search evaluates copies of the program, loaded again: this is thrown when a copy
/// cannot be (its files changed while the search ran).
struct ProgramReloadFailed {};

struct NeedsCommandOptions {
    std::vector<std::string> arguments;  ///< rule files, then the fact
    EvaluationOptions evaluation;
    std::vector<std::string> assumable;
    std::size_t maxAnswers = 5;
    std::size_t maxChanges = 3;
    std::size_t maxEvaluations = 400;
    OutputFormat format = OutputFormat::Text;
};

/// "searching: 120 of at most 400 evaluations, 2 answers so far (the smallest 1 change)".
std::string needsProgressText(std::size_t evaluations, std::size_t maxEvaluations, const engine::NeedsProgress& where) {
    std::string text = fmt::format("searching: {} of at most {} evaluations", evaluations, maxEvaluations);
    if (where.answers == 0) return text + ", no answer yet";
    return text + fmt::format(", {} answer{} so far (the smallest {} change{})", where.answers, where.answers == 1 ? "" : "s",
                              *where.smallest, *where.smallest == 1 ? "" : "s");
}

int runNeeds(NeedsCommandOptions& options, const GlobalOptions& global) {
    std::string goal = takeQuestion(options.arguments, options.evaluation);
    CommandOutput output("needs", options.format, global);
    if (!refuseIgnoredOptions(options.evaluation, {}, output)) return output.finish(2, "");
    if (!questionFollowsFiles(goal, options.evaluation, output)) return output.finish(2, "");
    nlohmann::ordered_json fields = {{"goal", goal}};
    const EvaluationOptions& evaluation = options.evaluation;
    engine::Engine first;  // describes an evaluation error (each engine of the search has the same rules)
    return reportingErrors(output, first, fields, [&] {
        std::optional<kb::KnowledgeBase> knowledgeBase;
        if (evaluation.files.empty()) knowledgeBase.emplace(kb::KnowledgeBase::open(evaluation.kb, /*create=*/false));
        dsl::Diagnostics diagnostics;
        auto load = [&](engine::Engine& engine) {
            return loadProgram(engine, evaluation, knowledgeBase ? &*knowledgeBase : nullptr, /*withAssertedFacts=*/true, diagnostics);
        };
        auto makeEngine = [&]() {
            auto engine = std::make_unique<engine::Engine>();
            return load(*engine) ? std::move(engine) : nullptr;
        };
        if (!load(first) || !first.parseFact(goal, diagnostics)) {
            output.diagnostics(diagnostics, first.sources());  // the diagnostics point into its files
            return output.finish(1, "", fields);
        }
        engine::NeedsOptions search;
        std::string unknown;
        auto assumable = engine::assumableRelations(first.plan(), options.assumable, unknown);
        if (!assumable) {
            output.error(fmt::format("--assumable: unknown relation '{}'", unknown));
            return output.finish(1, "", fields);
        }
        search.assumable = std::move(*assumable);
        search.maxAnswers = options.maxAnswers;
        search.maxChanges = options.maxChanges;
        search.maxEvaluations = options.maxEvaluations;
        search.run = runOptionsOf(evaluation);
        auto factory = [&]() {
            auto engine = makeEngine();
            if (!engine) throw ProgramReloadFailed();
            return engine;
        };
        ProgressLine progress(global);
        std::size_t evaluations = 0;
        if (progress.enabled()) {
            search.onProgress = [&](const engine::NeedsProgress& where) {
                ++evaluations;
                progress.update([&] { return needsProgressText(evaluations, search.maxEvaluations, where); });
            };
        }
        engine::NeedsResult result;
        try {
            result = engine::searchNeeds(factory, goal, search);
        } catch (const ProgramReloadFailed&) {  // its files changed while the search ran
            progress.clear();
            output.error("the program could not be loaded again");
            return output.finish(1, "", fields);
        }
        progress.clear();
        std::string asOf = dsl::formatDate(dsl::Date{search.run.asOf});
        fields.update(engine::needsJson(result, asOf));
        int status = result.alreadyHolds || !result.answers.empty() ? 0 : 1;  // 1: no answer
        return output.answer(status, engine::needsText(result, goal, asOf, search.maxChanges), fields);
    });
}

}  // namespace

void registerNeedsCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<NeedsCommandOptions>();
    CLI::App* command = app.add_subcommand("needs", "Find the smallest changes of facts that would make a fact hold");
    addExamples(*command, {"accord needs rules/nato 'vote(romania, rutte) = approve' --as-of 2024-06-19"});
    addQuestionArguments(*command, options->arguments, "the fact, e.g. 'vote(turkey, rutte) = approve'");
    command
        ->add_option("--assumable", options->assumable,
                     "Relations whose facts may change (default: those with facts, or that no rule derives, except `fixed` ones)")
        ->delimiter(',')
        ->allow_extra_args(false);
    command->add_option("--max", options->maxAnswers, "Answers to give at most")->capture_default_str()->check(CLI::PositiveNumber);
    command->add_option("--max-changes", options->maxChanges, "Changes per answer at most")->capture_default_str();
    command->add_option("--max-evaluations", options->maxEvaluations, "Evaluations of the program at most")->capture_default_str();
    addOutputFormatOption(*command, options->format);
    addEvaluationOptions(*command, options->evaluation);
    runsWith(*command, options, global, run, runNeeds);
}

}  // namespace accord::cli
