// The knowledge-base commands: `accord load RULES...`, `accord assert 'fact.'...`,
// `accord retract 'fact.'...`, `accord import FILE --relation R` (each one transaction: all
// or nothing) and `accord export R`.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "dsl/loader.hpp"
#include "kb/fact_export.hpp"
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

struct ImportOptions {
    std::string kb = "accord.db";
    std::string file;
    std::string relation;
};

int runImport(const ImportOptions& options, const GlobalOptions& global) {
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/false);
        dsl::Diagnostics diagnostics;
        dsl::SourceManager sources;
        auto imported = knowledgeBase.importFile(options.file, options.relation, sources, diagnostics);
        if (!diagnostics.items().empty()) printDiagnostics(diagnostics, sources, DiagnosticFormat::Text, global);
        if (!imported) {
            std::fprintf(stderr, "accord import: nothing imported\n");
            return 1;
        }
        if (!global.quiet) std::printf("imported %zu row%s into %s\n", *imported, *imported == 1 ? "" : "s", options.relation.c_str());
        return 0;
    } catch (const kb::DatabaseError& error) {
        std::fprintf(stderr, "accord import: error: %s (nothing imported)\n", error.what());
        return 1;
    }
}

struct ExportOptions {
    std::string kb = "accord.db";
    std::string relation;
    kb::ExportFormat format = kb::ExportFormat::Csv;
    bool assertedOnly = false;
};

int runExport(const ExportOptions& options, const GlobalOptions&) {
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/false);
        dsl::Diagnostics diagnostics;
        engine::Engine engine;
        if (!knowledgeBase.loadProgram(engine, diagnostics)) {
            std::fprintf(stderr, "accord export: error: the knowledge base has no program\n");
            return 1;
        }
        auto id = engine.plan().relationId(options.relation);
        if (!id) {
            std::fprintf(stderr, "accord export: error: unknown relation '%s' in the loaded rules\n", options.relation.c_str());
            return 1;
        }
        kb::exportRows(knowledgeBase.database(), engine.plan().relations[*id], engine.symbols(), options.format, options.assertedOnly,
                       std::cout);
        return 0;
    } catch (const kb::DatabaseError& error) {
        std::fprintf(stderr, "accord export: error: %s\n", error.what());
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

    auto import = std::make_shared<ImportOptions>();
    CLI::App* importCommand = app.add_subcommand(
        "import", "Add the rows of a .csv (with a header), .json (array of objects) or tab-separated file as facts (all or nothing)");
    importCommand->add_option("file", import->file, "The file")->required();
    importCommand->add_option("--relation,-r", import->relation, "The relation the rows belong to")->required();
    importCommand->add_option("--kb", import->kb, "The knowledge base file")->capture_default_str();
    importCommand->callback([import, &global, &run] { run = [import, &global] { return runImport(*import, global); }; });

    auto exportOptions = std::make_shared<ExportOptions>();
    CLI::App* exportCommand = app.add_subcommand("export", "Write a relation's rows (facts and conclusions) as CSV or JSON");
    exportCommand->add_option("relation", exportOptions->relation, "The relation")->required();
    std::map<std::string, kb::ExportFormat> formats{{"csv", kb::ExportFormat::Csv}, {"json", kb::ExportFormat::Json}};
    exportCommand->add_option("--format", exportOptions->format, "csv (default) or json")
        ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    exportCommand->add_flag("--asserted", exportOptions->assertedOnly, "Only the asserted rows");
    exportCommand->add_option("--kb", exportOptions->kb, "The knowledge base file")->capture_default_str();
    exportCommand->callback([exportOptions, &global, &run] {
        run = [exportOptions, &global] { return runExport(*exportOptions, global); };
    });

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
