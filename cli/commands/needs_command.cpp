// `accord needs [FILES...] 'FACT' [--assumable R1,R2] [--max N]`: the smallest sets of fact
// additions and removals that would make a fact hold, each checked by evaluation.
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/program_options.hpp"
#include "dsl/date.hpp"
#include "engine/explain/needs.hpp"
#include "kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

enum class NeedsFormat { Text, Json };

struct NeedsCommandOptions {
    std::vector<std::string> arguments;  ///< rule files, then the fact
    EvaluationOptions evaluation;
    std::vector<std::string> assumable;
    std::size_t maxAnswers = 5;
    std::size_t maxChanges = 3;
    std::size_t maxEvaluations = 400;
    NeedsFormat format = NeedsFormat::Text;
};

int runNeeds(NeedsCommandOptions& options, const GlobalOptions& global) {
    std::string goal = options.arguments.back();
    options.evaluation.files.assign(options.arguments.begin(), options.arguments.end() - 1);
    if (!refuseIgnoredOptions(options.evaluation, {}, "needs")) return 2;
    const EvaluationOptions& evaluation = options.evaluation;
    try {
        std::optional<kb::KnowledgeBase> knowledgeBase;
        if (evaluation.files.empty()) knowledgeBase.emplace(kb::KnowledgeBase::open(evaluation.kb, /*create=*/false));
        dsl::Diagnostics diagnostics;
        auto makeEngine = [&]() {
            auto engine = std::make_unique<engine::Engine>();
            bool loaded = loadProgram(*engine, evaluation, knowledgeBase ? &*knowledgeBase : nullptr, /*withAssertedFacts=*/true, diagnostics);
            return loaded ? std::move(engine) : nullptr;
        };
        std::unique_ptr<engine::Engine> first = makeEngine();
        if (!first || !first->parseFact(goal, diagnostics)) {
            printDiagnostics(diagnostics, first ? first->sources() : dsl::SourceManager{}, DiagnosticFormat::Text, global);
            return 1;
        }
        engine::NeedsOptions search;
        search.assumable = engine::defaultAssumable(first->plan());
        if (!options.assumable.empty()) {
            search.assumable.assign(first->plan().relations.size(), false);
            for (const std::string& name : options.assumable) {
                auto id = first->plan().relationId(name);
                if (!id) {
                    std::fprintf(stderr, "accord needs: error: --assumable: unknown relation '%s'\n", name.c_str());
                    return 1;
                }
                search.assumable[*id] = true;
            }
        }
        search.maxAnswers = options.maxAnswers;
        search.maxChanges = options.maxChanges;
        search.maxEvaluations = options.maxEvaluations;
        search.run = runOptionsOf(evaluation);
        auto factory = [&]() {
            auto engine = makeEngine();
            if (!engine) throw kb::DatabaseError("the program could not be loaded again", 0);
            return engine;
        };
        engine::NeedsResult result = engine::searchNeeds(factory, goal, search);
        std::string asOf = dsl::formatDate(dsl::Date{search.run.asOf});
        if (options.format == NeedsFormat::Json) {
            nlohmann::json answers = nlohmann::json::array();
            for (const auto& answer : result.answers) {
                nlohmann::json changes = nlohmann::json::array();
                for (const auto& change : answer) changes.push_back({{"change", change.add ? "add" : "remove"}, {"fact", change.text}});
                answers.push_back(changes);
            }
            std::puts(nlohmann::json{{"format_version", kJsonFormatVersion},
                                     {"goal", goal},
                                     {"as_of", asOf},
                                     {"already_holds", result.alreadyHolds},
                                     {"answers", answers},
                                     {"evaluations", result.evaluations},
                                     {"bounded", result.bounded},
                                     {"complete", result.complete()},
                                     {"ungenerated", result.ungenerated},
                                     {"larger_answer", result.largerAnswer ? nlohmann::json(*result.largerAnswer) : nlohmann::json()}}
                          .dump(2)
                          .c_str());
            return result.alreadyHolds || !result.answers.empty() ? 0 : 1;
        }
        if (result.alreadyHolds) {
            std::printf("%s already holds as of %s (see `accord why`)\n", goal.c_str(), asOf.c_str());
            return 0;
        }
        if (result.answers.empty() && result.complete()) {
            std::printf("no set of up to %zu changes makes %s hold as of %s: the search looked at every one\n", search.maxChanges,
                        goal.c_str(), asOf.c_str());
        } else if (result.answers.empty()) {
            std::printf("no set of up to %zu changes found that makes %s hold as of %s, but the search was not complete "
                        "(see below): there may be one\n",
                        search.maxChanges, goal.c_str(), asOf.c_str());
        } else {
            std::printf("%s would hold as of %s with any one of these (smallest first, each checked by evaluation):\n", goal.c_str(),
                        asOf.c_str());
        }
        for (std::size_t i = 0; i < result.answers.size(); ++i) {
            std::vector<std::string> parts;
            for (const auto& change : result.answers[i]) parts.push_back((change.add ? "+ " : "- ") + change.text);
            std::printf("  %zu. %s\n", i + 1, fmt::format("{}", fmt::join(parts, "   ")).c_str());
        }
        if (result.largerAnswer) {
            std::printf("a set of %zu changes does: raise --max-changes to %zu to see it\n", *result.largerAnswer, *result.largerAnswer);
        }
        // With answers, what the search could not look at only means there may be others.
        const char* label = result.answers.empty() ? "incomplete" : "other answers may exist";
        for (const std::string& reason : result.ungenerated) std::printf("%s: %s\n", label, reason.c_str());
        std::printf("(%zu evaluation%s%s)\n", result.evaluations, result.evaluations == 1 ? "" : "s",
                    result.bounded ? "; the search stopped at a bound — raise --max-changes or --max-evaluations for more" : "");
        return result.answers.empty() ? 1 : 0;
    } catch (const kb::DatabaseError& error) {
        std::fprintf(stderr, "accord needs: error: %s\n", error.what());
        return 1;
    }
}

}  // namespace

void registerNeedsCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<NeedsCommandOptions>();
    CLI::App* command = app.add_subcommand("needs", "Find the smallest changes of facts that would make a fact hold");
    command->add_option("arguments", options->arguments,
                        "Rule files or directories (none: the knowledge base), then the fact, e.g. 'vote(turkey, rutte) = approve'")
        ->required();
    command->add_option("--assumable", options->assumable, "Relations whose facts may change (default: those with facts, or that no rule derives, except `fixed` ones)")
        ->delimiter(',')
        ->allow_extra_args(false);
    command->add_option("--max", options->maxAnswers, "Answers to give at most")->capture_default_str()->check(CLI::PositiveNumber);
    command->add_option("--max-changes", options->maxChanges, "Changes per answer at most")->capture_default_str();
    command->add_option("--max-evaluations", options->maxEvaluations, "Evaluations of the program at most")->capture_default_str();
    std::map<std::string, NeedsFormat> formats{{"text", NeedsFormat::Text}, {"json", NeedsFormat::Json}};
    command->add_option("--format", options->format, "text (default) or json")->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    addEvaluationOptions(*command, options->evaluation);
    command->callback([options, &global, &run] { run = [options, &global] { return runNeeds(*options, global); }; });
}

}  // namespace accord::cli
