// `accord`: the command-line front end of the Accord policy reasoning engine.
//
// Exit status: 0 success, 1 the input has errors (or `fmt --check` found unformatted
// files), 2 usage errors (unknown options, missing arguments).
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/choice_option.hpp"
#include "cli/commands/commands.hpp"
#include "cli/logging.hpp"

int main(int argc, char** argv) {
    using namespace accord::cli;
    CLI::App app{"Accord: a rule-based policy reasoning engine", "accord"};
    app.require_subcommand(1);
    app.fallthrough();  // -v and --quiet work after the command name too
    app.set_version_flag("--version", "accord 0.1.0");

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
    registerWhatIfCommand(app, global, run);
    registerDiffCommand(app, global, run);
    registerTimelineCommand(app, global, run);
    registerNeedsCommand(app, global, run);
    registerReplCommand(app, global, run);
    registerKnowledgeBaseCommands(app, global, run);
    registerStatusCommand(app, global, run);

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
