// Prepared statements (see statement.hpp).
#include "accord/kb/statement.hpp"

#include <sqlite3.h>

#include "accord/kb/database.hpp"

namespace accord::kb {

Statement::Statement(Statement&& other) noexcept : handle_(other.handle_), database_(other.database_) { other.handle_ = nullptr; }

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(handle_);
        handle_ = other.handle_;
        database_ = other.database_;
        other.handle_ = nullptr;
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(handle_); }

void Statement::check(int code, const char* what) const {
    if (code == SQLITE_OK) return;
    sqlite3* db = database_->handle();
    throw DatabaseError(std::string(what) + ": " + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(handle_, index, value), "cannot bind an integer");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check(sqlite3_bind_double(handle_, index, value), "cannot bind a decimal");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check(sqlite3_bind_text64(handle_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), "cannot bind text");
    return *this;
}

Statement& Statement::bindNull(int index) {
    check(sqlite3_bind_null(handle_, index), "cannot bind null");
    return *this;
}

bool Statement::step() {
    int code = sqlite3_step(handle_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    sqlite3* db = database_->handle();
    throw DatabaseError(std::string("statement failed: ") + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(handle_, column) == SQLITE_NULL; }
std::int64_t Statement::columnInteger(int column) const { return sqlite3_column_int64(handle_, column); }
double Statement::columnDecimal(int column) const { return sqlite3_column_double(handle_, column); }
int Statement::columnCount() const { return sqlite3_column_count(handle_); }

std::string Statement::columnText(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(handle_, column));
    int bytes = sqlite3_column_bytes(handle_, column);
    return text ? std::string(text, static_cast<std::size_t>(bytes)) : std::string();
}

}  // namespace accord::kb
