// Faults a knowledge base meets in use, each with a clear error that says what to do, and
// the file left as it was: another writer holding the lock, a read-only file, a full disk
// (simulated with PRAGMA max_page_count) and a damaged file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "accord/kb/knowledge_base.hpp"
#include "accord/kb/statement.hpp"
#include "tests/support/kb_dump.hpp"
#include "tests/support/temporary_directory.hpp"

namespace accord::testing {
namespace {

namespace fs = std::filesystem;

class FaultsTest : public TemporaryDirectoryTest {
protected:
    void SetUp() override {
        TemporaryDirectoryTest::SetUp();
        path_ = (directory_ / "accord.db").string();
        std::string rules = (directory_ / "r.rules").string();
        std::ofstream(rules) << "relation edge(a: integer, b: integer)\nreach(X, Y) if edge(X, Y).\n";
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, true);
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(knowledgeBase.loadRules(engine, {rules}, diagnostics));
        assertFacts(knowledgeBase, "edge(1, 2).");
    }

    static void assertFacts(kb::KnowledgeBase& knowledgeBase, const std::string& facts) {
        dsl::SourceManager sources;
        dsl::Diagnostics diagnostics;
        knowledgeBase.changeFacts(facts, false, sources, diagnostics);
    }

    /// The message of the DatabaseError `action` throws ("" if it throws none).
    template <typename Action>
    static std::string errorOf(Action&& action) {
        try {
            action();
        } catch (const kb::DatabaseError& error) {
            return error.what();
        }
        return "";
    }

    TableDump state() {
        kb::Database database = kb::Database::open(path_);
        return dumpRelationTables(database);
    }

    std::string path_;
};

TEST_F(FaultsTest, AnotherWriterHoldingTheLockGivesABusyErrorAndChangesNothing) {
    TableDump before = state();
    kb::Database other = kb::Database::open(path_);
    kb::Transaction holding(other);
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, false, /*busyTimeoutMs=*/50);
    std::string message = errorOf([&] { assertFacts(knowledgeBase, "edge(2, 3)."); });
    EXPECT_NE(message.find("another process holds the knowledge base's lock"), std::string::npos) << message;
    holding.commit();
    EXPECT_EQ(before, state());
}

TEST_F(FaultsTest, AReadOnlyFileIsRefusedWithAdvice) {
    TableDump before = state();
    std::string message;
    if (geteuid() != 0) {
        fs::permissions(path_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        fs::permissions(directory_, fs::perms::owner_read | fs::perms::owner_exec);
        message = errorOf([&] {
            kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, false);
            assertFacts(knowledgeBase, "edge(2, 3).");
        });
        fs::permissions(directory_, fs::perms::owner_all);
        fs::permissions(path_, fs::perms::owner_read | fs::perms::owner_write);
    } else {
        // root writes files whatever their mode: make the connection read-only instead.
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, false);
        knowledgeBase.database().execute("PRAGMA query_only = 1");
        message = errorOf([&] { assertFacts(knowledgeBase, "edge(2, 3)."); });
    }
    EXPECT_NE(message.find("read-only"), std::string::npos) << message;
    EXPECT_EQ(before, state());
}

TEST_F(FaultsTest, AFullDiskFailsTheWholeImportAndKeepsTheFile) {
    std::string csv = (directory_ / "many.csv").string();
    {
        std::ofstream out(csv);
        out << "a,b\n";
        for (int i = 0; i < 20000; ++i) out << i << ',' << i + 1 << '\n';
    }
    TableDump before = state();
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, false);
    kb::Statement pages = knowledgeBase.database().prepare("PRAGMA page_count");
    ASSERT_TRUE(pages.step());
    knowledgeBase.database().execute("PRAGMA max_page_count = " + std::to_string(pages.columnInteger(0) + 8));
    std::string message = errorOf([&] {
        dsl::SourceManager sources;
        dsl::Diagnostics diagnostics;
        knowledgeBase.importFile(csv, "edge", std::nullopt, sources, diagnostics);
    });
    EXPECT_NE(message.find("the disk is full: nothing was written"), std::string::npos) << message;
    EXPECT_EQ(before, state());
}

TEST_F(FaultsTest, ADamagedFileIsRefusedWithAdvice) {
    {
        kb::Database database = kb::Database::open(path_);
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    {
        std::fstream file(path_, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(100);  // past the header: the schema page
        std::string garbage(3000, '\xA5');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    std::string message = errorOf([&] {
        kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(path_, false);
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        knowledgeBase.loadProgram(engine, diagnostics);
    });
    EXPECT_NE(message.find("damaged or not a database"), std::string::npos) << message;
}

}  // namespace
}  // namespace accord::testing
