// The `accord` subcommands. Each registers itself on the CLI11 app and sets `run` to the
// function that executes it and returns the process exit status.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_options.hpp"

namespace accord::cli {

using CommandRunner = std::function<int()>;

/// Makes `command` run `body(*options, global)` when it is the command chosen: CLI11 calls
/// the callback once the command line is parsed, and main calls `run` after.
template <typename Options, typename Body>
void runsWith(CLI::App& command, std::shared_ptr<Options> options, const GlobalOptions& global, CommandRunner& run, Body body) {
    command.callback([options, &global, &run, body] { run = [options, &global, body] { return body(*options, global); }; });
}

/// Shows `examples` (whole command lines, run from the repository's root by the CLI tests)
/// at the end of the command's `--help`.
inline void addExamples(CLI::App& command, std::initializer_list<const char*> examples) {
    std::string footer = "Examples:";
    for (const char* example : examples) footer += std::string("\n  ") + example;
    command.footer(footer);
}

/// `accord check FILES|DIRS...`: exit 0 clean, 1 errors.
void registerCheckCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord fmt FILES...`: canonical layout to standard output, `-i` in place, `--check`.
void registerFmtCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord plan FILES... [--rule NAME]`: the compiled plan of each rule.
void registerPlanCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord run FILES...`: evaluate and summarise.
void registerRunCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord query FILES... 'atom'`: evaluate and print the matching conclusions.
void registerQueryCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord why FILES... 'fact'`: the proof of a conclusion.
void registerWhyCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord why-not FILES... 'fact'`: why a fact does not hold.
void registerWhyNotCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord what-if FILES... ['query'] --assert F --retract F`: a hypothetical change's effect.
void registerWhatIfCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord diff FILES... ['query'] --as-of A --to B | --scenario S`: conclusions that differ.
void registerDiffCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord timeline FILES... 'query'`: when conclusions changed, and why.
void registerTimelineCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord needs FILES... 'fact'`: the smallest fact changes that make it hold.
void registerNeedsCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord test PATHS...`: a model's tests.
void registerTestCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void registerLspCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord repl FILES...`: the interactive session.
void registerReplCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord serve FILES... | --kb FILE`: questions as JSON over HTTP, and the explorer.
void registerServeCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord grid FILES... RELATION`: a relation as a grid (a table, JSON or an SVG picture).
void registerGridCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord status`: the knowledge base's program, relations, runs and staleness.
void registerStatusCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
/// `accord load`, `assert`, `retract`, `import`, `export`: the knowledge base.
void registerKnowledgeBaseCommands(CLI::App& app, const GlobalOptions& global, CommandRunner& run);

}  // namespace accord::cli
