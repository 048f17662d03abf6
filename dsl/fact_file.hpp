// Delimited fact files: `.tsv`/`.facts` (tab-separated, no header, values as they are,
// as Soufflé reads them) and `.csv` (RFC 4180: quoted fields, "" for a quote, a header
// row naming the columns). Only the splitting into fields lives here; turning fields
// into typed values is engine/text/fact_rows.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"

namespace accord::dsl {

enum class FactFileFormat { Tsv, Csv };

/// A field as RFC 4180 CSV writes it: quoted (quotes doubled) when it holds a comma, a
/// quote, a line break, or spaces at either end; as it is otherwise.
std::string quoteCsvField(std::string_view text);

/// The format for a file name: `.csv` is CSV, anything else tab-separated.
FactFileFormat factFileFormatFor(const std::string& path);

struct FactField {
    std::string_view text;  ///< unquoted and unescaped; valid during the onRow call
    std::uint32_t offset = 0;  ///< where the field starts in the file
};

/// Splits whole records of fact file `file` (all of it, or a run WholeRecords cut) that
/// start at `offset` in it into rows; fields and diagnostics carry their offsets in the file.
/// For CSV, an empty `header` means the text begins the file, and its first row is returned
/// in `header`; one already read means the text continues that file. `onRow` returns false
/// to stop (it reports its own error). Malformed input (an unterminated quote, text after a
/// closing quote) is reported with its position.
bool readFactText(std::string_view text, std::uint32_t offset, FileId file, FactFileFormat format, Diagnostics& diagnostics,
                  std::vector<std::string>& header, const std::function<bool(std::span<const FactField>)>& onRow);

/// Cuts fact-file text that arrives in pieces (dsl::readFileInBlocks) into runs of whole
/// records, each to be read by readFactText on its own, so that a file of millions of rows
/// is never held whole. It cuts after line feeds (in CSV, those outside quotes, as readCsv
/// reads them: a quote opens a quoted field only where a field starts), which always end a
/// record; a record that ends at a lone carriage return is handed on with the next cut.
class WholeRecords {
public:
    explicit WholeRecords(FactFileFormat format) : format_(format) {}

    /// Takes the next piece; returns the whole records held now (valid until the next call),
    /// which start at offset() in the file.
    std::string_view add(std::string_view piece);
    /// At the end of the file: what is left (a last record with no line break after it, or
    /// one a quote left open, for readFactText to report).
    std::string_view rest();
    std::uint32_t offset() const { return offset_; }

private:
    enum class CsvState { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    /// Forgets the records given by the last call.
    void dropTaken();
    /// Reads one more CSV character; true when it ends a record.
    bool csvStep(char c);

    FactFileFormat format_;
    std::string held_;  ///< text not given yet, after the records given by the last call
    std::uint32_t offset_ = 0;  ///< where held_ starts in the file
    std::size_t scanned_ = 0;  ///< how much of held_ has been read for record ends
    std::size_t taken_ = 0;  ///< how much of held_ the last call gave
    CsvState csv_ = CsvState::FieldStart;
};

}  // namespace accord::dsl
