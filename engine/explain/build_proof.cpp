// Proof building (see build_proof.hpp). Best derivations are acyclic (derivation_order.hpp),
// so the recursion ends; a guard against repeating a fact on the current path keeps it
// finite even for records from elsewhere.
#include "accord/engine/explain/build_proof.hpp"

#include <algorithm>
#include <string_view>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/rule_probe.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/value_format.hpp"

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
    /// A derivation found by the probe (rule_probe.hpp): what lowers its confidence, its
    /// negated conditions and its variables, which the run does not record.
    struct FoundDerivation {
        std::vector<Weakening> weakenings;
        std::vector<NegatedCondition> negations;
        Bindings bindings;
    };

    ProofBuilder(FactRecords& records, const Engine& engine) : records_(records), engine_(engine) {}

    /// One derivation of `fact` (a step holding the fact's own record) by `rule`, from the
    /// probe's premises and negated conditions.
    ProofStep fromDerivation(ProofStep fact, RuleId rule, const std::vector<FactKey>& premises, const FoundDerivation& derivation,
                             std::size_t depth) {
        fact.origin = FactOrigin::Derived;
        fact.rule = describeRule(engine_, rule);
        // This derivation's own confidence, not the fact's (that of its best derivation).
        if (std::optional<double> confidence = derivationConfidence(rule, premises, derivation.weakenings)) fact.confidence = *confidence;
        if (!fact.rule->sentence.empty()) fact.bindings = derivation.bindings;
        fact.source.clear();
        fact.location.clear();
        fact.since.reset();
        fact.until.reset();
        fact.cut = depth == 0;
        if (depth == 0) return fact;
        path_.push_back(fact.fact);
        for (const FactKey& premise : premises) fact.premises.push_back(build(premise, depth - 1));
        path_.pop_back();
        addWeakenings(fact, derivation);
        addAbsentConditions(fact, derivation.negations);
        return fact;
    }

    /// What one derivation gives (docs/semantics.md): the rule's confidence, times each
    /// premise's, times what each weakening leaves (1 - c for a fact under a negation, c for
    /// the weakest case of a `for all`). Nullopt for a rule with an aggregate, whose weakest
    /// element is not among the premises.
    std::optional<double> derivationConfidence(RuleId rule, const std::vector<FactKey>& premises,
                                               const std::vector<Weakening>& weakenings) {
        const RulePlan* plan = engine_.plan().basePlan(rule);
        if (!plan || std::any_of(plan->steps.begin(), plan->steps.end(), [](const Step& s) { return s.kind == Step::Kind::Aggregate; })) {
            return std::nullopt;
        }
        double confidence = engine_.plan().rules[rule].confidence;
        for (const FactKey& premise : premises) {
            std::optional<FactRecord> record = records_.find(premise);
            if (!record) return std::nullopt;
            confidence *= record->confidence;
        }
        for (const Weakening& weakening : weakenings) {
            confidence *= weakening.kind == Weakening::Kind::WeakestCase ? weakening.confidence : 1 - weakening.confidence;
        }
        return confidence;
    }

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
        bool repeats = std::find(path_.begin(), path_.end(), step.fact) != path_.end();
        if (!record->premises.empty() && (depth == 0 || repeats)) {
            step.cut = true;
        } else if (!record->premises.empty()) {
            path_.push_back(step.fact);
            for (const FactKey& premise : record->premises) step.premises.push_back(build(premise, depth - 1));
            path_.pop_back();
        }
        bool weakened = record->rule && lowered(step, *record);
        bool showNegations = record->rule && !step.cut && !repeats && hasNegation(*record->rule);
        bool fillsSentence = step.rule && !step.rule->sentence.empty();
        if (weakened || showNegations || fillsSentence) {
            if (auto derivation = recordedDerivation(key, *record)) {
                if (weakened) addWeakenings(step, *derivation);
                if (showNegations) addAbsentConditions(step, derivation->negations);
                if (fillsSentence) step.bindings = derivation->bindings;
            }
        }
        return step;
    }

