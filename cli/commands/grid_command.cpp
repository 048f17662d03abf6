// `accord grid [FILES...] RELATION`: a relation as a grid, its first column down the side
// and its other key columns across, as of a date: a table, the JSON document the explorer
// reads, or an SVG picture for a report (drawn by the code the explorer's grid is drawn by).
#include <fmt/format.h>

#include "accord/engine/api/model.hpp"
#include "accord/engine/chart/grid_chart.hpp"
#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/program_options.hpp"

namespace accord::cli {
namespace {

struct GridOptions {
    std::vector<std::string> arguments;  ///< rule files, then the relation
    std::string kb = "accord.db";
    std::string asOf;
    std::optional<double> minConfidence;
    Limits limits;
    OutputFormat format = OutputFormat::Text;
    const CLI::App* command = nullptr;
};

int runGrid(GridOptions& options, const GlobalOptions& global) {
    CommandOutput output("grid", options.format, global);
    std::string relation = options.arguments.back();
    std::vector<std::string> files(options.arguments.begin(), options.arguments.end() - 1);
    nlohmann::ordered_json fields = {{"relation", relation}};
    if (!files.empty() && options.command->get_option("--kb")->count() > 0) {
        output.error("--kb: rule files were named, so no knowledge base is read (name no files to use it)");
        return output.finish(2, "", fields);
    }
    try {
        Model model = files.empty() ? Model::fromKnowledgeBase(options.kb) : Model::load(files);
        model.setLimits(options.limits);
        Answer grid = model.grid(relation, {.asOf = options.asOf, .minConfidence = options.minConfidence});
        if (options.format == OutputFormat::Svg) return output.answer(0, engine::chart::gridSvg(grid.json), grid.json);
        return output.answer(0, grid.text, grid.json);
    } catch (const Error& error) {
        output.renderedError(error.text());
        return output.finish(1, "", fields);
    }
}

}  // namespace

void registerGridCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<GridOptions>();
    CLI::App* command = app.add_subcommand("grid", "Show a relation as a grid: its first column down, its other keys across");
    addExamples(*command, {"accord grid rules/nato vote --as-of 2024-06-19",
                           "accord grid rules/nato vote --as-of 2024-06-19 --format svg > votes.svg"});
    command->add_option("arguments", options->arguments, "Rule files and directories (none: the knowledge base), then the relation")
        ->required();
    command->add_option("--kb", options->kb, "The knowledge base (its program and asserted facts, evaluated), when no rule files are named")
        ->capture_default_str();
    command->add_option("--as-of", options->asOf, "Evaluate with the facts and rules valid on this date (YYYY-MM-DD; default today)")
        ->check(checkDate);
    command
        ->add_option_function<double>(
            "--min-confidence", [options](double value) { options->minConfidence = value; },
            "Facts and conclusions less likely than this do not hold (0 to 1; replaces the program's threshold)")
        ->check(CLI::Range(0.0, 1.0));
    command->add_option("--max-seconds", options->limits.maxSeconds, "Stop the evaluation after this many seconds (0: no limit)");
    command->add_option("--max-facts", options->limits.maxFacts, "Stop when the evaluation holds more facts than this")
        ->capture_default_str();
    addOutputFormatOption(*command, options->format, /*withMarkdown=*/false, /*withSvg=*/true);
    runsWith(*command, options, global, run, [command](GridOptions& grid, const GlobalOptions& globalOptions) {
        grid.command = command;
        return runGrid(grid, globalOptions);
    });
}

}  // namespace accord::cli
