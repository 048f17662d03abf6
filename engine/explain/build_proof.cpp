// Proof building (see build_proof.hpp). Best derivations are acyclic (derivation_order.hpp),
// so the recursion ends; a guard against repeating a fact on the current path keeps it
// finite even for records from elsewhere.
#include "engine/explain/build_proof.hpp"

#include <algorithm>
#include <string_view>

#include "dsl/date.hpp"
#include "engine/explain/rule_probe.hpp"
#include "engine/value_format.hpp"

namespace accord::engine {
namespace {

/// The catalog's rule text starts with its `##` lines, which a proof shows as `docs`.
std::string withoutDocComments(const std::string& text) {
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = std::string_view(text).substr(start, end - start);
        std::size_t first = line.find_first_not_of(' ');
        if (first != std::string_view::npos && line.substr(first, 2) != "##") {
            out += (out.empty() ? "" : "\n") + std::string(line);
        }
        start = end + 1;
    }
    return out;
}

class ProofBuilder {
public:
    ProofBuilder(FactRecords& records, const Engine& engine) : records_(records), engine_(engine) {}

    ProofStep build(const FactKey& key, std::size_t depth) {
        const RelationPlan& relation = engine_.plan().relations[key.relation];
        ProofStep step;
        step.fact = formatFact(relation.name, key.tuple, relation.keyed, engine_.symbols());
        std::optional<FactRecord> record = records_.find(key);
        if (!record) {
            step.missing = true;
            return step;
        }
        step.confidence = record->confidence;
        step.origin = record->origin;
        step.source = record->source;
        step.location = record->location;
        if (record->validity.since) step.since = dsl::formatDate(dsl::Date{*record->validity.since});
        if (record->validity.until) step.until = dsl::formatDate(dsl::Date{*record->validity.until});
        if (record->rule) step.rule = describeRule(engine_, *record->rule);
        if (record->premises.empty()) return step;
        bool repeats = std::find(path_.begin(), path_.end(), step.fact) != path_.end();
        if (depth == 0 || repeats) {
            step.cut = true;
            return step;
        }
        path_.push_back(step.fact);
        for (const FactKey& premise : record->premises) step.premises.push_back(build(premise, depth - 1));
        path_.pop_back();
        return step;
    }

private:
    FactRecords& records_;
    const Engine& engine_;
    std::vector<std::string> path_;
};

}  // namespace

ProofRule describeRule(const Engine& engine, RuleId id) {
    ProofRule rule;
    rule.id = id;
    if (id < engine.catalog().rules.size()) {
        const RuleDescription& description = engine.catalog().rules[id];
        rule.name = description.name;
        rule.docs = description.docs;
        rule.text = withoutDocComments(description.text);
        rule.location = description.location;
    }
    return rule;
}

ProofStep buildProof(FactRecords& records, const Engine& engine, const FactKey& key, std::size_t depth) {
    return ProofBuilder(records, engine).build(key, depth);
}

std::vector<ProofStep> allDerivations(FactRecords& records, const Engine& engine, const FactKey& key, std::size_t depth,
                                      std::size_t maxDerivations, std::int32_t asOf) {
    std::vector<ProofStep> out;
    ProofStep fact = buildProof(records, engine, key, 0);
    if (fact.missing) return out;
    if ((fact.origin == FactOrigin::Program || fact.origin == FactOrigin::Asserted) && maxDerivations > 0) out.push_back(fact);
    const ProgramPlan& plan = engine.plan();
    for (const StratumPlan& stratum : plan.strata) {
        for (const RulePlan& rule : stratum.base) {
            if (rule.head != key.relation || !plan.rules[rule.rule].validity.validOn(asOf) || out.size() >= maxDerivations) continue;
            RuleProbe probe = probeRule(rule, key, plan, engine.relations(), 200'000, maxDerivations - out.size());
            for (const std::vector<FactKey>& premises : probe.derivations) {
                ProofStep step{fact.fact, fact.confidence, FactOrigin::Derived, "", "", std::nullopt, std::nullopt,
                               describeRule(engine, rule.rule), {}, depth == 0, false};
                for (const FactKey& premise : premises) {
                    if (depth > 0) step.premises.push_back(buildProof(records, engine, premise, depth - 1));
                }
                out.push_back(std::move(step));
            }
        }
    }
    return out;
}

}  // namespace accord::engine
