// The knowledge-base commands: `accord load RULES...`, `accord assert 'fact.'...` and
// `accord retract 'fact.'...` (each one transaction: all or nothing).
#include <cstdio>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "dsl/loader.hpp"
#include "kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

struct LoadOptions {
    std::string kb = "accord.db";
    std::vector<std::string> paths;
};

int runLoad(const LoadOptions& options, const GlobalOptions& global) {
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/true);
        dsl::Diagnostics diagnostics;
        engine::Engine engine;
        bool ok = knowledgeBase.loadRules(engine, options.paths, diagnostics);
        if (!diagnostics.items().empty()) printDiagnostics(diagnostics, engine.sources(), DiagnosticFormat::Text, global);
        if (!ok) {
            std::fprintf(stderr, "accord load: %s left as it was\n", options.kb.c_str());
            return 1;
        }
        if (!global.quiet) std::printf("loaded %zu path%s into %s\n", options.paths.size(), options.paths.size() == 1 ? "" : "s", options.kb.c_str());
        return 0;
    } catch (const kb::DatabaseError& error) {
        std::fprintf(stderr, "accord load: error: %s\n", error.what());
        return 1;
    }
}

struct FactOptions {
    std::string kb = "accord.db";
    std::vector<std::string> facts;
    std::string file;
};

int runChangeFacts(const FactOptions& options, bool retract, const GlobalOptions& global) {
    std::string text;
    for (const std::string& fact : options.facts) text += fact + "\n";
    if (!options.file.empty()) {
        std::string contents, error;
        if (!dsl::readFile(options.file, dsl::LoadOptions{}.maxFileBytes, contents, error)) {
            std::fprintf(stderr, "%s: error: %s\n", options.file.c_str(), error.c_str());
            return 1;
        }
        text += contents;
    }
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/false);
        dsl::Diagnostics diagnostics;
        dsl::SourceManager sources;
        std::size_t changed = 0;
        bool ok = knowledgeBase.changeFacts(text, retract, sources, diagnostics, &changed);
        if (!diagnostics.items().empty()) printDiagnostics(diagnostics, sources, DiagnosticFormat::Text, global);
        if (!ok) {
            std::fprintf(stderr, "accord %s: nothing changed\n", retract ? "retract" : "assert");
            return 1;
        }
        if (!global.quiet) std::printf("%s %zu fact%s\n", retract ? "retracted" : "asserted", changed, changed == 1 ? "" : "s");
        return 0;
    } catch (const kb::DatabaseError& error) {
        std::fprintf(stderr, "accord %s: error: %s\n", retract ? "retract" : "assert", error.what());
        return 1;
    }
}

}  // namespace

void registerKnowledgeBaseCommands(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto load = std::make_shared<LoadOptions>();
    CLI::App* loadCommand = app.add_subcommand("load", "Check rule files and store them as the knowledge base's program");
    loadCommand->add_option("paths", load->paths, "Rule files or directories")->required();
    loadCommand->add_option("--kb", load->kb, "The knowledge base file")->capture_default_str();
    loadCommand->callback([load, &global, &run] { run = [load, &global] { return runLoad(*load, global); }; });

    for (bool retract : {false, true}) {
        auto options = std::make_shared<FactOptions>();
        CLI::App* command = app.add_subcommand(retract ? "retract" : "assert",
                                               retract ? "Remove asserted facts from the knowledge base (all or nothing)"
                                                       : "Add facts to the knowledge base (all or nothing)");
        command->add_option("facts", options->facts, "Facts in rule syntax, e.g. 'backs(france, rutte) @0.9.'");
        command->add_option("--file", options->file, "Read the facts from a file");
        command->add_option("--kb", options->kb, "The knowledge base file")->capture_default_str();
        command->callback([options, retract, &global, &run] {
            run = [options, retract, &global] { return runChangeFacts(*options, retract, global); };
        });
    }
}

}  // namespace accord::cli
