// The knowledge-base commands: `accord load RULES...`, `accord assert 'fact.'...`,
// `accord retract 'fact.'...`, `accord import FILE --relation R` (each one transaction: all
// or nothing) and `accord export R`. Each prints text or one JSON document (CommandOutput).
#include <cstdio>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "cli/choice_option.hpp"
#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/progress_line.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/kb/fact_export.hpp"
#include "accord/kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

std::string plural(std::size_t count, const char* noun) { return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s"); }

/// Options that may be given once with commas or several times: `--drop-facts a,b --drop-facts c`.
std::vector<std::string> splitCommas(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& value : values) {
        for (std::size_t start = 0; start <= value.size();) {
            std::size_t comma = std::min(value.find(',', start), value.size());
            if (comma > start) out.push_back(value.substr(start, comma - start));
            start = comma + 1;
        }
    }
    return out;
}

struct LoadOptions {
    std::string kb = "accord.db";
    std::vector<std::string> paths;
    std::vector<std::string> dropFacts;
    std::vector<std::string> defaults;
    OutputFormat format = OutputFormat::Text;
};

int runLoad(const LoadOptions& options, const GlobalOptions& global) {
    CommandOutput output("load", options.format, global);
    nlohmann::ordered_json fields = {{"kb", options.kb}, {"paths", options.paths}};
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/true);
        dsl::Diagnostics diagnostics;
        engine::Engine engine;
        std::vector<std::string> changes;
        kb::ReloadOptions reload{splitCommas(options.dropFacts), options.defaults};
        bool ok = knowledgeBase.loadRules(engine, options.paths, diagnostics, reload, &changes);
        output.diagnostics(diagnostics, engine.sources());
        if (!ok) {
            output.error(options.kb + " left as it was");
            return output.finish(1, "", fields);
        }
        std::string text = fmt::format("loaded {} into {}: {}, {}\n", plural(options.paths.size(), "path"), options.kb,
                                       plural(engine.plan().relations.size(), "relation"), plural(engine.plan().rules.size(), "rule"));
        for (const std::string& change : changes) text += "  " + change + "\n";
        if (!changes.empty()) text += "run `accord run --as-of DATE` to derive the conclusions of the new program\n";
        fields["relations"] = engine.plan().relations.size();
        fields["rules"] = engine.plan().rules.size();
        fields["changes"] = changes;
        return output.finish(0, text, fields);
    } catch (const kb::DatabaseError& error) {
        output.error(error.what());
        return output.finish(1, "", fields);
    }
}

struct FactOptions {
    std::string kb = "accord.db";
    std::vector<std::string> facts;
    std::string file;
    bool ignoreMissing = false;
    OutputFormat format = OutputFormat::Text;
};

int runChangeFacts(const FactOptions& options, bool retract, const GlobalOptions& global) {
    const char* verb = retract ? "retract" : "assert";
    CommandOutput output(verb, options.format, global);
    nlohmann::ordered_json fields = {{"kb", options.kb}};
    std::string text;
    for (const std::string& fact : options.facts) text += fact + "\n";
    std::string name = options.facts.empty() && !options.file.empty() ? options.file : "<facts>";
    if (name == "-") name = "<stdin>";
    if (!options.file.empty()) {
        std::string contents, error;
        if (!dsl::readFile(options.file == "-" ? dsl::kStandardInput : options.file, dsl::LoadOptions{}.maxFileBytes, contents, error)) {
            output.error(fmt::format("{}: {}", options.file, error));
            return output.finish(1, "", fields);
        }
        text += contents;
    }
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/false);
        dsl::Diagnostics diagnostics;
        dsl::SourceManager sources;
        std::size_t changed = 0;
        std::vector<std::string> missing;
        bool ok = knowledgeBase.changeFacts(text, retract, sources, diagnostics, &changed, &missing, name);
        output.diagnostics(diagnostics, sources);
        if (!ok) {
            output.error("nothing changed");
            return output.finish(1, "", fields);
        }
        fields[retract ? "retracted" : "asserted"] = changed;
        if (retract) fields["not_found"] = missing;
        for (const std::string& fact : missing) output.warning(fmt::format("{} was not an asserted fact: nothing to retract", fact));
        // A script that retracts what is not there has a wrong picture of the knowledge base.
        int status = !missing.empty() && !options.ignoreMissing ? 1 : 0;
        if (status != 0) output.error(fmt::format("{} not found (--ignore-missing to accept that)", plural(missing.size(), "fact")));
        std::string summary = fmt::format("{} {}\n", retract ? "retracted" : "asserted", plural(changed, "fact"));
        return output.finish(status, summary, fields);
    } catch (const kb::DatabaseError& error) {
        output.error(error.what());
        return output.finish(1, "", fields);
    }
}

