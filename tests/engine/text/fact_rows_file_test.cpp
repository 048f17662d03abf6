// A CSV or TSV file read a block at a time (forEachFactRow of a path) against its text read
// whole (forEachFactRow of the contents): on files of a few megabytes, so that records,
// quoted line breaks and bad rows fall across the 1 MiB blocks, the rows and the diagnostics
// (at their lines and columns, with the lines shown) are the same; a file with a bad header
// stops both the same way.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "accord/dsl/fact_file.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/text/fact_rows.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

/// What was read: each row as text, then each diagnostic as "line:column message | line".
struct Reading {
    bool ok = false;
    std::vector<std::string> rows;
    std::vector<std::string> diagnostics;
};

Reading describe(bool ok, const std::vector<FactRow>& rows, const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources,
                 const SymbolTable& symbols) {
    Reading reading{ok, {}, {}};
    for (const FactRow& row : rows) {
        std::string text = fmt::format("{}", row.confidence);
        for (const Value& value : row.tuple) text += " " + formatValue(value, symbols);
        reading.rows.push_back(text);
    }
    for (const dsl::Diagnostic& item : diagnostics.items()) {
        if (!item.span) {
            reading.diagnostics.push_back(item.message);
            continue;
        }
        const dsl::SourceText& file = sources.file(item.span->file);
        dsl::LineColumn at = file.lineColumn(item.span->begin);
        reading.diagnostics.push_back(fmt::format("{}:{} {} | {}", at.line, at.column, item.message, file.line(at.line)));
    }
    return reading;
}

class FactRowsFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine_.loadText("<decl>", "relation r(n: integer, note: string, share: decimal)\n", diagnostics));
        directory_ =
            std::filesystem::temp_directory_path() / fmt::format("accord-fact-rows-{}", ::testing::UnitTest::GetInstance()->random_seed());
        std::filesystem::create_directories(directory_);
    }
    void TearDown() override { std::filesystem::remove_all(directory_); }

    /// Both readings of `text`, written to a file named `name`.
    std::pair<Reading, Reading> readBoth(const std::string& name, const std::string& text) {
        const RelationPlan& relation = engine_.plan().relations[*engine_.plan().relationId("r")];
        const std::filesystem::path path = directory_ / name;
        std::ofstream(path, std::ios::binary) << text;
        auto readOnce = [&](bool fromPath) {
            dsl::SourceManager sources;
            dsl::Diagnostics diagnostics;
            std::vector<FactRow> rows;
            auto keep = [&](const FactRow& row) { rows.push_back(row); };
            bool ok = fromPath ? forEachFactRow(path.string(), relation, engine_.symbols(), sources, diagnostics, keep)
                               : forEachFactRow(path.string(), text, factRowFormatFor(name), relation, engine_.symbols(), sources,
                                                diagnostics, keep);
            return describe(ok, rows, diagnostics, sources, engine_.symbols());
        };
        return {readOnce(true), readOnce(false)};
    }

    Engine engine_;
    std::filesystem::path directory_;
};

std::string bigFile(bool csv, std::uint32_t seed, bool withErrors) {
    std::mt19937 random(seed);
    std::string text = csv ? "share,n,note\n" : "";
    const char* notes[] = {"plain", "with, comma", "two\nlines", "a \"quote\"", "é accent", ""};
    for (int i = 0; text.size() < 3'000'000; ++i) {
        std::string n = withErrors && random() % 20000 == 0 ? "x" : std::to_string(i);
        std::string note = notes[random() % (csv ? std::size(notes) : 1)];
        std::string share = fmt::format("{}.{}", random() % 10, random() % 100);
        if (csv) {
            text += share + "," + n + "," + dsl::quoteCsvField(note) + (random() % 7 == 0 ? "\r\n" : "\n");
        } else {
            text += n + "\t" + note + "\t" + share + "\n";
        }
    }
    return text;
}

TEST_F(FactRowsFileTest, AFileReadInBlocksGivesWhatItsTextGives) {
    for (bool csv : {false, true}) {
        for (bool withErrors : {false, true}) {
            auto [streamed, whole] = readBoth(csv ? "r.csv" : "r.tsv", bigFile(csv, 7, withErrors));
            EXPECT_EQ(streamed.ok, !withErrors);
            EXPECT_EQ(streamed.ok, whole.ok);
            EXPECT_EQ(streamed.rows, whole.rows) << "csv " << csv;
            EXPECT_EQ(streamed.diagnostics, whole.diagnostics) << "csv " << csv;
            if (withErrors) {
                EXPECT_FALSE(streamed.diagnostics.empty());
            }
        }
    }
}

TEST_F(FactRowsFileTest, ABadHeaderOrAnOpenQuoteStopsBothTheSameWay) {
    for (const std::string& text : {std::string("n,colour\n1,red\n"), std::string("n,note,share\n1,\"open\n2,b,0.5\n")}) {
        auto [streamed, whole] = readBoth("bad.csv", text);
        EXPECT_FALSE(streamed.ok);
        EXPECT_EQ(streamed.rows, whole.rows);
        EXPECT_EQ(streamed.diagnostics, whole.diagnostics);
    }
}

}  // namespace
}  // namespace accord::engine
