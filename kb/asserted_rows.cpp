// Asserted rows (see asserted_rows.hpp). Statements are prepared once per relation: an
// import of a million rows binds and steps, it does not parse SQL a million times.
#include "accord/kb/asserted_rows.hpp"

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/kb/relation_table.hpp"

namespace accord::kb {

AssertedRowWriter::Statements& AssertedRowWriter::statementsFor(const engine::RelationPlan& relation) {
    auto found = statements_.find(relation.name);
    if (found != statements_.end()) return found->second;
    std::vector<std::string> names = columnNames(relation);
    std::string where = "_origin = 'asserted'", columns, placeholders;
    for (std::size_t c = 0; c < names.size(); ++c) {
        std::string name = Database::quoteIdentifier(names[c]);
        where += fmt::format(" AND {} IS ?{}", name, c + 1);
        columns += name + ", ";
        placeholders += fmt::format("?{}, ", c + 1);
    }
    std::size_t n = names.size();
    std::string table = Database::quoteIdentifier(relation.name);
    Statements statements{
        database_.prepare(fmt::format("DELETE FROM {} WHERE {}", table, where)),
        database_.prepare(fmt::format("INSERT INTO {} ({}_confidence, _source, _since, _until, _origin) "
                                      "VALUES ({}?{}, ?{}, ?{}, ?{}, 'asserted')",
                                      table, columns, placeholders, n + 1, n + 2, n + 3, n + 4)),
    };
    return statements_.emplace(relation.name, std::move(statements)).first->second;
}

std::size_t AssertedRowWriter::removeEqual(const engine::RelationPlan& relation, engine::TupleView tuple) {
    Statement& remove = statementsFor(relation).remove;
    remove.reset();
    for (std::size_t c = 0; c < tuple.size(); ++c) bindValue(remove, static_cast<int>(c + 1), tuple[c], relation.columnKinds[c], symbols_);
    remove.run();
    return static_cast<std::size_t>(database_.changes());
}

std::size_t AssertedRowWriter::assertRow(const engine::RelationPlan& relation, const engine::FactRow& row) {
    removeEqual(relation, row.tuple);
    Statement& insert = statementsFor(relation).insert;
    insert.reset();
    int index = 1;
    for (std::size_t c = 0; c < row.tuple.size(); ++c) bindValue(insert, index++, row.tuple[c], relation.columnKinds[c], symbols_);
    insert.bind(index++, row.confidence);
    row.source ? insert.bind(index++, *row.source) : insert.bindNull(index++);
    row.since ? insert.bind(index++, dsl::formatDate(dsl::Date{*row.since})) : insert.bindNull(index++);
    row.until ? insert.bind(index++, dsl::formatDate(dsl::Date{*row.until})) : insert.bindNull(index++);
    insert.run();
    return 1;
}

std::size_t AssertedRowWriter::retractRow(const engine::RelationPlan& relation, engine::TupleView tuple) {
    return removeEqual(relation, tuple);
}

}  // namespace accord::kb
