// Reloading a changed model never loses or corrupts asserted facts: each change the user
// reported (a renamed or added column failing with "table is locked", a decimal column
// narrowed to integer truncating 450.04 to 450 without a word, tables of removed relations
// left behind, rows written with sqlite3 ignored until --from-scratch) has its test, and a
// differential test runs random sequences of loads with random schema edits, asserts,
// imports and runs against a model of what must survive: a reload is refused exactly when
// it would drop or alter an asserted value, a refused reload leaves the file as it was, and
// after each run the knowledge base shows what the same facts give in memory.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "accord/kb/relation_table.hpp"
#include "accord/kb/statement.hpp"
#include "tests/support/kb_dump.hpp"
#include "tests/support/temporary_directory.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

class ReloadTest : public TemporaryDirectoryTest {
protected:
    void SetUp() override {
        TemporaryDirectoryTest::SetUp();
        knowledgeBase_.emplace(kb::KnowledgeBase::open((directory_ / "accord.db").string(), true));
    }

    /// Loads `rules` as the program; the diagnostics' messages ("" when it loaded).
    std::string load(const std::string& rules, const kb::ReloadOptions& options = {}, std::vector<std::string>* notes = nullptr) {
        std::string path = (directory_ / "model.rules").string();
        std::ofstream(path) << rules;
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        if (knowledgeBase_->loadRules(engine, {path}, diagnostics, options, notes)) return "";
        std::string messages;
        for (const auto& diagnostic : diagnostics.items()) messages += diagnostic.message + "\n";
        return messages.empty() ? "refused without a message" : messages;
    }

    void assertFacts(const std::string& facts) {
        dsl::Diagnostics diagnostics;
        dsl::SourceManager sources;
        ASSERT_TRUE(knowledgeBase_->changeFacts(facts, false, sources, diagnostics)) << facts;
    }

    void run(const char* day = "2024-01-01") {
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(knowledgeBase_->loadProgram(engine, diagnostics));
        knowledgeBase_->run(engine, {.asOf = dsl::parseDate(day)->days});
    }

    /// A query over what held as of the last run, as "values... confidence" lines.
    std::vector<std::string> query(const std::string& pattern) {
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        EXPECT_TRUE(knowledgeBase_->loadProgram(engine, diagnostics));
        engine.setConclusions(knowledgeBase_->readConclusions(engine));
        auto rows = engine.query(pattern, diagnostics);
        std::vector<std::string> out;
        for (const auto& row : rows.value_or(std::vector<engine::QueryRow>{})) {
            std::string line;
            for (const auto& value : row.values) line += engine::formatValue(value, engine.symbols()) + " ";
            out.push_back(line + engine::formatConfidence(row.confidence));
        }
        return out;
    }

    std::optional<kb::KnowledgeBase> knowledgeBase_;
};

const char* kPopulation = "relation population(state: symbol, millions: decimal)\ntotal(S) if S = sum { M : population(_, M) }.\n";

TEST_F(ReloadTest, RenamingAColumnKeepsTheAssertedRows) {
    ASSERT_EQ(load(kPopulation), "");
    assertFacts("population(austria, 9.1) source \"census\". population(malta, 0.5).");
    run();
    std::vector<std::string> notes;
    ASSERT_EQ(load("relation population(state: symbol, people: decimal)\ntotal(S) if S = sum { M : population(_, M) }.\n", {}, &notes), "");
    EXPECT_EQ(notes, std::vector<std::string>{"population: column 2 renamed from 'millions' to 'people'; 2 asserted rows kept"});
    run();
    EXPECT_EQ(query("population(S, M)"), (std::vector<std::string>{"austria 9.1 1", "malta 0.5 1"}));
    kb::Statement columns = knowledgeBase_->database().prepare("SELECT count(*) FROM population WHERE people = 9.1 AND _source = 'census'");
    ASSERT_TRUE(columns.step());
    EXPECT_EQ(columns.columnInteger(0), 1);
}

