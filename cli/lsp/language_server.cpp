#include "cli/lsp/language_server.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/lsp/document_symbols.hpp"
#include "cli/lsp/json_rpc.hpp"
#include "cli/lsp/text_position.hpp"
#include "cli/lsp/uri.hpp"
#include "accord/dsl/format_source.hpp"
#include "accord/dsl/functions.hpp"
#include "accord/dsl/lexical.hpp"
#include "accord/dsl/loader.hpp"

namespace accord::lsp {
namespace {

namespace fs = std::filesystem;

/// A request the server understands but cannot answer with these parameters.
struct RequestError : std::runtime_error {
    RequestError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
    int code;
};

RequestError invalidParams(const std::string& what) { return {rpc_error::kInvalidParams, what}; }

const nlohmann::json& member(const nlohmann::json& object, const char* name) {
    if (!object.is_object() || !object.contains(name)) throw invalidParams(fmt::format("missing '{}'", name));
    return object.at(name);
}

std::string stringMember(const nlohmann::json& object, const char* name) {
    const nlohmann::json& value = member(object, name);
    if (!value.is_string()) throw invalidParams(fmt::format("'{}' is not a string", name));
    return value.get<std::string>();
}

std::string uriParam(const nlohmann::json& params) { return stringMember(member(params, "textDocument"), "uri"); }

Position positionParam(const nlohmann::json& params) {
    std::optional<Position> position = positionFromJson(member(params, "position"));
    if (!position) throw invalidParams("'position' is not {line, character}");
    return *position;
}

// CompletionItemKind values of the protocol.
constexpr int kFunctionItem = 3, kClassItem = 7, kKeywordItem = 14;

const char* const kKeywords[] = {"relation", "fixed", "resolve",    "overrides", "threshold", "include", "rule", "if",
                                 "and",      "or",    "not",        "no",        "for all",   "count",   "sum",  "min",
                                 "max",      "mean",  "by default", "source",    "since",     "until",   "today"};

/// Whether a position is inside a comment (names are no use there).
bool inComment(std::string_view text, std::uint32_t offset) {
    std::size_t lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    lineStart = lineStart == std::string_view::npos || offset == 0 ? 0 : lineStart + 1;
    std::string_view line = text.substr(lineStart, offset - lineStart);
    return !dsl::scanComments(line).empty();
}

/// A request's id when it is a valid one (a string or an integer), else null: never a copy
/// of whatever a client sent there.
nlohmann::json validId(const nlohmann::json& message) {
    auto id = message.find("id");
    return id != message.end() && (id->is_string() || id->is_number_integer()) ? *id : nlohmann::json(nullptr);
}

}  // namespace

void LanguageServer::handle(const nlohmann::json& message) {
    // Nothing a client sends may end the session: whatever escapes is answered, not thrown.
    try {
        handleMessage(message);
    } catch (const std::exception& error) {
        spdlog::error("lsp: a message failed: {}", error.what());
        if (message.is_object() && message.contains("id")) send_(errorResponse(validId(message), rpc_error::kInternalError, error.what()));
    }
}

void LanguageServer::handleMessage(const nlohmann::json& message) {
    auto version = message.is_object() ? message.find("jsonrpc") : message.end();
    if (!message.is_object() || version == message.end() || !version->is_string() || *version != "2.0") {
        send_(errorResponse(message.is_object() ? validId(message) : nullptr, rpc_error::kInvalidRequest, "not a JSON-RPC 2.0 message"));
        return;
    }
    bool isRequest = message.contains("id");
    nlohmann::json id = validId(message);
    if (isRequest && id.is_null()) {
        send_(errorResponse(nullptr, rpc_error::kInvalidRequest, "a request id is a string or an integer"));
        return;
    }
    auto methodField = message.find("method");
    if (methodField == message.end()) return;  // a response to the client: the server sends no requests
    if (!methodField->is_string()) {
        if (isRequest) send_(errorResponse(id, rpc_error::kInvalidRequest, "'method' is not a string"));
        return;
    }
    std::string method = methodField->get<std::string>();
    static const nlohmann::json kNoParams = nlohmann::json::object();
    auto paramsField = message.find("params");
    const nlohmann::json& params = paramsField == message.end() ? kNoParams : *paramsField;  // not copied: it may be deep
    if (!initialized_ && method != "initialize" && method != "exit") {
        if (isRequest) send_(errorResponse(id, rpc_error::kServerNotInitialized, "the server is not initialized"));
        return;
    }
    if (shutdown_ && method != "exit") {
        if (isRequest) send_(errorResponse(id, rpc_error::kInvalidRequest, "the server is shutting down"));
        return;
    }
    try {
        bool known = true;
        nlohmann::json result = dispatch(method, params, known);
        if (!isRequest) return;
        send_(known ? responseTo(id, std::move(result)) : errorResponse(id, rpc_error::kMethodNotFound, "no method " + method));
    } catch (const RequestError& error) {
        if (isRequest) send_(errorResponse(id, error.code, error.what()));
    } catch (const std::exception& error) {
        spdlog::error("lsp: {} failed: {}", method, error.what());
        if (isRequest) send_(errorResponse(id, rpc_error::kInternalError, error.what()));
    }
}

nlohmann::json LanguageServer::dispatch(const std::string& method, const nlohmann::json& params, bool& known) {
    if (method == "initialize") {
        initialized_ = true;
        return initialize();
    }
    if (method == "initialized") return nullptr;
    if (method == "shutdown") {
        shutdown_ = true;
        return nullptr;
    }
    if (method == "exit") {
        exitRequested_ = true;
        return nullptr;
    }
    if (method == "textDocument/didOpen") {
        open(params);
    } else if (method == "textDocument/didChange") {
        change(params);
    } else if (method == "textDocument/didClose") {
        close(params);
    } else if (method == "textDocument/didSave") {
        cached_.reset();
        publishDiagnostics(document(params));
    } else if (method == "workspace/didChangeWatchedFiles") {
        republishAll();  // files changed on disk: every open document's model may have
    } else if (method == "textDocument/hover") {
        return hover(params);
    } else if (method == "textDocument/definition") {
        return definition(params);
    } else if (method == "textDocument/references") {
        return references(params);
    } else if (method == "textDocument/documentSymbol") {
        return documentSymbol(params);
    } else if (method == "textDocument/formatting") {
        return formatting(params);
    } else if (method == "textDocument/completion") {
        return completion(params);
    } else {
        known = false;  // an unknown notification is dropped; an unknown request answered with an error
    }
    return nullptr;
}

nlohmann::json LanguageServer::initialize() const {
    return {{"capabilities",
             {{"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
              {"hoverProvider", true},
              {"definitionProvider", true},
              {"referencesProvider", true},
              {"documentSymbolProvider", true},
              {"documentFormattingProvider", true},
              {"completionProvider", {{"triggerCharacters", nlohmann::json::array()}}}}},
            {"serverInfo", {{"name", "accord"}}}};
}

void LanguageServer::open(const nlohmann::json& params) {
    const nlohmann::json& item = member(params, "textDocument");
    std::string uri = stringMember(item, "uri");
    Document document{stringMember(item, "text"), {}, false};
    std::optional<fs::path> path = pathOfUri(uri);
    document.alone = !path;  // `untitled:` and the like: no file, no model
    document.path = path ? dsl::canonicalPath(*path) : fs::path(uri);
    documents_[uri] = std::move(document);
    publishDiagnostics(documents_[uri]);
}

void LanguageServer::change(const nlohmann::json& params) {
    std::string uri = uriParam(params);
    auto it = documents_.find(uri);
    if (it == documents_.end()) throw invalidParams("a change to a document that is not open: " + uri);
    const nlohmann::json& changes = member(params, "contentChanges");
    if (!changes.is_array()) throw invalidParams("'contentChanges' is not an array");
    for (const nlohmann::json& change : changes) {
        std::string text = stringMember(change, "text");
        if (!change.contains("range")) {
            it->second.text = std::move(text);
            continue;
        }
        const nlohmann::json& range = change["range"];
        std::optional<Position> start = positionFromJson(member(range, "start")), end = positionFromJson(member(range, "end"));
        if (!start || !end) throw invalidParams("a change's range is not two positions");
        LineIndex lines(it->second.text);
        std::uint32_t from = lines.offsetOf(*start), to = std::max(from, lines.offsetOf(*end));
        it->second.text.replace(from, to - from, text);
    }
    cached_.reset();
    publishDiagnostics(it->second);
    // An open test file reads the model against which it was checked: check it again.
    for (const auto& [otherUri, other] : documents_) {
        if (otherUri != uri && dsl::isTestFile(other.path)) publishDiagnostics(other);
    }
}

void LanguageServer::close(const nlohmann::json& params) {
    std::string uri = uriParam(params);
    auto it = documents_.find(uri);
    if (it == documents_.end()) return;
    Document closed = std::move(it->second);
    documents_.erase(it);
    cached_.reset();
    // The model as saved: its files' diagnostics from the disk; an unsaved document's go.
    if (!closed.alone && fs::exists(closed.path)) {
        publishDiagnostics(closed);
        return;
    }
    std::set<std::string> published = std::move(published_[closed.path]);
    published_.erase(closed.path);
    published.insert(uri);
    for (const std::string& cleared : published) {
        notify("textDocument/publishDiagnostics", {{"uri", cleared}, {"diagnostics", nlohmann::json::array()}});
    }
    republishAll();  // the model files it cleared, as the documents still open see them
}

const LanguageServer::Document& LanguageServer::document(const nlohmann::json& params) const {
    std::string uri = uriParam(params);
    auto it = documents_.find(uri);
    if (it == documents_.end()) throw RequestError(rpc_error::kRequestFailed, "the document is not open: " + uri);
    return it->second;
}

const ModelAnalysis& LanguageServer::analysisOf(const Document& document) {
    if (cached_ && cached_->first == document.path) return cached_->second;
    std::map<fs::path, std::string> unsaved;
    for (const auto& [uri, open] : documents_) unsaved[open.path] = open.text;
    cached_.emplace(document.path, analyseModel(document.path, unsaved, document.alone));
    return cached_->second;
}

std::string LanguageServer::uriOf(const std::string& path) const {
    for (const auto& [uri, open] : documents_) {
        if (open.path == path) return uri;
    }
    return fileUri(path);
}

void LanguageServer::publishDiagnostics(const Document& document) {
    const ModelAnalysis& analysis = analysisOf(document);
    std::set<std::string>& published = published_[document.path];
    std::set<std::string> now;
    for (const auto& [path, diagnostics] : analysis.diagnostics) {
        std::string uri = uriOf(path);
        now.insert(uri);
        notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", diagnostics}});
    }
    for (const std::string& uri : published) {
        if (!now.count(uri)) notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", nlohmann::json::array()}});
    }
    published = std::move(now);
}

void LanguageServer::republishAll() {
    cached_.reset();
    for (const auto& [uri, open] : documents_) publishDiagnostics(open);
}

void LanguageServer::notify(const std::string& method, const nlohmann::json& params) { send_(notification(method, params)); }

const Occurrence* LanguageServer::occurrenceAt(const nlohmann::json& params) {
    const Document& open = document(params);
    Position position = positionParam(params);
    const ModelAnalysis& analysis = analysisOf(open);
    auto text = analysis.texts.find(open.path.string());
    if (text == analysis.texts.end()) return nullptr;
    return analysis.index.at(open.path.string(), LineIndex(text->second).offsetOf(position));
}

nlohmann::json LanguageServer::location(const Occurrence& occurrence) const {
    const ModelAnalysis& analysis = cached_->second;
    auto text = analysis.texts.find(occurrence.file);
    LineIndex lines(text == analysis.texts.end() ? std::string_view() : std::string_view(text->second));
    return {{"uri", uriOf(occurrence.file)}, {"range", lines.range(occurrence.begin, occurrence.end)}};
}

nlohmann::json LanguageServer::hover(const nlohmann::json& params) {
    const Occurrence* occurrence = occurrenceAt(params);
    if (!occurrence) return nullptr;
    std::string text = cached_->second.index.hoverText(*occurrence);
    if (text.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", text}}}, {"range", location(*occurrence)["range"]}};
}

nlohmann::json LanguageServer::definition(const nlohmann::json& params) {
    const Occurrence* occurrence = occurrenceAt(params);
    if (!occurrence) return nullptr;
    const Occurrence* found = cached_->second.index.definitionOf(occurrence->kind, occurrence->name);
    return found ? location(*found) : nullptr;
}

nlohmann::json LanguageServer::references(const nlohmann::json& params) {
    const Occurrence* occurrence = occurrenceAt(params);
    nlohmann::json locations = nlohmann::json::array();
    if (!occurrence) return locations;
    bool withDeclaration = params.value("context", nlohmann::json::object()).value("includeDeclaration", true);
    for (const Occurrence* other : cached_->second.index.occurrencesOf(occurrence->kind, occurrence->name)) {
        if (withDeclaration || other->role != Occurrence::Role::Declaration) locations.push_back(location(*other));
    }
    return locations;
}

nlohmann::json LanguageServer::documentSymbol(const nlohmann::json& params) { return documentSymbols(document(params).text); }

nlohmann::json LanguageServer::formatting(const nlohmann::json& params) {
    const Document& open = document(params);
    if (dsl::isTestFile(open.path)) throw RequestError(rpc_error::kRequestFailed, "a test file has no canonical layout to format to");
    dsl::SourceManager sources;
    dsl::FileId file = sources.add(open.path.string(), open.text);
    dsl::Diagnostics diagnostics;
    std::optional<std::string> formatted = dsl::formatSource(sources, file, {}, diagnostics);
    if (!formatted) {
        throw RequestError(rpc_error::kRequestFailed, "cannot format text that does not parse; the problems are shown as diagnostics");
    }
    if (*formatted == open.text) return nlohmann::json::array();
    LineIndex lines(open.text);
    return nlohmann::json::array({{{"range", lines.range(0, static_cast<std::uint32_t>(open.text.size()))}, {"newText", *formatted}}});
}

nlohmann::json LanguageServer::completion(const nlohmann::json& params) {
    const Document& open = document(params);
    nlohmann::json items = nlohmann::json::array();
    if (inComment(open.text, LineIndex(open.text).offsetOf(positionParam(params)))) return items;
    for (const auto& [name, summary] : analysisOf(open).index.relations) {
        nlohmann::json item = {{"label", name}, {"kind", kClassItem}};
        item["detail"] = summary.declaration.empty() ? fmt::format("{}/{}{}", name, summary.arity, summary.keyed ? " (keyed)" : "")
                                                     : summary.declaration;
        std::string docs;
        for (const std::string& line : summary.docs) docs += line + "\n";
        if (!docs.empty()) item["documentation"] = {{"kind", "markdown"}, {"value", docs}};
        items.push_back(std::move(item));
    }
    for (const dsl::FunctionSignature& function : dsl::builtinFunctions()) {
        items.push_back({{"label", std::string(function.name)}, {"kind", kFunctionItem}, {"detail", std::string(function.summary)}});
    }
    std::set<std::string> labels;
    for (const nlohmann::json& item : items) labels.insert(item["label"].get<std::string>());
    for (const char* keyword : kKeywords) {
        if (labels.insert(keyword).second) items.push_back({{"label", keyword}, {"kind", kKeywordItem}});
    }
    return items;
}

}  // namespace accord::lsp
