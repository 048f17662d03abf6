// Every relation table of a knowledge base as sorted text rows (all columns but rowid), for
// comparing two knowledge bases exactly.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "accord/kb/database.hpp"

namespace accord::testing {

/// Table name -> its rows, each "v1|v2|...|_confidence|...|_premises" (NULL as "∅"), sorted.
using TableDump = std::map<std::string, std::vector<std::string>>;
TableDump dumpRelationTables(kb::Database& database);

/// "" when equal, else the rows of the first table that differs, each side's extra rows.
std::string dumpDifference(const TableDump& expected, const TableDump& actual);

}  // namespace accord::testing
