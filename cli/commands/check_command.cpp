// `accord check FILES|DIRS...`: parse and check rule files, report every problem.

#include <spdlog/spdlog.h>

#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/lint/allowances.hpp"
#include "accord/dsl/lint/lint_names.hpp"
#include "accord/dsl/lint/lint_program.hpp"
#include "accord/dsl/loader.hpp"

namespace accord::cli {
namespace {

struct CheckOptions {
    std::vector<std::string> paths;
    OutputFormat format = OutputFormat::Text;
    bool allowIncludeOutside = false;
    bool warningsAsErrors = false;
    std::vector<std::string> allowed;
    bool lints = true;
};

/// Refuses a name that is no warning's, suggesting the closest.
CLI::Validator lintNameValidator() {
    return CLI::Validator(
        [](std::string& name) -> std::string {
            if (dsl::lint::isLintName(name)) return {};
            std::optional<std::string> close = dsl::lint::closestLintName(name);
            return fmt::format("no warning is named '{}'{}", name, close ? fmt::format("; did you mean '{}'?", *close) : "");
        },
        "NAME");
}

int runCheck(const CheckOptions& options, const GlobalOptions& global) {
    dsl::LoadOptions loadOptions;
    loadOptions.allowIncludeOutsideRoot = options.allowIncludeOutside;
    dsl::LoadedProgram program;
    dsl::Diagnostics diagnostics;
    std::vector<std::string> files;
    for (const std::string& path : options.paths) {
        if (path != "-") {
            files.push_back(path);
            continue;
        }
        std::string text, error;
        if (!dsl::readFile(dsl::kStandardInput, loadOptions.maxFileBytes, text, error)) {
            diagnostics.fileError("<stdin>", error);
            continue;
        }
        dsl::loadText("<stdin>", std::move(text), std::filesystem::current_path(), loadOptions, program, diagnostics);
    }
    bool loaded = dsl::loadPaths(files, loadOptions, program, diagnostics);
    if (loaded && !diagnostics.hasErrors()) {
        if (auto checked = dsl::checkProgram(program, diagnostics)) {
            if (options.lints) dsl::lint::lintProgram(program, *checked, diagnostics);
            spdlog::info("{} files, {} relations, {} clauses, {} strata", program.files.size(), checked->relations.all().size(),
                         checked->clauses.size(), checked->strata.size());
        }
    }
    dsl::lint::applyAllowances(program, options.allowed, diagnostics);
    CommandOutput output("check", options.format, global);
    std::size_t errors = diagnostics.errorCount(), warnings = diagnostics.warningCount();
    output.diagnostics(diagnostics, program.sources);
    bool failed = errors > 0 || (options.warningsAsErrors && warnings > 0);
    return output.finish(failed ? 1 : 0, "", {{"errors", errors}, {"warnings", warnings}});
}

}  // namespace

void registerCheckCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* command = app.add_subcommand("check", "Parse and check rule files and directories (exit 0 clean, 1 errors)");
    addExamples(*command, {"accord check rules/nato", "accord check --format json examples"});
    command->add_option("paths", options->paths, "Rule files, directories of *.rules files, or - for standard input")->required();
    addOutputFormatOption(*command, options->format);
    command->add_flag("--allow-include-outside", options->allowIncludeOutside,
                      "Let includes reach outside the directories named on the command line");
    command->add_flag("--Werror", options->warningsAsErrors, "Fail on warnings too");
    command->add_option("--allow", options->allowed, "Do not report the warning NAME (repeatable; see docs/language.md#checks)")
        ->type_name("NAME")
        ->check(lintNameValidator());
    command->add_flag("!--no-lints", options->lints, "Run only the checks every command runs, not the lints");
    runsWith(*command, options, global, run, runCheck);
}

}  // namespace accord::cli
