// `accord query FILES... 'vote(A, rutte) = V'`: the matching conclusions as an aligned
// table, JSON or CSV, saying what they are from: the rule files as of a date, or what held
// as of the knowledge base's last run (or its program evaluated as of --as-of).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/choice_option.hpp"
#include "cli/commands/commands.hpp"
#include "cli/command_output.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/explanation_source.hpp"
#include "cli/json_output.hpp"
#include "cli/program_options.hpp"
#include "cli/rule_profile.hpp"
#include "accord/dsl/fact_file.hpp"
#include "accord/engine/explain/dated_query.hpp"
#include "accord/engine/query_json.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::cli {
namespace {

enum class QueryFormat { Table, Json, Csv };

struct QueryOptions {
    EvaluationOptions evaluation;
    std::vector<std::string> arguments;  ///< files..., then the query
    QueryFormat format = QueryFormat::Table;
    std::string over;  ///< FROM..TO: the query on several dates
    engine::DateStep every = engine::DateStep::Change;
    std::size_t maxDates = 1000;
    bool profile = false;
    bool allRules = false;  ///< evaluate the whole program, not only what the query needs
};

std::string csvLine(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + dsl::quoteCsvField(fields[i]);
    return out + "\r\n";
}

/// The columns a cell takes on a terminal: one per character (UTF-8 code point), as fmt
/// pads, not one per byte (`Séjourné` takes 8).
std::size_t displayWidth(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// `table` (its first line the header) as CSV, or aligned in columns with a rule under the header.
std::string renderTable(const std::vector<std::vector<std::string>>& table, QueryFormat format) {
    std::string out;
    if (format == QueryFormat::Csv) {
        for (const auto& line : table) out += csvLine(line);
        return out;
    }
    std::vector<std::size_t> widths(table.front().size(), 0);
    for (const auto& line : table) {
        for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], displayWidth(line[i]));
    }
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
    return out;
}

/// The rows as an aligned table or CSV.
std::string render(const std::vector<engine::QueryRow>& rows, const engine::Pattern& pattern, const engine::SymbolTable& symbols,
                   QueryFormat format) {
    std::vector<std::string> header = pattern.variables;
    header.push_back("confidence");
    std::vector<std::vector<std::string>> table{header};
    for (const engine::QueryRow& row : rows) {
        std::vector<std::string> line;
        for (const engine::Value& value : row.values) {
            line.push_back(format == QueryFormat::Csv ? engine::plainValue(value, symbols) : engine::formatValue(value, symbols));
        }
        line.push_back(engine::formatConfidence(row.confidence));
        table.push_back(std::move(line));
    }
    std::string out = renderTable(table, format);
    if (format == QueryFormat::Table) out += fmt::format("({} row{})\n", rows.size(), rows.size() == 1 ? "" : "s");
    return out;
}

/// `FROM..TO` as two dates, FROM not after TO.
std::optional<std::pair<std::int32_t, std::int32_t>> parseRange(const std::string& text) {
    std::size_t dots = text.find("..");
    if (dots == std::string::npos) return std::nullopt;
    auto from = dsl::parseDate(text.substr(0, dots)), to = dsl::parseDate(text.substr(dots + 2));
    if (!from || !to || to->days < from->days) return std::nullopt;
    return std::pair{from->days, to->days};
}

/// The variable a cell shows: the value of a keyed relation queried with `= V` (V used
/// nowhere else in the pattern); -1 when the cells say whether the binding holds.
int cellVariable(const engine::Pattern& pattern, const engine::ProgramPlan& plan) {
    if (!plan.relations[pattern.relation].keyed) return -1;
    int value = pattern.columns.back().variable;
    for (std::size_t c = 0; value >= 0 && c + 1 < pattern.columns.size(); ++c) {
        if (pattern.columns[c].variable == value) return -1;
    }
    return value;
}

