// Splitting TSV and CSV fact files into fields (see fact_file.hpp).
#include "accord/dsl/fact_file.hpp"

#include <deque>

namespace accord::dsl {

FactFileFormat factFileFormatFor(const std::string& path) {
    return path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0 ? FactFileFormat::Csv : FactFileFormat::Tsv;
}

std::string quoteCsvField(std::string_view text) {
    bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos || (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) return std::string(text);
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

namespace {

/// Tab-separated: one row per line, fields taken as they are; blank lines are skipped.
bool readTsv(std::string_view text, std::uint32_t offset, const std::function<bool(std::span<const FactField>)>& onRow) {
    std::vector<FactField> fields;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::size_t lineEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
        if (lineEnd > start) {
            fields.clear();
            for (std::size_t field = start;;) {
                // Look for the tab within this line only: a search to the end of the file for
                // each row of a one-column file would make loading quadratic.
                std::size_t tab = text.substr(field, lineEnd - field).find('\t');
                std::size_t fieldEnd = tab == std::string_view::npos ? lineEnd : field + tab;
                fields.push_back({text.substr(field, fieldEnd - field), offset + static_cast<std::uint32_t>(field)});
                if (fieldEnd == lineEnd) break;
                field = fieldEnd + 1;
            }
            if (!onRow(fields)) return false;
        }
        start = end + 1;
    }
    return true;
}

/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double
/// quotes may hold commas, line breaks and "" for a quote. (WholeRecords::csvStep follows
/// this grammar to find where records end: a change here is a change there.)
bool readCsv(std::string_view text, std::uint32_t offset, FileId file, Diagnostics& diagnostics, std::vector<std::string>& header,
             const std::function<bool(std::span<const FactField>)>& onRow) {
    std::vector<FactField> fields;
    std::deque<std::string> unescaped;  ///< quoted fields of the current row (stable addresses)
    bool first = header.empty();  // text after the header's continues its file
    std::size_t i = 0;
    while (i < text.size()) {
        fields.clear();
        unescaped.clear();
        for (;;) {
            FactField field;
            field.offset = offset + static_cast<std::uint32_t>(i);
            if (i < text.size() && text[i] == '"') {
                std::size_t quote = i++;
                std::string& value = unescaped.emplace_back();
                for (;;) {
                    if (i >= text.size()) {
                        diagnostics.error(
                            {file, offset + static_cast<std::uint32_t>(quote), offset + static_cast<std::uint32_t>(quote + 1)},
                            "unterminated quoted field", "a quoted field ends with '\"'; write \"\" for a quote inside it");
                        return false;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            value += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    value += text[i++];
                }
                field.text = value;
                if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    diagnostics.error({file, offset + static_cast<std::uint32_t>(i), offset + static_cast<std::uint32_t>(i + 1)},
                                      "unexpected text after a closing quote", "quote the whole field");
                    return false;
                }
            } else {
                std::size_t start = i;
                while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
                field.text = text.substr(start, i - start);
            }
            fields.push_back(field);
            if (i < text.size() && text[i] == ',') {
                ++i;
                continue;
            }
            break;
        }
        if (i < text.size() && text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        bool blank = fields.size() == 1 && fields[0].text.empty();
        if (blank) continue;
        if (first) {
            for (const FactField& field : fields) header.emplace_back(field.text);
            first = false;
            continue;
        }
        if (!onRow(fields)) return false;
    }
    return true;
}

}  // namespace

bool readFactText(std::string_view text, std::uint32_t offset, FileId file, FactFileFormat format, Diagnostics& diagnostics,
                  std::vector<std::string>& header, const std::function<bool(std::span<const FactField>)>& onRow) {
    if (format == FactFileFormat::Tsv) return readTsv(text, offset, onRow);
    return readCsv(text, offset, file, diagnostics, header, onRow);
}

std::string_view WholeRecords::add(std::string_view piece) {
    dropTaken();
    held_.append(piece);
    std::size_t end = 0;  // after the last record end in what is held
    if (format_ == FactFileFormat::Tsv) {
        // Only the new text is searched: what was held before ends with no line break.
        std::size_t lineBreak = std::string_view(held_).substr(scanned_).rfind('\n');
        if (lineBreak != std::string_view::npos) end = scanned_ + lineBreak + 1;
    } else {
        for (std::size_t i = scanned_; i < held_.size(); ++i) {
            if (csvStep(held_[i])) end = i + 1;
        }
    }
    scanned_ = held_.size();
    taken_ = end;
    return std::string_view(held_).substr(0, end);
}

std::string_view WholeRecords::rest() {
    dropTaken();
    taken_ = held_.size();
    scanned_ = held_.size();
    return held_;
}

void WholeRecords::dropTaken() {
    held_.erase(0, taken_);
    offset_ += static_cast<std::uint32_t>(taken_);
    scanned_ -= taken_;
    taken_ = 0;
}

bool WholeRecords::csvStep(char c) {
    switch (csv_) {
        case CsvState::FieldStart:
        case CsvState::Unquoted:
            if (c == '"' && csv_ == CsvState::FieldStart) {
                csv_ = CsvState::Quoted;
                return false;
            }
            csv_ = c == ',' || c == '\r' || c == '\n' ? CsvState::FieldStart : CsvState::Unquoted;
            return c == '\n';
        case CsvState::Quoted:
            if (c == '"') csv_ = CsvState::QuoteInQuoted;
            return false;
        case CsvState::QuoteInQuoted:
            if (c == '"') {  // "" is a quote; the field goes on
                csv_ = CsvState::Quoted;
                return false;
            }
            // The field has ended: what follows is read as after any field (text there is
            // an error readCsv reports, at the same place).
            csv_ = c == ',' || c == '\r' || c == '\n' ? CsvState::FieldStart : CsvState::Unquoted;
            return c == '\n';
    }
    return false;
}

}  // namespace accord::dsl
