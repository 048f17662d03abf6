// spdlog set-up for the command line (see logging.hpp).
#include "cli/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace accord::cli {

void configureLogging(const GlobalOptions& options) {
    auto logger = spdlog::stderr_color_mt("accord");
    logger->set_pattern("accord: %^%l%$: %v");
    spdlog::set_default_logger(logger);
    spdlog::level::level_enum level = spdlog::level::warn;
    if (options.quiet) {
        level = spdlog::level::err;
    } else if (options.verbosity >= 3) {
        level = spdlog::level::trace;
    } else if (options.verbosity == 2) {
        level = spdlog::level::debug;
    } else if (options.verbosity == 1) {
        level = spdlog::level::info;
    }
    spdlog::set_level(level);
}

}  // namespace accord::cli
