// `accord serve` (see http_server.hpp): routes, limits and the error documents.
#include "server/http_server.hpp"

#include <httplib.h>

#include <atomic>
#include <mutex>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accord/engine/text/fact_statements.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "accord/version.hpp"
#include "cli/json_output.hpp"
#include "server/explorer_assets.hpp"
#include "server/model_pool.hpp"
#include "server/questions.hpp"
#include "server/request_error.hpp"

namespace accord::server {

struct HttpServer::State {
    ModelSource source;
    ServerOptions options;
    ModelPool pool;
    httplib::Server http;
    std::mutex writing;  ///< one write at a time
    std::atomic<std::uint64_t> answered{0};
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    int port = 0;

    State(ModelSource modelSource, ServerOptions serverOptions, Model first)
        : source(std::move(modelSource)), options(std::move(serverOptions)), pool(std::move(first), options.models) {}
};

namespace {

/// Diagnostics as the commands print them: one without a place in a file has no file, line
/// and column (the library's carry them as null).
nlohmann::json asTheCommandsPrint(const nlohmann::json& diagnostics) {
    nlohmann::json printed = nlohmann::json::array();
    if (!diagnostics.is_array()) return printed;
    for (nlohmann::json diagnostic : diagnostics) {
        for (const char* place : {"file", "line", "column"}) {
            if (diagnostic.contains(place) && diagnostic[place].is_null()) diagnostic.erase(place);
        }
        printed.push_back(std::move(diagnostic));
    }
    return printed;
}

/// The commands' JSON document: format_version, command, ok, the fields, the diagnostics.
nlohmann::ordered_json document(const std::string& command, bool ok, const nlohmann::ordered_json& fields,
                                const nlohmann::json& diagnostics) {
    nlohmann::ordered_json json = {{"format_version", cli::kJsonFormatVersion}, {"command", command}, {"ok", ok}};
    if (fields.is_object()) json.update(fields);
    json["diagnostics"] = asTheCommandsPrint(diagnostics);
    return json;
}

void sendJson(httplib::Response& response, int status, const nlohmann::ordered_json& json) {
    response.status = status;
    response.set_content(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", "application/json; charset=utf-8");
}

void sendError(httplib::Response& response, const std::string& command, const RequestError& error) {
    if (error.status() == 503) response.set_header("Retry-After", "1");
    sendJson(response, error.status(), document(command, false, nullptr, error.diagnostics()));
}

/// Runs `answer`, turning what it throws into an error document.
template <class Answer>
void respond(httplib::Response& response, const std::string& command, Answer answer) {
    try {
        answer();
    } catch (const RequestError& error) {
        sendError(response, command, error);
    } catch (const Error& error) {
        sendError(response, command, RequestError(error.kind() == Error::Kind::Evaluation ? 422 : 400, error.text(), error.diagnostics()));
    } catch (const std::exception& error) {
        spdlog::error("internal error answering {}: {}", command, error.what());
        sendError(response, command, RequestError(500, fmt::format("internal error: {}", error.what())));
    }
}

RequestError fromError(const Error& error) {
    return RequestError(error.kind() == Error::Kind::Evaluation ? 422 : 400, error.text(), error.diagnostics());
}

void answerQuestion(HttpServer::State& state, const QuestionEndpoint& endpoint, const httplib::Request& request,
                    httplib::Response& response) {
    RequestBody body(request.body);
    Question question = endpoint.read(body);
    body.refuseUnread(fmt::format("POST {}", endpoint.path));
    auto lease = state.pool.acquire(question.when, state.options.busyWait);
    if (!lease) {
        throw RequestError(503, fmt::format("busy: all {} models are answering questions; try again shortly", state.pool.size()));
    }
    Reply reply;
    try {
        reply = question.ask(lease->model());
    } catch (const Error& error) {
        throw fromError(error);
    }
    ++state.answered;
    if (reply.svg) {
        response.set_content(*reply.svg, "image/svg+xml; charset=utf-8");
    } else {
        sendJson(response, 200, document(endpoint.command, true, reply.fields, reply.warnings));
    }
}

std::string factsText(const std::vector<std::string>& facts) {
    std::string text;
    for (const std::string& fact : facts) text += engine::withFinalPeriod(fact) + "\n";
    return text;
}

/// `POST /v1/facts` with a knowledge base: one transaction, then every model loaded again.
nlohmann::ordered_json writeKnowledgeBase(HttpServer::State& state, const std::vector<std::string>& asserts,
                                          const std::vector<std::string>& retracts) {
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    auto knowledgeBase = kb::KnowledgeBase::open(*state.source.knowledgeBase, /*create=*/false);
    auto counts = knowledgeBase.changeFacts({factsText(asserts), factsText(retracts)}, sources, diagnostics);
    if (!counts) throw fromError(Error::fromDiagnostics(diagnostics, sources));
    Model fresh = state.source.load();
    fresh.setLimits(state.options.limits);
    state.pool.replaceAll(std::move(fresh));
    return {
        {"asserted", counts->asserted}, {"retracted", counts->retracted}, {"not_found", counts->notFound}, {"written", "knowledge base"}};
}

/// `POST /v1/facts` with rule files: the models change in memory (tried on a copy first, so
/// that a bad fact changes none); the files are not written.
nlohmann::ordered_json writeModels(HttpServer::State& state, const std::vector<std::string>& asserts,
                                   const std::vector<std::string>& retracts) {
    std::optional<Model> trial;
    {
        auto lease = state.pool.acquire({}, state.options.busyWait);
        if (!lease) throw RequestError(503, "busy: no model is free to try the change on; try again shortly");
        trial.emplace(lease->model().clone());
    }
    std::size_t asserted = 0, retracted = 0;
    nlohmann::ordered_json notFound = nlohmann::ordered_json::array();
    auto change = [&](Model& model, bool count) {
        if (!asserts.empty()) {
            std::size_t added = model.addFacts(factsText(asserts));
            if (count) asserted = added;
        }
        for (const std::string& fact : retracts) {
            std::size_t removed = model.retractFacts(fact);
            if (count && removed == 0) notFound.push_back(fact);
            if (count) retracted += removed;
        }
    };
    try {
        change(*trial, true);
    } catch (const Error& error) {
        throw fromError(error);
    }
    state.pool.changeEach([&](Model& model) { change(model, false); });
    return {{"asserted", asserted},
            {"retracted", retracted},
            {"not_found", notFound},
            {"written", "memory: the rule files are unchanged, and the facts last until the server stops"}};
}

void answerFacts(HttpServer::State& state, const httplib::Request& request, httplib::Response& response) {
    if (!state.options.allowWrites) throw RequestError(403, "this server is read-only: start it with --allow-writes to change facts");
    RequestBody body(request.body);
    std::vector<std::string> asserts = body.texts("assert"), retracts = body.texts("retract");
    body.refuseUnread("POST /v1/facts");
    if (asserts.empty() && retracts.empty()) throw RequestError(400, "give facts to \"assert\" or to \"retract\"");
    std::lock_guard lock(state.writing);
    nlohmann::ordered_json fields =
        state.source.knowledgeBase ? writeKnowledgeBase(state, asserts, retracts) : writeModels(state, asserts, retracts);
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& fact : fields["not_found"]) {
        warnings.push_back(
            {{"severity", "warning"}, {"message", fmt::format("{} was not a fact: nothing to retract", fact.get<std::string>())}});
    }
    sendJson(response, 200, document("facts", true, fields, warnings));
}

nlohmann::ordered_json health(const HttpServer::State& state) {
    auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - state.started).count();
    return {{"status", "ok"},
            {"version", kVersion},
            {"model", state.source.description},
            {"writes", state.options.allowWrites},
            {"models", state.pool.size()},
            {"models_in_use", state.pool.inUse()},
            {"answered", state.answered.load()},
            {"uptime_seconds", uptime}};
}

bool isLoopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

/// The name in a Host header, without its port: `[::1]:8181` is ::1.
std::string hostName(const std::string& header) {
    if (header.starts_with("[")) return header.substr(1, header.find(']') - 1);
    return header.substr(0, header.find(':'));
}

/// Requests a server on the loopback interface answers: addressed to a loopback name (a
/// page of another site whose name was pointed at 127.0.0.1 is not), and for POST, JSON
/// (a form of another site cannot send it without the browser asking first).
std::optional<RequestError> refusal(const ServerOptions& options, const httplib::Request& request) {
    if (isLoopback(options.host) && !isLoopback(hostName(request.get_header_value("Host")))) {
        return RequestError(421,
                            fmt::format("this server answers requests to localhost only, not to '{}'", request.get_header_value("Host")));
    }
    if (request.method == "POST" && !request.get_header_value("Content-Type").starts_with("application/json")) {
        return RequestError(415, "send the request body as JSON, with Content-Type: application/json");
    }
    return std::nullopt;
}

std::string statusMessage(int status, const httplib::Request& request, std::size_t maxBodyBytes) {
    switch (status) {
        case 404: return fmt::format("no such endpoint: {} {} (see docs/server.md; GET /v1/health)", request.method, request.path);
        case 413: return fmt::format("the request body is larger than {} bytes", maxBodyBytes);
        case 400: return "malformed HTTP request";
        default: return fmt::format("HTTP status {}", status);
    }
}

void addRoutes(HttpServer::State& state) {
    auto& http = state.http;
    for (const QuestionEndpoint& endpoint : questionEndpoints()) {
        http.Post(endpoint.path, [&state, &endpoint](const httplib::Request& request, httplib::Response& response) {
            respond(response, endpoint.command, [&] { answerQuestion(state, endpoint, request, response); });
        });
    }
    http.Post("/v1/facts", [&state](const httplib::Request& request, httplib::Response& response) {
        respond(response, "facts", [&] { answerFacts(state, request, response); });
    });
    http.Get("/v1/health", [&state](const httplib::Request&, httplib::Response& response) { sendJson(response, 200, health(state)); });
    http.Get("/v1/program", [&state](const httplib::Request&, httplib::Response& response) {
        respond(response, "program", [&] {
            auto lease = state.pool.acquire({}, state.options.busyWait);
            if (!lease) throw RequestError(503, "busy: every model is answering a question; try again shortly");
            sendJson(response, 200, document("program", true, lease->model().program(), lease->model().warnings()));
        });
    });
    http.Get(R"(/(|explorer\.js|explorer\.css))", [](const httplib::Request& request, httplib::Response& response) {
        const Asset* asset = findAsset(request.path);
        response.set_content(asset->body.data(), asset->body.size(), std::string(asset->contentType).c_str());
        response.set_header("Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        response.set_header("Cache-Control", "no-cache");
    });
}

void addSafeguards(HttpServer::State& state) {
    auto& http = state.http;
    const ServerOptions& options = state.options;
    http.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options.maxBodyBytes);
    http.set_read_timeout(options.readTimeout);
    http.set_write_timeout(options.readTimeout);
    http.set_keep_alive_timeout(5);
    http.set_tcp_nodelay(true);  // headers and body go in separate writes: Nagle would hold the body for the client's delayed ACK
    http.set_keep_alive_max_count(1000);  // a client asking many questions keeps its connection
    http.set_pre_routing_handler([&state](const httplib::Request& request, httplib::Response& response) {
        auto refused = refusal(state.options, request);
        if (!refused) return httplib::Server::HandlerResponse::Unhandled;
        sendError(response, "serve", *refused);
        return httplib::Server::HandlerResponse::Handled;
    });
    // Every error without a document of its own (an unknown path, a body too large) gets one.
    http.set_error_handler(httplib::Server::HandlerWithResponse([&state](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        sendError(response, "serve", RequestError(response.status, statusMessage(response.status, request, state.options.maxBodyBytes)));
        return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
    http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
        spdlog::info("{} {} {}", request.method, request.path, response.status);
    });
}

Model loadModel(const ModelSource& source, const ServerOptions& options) {
    Model model = source.load();
    model.setLimits(options.limits);
    return model;
}

}  // namespace

HttpServer::HttpServer(ModelSource source, ServerOptions options) {
    Model first = loadModel(source, options);
    state_ = std::make_unique<State>(std::move(source), std::move(options), std::move(first));
    addSafeguards(*state_);
    addRoutes(*state_);
}

HttpServer::~HttpServer() = default;

bool HttpServer::bind() {
    if (state_->options.port == 0) {
        state_->port = state_->http.bind_to_any_port(state_->options.host);
        return state_->port > 0;
    }
    state_->port = state_->options.port;
    return state_->http.bind_to_port(state_->options.host, state_->options.port);
}

int HttpServer::port() const { return state_->port; }

void HttpServer::serve() { state_->http.listen_after_bind(); }

void HttpServer::stop() { state_->http.stop(); }

}  // namespace accord::server
