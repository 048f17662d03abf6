// What a command that changes or describes the knowledge base prints, in text or JSON, so
// that each command says it once: `--format`, its error handling and its closing summary.
//
// Text: diagnostics and errors go to standard error as they come, the summary to standard
// output. JSON: nothing until the end, then one document on standard output —
//   {"format_version": 1, "command": "load", "ok": true, ...the command's fields...,
//    "diagnostics": [the objects of `accord check --format json`]}
// — errors included, so a script reads one document whatever happened.
#pragma once

#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli_options.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::cli {

enum class OutputFormat { Text, Json, Markdown, Svg };

/// `--format text|json` on a command (and `markdown`, for a report, when `withMarkdown`;
/// `svg`, a picture, when `withSvg`).
void addOutputFormatOption(CLI::App& command, OutputFormat& format, bool withMarkdown = false, bool withSvg = false);

class CommandOutput {
public:
    CommandOutput(std::string command, OutputFormat format, const GlobalOptions& global)
        : command_(std::move(command)), format_(format), global_(global) {}

    bool json() const { return format_ == OutputFormat::Json; }

    /// Diagnostics about the input (rule text, facts, rows), printed or kept for the document.
    void diagnostics(dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources);
    /// An error without a place in a file ("accord load: error: ...").
    void error(const std::string& message);
    /// A warning without a place in a file.
    void warning(const std::string& message);
    /// An error already rendered for a person (an evaluation error with its notes): printed
    /// as it is, or kept as the message of an error in the JSON document.
    void renderedError(const std::string& text);

    const std::string& command() const { return command_; }
    const GlobalOptions& global() const { return global_; }

    /// Prints the result and returns `status`: `text` (a summary of what was done) to
    /// standard output unless --quiet ("" on failure), or the JSON document with `fields`,
    /// "ok" being status == 0.
    int finish(int status, const std::string& text, nlohmann::ordered_json fields = nlohmann::ordered_json::object());
    /// Prints an answer and returns `status`, which may be the answer (1: why-not of a fact
    /// that holds, needs without an answer): `text` always (--quiet silences the rest, not
    /// the answer), or the document with "ok" true, since nothing went wrong.
    int answer(int status, const std::string& text, nlohmann::ordered_json fields);

private:
    void keep(const char* severity, const std::string& message);
    int print(bool ok, bool evenIfQuiet, int status, const std::string& text, nlohmann::ordered_json fields);

    std::string command_;
    OutputFormat format_;
    const GlobalOptions& global_;
    nlohmann::json kept_ = nlohmann::json::array();
};

}  // namespace accord::cli
