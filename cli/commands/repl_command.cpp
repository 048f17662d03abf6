// `accord repl [FILES...]`: an interactive session with readline editing and history.
// Lines are facts and rules (added to the session's program), queries (`?- vote(A, rutte) = V.`)
// and commands (`:why`, `:why-not`, `:what-if`, `:load`, `:as-of`, `:help`, `:quit`).
// The program is the named files plus what was typed; it is checked and evaluated again
// after each change, and errors are reported as in files (the typed text is `<repl>`).
#include <readline/history.h>
#include <readline/readline.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "dsl/date.hpp"
#include "engine/explain/build_proof.hpp"
#include "engine/explain/hypothesis.hpp"
#include "engine/explain/proof_format.hpp"
#include "engine/explain/why_not.hpp"
#include "engine/explain/why_not_format.hpp"
#include "engine/value_format.hpp"
#include "engine/text/fact_statements.hpp"
#include "engine/text/hypothesis_text.hpp"

namespace accord::cli {
namespace {

const char* const kHelp =
    "  FACT.  or  RULE.        add to the session's program, e.g. backs(france, rutte).\n"
    "  ?- CONDITIONS.          query, e.g. ?- vote(A, rutte) = V and eu_member(A).\n"
    "  :why FACT               the proof of a fact\n"
    "  :why-not FACT           why a fact does not hold\n"
    "  :what-if +FACT. -FACT.  the conclusions a change would add, remove or change\n"
    "  :load FILE              add a rule file to the session\n"
    "  :as-of YYYY-MM-DD       evaluate as of a date (default today)\n"
    "  :program                the text typed so far\n"
    "  :help, :quit\n";

class Session {
public:
    Session(std::vector<std::string> files, const GlobalOptions& global) : files_(std::move(files)), global_(global) {}

    /// Loads and evaluates the program; false (with diagnostics printed) when it has errors.
    bool rebuild(const std::string& typed) {
        // The named files and directories as `accord run` loads them (includes followed),
        // and what was typed beside them.
        auto engine = std::make_unique<engine::Engine>();
        dsl::Diagnostics diagnostics;
        bool ok = engine->loadFilesAndText(files_, "<repl>", typed, diagnostics);
        if (!ok || diagnostics.errorCount() > 0) {
            printDiagnostics(diagnostics, engine->sources(), global_);
            return false;
        }
        try {
            engine->run({.asOf = asOf_});
        } catch (const engine::EvaluationError& error) {
            fmt::print(stderr, "{}", engine->describe(error));
            return false;
        }
        engine_ = std::move(engine);
        typed_ = typed;
        return true;
    }

    void handle(const std::string& line) {
        std::string text = trim(line);
        if (text.empty() || text.front() == '#') return;
        if (text.rfind("?-", 0) == 0) return query(trim(text.substr(2)));
        if (text.front() != ':') {
            if (!rebuild(typed_ + text + (text.back() == '.' ? "\n" : ".\n"))) fmt::print("(not added)\n");
            return;
        }
        std::string command = text.substr(0, text.find(' '));
        std::string argument = text.size() > command.size() ? trim(text.substr(command.size())) : "";
        if (command == ":help") {
            fmt::print("{}", kHelp);
        } else if (command == ":why") {
            why(argument);
        } else if (command == ":why-not") {
            whyNot(argument);
        } else if (command == ":what-if") {
            whatIf(argument);
        } else if (command == ":load") {
            files_.push_back(argument);
            if (!rebuild(typed_)) files_.pop_back();
        } else if (command == ":as-of") {
            auto date = dsl::parseDate(argument);
            if (!date) {
                fmt::print("expected a date YYYY-MM-DD\n");
                return;
            }
            asOf_ = date->days;
            rebuild(typed_);
        } else if (command == ":program") {
            fmt::print("{}", typed_);
        } else {
            fmt::print("unknown command {} (:help lists them)\n", command);
        }
    }

    bool ready() const { return engine_ != nullptr; }

private:
    static std::string trim(const std::string& text) {
        std::size_t begin = text.find_first_not_of(" \t"), end = text.find_last_not_of(" \t");
        return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
    }
    static std::string withoutPeriod(std::string text) {
        if (!text.empty() && text.back() == '.') text.pop_back();
        return text;
    }

