// The values a keyed relation could give (see possible_values.hpp).
#include "accord/engine/explain/possible_values.hpp"

#include <algorithm>

#include "accord/engine/value_format.hpp"

namespace accord::engine {

std::vector<Value> possibleValues(const Engine& engine, RelationId relation, std::size_t limit) {
    const ProgramPlan& plan = engine.plan();
    std::vector<Value> values;
    auto add = [&](const Value& value) {
        if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
    };
    for (const RulePlan* rule : plan.basePlansDeriving(relation)) {
        if (!rule->headTerms.empty() && rule->headTerms.back().op == Expression::Op::Constant) add(rule->headTerms.back().constant);
    }
    for (const auto& [winner, loser] : plan.relations[relation].overrides) {
        add(winner);
        add(loser);
    }
    for (const FactPlan& fact : plan.facts) {
        if (fact.relation == relation && !fact.tuple.empty()) add(fact.tuple.back());
    }
    if (relation < engine.relations().size()) {
        const Relation& held = engine.relations()[relation];
        for (TupleId t = 0; t < held.size() && values.size() < 4 * limit; ++t) add(held.tuple(t).back());
    }
    if (values.size() > limit) values.resize(limit);  // what the rules, resolution and facts name comes first
    std::sort(values.begin(), values.end(), [&](const Value& a, const Value& b) { return compareValues(a, b, engine.symbols()) < 0; });
    return values;
}

std::optional<Value> heldValue(const Engine& engine, RelationId relation, TupleView key) {
    if (relation >= engine.relations().size()) return std::nullopt;
    std::optional<Value> held;
    const Relation& tuples = engine.relations()[relation];
    ColumnMask keyColumns = firstColumns(key.size());
    tuples.forEachMatch(keyColumns, key, [&](TupleId id) {
        held = tuples.tuple(id).back();
        return false;
    });
    return held;
}

KeyValues explainKeyValues(const Engine& engine, FactRecords& records, RelationId relation, TupleView key, std::int32_t asOf,
                           std::size_t depth) {
    KeyValues result{.held = heldValue(engine, relation, key), .others = {}};
    Tuple tuple(key.begin(), key.end());
    for (const Value& value : possibleValues(engine, relation)) {
        if (result.held && value == *result.held) continue;
        tuple.push_back(value);
        result.others.push_back(explainWhyNot(engine, records, {relation, tuple}, asOf, depth));
        tuple.pop_back();
    }
    return result;
}

}  // namespace accord::engine
