// `accord`: the command-line front end of the Accord policy reasoning engine.
//
// Exit status: 0 success, 1 the input has errors (or `fmt --check` found unformatted
// files), 2 usage errors (unknown options, missing arguments).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <string_view>

#include "cli/choice_option.hpp"
#include "cli/commands/commands.hpp"
#include "cli/logging.hpp"
#include "accord/version.hpp"
#include "accord/dsl/check/relation_catalog.hpp"

namespace {

/// The first argument that is not an option (nor the value of --color), when it names no
/// command: `accord querry ...`. CLI11 would only say that a command is required.
std::optional<std::string> unknownCommand(const CLI::App& app, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view argument = argv[i];
        if (argument == "--color" || argument == "--colour") {
            ++i;
            continue;
        }
        if (argument.starts_with("-")) continue;
        for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
            if (command->check_name(std::string(argument))) return std::nullopt;
        }
        return std::string(argument);
    }
    return std::nullopt;
}

int reportUnknownCommand(const CLI::App& app, const std::string& name) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(command->get_name());
    auto closest = accord::dsl::check::closestName(name, names);
    fmt::print(stderr, "accord: error: unknown command '{}'{}\nRun `accord --help` for the commands.\n", name,
               closest ? fmt::format("; did you mean '{}'?", *closest) : "");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace accord::cli;
    CLI::App app{"Accord: a rule-based policy reasoning engine", "accord"};
    app.require_subcommand(1);
    app.fallthrough();  // -v and --quiet work after the command name too
    app.set_version_flag("--version", std::string("accord ") + accord::kVersion);

    GlobalOptions global;
    app.add_flag("-v,--verbose", global.verbosity, "More log output (repeat for more)");
    app.add_flag("-q,--quiet", global.quiet, "Only errors");
    addChoiceOption(app, "--color,--colour", global.colour,
                    {{"auto", ColourMode::Auto}, {"always", ColourMode::Always}, {"never", ColourMode::Never}}, "Colour in diagnostics");

    CommandRunner run;
    registerCheckCommand(app, global, run);
    registerFmtCommand(app, global, run);
    registerPlanCommand(app, global, run);
    registerRunCommand(app, global, run);
    registerQueryCommand(app, global, run);
    registerWhyCommand(app, global, run);
    registerWhyNotCommand(app, global, run);
    registerTestCommand(app, global, run);
    registerLspCommand(app, global, run);
    registerWhatIfCommand(app, global, run);
    registerDiffCommand(app, global, run);
    registerTimelineCommand(app, global, run);
    registerNeedsCommand(app, global, run);
    registerReplCommand(app, global, run);
    registerKnowledgeBaseCommands(app, global, run);
    registerStatusCommand(app, global, run);
    registerServeCommand(app, global, run);
    registerGridCommand(app, global, run);

    if (auto unknown = unknownCommand(app, argc, argv)) return reportUnknownCommand(app, *unknown);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int status = app.exit(error);
        return status == 0 ? 0 : 2;
    }
    configureLogging(global);
    try {
        return run();
    } catch (const std::exception& error) {
        spdlog::error("internal error: {}", error.what());
        return 3;
    }
}
