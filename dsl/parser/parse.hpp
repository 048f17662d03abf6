// Parsing one file of rule text into an AST. No Boost in this header.
#pragma once

#include <optional>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"

namespace accord::dsl {

/// Limits that keep hostile input from exhausting the stack or the parser.
struct ParseLimits {
    std::size_t maxNesting = 200;  ///< parentheses and braces
};

/// Parses every statement of a file, recovering after a syntax error at the next
/// statement end so that one run reports every error. Returns nullopt when any
/// error was reported (the diagnostics say why); warnings alone still give a program.
std::optional<ast::Program> parseProgram(const SourceManager& sources, FileId file, Diagnostics& diagnostics, ParseLimits limits = {});

/// Like parseProgram, but gives the statements that parsed even when others did not (an
/// editor's outline of text being typed).
ast::Program parseWhatParses(const SourceManager& sources, FileId file, Diagnostics& diagnostics, ParseLimits limits = {});

/// Parses a whole file as the conditions of a rule body (`vote(A, C) = block and
/// eu_member(A)`, a final '.' allowed): an ad-hoc query. Nullopt with diagnostics when it
/// is not one.
std::optional<ast::Disjunction> parseConditions(const SourceManager& sources, FileId file, Diagnostics& diagnostics,
                                                ParseLimits limits = {});

}  // namespace accord::dsl
