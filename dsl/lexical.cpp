// A small hand-written scanner for what the X3 grammar deliberately skips.
#include "accord/dsl/lexical.hpp"

#include <fmt/format.h>

namespace accord::dsl {
namespace {

bool isQuote(char c) { return c == '"' || c == '\''; }

/// Offset of the end of the string literal or quoted symbol starting at `quote` (past the
/// closing quote, or at the line end for an unterminated one, which the parser reports).
std::uint32_t skipQuoted(std::string_view text, std::uint32_t quote) {
    const char mark = text[quote];
    std::uint32_t i = quote + 1;
    while (i < text.size() && text[i] != mark && text[i] != '\n') {
        i += text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n' ? 2 : 1;
    }
    return i < text.size() && text[i] == mark ? i + 1 : i;
}

std::uint32_t lineEnd(std::string_view text, std::uint32_t from) {
    auto end = text.find('\n', from);
    return end == std::string_view::npos ? static_cast<std::uint32_t>(text.size()) : static_cast<std::uint32_t>(end);
}

bool startsComment(std::string_view text, std::uint32_t i) {
    return text[i] == '#' || text[i] == '%' || (text[i] == '/' && i + 1 < text.size() && text[i + 1] == '/');
}

bool isDocComment(std::string_view comment) {
    return comment.size() >= 2 && comment[0] == '#' && comment[1] == '#' && (comment.size() == 2 || comment[2] != '#');
}

}  // namespace

std::string Comment::docText() const {
    std::string_view body = text.substr(2);
    if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\t' || body.back() == '\r')) body.remove_suffix(1);
    return std::string(body);
}

std::vector<Comment> scanComments(std::string_view text) {
    std::vector<Comment> comments;
    std::uint32_t i = 0;
    while (i < text.size()) {
        if (isQuote(text[i])) {
            i = skipQuoted(text, i);
        } else if (startsComment(text, i)) {
            std::uint32_t end = lineEnd(text, i);
            std::string_view body = text.substr(i, end - i);
            while (!body.empty() && body.back() == '\r') body.remove_suffix(1);
            comments.push_back({i, end, isDocComment(body), body});
            i = end;
        } else {
            ++i;
        }
    }
    return comments;
}

std::uint32_t nextStatementEnd(std::string_view text, std::uint32_t from) {
    std::uint32_t i = from;
    while (i < text.size()) {
        if (isQuote(text[i])) {
            i = skipQuoted(text, i);
        } else if (startsComment(text, i)) {
            i = lineEnd(text, i);
        } else if (text[i] == '.') {
            std::uint32_t next = i + 1;
            if (next == text.size() || text[next] == ' ' || text[next] == '\t' || text[next] == '\r' || text[next] == '\n' ||
                startsComment(text, next)) {
                return next;
            }
            ++i;
        } else {
            ++i;
        }
    }
    return static_cast<std::uint32_t>(text.size());
}

std::optional<EncodingProblem> findEncodingProblem(std::string_view text) {
    std::uint32_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0) {
            return EncodingProblem{i, "file contains a NUL byte", "is this a binary file? rule files are UTF-8 text"};
        }
        if (byte < 0x80) {
            ++i;
            continue;
        }
        // Length of the sequence and the smallest code point it may encode (to reject overlong forms).
        std::uint32_t length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte <= 0xDF ? 2 : 0;
        if (byte >= 0xF5) length = 0;
        bool valid = length != 0 && i + length <= text.size();
        std::uint32_t codePoint = length == 2 ? byte & 0x1F : length == 3 ? byte & 0x0F : byte & 0x07;
        for (std::uint32_t k = 1; valid && k < length; ++k) {
            auto continuation = static_cast<unsigned char>(text[i + k]);
            valid = (continuation & 0xC0) == 0x80;
            codePoint = (codePoint << 6) | (continuation & 0x3F);
        }
        if (valid) {
            valid = (length != 3 || (codePoint >= 0x800 && (codePoint < 0xD800 || codePoint > 0xDFFF))) &&
                    (length != 4 || (codePoint >= 0x10000 && codePoint <= 0x10FFFF));
        }
        if (!valid) {
            return EncodingProblem{i, fmt::format("invalid UTF-8 byte 0x{:02X}", byte),
                                   "rule files must be UTF-8; re-save the file as UTF-8"};
        }
        i += length;
    }
    return std::nullopt;
}

}  // namespace accord::dsl
