// A prepared SQLite statement (RAII), mirroring the C API's prepare / bind / step /
// column / finalize cycle. Values are always bound, never spliced into SQL text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace accord::kb {

class Database;

class Statement {
public:
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    /// Binds text as a copy, so the caller's buffer may go away; embedded NUL bytes are kept.
    Statement& bind(int index, std::string_view value);
    Statement& bindNull(int index);

    /// Steps once: true while a row is available.
    bool step();
    /// Steps to the end (for statements that return no rows).
    void run();
    /// Ready to run again with new bindings.
    void reset();

    bool isNull(int column) const;
    std::int64_t columnInteger(int column) const;
    double columnDecimal(int column) const;
    std::string columnText(int column) const;
    int columnCount() const;

private:
    friend class Database;
    Statement(sqlite3_stmt* handle, Database& database) : handle_(handle), database_(&database) {}
    void check(int code, const char* what) const;

    sqlite3_stmt* handle_ = nullptr;
    Database* database_ = nullptr;
};

}  // namespace accord::kb
