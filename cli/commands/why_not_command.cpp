// `accord why-not [FILES...] 'FACT'`: for each rule that could derive a fact that does not
// hold, how close it came and the first condition that failed, and one level further down
// why that condition's fact does not hold either.
#include <cstdio>
#include <map>

#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/command_output.hpp"
#include "cli/explanation_source.hpp"
#include "cli/json_output.hpp"
#include "engine/explain/why_not.hpp"
#include "engine/explain/why_not_format.hpp"

namespace accord::cli {
namespace {

enum class WhyNotFormat { Text, Json };

struct WhyNotOptions {
    std::vector<std::string> arguments;  ///< rule files, then the fact
    EvaluationOptions evaluation;
    std::size_t depth = 3;
    WhyNotFormat format = WhyNotFormat::Text;
};

int runWhyNot(WhyNotOptions& options, const GlobalOptions& global) {
    std::string goal = options.arguments.back();
    options.evaluation.files.assign(options.arguments.begin(), options.arguments.end() - 1);
    if (!refuseIgnoredOptions(options.evaluation, {.readsStoredConclusions = true, .explains = true}, "why-not")) return 2;
    CommandOutput output("why-not", options.format == WhyNotFormat::Json ? OutputFormat::Json : OutputFormat::Text, global);
    ExplanationSource source;
    if (int status = source.open(options.evaluation, output, /*explains=*/true)) return output.finish(status, "");
    engine::Engine& engine = source.engine();
    dsl::Diagnostics diagnostics;
    auto fact = engine.parseFact(goal, diagnostics);
    if (!fact) {
        printDiagnostics(diagnostics, engine.sources(), DiagnosticFormat::Text, global);
        return 1;
    }
    engine::WhyNot whyNot =
        engine::explainWhyNot(engine, source.records(), {fact->first, std::move(fact->second)}, source.asOf(), options.depth);
    if (options.format == WhyNotFormat::Json) {
        nlohmann::json out = engine::whyNotToJson(whyNot);
        out.update(source.origin<nlohmann::json>());
        out["evaluated"] = source.description();
        out["format_version"] = kJsonFormatVersion;
        std::puts(out.dump(2).c_str());
    } else {
        std::printf("%s (%s)\n", whyNot.holds ? "It holds" : "It does not hold", source.description().c_str());
        std::fputs(engine::formatWhyNotText(whyNot).c_str(), stdout);
    }
    return whyNot.holds ? 1 : 0;  // a fact that holds has no why-not: a script should not take it as explained
}

}  // namespace

void registerWhyNotCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<WhyNotOptions>();
    CLI::App* command = app.add_subcommand("why-not", "Explain why a fact does not hold: each rule's closest attempt and what failed");
    command->add_option("arguments", options->arguments,
                        "Rule files or directories (none: the knowledge base), then the fact, e.g. 'appointed(rutte)'")
        ->required();
    command->add_option("--depth", options->depth, "Levels to follow into facts that are missing too")->capture_default_str();
    std::map<std::string, WhyNotFormat> formats{{"text", WhyNotFormat::Text}, {"json", WhyNotFormat::Json}};
    command->add_option("--format", options->format, "text (default) or json")->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    addEvaluationOptions(*command, options->evaluation);
    command->callback([options, &global, &run] { run = [options, &global] { return runWhyNot(*options, global); }; });
}

}  // namespace accord::cli
