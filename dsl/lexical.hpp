// Lexical facts about rule text that the grammar skips: comments (kept by the
// formatter, `##` doc comments attached to statements), statement ends for error
// recovery, and input that is not text at all (NUL bytes, invalid UTF-8).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord::dsl {

struct Comment {
    std::uint32_t begin = 0;  ///< offset of '#', '%' or '//'
    std::uint32_t end = 0;  ///< offset of the line end
    bool isDoc = false;  ///< `## text`
    std::string_view text;  ///< the whole comment as written
    /// For a doc comment, its text without `##` and one following space.
    std::string docText() const;
};

/// Every comment in the text, in order; `#` inside strings and quoted symbols is not a comment.
std::vector<Comment> scanComments(std::string_view text);

/// Offset just past the next '.' at or after `from` that ends a statement (followed by
/// whitespace, a comment or the end), outside strings, quoted symbols and comments;
/// text.size() if none.
std::uint32_t nextStatementEnd(std::string_view text, std::uint32_t from);

struct EncodingProblem {
    std::uint32_t offset = 0;
    std::string message;
    std::string hint;
};

/// The first NUL byte or invalid UTF-8 sequence, if any.
std::optional<EncodingProblem> findEncodingProblem(std::string_view text);

}  // namespace accord::dsl
