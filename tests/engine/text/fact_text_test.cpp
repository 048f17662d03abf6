// Facts as text, read one way wherever they come from: a rule file, a fact file (`--facts`
// and `accord import` read the same rows), a fact statement (`assert`, scenarios), the fact
// a question is about, and a query's constants. Each test here caught a disagreement
// between two copies of that reading before they were made one (engine/text/).
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/text/fact_rows.hpp"
#include "accord/engine/text/fact_statements.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/temporary_directory.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

const char* kPrices =
    "relation price(item: symbol, amount: decimal).\n"
    "relation stock(item: symbol, count: integer).\n"
    "stock(a, 3).\n"
    "note(w, 1).\n";  // undeclared: its columns c0, c1 take any value

class FactTextTest : public TemporaryDirectoryTest {
protected:
    /// Loads kPrices and `more`, and runs.
    void load(const std::string& more) {
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("prices.rules", std::string(kPrices) + more, diagnostics))
            << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    }
    void run() { engine.run({}); }

    std::string write(const std::string& name, const std::string& contents) {
        std::string path = (directory_ / name).string();
        std::ofstream(path, std::ios::binary) << contents;
        return path;
    }

    std::vector<std::string> query(const std::string& text) { return queryLines(engine, text); }

    engine::Engine engine;
};

// A decimal column holds 3 and 3.0 as one value, however the value arrives: the fact files
// converted integers, the fact statements converted them, rule files, rule bodies, computed
// heads and queries did not (two identities for one price).
TEST_F(FactTextTest, ADecimalColumnHoldsOneValueForThreeAndThreePointZero) {
    load(
        "price(x, 3).\nprice(y, 3.0).\n"
        "price(I, N) if stock(I, N).\n"  // an integer computed into a decimal column
        "at_three(I) if price(I, 3).\n"  // an integer constant against a decimal column
        "at_three_point_zero(I) if price(I, 3.0).\n"
        "in_stock_at_price(I) if stock(I, N), price(I, N).\n");  // an integer variable as a decimal key
    run();
    const std::vector<std::string> all{"a, 3.0", "x, 3.0", "y, 3.0"};
    EXPECT_EQ(query("price(I, A)"), all);
    EXPECT_EQ(query("at_three(I)"), (std::vector<std::string>{"a", "x", "y"}));
    EXPECT_EQ(query("at_three_point_zero(I)"), (std::vector<std::string>{"a", "x", "y"}));
    EXPECT_EQ(query("in_stock_at_price(I)"), std::vector<std::string>{"a"});
    EXPECT_EQ(query("price(I, 3)"), (std::vector<std::string>{"a", "x", "y"}));

    dsl::Diagnostics diagnostics;
    auto integer = engine.parseFact("price(x, 3)", diagnostics);
    auto decimal = engine.parseFact("price(x, 3.0)", diagnostics);
    ASSERT_TRUE(integer && decimal);
    EXPECT_TRUE(integer->second == decimal->second);
    EXPECT_EQ(integer->second[1].kind, engine::ValueKind::Decimal);
}

// The same facts through every way in give the same tuples.
TEST_F(FactTextTest, EveryWayInReadsTheSameValues) {
    load("");
    const std::string statements = "price(x, 3). price(y, 2.5). note(x, \"a, \\\"b\\\"\"). note(y, 2024-06-01). note(z, 7).";
    std::vector<std::string> expected{"price(x, 3.0)", "price(y, 2.5)", "note(x, \"a, \\\"b\\\"\")", "note(y, 2024-06-01)", "note(z, 7)"};
    auto show = [&](engine::RelationId relation, engine::TupleView tuple) {
        const engine::RelationPlan& plan = engine.plan().relations[relation];
        return engine::formatFact(plan.name, tuple, plan.keyed, engine.symbols());
    };

    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    auto parsed = engine::parseFactStatements(statements, "<facts>", engine.plan(), engine.symbols(), sources, diagnostics);
    ASSERT_TRUE(parsed);
    std::vector<std::string> fromStatements;
    for (const auto& fact : *parsed) fromStatements.push_back(show(fact.relation, fact.row.tuple));
    EXPECT_EQ(fromStatements, expected);

    auto rows = [&](const std::string& relation, const std::string& name, const std::string& text) {
        auto id = *engine.plan().relationId(relation);
        auto read = engine::readFactRowsText(name, text, engine::factRowFormatFor(name), engine.plan().relations[id], engine.symbols(),
                                             sources, diagnostics);
        std::vector<std::string> out;
        for (const auto& row : read.value_or(std::vector<engine::FactRow>{})) out.push_back(show(id, row.tuple));
        return out;
    };
    std::vector<std::string> fromFiles = rows("price", "p.tsv", "x\t3\ny\t2.5\n");
    for (const auto& line : rows("note", "n.csv", "c0,c1\nx,\"\"\"a, \\\"\"b\\\"\"\"\"\"\ny,2024-06-01\nz,7\n")) fromFiles.push_back(line);
    EXPECT_EQ(fromFiles, expected) << ::testing::PrintToString(describe(diagnostics, sources));
    EXPECT_EQ(rows("note", "n.json", R"([{"c0": "x", "c1": "\"a, \\\"b\\\"\""}, {"c0": "z", "c1": 7}])"),
              (std::vector<std::string>{expected[2], expected[4]}));

    for (const std::string& fact : expected) {
        auto asked = engine.parseFact(fact, diagnostics);
        ASSERT_TRUE(asked) << fact;
        EXPECT_EQ(show(asked->first, asked->second), fact);
    }
}

