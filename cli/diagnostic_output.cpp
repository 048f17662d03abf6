// Diagnostic output for the command line (see diagnostic_output.hpp).
#include "cli/diagnostic_output.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace accord::cli {
namespace {

bool useColour(ColourMode mode) {
    if (mode == ColourMode::Always) return true;
    if (mode == ColourMode::Never) return false;
    const char* noColour = std::getenv("NO_COLOR");
    return isatty(fileno(stderr)) && (noColour == nullptr || *noColour == '\0');
}

std::string plural(std::size_t count, const char* noun) { return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s"); }

}  // namespace

void printDiagnostics(dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources, const GlobalOptions& options) {
    diagnostics.sortByPosition();
    dsl::RenderOptions render{useColour(options.colour)};
    for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
        if (options.quiet && diagnostic.severity != dsl::Severity::Error) continue;
        fmt::print(stderr, "{}", dsl::renderText(diagnostic, sources, render));
    }
    std::size_t errors = diagnostics.errorCount(), warnings = diagnostics.warningCount();
    if (!options.quiet && (errors || warnings)) {
        fmt::print(stderr, "{} and {}.\n", plural(errors, "error"), plural(warnings, "warning"));
    }
}

}  // namespace accord::cli
