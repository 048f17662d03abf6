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

/// Splits a fact file into rows. For CSV the first row is returned in `header`.
/// `onRow` returns false to stop (it reports its own error). Malformed input (an
/// unterminated quote, text after a closing quote) is reported with its position.
bool readFactFile(const SourceManager& sources, FileId file, FactFileFormat format, Diagnostics& diagnostics,
                  std::vector<std::string>& header, const std::function<bool(std::span<const FactField>)>& onRow);

}  // namespace accord::dsl
