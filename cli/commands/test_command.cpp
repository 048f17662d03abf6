// `accord test PATHS... [--run REGEX] [--coverage] [--threshold P] [--format text|json]`:
// runs the tests of models (engine/testing/test_file.hpp): each `*.test.rules` file under
// PATHS tests the rule files of its directory; with --coverage, which rules fired and which
// facts were used. Exit 0 when every test passes, 1 otherwise.
#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/program_options.hpp"
#include "cli/rule_profile.hpp"
#include "accord/dsl/date.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/testing/test_runner.hpp"

namespace accord::cli {
namespace {

namespace fs = std::filesystem;

struct TestOptions {
    std::vector<std::string> paths;
    std::string run;  ///< a regular expression the names of the tests to run contain
    bool coverage = false;
    std::optional<double> threshold;  ///< percent of the rules the tests must fire
    OutputFormat format = OutputFormat::Text;
};

/// The rules and facts of the model, and which the tests exercised.
struct CoverageReport {
    std::size_t rulesFired = 0, facts = 0, factsUsed = 0;
    std::vector<const engine::RuleDescription*> neverFired;
    std::vector<const engine::FactDescription*> neverUsed;

    CoverageReport(const engine::Engine& engine, const engine::TestCoverage& coverage) {
        const auto& rules = engine.catalog().rules;
        for (std::size_t r = 0; r < rules.size(); ++r) {
            if (r < coverage.rulesFired.size() && coverage.rulesFired[r]) {
                ++rulesFired;
            } else {
                neverFired.push_back(&rules[r]);
            }
        }
        const auto& factList = engine.catalog().facts;  // the model's, then those tests added
        facts = std::min(factList.size(), coverage.factsUsed.size());
        for (std::size_t f = 0; f < facts; ++f) {
            if (coverage.factsUsed[f]) {
                ++factsUsed;
            } else {
                neverUsed.push_back(&factList[f]);
            }
        }
    }
    std::size_t rules() const { return rulesFired + neverFired.size(); }
    static double percent(std::size_t part, std::size_t whole) {
        return whole == 0 ? 100.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    }
    double rulePercent() const { return percent(rulesFired, rules()); }

    std::string text() const {
        std::string out = fmt::format("coverage: {} of {} rules fired ({:.1f}%), {} of {} facts used ({:.1f}%)\n", rulesFired, rules(),
                                      rulePercent(), factsUsed, facts, percent(factsUsed, facts));
        if (!neverFired.empty()) out += "rules never fired:\n";
        for (const engine::RuleDescription* rule : neverFired) {
            out += fmt::format("  {}  {}\n", rule->location, ruleLabel(*rule));
        }
        if (!neverUsed.empty()) out += "facts never used:\n";
        for (const engine::FactDescription* fact : neverUsed) out += fmt::format("  {}  {}\n", fact->location, fact->text);
        return out;
    }

    nlohmann::ordered_json json() const {
        nlohmann::ordered_json rulesNever = nlohmann::ordered_json::array(), factsNever = nlohmann::ordered_json::array();
        for (const engine::RuleDescription* rule : neverFired) {
            rulesNever.push_back({{"location", locationJson(rule->location)}, {"name", rule->name}, {"text", rule->text}});
        }
        for (const engine::FactDescription* fact : neverUsed) {
            factsNever.push_back({{"location", locationJson(fact->location)}, {"fact", fact->text}});
        }
        return {{"rules", {{"fired", rulesFired}, {"total", rules()}, {"percent", rulePercent()}, {"never_fired", rulesNever}}},
                {"facts", {{"used", factsUsed}, {"total", facts}, {"percent", percent(factsUsed, facts)}, {"never_used", factsNever}}}};
    }