TEST_F(ReloadTest, AnAddedColumnNeedsAValueForTheStoredRows) {
    ASSERT_EQ(load(kPopulation), "");
    assertFacts("population(austria, 9.1).");
    const char* withYear = "relation population(state: symbol, millions: decimal, year: integer)\n";
    EXPECT_NE(load(withYear).find("relation 'population' gains column 'year', and its 1 asserted row need a value for it"),
              std::string::npos)
        << load(withYear);
    EXPECT_NE(load(withYear, {.defaults = {"population.year=soon"}}).find("not a value of type integer"), std::string::npos);
    std::vector<std::string> notes;
    ASSERT_EQ(load(withYear, {.defaults = {"population.year=2024"}}, &notes), "");
    run();
    EXPECT_EQ(query("population(S, M, Y)"), std::vector<std::string>{"austria 9.1 2024 1"});
}

TEST_F(ReloadTest, NarrowingATypeIsRefusedAndChangesNothing) {
    ASSERT_EQ(load(kPopulation), "");
    assertFacts("population(austria, 450.04). population(malta, 2.0).");
    run();
    TableDump before = dumpRelationTables(knowledgeBase_->database());
    std::string refused = load("relation population(state: symbol, millions: integer)\ntotal(S) if S = sum { M : population(_, M) }.\n");
    EXPECT_NE(refused.find("column 'millions' would change from decimal to integer, which would alter 1 of its 2 asserted rows"),
              std::string::npos)
        << refused;
    EXPECT_EQ(dumpDifference(before, dumpRelationTables(knowledgeBase_->database())), "");
    run();
    EXPECT_EQ(query("total(S)"), std::vector<std::string>{"452.04 1"});  // not 452
}

TEST_F(ReloadTest, WideningATypeKeepsTheValues) {
    ASSERT_EQ(load("relation seats(party: symbol, n: integer)\n"), "");
    assertFacts("seats(a, 3). seats(b, 4) @0.5.");
    std::vector<std::string> notes;
    ASSERT_EQ(load("relation seats(party: symbol, n: decimal)\n", {}, &notes), "");
    EXPECT_EQ(notes, std::vector<std::string>{"seats: column 'n' changed from integer to decimal; 2 asserted rows kept"});
    run();
    EXPECT_EQ(query("seats(P, N)"), (std::vector<std::string>{"a 3.0 1", "b 4.0 0.5"}));
}

TEST_F(ReloadTest, ARemovedRelationWithAssertedRowsIsRefusedUnlessItsFactsMayBeDropped) {
    ASSERT_EQ(load("relation a(x: integer)\nrelation b(x: integer)\n"), "");
    assertFacts("a(1). a(2).");
    std::string refused = load("relation b(x: integer)\n");
    EXPECT_NE(refused.find("relation 'a' is no longer in the program, and its table holds 2 asserted rows"), std::string::npos) << refused;
    EXPECT_NE(load("relation b(x: integer)\n", {.dropFacts = {"nope"}}).find("--drop-facts: no relation 'nope'"), std::string::npos);
    std::vector<std::string> notes;
    ASSERT_EQ(load("relation b(x: integer)\n", {.dropFacts = {"a"}}, &notes), "");
    EXPECT_EQ(notes, std::vector<std::string>{
                         "a: no longer in the program; its table was dropped with its 2 asserted rows, as --drop-facts allowed"});
    notes.clear();
    ASSERT_EQ(load("relation c(x: integer)\n", {}, &notes), "");  // b held nothing: dropped with a note
    EXPECT_EQ(notes, (std::vector<std::string>{"c: new relation",
                                               "b: no longer in the program; its table was dropped (it held no asserted rows)"}));
    kb::Statement tables =
        knowledgeBase_->database().prepare("SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table' AND name IN ('a', 'b', 'c')");
    ASSERT_TRUE(tables.step());
    EXPECT_EQ(tables.columnText(0), "c");
}

