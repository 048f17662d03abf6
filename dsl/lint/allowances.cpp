#include "accord/dsl/lint/allowances.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/dsl/ast_span.hpp"
#include "accord/dsl/lexical.hpp"
#include "accord/dsl/lint/lint_names.hpp"

namespace accord::dsl::lint {
namespace {

constexpr std::string_view kDirective = "accord: allow";

/// The comment's text after `#`, `//` or `%` and leading blanks.
std::string_view commentBody(std::string_view comment) {
    std::size_t start = comment.find_first_not_of("#/%");
    if (start == std::string_view::npos) return {};
    start = comment.find_first_not_of(" \t", start);
    return start == std::string_view::npos ? std::string_view{} : comment.substr(start);
}

struct NamedSpan {
    std::string name;
    SourceSpan span;
};

/// The names an allow comment lists (separated by commas or blanks), with their positions.
std::vector<NamedSpan> allowedNames(const Comment& comment, FileId file) {
    std::string_view body = commentBody(comment.text);
    std::vector<NamedSpan> names;
    if (body.substr(0, kDirective.size()) != kDirective) return names;
    std::size_t base = comment.begin + static_cast<std::uint32_t>(body.data() - comment.text.data() + kDirective.size());
    std::string_view rest = body.substr(kDirective.size());
    std::size_t at = 0;
    while (at < rest.size()) {
        std::size_t start = rest.find_first_not_of(" \t,", at);
        if (start == std::string_view::npos) break;
        std::size_t end = rest.find_first_of(" \t,", start);
        if (end == std::string_view::npos) end = rest.size();
        names.push_back({std::string(rest.substr(start, end - start)),
                         SourceSpan{file, static_cast<std::uint32_t>(base + start), static_cast<std::uint32_t>(base + end)}});
        at = end;
    }
    return names;
}

bool onOneLine(std::string_view text, std::uint32_t from, std::uint32_t to) {
    return text.substr(from, to - from).find('\n') == std::string_view::npos;
}

/// Whether only blanks and comments, on no blank line, stand between two offsets.
bool adjacent(std::string_view text, std::uint32_t from, std::uint32_t to) {
    bool lineEmptySoFar = false;
    for (std::uint32_t i = from; i < to; ++i) {
        char c = text[i];
        if (c == '\n') {
            if (lineEmptySoFar) return false;  // a blank line
            lineEmptySoFar = true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            lineEmptySoFar = false;
        }
    }
    return true;
}

/// The statement an allow comment is about: the one it is inside, or the last one ending on
/// its line before it, else the next one when it starts on the lines right below (comment
/// lines between, no blank line); null otherwise.
const ast::Statement* statementOf(const ast::Program& program, std::string_view text, const Comment& comment) {
    const ast::Statement* trailing = nullptr;
    for (const ast::Statement& statement : program.statements) {
        SourceSpan span = spanOf(statement);
        if (span.begin < comment.begin && comment.begin < span.end) return &statement;
        if (span.end <= comment.begin && onOneLine(text, span.end, comment.begin)) trailing = &statement;
        if (span.begin >= comment.end) {
            if (trailing) return trailing;
            return adjacent(text, comment.end, span.begin) ? &statement : nullptr;
        }
    }
    return trailing;
}

}  // namespace

void collectAllowances(ast::Program& program, std::string_view text, Diagnostics& diagnostics) {
    for (const Comment& comment : scanComments(text)) {
        if (comment.isDoc) continue;
        std::vector<NamedSpan> names = allowedNames(comment, program.file);
        if (names.empty()) continue;
        const ast::Statement* statement = statementOf(program, text, comment);
        if (!statement) {
            diagnostics
                .warning({program.file, comment.begin, comment.end}, "this allow comment is about no statement",
                         "put it on the line right above the statement whose warnings it allows, or at the end of its line")
                .code = kUnknownLint;
            continue;
        }
        for (NamedSpan& named : names) {
            if (!isLintName(named.name)) {
                std::optional<std::string> close = closestLintName(named.name);
                diagnostics
                    .warning(named.span, fmt::format("no warning is named '{}'", named.name),
                             close ? fmt::format("did you mean '{}'?", *close) : "docs/language.md#checks lists them")
                    .code = kUnknownLint;
                continue;
            }
            program.allowances.push_back({std::move(named.name), named.span, spanOf(*statement)});
        }
    }
}

void applyAllowances(const LoadedProgram& program, const std::vector<std::string>& allowedEverywhere, Diagnostics& diagnostics) {
    auto allowed = [&](const Diagnostic& diagnostic) {
        if (diagnostic.severity != Severity::Warning || diagnostic.code.empty()) return false;
        if (std::find(allowedEverywhere.begin(), allowedEverywhere.end(), diagnostic.code) != allowedEverywhere.end()) return true;
        if (!diagnostic.span) return false;
        for (const ast::Program& file : program.files) {
            for (const ast::Allowance& allowance : file.allowances) {
                const SourceSpan& statement = allowance.statement;
                if (allowance.lint == diagnostic.code && statement.file == diagnostic.span->file &&
                    statement.begin <= diagnostic.span->begin && diagnostic.span->end <= statement.end) {
                    return true;
                }
            }
        }
        return false;
    };
    diagnostics.removeIf(allowed);
}

}  // namespace accord::dsl::lint
