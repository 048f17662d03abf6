// Errors of the API in the user's terms (see error.hpp).
#include "accord/engine/api/error.hpp"

namespace accord {

Error Error::fromDiagnostics(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources) {
    std::string text;
    for (const dsl::Diagnostic& diagnostic : diagnostics.items()) text += dsl::renderText(diagnostic, sources);
    if (text.empty()) text = "error: the request failed, with no diagnostic to say why\n";
    return Error(text, dsl::diagnosticsJson(diagnostics, sources));
}

namespace {

/// A diagnostic at `location` ("file:line:col", as the rule catalog writes it; "" for none).
nlohmann::json diagnosticAt(const std::string& location, const std::string& message) {
    nlohmann::json diagnostic = {{"severity", "error"}, {"file", nullptr}, {"line", nullptr}, {"column", nullptr}, {"message", message}};
    std::size_t column = location.rfind(':');
    std::size_t line = column == std::string::npos || column == 0 ? std::string::npos : location.rfind(':', column - 1);
    if (line == std::string::npos) return diagnostic;
    try {
        diagnostic["line"] = std::stoi(location.substr(line + 1, column - line - 1));
        diagnostic["column"] = std::stoi(location.substr(column + 1));
        diagnostic["file"] = location.substr(0, line);
    } catch (const std::exception&) {  // not "file:line:col": the place stays unknown
        diagnostic["line"] = diagnostic["column"] = nullptr;
    }
    return diagnostic;
}

}  // namespace

Error Error::plain(const std::string& message) {
    return Error("error: " + message + "\n", nlohmann::json::array({diagnosticAt("", message)}));
}

Error Error::fromEvaluation(const engine::Engine& engine, const engine::EvaluationError& error) {
    const auto& rules = engine.catalog().rules;
    std::string location = error.rule() < rules.size() ? rules[error.rule()].location : "";
    return Error(engine.describe(error), nlohmann::json::array({diagnosticAt(location, error.what())}), Kind::Evaluation);
}

}  // namespace accord