struct ImportOptions {
    std::string kb = "accord.db";
    std::string file;
    std::string relation;
    std::optional<engine::FactRowFormat> inputFormat;
    OutputFormat format = OutputFormat::Text;
};

int runImport(const ImportOptions& options, const GlobalOptions& global) {
    CommandOutput output("import", options.format, global);
    nlohmann::ordered_json fields = {{"kb", options.kb}, {"file", options.file}, {"relation", options.relation}};
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/false);
        dsl::Diagnostics diagnostics;
        dsl::SourceManager sources;
        ProgressLine progress(global);
        kb::KnowledgeBase::ImportProgress onProgress;
        if (progress.enabled()) {
            onProgress = [&](std::size_t written, std::size_t rows) {
                progress.update(
                    [&] { return fmt::format("importing: {} of {} rows", ProgressLine::count(written), ProgressLine::count(rows)); });
            };
        }
        auto imported = knowledgeBase.importFile(options.file, options.relation, options.inputFormat, sources, diagnostics, onProgress);
        progress.clear();
        output.diagnostics(diagnostics, sources);
        if (!imported) {
            output.error("nothing imported");
            return output.finish(1, "", fields);
        }
        fields["imported"] = *imported;
        return output.finish(0, fmt::format("imported {} into {}\n", plural(*imported, "row"), options.relation), fields);
    } catch (const kb::DatabaseError& error) {
        output.error(fmt::format("{} (nothing imported)", error.what()));
        return output.finish(1, "", fields);
    }
}

struct ExportOptions {
    std::string kb = "accord.db";
    std::string relation;
    kb::ExportFormat format = kb::ExportFormat::Csv;
    bool assertedOnly = false;
};

int runExport(const ExportOptions& options, const GlobalOptions& global) {
    try {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(options.kb, /*create=*/false);
        dsl::Diagnostics diagnostics;
        engine::Engine engine;
        if (!knowledgeBase.loadProgram(engine, diagnostics)) {
            fmt::print(stderr, "accord export: error: the knowledge base has no program\n");
            return 1;
        }
        auto id = engine.plan().relationId(options.relation);
        if (!id) {
            fmt::print(stderr, "accord export: error: unknown relation '{}' in the loaded rules\n", options.relation);
            return 1;
        }
        kb::ReadTransaction snapshot(knowledgeBase.database());
        if (!options.assertedOnly) {
            std::optional<kb::RunRecord> run = knowledgeBase.lastRun();
            if (!run) {
                fmt::print(stderr,
                           "accord export: error: no run has stored conclusions yet: run `accord run --as-of DATE` first, "
                           "or export the asserted rows with --asserted\n");
                return 1;
            }
            // What the rows are from goes beside them, on standard error, so the file stays data
            // (and --quiet, "only errors", silences it).
            if (!global.quiet) {
                fmt::print(stderr, "accord export: what held as of {}, as stored by run {} ({})\n", run->asOf, run->id, run->startedAt);
            }
            if (std::string stale = knowledgeBase.staleness(); !stale.empty() && !global.quiet) {
                fmt::print(stderr, "accord export: warning: {}: the stored conclusions may be out of date (run `accord run`)\n", stale);
            }
        }
        kb::exportRows(knowledgeBase.database(), engine.plan().relations[*id], engine.symbols(), options.format,
                       options.assertedOnly ? kb::RowFilter::Asserted : kb::RowFilter::Held, std::cout);
        return 0;
    } catch (const kb::DatabaseError& error) {
        fmt::print(stderr, "accord export: error: {}\n", error.what());
        return 1;
    }
}