    std::optional<engine::FactKey> fact(const std::string& text) {
        dsl::Diagnostics diagnostics;
        auto parsed = engine_->parseFact(withoutPeriod(text), diagnostics);
        if (!parsed) printDiagnostics(diagnostics, engine_->sources(), global_);
        if (!parsed) return std::nullopt;
        return engine::FactKey{parsed->first, parsed->second};
    }

    void query(const std::string& text) {
        dsl::Diagnostics diagnostics;
        engine::Pattern pattern;
        auto rows = engine_->query(withoutPeriod(text), diagnostics, &pattern);
        if (!rows) return printDiagnostics(diagnostics, engine_->sources(), global_);
        for (const engine::QueryRow& row : *rows) {
            std::vector<std::string> bindings;
            for (std::size_t v = 0; v < row.values.size(); ++v) {
                bindings.push_back(pattern.variables[v] + " = " + engine::formatValue(row.values[v], engine_->symbols()));
            }
            fmt::print("{}{}\n", bindings.empty() ? "true" : fmt::format("{}", fmt::join(bindings, ", ")),
                       row.confidence < 1 ? fmt::format("  ({:.4g})", row.confidence) : "");
        }
        if (rows->empty()) fmt::print("false\n");
    }

    void why(const std::string& text) {
        auto key = fact(text);
        if (!key) return;
        engine::EngineFactRecords records(*engine_);
        fmt::print("{}", engine::formatProofText(engine::buildProof(records, *engine_, *key, 12)));
    }

    void whyNot(const std::string& text) {
        auto key = fact(text);
        if (!key) return;
        engine::EngineFactRecords records(*engine_);
        fmt::print("{}", engine::formatWhyNotText(engine::explainWhyNot(*engine_, records, *key, asOf_, 1)));
    }

    /// `:what-if +backs(romania, rutte). -nominated_by(iohannis, romania).`: a scenario
    /// written on one line (engine/text/hypothesis_text.hpp), annotations and all.
    void whatIf(const std::string& text) {
        engine::Hypothesis hypothesis;
        dsl::SourceManager sources;
        dsl::Diagnostics diagnostics;
        if (!engine::readScenarioText("<:what-if>", engine::withFinalPeriod(text), *engine_, sources, diagnostics, hypothesis)) {
            return printDiagnostics(diagnostics, sources, global_);
        }
        std::vector<std::string> notFound;
        try {
            auto changes = engine::whatIfInMemory(*engine_, {.asOf = asOf_}, hypothesis, &notFound);
            for (const std::string& fact : notFound) fmt::print("({} is not a fact: removing it changes nothing)\n", fact);
            fmt::print("{}", engine::formatChanges(changes));
            fmt::print("{} change{} (the session is unchanged)\n", changes.size(), changes.size() == 1 ? "" : "s");
        } catch (const engine::EvaluationError& error) {
            fmt::print("{}", engine_->describe(error));
        }
        rebuild(typed_);  // back to the conclusions of the session's own facts
    }

    std::vector<std::string> files_;
    const GlobalOptions& global_;
    std::string typed_;
    std::int32_t asOf_ = dsl::today().days;
    std::unique_ptr<engine::Engine> engine_;
};

struct ReplOptions {
    std::vector<std::string> files;
    std::string history = ".accord_history";
};

int runRepl(const ReplOptions& options, const GlobalOptions& global) {
    Session session(options.files, global);
    if (!session.rebuild("")) return 1;
    bool interactive = isatty(STDIN_FILENO);
    if (interactive) {
        read_history(options.history.c_str());
        fmt::print("accord repl: facts and rules add to the program, ?- CONDITIONS. queries, :help lists the commands\n");
    }
    while (char* raw = readline(interactive ? "accord> " : "")) {
        std::string line(raw);
        std::free(raw);
        if (line == ":quit" || line == ":q") break;
        if (interactive && !line.empty()) add_history(line.c_str());
        session.handle(line);
        std::fflush(stdout);
    }
    if (interactive) write_history(options.history.c_str());
    return 0;
}

}  // namespace

void registerReplCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<ReplOptions>();
    CLI::App* command = app.add_subcommand("repl", "Interactive session: add facts and rules, query, explain (readline editing)");
    command->add_option("files", options->files, "Rule files to start from");
    command->add_option("--history", options->history, "History file")->capture_default_str();
    runsWith(*command, options, global, run, runRepl);
}

}  // namespace accord::cli
