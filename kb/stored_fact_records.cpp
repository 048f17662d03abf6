// Stored fact records (see stored_fact_records.hpp). A fact's row is found through the
// table's value index; its premises are facts in rule syntax (the _premises column),
// parsed back into relation and values.
#include "accord/kb/stored_fact_records.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "accord/dsl/date.hpp"
#include "accord/kb/relation_table.hpp"
#include "accord/kb/statement.hpp"

namespace accord::kb {

std::optional<engine::FactRecord> StoredFactRecords::find(const engine::FactKey& key) {
    const engine::RelationPlan& relation = engine_.plan().relations[key.relation];
    std::vector<std::string> names = columnNames(relation);
    std::string where = rowFilterSql(RowFilter::Held);  // an asserted row counts when the run found it holding
    for (std::size_t c = 0; c < names.size(); ++c) where += fmt::format(" AND {} IS ?{}", Database::quoteIdentifier(names[c]), c + 1);
    Statement select =
        database_.prepare(fmt::format("SELECT _confidence, _source, _since, _until, _origin, _rule, _premises FROM {} WHERE {} "
                                      "ORDER BY _confidence DESC, _origin = 'asserted' DESC LIMIT 1",
                                      Database::quoteIdentifier(relation.name), where));
    for (std::size_t c = 0; c < key.tuple.size(); ++c) {
        bindValue(select, static_cast<int>(c + 1), key.tuple[c], relation.columnKinds[c], engine_.symbols());
    }
    if (!select.step()) return std::nullopt;
    engine::FactRecord record;
    record.confidence = select.columnDecimal(0);
    if (!select.isNull(1)) record.source = select.columnText(1);
    if (auto since = dsl::parseDate(select.columnText(2))) record.validity.since = since->days;
    if (auto until = dsl::parseDate(select.columnText(3))) record.validity.until = until->days;
    std::string origin = select.columnText(4);
    if (origin == "asserted") {
        record.origin = engine::FactOrigin::Asserted;
    } else if (origin == "program") {
        record.origin = engine::FactOrigin::Program;
        if (const engine::FactPlan* fact = programFact(key, record.confidence)) {  // the stored row has no validity: the program does
            record.validity = fact->validity;
            if (fact->index < engine_.catalog().facts.size()) record.location = engine_.catalog().facts[fact->index].location;
        }
    } else if (!select.isNull(5)) {
        record.origin = engine::FactOrigin::Derived;
        record.rule = static_cast<engine::RuleId>(select.columnInteger(5));
        nlohmann::json premises = nlohmann::json::parse(select.columnText(6), nullptr, /*allow_exceptions=*/false);
        for (const nlohmann::json& premise : premises.is_array() ? premises : nlohmann::json::array()) {
            if (!premise.is_string()) continue;
            dsl::Diagnostics ignored;
            if (auto fact = engine_.parseFact(premise.get<std::string>(), ignored)) {
                record.premises.push_back({fact->first, std::move(fact->second)});
            }
        }
    }
    return record;
}

const engine::FactPlan* StoredFactRecords::programFact(const engine::FactKey& key, double confidence) const {
    for (const engine::FactPlan& fact : engine_.plan().facts) {
        if (fact.relation == key.relation && fact.tuple == key.tuple && fact.validity.validOn(asOf_) && fact.confidence == confidence) {
            return &fact;
        }
    }
    return nullptr;
}

}  // namespace accord::kb
