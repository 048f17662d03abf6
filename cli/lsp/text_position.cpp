#include "cli/lsp/text_position.hpp"

#include <algorithm>
#include <limits>

namespace accord::lsp {
namespace {

/// The length of a UTF-8 sequence from its first byte (1 for a stray continuation byte).
std::uint32_t sequenceLength(unsigned char first) {
    if (first >= 0xF0) return 4;
    if (first >= 0xE0) return 3;
    if (first >= 0xC0) return 2;
    return 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
    lineStarts_.push_back(0);
    for (std::uint32_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') lineStarts_.push_back(i + 1);
    }
}

Position LineIndex::positionOf(std::uint32_t offset) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
    auto next = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
    std::uint32_t line = static_cast<std::uint32_t>(next - lineStarts_.begin()) - 1;
    std::uint32_t character = 0;
    for (std::uint32_t at = lineStarts_[line]; at < offset;) {
        std::uint32_t length = sequenceLength(static_cast<unsigned char>(text_[at]));
        character += length == 4 ? 2 : 1;  // outside the basic plane: a surrogate pair
        at += length;
    }
    return {line, character};
}

std::uint32_t LineIndex::offsetOf(Position position) const {
    if (position.line >= lineStarts_.size()) return static_cast<std::uint32_t>(text_.size());
    std::uint32_t at = lineStarts_[position.line];
    std::uint32_t lineEnd =
        position.line + 1 < lineStarts_.size() ? lineStarts_[position.line + 1] - 1 : static_cast<std::uint32_t>(text_.size());
    for (std::uint32_t character = 0; at < lineEnd && character < position.character;) {
        std::uint32_t length = sequenceLength(static_cast<unsigned char>(text_[at]));
        character += length == 4 ? 2 : 1;
        at = std::min(at + length, lineEnd);
    }
    return at;
}

nlohmann::json LineIndex::range(std::uint32_t begin, std::uint32_t end) const {
    Position start = positionOf(begin), stop = positionOf(std::max(begin, end));
    return {{"start", {{"line", start.line}, {"character", start.character}}},
            {"end", {{"line", stop.line}, {"character", stop.character}}}};
}

std::optional<Position> positionFromJson(const nlohmann::json& json) {
    if (!json.is_object()) return std::nullopt;
    auto line = json.find("line"), character = json.find("character");
    constexpr std::uint64_t kLargest = std::numeric_limits<std::uint32_t>::max();  // the protocol's uinteger
    if (line == json.end() || character == json.end() || !line->is_number_unsigned() || !character->is_number_unsigned() ||
        line->get<std::uint64_t>() > kLargest || character->get<std::uint64_t>() > kLargest) {
        return std::nullopt;
    }
    return Position{line->get<std::uint32_t>(), character->get<std::uint32_t>()};
}

}  // namespace accord::lsp
