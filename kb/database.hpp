// A SQLite connection (RAII) with Accord's pragmas, and a transaction guard. Together
// with statement.hpp this is the only code that includes sqlite3.h.
//
//   kb::Database db = kb::Database::open("accord.db");
//   kb::Transaction transaction(db);          // BEGIN IMMEDIATE
//   db.prepare("INSERT INTO run_log(started) VALUES (?1)").bind(1, now).run();
//   transaction.commit();                     // or ROLLBACK when it goes out of scope
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

struct sqlite3;

namespace accord::kb {

class Statement;

/// A SQLite failure, with SQLite's message and its (extended) result code.
class DatabaseError : public std::runtime_error {
public:
    /// The message gets advice for the causes a user can act on (busy, read-only, full, damaged).
    DatabaseError(const std::string& message, int code) : std::runtime_error(message + advice(code)), code_(code) {}
    int code() const { return code_; }
    /// SQLITE_BUSY: another connection holds the lock; try again later. (SQLITE_LOCKED is a
    /// conflict inside one connection, which waiting does not cure.)
    bool isBusy() const;

private:
    static std::string advice(int code);
    int code_;
};

class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };

    /// Opens (ReadWrite: creates) a database file; WAL journal, foreign keys on, a busy
    /// timeout so readers and a writer can share the file. Throws DatabaseError.
    static Database open(const std::string& path, Mode mode = Mode::ReadWrite, int busyTimeoutMs = 5000);

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    /// Runs SQL without parameters (schema, pragmas). Never with user values: use prepare().
    void execute(const std::string& sql);
    Statement prepare(const std::string& sql);
    /// The CREATE TABLE text SQLite keeps for a table; "" when there is no such table.
    std::string tableSql(const std::string& name);
    sqlite3* handle() const { return handle_; }
    const std::string& path() const { return path_; }
    long long lastInsertRowId() const;
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    int changes() const;
    /// Turns this connection's triggers off or on (SQLITE_DBCONFIG_ENABLE_TRIGGER); other
    /// connections, a user's sqlite3 shell among them, keep theirs.
    void enableTriggers(bool on);

    /// `"name"` with embedded quotes doubled: for identifiers that were validated first.
    static std::string quoteIdentifier(const std::string& name);

private:
    Database(sqlite3* handle, std::string path) : handle_(handle), path_(std::move(path)) {}
    sqlite3* handle_ = nullptr;
    std::string path_;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called.
/// Every write to the knowledge base is one of these.
class Transaction {
public:
    explicit Transaction(Database& database);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& database_;
    bool done_ = false;
};

/// BEGIN (deferred) on construction, ROLLBACK on destruction: a consistent snapshot for a
/// series of reads (WAL: the state committed when the first read happens).
class ReadTransaction {
public:
    explicit ReadTransaction(Database& database) : database_(database) { database_.execute("BEGIN"); }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    ~ReadTransaction() {
        try {
            database_.execute("ROLLBACK");
        } catch (...) {  // nothing was written: nothing to lose
        }
    }

private:
    Database& database_;
};

}  // namespace accord::kb
