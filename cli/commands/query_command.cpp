// `accord query FILES... 'vote(A, rutte) = V'`: the matching conclusions as an aligned
// table, JSON or CSV, saying what they are from: the rule files as of a date, or what held
// as of the knowledge base's last run (or its program evaluated as of --as-of).
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "cli/command_output.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/explanation_source.hpp"
#include "cli/json_output.hpp"
#include "cli/program_options.hpp"
#include "dsl/fact_file.hpp"
#include "engine/value_format.hpp"

namespace accord::cli {
namespace {

enum class QueryFormat { Table, Json, Csv };

struct QueryOptions {
    EvaluationOptions evaluation;
    std::vector<std::string> arguments;  ///< files..., then the query
    QueryFormat format = QueryFormat::Table;
};

nlohmann::ordered_json jsonValue(const engine::Value& value, const engine::SymbolTable& symbols) {
    switch (value.kind) {
        case engine::ValueKind::Integer: return value.asInteger();
        case engine::ValueKind::Decimal: return value.asDecimal();
        default: return engine::plainValue(value, symbols);
    }
}

/// `columns` (the query's variables, then confidence) and `rows`, one object each.
nlohmann::ordered_json renderJson(const std::vector<engine::QueryRow>& rows, const engine::Pattern& pattern, const engine::SymbolTable& symbols) {
    nlohmann::ordered_json columns = pattern.variables;
    columns.push_back("confidence");
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const engine::QueryRow& row : rows) {
        nlohmann::ordered_json item = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < pattern.variables.size(); ++i) item[pattern.variables[i]] = jsonValue(row.values[i], symbols);
        item["confidence"] = row.confidence;
        list.push_back(std::move(item));
    }
    return {{"columns", std::move(columns)}, {"rows", std::move(list)}};
}

/// The rows as an aligned table or CSV.
std::string render(const std::vector<engine::QueryRow>& rows, const engine::Pattern& pattern, const engine::SymbolTable& symbols,
                   QueryFormat format) {
    std::vector<std::string> header = pattern.variables;
    header.push_back("confidence");
    auto cells = [&](const engine::QueryRow& row, bool plain) {
        std::vector<std::string> out;
        for (const engine::Value& value : row.values) out.push_back(plain ? engine::plainValue(value, symbols) : engine::formatValue(value, symbols));
        out.push_back(engine::formatConfidence(row.confidence));
        return out;
    };
    if (format == QueryFormat::Csv) {
        std::string out;
        for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + dsl::quoteCsvField(header[i]);
        out += "\r\n";
        for (const engine::QueryRow& row : rows) {
            std::vector<std::string> line = cells(row, true);
            for (std::size_t i = 0; i < line.size(); ++i) out += (i ? "," : "") + dsl::quoteCsvField(line[i]);
            out += "\r\n";
        }
        return out;
    }
    std::vector<std::vector<std::string>> table{header};
    for (const engine::QueryRow& row : rows) table.push_back(cells(row, false));
    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& line : table) {
        for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
    }
    std::string out;
    for (std::size_t r = 0; r < table.size(); ++r) {
        for (std::size_t i = 0; i < table[r].size(); ++i) {
            out += fmt::format("{}{:<{}}", i ? "  " : "", table[r][i], i + 1 < table[r].size() ? widths[i] : 0);
        }
        out += "\n";
        if (r == 0) {
            for (std::size_t i = 0; i < widths.size(); ++i) out += (i ? "  " : "") + std::string(widths[i], '-');
            out += "\n";
        }
    }
    out += fmt::format("({} row{})\n", rows.size(), rows.size() == 1 ? "" : "s");
    return out;
}

int runQuery(QueryOptions& options, const GlobalOptions& global) {
    std::string text = options.arguments.back();
    options.evaluation.files.assign(options.arguments.begin(), options.arguments.end() - 1);
    if (!refuseIgnoredOptions(options.evaluation, {.readsStoredConclusions = true}, "query")) return 2;
    CommandOutput output("query", options.format == QueryFormat::Json ? OutputFormat::Json : OutputFormat::Text, global);
    ExplanationSource source;
    if (int status = source.open(options.evaluation, output)) return output.finish(status, "", {{"query", text}});
    engine::Engine& engine = source.engine();
    dsl::Diagnostics diagnostics;
    engine::Pattern pattern;
    auto rows = engine.query(text, diagnostics, &pattern);
    if (!rows) {
        output.diagnostics(diagnostics, engine.sources());
        return output.finish(1, "", {{"query", text}});
    }
    if (options.format == QueryFormat::Json) {
        nlohmann::ordered_json fields = {{"query", text}};
        fields.update(source.origin<nlohmann::ordered_json>());
        fields.update(renderJson(*rows, pattern, engine.symbols()));
        return output.finish(0, "", fields);
    }
    // What the rows are from goes beside them, on standard error, so the table stays data.
    bool fromKnowledgeBase = options.evaluation.files.empty();
    // (and what held: a minimum confidence, from the program or the options, leaves rows out).
    if (!global.quiet && (fromKnowledgeBase || options.evaluation.asOf.empty() || source.minConfidence() > 0)) {
        std::fprintf(stderr, "accord query: %s\n", source.description().c_str());
    }
    std::string out = render(*rows, pattern, engine.symbols(), options.format);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

}  // namespace

void registerQueryCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<QueryOptions>();
    CLI::App* command = app.add_subcommand("query", "Print the conclusions matching an atom: of rule files, or stored in the knowledge base");
    command->add_option("arguments", options->arguments,
                        "Rule files or directories (none: the knowledge base's stored conclusions), then the query, e.g. 'vote(A, rutte) = V'")
        ->required();
    std::map<std::string, QueryFormat> formats{{"table", QueryFormat::Table}, {"json", QueryFormat::Json}, {"csv", QueryFormat::Csv}};
    command->add_option("--format", options->format, "Output as an aligned table (default), json or csv")
        ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    addEvaluationOptions(*command, options->evaluation);
    command->callback([options, &global, &run] { run = [options, &global] { return runQuery(*options, global); }; });
}

}  // namespace accord::cli