    static nlohmann::ordered_json locationJson(const std::string& location) {
        return nlohmann::ordered_json(engine::locationToJson(location));
    }
};

/// A model and its tests.
struct TestedModel {
    std::vector<std::string> files;  ///< rule files and directories (the loader leaves test files out of these)
    std::vector<std::string> tests;  ///< its `*.test.rules` files
};

/// The models the paths name. Rule files named beside test files are one model, which
/// those tests test; otherwise each test file tests the model of its own directory (so
/// `accord test examples` runs each example's tests on that example alone).
std::vector<TestedModel> modelsOf(const std::vector<std::string>& paths) {
    TestedModel named;
    std::map<std::string, std::vector<std::string>> byDirectory;
    for (const std::string& path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            (dsl::isTestFile(path) ? named.tests : named.files).push_back(path);
            continue;
        }
        for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
            if (it->is_regular_file() && dsl::isTestFile(it->path()))
                byDirectory[it->path().parent_path().string()].push_back(it->path().string());
        }
    }
    std::vector<TestedModel> models;
    if (!named.files.empty()) {  // the rule files named are the model of every test found
        for (auto& [directory, tests] : byDirectory) named.tests.insert(named.tests.end(), tests.begin(), tests.end());
        if (!named.tests.empty()) models.push_back(std::move(named));
    } else {
        for (const std::string& test : named.tests) byDirectory[fs::path(test).parent_path().string()].push_back(test);
        for (auto& [directory, tests] : byDirectory) models.push_back({{directory.empty() ? "." : directory}, std::move(tests)});
    }
    for (TestedModel& model : models) {
        std::sort(model.tests.begin(), model.tests.end());
        model.tests.erase(std::unique(model.tests.begin(), model.tests.end()), model.tests.end());
    }
    return models;
}

/// The test files read, or nullopt with their errors reported.
std::optional<std::vector<engine::TestFile>> readTestFiles(const std::vector<std::string>& paths, dsl::SourceManager& sources,
                                                           CommandOutput& output) {
    dsl::Diagnostics diagnostics;
    std::vector<engine::TestFile> files;
    for (const std::string& path : paths) {
        std::string text, error;
        if (!dsl::readFile(path, dsl::LoadOptions{}.maxFileBytes, text, error)) {
            diagnostics.fileError(path, error);
            continue;
        }
        if (auto file = engine::parseTestFile(sources, sources.add(path, text), diagnostics)) files.push_back(std::move(*file));
    }
    output.diagnostics(diagnostics, sources);
    if (diagnostics.errorCount() > 0) return std::nullopt;
    return files;
}

std::string resultsText(const std::vector<engine::TestResult>& results) {
    std::string out, file;
    std::size_t passed = 0;
    for (const engine::TestResult& result : results) {
        if (result.file != file) {
            out += (file.empty() ? "" : "\n") + result.file + "\n";
            file = result.file;
        }
        passed += result.passed;
        out += fmt::format("  {}  {} (as of {})\n", result.passed ? "ok  " : "FAIL", result.name, dsl::formatDate(dsl::Date{result.asOf}));
        for (const engine::ExpectationFailure& failure : result.failures) {
            std::string what = failure.where.text.empty() ? "" : "`" + failure.where.text + "`: ";
            out += fmt::format("        {}:{}:{}: {}{}\n", result.file, failure.where.line, failure.where.column, what, failure.message);
            out += engine::indentLines(failure.explanation, "          ");
        }
    }
    out +=
        fmt::format("{} test{}: {} passed, {} failed\n", results.size(), results.size() == 1 ? "" : "s", passed, results.size() - passed);
    return out;
}

/// One JSON object per test.
nlohmann::ordered_json resultsJson(const std::vector<engine::TestResult>& results) {
    nlohmann::ordered_json tests = nlohmann::ordered_json::array();
    for (const engine::TestResult& result : results) {
        nlohmann::ordered_json failures = nlohmann::ordered_json::array();
        for (const engine::ExpectationFailure& failure : result.failures) {
            failures.push_back({{"location", {{"file", result.file}, {"line", failure.where.line}, {"column", failure.where.column}}},
                                {"expectation", failure.where.text},
                                {"message", failure.message},
                                {"explanation", failure.explanation}});
        }
        tests.push_back({{"name", result.name},
                         {"file", result.file},
                         {"line", result.line},
                         {"as_of", dsl::formatDate(dsl::Date{result.asOf})},
                         {"passed", result.passed},
                         {"failures", failures}});
    }
    return tests;
}

/// Runs one model's tests; nullopt (with the reasons reported) when the model or its test
/// files have errors. `errors` is set when the tests' rule text has errors.
std::optional<engine::TestRun> runModel(const TestedModel& model, const std::optional<std::regex>& filter, engine::Engine& engine,
                                        std::vector<engine::TestFile>& files, CommandOutput& output, bool& errors) {
    EvaluationOptions options;
    options.files = model.files;
    dsl::Diagnostics diagnostics;
    bool loaded = loadProgram(engine, options, nullptr, false, diagnostics);
    output.diagnostics(diagnostics, engine.sources());
    if (!loaded) return std::nullopt;
    dsl::SourceManager testSources;
    auto read = readTestFiles(model.tests, testSources, output);
    if (!read) return std::nullopt;
    files = std::move(*read);
    engine::TestDiagnostics said;
    auto select = [&](const engine::TestCase& test) { return !filter || std::regex_search(test.name, *filter); };
    auto loadModel = [&]() -> std::unique_ptr<engine::Engine> {
        auto fresh = std::make_unique<engine::Engine>();
        dsl::Diagnostics reportedAlready;
        return loadProgram(*fresh, options, nullptr, false, reportedAlready) ? std::move(fresh) : nullptr;
    };
    engine::TestRun run = engine::runTests(engine, files, select, said, loadModel);
    output.diagnostics(said.facts, said.factSources);
    output.diagnostics(said.conditions, engine.sources());
    errors = errors || said.errorCount() > 0;
    return run;
}

