// The SQLite layer: WAL, transactions that commit or roll back whole, hostile values and
// names round-tripping as data, and clear errors for unusable files and locks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "accord/kb/database.hpp"
#include "accord/kb/statement.hpp"
#include "tests/support/temporary_directory.hpp"

namespace accord::testing {
namespace {

namespace fs = std::filesystem;

class DatabaseTest : public TemporaryDirectoryTest {
protected:
    void SetUp() override {
        TemporaryDirectoryTest::SetUp();
        path_ = (directory_ / "test.db").string();
    }

    std::int64_t count(kb::Database& db, const std::string& table) {
        kb::Statement statement = db.prepare("SELECT count(*) FROM " + kb::Database::quoteIdentifier(table));
        EXPECT_TRUE(statement.step());
        return statement.columnInteger(0);
    }

    std::string path_;
};

TEST_F(DatabaseTest, OpensInWalMode) {
    kb::Database db = kb::Database::open(path_);
    kb::Statement mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.columnText(0), "wal");
}

TEST_F(DatabaseTest, TransactionCommitsOrRollsBackWhole) {
    kb::Database db = kb::Database::open(path_);
    db.execute("CREATE TABLE t(x INTEGER)");
    {
        kb::Transaction transaction(db);
        db.prepare("INSERT INTO t VALUES (?1)").bind(1, std::int64_t{1}).run();
        db.prepare("INSERT INTO t VALUES (?1)").bind(1, std::int64_t{2}).run();
        // no commit: rolled back when the guard goes away
    }
    EXPECT_EQ(count(db, "t"), 0);
    {
        kb::Transaction transaction(db);
        db.prepare("INSERT INTO t VALUES (?1)").bind(1, std::int64_t{3}).run();
        transaction.commit();
    }
    EXPECT_EQ(count(db, "t"), 1);
}

TEST_F(DatabaseTest, HostileValuesRoundTripAsData) {
    kb::Database db = kb::Database::open(path_);
    db.execute("CREATE TABLE t(v TEXT)");
    const std::string hostile[] = {
        "it's", "\"quoted\"", "x'); DROP TABLE t; --", std::string("nul\0byte", 8), std::string(1 << 20, 'z'), "caf\xC3\xA9", ""};
    for (const std::string& value : hostile) db.prepare("INSERT INTO t VALUES (?1)").bind(1, value).run();
    kb::Statement read = db.prepare("SELECT v FROM t ORDER BY rowid");
    for (const std::string& value : hostile) {
        ASSERT_TRUE(read.step());
        EXPECT_EQ(read.columnText(0), value);
    }
    EXPECT_FALSE(read.step());
}

TEST_F(DatabaseTest, QuotedIdentifiersHoldAnyName) {
    kb::Database db = kb::Database::open(path_);
    const std::string name = "vote\"; DROP TABLE x; --";
    db.execute("CREATE TABLE " + kb::Database::quoteIdentifier(name) + "(a TEXT)");
    db.prepare("INSERT INTO " + kb::Database::quoteIdentifier(name) + " VALUES (?1)").bind(1, std::string_view("ok")).run();
    EXPECT_EQ(count(db, name), 1);
}

TEST_F(DatabaseTest, UnusableFilesGiveClearErrors) {
    EXPECT_THROW(kb::Database::open((directory_ / "missing" / "x.db").string()), kb::DatabaseError);
    EXPECT_THROW(kb::Database::open((directory_ / "none.db").string(), kb::Database::Mode::ReadOnly), kb::DatabaseError);
    std::ofstream(directory_ / "garbage.db") << std::string(4096, 'G');
    try {
        kb::Database db = kb::Database::open((directory_ / "garbage.db").string());
        db.execute("CREATE TABLE t(x)");
        ADD_FAILURE() << "a file that is not a database was accepted";
    } catch (const kb::DatabaseError& error) {
        EXPECT_NE(std::string(error.what()).find("not a database"), std::string::npos) << error.what();
    }
}

TEST_F(DatabaseTest, ASecondWriterGetsABusyError) {
    kb::Database first = kb::Database::open(path_);
    first.execute("CREATE TABLE t(x)");
    kb::Transaction holding(first);
    kb::Database second = kb::Database::open(path_, kb::Database::Mode::ReadWrite, /*busyTimeoutMs=*/50);
    try {
        kb::Transaction blocked(second);
        ADD_FAILURE() << "two writers at once";
    } catch (const kb::DatabaseError& error) {
        EXPECT_TRUE(error.isBusy()) << error.what();
    }
    // Readers still see the last committed state while the writer holds its lock.
    EXPECT_EQ(count(second, "t"), 0);
}

}  // namespace
}  // namespace accord::testing
