// `accord test PATHS... [--run REGEX] [--format text|json]`: runs the tests of a model
// (engine/testing/test_file.hpp): the rule files under PATHS are the model, its
// `*.test.rules` files the tests. Exit 0 when every test passes, 1 otherwise.
#include <algorithm>
#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/program_options.hpp"
#include "dsl/date.hpp"
#include "dsl/loader.hpp"
#include "engine/testing/test_runner.hpp"

namespace accord::cli {
namespace {

namespace fs = std::filesystem;

struct TestOptions {
    std::vector<std::string> paths;
    std::string run;  ///< a regular expression the names of the tests to run contain
    OutputFormat format = OutputFormat::Text;
};

bool isTestFile(const fs::path& path) { return path.filename().string().ends_with(".test.rules"); }

/// The model's rule files and its test files, from the paths named (a directory: every
/// `*.rules` file below it).
void splitPaths(const std::vector<std::string>& paths, std::vector<std::string>& model, std::vector<std::string>& tests) {
    for (const std::string& path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            (isTestFile(path) ? tests : model).push_back(path);
            continue;
        }
        model.push_back(path);  // the loader leaves the test files out of a directory
        for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
            if (it->is_regular_file() && isTestFile(it->path())) tests.push_back(it->path().string());
        }
    }
    std::sort(tests.begin(), tests.end());
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

std::string indented(const std::string& text, const std::string& pad) {
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        out += pad + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
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
        out += fmt::format("  {}  {} (as of {})\n", result.passed ? "ok  " : "FAIL", result.test->name,
                           dsl::formatDate(dsl::Date{result.test->asOf}));
        for (const engine::ExpectationFailure& failure : result.failures) {
            std::string what = failure.where.text.empty() ? "" : "`" + failure.where.text + "`: ";
            out += fmt::format("        {}:{}:{}: {}{}\n", result.file, failure.where.line, failure.where.column, what, failure.message);
            out += indented(failure.explanation, "          ");
        }
    }
    out +=
        fmt::format("{} test{}: {} passed, {} failed\n", results.size(), results.size() == 1 ? "" : "s", passed, results.size() - passed);
    return out;
}

nlohmann::ordered_json resultsJson(const std::vector<engine::TestResult>& results) {
    nlohmann::ordered_json tests = nlohmann::ordered_json::array();
    std::size_t passed = 0;
    for (const engine::TestResult& result : results) {
        passed += result.passed;
        nlohmann::ordered_json failures = nlohmann::ordered_json::array();
        for (const engine::ExpectationFailure& failure : result.failures) {
            failures.push_back({{"location", {{"file", result.file}, {"line", failure.where.line}, {"column", failure.where.column}}},
                                {"expectation", failure.where.text},
                                {"message", failure.message},
                                {"explanation", failure.explanation}});
        }
        tests.push_back({{"name", result.test->name},
                         {"file", result.file},
                         {"line", result.test->line},
                         {"as_of", dsl::formatDate(dsl::Date{result.test->asOf})},
                         {"passed", result.passed},
                         {"failures", failures}});
    }
    return {{"tests", tests}, {"passed", passed}, {"failed", results.size() - passed}};
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
    EvaluationOptions model;
    std::vector<std::string> testPaths;
    splitPaths(options.paths, model.files, testPaths);
    if (testPaths.empty()) {
        output.error("no test file (*.test.rules) under the paths named");
        return output.finish(1, "");
    }
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    if (model.files.empty() || !loadProgram(engine, model, nullptr, false, diagnostics)) {
        if (model.files.empty()) output.error("no rule file beside the tests: name the model's files or directory");
        output.diagnostics(diagnostics, engine.sources());
        return output.finish(1, "");
    }
    output.diagnostics(diagnostics, engine.sources());  // warnings
    dsl::SourceManager testSources;
    auto files = readTestFiles(testPaths, testSources, output);
    if (!files) return output.finish(1, "");
    return reportingErrors(output, engine, {}, [&] {
        engine::TestDiagnostics said;
        auto select = [&](const engine::TestCase& test) { return !filter || std::regex_search(test.name, *filter); };
        std::vector<engine::TestResult> results = engine::runTests(engine, *files, select, said);
        output.diagnostics(said.facts, said.factSources);
        output.diagnostics(said.conditions, engine.sources());
        bool allPassed = std::all_of(results.begin(), results.end(), [](const engine::TestResult& r) { return r.passed; });
        if (results.empty()) output.warning(fmt::format("no test's name matches --run '{}'", options.run));
        return output.answer(allPassed ? 0 : 1, output.json() ? "" : resultsText(results), resultsJson(results));
    });
}

}  // namespace

void registerTestCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<TestOptions>();
    CLI::App* command = app.add_subcommand("test", "Run a model's tests (its *.test.rules files): expectations as of dates");
    addExamples(*command, {"accord test rules/nato", "accord test rules/nato --run romania"});
    command->add_option("paths", options->paths, "The model's rule files or directories, with its *.test.rules files")->required();
    command->add_option("--run", options->run, "Run only the tests whose names contain a match of this regular expression");
    addOutputFormatOption(*command, options->format);
    runsWith(*command, options, global, run, runTest);
}

}  // namespace accord::cli
