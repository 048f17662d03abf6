// Formatting one source in the canonical layout, safely: the formatted text is parsed
// again and must give the same AST as the source, or nothing is returned. Shared by
// `accord fmt` and the language server.
#pragma once

#include <optional>
#include <string>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"

namespace accord::dsl {

/// The source's text in the canonical layout; nullopt (with diagnostics) when it does not
/// parse, or when the layout would change its meaning (an internal error).
std::optional<std::string> formatSource(SourceManager& sources, FileId file, const PrintOptions& print, Diagnostics& diagnostics);

}  // namespace accord::dsl
