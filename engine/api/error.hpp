// What the API in the user's terms (model.hpp) throws when a question or a change cannot be
// answered: the diagnostics, as text to print and as data (file, line, column, message).
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"
#include "accord/engine/engine.hpp"

namespace accord {

class Error : public std::runtime_error {
public:
    /// `what()` is `text`: each diagnostic as `file:line:col: error: message` with its source
    /// line and caret, as the command line prints it.
    /// What failed: the input (a question, a fact, an option, a file) or an evaluation,
    /// which a limit, an overflow or a clash of values stopped.
    enum class Kind { Input, Evaluation };

    Error(const std::string& text, nlohmann::json diagnostics, Kind kind = Kind::Input)
        : std::runtime_error(text), text_(text), diagnostics_(std::move(diagnostics)), kind_(kind) {}

    /// The diagnostics of `diagnostics` (errors and warnings), rendered against `sources`.
    static Error fromDiagnostics(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources);
    /// An error with no place in a file (an option's value out of range, a missing file).
    static Error plain(const std::string& message);
    /// An evaluation stopped (a limit, an overflow, a clash of values no resolution orders),
    /// placed at the rule it stopped in.
    static Error fromEvaluation(const engine::Engine& engine, const engine::EvaluationError& error);

    /// The same as what(), whole even when it holds a NUL byte (a question can).
    const std::string& text() const { return text_; }

    /// One object per diagnostic, as `--format json` gives them: severity, file, line, column
    /// (null when the problem has no place), message, and hint, code, notes when there are.
    const nlohmann::json& diagnostics() const { return diagnostics_; }

    Kind kind() const { return kind_; }

private:
    std::string text_;
    nlohmann::json diagnostics_;
    Kind kind_;
};

}  // namespace accord