TEST_F(ReloadTest, RowsWrittenWithSqliteAreSeenByTheNextRunOrRefused) {
    ASSERT_EQ(load("relation edge(a: integer, b: integer)\npath(X, Y) if edge(X, Y).\npath(X, Z) if path(X, Y) and edge(Y, Z).\n"), "");
    assertFacts("edge(1, 2).");
    run();
    EXPECT_EQ(knowledgeBase_->staleness(), "");
    // What a user does in the sqlite3 shell, as docs/knowledge-base.md invites.
    knowledgeBase_->database().execute("INSERT INTO edge(a, b) VALUES (2, 3)");
    EXPECT_EQ(knowledgeBase_->staleness(), "facts of edge changed since the last run");
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(knowledgeBase_->loadProgram(engine, diagnostics));
    kb::RunReport report = knowledgeBase_->run(engine, {.asOf = dsl::parseDate("2024-01-01")->days});
    EXPECT_TRUE(report.incremental);
    EXPECT_EQ(query("path(1, Y)"), (std::vector<std::string>{"2 1", "3 1"}));
    // A value that does not fit its column is refused when it is written, with a message that says so.
    for (const char* bad :
         {"INSERT INTO edge(a, b) VALUES ('three', 4)", "INSERT INTO edge(a, b) VALUES (NULL, 4)",
          "INSERT INTO edge(a, b, _confidence) VALUES (3, 4, 1.5)", "INSERT INTO edge(a, b, _since) VALUES (3, 4, '2024-02-30')",
          "INSERT INTO edge(a, b, _origin) VALUES (3, 4, 'made up')"}) {
        try {
            knowledgeBase_->database().execute(bad);
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const kb::DatabaseError& error) {
            EXPECT_NE(std::string(error.what()).find("edge."), std::string::npos) << bad << ": " << error.what();
        }
    }
}

TEST_F(ReloadTest, DropFactsIsAPermissionUsedOnlyWhereRowsCannotFollow) {
    ASSERT_EQ(load("relation seats(party: symbol, n: decimal)\n"), "");
    assertFacts("seats(a, 3.0). seats(b, 4.5).");
    std::vector<std::string> notes;
    ASSERT_EQ(load("relation seats(party: symbol, n: decimal)\n", {.dropFacts = {"seats"}}, &notes), "");
    EXPECT_EQ(notes, std::vector<std::string>{"seats: --drop-facts was not needed: its asserted rows are kept"});
    notes.clear();
    ASSERT_EQ(load("relation seats(party: symbol, count: decimal)\n", {.dropFacts = {"seats"}}, &notes), "");  // a rename: rows follow
    EXPECT_EQ(notes, (std::vector<std::string>{"seats: column 2 renamed from 'n' to 'count'; 2 asserted rows kept",
                                               "seats: --drop-facts was not needed: its asserted rows are kept"}));
    notes.clear();
    ASSERT_EQ(load("relation seats(party: symbol, count: integer)\n", {.dropFacts = {"seats"}}, &notes), "");  // 4.5 cannot follow
    EXPECT_EQ(notes, std::vector<std::string>{
                         "seats: column 'count' changed from decimal to integer; 2 asserted rows dropped, as --drop-facts allowed"});
    EXPECT_NE(load("relation seats(party: symbol, count: integer)\n", {.defaults = {"seats.year=2024"}})
                  .find("--default seats.year=2024: not a column this reload adds"),
              std::string::npos);
}

TEST_F(ReloadTest, TheSameProgramReloadedKeepsEverything) {
    ASSERT_EQ(load(kPopulation), "");
    assertFacts("population(austria, 9.1).");
    run();
    TableDump before = dumpRelationTables(knowledgeBase_->database());
    std::vector<std::string> notes;
    ASSERT_EQ(load(kPopulation, {}, &notes), "");
    EXPECT_TRUE(notes.empty());
    EXPECT_EQ(dumpDifference(before, dumpRelationTables(knowledgeBase_->database())), "");
    EXPECT_EQ(knowledgeBase_->staleness(), "");
}

// ---- The differential test.

/// A column of the generated relation `item(key: symbol, ...)`.
struct Column {
    std::string name, type;
};

/// An asserted fact of `item`: its key, its other values (rule text) and its confidence.
struct ModelRow {
    std::string key;
    std::vector<std::string> values;
    std::string confidence;  ///< " @0.5" or ""
};

/// What must survive: the asserted facts of `item`, by their values (asserting the same
/// values again replaces the fact's annotations).
struct Model {
    std::vector<Column> columns;  ///< after `key`
    std::map<std::string, ModelRow> rows;
    bool relationPresent = true;

    std::string program() const {
        if (!relationPresent) return "relation other(x: integer)\n";
        std::string declaration = "relation item(key: symbol";
        for (const Column& column : columns) declaration += ", " + column.name + ": " + column.type;
        std::string wildcards;
        for (std::size_t c = 0; c < columns.size(); ++c) wildcards += ", _";
        return declaration + ")\nrelation other(x: integer)\nkeys(N) if N = count { K : item(K" + wildcards + ") }.\n";
    }

