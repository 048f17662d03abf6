// What the API in the user's terms (model.hpp) throws when a question or a change cannot be
// answered: the diagnostics, as text to print and as data (file, line, column, message).
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"

namespace accord {

class Error : public std::runtime_error {
public:
    /// `what()` is `text`: each diagnostic as `file:line:col: error: message` with its source
    /// line and caret, as the command line prints it.
    Error(const std::string& text, nlohmann::json diagnostics) : std::runtime_error(text), diagnostics_(std::move(diagnostics)) {}

    /// The diagnostics of `diagnostics` (errors and warnings), rendered against `sources`.
    static Error fromDiagnostics(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources);
    /// An error with no place in a file (an unknown option value, an evaluation stopped).
    static Error plain(const std::string& message);

    /// One object per diagnostic, as `--format json` gives them: severity, file, line, column,
    /// message, hint, code, notes (docs/schema/common.schema.json).
    const nlohmann::json& diagnostics() const { return diagnostics_; }

private:
    nlohmann::json diagnostics_;
};

}  // namespace accord
