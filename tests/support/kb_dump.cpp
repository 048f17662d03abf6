// Knowledge-base dumps (see kb_dump.hpp).
#include "tests/support/kb_dump.hpp"

#include <algorithm>

#include "accord/kb/statement.hpp"

namespace accord::testing {

TableDump dumpRelationTables(kb::Database& database) {
    TableDump tables;
    std::vector<std::string> names;
    kb::Statement relations = database.prepare("SELECT name FROM accord_relations ORDER BY name");
    while (relations.step()) names.push_back(relations.columnText(0));
    for (const std::string& name : names) {
        std::vector<std::string>& rows = tables[name];
        kb::Statement select = database.prepare("SELECT * FROM " + kb::Database::quoteIdentifier(name));
        while (select.step()) {
            std::string row;
            for (int c = 0; c < select.columnCount(); ++c) row += (c ? "|" : "") + (select.isNull(c) ? "∅" : select.columnText(c));
            rows.push_back(std::move(row));
        }
        std::sort(rows.begin(), rows.end());
    }
    return tables;
}

std::string dumpDifference(const TableDump& expected, const TableDump& actual) {
    std::string out;
    for (const auto& [table, rows] : expected) {
        auto found = actual.find(table);
        const std::vector<std::string> none;
        const std::vector<std::string>& other = found == actual.end() ? none : found->second;
        if (rows == other) continue;
        out += "table " + table + ":\n";
        for (const std::string& row : rows) {
            if (!std::binary_search(other.begin(), other.end(), row)) out += "  only expected: " + row + "\n";
        }
        for (const std::string& row : other) {
            if (!std::binary_search(rows.begin(), rows.end(), row)) out += "  only actual:   " + row + "\n";
        }
        if (rows.size() != other.size())
            out += "  (" + std::to_string(rows.size()) + " rows expected, " + std::to_string(other.size()) + ")\n";
    }
    for (const auto& [table, rows] : actual) {
        if (!expected.count(table)) out += "table " + table + " is not expected\n";
    }
    return out;
}

}  // namespace accord::testing
