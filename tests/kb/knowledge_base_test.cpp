// The knowledge base: programs stored all or nothing, conclusions stored by a run equal to
// those of evaluating the files, facts asserted and retracted all or nothing, hostile
// values kept as data, and files that are not (or not yet) Accord knowledge bases refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "accord/kb/statement.hpp"
#include "tests/support/temporary_directory.hpp"

namespace accord::testing {
namespace {

namespace fs = std::filesystem;

class KnowledgeBaseTest : public TemporaryDirectoryTest {
protected:
    void SetUp() override {
        TemporaryDirectoryTest::SetUp();
        path_ = (directory_ / "accord.db").string();
    }

    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(directory_ / name) << text;
        return (directory_ / name).string();
    }

    std::int64_t scalar(kb::KnowledgeBase& knowledgeBase, const std::string& sql) {
        kb::Statement statement = knowledgeBase.database().prepare(sql);
        EXPECT_TRUE(statement.step());
        return statement.columnInteger(0);
    }

    /// Rows of a query, as text, from an engine.
    static std::vector<std::string> rows(engine::Engine& engine, const std::string& query) {
        dsl::Diagnostics diagnostics;
        auto result = engine.query(query, diagnostics);
        std::vector<std::string> out;
        if (!result) return {"query failed"};
        for (const auto& row : *result) {
            std::string line;
            for (const auto& value : row.values) line += engine::formatValue(value, engine.symbols()) + " ";
            out.push_back(line + fmt::format("{:.6f}", row.confidence));
        }
        return out;
    }

    std::string path_;
};

TEST_F(KnowledgeBaseTest, AProgramWithErrorsChangesNothing) {
    std::string good = write("good.rules", "relation ally(name: symbol)\nally(a).\n");
    std::string bad = write("bad.rules", "relation ally(name: symbol)\np(X) if not ally(X).\n");
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, true);
    engine::Engine first, second;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(knowledgeBase.loadRules(first, {good}, diagnostics));
    EXPECT_FALSE(knowledgeBase.loadRules(second, {bad}, diagnostics));
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM accord_rule_files WHERE path LIKE '%good.rules'"), 1);
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM accord_rule_files"), 1);
}

TEST_F(KnowledgeBaseTest, StoredConclusionsEqualTheEvaluationOfTheFiles) {
    const std::string nato = std::string(ACCORD_SOURCE_DIR) + "/rules/nato";
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, true);
    engine::Engine loader;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(knowledgeBase.loadRules(loader, {nato}, diagnostics));
    for (const char* day : {"2023-12-15", "2024-04-01", "2024-06-19", "2024-06-21"}) {
        engine::RunOptions options;
        options.asOf = dsl::parseDate(day)->days;
        engine::Engine fromFiles, fromKb, stored;
        ASSERT_TRUE(fromFiles.loadFiles({nato}, diagnostics));
        fromFiles.run(options);
        ASSERT_TRUE(knowledgeBase.loadProgram(fromKb, diagnostics));
        knowledgeBase.run(fromKb, options);
        ASSERT_TRUE(knowledgeBase.loadProgram(stored, diagnostics));
        stored.setConclusions(knowledgeBase.readConclusions(stored));
        for (const char* query : {"vote(A, C) = V", "appointed(C)", "approvals(C, N)", "blocker(A, C)", "backs(A, C)"}) {
            EXPECT_EQ(rows(fromFiles, query), rows(stored, query)) << day << " " << query;
        }
    }
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM accord_runs"), 4);
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM vote WHERE stance = 'approve' AND candidate = 'rutte'"), 32);
}