/// The rows of several dates as one table: a line per binding of the pattern's other
/// variables (in the order of their values, as `query` sorts), a column per date; a cell
/// holds the value of the cell variable (or "holds"), with its confidence when below 1,
/// or "-" on a date the binding did not match.
std::vector<std::vector<std::string>> tableOverDates(const std::vector<engine::DatedRows>& dated, const engine::Pattern& pattern,
                                                     const engine::Engine& engine) {
    const int cell = cellVariable(pattern, engine.plan());
    std::vector<std::string> header;
    for (std::size_t v = 0; v < pattern.variables.size(); ++v) {
        if (static_cast<int>(v) != cell) header.push_back(pattern.variables[v]);
    }
    auto before = [&](const std::vector<engine::Value>& a, const std::vector<engine::Value>& b) {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [&](const engine::Value& x, const engine::Value& y) {
            return engine::compareValues(x, y, engine.symbols()) < 0;
        });
    };
    std::map<std::vector<engine::Value>, std::vector<std::string>, decltype(before)> cells(before);  // key -> a cell per date
    for (std::size_t d = 0; d < dated.size(); ++d) {
        header.push_back(dsl::formatDate(dsl::Date{dated[d].asOf}));
        for (const engine::QueryRow& row : dated[d].rows) {
            std::vector<engine::Value> key;
            for (std::size_t v = 0; v < row.values.size(); ++v) {
                if (static_cast<int>(v) != cell) key.push_back(row.values[v]);
            }
            auto line = cells.try_emplace(key, dated.size(), "-").first;
            std::string text = cell >= 0 ? engine::formatValue(row.values[static_cast<std::size_t>(cell)], engine.symbols()) : "holds";
            line->second[d] = row.confidence < 1 ? fmt::format("{} ({})", text, engine::formatConfidence(row.confidence)) : text;
        }
    }
    std::vector<std::vector<std::string>> table{header};
    for (const auto& [key, line] : cells) {
        table.emplace_back();
        for (const engine::Value& value : key) table.back().push_back(engine::formatValue(value, engine.symbols()));
        table.back().insert(table.back().end(), line.begin(), line.end());
    }
    return table;
}

/// The rows of several dates as CSV data: a line per date and row, `as_of` first, plain
/// values, the confidence in a column of its own.
std::string csvOverDates(const std::vector<engine::DatedRows>& dated, const engine::Pattern& pattern, const engine::SymbolTable& symbols) {
    std::vector<std::string> header = pattern.variables;
    header.insert(header.begin(), "as_of");
    header.push_back("confidence");
    std::string out = csvLine(header);
    for (const engine::DatedRows& date : dated) {
        for (const engine::QueryRow& row : date.rows) {
            std::vector<std::string> line{dsl::formatDate(dsl::Date{date.asOf})};
            for (const engine::Value& value : row.values) line.push_back(engine::plainValue(value, symbols));
            line.push_back(engine::formatConfidence(row.confidence));
            out += csvLine(line);
        }
    }
    return out;
}

/// The rows of each date, one object each with its date (`as_of`) first.
nlohmann::ordered_json jsonOverDates(const std::vector<engine::DatedRows>& dated, const engine::Pattern& pattern,
                                     const engine::SymbolTable& symbols) {
    nlohmann::ordered_json dates = nlohmann::ordered_json::array(), rows = nlohmann::ordered_json::array();
    for (const engine::DatedRows& date : dated) {
        std::string asOf = dsl::formatDate(dsl::Date{date.asOf});
        dates.push_back(asOf);
        nlohmann::ordered_json rendered = engine::queryRowsJson(date.rows, pattern, symbols);
        for (const auto& row : rendered["rows"]) {
            nlohmann::ordered_json item = {{"as_of", asOf}};
            item.update(row);
            rows.push_back(std::move(item));
        }
    }
    nlohmann::ordered_json columns = pattern.variables;
    columns.insert(columns.begin(), "as_of");
    columns.push_back("confidence");
    return {{"dates", std::move(dates)}, {"columns", std::move(columns)}, {"rows", std::move(rows)}};
}

/// What a table over dates is from, for standard error: "evaluated on 21 dates from ... to ...
/// (every change), ...; shown: the first and the 15 on which the answer changed".
std::string overDatesOrigin(std::pair<std::int32_t, std::int32_t> range, const std::string& every, std::size_t evaluated, std::size_t shown,
                            bool fromKnowledgeBase, double minConfidence) {
    std::string minimum =
        minConfidence > 0 ? fmt::format(", holding at confidence {} or more", engine::formatConfidence(minConfidence)) : "";
    std::string changes = every == "change" ? fmt::format("; shown: the first and the {} on which the answer changed", shown - 1) : "";
    return fmt::format("{} on {} date{} from {} to {} (every {}){}{}",
                       fromKnowledgeBase ? "the knowledge base's program and facts, evaluated" : "evaluated", evaluated,
                       evaluated == 1 ? "" : "s", dsl::formatDate(dsl::Date{range.first}), dsl::formatDate(dsl::Date{range.second}), every,
                       minimum, changes);
}