    std::string facts() const {
        std::string text;
        for (const auto& [id, row] : rows) text += fact(row) + row.confidence + ".\n";
        return text;
    }

    static std::string fact(const ModelRow& row) {
        std::string text = "item(" + row.key;
        for (const std::string& value : row.values) text += ", " + value;
        return text + ")";
    }
};

std::string randomValue(const std::string& type, std::mt19937_64& random) {
    int n = static_cast<int>(random() % 4);
    if (type == "integer") return std::to_string(n);
    if (type == "decimal") return n % 2 ? fmt::format("{}.5", n) : fmt::format("{}.0", n);
    if (type == "symbol") return n == 3 ? "'New Zealand'" : std::string(1, static_cast<char>('a' + n));
    if (type == "string") return fmt::format("\"s{}\"", n);
    return "2024-01-0" + std::to_string(n + 1);  // date
}

/// The value as a column of the new type keeps it, or nullopt where the reload must refuse.
std::optional<std::string> widen(const std::string& value, const std::string& from, const std::string& to) {
    if (from == to) return value;
    if (from == "integer" && to == "decimal") return value + ".0";
    if (from == "decimal" && to == "integer" && value.ends_with(".0")) return value.substr(0, value.size() - 2);
    return std::nullopt;
}

/// Imports one row of `item` from a CSV file, as `accord import` does.
void importRow(kb::KnowledgeBase& knowledgeBase, const std::filesystem::path& directory, const Model& model, const ModelRow& row) {
    std::string header = "key", line = row.key;
    for (std::size_t c = 0; c < model.columns.size(); ++c) {
        header += "," + model.columns[c].name;
        const std::string& value = row.values[c];
        bool quoted = value.starts_with('"') || value.starts_with('\'');
        line += "," + (quoted ? value.substr(1, value.size() - 2) : value);  // CSV fields of typed columns are plain
    }
    if (!row.confidence.empty()) header += ",_confidence", line += ",0.5";
    std::string path = (directory / "rows.csv").string();
    std::ofstream(path) << header << "\n" << line << "\n";
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(knowledgeBase.importFile(path, "item", std::nullopt, sources, diagnostics)) << header << "\n" << line;
}