TEST_F(KnowledgeBaseTest, FactsAreAssertedAndRetractedAllOrNothing) {
    std::string rules = write("r.rules",
                              "relation backs(ally: symbol, candidate: symbol)\nrelation note(text: string)\n"
                              "supported(C) if backs(_, C).\n");
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, true);
    engine::Engine loader;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(knowledgeBase.loadRules(loader, {rules}, diagnostics));
    dsl::SourceManager sources;
    std::size_t changed = 0;
    EXPECT_FALSE(knowledgeBase.changeFacts("backs(a, x).\nbacks(b, 3).", false, sources, diagnostics, &changed));
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM backs"), 0);  // the good row was not kept either
    dsl::Diagnostics clean;
    ASSERT_TRUE(
        knowledgeBase.changeFacts("backs(a, x) @0.7 source \"Reuters\" since 2024-01-01.\nbacks(b, y).", false, sources, clean, &changed));
    EXPECT_EQ(changed, 2u);
    const std::string hostile = "x'); DROP TABLE backs; --";
    ASSERT_TRUE(knowledgeBase.changeFacts("note(\"" + hostile + "\").", false, sources, clean, &changed));
    engine::Engine engine;
    ASSERT_TRUE(knowledgeBase.loadProgram(engine, clean));
    engine::RunOptions options;
    options.asOf = dsl::parseDate("2024-06-01")->days;
    knowledgeBase.run(engine, options);
    EXPECT_EQ(rows(engine, "supported(C)"), (std::vector<std::string>{"x 0.700000", "y 1.000000"}));
    EXPECT_EQ(rows(engine, "note(T)"), std::vector<std::string>{"\"" + hostile + "\" 1.000000"});
    ASSERT_TRUE(knowledgeBase.changeFacts("backs(a, x).", true, sources, clean, &changed));
    EXPECT_EQ(changed, 1u);
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM backs"), 1);
}

// Every value reads back from the file as itself, whatever its column: a symbol that is no
// plain word ('United Kingdom', '42', 'today'), and a decimal, which is stored as the shortest
// text that reads back (346.92, not 346.91999999999996).
TEST_F(KnowledgeBaseTest, ValuesReadBackAsThemselvesAndReadWellInTheFile) {
    std::string rules = write("r.rules",
                              "relation member(ally: symbol)\nrelation price(item: symbol, amount: decimal)\n"
                              "ally(A) if member(A).\nnoted(X) if note(X, _).\n");
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, true);
    engine::Engine loader;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(knowledgeBase.loadRules(loader, {rules}, diagnostics));
    dsl::SourceManager sources;
    std::size_t changed = 0;
    ASSERT_TRUE(
        knowledgeBase.changeFacts("member('United Kingdom').\nmember(austria).\nprice(tea, 346.92).\n"
                                  "note('United Kingdom', 0.2).\nnote('42', 346.92).\nnote('today', 1).\nnote(\"42\", 2).",
                                  false, sources, diagnostics, &changed));
    engine::Engine engine;
    ASSERT_TRUE(knowledgeBase.loadProgram(engine, diagnostics));
    knowledgeBase.run(engine, {});
    EXPECT_EQ(rows(engine, "ally(A)"), (std::vector<std::string>{"'United Kingdom' 1.000000", "austria 1.000000"}));
    EXPECT_EQ(rows(engine, "note(X, Y)"), (std::vector<std::string>{"'42' 346.92 1.000000", "'United Kingdom' 0.2 1.000000",
                                                                    "'today' 1 1.000000", "\"42\" 2 1.000000"}));
    EXPECT_EQ(rows(engine, "noted('United Kingdom')"), std::vector<std::string>{"1.000000"});
    // In the file: a symbol that reads back as itself is bare, as before symbols could be quoted.
    auto text = [&](const std::string& sql) {
        kb::Statement statement = knowledgeBase.database().prepare(sql);
        EXPECT_TRUE(statement.step());
        return statement.columnText(0);
    };
    EXPECT_EQ(text("SELECT group_concat(c0, '|') FROM (SELECT c0 FROM note ORDER BY c0)"), "\"42\"|'42'|United Kingdom|today");
    EXPECT_EQ(text("SELECT c1 FROM note WHERE c0 = '''42'''"), "346.92");
    EXPECT_EQ(text("SELECT CAST(amount AS TEXT) FROM price"), "346.92");
    EXPECT_EQ(text("SELECT ally FROM member WHERE ally <> 'austria'"), "United Kingdom");
    ASSERT_TRUE(knowledgeBase.changeFacts("member('United Kingdom').\nnote('today', 1).", true, sources, diagnostics, &changed));
    EXPECT_EQ(changed, 2u);
}