// `--facts` reported only the first bad row, and checked UTF-8 only in CSV; the import
// reader reported every row and checked every format. Now both are the import reader.
TEST_F(FactTextTest, FactFilesReportEveryBadRowAndCheckTheEncodingInEveryFormat) {
    load("");
    dsl::Diagnostics diagnostics;
    EXPECT_FALSE(engine.loadFactFile("price", write("bad.tsv", "x\tcheap\ny\t2\nz\tdear\n"), diagnostics));
    EXPECT_EQ(describe(diagnostics, engine.sources()),
              (std::vector<std::string>{"1:3: error: 'cheap' is not a decimal (column 'amount' of 'price')",
                                        "3:3: error: 'dear' is not a decimal (column 'amount' of 'price')"}));

    dsl::Diagnostics encoding;
    EXPECT_FALSE(engine.loadFactFile("price", write("latin1.tsv", "caf\xe9\t2\n"), encoding));
    ASSERT_EQ(encoding.errorCount(), 1u);
    EXPECT_NE(encoding.items()[0].message.find("UTF-8"), std::string::npos) << encoding.items()[0].message;
}

// `--facts` read an untyped column's `"quoted"` as a symbol with quotes, and ignored
// nothing it could not place; now it reads rule text, and a row's _confidence, _source,
// _since and _until make it a fact of its own, as `accord import` keeps them.
TEST_F(FactTextTest, FactFilesReadRuleTextAndAnnotations) {
    load("");
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(engine.loadFactFile("note",
                                    write("notes.csv",
                                          "c0,c1,_confidence,_source,_since\n"
                                          "x,\"\"\"quoted\"\"\",,,\n"
                                          "y,plain,0.5,Reuters,2024-01-01\n"),
                                    diagnostics))
        << ::testing::PrintToString(describe(diagnostics, engine.sources()));
    engine.run({.asOf = dsl::parseDate("2024-06-01")->days});
    EXPECT_EQ(heldFacts(engine),
              (std::set<std::string>{"note(w, 1) @1", "note(x, \"quoted\") @1", "note(y, plain) @0.5", "stock(a, 3) @1"}));
    engine.run({.asOf = dsl::parseDate("2023-06-01")->days});
    EXPECT_EQ(heldFacts(engine), (std::set<std::string>{"note(w, 1) @1", "note(x, \"quoted\") @1", "stock(a, 3) @1"}));
}

// A file's repeated rows are one fact: removing it counts one for the file, and one for
// each statement of the rule files; afterwards no run sees it.
TEST_F(FactTextTest, RemovingAFactFromAFileCountsTheFileOnce) {
    load("");
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(engine.loadFactFile("stock", write("stock.tsv", "a\t3\nb\t1\na\t3\n"), diagnostics));
    run();
    EXPECT_EQ(query("stock(I, N)"), (std::vector<std::string>{"a, 3", "b, 1"}));
    const engine::Tuple a3{engine::Value::symbol(engine.symbols().find("a")), engine::Value::integer(3)};
    EXPECT_EQ(engine.removeFact("stock", a3), 2u);  // stock(a, 3). in kPrices, and the file
    EXPECT_EQ(engine.removeFact("stock", a3), 0u);
    run();
    EXPECT_EQ(query("stock(I, N)"), std::vector<std::string>{"b, 1"});
}

// A query constant that no value of its column can equal was 0 rows, silently.
TEST_F(FactTextTest, AQueryConstantThatCannotFitItsColumnIsAnError) {
    load("price(x, 3).\n");
    run();
    EXPECT_EQ(query("price(I, cheap)"), std::vector<std::string>{"1:10: error: 'cheap' is not a decimal (column 'amount' of 'price')"});
    EXPECT_EQ(query("stock(I, 2.5)"), std::vector<std::string>{"1:10: error: '2.5' is not an integer (column 'count' of 'stock')"});
    EXPECT_EQ(query("prise(I, A)"), std::vector<std::string>{"1:1: error: unknown relation 'prise' in the loaded rules"});
}

