// Line tables and offset -> line:column conversion for SourceText.
#include "accord/dsl/source_text.hpp"

#include <algorithm>

namespace accord::dsl {

SourceText::SourceText(std::string displayName, std::string contents) : name_(std::move(displayName)), contents_(std::move(contents)) {
    lineStarts_.push_back(0);
    for (std::uint32_t i = 0; i < contents_.size(); ++i) {
        if (contents_[i] == '\n') lineStarts_.push_back(i + 1);
    }
}

LineColumn SourceText::lineColumn(std::uint32_t offset) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(contents_.size()));
    auto next = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
    auto lineIndex = static_cast<std::uint32_t>(next - lineStarts_.begin() - 1);
    std::uint32_t column = 1;
    for (std::uint32_t i = lineStarts_[lineIndex]; i < offset; ++i) {
        // Count code points: skip UTF-8 continuation bytes (10xxxxxx).
        if ((static_cast<unsigned char>(contents_[i]) & 0xC0) != 0x80) ++column;
    }
    return {lineIndex + 1, column};
}

std::string_view SourceText::line(std::uint32_t lineNumber) const {
    if (lineNumber == 0 || lineNumber > lineStarts_.size()) return {};
    std::uint32_t begin = lineStarts_[lineNumber - 1];
    std::uint32_t end = lineNumber < lineStarts_.size() ? lineStarts_[lineNumber] - 1 : static_cast<std::uint32_t>(contents_.size());
    std::string_view text(contents_.data() + begin, end - begin);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    return text;
}

FileId SourceManager::add(std::string displayName, std::string contents) {
    files_.emplace_back(std::move(displayName), std::move(contents));
    return static_cast<FileId>(files_.size() - 1);
}

std::string_view SourceManager::text(SourceSpan span) const {
    std::string_view contents = file(span.file).contents();
    if (span.begin > contents.size()) return {};
    return contents.substr(span.begin, span.end - span.begin);
}

}  // namespace accord::dsl
