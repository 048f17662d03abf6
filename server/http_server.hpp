// `accord serve`: the model loaded once, answering questions as JSON over HTTP/1.1 (with
// cpp-httplib) and serving the explorer page. docs/server.md describes the endpoints.
//
// Safe by default: it binds to 127.0.0.1, answers only requests addressed to the name it
// was bound to (no DNS rebinding), takes JSON bodies only (no form posts from other sites),
// limits bodies, evaluations and requests at once, and writes nothing unless started with
// --allow-writes. No request can name a file.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "accord/engine/api/model.hpp"

namespace accord::server {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8181;  ///< 0: any free port (port() says which)
    std::size_t models = 2;  ///< questions answered at once (each model evaluates one)
    std::size_t threads = 8;  ///< connections served at once (an idle kept-alive one holds a thread)
    std::size_t maxBodyBytes = 1 << 20;
    std::chrono::milliseconds busyWait{2000};  ///< how long a question waits for a model before 503
    std::chrono::seconds readTimeout{5};  ///< a client that sends nothing for this long is dropped
    Limits limits = {.maxSeconds = 10};
    bool allowWrites = false;
};

/// Where the models come from: rule files (writes change the models in memory only) or a
/// knowledge base (writes go to it, and the models are loaded from it again).
struct ModelSource {
    std::function<Model()> load;
    std::optional<std::string> knowledgeBase;  ///< its path, when the model is one
    std::string description;  ///< for the log and /v1/health: "rule files rules/nato"
};

/// Whether `host` is a loopback address or name (127.0.0.0/8, ::1, localhost).
bool isLoopback(const std::string& host);

struct ServerState;

class HttpServer {
public:
    /// Loads the model (accord::Error when it has errors) and sets up the routes.
    HttpServer(ModelSource source, ServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds to the host and port; false when it cannot (the port is taken, the host unknown).
    bool bind();
    int port() const;
    /// Serves until stop() (from another thread or a signal handler's thread).
    void serve();
    /// Stops serve(); does nothing before serve() has started listening (see listens()).
    void stop();
    bool listens() const;

private:
    std::unique_ptr<ServerState> state_;
};

}  // namespace accord::server