// Every query and question added its text to the program's sources, for good: a long repl
// session or a `needs` search grew without bound. Text is kept only when a diagnostic
// points into it.
TEST_F(FactTextTest, QuestionsDoNotPileUpInTheSources) {
    load("price(x, 3).\n");
    run();
    const std::size_t files = engine.sources().size();
    dsl::Diagnostics diagnostics;
    for (int i = 0; i < 100; ++i) {
        ASSERT_TRUE(engine.query("price(I, A)", diagnostics));
        ASSERT_TRUE(engine.parseFact("price(x, 3)", diagnostics));
    }
    EXPECT_EQ(engine.sources().size(), files);
    EXPECT_FALSE(engine.query("price(I, A", diagnostics));
    EXPECT_EQ(engine.sources().size(), files + 1);  // the diagnostic shows its line
    EXPECT_FALSE(describe(diagnostics, engine.sources()).empty());
}

TEST_F(FactTextTest, AFactAskedAboutIsOneGroundFactWithoutAnnotations) {
    load("");
    auto refusal = [&](const std::string& text) {
        dsl::Diagnostics diagnostics;
        EXPECT_FALSE(engine.parseFact(text, diagnostics)) << text;
        auto lines = describe(diagnostics, engine.sources());
        return lines.empty() ? std::string() : lines.front();
    };
    EXPECT_EQ(refusal("price(X, 3)"), "1:7: error: a fact's arguments are constants");
    EXPECT_EQ(refusal("price(x, 3) @0.5"), "1:1: error: a fact asked about has no annotations (@, source, since, until)");
    EXPECT_EQ(refusal("price(x, 3). price(y, 3)"), "<fact>: error: 'price(x, 3). price(y, 3)' is 2 facts; give one");
    EXPECT_EQ(refusal("price(x)"), "1:1: error: 'price' takes 2 arguments");
}

// A symbol imported from a table (`United Kingdom`) could not be written in rule text, and
// what was printed did not parse back. Every symbol now prints as rule text reads it: bare
// when a plain word, else quoted; random names make the round trip through every reading.
TEST_F(FactTextTest, EverySymbolPrintsAsRuleTextThatReadsItBack) {
    load("");
    std::vector<std::string> names{"United Kingdom", "it's",  "today", "42", "2024-06-01", "\"x\"",      "back\\slash",
                                   "tab\there",      "Upper", "a.b",   "",   "'",          "plain_word9"};
    std::mt19937 random(7);
    const std::string alphabet = "aZ 9_.'\"\\\t\n#%-(),:";
    for (int i = 0; i < 200; ++i) {
        std::string name;
        for (std::size_t n = random() % 6; n > 0; --n) name += alphabet[random() % alphabet.size()];
        names.push_back(name);
    }
    for (const std::string& name : names) {
        engine::Value symbol = engine::Value::symbol(engine.symbols().intern(name));
        const std::string text = engine::formatValue(symbol, engine.symbols());
        EXPECT_EQ(engine::parseValue(text, std::nullopt, engine.symbols()), symbol) << text;  // an untyped column's text
        dsl::Diagnostics diagnostics;
        auto fact = engine.parseFact("note(" + text + ", 1)", diagnostics);
        ASSERT_TRUE(fact) << text << ::testing::PrintToString(describe(diagnostics, engine.sources()));
        EXPECT_EQ(fact->second[0], symbol) << text;
        EXPECT_EQ(dsl::isPlainSymbol(name), text == name) << text;
    }
}

// A table's value that is no plain word becomes a quoted symbol: the import says so once per
// column, and a query that spells it as a string, finding nothing, says why.
TEST_F(FactTextTest, ImportWarnsOfQuotedSymbolsAndAQueryOfTheirStringSaysWhyItMissed) {
    load("");
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(
        engine.loadFactFile("note", write("n.csv", "c0,c1\nUnited Kingdom,1\nNew Zealand,2\n'Costa Rica',3\nchile,4\n"), diagnostics));
    EXPECT_EQ(describe(diagnostics, engine.sources()),
              std::vector<std::string>{
                  "2:1: warning: the value United Kingdom becomes the symbol 'United Kingdom', quoted in rules and outputs as it is not a "
                  "lowercase word"});
    run();
    EXPECT_EQ(query("note('Costa Rica', N)"), std::vector<std::string>{"3"});
    EXPECT_EQ(
        query("note(\"United Kingdom\", N)"),
        std::vector<std::string>{"<query>: note: \"United Kingdom\" is a string; column 1 of 'note' holds the symbol 'United Kingdom'"});
    EXPECT_EQ(query("note('United Kingdom', N)"), std::vector<std::string>{"1"});
}

}  // namespace
}  // namespace accord::testing
