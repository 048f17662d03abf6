// An option that takes one of a few names into an enum (`--format json`, `--every week`):
// only the names are accepted — not the enum's numbers, which CLI11's CheckedTransformer
// also takes (`--format 1`) — and the help shows them as `text|json`.
#pragma once

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace accord::cli {

/// `target` is the enum, or an optional of it (left empty unless the option is given); the
/// choices name values of the enum (of `Target` when written in braces).
template <class Target, class Enum = Target>
CLI::Option* addChoiceOption(CLI::App& command, const std::string& name, Target& target, std::map<std::string, Enum> choices,
                             const std::string& description) {
    std::vector<std::string> names;
    for (const auto& entry : choices) names.push_back(entry.first);
    auto set = [&target, choices](std::string text) {
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        target = choices.at(text);
    };
    CLI::Option* option = command.add_option_function<std::string>(name, set, description);
    option->check(CLI::IsMember(names, CLI::ignore_case).description(""));
    option->type_name(fmt::format("{}", fmt::join(names, "|")));
    return option;
}

}  // namespace accord::cli
