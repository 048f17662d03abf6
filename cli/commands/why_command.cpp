// `accord why [FILES...] 'FACT'`: the best derivation of each matching fact, as an indented
// proof tree (text), JSON or Graphviz.
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "cli/choice_option.hpp"
#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/command_output.hpp"
#include "cli/explanation_source.hpp"
#include "cli/json_output.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/fact_explanation.hpp"
#include "accord/engine/explain/markdown_report.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::cli {
namespace {

enum class ProofFormat { Text, Json, Dot, Markdown };

struct WhyOptions {
    std::vector<std::string> arguments;  ///< rule files, then the fact
    EvaluationOptions evaluation;
    std::size_t depth = 12;
    std::size_t limit = 20;
    bool all = false;
    std::size_t maxDerivations = 20;
    bool allRules = false;  ///< evaluate the whole program, not only what the fact's proofs need
    ProofFormat format = ProofFormat::Text;
    const CLI::App* command = nullptr;  ///< the parsed command, to tell which options were given
};

/// Several conditions (`vote(A, rutte) = block and eu_member(A)`): for each row, the proof
/// of each fact its most confident solution rests on. Negations and comparisons hold of
/// the values shown; `why-not` explains a fact that is absent.
int explainConditions(const WhyOptions& options, const std::string& goal, const engine::Pattern& pattern,
                      const std::vector<engine::QueryRow>& rows, std::size_t matched, ExplanationSource& source, CommandOutput& output) {
    if (options.all || options.format == ProofFormat::Dot || options.format == ProofFormat::Markdown) {
        const char* option = options.all ? "--all" : options.format == ProofFormat::Dot ? "--format dot" : "--format markdown";
        output.error(
            fmt::format("{} is for one atom's facts; several conditions are explained row by row, by their best solution, "
                        "as text or JSON",
                        option));
        return output.finish(2, "", {{"query", goal}});
    }
    engine::Engine& engine = source.engine();
    const std::size_t shown = rows.size();  // the first --limit rows
    std::vector<std::vector<engine::ProofStep>> proofs;
    for (std::size_t r = 0; r < shown; ++r) proofs.push_back(engine::proofsOfRow(source.records(), engine, rows[r], options.depth));
    std::string nothing = fmt::format("nothing matches '{}' {}", goal, source.description());
    if (options.format == ProofFormat::Json) {
        nlohmann::ordered_json fields = {{"query", goal}};
        fields.update(source.origin<nlohmann::ordered_json>());
        fields["matches"] = matched;
        fields["rows"] = nlohmann::ordered_json::array();
        for (std::size_t r = 0; r < shown; ++r) {
            fields["rows"].push_back(engine::rowExplanationJson(pattern, rows[r], proofs[r], engine.symbols()));
        }
        if (matched == 0) output.warning(nothing);
        return output.answer(matched == 0 ? 1 : 0, "", fields);
    }
    std::string text;
    for (std::size_t r = 0; r < shown; ++r) {
        std::string bindings = engine::formatBindings(pattern.variables, rows[r].values, engine.symbols());
        text += (r ? "\n" : "") + engine::formatRowProofsText(bindings, rows[r].confidence, proofs[r]);
    }
    if (matched > shown) text += fmt::format("\n({} more; raise --limit)\n", matched - shown);
    if (!output.global().quiet && matched > 0) fmt::print(stderr, "accord why: {}\n", source.description());
    if (matched == 0) output.warning(nothing);
    return output.answer(matched == 0 ? 1 : 0, text, {});
}

int runWhy(WhyOptions& options, const GlobalOptions& global) {
    std::string goal = takeQuestion(options.arguments, options.evaluation);
    CommandOutput output("why", options.format == ProofFormat::Json ? OutputFormat::Json : OutputFormat::Text, global);
    if (!refuseIgnoredOptions(options.evaluation, {.readsStoredConclusions = true, .explains = true}, output)) return output.finish(2, "");
    if (!options.all && options.command && options.command->get_option("--max-derivations")->count() > 0) {
        output.error("--max-derivations: it bounds --all, which was not given");
        return output.finish(2, "");
    }
    if (!questionFollowsFiles(goal, options.evaluation, output)) return output.finish(2, "");
    ExplanationSource source;
    if (int status = source.open(options.evaluation, output, /*explains=*/true, options.allRules ? "" : goal))
        return output.finish(status, "", {{"query", goal}});
    engine::Engine& engine = source.engine();
    engine::Pattern pattern;
    engine::RowLimit limit{.rows = options.limit};  // a question may match millions: only these are explained
    auto rows = source.query(goal, pattern, output, &limit);
    if (!rows) return output.finish(1, "", {{"query", goal}});
    if (pattern.conditions) return explainConditions(options, goal, pattern, *rows, limit.matched, source, output);
    // Each fact's best proof with what else a reader must know; with --all, every derivation.
    std::vector<engine::FactExplanation> explanations;
    std::vector<engine::ProofStep> derivations;
    const engine::Relation& relation = engine.relations()[pattern.relation];
    const std::size_t explained = rows->size();  // facts: --limit counts them, whatever --all lists of each
    for (const engine::QueryRow& row : *rows) {
        engine::TupleView tuple = relation.tuple(row.tuple);
        engine::FactKey key{pattern.relation, engine::Tuple(tuple.begin(), tuple.end())};
        if (!options.all) {
            explanations.push_back(engine::explainFact(source.records(), engine, key, options.depth, source.asOf()));
            continue;
        }
        for (engine::ProofStep& proof :
             engine::allDerivations(source.records(), engine, key, options.depth, options.maxDerivations, source.asOf())) {
            derivations.push_back(std::move(proof));
        }
    }
    std::string nothing = fmt::format("nothing matches '{}' {}", goal, source.description());
    if (options.format == ProofFormat::Json) {
        nlohmann::ordered_json fields = {{"query", goal}};
        fields.update(source.origin<nlohmann::ordered_json>());
        fields["matches"] = limit.matched;
        fields["proofs"] = nlohmann::ordered_json::array();
        for (const auto& explanation : explanations) {
            fields["proofs"].push_back(nlohmann::ordered_json(engine::factExplanationJson(explanation, engine)));
        }
        for (const auto& proof : derivations) fields["proofs"].push_back(nlohmann::ordered_json(engine::proofToJson(proof)));
        // Nothing to explain is an answer (exit 1), not a failure.
        if (limit.matched == 0) output.warning(nothing);
        return output.answer(limit.matched == 0 ? 1 : 0, "", fields);
    }
    // Beside each proof, what a reader must know to not take it as the whole story.
    std::vector<engine::ProofStep> proofs = std::move(derivations);
    std::vector<std::string> notes(proofs.size());
    for (auto& explanation : explanations) {
        notes.push_back(engine::factExplanationNotes(explanation, engine));
        proofs.push_back(std::move(explanation.proof));
    }
    std::string more = limit.matched > explained ? fmt::format("\n({} more; raise --limit)\n", limit.matched - explained) : "";
    if (options.format == ProofFormat::Markdown) {
        fmt::print("{}{}", engine::proofsMarkdown(proofs, source.description(), notes), more);
    } else if (options.format == ProofFormat::Dot) {
        if (!global.quiet) fmt::print(stderr, "accord why: {}\n", source.description());
        fmt::print("{}", engine::formatProofsDot(proofs));
    } else {
        // What the proofs are from goes beside them, as `query` does.
        if (!global.quiet && limit.matched > 0) fmt::print(stderr, "accord why: {}\n", source.description());
        for (std::size_t i = 0; i < proofs.size(); ++i) {
            fmt::print("{}{}{}", i ? "\n" : "", engine::formatProofText(proofs[i]), notes[i]);
        }
        fmt::print("{}", more);
    }
    if (limit.matched == 0) output.warning(nothing);
    return limit.matched == 0 ? 1 : 0;
}

}  // namespace

void registerWhyCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<WhyOptions>();
    CLI::App* command = app.add_subcommand("why", "Explain a conclusion: its best derivation as a proof tree");
    addExamples(*command, {"accord why rules/nato 'appointed(rutte)' --as-of 2024-06-26"});
    options->command = command;
    addQuestionArguments(*command, options->arguments, "the fact, e.g. 'vote(turkey, rutte) = block' (variables explain every match)");
    command->add_option("--depth", options->depth, "Levels of premises to show")->capture_default_str();
    command->add_option("--limit", options->limit, "Matching facts to explain at most")->capture_default_str();
    command->add_flag("--all", options->all, "Every derivation of each fact, not only the best (at most --max-derivations)");
    command->add_option("--max-derivations", options->maxDerivations, "Derivations per fact at most, with --all")->capture_default_str();
    command->add_flag("--all-rules", options->allRules,
                      "Evaluate every rule of the program. By default the fact of one atom is explained from what its proofs rest "
                      "on (the rules specialised to its constants, then the program kept to what they found), which gives the "
                      "proofs of a whole run; should that stop with an error, every rule is evaluated");
    addChoiceOption(
        *command, "--format", options->format,
        {{"text", ProofFormat::Text}, {"json", ProofFormat::Json}, {"dot", ProofFormat::Dot}, {"markdown", ProofFormat::Markdown}},
        "text (default), json, dot (Graphviz) or markdown (a report to paste: the rules' sentences, the proof, the sources)");
    addEvaluationOptions(*command, options->evaluation);
    runsWith(*command, options, global, run, runWhy);
}

}  // namespace accord::cli
