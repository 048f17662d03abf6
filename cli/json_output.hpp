// What every JSON document the commands print has in common: a `format_version`, raised
// whenever a document changes shape in a way a reader could notice (a field removed or
// renamed, a meaning changed; new fields do not raise it), and the way it is written.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace accord::cli {

inline constexpr int kJsonFormatVersion = 2;

/// Writes a document to standard output, indented, one trailing newline; invalid UTF-8 in a
/// value (a fact's text from a user's file) is replaced rather than failing the command.
void printJson(const nlohmann::ordered_json& document);

/// A text, or null when it is empty (an option not given).
inline nlohmann::ordered_json textOrNull(const std::string& text) {
    return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
}

}  // namespace accord::cli
