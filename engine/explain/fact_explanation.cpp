// One fact's explanation (see fact_explanation.hpp).
#include "accord/engine/explain/fact_explanation.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {

FactExplanation explainFact(FactRecords& records, const Engine& engine, const FactKey& key, std::size_t depth, std::int32_t asOf) {
    FactExplanation explanation;
    explanation.proof = buildProof(records, engine, key, depth);
    explanation.decision = explainKeyedValues(engine, key, asOf);
    // One proof can read as the only reason: count the others (up to one past the bound, to say "more than").
    std::size_t all = allDerivations(records, engine, key, 0, kOtherDerivationsCounted + 1, asOf).size();
    explanation.otherDerivations = all > 0 ? all - 1 : 0;
    return explanation;
}

nlohmann::json factExplanationJson(const FactExplanation& explanation, const Engine& engine) {
    static const char* reasons[] = {"overridden", "default_only", "below_minimum"};
    nlohmann::json proof = proofToJson(explanation.proof);
    proof["other_derivations"] = explanation.otherDerivations;
    const KeyedDecision& decision = explanation.decision;
    if (decision.losers.empty()) return proof;
    nlohmann::json values = nlohmann::json::array();
    for (const LosingValue& loser : decision.losers) {
        values.push_back({{"fact", loser.fact},
                          {"rule", ruleToJson(loser.rule)},
                          {"reason", reasons[static_cast<int>(loser.reason)]},
                          {"confidence", loser.confidence ? nlohmann::json(*loser.confidence) : nlohmann::json()},
                          {"why", describeLoss(loser, decision.winner, engine.minConfidence())}});
    }
    proof["other_values"] = std::move(values);
    return proof;
}

std::string factExplanationNotes(const FactExplanation& explanation, const Engine& engine) {
    std::string out;
    const KeyedDecision& decision = explanation.decision;
    if (!decision.losers.empty()) {
        out += "other values, which do not hold:\n";
        for (const LosingValue& loser : decision.losers) {
            out += fmt::format("  {}  (by {}): {}\n", loser.fact, ruleTitle(loser.rule),
                               describeLoss(loser, decision.winner, engine.minConfidence()));
        }
    }
    if (std::size_t others = explanation.otherDerivations; others > 0) {
        out += fmt::format("({} {} other derivation{}: `accord why --all` shows {})\n",
                           others > kOtherDerivationsCounted ? "more than" : "and", std::min(others, kOtherDerivationsCounted),
                           others == 1 ? "" : "s", others == 1 ? "it" : "them");
    }
    return out;
}

nlohmann::ordered_json rowExplanationJson(const Pattern& pattern, const QueryRow& row, const std::vector<ProofStep>& proofs,
                                          const SymbolTable& symbols) {
    nlohmann::ordered_json bindings = nlohmann::ordered_json::object(), premises = nlohmann::ordered_json::array();
    for (std::size_t v = 0; v < row.values.size(); ++v) bindings[pattern.variables[v]] = formatValue(row.values[v], symbols);
    for (const ProofStep& proof : proofs) premises.push_back(nlohmann::ordered_json(proofToJson(proof)));
    return {{"bindings", bindings}, {"confidence", row.confidence}, {"proofs", premises}};
}

}  // namespace accord::engine
