// Fact records from an engine's last run (see fact_records.hpp).
#include "accord/engine/explain/fact_records.hpp"

namespace accord::engine {

std::optional<FactRecord> EngineFactRecords::find(const FactKey& key) {
    if (key.relation >= engine_.relations().size()) return std::nullopt;
    const Relation& relation = engine_.relations()[key.relation];
    std::optional<TupleId> id = relation.find(key.tuple);
    if (!id) return std::nullopt;
    FactRecord record;
    record.confidence = relation.confidence(*id);
    if (!relation.keepsDerivations()) return record;  // run without provenance: origin unknown
    const Derivation& derivation = relation.derivation(*id);
    if (derivation.rule != kNoRule) {
        record.origin = FactOrigin::Derived;
        record.rule = derivation.rule;
        for (const FactRef& premise : relation.premisesOf(*id)) {
            TupleView tuple = engine_.relations()[premise.relation].tuple(premise.tuple);
            record.premises.push_back({premise.relation, Tuple(tuple.begin(), tuple.end())});
        }
        return record;
    }
    const ProgramPlan& plan = engine_.plan();
    if (derivation.fact() & kBatchFact) {
        record.origin = FactOrigin::Program;
        record.source = plan.batches[derivation.fact() & ~kBatchFact].source;
        return record;
    }
    record.origin = derivation.fact() < engine_.programFactCount() ? FactOrigin::Program : FactOrigin::Asserted;
    // A fact's index is its position unless facts were removed before it (removeFact): then look for it.
    const FactPlan* fact = derivation.fact() < plan.facts.size() && plan.facts[derivation.fact()].index == derivation.fact()
                               ? &plan.facts[derivation.fact()]
                               : nullptr;
    for (std::size_t i = 0; !fact && i < plan.facts.size(); ++i) {
        if (plan.facts[i].index == derivation.fact()) fact = &plan.facts[i];
    }
    if (fact) record.validity = fact->validity;
    if (derivation.fact() < engine_.catalog().facts.size()) {
        const FactDescription& description = engine_.catalog().facts[derivation.fact()];
        record.source = description.source;
        if (record.origin == FactOrigin::Program) record.location = description.location;
    }
    return record;
}

}  // namespace accord::engine
