// Printing diagnostics for a person: text on standard error, coloured on a terminal.
// (For a tool, CommandOutput puts them in the command's JSON document.)
#pragma once

#include "cli/cli_options.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::cli {

/// Each diagnostic in the compiler form, then a closing count ("2 errors and 1 warning.").
void printDiagnostics(dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources, const GlobalOptions& options);

}  // namespace accord::cli
