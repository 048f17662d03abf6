// Canonical text of the AST: the formatter (`accord fmt`), the round-trip tests, and
// rule text shown in explanations. Printing a parsed program and parsing the result
// gives the same AST.
#pragma once

#include <string>
#include <string_view>

#include "accord/dsl/ast.hpp"

namespace accord::dsl {

/// Which of the two accepted spellings to print.
enum class Spelling {
    Keywords,  ///< `h if a and not b or c.`
    Datalog,  ///< `h :- a, !b ; c.`
};

struct PrintOptions {
    Spelling spelling = Spelling::Keywords;
    std::size_t lineWidth = 100;  ///< rules longer than this get one condition per line
    bool docs = true;  ///< a statement's `##` lines above it (left out where they are shown apart)
};

/// Shortest text that reads back as the same double, always with a '.' (`1.0`, `2.5e-07`).
std::string formatDecimal(double value);
/// The keyword of a column type: `symbol`, `string`, `integer`, `decimal`, `date`.
const char* typeName(ast::Type type);
/// The keyword of an aggregate: `count`, `sum`, `min`, `max`.
const char* aggregateName(ast::AggregateOp op);
/// A double-quoted string literal with `\"`, `\\`, `\n`, `\t` escaped.
std::string formatStringLiteral(std::string_view value);
/// Whether a symbol is written bare: a lowercase word that is not `today`.
bool isPlainSymbol(std::string_view name);
/// A symbol as rule text reads it back: bare when plain, else single-quoted
/// (`'United Kingdom'`) with `\'`, `\\`, `\n`, `\t` escaped.
std::string formatSymbol(std::string_view name);

std::string print(const ast::Expr& expr);
std::string print(const ast::Atom& atom);
std::string print(const ast::Literal& literal, const PrintOptions& options = {});
/// A statement with its doc comments, without a trailing newline.
std::string print(const ast::Statement& statement, const PrintOptions& options = {});

/// The whole file in canonical layout, keeping its comments: comments between
/// statements stay in place (with at most one blank line before them), a comment after
/// a statement on its line stays at the end of that line, and comments inside a
/// statement move above it.
std::string formatProgram(const ast::Program& program, std::string_view sourceText, const PrintOptions& options = {});

}  // namespace accord::dsl
