// What the routes share (see server_state.hpp).
#include "server/server_state.hpp"

#include <filesystem>

#include <fmt/format.h>

namespace accord::server {
namespace {

/// The size and time of the knowledge base's file and its write-ahead log: they change
/// with every committed write, whoever makes it.
std::string stampOf(const std::string& path) {
    std::string stamp;
    for (const std::string& file : {path, path + "-wal"}) {
        std::error_code error;
        auto size = std::filesystem::file_size(file, error);
        if (error) size = 0;
        auto time = std::filesystem::last_write_time(file, error);
        stamp += fmt::format("{}:{};", size, error ? 0 : time.time_since_epoch().count());
    }
    return stamp;
}

}  // namespace

ServerState::ServerState(ModelSource modelSource, ServerOptions serverOptions)
    : source(std::move(modelSource)), options(std::move(serverOptions)), pool(loadModel(), options.models) {
    if (source.knowledgeBase) knowledgeBaseStamp = stampOf(*source.knowledgeBase);
}

Model ServerState::loadModel() const {
    Model model = source.load();
    model.setLimits(options.limits);
    return model;
}

void ServerState::reloadModels() {
    pool.replaceAll(loadModel());
    if (source.knowledgeBase) knowledgeBaseStamp = stampOf(*source.knowledgeBase);
}

void ServerState::reloadIfKnowledgeBaseChanged() {
    if (!source.knowledgeBase) return;
    std::string now = stampOf(*source.knowledgeBase);
    std::lock_guard lock(writing);
    if (now == knowledgeBaseStamp) return;
    reloadModels();
}

}  // namespace accord::server