private:
    /// Whether a derived fact's confidence is below its rule's times its premises' (read
    /// from the premises built, or looked up when the tree is cut here).
    bool lowered(const ProofStep& step, const FactRecord& record) {
        double expected = *record.rule < engine_.plan().rules.size() ? engine_.plan().rules[*record.rule].confidence : 1.0;
        if (step.cut) {
            for (const FactKey& premise : record.premises) {
                if (auto premiseRecord = records_.find(premise)) expected *= premiseRecord->confidence;
            }
        } else {
            for (const ProofStep& premise : step.premises) expected *= premise.confidence;
        }
        return step.confidence < expected * (1 - 1e-9);
    }

    std::optional<FoundDerivation> recordedDerivation(const FactKey& key, const FactRecord& record) {
        const RulePlan* rulePlan = engine_.plan().basePlan(*record.rule);
        if (!rulePlan) return std::nullopt;
        RuleProbe probe = probeRule(*rulePlan, key, engine_, {.maxDerivations = kDerivationsSearched});
        for (std::size_t i = 0; i < probe.derivations.size(); ++i) {
            // The probe lists premises in the base plan's order, the run in its (delta) plan's.
            const std::vector<FactKey>& found = probe.derivations[i];
            if (std::is_permutation(found.begin(), found.end(), record.premises.begin(), record.premises.end())) {
                return FoundDerivation{probe.weakenings[i], probe.negations[i], probe.derivationBindings[i]};
            }
        }
        return std::nullopt;
    }

    void addWeakenings(ProofStep& step, const FoundDerivation& derivation) {
        for (const Weakening& weakening : derivation.weakenings) {
            ProofStep fact = build(weakening.fact, 0);
            static const char* kinds[] = {"not", "for all", "for all not"};
            fact.weakens = kinds[static_cast<int>(weakening.kind)];
            step.weakenedBy.push_back(std::move(fact));
        }
        std::stable_sort(step.weakenedBy.begin(), step.weakenedBy.end(), [](const ProofStep& a, const ProofStep& b) {
            return std::tie(a.weakens, a.fact) < std::tie(b.weakens, b.fact);  // not in storage order
        });
    }

    /// Each negated condition of the derivation, with the facts behind its atom's absence
    /// that are valid on other dates (when the date of the conclusions is known).
    void addAbsentConditions(ProofStep& step, const std::vector<NegatedCondition>& negations) {
        for (const NegatedCondition& negation : negations) {
            if (negation.atomHolds) continue;  // not absent: an uncertain fact, shown as what lowers the confidence
            ProofStep absent;
            absent.fact = negation.text;
            absent.origin = FactOrigin::Derived;
            absent.negated = true;
            if (negation.fact && engine_.asOf()) {
                for (const FactOutOfForce& fact : factsOutOfForceBehind(engine_, records_, *negation.fact, *engine_.asOf())) {
                    absent.premises.push_back(outOfForceStep(fact));
                }
            }
            step.absent.push_back(std::move(absent));
        }
    }

    static ProofStep outOfForceStep(const FactOutOfForce& fact) {
        ProofStep step;
        step.fact = fact.fact;
        step.origin = fact.location.empty() ? FactOrigin::Asserted : FactOrigin::Program;
        step.location = fact.location;
        step.source = fact.source;
        step.since = fact.since;
        step.until = fact.until;
        step.outOfForce = true;
        return step;
    }

    bool hasNegation(RuleId rule) const {
        const RulePlan* plan = engine_.plan().basePlan(rule);
        return plan && std::any_of(plan->steps.begin(), plan->steps.end(), [](const Step& s) { return s.kind == Step::Kind::NotExists; });
    }

    /// Derivations of one fact by one rule looked at to find the recorded one.
    static constexpr std::size_t kDerivationsSearched = 64;

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
        rule.sentence = description.sentence;
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
    ProofBuilder builder(records, engine);
    // A keyed relation's `by default` rules give a value only where no other rule gives one:
    // their derivations are no reason for the fact once another rule derives it.
    std::vector<ProofStep> defaults;
    for (const RulePlan* rule : plan.basePlansDeriving(key.relation)) {
        if (!plan.rules[rule->rule].validity.validOn(asOf) || out.size() >= maxDerivations) continue;
        RuleProbe probe = probeRule(*rule, key, engine, {.maxDerivations = maxDerivations - out.size()});
        std::vector<ProofStep>& into = plan.rules[rule->rule].isDefault ? defaults : out;
        for (std::size_t i = 0; i < probe.derivations.size(); ++i) {
            ProofBuilder::FoundDerivation derivation{probe.weakenings[i], probe.negations[i], probe.derivationBindings[i]};
            into.push_back(builder.fromDerivation(fact, rule->rule, probe.derivations[i], derivation, depth));
        }
    }
    if (out.empty()) out = std::move(defaults);
    return out;
}

std::vector<ProofStep> proofsOfRow(FactRecords& records, const Engine& engine, const QueryRow& row, std::size_t depth) {
    std::vector<ProofStep> proofs;
    for (const FactRef& premise : row.premises) {
        TupleView tuple = engine.relations()[premise.relation].tuple(premise.tuple);
        proofs.push_back(buildProof(records, engine, {premise.relation, Tuple(tuple.begin(), tuple.end())}, depth));
    }
    return proofs;
}

}  // namespace accord::engine
