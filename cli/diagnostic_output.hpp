// Printing diagnostics for a person (text, coloured on a terminal) or a tool (JSON).
#pragma once

#include "cli/cli_options.hpp"
#include "dsl/diagnostic.hpp"

namespace accord::cli {

enum class DiagnosticFormat { Text, Json };

/// Text goes to standard error with a closing count ("2 errors, 1 warning"); JSON goes to
/// standard output as one document: {"format_version", "diagnostics": [...], "errors", "warnings"}.
void printDiagnostics(dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources, DiagnosticFormat format,
                      const GlobalOptions& options);

}  // namespace accord::cli
