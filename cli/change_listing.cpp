// Listing changed conclusions (see change_listing.hpp).
#include "cli/change_listing.hpp"

#include <filesystem>

#include <fmt/format.h>

namespace accord::cli {

std::optional<std::string> takeQuery(std::vector<std::string>& arguments, CommandOutput& output) {
    if (arguments.empty() || std::filesystem::exists(arguments.back())) return std::string();
    const std::string& last = arguments.back();
    bool looksLikePath = last.find('(') == std::string::npos && (last.find('/') != std::string::npos || last.ends_with(".rules"));
    if (looksLikePath) {
        output.error(fmt::format("'{}': no such file or directory (and it is not a query)", last));
        return std::nullopt;
    }
    std::string query = last;
    arguments.pop_back();
    return query;
}

void warnNotFound(const std::vector<std::string>& facts, CommandOutput& output) {
    for (const std::string& fact : facts) {
        output.warning(fmt::format("{} is neither an asserted nor a program fact: removing it changes nothing", fact));
    }
}

}  // namespace accord::cli
