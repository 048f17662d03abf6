// `accord lsp`: a Language Server Protocol server for rule files. It keeps the text of open
// documents, checks and lints each one's model as it changes (publishing the diagnostics of
// every file of the model), and answers hover, definition, references, document symbols,
// formatting and completion. A message it cannot use gets a JSON-RPC error (a request) or
// is dropped (a notification); nothing a client sends ends the session but `exit`.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/lsp/model_analysis.hpp"

namespace accord::lsp {

class LanguageServer {
public:
    using Sender = std::function<void(const nlohmann::json&)>;
    explicit LanguageServer(Sender send) : send_(std::move(send)) {}

    /// Handles one message: a request (answered through the sender) or a notification.
    void handle(const nlohmann::json& message);
    bool exitRequested() const { return exitRequested_; }
    /// 0 after `shutdown` then `exit`, 1 for an `exit` without `shutdown` (as the protocol says).
    int exitStatus() const { return shutdown_ ? 0 : 1; }

private:
    struct Document {
        std::string text;
        std::filesystem::path path;  ///< the file (canonical), or the URI of a document of no file
        bool alone = false;  ///< of no file (`untitled:`): checked alone, with no model
    };

    void handleMessage(const nlohmann::json& message);
    nlohmann::json dispatch(const std::string& method, const nlohmann::json& params, bool& known);
    void notify(const std::string& method, const nlohmann::json& params);

    nlohmann::json initialize() const;
    void open(const nlohmann::json& params);
    void change(const nlohmann::json& params);
    void close(const nlohmann::json& params);
    nlohmann::json hover(const nlohmann::json& params);
    nlohmann::json definition(const nlohmann::json& params);
    nlohmann::json references(const nlohmann::json& params);
    nlohmann::json documentSymbol(const nlohmann::json& params);
    nlohmann::json formatting(const nlohmann::json& params);
    nlohmann::json completion(const nlohmann::json& params);

    const Document& document(const nlohmann::json& params) const;
    /// The occurrence of a name under the request's position, with the analysis it is from.
    const Occurrence* occurrenceAt(const nlohmann::json& params);
    const ModelAnalysis& analysisOf(const Document& document);
    nlohmann::json location(const Occurrence& occurrence) const;
    std::string uriOf(const std::string& path) const;
    void publishDiagnostics(const Document& document);
    /// Analyses again the model of every open document and publishes its diagnostics.
    void republishAll();

    Sender send_;
    bool initialized_ = false;
    bool shutdown_ = false;
    bool exitRequested_ = false;
    std::map<std::string, Document> documents_;  ///< by URI
    std::optional<std::pair<std::filesystem::path, ModelAnalysis>> cached_;  ///< the last analysis, by document
    /// By document, the URIs its last analysis gave diagnostics (to clear those it no longer does).
    std::map<std::filesystem::path, std::set<std::string>> published_;
};

}  // namespace accord::lsp
