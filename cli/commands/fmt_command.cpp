// `accord fmt FILES...`: print rule files in the canonical layout.
//
// The formatter never loses anything: before printing or rewriting, it parses its own
// output and refuses (exit 1) unless that gives the same AST as the input.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands/commands.hpp"
#include "cli/diagnostic_output.hpp"
#include "accord/dsl/format_source.hpp"
#include "accord/dsl/loader.hpp"

namespace accord::cli {
namespace {

struct FmtOptions {
    std::vector<std::string> files;
    bool inPlace = false;
    bool check = false;
    bool datalog = false;
};

bool writeAtomically(const std::string& path, const std::string& text) {
    std::string temporary = path + ".accord-fmt.tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!(out << text) || !out.flush()) return false;
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) std::filesystem::remove(temporary, error);
    return !error;
}

/// The files named, with each directory replaced by the `*.rules` files below it.
std::vector<std::string> expandDirectories(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code error;
        if (path == "-" || !std::filesystem::is_directory(path, error)) {
            files.push_back(path);
            continue;
        }
        for (const auto& file : dsl::rulesFilesUnder(path, error)) files.push_back(file.string());
    }
    return files;
}

int runFmt(const FmtOptions& options, const GlobalOptions& global) {
    dsl::PrintOptions print;
    print.spelling = options.datalog ? dsl::Spelling::Datalog : dsl::Spelling::Keywords;
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    int status = 0;
    for (const std::string& path : expandDirectories(options.files)) {
        std::string text, error;
        if (!dsl::readFile(path == "-" ? dsl::kStandardInput : path, dsl::LoadOptions{}.maxFileBytes, text, error)) {
            diagnostics.fileError(path, error);
            status = 1;
            continue;
        }
        dsl::FileId file = sources.add(path == "-" ? "<stdin>" : path, text);
        auto formatted = dsl::formatSource(sources, file, print, diagnostics);
        if (!formatted) {
            status = 1;
            continue;
        }
        if (options.check) {
            if (*formatted != text) {
                fmt::print(stderr, "{}: not formatted\n", path);
                status = 1;
            }
        } else if (options.inPlace && path != "-") {
            if (*formatted != text && !writeAtomically(path, *formatted)) {
                diagnostics.fileError(path, "cannot write the formatted file");
                status = 1;
            }
        } else {
            std::fwrite(formatted->data(), 1, formatted->size(), stdout);
        }
    }
    printDiagnostics(diagnostics, sources, global);
    return status;
}

}  // namespace

void registerFmtCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<FmtOptions>();
    CLI::App* command = app.add_subcommand("fmt", "Print rule files in the canonical layout (keeps comments)");
    addExamples(*command, {"accord fmt rules/nato/votes.rules", "accord fmt --check rules examples"});
    command->add_option("files", options->files, "Rule files, or - for standard input")->required();
    command->add_flag("-i,--in-place", options->inPlace, "Rewrite the files instead of printing them");
    command->add_flag("--check", options->check, "Exit 1 if a file is not formatted; change nothing");
    command->add_flag("--datalog", options->datalog, "Use the Datalog spelling (:- , ! ;) instead of keywords");
    runsWith(*command, options, global, run, runFmt);
}

}  // namespace accord::cli
