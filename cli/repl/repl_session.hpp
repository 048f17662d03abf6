// The state of `accord repl`: a program (rule files and directories, or a knowledge base's
// program and asserted facts, which the session reads and never writes), the facts and rules
// typed since, the facts retracted since, and the date it is evaluated as of. Every change
// loads and evaluates the whole program again, so each answer is of the session as it is.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_options.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/explain/fact_records.hpp"

namespace accord::cli {

/// Where the session's program comes from.
struct ReplProgram {
    std::vector<std::string> files;  ///< rule files and directories (includes followed)
    std::string kb;  ///< else a knowledge base file: its program and asserted facts
};

class ReplSession {
public:
    ReplSession(ReplProgram program, const GlobalOptions& global);

    /// Loads and evaluates the program with `typed`; false (diagnostics printed) when it
    /// has errors, and the session is then as it was.
    bool rebuild(const std::string& typed);
    /// One line of input: a fact or rule, a query (`?- ...`) or a command (`:why ...`).
    void handle(const std::string& line);
    bool ready() const { return engine_ != nullptr; }
    /// What the tab key completes: the commands and the relation names.
    std::vector<std::string> words() const;

private:
    /// A fresh engine holding the session's program and facts (not yet evaluated), or null
    /// with diagnostics printed.
    std::unique_ptr<engine::Engine> load(const std::string& typed);
    bool loadFromKnowledgeBase(engine::Engine& engine, const std::string& typed, dsl::Diagnostics& diagnostics);
    void forgetRetraction(const std::string& text);
    void printNewWarnings(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources);
    std::optional<engine::FactKey> fact(const std::string& text);
    void query(const std::string& text);
    void why(const std::string& text);
    void whyNot(const std::string& text);
    void whatIf(const std::string& text);
    void needs(const std::string& text);
    void timeline(const std::string& text);
    void retract(const std::string& text);

    ReplProgram program_;
    const GlobalOptions& global_;
    std::string typed_;
    std::vector<std::string> retracted_;  ///< facts removed, as typed (`backs(france, rutte)`)
    std::int32_t asOf_;  ///< today unless `:as-of` says otherwise
    std::unique_ptr<engine::Engine> engine_;
    std::set<std::string> warningsShown_;  ///< "file:line:col: message"
};

}  // namespace accord::cli