void registerLoad(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto load = std::make_shared<LoadOptions>();
    CLI::App* command = app.add_subcommand("load", "Check rule files and store them as the knowledge base's program");
    addExamples(*command, {"accord load rules/nato --kb accord.db"});
    command->add_option("paths", load->paths, "Rule files or directories")->required();
    command->add_option("--kb", load->kb, "The knowledge base file")->capture_default_str();
    command->add_option("--drop-facts", load->dropFacts,
                        "Let this reload drop the asserted rows of these relations (comma-separated or repeated): of a relation "
                        "removed from the program, or whose columns change in a way its rows cannot follow");
    command->add_option("--default", load->defaults,
                        "RELATION.COLUMN=VALUE: the value a column added to a relation takes in its asserted rows (repeatable)");
    addOutputFormatOption(*command, load->format);
    runsWith(*command, load, global, run, runLoad);
}

void registerImport(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto import = std::make_shared<ImportOptions>();
    CLI::App* command =
        app.add_subcommand("import",
                           "Add the rows of a .csv (with a header), .json (array of objects), .jsonl (JSON Lines) or tab-separated file, "
                           "or of standard input (-), as facts (all or nothing)");
    addExamples(*command, {"accord import reports.csv --relation backs --kb accord.db"});
    command->add_option("file", import->file, "The file, or - for standard input")->required();
    command->add_option("--relation,-r", import->relation, "The relation the rows belong to")->required();
    addChoiceOption(*command, "--input-format", import->inputFormat,
                    {{"csv", engine::FactRowFormat::Csv},
                     {"tsv", engine::FactRowFormat::Tsv},
                     {"json", engine::FactRowFormat::Json},
                     {"jsonl", engine::FactRowFormat::JsonLines}},
                    "The file's format (default: its extension; for standard input, its first characters)");
    command->add_option("--kb", import->kb, "The knowledge base file")->capture_default_str();
    addOutputFormatOption(*command, import->format);
    runsWith(*command, import, global, run, runImport);
}

void registerExport(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<ExportOptions>();
    CLI::App* command = app.add_subcommand(
        "export", "Write what a relation held as of the last run (asserted facts and conclusions), or its asserted rows, as CSV or JSON");
    addExamples(*command, {"accord export vote --kb accord.db", "accord export backs --asserted --format json --kb accord.db"});
    command->add_option("relation", options->relation, "The relation")->required();
    addChoiceOption(*command, "--format", options->format, {{"csv", kb::ExportFormat::Csv}, {"json", kb::ExportFormat::Json}},
                    "csv (default) or json");
    command->add_flag("--asserted", options->assertedOnly, "Every asserted row, whatever its dates, and nothing else (a backup to import)");
    command->add_option("--kb", options->kb, "The knowledge base file")->capture_default_str();
    runsWith(*command, options, global, run, runExport);
}

void registerChangeFacts(CLI::App& app, const GlobalOptions& global, CommandRunner& run, bool retract) {
    auto options = std::make_shared<FactOptions>();
    CLI::App* command =
        app.add_subcommand(retract ? "retract" : "assert", retract ? "Remove asserted facts from the knowledge base (all or nothing)"
                                                                   : "Add facts to the knowledge base (all or nothing)");
    if (retract) {
        addExamples(*command, {"accord retract 'backs(hungary, rutte).' --kb accord.db"});
    } else {
        addExamples(*command,
                    {"accord assert 'backs(hungary, rutte) @0.8 source \"Reuters, 2024-06-18\" since 2024-06-18.' --kb accord.db"});
    }
    command->add_option("facts", options->facts, "Facts in rule syntax, e.g. 'backs(france, rutte) @0.9.'");
    command->add_option("--file", options->file, "Read the facts from a file, or - for standard input");
    if (retract) command->add_flag("--ignore-missing", options->ignoreMissing, "Exit 0 even when a fact was not asserted");
    command->add_option("--kb", options->kb, "The knowledge base file")->capture_default_str();
    addOutputFormatOption(*command, options->format);
    runsWith(*command, options, global, run,
             [retract](FactOptions& facts, const GlobalOptions& globalOptions) { return runChangeFacts(facts, retract, globalOptions); });
}

}  // namespace

void registerKnowledgeBaseCommands(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    registerLoad(app, global, run);
    registerImport(app, global, run);
    registerExport(app, global, run);
    registerChangeFacts(app, global, run, /*retract=*/false);
    registerChangeFacts(app, global, run, /*retract=*/true);
}

}  // namespace accord::cli
