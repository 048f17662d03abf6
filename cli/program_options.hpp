// Options shared by the commands that evaluate a program (`run`, `query`): the rule
// files, the date to evaluate as of, and the limits of a run.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/cli_options.hpp"
#include "cli/command_output.hpp"
#include "accord/engine/engine.hpp"
#include "accord/kb/knowledge_base.hpp"

namespace accord::cli {

struct EvaluationOptions {
    std::vector<std::string> files;
    std::string asOf;  ///< YYYY-MM-DD; empty = today
    bool noProvenance = false;
    bool allowIncludeOutside = false;
    std::size_t maxFacts = engine::RunOptions{}.maxFacts;
    std::size_t maxIterations = engine::RunOptions{}.maxIterations;
    double maxSeconds = 0;
    std::size_t threads = 0;  ///< a rule's run split across this many (0, when not given: one per core)
    std::optional<double> minConfidence;  ///< replaces the program's threshold
    std::vector<std::string> factFiles;  ///< RELATION=FILE
    std::string kb = "accord.db";  ///< used when no rule files are named
    bool fromScratch = false;  ///< a knowledge-base run that reuses nothing
    const CLI::App* command = nullptr;  ///< the parsed command, to tell which options were given

    /// Whether the user gave the option (its default does not count).
    bool given(const char* name) const {
        const CLI::Option* option = command ? command->get_option_no_throw(name) : nullptr;
        return option && option->count() > 0;
    }
};

void addEvaluationOptions(CLI::App& command, EvaluationOptions& options);

/// Splits the arguments of a command that asks about one query or fact ("FILES... QUESTION",
/// the question last): the files (none: the knowledge base) go to `options.files`, and the
/// question is returned.
std::string takeQuestion(const std::vector<std::string>& arguments, EvaluationOptions& options);
/// False (with an error) when the question is the path of rule files and nothing follows
/// it: `accord query rules/nato` with the query forgotten, rather than a knowledge base
/// that is not there.
bool questionFollowsFiles(const std::string& question, const EvaluationOptions& options, CommandOutput& output);
/// Those arguments on `command`; `question` says what the last one is ("the fact, e.g. ...").
void addQuestionArguments(CLI::App& command, std::vector<std::string>& arguments, const std::string& question);

/// The check of an option that takes a date (for CLI11's `check`): "" for a date
/// YYYY-MM-DD, otherwise what was expected.
std::string checkDate(const std::string& text);

/// What a command does with the evaluation options, to refuse the ones it would ignore.
struct OptionUse {
    bool readsStoredConclusions = false;  ///< on a knowledge base without --as-of: answers from the last run
    bool explains = false;  ///< needs the derivations (--no-provenance is refused)
    bool evaluatesEveryDate = false;  ///< chooses its own dates (--as-of is refused)
};

/// An error for each option given that this use of the command would ignore ("options are
/// honoured or refused, never ignored"), through `output` (in its format); true when there is none.
bool refuseIgnoredOptions(const EvaluationOptions& options, const OptionUse& use, CommandOutput& output);
/// Loads the program without evaluating it: the rule files, or (when none are named) the
/// stored program of `knowledgeBase`, with its asserted facts when `withAssertedFacts`;
/// then the --facts files. False with the reasons in `diagnostics`.
bool loadProgram(engine::Engine& engine, const EvaluationOptions& options, kb::KnowledgeBase* knowledgeBase, bool withAssertedFacts,
                 dsl::Diagnostics& diagnostics);

/// For a command that evaluates the program itself (on its own dates or facts): opens the
/// knowledge base when no rule files are named, loads the program (the rule files, or the
/// knowledge base's program and asserted facts), and parses `query` (unless it is empty)
/// into `pattern`. False when any of it fails, with the reasons reported through `output`.
/// Throws kb::DatabaseError (see reportingErrors).
/// False (with an error) for a query of several conditions: the commands that follow one
/// relation's facts (why, what-if, diff, timeline, query --over) take one atom.
bool requireOneAtom(const engine::Pattern& pattern, CommandOutput& output);

bool loadForEvaluation(engine::Engine& engine, const EvaluationOptions& options, const std::string& query, engine::Pattern& pattern,
                       CommandOutput& output);

/// Runs a command's `body`, which returns its exit status: an evaluation error (described
/// with its rule, through `engine`) or a knowledge-base error is reported through `output`
/// and ends it with status 1 and `fields`.
int reportingErrors(CommandOutput& output, const engine::Engine& engine, const nlohmann::ordered_json& fields,
                    const std::function<int()>& body);

/// The engine's run options for these (as of --as-of, or today).
engine::RunOptions runOptionsOf(const EvaluationOptions& options);

/// Loads the files (or, with none, the knowledge base) and runs them, printing diagnostics
/// or the evaluation error. A run of the knowledge base stores its conclusions in it
/// (incrementally when it can) and says so in `report`.
/// Returns the stats, or the exit status to stop with (1: errors in the input or the run).
struct LoadAndRunResult {
    std::optional<engine::RunStats> stats;
    int status = 0;
    std::optional<kb::RunReport> report;
};
/// With `output`, diagnostics and errors go through it (into its JSON document when JSON was asked for).
/// With `forQuery`, a query of one atom, rule files are evaluated only as far as its
/// conclusions need (runFor; with `explains`, so as to explain them).
LoadAndRunResult loadAndRun(engine::Engine& engine, const EvaluationOptions& options, const GlobalOptions& global,
                            CommandOutput* output = nullptr, const std::string& forQuery = "", bool explains = false);

/// Runs the program for `query` when it is one atom (Engine::runFor: only what its
/// conclusions rest on; with `explains`, Engine::runToExplain: and their derivations), else,
/// or when `query` is empty, the whole program.
engine::RunStats runFor(engine::Engine& engine, const std::string& query, const engine::RunOptions& options, bool explains = false);

}  // namespace accord::cli
