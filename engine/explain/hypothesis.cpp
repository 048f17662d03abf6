// Hypothetical changes (see hypothesis.hpp).
#include "accord/engine/explain/hypothesis.hpp"

#include <algorithm>

#include "accord/engine/value_format.hpp"

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

RunStats evaluateSituation(Engine& engine, const RunOptions& options, const Situation& situation, std::vector<std::string>& notFound) {
    // The facts as they were, put back however the evaluation ends (an evaluation error too).
    struct Restore {
        Engine& engine;
        const Engine::BaseFacts original;
        ~Restore() { engine.restoreBaseFacts(original); }
    } restore{engine, engine.baseFacts()};
    for (std::string& fact : applyHypothesis(engine, situation.hypothesis)) {
        if (std::find(notFound.begin(), notFound.end(), fact) == notFound.end()) notFound.push_back(std::move(fact));
    }
    RunOptions run = options;
    run.asOf = situation.asOf;
    return engine.run(run);
}

namespace {

/// Only facts and confidences are compared: no derivation is explained.
RunOptions withoutProvenance(RunOptions options) {
    options.provenance = false;
    return options;
}

}  // namespace

std::vector<ConclusionChange> compareSituations(Engine& engine, const RunOptions& options, const Situation& before, const Situation& after,
                                                std::vector<std::string>* notFound) {
    std::vector<std::string> missing;
    auto evaluate = [&](const Situation& situation) { evaluateSituation(engine, withoutProvenance(options), situation, missing); };
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

std::optional<std::vector<ConclusionChange>> whatIfRows(Engine& engine, const RunOptions& options, const Hypothesis& hypothesis,
                                                        const std::string& query, dsl::Diagnostics& diagnostics,
                                                        std::vector<std::string>* notFound) {
    std::vector<std::string> missing;
    Pattern pattern;
    auto answer = [&](const Hypothesis& change, dsl::Diagnostics& said) {
        evaluateSituation(engine, withoutProvenance(options), {options.asOf, change}, missing);
        return engine.query(query, said, &pattern);
    };
    auto before = answer({}, diagnostics);
    if (!before) return std::nullopt;
    // The same query says the same warnings again; only an error (`Y = 10 / X` once the
    // change gives X = 0) is news.
    dsl::Diagnostics afterwards;
    auto after = answer(hypothesis, afterwards);
    if (!after) {
        for (const dsl::Diagnostic& diagnostic : afterwards.items()) {
            if (diagnostic.severity == dsl::Severity::Error) diagnostics.add(diagnostic);
        }
        return std::nullopt;
    }
    if (notFound) *notFound = std::move(missing);
    return diffRows(pattern.variables, *before, *after, engine.symbols());
}

std::vector<ConclusionChange> whatIfInMemory(Engine& engine, const RunOptions& options, const Hypothesis& hypothesis,
                                             std::vector<std::string>* notFound) {
    return compareSituations(engine, options, {options.asOf, {}}, {options.asOf, hypothesis}, notFound);
}

}  // namespace accord::engine
