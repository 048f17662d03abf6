// `accord lsp`: the language server (cli/lsp/language_server.hpp) on standard input and
// output. Logging goes to standard error, which editors show as the server's output.
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/lsp/json_rpc.hpp"
#include "cli/lsp/language_server.hpp"

namespace accord::cli {
namespace {

struct LspOptions {};

int runLsp(const LspOptions&, const GlobalOptions&) {
    std::ios::sync_with_stdio(false);
    lsp::JsonRpcChannel channel(std::cin, std::cout);
    lsp::LanguageServer server([&](const nlohmann::json& message) { channel.send(message); });
    while (!server.exitRequested()) {
        std::optional<lsp::IncomingMessage> message = channel.read();
        if (!message) return 1;  // the client went away without `exit`
        if (message->json) {
            server.handle(*message->json);
        } else {
            channel.send(lsp::errorResponse(nullptr, message->errorCode, message->error));
        }
    }
    return server.exitStatus();
}

}  // namespace

void registerLspCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<LspOptions>();
    CLI::App* command = app.add_subcommand("lsp", "Run the language server for editors (LSP over standard input and output)");
    addExamples(*command, {"accord lsp", "see docs/editors.md for VS Code and Vim"});
    runsWith(*command, options, global, run, runLsp);
}

}  // namespace accord::cli
