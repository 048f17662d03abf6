// Parses a file statement by statement with the X3 grammar of grammar_def.hpp.
//
// The one translation unit that instantiates the grammar. Statements are parsed one at
// a time so that a syntax error costs only its statement: the driver reports it,
// skips to the next statement end and goes on (several errors per run). Doc comments
// are attached afterwards from the comment scan, so a stray `##` is never a syntax error.
#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "accord/dsl/ast_span.hpp"
#include "accord/dsl/functions.hpp"
#include "accord/dsl/lexical.hpp"
#include "accord/dsl/parser/grammar_def.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "accord/dsl/lint/allowances.hpp"
#include "accord/dsl/lint/lint_names.hpp"

namespace accord::dsl {
namespace {

using parser::iterator_type;

bool isWordByte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

/// The token at `where`, for "but found ..." (a word, a string start, or one character).
std::string describeFound(iterator_type where, iterator_type last) {
    if (where == last) return "end of file";
    if (*where == '\n' || *where == '\r') return "end of line";
    if (isWordByte(*where)) {
        iterator_type end = where;
        while (end != last && isWordByte(*end) && end - where < 40) ++end;
        return fmt::format("'{}'", std::string_view(where, static_cast<std::size_t>(end - where)));
    }
    if (static_cast<unsigned char>(*where) >= 0x80) return "a non-ASCII character";
    return fmt::format("'{}'", *where);
}

/// A hint for a statement that does not start like any statement.
std::string hintForStatementStart(iterator_type where, iterator_type last) {
    if (where == last) return {};
    char c = *where;
    if (c >= 'A' && c <= 'Z') return "relation names start with a lowercase letter; variables are capitalised";
    if (c >= '0' && c <= '9') return "a statement starts with a relation name, 'rule', 'relation', 'resolve', 'threshold' or 'include'";
    iterator_type end = where;
    while (end != last && isWordByte(*end)) ++end;
    std::string word(where, end);
    static const char* keywords[] = {"if", "and", "or", "not", "no", "for", "all", "forall"};
    for (const char* keyword : keywords) {
        if (word == keyword) return fmt::format("'{}' is a keyword and cannot name a relation", word);
    }
    return {};
}

constexpr const char* kPercentIsAComment = "'%' starts a comment, which hides the rest of this line; the remainder is written `X mod Y`";

/// For a `%` comment, the end of the word or ')' it follows on its line (not before `from`):
/// the operand a remainder would take; nullopt when none does.
std::optional<std::size_t> operandBeforePercent(std::string_view text, const Comment& comment, std::size_t from) {
    if (comment.text.empty() || comment.text[0] != '%') return std::nullopt;
    std::size_t before = comment.begin;
    while (before > from && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
    if (before == from || !(isWordByte(text[before - 1]) || text[before - 1] == ')')) return std::nullopt;
    return before;
}

/// Whether a `%` comment looks like the remainder operator of other languages: it follows
/// an operand (a word that is no keyword, or ')') on its line, and an operand follows it
/// (`X % 2`, `(A + B) % N`), rather than prose.
bool looksLikeRemainder(std::string_view text, const Comment& comment) {
    std::optional<std::size_t> operand = operandBeforePercent(text, comment, 0);
    if (!operand) return false;
    std::size_t before = *operand, wordStart = before;
    while (wordStart > 0 && isWordByte(text[wordStart - 1])) --wordStart;
    static const std::string_view keywords[] = {"and", "or", "if", "not", "no", "all"};
    std::string_view word = text.substr(wordStart, before - wordStart);
    if (std::find(std::begin(keywords), std::end(keywords), word) != std::end(keywords)) return false;
    std::size_t after = 1;
    while (after < comment.text.size() && comment.text[after] == ' ') ++after;
    if (after == comment.text.size()) return false;
    char next = comment.text[after];
    return (next >= '0' && next <= '9') || (next >= 'A' && next <= 'Z') || next == '(' || next == '-';
}

/// A note for a syntax error in [start, failedAt): a `%` written as the remainder operator
/// starts a comment here and swallowed the rest of the line.
void notePercentComment(Diagnostic& error, std::string_view text, FileId file, std::uint32_t start, std::uint32_t failedAt) {
    for (const Comment& comment : scanComments(text.substr(0, failedAt))) {
        if (comment.begin < start || !operandBeforePercent(text, comment, start)) continue;
        error.notes.push_back({SourceSpan{file, comment.begin, comment.begin + 1}, kPercentIsAComment});
        return;
    }
}

/// Warns of each `%` comment that reads as a remainder, even where the text still parses
/// (`M = X % 2` and a condition on the next line: the rule says `M = X`).
void warnRemainderComments(std::string_view text, FileId file, Diagnostics& diagnostics) {
    for (const Comment& comment : scanComments(text)) {
        if (looksLikeRemainder(text, comment)) {
            diagnostics
                .warning({file, comment.begin, comment.begin + 1}, kPercentIsAComment,
                         "write `#` or `//` before a comment that follows a term")
                .code = lint::kRemainderComment;
        }
    }
}

/// A hint for a '(' found where a statement goes on: after a word that is no function.
std::string hintForParenthesis(iterator_type found, iterator_type last) {
    if (found == last || *found != '(') return {};
    return "only a relation or a built-in function takes arguments in parentheses; the functions are " + functionNames();
}

/// Attaches each run of `##` comments to the statement that follows it; warns about the rest.
void attachDocComments(ast::Program& program, std::string_view text, FileId file, Diagnostics& diagnostics) {
    std::vector<Comment> comments = scanComments(text);
    std::size_t next = 0;
    std::uint32_t previousEnd = 0;
    auto docsOf = [](ast::Statement& statement) -> std::vector<std::string>* {
        if (auto* rule = boost::get<ast::Rule>(&statement)) return &rule->docs;
        if (auto* decl = boost::get<ast::RelationDecl>(&statement)) return &decl->docs;
        if (auto* resolution = boost::get<ast::Resolution>(&statement)) return &resolution->docs;
        if (auto* threshold = boost::get<ast::Threshold>(&statement)) return &threshold->docs;
        return nullptr;
    };
    auto strayDoc = [&](const Comment& comment, const char* why) {
        diagnostics
            .warning({file, comment.begin, comment.end}, fmt::format("doc comment {} is ignored", why),
                     "use '#' for an ordinary comment; '##' documents the next rule or declaration")
            .code = lint::kStrayDocComment;
    };
    for (ast::Statement& statement : program.statements) {
        SourceSpan span = spanOf(statement);
        std::vector<std::string>* docs = docsOf(statement);
        for (; next < comments.size() && comments[next].begin < span.end; ++next) {
            const Comment& comment = comments[next];
            if (!comment.isDoc || comment.begin < previousEnd) continue;
            if (comment.begin > span.begin) {
                strayDoc(comment, "inside a statement");
            } else if (docs == nullptr) {
                strayDoc(comment, "before an include");
            } else {
                docs->push_back(comment.docText());
            }
        }
        previousEnd = span.end;
    }
    for (; next < comments.size(); ++next) {
        if (comments[next].isDoc) strayDoc(comments[next], "at the end of the file");
    }
}

namespace x3 = boost::spirit::x3;

/// Reports a syntax error the parser threw at `failedAt` (see parseProgram).
void reportExpectation(const x3::expectation_failure<iterator_type>& failure, std::string_view text, FileId file, iterator_type start,
                       Diagnostics& diagnostics) {
    iterator_type const begin = text.data(), last = begin + text.size();
    auto offsetOf = [&](iterator_type it) { return static_cast<std::uint32_t>(it - begin); };
    iterator_type failedAt = failure.where(), found = failedAt;
    x3::parse(found, last, *parser::skipper);
    // Point at what was found when it is on the same line ("found 'if'"); at the end of the
    // line otherwise (a missing ')' or '.' belongs after the last token).
    bool sameLine = std::find(failedAt, found, '\n') == found;
    iterator_type caret = sameLine ? found : failedAt;
    Diagnostic& error = diagnostics.error(
        {file, offsetOf(caret), offsetOf(caret) + 1},
        fmt::format("expected {}, found {}", failure.which(), sameLine || found == last ? describeFound(found, last) : "end of line"),
        sameLine ? hintForParenthesis(found, last) : std::string());
    notePercentComment(error, text, file, offsetOf(start), offsetOf(found));
}

}  // namespace

std::optional<ast::Disjunction> parseConditions(const SourceManager& sources, FileId file, Diagnostics& diagnostics, ParseLimits limits) {
    std::string_view text = sources.file(file).contents();
    iterator_type const begin = text.data(), last = begin + text.size();
    iterator_type first = begin;
    parser::ParserState state{begin, file, diagnostics, limits.maxNesting};
    auto const conditions = x3::with<parser::state_tag>(std::ref(state))[parser::disjunction >> -x3::lit('.')];
    const std::size_t errorsBefore = diagnostics.errorCount();
    for (const Comment& comment : scanComments(text)) {  // a query is one line of conditions: a '%' in it is never a comment
        if (!comment.text.empty() && comment.text[0] == '%')
            diagnostics.error({file, comment.begin, comment.begin + 1}, kPercentIsAComment);
    }
    ast::Disjunction body;
    try {
        bool parsed = x3::phrase_parse(first, last, conditions, parser::skipper, body);
        x3::parse(first, last, *parser::skipper);
        if (!parsed || first != last) {
            auto where = static_cast<std::uint32_t>(first - begin);
            diagnostics.error({file, where, where + 1}, "expected conditions, such as `vote(A, rutte) = block and eu_member(A)`, found " +
                                                            describeFound(first, last));
        }
    } catch (const x3::expectation_failure<iterator_type>& failure) {
        reportExpectation(failure, text, file, begin, diagnostics);
    } catch (const parser::NestingTooDeep& tooDeep) {
        auto where = static_cast<std::uint32_t>(tooDeep.where - begin);
        diagnostics.error({file, where, where + 1}, fmt::format("nesting deeper than {} levels", limits.maxNesting));
    }
    if (diagnostics.errorCount() > errorsBefore) return std::nullopt;
    return body;
}

std::optional<ast::Program> parseProgram(const SourceManager& sources, FileId file, Diagnostics& diagnostics, ParseLimits limits) {
    const std::size_t errorsBefore = diagnostics.errorCount();
    ast::Program program = parseWhatParses(sources, file, diagnostics, limits);
    if (diagnostics.errorCount() > errorsBefore) return std::nullopt;
    return program;
}

ast::Program parseWhatParses(const SourceManager& sources, FileId file, Diagnostics& diagnostics, ParseLimits limits) {
    std::string_view text = sources.file(file).contents();
    const std::size_t errorsBefore = diagnostics.errorCount();
    ast::Program program;
    program.file = file;

    if (auto problem = findEncodingProblem(text)) {
        diagnostics.error({file, problem->offset, problem->offset + 1}, problem->message, problem->hint);
        return program;
    }

    iterator_type const begin = text.data();
    iterator_type const last = begin + text.size();
    iterator_type first = begin;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") first += 3;  // a UTF-8 byte-order mark is not content

    parser::ParserState state{begin, file, diagnostics, limits.maxNesting};
    auto const statementParser = x3::with<parser::state_tag>(std::ref(state))[parser::statement];
    auto offsetOf = [&](iterator_type it) { return static_cast<std::uint32_t>(it - begin); };

    for (;;) {
        x3::parse(first, last, *parser::skipper);
        if (first == last) break;
        iterator_type const start = first;
        iterator_type failedAt = start;
        state.depth = 0;
        try {
            ast::Statement statement;
            if (x3::phrase_parse(first, last, statementParser, parser::skipper, statement)) {
                program.statements.push_back(std::move(statement));
                continue;
            }
            diagnostics.error({file, offsetOf(start), offsetOf(start) + 1},
                              "expected a statement (a fact, a rule, 'relation', 'resolve', 'threshold' or 'include'), found " +
                                  describeFound(start, last),
                              hintForStatementStart(start, last));
        } catch (const x3::expectation_failure<iterator_type>& failure) {
            failedAt = failure.where();
            reportExpectation(failure, text, file, start, diagnostics);
        } catch (const parser::NestingTooDeep& tooDeep) {
            failedAt = tooDeep.where;
            diagnostics.error({file, offsetOf(failedAt), offsetOf(failedAt) + 1},
                              fmt::format("nesting deeper than {} levels", limits.maxNesting),
                              "split the expression or condition with a helper relation");
        }
        // Resume after the statement that failed; always make progress.
        first = begin + nextStatementEnd(text, std::max(offsetOf(failedAt), offsetOf(start) + 1));
    }

    attachDocComments(program, text, file, diagnostics);
    lint::collectAllowances(program, text, diagnostics);
    warnRemainderComments(text, file, diagnostics);
    if (program.statements.empty() && diagnostics.errorCount() == errorsBefore) {
        diagnostics.warning({file, 0, 0}, "file has no statements").code = lint::kEmptyFile;
    }
    return program;
}

}  // namespace accord::dsl