TEST_F(KnowledgeBaseTest, RefusesFilesItCannotOwn) {
    {
        kb::Database other = kb::Database::open((directory_ / "other.db").string());
        other.execute("CREATE TABLE customers(id INTEGER)");
    }
    EXPECT_THROW(kb::KnowledgeBase::open((directory_ / "other.db").string(), true), kb::DatabaseError);
    EXPECT_THROW(kb::KnowledgeBase::open((directory_ / "missing.db").string(), false), kb::DatabaseError);
    {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, true);
        knowledgeBase.database().execute("UPDATE accord_meta SET value = '99' WHERE key = 'schema_version'");
    }
    try {
        kb::KnowledgeBase::open(path_, false);
        ADD_FAILURE() << "a newer schema was accepted";
    } catch (const kb::DatabaseError& error) {
        EXPECT_NE(std::string(error.what()).find("made by a newer Accord"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace accord::testing

namespace accord::testing {
namespace {

/// A database made from a SQL script (a knowledge base as an older version wrote it).
void createFromScript(const std::string& path, const std::string& scriptPath, const std::string& extraSql = "") {
    std::ifstream script(scriptPath);
    std::string sql((std::istreambuf_iterator<char>(script)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(sql.empty()) << scriptPath;
    kb::Database database = kb::Database::open(path);
    database.execute(sql + extraSql);
}

const std::string kVersion1Fixture = std::string(ACCORD_SOURCE_DIR) + "/tests/kb/fixtures/knowledge_base_v1.sql";

TEST_F(KnowledgeBaseTest, AVersion1KnowledgeBaseIsMigratedKeepingItsFacts) {
    createFromScript(path_, kVersion1Fixture);
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, false);
    EXPECT_EQ(scalar(knowledgeBase, "SELECT value FROM accord_meta WHERE key = 'schema_version'"), 4);
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM accord_runs WHERE min_confidence = 0"),
              scalar(knowledgeBase, "SELECT count(*) FROM accord_runs"));  // older runs dropped nothing
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM backs WHERE _origin = 'asserted' AND _source = 'Reuters'"), 1);
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM pragma_table_info('supported') WHERE name = '_premises'"), 1);
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM pragma_table_info('supported') WHERE name = '_held'"), 1);
    EXPECT_EQ(scalar(knowledgeBase, "SELECT count(*) FROM accord_changes"), 0);
    // Until the next run, nothing says which asserted rows hold: the answers say so.
    EXPECT_NE(knowledgeBase.staleness().find("upgraded to schema version 3"), std::string::npos) << knowledgeBase.staleness();
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(knowledgeBase.loadProgram(engine, diagnostics));
    engine::RunOptions options;
    options.asOf = dsl::parseDate("2024-06-01")->days;
    kb::RunReport report = knowledgeBase.run(engine, options);
    EXPECT_FALSE(report.incremental);  // a version 1 run recorded no premises: nothing is reused
    EXPECT_EQ(rows(engine, "backs(A, C)"), (std::vector<std::string>{"france rutte 1.000000", "poland rutte 0.800000"}));
    kb::Statement premises = knowledgeBase.database().prepare("SELECT _premises FROM supported");
    ASSERT_TRUE(premises.step());
    EXPECT_EQ(premises.columnText(0), R"json(["backs(france, rutte)"])json");
    EXPECT_EQ(knowledgeBase.staleness(), "");
    engine::Engine stored;
    ASSERT_TRUE(knowledgeBase.loadProgram(stored, diagnostics));
    stored.setConclusions(knowledgeBase.readConclusions(stored));
    EXPECT_EQ(rows(stored, "backs(A, C)"), (std::vector<std::string>{"france rutte 1.000000", "poland rutte 0.800000"}));
    // A migrated table is recorded in accord_changes when someone writes it with sqlite3.
    knowledgeBase.database().execute("DELETE FROM backs WHERE ally = 'poland'");
    EXPECT_EQ(knowledgeBase.staleness(), "facts of backs changed since the last run");
}

TEST_F(KnowledgeBaseTest, AFailedMigrationLeavesTheFileAsItWas) {
    // accord_relations names a table that is not there: the migration's ALTER TABLE fails.
    createFromScript(path_, kVersion1Fixture, "INSERT INTO accord_relations VALUES ('lost', 1, 0, 'c0');");
    EXPECT_THROW(kb::KnowledgeBase::open(path_, false), kb::DatabaseError);
    kb::Database database = kb::Database::open(path_);
    kb::Statement version = database.prepare("SELECT value FROM accord_meta WHERE key = 'schema_version'");
    ASSERT_TRUE(version.step());
    EXPECT_EQ(version.columnText(0), "1");
    kb::Statement columns = database.prepare("SELECT count(*) FROM pragma_table_info('backs') WHERE name = '_premises'");
    ASSERT_TRUE(columns.step());
    EXPECT_EQ(columns.columnInteger(0), 0);  // the tables altered before the failure are back as they were
}

}  // namespace
}  // namespace accord::testing
