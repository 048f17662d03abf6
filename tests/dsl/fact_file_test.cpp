// Fact files read a piece at a time (WholeRecords, then readFactText on each run of whole
// records) against the same text read whole (readFactText of all of it): on random TSV and CSV text —
// quoted fields holding commas, quotes and line breaks, CRLF and lone CR line ends, blank
// lines, stray quotes inside unquoted fields, text after a closing quote, a quote left
// open — cut into pieces of random sizes, the header, the rows with their fields and
// offsets, the diagnostics and the result are the same.
#include <gtest/gtest.h>

#include <random>

#include "accord/dsl/fact_file.hpp"

namespace accord::dsl {
namespace {

/// What reading gave: the header, each row's fields as "offset:text", the diagnostics, the result.
struct Reading {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> diagnostics;
    bool ok = true;
    friend bool operator==(const Reading&, const Reading&) = default;
};

std::vector<std::string> describe(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& item : diagnostics.items()) out.push_back(std::to_string(item.span ? item.span->begin : 0) + " " + item.message);
    return out;
}

Reading readWhole(const std::string& text, FactFileFormat format) {
    Diagnostics diagnostics;
    Reading reading;
    reading.ok = readFactText(text, 0, 0, format, diagnostics, reading.header, [&](std::span<const FactField> fields) {
        auto& row = reading.rows.emplace_back();
        for (const FactField& field : fields) row.push_back(std::to_string(field.offset) + ":" + std::string(field.text));
        return true;
    });
    reading.diagnostics = describe(diagnostics);
    return reading;
}

Reading readInPieces(const std::string& text, FactFileFormat format, std::mt19937& random) {
    Diagnostics diagnostics;
    Reading reading;
    WholeRecords records(format);
    auto read = [&](std::string_view whole) {
        reading.ok = reading.ok &&
                     readFactText(whole, records.offset(), 0, format, diagnostics, reading.header, [&](std::span<const FactField> fields) {
                         auto& row = reading.rows.emplace_back();
                         for (const FactField& field : fields) row.push_back(std::to_string(field.offset) + ":" + std::string(field.text));
                         return true;
                     });
    };
    for (std::size_t at = 0; at < text.size() && reading.ok;) {
        std::size_t size = 1 + random() % 9;
        read(records.add(std::string_view(text).substr(at, size)));
        at += size;
    }
    if (reading.ok) read(records.rest());
    reading.diagnostics = describe(diagnostics);
    return reading;
}

std::string randomText(std::mt19937& random) {
    static const char* const pieces[] = {"a",  "12", ",",       ",",          "\t",         "\n", "\n",   "\r\n",
                                         "\r", "\"", "\"x,y\"", "\"l1\nl2\"", "\"q\"\"q\"", " ",  "\"\"", "é"};
    std::string text;
    const int count = static_cast<int>(random() % 60);
    for (int i = 0; i < count; ++i) text += pieces[random() % std::size(pieces)];
    return text;
}

TEST(FactFileTest, ReadInPiecesEqualsReadWhole) {
    for (std::uint32_t seed = 0; seed < 3000; ++seed) {
        std::mt19937 random(seed);
        const FactFileFormat format = seed % 2 ? FactFileFormat::Csv : FactFileFormat::Tsv;
        const std::string text = randomText(random);
        EXPECT_EQ(readInPieces(text, format, random), readWhole(text, format)) << "seed " << seed << " text [" << text << "]";
    }
}

TEST(FactFileTest, AQuotedLineBreakDoesNotEndACsvRecord) {
    WholeRecords records(FactFileFormat::Csv);
    EXPECT_EQ(records.add("name,note\nx,\"line one"), "name,note\n");
    EXPECT_EQ(records.add("\nline two\"\ny,"), "x,\"line one\nline two\"\n");
    EXPECT_EQ(records.offset(), 10u);
    EXPECT_EQ(records.rest(), "y,");
    EXPECT_EQ(records.offset(), 32u);
}

}  // namespace
}  // namespace accord::dsl