const std::map<std::string, engine::DateStep> kDateSteps{{"day", engine::DateStep::Day},
                                                         {"week", engine::DateStep::Week},
                                                         {"month", engine::DateStep::Month},
                                                         {"change", engine::DateStep::Change}};

/// `query --over FROM..TO`: the program (or the knowledge base's program and facts)
/// evaluated on each date the step names, the rows side by side.
int runQueryOverDates(QueryOptions& options, const std::string& text, CommandOutput& output) {
    nlohmann::ordered_json fields = {{"query", text}};
    auto range = parseRange(options.over);
    if (!range) {
        output.error(fmt::format("--over '{}': expected FROM..TO, two dates YYYY-MM-DD, the first not after the second", options.over));
        return output.finish(2, "", fields);
    }
    engine::Engine engine;
    return reportingErrors(output, engine, fields, [&] {
        const bool fromKnowledgeBase = options.evaluation.files.empty();
        engine::Pattern pattern;
        if (!loadForEvaluation(engine, options.evaluation, text, pattern, output)) return output.finish(1, "", fields);
        std::vector<std::int32_t> dates = engine::datesOver(engine, pattern, range->first, range->second, options.every);
        if (dates.size() > options.maxDates) {
            output.error(fmt::format("--over {} names {} dates, more than --max-dates {}: take a longer step (--every) or raise it",
                                     options.over, dates.size(), options.maxDates));
            return output.finish(1, "", fields);
        }
        auto dated = engine::queryOnDates(engine, pattern, runOptionsOf(options.evaluation), dates, !options.allRules);
        const std::size_t evaluated = dated.size();
        if (options.every == engine::DateStep::Change) engine::keepChanges(dated);
        std::string every =
            std::find_if(kDateSteps.begin(), kDateSteps.end(), [&](const auto& s) { return s.second == options.every; })->first;
        if (output.json()) {
            fields["from"] = fromKnowledgeBase ? "knowledge base, evaluated" : "rule files";
            fields["over"] = {
                {"from", dsl::formatDate(dsl::Date{range->first})}, {"to", dsl::formatDate(dsl::Date{range->second})}, {"every", every}};
            fields["min_confidence"] = engine.minConfidence();
            fields.update(jsonOverDates(dated, pattern, engine.symbols()));
            return output.answer(0, "", fields);
        }
        if (!output.global().quiet) {
            fmt::print(stderr, "accord query: {}\n",
                       overDatesOrigin(*range, every, evaluated, dated.size(), fromKnowledgeBase, engine.minConfidence()));
        }
        if (options.format == QueryFormat::Csv) return output.answer(0, csvOverDates(dated, pattern, engine.symbols()), fields);
        auto table = tableOverDates(dated, pattern, engine);
        std::string out = renderTable(table, options.format);
        out += fmt::format("({} row{})\n", table.size() - 1, table.size() == 2 ? "" : "s");
        return output.answer(0, out, fields);
    });
}

