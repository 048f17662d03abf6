// Keyed values (see keyed_values.hpp).
#include "accord/engine/explain/keyed_values.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/rule_probe.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

/// The values the relation's rules give as constants (`vote(A, C) = approve if ...`).
std::vector<Value> valuesInRuleHeads(const ProgramPlan& plan, RelationId relation) {
    std::vector<Value> values;
    const std::size_t valueColumn = plan.relations[relation].arity - 1;
    for (const RulePlan* rule : plan.basePlansDeriving(relation)) {
        if (rule->headTerms.size() <= valueColumn) continue;
        const Expression& value = rule->headTerms[valueColumn];
        if (value.op == Expression::Op::Constant && std::find(values.begin(), values.end(), value.constant) == values.end()) {
            values.push_back(value.constant);
        }
    }
    return values;
}

}  // namespace

std::optional<Tuple> valueHoldingFor(const Engine& engine, const FactKey& key) {
    const Relation& facts = engine.relations()[key.relation];
    const std::size_t keyColumns = key.tuple.size() - 1;
    for (TupleId id = 0; id < facts.size(); ++id) {
        TupleView tuple = facts.tuple(id);
        if (std::equal(tuple.begin(), tuple.begin() + static_cast<std::ptrdiff_t>(keyColumns), key.tuple.begin())) {
            return Tuple(tuple.begin(), tuple.end());
        }
    }
    return std::nullopt;
}

KeyedDecision explainKeyedValues(const Engine& engine, const FactKey& key, std::int32_t asOf) {
    KeyedDecision out;
    const ProgramPlan& plan = engine.plan();
    const RelationPlan& relation = plan.relations[key.relation];
    if (!relation.keyed || key.tuple.empty()) return out;
    std::optional<Tuple> holding = valueHoldingFor(engine, key);
    const Value* winner = holding ? &holding->back() : nullptr;
    if (holding) out.winner = formatFact(relation.name, *holding, true, engine.symbols());
    for (const Value& value : valuesInRuleHeads(plan, key.relation)) {
        if (winner && value == *winner) continue;
        FactKey candidate{key.relation, Tuple(key.tuple.begin(), key.tuple.end() - 1)};
        candidate.tuple.push_back(value);
        for (const RulePlan* derives : plan.basePlansDeriving(key.relation)) {
            // Below the minimum too: that is one of the reasons a value loses, said below.
            if (!plan.rules[derives->rule].validity.validOn(asOf) || !probeRule(*derives, candidate, engine, {.minConfidence = 0}).derives)
                continue;
            LosingValue loser;
            loser.fact = formatFact(relation.name, candidate.tuple, true, engine.symbols());
            loser.rule = describeRule(engine, derives->rule);
            const std::vector<Relation>& leftOut = engine.belowMinimum();
            std::optional<TupleId> unlikely = leftOut.empty() ? std::nullopt : leftOut[key.relation].find(candidate.tuple);
            if (unlikely) {
                loser.reason = LosingValue::Reason::BelowMinimum;
                loser.confidence = leftOut[key.relation].confidence(*unlikely);
            } else if (winner && relation.beats(*winner, value)) {
                loser.reason = LosingValue::Reason::Overridden;
            } else if (plan.rules[derives->rule].isDefault) {
                loser.reason = LosingValue::Reason::DefaultOnly;
            } else {
                loser.reason = LosingValue::Reason::BelowMinimum;  // what else leaves a derived value out
            }
            out.losers.push_back(std::move(loser));
            break;
        }
    }
    return out;
}

std::string describeLoss(const LosingValue& loser, const std::string& winner, double minConfidence) {
    auto valueOf = [](const std::string& fact) { return fact.substr(fact.rfind(" = ") + 3); };
    switch (loser.reason) {
        case LosingValue::Reason::Overridden:
            return fmt::format("{} overrides {} (the relation's resolve)", valueOf(winner), valueOf(loser.fact));
        case LosingValue::Reason::DefaultOnly:
            return winner.empty() ? "only a `by default` rule gives it"
                                  : "only a `by default` rule gives it, and another rule gives a value";
        case LosingValue::Reason::BelowMinimum:
            if (loser.confidence) {
                return fmt::format("its confidence is {}, below the minimum {}", formatConfidence(*loser.confidence),
                                   formatConfidence(minConfidence));
            }
            if (minConfidence <= 0) return "it is not among the conclusions (they may be out of date)";
            return fmt::format("with a confidence below the minimum {}, or the conclusions are out of date",
                               formatConfidence(minConfidence));
    }
    return "";
}

}  // namespace accord::engine
