// Positions as the Language Server Protocol counts them: a 0-based line and a character
// offset in UTF-16 code units within the line, converted to and from byte offsets.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace accord::lsp {

struct Position {
    std::uint32_t line = 0;
    std::uint32_t character = 0;
};

/// The starts of a text's lines, for converting positions both ways.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    Position positionOf(std::uint32_t offset) const;
    /// The byte offset of a position; a position past a line's end means the line's end,
    /// one past the last line means the text's end.
    std::uint32_t offsetOf(Position position) const;
    /// `{"start": {...}, "end": {...}}`
    nlohmann::json range(std::uint32_t begin, std::uint32_t end) const;

private:
    std::string_view text_;
    std::vector<std::uint32_t> lineStarts_;
};

/// A position from its JSON form; nullopt when it is not one.
std::optional<Position> positionFromJson(const nlohmann::json& json);

}  // namespace accord::lsp
