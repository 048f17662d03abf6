// What every route of `accord serve` shares: the model's source, the options, the models,
// the HTTP server and the counts. Defined here so that the routes can live in files of
// their own (http_server.cpp, fact_writes.cpp).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

#include "server/http_server.hpp"
#include "server/model_pool.hpp"

namespace accord::server {

struct ServerState {
    ModelSource source;
    ServerOptions options;
    ModelPool pool;
    httplib::Server http;
    std::mutex writing;  ///< one change of the models at a time (a write, a reload)
    std::atomic<std::uint64_t> answered{0};
    /// Writes to models of rule files since the start: answers are then from the files and
    /// these facts, which the files do not hold (answers say so).
    std::atomic<std::uint64_t> writesInMemory{0};
    std::string knowledgeBaseStamp;  ///< of the knowledge base the models were loaded from (under `writing`)
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    int port = 0;

    ServerState(ModelSource modelSource, ServerOptions serverOptions);

    /// A model of the source with the server's limits.
    Model loadModel() const;
    /// Loads every model again when the knowledge base changed since they were loaded (an
    /// `accord assert` by someone else), so that no answer comes from a knowledge base as
    /// it was. Cheap when it did not: the files' sizes and times are compared.
    void reloadIfKnowledgeBaseChanged();
    /// Loads every model from the source again, and notes the knowledge base's stamp.
    void reloadModels();
};

}  // namespace accord::server
