// Log sinks for the command line: only cli/ configures spdlog; the libraries just log.
#pragma once

#include "cli/cli_options.hpp"

namespace accord::cli {

/// Logs to standard error: warnings by default, more with -v (info), -vv (debug), -vvv (trace),
/// nothing below errors with --quiet.
void configureLogging(const GlobalOptions& options);

}  // namespace accord::cli
