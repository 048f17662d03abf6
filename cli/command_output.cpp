// Command output (see command_output.hpp) and JSON documents (see json_output.hpp).
#include "cli/command_output.hpp"

#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "cli/choice_option.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/json_output.hpp"

namespace accord::cli {

void printJson(const nlohmann::ordered_json& document) {
    std::string text = document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
}

void addOutputFormatOption(CLI::App& command, OutputFormat& format, bool withMarkdown, bool withSvg) {
    std::map<std::string, OutputFormat> formats{{"text", OutputFormat::Text}, {"json", OutputFormat::Json}};
    std::string help = "Output as text (default), json (one document, errors included)";
    if (withMarkdown) {
        formats.emplace("markdown", OutputFormat::Markdown);
        help += withSvg ? ", markdown (a report to paste)" : " or markdown (a report to paste)";
    }
    if (withSvg) {
        formats.emplace("svg", OutputFormat::Svg);
        help += " or svg (a picture for a report)";
    }
    addChoiceOption(command, "--format", format, formats, help);
}

void CommandOutput::diagnostics(dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources) {
    if (diagnostics.items().empty()) return;
    if (!json()) {
        printDiagnostics(diagnostics, sources, global_);
        return;
    }
    diagnostics.sortByPosition();
    for (auto& item : dsl::diagnosticsJson(diagnostics, sources)) kept_.push_back(std::move(item));
}

void CommandOutput::keep(const char* severity, const std::string& message) {
    kept_.push_back({{"severity", severity}, {"message", message}});
}

void CommandOutput::error(const std::string& message) {
    if (json()) return keep("error", message);
    fmt::print(stderr, "accord{}{}: error: {}\n", command_.empty() ? "" : " ", command_, message);
}

void CommandOutput::renderedError(const std::string& text) {
    if (json()) return keep("error", text);
    fmt::print(stderr, "{}", text);
}

void CommandOutput::warning(const std::string& message) {
    if (json()) return keep("warning", message);
    if (!global_.quiet) fmt::print(stderr, "accord{}{}: warning: {}\n", command_.empty() ? "" : " ", command_, message);
}

int CommandOutput::finish(int status, const std::string& text, nlohmann::ordered_json fields) {
    return print(status == 0, false, status, text, std::move(fields));
}

int CommandOutput::answer(int status, const std::string& text, nlohmann::ordered_json fields) {
    return print(true, true, status, text, std::move(fields));
}

int CommandOutput::print(bool ok, bool evenIfQuiet, int status, const std::string& text, nlohmann::ordered_json fields) {
    if (!json()) {
        if (evenIfQuiet || !global_.quiet) fmt::print("{}", text);
        return status;
    }
    nlohmann::ordered_json document = {{"format_version", kJsonFormatVersion}, {"command", command_}, {"ok", ok}};
    document.update(fields);
    document["diagnostics"] = kept_;
    printJson(document);
    return status;
}

}  // namespace accord::cli
