// Errors of the API in the user's terms (see error.hpp).
#include "accord/engine/api/error.hpp"

namespace accord {

Error Error::fromDiagnostics(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources) {
    std::string text;
    for (const dsl::Diagnostic& diagnostic : diagnostics.items()) text += dsl::renderText(diagnostic, sources);
    if (text.empty()) text = "error: the request failed, with no diagnostic to say why\n";
    return Error(text, dsl::diagnosticsJson(diagnostics, sources));
}

Error Error::plain(const std::string& message) {
    nlohmann::json diagnostic = {{"severity", "error"}, {"file", nullptr}, {"line", nullptr}, {"column", nullptr}, {"message", message}};
    return Error("error: " + message + "\n", nlohmann::json::array({diagnostic}));
}

}  // namespace accord