TEST_F(ReloadTest, RandomReloadsKeepEveryAssertedValueOrAreRefusedAndChangeNothing) {
    static const char* types[] = {"integer", "decimal", "symbol", "string", "date"};
    int accepted = 0, refused = 0, compared = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        std::filesystem::remove(directory_ / "accord.db");
        std::filesystem::remove(directory_ / "accord.db-wal");
        std::filesystem::remove(directory_ / "accord.db-shm");
        knowledgeBase_.emplace(kb::KnowledgeBase::open((directory_ / "accord.db").string(), true));
        std::mt19937_64 random(seed);
        auto below = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
        Model model;
        model.columns = {{"c1", types[below(5)]}};
        ASSERT_EQ(load(model.program()), "");
        for (int step = 0; step < 14; ++step) {
            std::size_t kind = below(10);
            if (kind < 4 && model.relationPresent) {  // assert (or import) a fact
                ModelRow row{std::string(1, static_cast<char>('k' + below(6))), {}, below(3) == 0 ? " @0.5" : ""};
                for (const Column& column : model.columns) row.values.push_back(randomValue(column.type, random));
                model.rows[Model::fact(row)] = row;
                if (below(2) == 0) {
                    assertFacts(Model::fact(row) + row.confidence + ".");
                } else {
                    importRow(*knowledgeBase_, directory_, model, row);
                }
                continue;
            }
            if (kind < 6) {  // run, and compare what the knowledge base shows with an evaluation in memory
                run();
                engine::Engine memory;
                dsl::Diagnostics diagnostics;
                ASSERT_TRUE(memory.loadTexts({{"model.rules", model.program()}, {"facts.rules", model.facts()}}, diagnostics))
                    << model.facts();
                memory.run({.asOf = dsl::parseDate("2024-01-01")->days});
                for (const char* pattern : {"keys(N)"}) {
                    if (!model.relationPresent) break;
                    dsl::Diagnostics ignored;
                    auto expected = memory.query(pattern, ignored);
                    ASSERT_TRUE(expected);
                    std::vector<std::string> lines;
                    for (const auto& row : *expected) {
                        lines.push_back(engine::formatValue(row.values[0], memory.symbols()) + " " +
                                        engine::formatConfidence(row.confidence));
                    }
                    EXPECT_EQ(query(pattern), lines) << "seed " << seed << " step " << step;
                }
                if (model.relationPresent) {
                    std::string wildcards = "item(K";
                    for (std::size_t c = 0; c < model.columns.size(); ++c) wildcards += fmt::format(", V{}", c);
                    std::vector<std::string> lines;
                    dsl::Diagnostics ignored;
                    auto held = memory.query(wildcards + ")", ignored);
                    ASSERT_TRUE(held);
                    for (const auto& row : *held) {
                        std::string line;
                        for (const auto& value : row.values) line += engine::formatValue(value, memory.symbols()) + " ";
                        lines.push_back(line + engine::formatConfidence(row.confidence));
                    }
                    EXPECT_EQ(query(wildcards + ")"), lines) << "seed " << seed << " step " << step << "\n" << model.program();
                }
                ++compared;
                continue;
            }
            // A reload with a random schema edit, maybe with --drop-facts or a --default.
            Model next = model;
            kb::ReloadOptions options;
            bool mustRefuse = false;
            bool dropFacts = below(5) == 0;
            if (dropFacts) options.dropFacts = {"item"};
            std::size_t edit = below(5);
            if (!model.relationPresent) {
                next.relationPresent = true;
                next.columns = {{"c1", types[below(5)]}};
                next.rows.clear();
            } else if (edit == 0) {  // rename a column
                next.columns[below(next.columns.size())].name += "r";
            } else if (edit == 1) {  // change a column's type
                std::size_t c = below(next.columns.size());
                std::string to = types[below(5)];
                for (auto& [id, row] : next.rows) {
                    auto widened = widen(row.values[c], next.columns[c].type, to);
                    if (!widened) mustRefuse = true;
                    row.values[c] = widened.value_or("");
                }
                next.columns[c].type = to;
            } else if (edit == 2) {  // add a column, with a value for the stored rows or not
                Column added{fmt::format("c{}", 2 + random() % 100), types[below(5)]};
                next.columns.push_back(added);
                bool giveDefault = below(2) == 0;
                std::string value = randomValue(added.type, random);
                if (giveDefault)
                    options.defaults = {"item." + added.name + "=" + (added.type == "string" ? value.substr(1, value.size() - 2) : value)};
                if (!giveDefault && !next.rows.empty()) mustRefuse = true;
                for (auto& [id, row] : next.rows) row.values.push_back(value);
            } else if (edit == 3 && next.columns.size() > 1) {  // remove a column
                std::size_t c = below(next.columns.size());
                next.columns.erase(next.columns.begin() + static_cast<long>(c));
                for (auto& [id, row] : next.rows) row.values.erase(row.values.begin() + static_cast<long>(c));
                if (!next.rows.empty()) mustRefuse = true;
            } else {  // remove the relation
                next.relationPresent = false;
                if (!next.rows.empty()) mustRefuse = true;
            }
            if (dropFacts && mustRefuse) {  // the user lets this reload drop the rows that cannot follow
                mustRefuse = false;
                next.rows.clear();
            }
            if (!next.relationPresent) next.rows.clear();
            TableDump before = dumpRelationTables(knowledgeBase_->database());
            std::string messages = load(next.program(), options);
            if (mustRefuse) {
                EXPECT_NE(messages, "") << "seed " << seed << " step " << step << ": accepted a reload that drops or alters values\n"
                                        << model.program() << "->\n"
                                        << next.program();
                EXPECT_EQ(dumpDifference(before, dumpRelationTables(knowledgeBase_->database())), "")
                    << "a refused reload changed the file";
                ++refused;
            } else {
                EXPECT_EQ(messages, "") << "seed " << seed << " step " << step << ": refused a reload that keeps every value\n"
                                        << model.program() << "->\n"
                                        << next.program();
                if (messages.empty()) {
                    model = next;
                    std::map<std::string, ModelRow> rekeyed;  // the values changed: so did the facts' identities
                    for (const auto& [id, row] : model.rows) rekeyed[Model::fact(row)] = row;
                    model.rows = rekeyed;
                }
                ++accepted;
            }
        }
    }
    EXPECT_GT(accepted, 60);
    EXPECT_GT(refused, 20);
    EXPECT_GT(compared, 60);
}

}  // namespace
}  // namespace accord::testing
