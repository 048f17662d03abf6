// Hypothetical changes (see hypothesis.hpp).
#include "engine/explain/hypothesis.hpp"

#include <algorithm>

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
    for (auto fact = hypothesis.retracts.begin(); fact != hypothesis.retracts.end(); ++fact) {
        // The same fact named twice (a scenario and --retract) was removed the first time.
        bool named = std::any_of(hypothesis.retracts.begin(), fact, [&](const HypotheticalFact& earlier) {
            return earlier.relation == fact->relation && earlier.tuple == fact->tuple;
        });
        if (named) continue;
        const RelationPlan& relation = plan.relations[fact->relation];
        if (engine.removeFact(relation.name, fact->tuple) == 0) {
            notFound.push_back(formatFact(relation.name, fact->tuple, relation.keyed, engine.symbols()));
        }
    }
    return notFound;
}

std::vector<ConclusionChange> compareSituations(Engine& engine, const RunOptions& options, const Situation& before, const Situation& after,
                                                std::vector<std::string>* notFound) {
    // The facts as they were, put back however each evaluation ends (an evaluation error too).
    struct Restore {
        Engine& engine;
        const Engine::BaseFacts& original;
        ~Restore() { engine.restoreBaseFacts(original); }
    };
    const Engine::BaseFacts original = engine.baseFacts();
    std::vector<std::string> missing;
    auto evaluate = [&](const Situation& situation) {
        Restore restore{engine, original};
        for (std::string& fact : applyHypothesis(engine, situation.hypothesis)) {
            if (std::find(missing.begin(), missing.end(), fact) == missing.end()) missing.push_back(std::move(fact));
        }
        RunOptions run = options;
        run.asOf = situation.asOf;
        run.provenance = false;  // only facts and confidences are compared: no derivation is explained
        engine.run(run);
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
