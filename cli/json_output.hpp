// What every JSON document the commands print has in common: a `format_version`, raised
// whenever a document changes shape in a way a reader could notice (a field removed or
// renamed, a meaning changed; new fields do not raise it), and the way it is written.
#pragma once

#include <nlohmann/json.hpp>

namespace accord::cli {

inline constexpr int kJsonFormatVersion = 1;

/// Writes a document to standard output, indented, one trailing newline; invalid UTF-8 in a
/// value (a fact's text from a user's file) is replaced rather than failing the command.
void printJson(const nlohmann::ordered_json& document);

}  // namespace accord::cli
