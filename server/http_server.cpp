// `accord serve` (see http_server.hpp): the routes, the limits and the error documents.
// The writes are in fact_writes.cpp, the checks every request passes in request_guard.cpp.
#include "server/http_server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include "accord/version.hpp"
#include "server/explorer_assets.hpp"
#include "server/fact_writes.hpp"
#include "server/json_documents.hpp"
#include "server/questions.hpp"
#include "server/request_guard.hpp"
#include "server/server_state.hpp"

namespace accord::server {
namespace {

/// Checks the request (request_guard.hpp), then runs `answer`, turning what it throws into an
/// error document. httplib has read the body by now: a refusal leaves nothing on the
/// connection to be read as another request.
template <class Answer>
void respond(const ServerState& state, const httplib::Request& request, httplib::Response& response, const std::string& command,
             Answer answer) {
    try {
        if (auto refused = refusal(state.options, request)) throw *refused;
        answer();
    } catch (const RequestError& error) {
        sendError(response, command, error);
    } catch (const Error& error) {
        sendError(response, command, fromError(error));
    } catch (const std::exception& error) {
        spdlog::error("internal error answering {}: {}", command, error.what());
        sendError(response, command, RequestError(500, fmt::format("internal error: {}", error.what())));
    }
}

/// What an answer is from, beyond what the command says: facts written to the models of
/// rule files in memory, which the files do not hold.
void noteWritesInMemory(const ServerState& state, nlohmann::ordered_json& fields) {
    if (auto writes = state.writesInMemory.load(); writes > 0) fields["writes_in_memory"] = writes;
}

void answerQuestion(ServerState& state, const QuestionEndpoint& endpoint, const httplib::Request& request, httplib::Response& response) {
    RequestBody body(request.body);
    Question question = endpoint.read(body);
    body.finish(fmt::format("POST {}", endpoint.path));
    state.reloadIfKnowledgeBaseChanged();
    auto lease = state.pool.acquire(question.when, state.options.busyWait);
    if (!lease) {
        throw RequestError(503, fmt::format("busy: all {} models are answering questions; try again shortly", state.pool.size()));
    }
    Reply reply = question.ask(lease->model());
    ++state.answered;
    if (reply.svg) {
        response.set_content(*reply.svg, "image/svg+xml; charset=utf-8");
        return;
    }
    noteWritesInMemory(state, reply.fields);
    sendJson(response, 200, document(endpoint.command, true, reply.fields, reply.warnings));
}

void answerProgram(ServerState& state, httplib::Response& response) {
    state.reloadIfKnowledgeBaseChanged();
    auto lease = state.pool.acquire(std::nullopt, state.options.busyWait);
    if (!lease) throw RequestError(503, "busy: every model is answering a question; try again shortly");
    sendJson(response, 200, document("program", true, lease->model().program(), lease->model().warnings()));
}

nlohmann::ordered_json health(const ServerState& state) {
    auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - state.started).count();
    return {{"status", "ok"},
            {"version", kVersion},
            {"model", state.source.description},
            {"writes", state.options.allowWrites},
            {"writes_in_memory", state.writesInMemory.load()},
            {"models", state.pool.size()},
            {"models_in_use", state.pool.inUse()},
            {"answered", state.answered.load()},
            {"uptime_seconds", uptime}};
}

void serveAsset(const httplib::Request& request, httplib::Response& response) {
    const Asset* asset = findAsset(request.path);
    response.set_content(asset->body.data(), asset->body.size(), std::string(asset->contentType).c_str());
    response.set_header("Content-Security-Policy",
                        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    response.set_header("Cache-Control", "no-cache");
}

/// The endpoints, by path and method: for the message of a path asked with another method.
struct Endpoint {
    std::string method, path;
};

std::vector<Endpoint> endpoints() {
    std::vector<Endpoint> all = {{"GET", "/"}, {"GET", "/v1/health"}, {"GET", "/v1/program"}, {"POST", "/v1/facts"}};
    for (const QuestionEndpoint& question : questionEndpoints()) all.push_back({"POST", question.path});
    return all;
}

/// The document of an error httplib found before any route (no such path, a body too large).
RequestError routingError(int status, const httplib::Request& request, const ServerOptions& options, httplib::Response& response) {
    if (status == 404) {
        for (const Endpoint& endpoint : endpoints()) {
            if (endpoint.path != request.path) continue;
            response.set_header("Allow", endpoint.method);
            return RequestError(405, fmt::format("{} takes {}, not {}", endpoint.path, endpoint.method, request.method));
        }
        std::string list;
        for (const Endpoint& endpoint : endpoints())
            list += fmt::format("{}{} {}", list.empty() ? "" : ", ", endpoint.method, endpoint.path);
        return RequestError(
            404, fmt::format("no such endpoint: {} {} (the endpoints: {}; see docs/server.md)", request.method, request.path, list));
    }
    if (status == 413)
        return RequestError(413, fmt::format("the request body is larger than {} bytes (the server's --max-body)", options.maxBodyBytes));
    if (status == 400) return RequestError(400, "malformed HTTP request");
    return RequestError(status, fmt::format("HTTP status {}", status));
}

void addRoutes(ServerState& state) {
    auto& http = state.http;
    for (const QuestionEndpoint& endpoint : questionEndpoints()) {
        http.Post(endpoint.path, [&state, &endpoint](const httplib::Request& request, httplib::Response& response) {
            respond(state, request, response, endpoint.command, [&] { answerQuestion(state, endpoint, request, response); });
        });
    }
    http.Post("/v1/facts", [&state](const httplib::Request& request, httplib::Response& response) {
        respond(state, request, response, "facts", [&] { answerFacts(state, request, response); });
    });
    http.Get("/v1/health", [&state](const httplib::Request& request, httplib::Response& response) {
        respond(state, request, response, "health", [&] { sendJson(response, 200, health(state)); });
    });
    http.Get("/v1/program", [&state](const httplib::Request& request, httplib::Response& response) {
        respond(state, request, response, "program", [&] { answerProgram(state, response); });
    });
    http.Get(R"(/(|explorer\.js|explorer\.css))", [&state](const httplib::Request& request, httplib::Response& response) {
        respond(state, request, response, "serve", [&] { serveAsset(request, response); });
    });
}

/// The listening socket's options: httplib's default also sets SO_REUSEPORT, with which a
/// second server on the same port would start and take half the connections.
void reuseAddressOnly(socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

void addSafeguards(ServerState& state) {
    auto& http = state.http;
    const ServerOptions& options = state.options;
    http.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(threads); };
    http.set_socket_options(reuseAddressOnly);
    http.set_payload_max_length(options.maxBodyBytes);
    http.set_read_timeout(options.readTimeout);
    http.set_write_timeout(options.readTimeout);
    http.set_keep_alive_timeout(5);
    http.set_tcp_nodelay(true);  // headers and body go in separate writes: Nagle would hold the body for the client's delayed ACK
    http.set_keep_alive_max_count(1000);  // a client asking many questions keeps its connection
    http.set_error_handler(httplib::Server::HandlerWithResponse([&state](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // a route's own error document
        RequestError error = routingError(response.status, request, state.options, response);
        sendError(response, "serve", error);
        return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
    http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
        spdlog::info("{} {} {}", request.method, request.path, response.status);
    });
}

}  // namespace

HttpServer::HttpServer(ModelSource source, ServerOptions options)
    : state_(std::make_unique<ServerState>(std::move(source), std::move(options))) {
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

bool HttpServer::listens() const { return state_->http.is_running(); }

void HttpServer::serve() { state_->http.listen_after_bind(); }

void HttpServer::stop() { state_->http.stop(); }

}  // namespace accord::server