int runTest(TestOptions& options, const GlobalOptions& global) {
    CommandOutput output("test", options.format, global);
    std::optional<std::regex> filter;
    try {
        if (!options.run.empty()) filter.emplace(options.run);
    } catch (const std::regex_error& error) {
        output.error(fmt::format("--run: '{}' is not a regular expression ({})", options.run, error.what()));
        return output.finish(2, "");
    }
    bool missing = false;
    for (const std::string& path : options.paths) {
        std::error_code error;
        if (fs::exists(path, error)) continue;
        output.error(fmt::format("{}: no such file or directory", path));
        missing = true;
    }
    std::vector<TestedModel> models = modelsOf(options.paths);
    if (models.empty() && !missing) output.error("no test file (*.test.rules) under the paths named");
    if (models.empty() || missing) return output.finish(1, "");
    std::string text;
    nlohmann::ordered_json tests = nlohmann::ordered_json::array(), coverages = nlohmann::ordered_json::array();
    std::size_t passed = 0, failed = 0;
    bool errors = false;
    for (const TestedModel& model : models) {
        // Each model in an engine of its own; the results point into its test files.
        engine::Engine engine;
        std::vector<engine::TestFile> files;
        std::optional<engine::TestRun> run;
        int status = reportingErrors(output, engine, nlohmann::ordered_json::object(), [&] {
            run = runModel(model, filter, engine, files, output, errors);
            return 0;
        });
        if (status != 0 || !run) {
            errors = true;
            continue;
        }
        for (const engine::TestResult& result : run->results) (result.passed ? passed : failed) += 1;
        text += (text.empty() ? "" : "\n") + resultsText(run->results);
        for (auto& test : resultsJson(run->results)) tests.push_back(std::move(test));
        if (options.coverage || options.threshold) {
            CoverageReport coverage(engine, run->coverage);
            text += coverage.text();
            nlohmann::ordered_json entry = {{"model", model.files}};
            entry.update(coverage.json());
            coverages.push_back(std::move(entry));
            if (options.threshold && coverage.rulePercent() < *options.threshold) {
                output.error(fmt::format("the tests of {} fire {:.1f}% of its rules, below --threshold {}", fmt::join(model.files, ", "),
                                         coverage.rulePercent(), *options.threshold));
                errors = true;
            }
        }
    }
    if (passed + failed == 0 && !errors) {
        output.error(fmt::format("no test's name matches --run '{}' (names are matched as written, case and all)", options.run));
        errors = true;
    }
    nlohmann::ordered_json fields = {{"tests", tests}, {"passed", passed}, {"failed", failed}};
    if (options.coverage || options.threshold) fields["coverage"] = coverages;
    if (models.size() > 1) text += fmt::format("\nin all: {} tests, {} passed, {} failed\n", passed + failed, passed, failed);
    if (errors) return output.finish(1, output.json() ? "" : text, fields);  // ok: false
    return output.answer(failed == 0 ? 0 : 1, output.json() ? "" : text, fields);
}

}  // namespace

void registerTestCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<TestOptions>();
    CLI::App* command = app.add_subcommand("test", "Run a model's tests (its *.test.rules files): expectations as of dates");
    addExamples(*command,
                {"accord test rules/nato", "accord test rules/nato --run Romania", "accord test examples/eligibility --coverage"});
    command->add_option("paths", options->paths, "The model's rule files or directories, with its *.test.rules files")->required();
    command->add_option("--run", options->run, "Run only the tests whose names contain a match of this regular expression");
    command->add_flag("--coverage", options->coverage, "Also list the rules no test fired and the facts no test used");
    command
        ->add_option("--threshold", options->threshold,
                     "Fail when the tests fire fewer than this percent of the rules (implies --coverage)")
        ->check(CLI::Range(0.0, 100.0));
    addOutputFormatOption(*command, options->format);
    runsWith(*command, options, global, run, runTest);
}

}  // namespace accord::cli
