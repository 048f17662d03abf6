// Hypothetical changes (see hypothesis.hpp).
#include "engine/explain/hypothesis.hpp"

#include "engine/value_format.hpp"

namespace accord::engine {

std::vector<bool> Hypothesis::relations(std::size_t relationCount) const {
    std::vector<bool> touched(relationCount, false);
    for (const HypotheticalFact& fact : asserts) touched[fact.relation] = true;
    for (const HypotheticalFact& fact : retracts) touched[fact.relation] = true;
    return touched;
}

std::vector<std::string> applyHypothesis(Engine& engine, const Hypothesis& hypothesis) {
    const ProgramPlan& plan = engine.plan();
    for (const HypotheticalFact& fact : hypothesis.asserts) {
        engine.addFact(plan.relations[fact.relation].name, fact.tuple, fact.confidence, fact.validity, fact.source);
    }
    std::vector<std::string> notFound;
    for (const HypotheticalFact& fact : hypothesis.retracts) {
        const RelationPlan& relation = plan.relations[fact.relation];
        if (engine.removeFact(relation.name, fact.tuple) == 0) {
            notFound.push_back(formatFact(relation.name, fact.tuple, relation.keyed, engine.symbols()));
        }
    }
    return notFound;
}

std::vector<ConclusionChange> compareSituations(Engine& engine, const RunOptions& options, const Situation& before, const Situation& after,
                                                std::vector<std::string>* notFound) {
    Engine::BaseFacts original = engine.baseFacts();
    std::vector<std::string> missing;
    auto evaluate = [&](const Situation& situation) {
        std::vector<std::string> absent = applyHypothesis(engine, situation.hypothesis);
        missing.insert(missing.end(), absent.begin(), absent.end());
        RunOptions run = options;
        run.asOf = situation.asOf;
        engine.run(run);
        engine.restoreBaseFacts(original);
    };
    evaluate(before);
    std::vector<Relation> conclusionsBefore = engine.relations();
    evaluate(after);
    if (notFound) *notFound = std::move(missing);
    std::vector<ConclusionChange> changes;
    for (RelationId r = 0; r < engine.plan().relations.size(); ++r) {
        auto relationChanges = diffRelation(r, engine.plan(), conclusionsBefore[r], engine.relations()[r]);
        changes.insert(changes.end(), relationChanges.begin(), relationChanges.end());
    }
    return changes;
}

std::vector<ConclusionChange> whatIfInMemory(Engine& engine, const RunOptions& options, const Hypothesis& hypothesis,
                                             std::vector<std::string>* notFound) {
    return compareSituations(engine, options, {options.asOf, {}}, {options.asOf, hypothesis}, notFound);
}

}  // namespace accord::engine
