// SQLite connection, pragmas and transactions (see database.hpp).
#include "accord/kb/database.hpp"

#include <sqlite3.h>

#include "accord/kb/statement.hpp"

namespace accord::kb {

bool DatabaseError::isBusy() const {
    int primary = code_ & 0xFF;
    return primary == SQLITE_BUSY;
}

std::string DatabaseError::advice(int code) {
    switch (code & 0xFF) {
        case SQLITE_BUSY:
            return " (another process holds the knowledge base's lock: another accord command writing it, or a sqlite3 shell "
                   "with an open transaction; try again when it is done)";
        case SQLITE_LOCKED:  // a conflict inside this one connection: no other process is involved
            return " (a statement of this same command still reads the table: this is a bug in accord, please report it)";
        case SQLITE_READONLY: return " (the file or its directory is read-only: accord writes the file and a -wal file beside it)";
        case SQLITE_FULL: return " (the disk is full: nothing was written; free some space and try again)";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return " (the file is damaged or not a database: restore it from a backup)";
        case SQLITE_CANTOPEN: return " (check that the directory exists and can be written)";
        default: return "";
    }
}

namespace {

[[noreturn]] void fail(sqlite3* handle, int code, const std::string& what) {
    std::string message = what + ": " + (handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code));
    throw DatabaseError(message, handle ? sqlite3_extended_errcode(handle) : code);
}

}  // namespace

Database Database::open(const std::string& path, Mode mode, int busyTimeoutMs) {
    sqlite3* handle = nullptr;
    int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int code = sqlite3_open_v2(path.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (code != SQLITE_OK) {
        std::string message = "cannot open " + path + ": " + (handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code));
        sqlite3_close(handle);
        throw DatabaseError(message, code);
    }
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, busyTimeoutMs);
    Database database(handle, path);
    database.execute("PRAGMA foreign_keys = ON");
    if (mode == Mode::ReadWrite) {
        // WAL: readers see the last committed state while a writer works.
        database.execute("PRAGMA journal_mode = WAL");
        database.execute("PRAGMA synchronous = NORMAL");
    }
    return database;
}

Database::Database(Database&& other) noexcept : handle_(other.handle_), path_(std::move(other.path_)) { other.handle_ = nullptr; }

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close(handle_);
        handle_ = other.handle_;
        path_ = std::move(other.path_);
        other.handle_ = nullptr;
    }
    return *this;
}

Database::~Database() { sqlite3_close(handle_); }

void Database::execute(const std::string& sql) {
    char* error = nullptr;
    int code = sqlite3_exec(handle_, sql.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(code);
        sqlite3_free(error);
        throw DatabaseError(message, sqlite3_extended_errcode(handle_));
    }
}

Statement Database::prepare(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    int code = sqlite3_prepare_v2(handle_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr);
    if (code != SQLITE_OK) fail(handle_, code, "cannot prepare statement");
    return Statement(statement, *this);
}

std::string Database::tableSql(const std::string& name) {
    Statement read = prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    read.bind(1, name);
    return read.step() ? read.columnText(0) : std::string();
}

long long Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(handle_); }
int Database::changes() const { return sqlite3_changes(handle_); }

void Database::enableTriggers(bool on) {
    int code = sqlite3_db_config(handle_, SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0, nullptr);
    if (code != SQLITE_OK) fail(handle_, code, "cannot switch triggers");
}

std::string Database::quoteIdentifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

Transaction::Transaction(Database& database) : database_(database) { database_.execute("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (done_) return;
    try {
        database_.execute("ROLLBACK");
    } catch (const DatabaseError&) {
        // The transaction is gone already (SQLite rolled it back on an error): nothing to undo.
    }
}

void Transaction::commit() {
    database_.execute("COMMIT");
    done_ = true;
}

}  // namespace accord::kb
