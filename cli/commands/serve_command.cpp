// `accord serve [FILES... | --kb FILE]`: the model loaded once, answering questions as JSON
// over HTTP and serving the explorer (server/http_server.hpp, docs/server.md). It runs until
// SIGINT or SIGTERM, which a thread of its own waits for (the server stops cleanly: no
// handler runs in a signal's context).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "server/http_server.hpp"

namespace accord::cli {
namespace {

struct ServeOptions {
    std::vector<std::string> files;
    std::string kb = "accord.db";
    server::ServerOptions server;
    std::size_t maxBodyKilobytes = 1024;
    double busyWaitSeconds = 2;
    int clientTimeoutSeconds = 5;
    const CLI::App* command = nullptr;
};

server::ModelSource modelSource(const ServeOptions& options) {
    server::ModelSource source;
    if (!options.files.empty()) {
        source.load = [files = options.files] { return Model::load(files); };
        source.description = "rule files";
        for (const std::string& file : options.files) source.description += " " + file;
    } else {
        source.load = [kb = options.kb] { return Model::fromKnowledgeBase(kb); };
        source.knowledgeBase = options.kb;
        source.description = "knowledge base " + options.kb;
    }
    return source;
}

/// Blocks SIGINT and SIGTERM in this thread and the server's (which inherit the mask), so
/// that only the waiting thread receives them.
sigset_t blockStopSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

int runServe(ServeOptions& options, const GlobalOptions&) {
    if (!options.files.empty() && options.command->get_option("--kb")->count() > 0) {
        fmt::print(stderr, "accord serve: error: give rule files or --kb, not both\n");
        return 2;
    }
    options.server.maxBodyBytes = options.maxBodyKilobytes * 1024;
    options.server.busyWait = std::chrono::milliseconds(static_cast<long long>(options.busyWaitSeconds * 1000));
    options.server.readTimeout = std::chrono::seconds(options.clientTimeoutSeconds);
    sigset_t signals = blockStopSignals();
    std::optional<server::HttpServer> server;
    try {
        server.emplace(modelSource(options), options.server);
    } catch (const Error& error) {
        fmt::print(stderr, "{}", error.text());
        return 1;
    }
    if (!server->bind()) {
        fmt::print(stderr, "accord serve: error: cannot listen on {}:{} (in use, or not an address of this machine)\n", options.server.host,
                   options.server.port);
        return 1;
    }
    std::string host = options.server.host.find(':') != std::string::npos ? "[" + options.server.host + "]" : options.server.host;
    std::size_t models = options.server.models;
    fmt::print("accord serve: listening on http://{}:{}/ ({}; {} model{}; {})\n", host, server->port(), modelSource(options).description,
               models, models == 1 ? "" : "s", options.server.allowWrites ? "writes allowed" : "read-only");
    if (!server::isLoopback(options.server.host)) {
        fmt::print(stderr, "accord serve: warning: {} is not a loopback address: anyone who can reach it can ask questions{}\n",
                   options.server.host, options.server.allowWrites ? " and change facts" : "");
    }
    std::fflush(stdout);
    std::atomic<bool> served = false;
    std::thread waiter([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        while (!served) {  // a signal before serve() listens would find nothing to stop
            server->stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    server->serve();
    served = true;
    pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if serve() ended otherwise (blocked here: no effect)
    waiter.join();
    fmt::print("accord serve: stopped\n");
    return 0;
}

}  // namespace

void registerServeCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<ServeOptions>();
    CLI::App* command = app.add_subcommand("serve", "Answer questions as JSON over HTTP, and serve the explorer page");
    addExamples(*command, {"accord serve rules/nato --port 8181", "accord serve --kb accord.db --allow-writes"});
    command->add_option("files", options->files, "Rule files and directories (none: the knowledge base)");
    command->add_option("--kb", options->kb, "The knowledge base to serve when no rule files are named")->capture_default_str();
    command->add_option("--host", options->server.host, "The address to listen on (only loopback addresses are safe)")
        ->capture_default_str();
    command->add_option("--port", options->server.port, "The port to listen on (0: any free port)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    command->add_option("--models", options->server.models, "Questions answered at once (a model each; each keeps its last evaluation)")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    command->add_option("--threads", options->server.threads, "Connections served at once")
        ->check(CLI::Range(2, 256))
        ->capture_default_str();
    command->add_option("--max-body", options->maxBodyKilobytes, "The largest request body, in KiB (413 above it)")
        ->check(CLI::Range(1, 1 << 20))
        ->capture_default_str();
    command->add_option("--busy-wait", options->busyWaitSeconds, "Seconds a question waits for a free model before 503")
        ->check(CLI::Range(0.0, 60.0))
        ->capture_default_str();
    command->add_option("--client-timeout", options->clientTimeoutSeconds, "Seconds a client may send nothing before it is dropped")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    command->add_option("--max-seconds", options->server.limits.maxSeconds, "Stop an evaluation after this many seconds (0: no limit)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    command->add_option("--max-facts", options->server.limits.maxFacts, "Stop an evaluation that derives more facts")
        ->capture_default_str();
    command->add_flag("--allow-writes", options->server.allowWrites,
                      "Accept POST /v1/facts (to the knowledge base, or in memory for rule files)");
    runsWith(*command, options, global, run, [command](ServeOptions& serve, const GlobalOptions& globalOptions) {
        serve.command = command;
        return runServe(serve, globalOptions);
    });
}

}  // namespace accord::cli