int runQuery(QueryOptions& options, const GlobalOptions& global) {
    std::string text = takeQuestion(options.arguments, options.evaluation);
    const bool overDates = !options.over.empty();
    CommandOutput output("query", options.format == QueryFormat::Json ? OutputFormat::Json : OutputFormat::Text, global);
    if (!refuseIgnoredOptions(options.evaluation, {.readsStoredConclusions = !overDates, .evaluatesEveryDate = overDates}, output))
        return output.finish(2, "");
    if (!questionFollowsFiles(text, options.evaluation, output)) return output.finish(2, "");
    if (!overDates && (options.evaluation.given("--every") || options.evaluation.given("--max-dates"))) {
        output.error("--every and --max-dates choose the dates of --over: give --over FROM..TO");
        return output.finish(2, "", {{"query", text}});
    }
    if (overDates && options.profile) {
        output.error("--profile shows one evaluation; with --over each date is evaluated apart");
        return output.finish(2, "", {{"query", text}});
    }
    if (overDates) return runQueryOverDates(options, text, output);
    ExplanationSource source;
    if (int status = source.open(options.evaluation, output, false, options.allRules ? "" : text))
        return output.finish(status, "", {{"query", text}});
    if (options.profile && !source.evaluation()) {
        output.error(
            "--profile: the answer is read from the knowledge base's stored conclusions, so nothing is evaluated; "
            "give --as-of to evaluate its program and facts");
        return output.finish(2, "", {{"query", text}});
    }
    engine::Engine& engine = source.engine();
    engine::Pattern pattern;
    auto started = std::chrono::steady_clock::now();
    auto rows = source.query(text, pattern, output);
    std::chrono::duration<double> queryTime = std::chrono::steady_clock::now() - started;
    if (!rows) return output.finish(1, "", {{"query", text}});
    if (options.format == QueryFormat::Json) {
        nlohmann::ordered_json fields = {{"query", text}};
        fields.update(source.origin<nlohmann::ordered_json>());
        fields.update(engine::queryRowsJson(*rows, pattern, engine.symbols()));
        if (options.profile) {
            fields["profile"] = profileJson(*source.evaluation(), engine);
            fields["query_seconds"] = queryTime.count();
        }
        return output.answer(0, "", fields);
    }
    if (options.profile) {  // beside the rows, on standard error, so the table stays data
        fmt::print(stderr, "{}{:>10.3f}  the query itself ({} row{})\n", profileText(*source.evaluation(), engine),
                   queryTime.count() * 1000, rows->size(), rows->size() == 1 ? "" : "s");
        if (engine.demand()) {
            fmt::print(stderr, "only what the query needed was evaluated: {} of the program's {} rules (--all-rules: every rule)\n",
                       engine.demand()->rules, engine.plan().rules.size());
        }
    }
    // What the rows are from goes beside them, on standard error, so the table stays data.
    bool fromKnowledgeBase = options.evaluation.files.empty();
    // (and what held: a minimum confidence, from the program or the options, leaves rows out).
    if (!global.quiet && (fromKnowledgeBase || options.evaluation.asOf.empty() || source.minConfidence() > 0)) {
        fmt::print(stderr, "accord query: {}\n", source.description());
    }
    return output.answer(0, render(*rows, pattern, engine.symbols(), options.format), {});
}

}  // namespace

void registerQueryCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<QueryOptions>();
    CLI::App* command =
        app.add_subcommand("query", "Print the conclusions matching an atom or conditions: of rule files, or stored in the knowledge base");
    addExamples(*command, {"accord query rules/nato 'vote(A, rutte) = block' --as-of 2024-06-19",
                           "accord query rules/nato 'vote(A, rutte) = V and eu_member(A)' --format csv"});
    addQuestionArguments(*command, options->arguments, "the query, e.g. 'vote(A, rutte) = V'");
    addChoiceOption(*command, "--format", options->format,
                    {{"table", QueryFormat::Table}, {"json", QueryFormat::Json}, {"csv", QueryFormat::Csv}},
                    "Output as an aligned table (default), json or csv");
    command->add_option("--over", options->over,
                        "Evaluate on several dates from FROM to TO (FROM..TO) and show the rows of each date side by side");
    addChoiceOption(*command, "--every", options->every, kDateSteps,
                    "With --over: the dates shown (default: each date the answer changed on)");
    command->add_option("--max-dates", options->maxDates, "With --over: evaluate at most this many dates")->capture_default_str();
    command->add_flag("--profile", options->profile,
                      "Also show, per rule of the evaluation, the facts it derived, the tuples it visited and its time (on standard "
                      "error; in JSON, `profile`)");
    command->add_flag("--all-rules", options->allRules,
                      "Evaluate every rule of the program. By default a query of one atom evaluates only what its conclusions rest "
                      "on (the rules specialised to its constants), which gives the same rows; should that stop with an error, "
                      "every rule is evaluated");
    addEvaluationOptions(*command, options->evaluation);
    runsWith(*command, options, global, run, runQuery);
}

}  // namespace accord::cli
