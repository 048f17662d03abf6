// `accord repl [FILES...] [--kb FILE]`: an interactive session (cli/repl/repl_session.hpp)
// with line editing, history and completion (cli/repl/line_editor.hpp). Lines are facts and
// rules (added to the session's program), queries (`?- vote(A, rutte) = V.`) and commands
// (`:why`, `:needs`, `:help`, ...); errors are reported as in files (typed text is `<repl>`).
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "cli/repl/line_editor.hpp"
#include "cli/repl/repl_session.hpp"

namespace accord::cli {
namespace {

struct ReplOptions {
    ReplProgram program;
    std::string history = ".accord_history";
};

int runRepl(const ReplOptions& options, const GlobalOptions& global) {
    if (!options.program.files.empty() && !options.program.kb.empty()) {
        fmt::print(stderr, "error: give rule files or --kb, not both: the session starts from one program\n");
        return 2;
    }
    ReplSession session(options.program, global);
    if (!session.rebuild("")) return 1;
    LineEditor editor(options.history, [&session] { return session.words(); });
    if (editor.interactive()) {
        fmt::print("accord repl: facts and rules add to the program, ?- CONDITIONS. queries, :help lists the commands\n");
    }
    while (auto line = editor.readLine("accord> ")) {
        if (*line == ":quit" || *line == ":q") break;
        try {
            session.handle(*line);
        } catch (const std::exception& error) {  // a bad line ends nothing: the session goes on as it was
            fmt::print(stderr, "error: {}\n", error.what());
        }
        std::fflush(stdout);
    }
    return 0;
}

}  // namespace

void registerReplCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<ReplOptions>();
    CLI::App* command =
        app.add_subcommand("repl", "Interactive session: add facts and rules, query, explain (line editing, history, tab completion)");
    command->add_option("files", options->program.files, "Rule files and directories to start from");
    command->add_option("--kb", options->program.kb,
                        "Start from a knowledge base's program and asserted facts instead (the session never writes to it)");
    command->add_option("--history", options->history, "History file")->capture_default_str();
    addExamples(*command, {"accord repl rules/nato", "accord repl --kb accord.db"});
    runsWith(*command, options, global, run, runRepl);
}

}  // namespace accord::cli
