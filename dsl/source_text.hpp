// Source text of rule files and positions inside it.
//
// Every AST node carries a SourceSpan (a file id and a byte range); a SourceManager
// owns the text of every loaded file and turns a span back into line:column and the
// source line for diagnostics. Nothing else in Accord needs to know how text is laid out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accord::dsl {

/// Index of a file in its SourceManager.
using FileId = std::uint32_t;

/// A byte range [begin, end) in one file. Positions do not take part in AST equality.
struct SourceSpan {
    FileId file = 0;  ///< which file
    std::uint32_t begin = 0;  ///< offset of the first byte
    std::uint32_t end = 0;  ///< offset one past the last byte
};

/// A 1-based line and column; columns count Unicode code points, as editors do.
struct LineColumn {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

/// The contents of one file, with the offsets at which its lines start.
class SourceText {
public:
    SourceText(std::string displayName, std::string contents);

    const std::string& name() const { return name_; }
    std::string_view contents() const { return contents_; }

    LineColumn lineColumn(std::uint32_t offset) const;
    /// The text of a 1-based line, without its line terminator.
    std::string_view line(std::uint32_t lineNumber) const;

private:
    std::string name_;
    std::string contents_;
    std::vector<std::uint32_t> lineStarts_;
};

/// Owns every source file of one program (the files named and those they include).
class SourceManager {
public:
    FileId add(std::string displayName, std::string contents);
    /// Forgets the files added after the first `count` (text parsed for one question that no
    /// diagnostic points into), so that a long session's questions do not pile up.
    void truncate(std::size_t count) {
        if (count < files_.size()) files_.erase(files_.begin() + static_cast<std::ptrdiff_t>(count), files_.end());
    }
    const SourceText& file(FileId id) const { return files_.at(id); }
    /// Gives file `id` its text: a fact file is read a block at a time and not kept, and
    /// is read whole again only when a diagnostic points into it.
    void setContents(FileId id, std::string contents) { files_.at(id) = SourceText(files_.at(id).name(), std::move(contents)); }
    std::size_t size() const { return files_.size(); }
    /// The text a span covers.
    std::string_view text(SourceSpan span) const;

private:
    std::vector<SourceText> files_;
};

}  // namespace accord::dsl
