// Why-not explanations (see why_not.hpp).
#include "accord/engine/explain/why_not.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/keyed_values.hpp"
#include "accord/engine/text/query_conditions.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

class WhyNotBuilder {
public:
    /// `withProofs`: build the proofs of the facts that hold where a negation fails (not
    /// wanted when only the facts of other dates are looked for, and costly: each proof
    /// looks behind its own negated conditions).
    WhyNotBuilder(const Engine& engine, FactRecords& records, std::int32_t asOf, bool withProofs = true)
        : engine_(engine), records_(records), asOf_(asOf), withProofs_(withProofs) {}

    WhyNot explain(const FactKey& goal, std::size_t depth) {
        const ProgramPlan& plan = engine_.plan();
        const RelationPlan& relation = plan.relations[goal.relation];
        WhyNot out;
        out.goal = formatFact(relation.name, goal.tuple, relation.keyed, engine_.symbols());
        out.goalKey = goal;
        out.minConfidence = engine_.minConfidence();
        if (records_.find(goal)) {
            out.holds = true;
            return out;
        }
        out.belowMinimum = belowMinimum(goal);
        std::vector<std::optional<Value>> wholeGoal(goal.tuple.begin(), goal.tuple.end());
        out.outOfForce = factsOutOfForce(goal.relation, wholeGoal);
        if (relation.keyed) out.instead = otherValue(goal);
        if (out.instead) {
            KeyedDecision decision = explainKeyedValues(engine_, goal, asOf_);
            for (const LosingValue& loser : decision.losers) {
                if (loser.fact == out.goal) out.lostBecause = describeLoss(loser, decision.winner, engine_.minConfidence());
            }
        }
        for (const RulePlan* rulePlan : plan.basePlansDeriving(goal.relation)) {
            RuleAttempt attempt = probe(*rulePlan, goal, depth);
            if (attempt.probe.headMatches) out.attempts.push_back(std::move(attempt));
        }
        out.baseRelation = out.attempts.empty() && !plan.isDerived(goal.relation);
        sortClosestFirst(out.attempts);
        return out;
    }

    WhyNot explainConditions(const std::string& text, const ConditionsQuery& query, std::size_t depth) {
        const std::vector<RulePlan>& alternatives = query.alternatives;
        WhyNot out;
        out.goal = text;
        out.minConfidence = engine_.minConfidence();
        // The query's head is the relation after the program's, and has no columns: a probe
        // for it looks for any way through the conditions.
        out.goalKey = {static_cast<RelationId>(engine_.plan().relations.size()), {}};
        for (std::size_t i = 0; i < alternatives.size(); ++i) {
            RuleAttempt attempt;
            attempt.rule.name = alternatives.size() == 1 ? "the query" : fmt::format("alternative {} ({})", i + 1, query.texts[i]);
            attempt.rule.text = query.texts[i];
            probeInto(attempt, alternatives[i], out.goalKey, depth);
            out.attempts.push_back(std::move(attempt));
        }
        sortClosestFirst(out.attempts);
        return out;
    }

private:
    /// Closest first: rules that derive it (and lost to another value), then by fewest
    /// conditions left; rules out of force last.
    static void sortClosestFirst(std::vector<RuleAttempt>& attempts) {
        std::stable_sort(attempts.begin(), attempts.end(), [](const RuleAttempt& a, const RuleAttempt& b) {
            auto left = [](const RuleAttempt& x) { return x.probe.conditions - x.probe.conditionsMet; };
            return std::tuple(!a.inForce, !a.probe.derives, left(a)) < std::tuple(!b.inForce, !b.probe.derives, left(b));
        });
    }

    RuleAttempt probe(const RulePlan& rulePlan, const FactKey& goal, std::size_t depth) {
        RuleAttempt attempt;
        attempt.rule = describeRule(engine_, rulePlan.rule);
        attempt.inForce = engine_.plan().rules[rulePlan.rule].validity.validOn(asOf_);
        probeInto(attempt, rulePlan, goal, depth);
        return attempt;
    }

    void probeInto(RuleAttempt& attempt, const RulePlan& rulePlan, const FactKey& goal, std::size_t depth) {
        attempt.probe = probeRule(rulePlan, goal, engine_);
        if (!attempt.probe.failure) return;
        ConditionFailure& failure = *attempt.probe.failure;
        if (failure.kind == ConditionFailure::Kind::MissingFact) attempt.outOfForce = factsOutOfForce(failure.relation, failure.pattern);
        // Whatever the depth: a missing fact that was there, too unlikely to hold, says so.
        if (failure.missing && !failure.confidence) failure.confidence = belowMinimum(*failure.missing);
        if (withProofs_) addHoldingProofs(attempt, depth);
        if (depth == 0) return;
        if (failure.missing && engine_.plan().isDerived(failure.missing->relation)) {
            attempt.missing.push_back(explain(*failure.missing, depth - 1));
        }
        for (const ConditionFailure::Counterexample& example : failure.counterexamples) {
            if (example.fact) attempt.missing.push_back(explain(*example.fact, depth - 1));
        }
    }

    /// Why the facts that make a negation fail hold (a level or more, whatever the depth).
    void addHoldingProofs(RuleAttempt& attempt, std::size_t depth) {
        const ConditionFailure& failure = *attempt.probe.failure;
        for (const FactKey& existing : failure.existing) {  // what holds is always shown, a level or more
            attempt.blocking.push_back(buildProof(records_, engine_, existing, std::max<std::size_t>(depth, 1)));
        }
        for (const ConditionFailure::Counterexample& example : failure.counterexamples) {
            std::vector<ProofStep> holding;
            for (const FactKey& existing : example.existing)
                holding.push_back(buildProof(records_, engine_, existing, std::max<std::size_t>(depth, 1)));
            attempt.counterexampleHolding.push_back(std::move(holding));
        }
    }

    /// The confidence of a fact that was stated or derived but left out of the conclusions
    /// for being less likely than the run's minimum; nullopt when it was not.
    std::optional<double> belowMinimum(const FactKey& fact) const {
        if (engine_.belowMinimum().empty()) return std::nullopt;
        const Relation& leftOut = engine_.belowMinimum()[fact.relation];
        if (auto id = leftOut.find(fact.tuple)) return leftOut.confidence(*id);
        return std::nullopt;
    }

    /// The facts matching `pattern` (nullopt: any value) whose validity period leaves out the date.
    std::vector<FactOutOfForce> factsOutOfForce(RelationId relation, const std::vector<std::optional<Value>>& pattern) const {
        std::vector<FactOutOfForce> found;
        const auto& descriptions = engine_.catalog().facts;
        const RelationPlan& relationPlan = engine_.plan().relations[relation];
        for (const FactPlan& fact : engine_.plan().facts) {
            if (fact.relation != relation || fact.validity.validOn(asOf_) || !matches(pattern, fact.tuple)) continue;
            FactOutOfForce entry;
            entry.fact = formatFact(relationPlan.name, fact.tuple, relationPlan.keyed, engine_.symbols());
            if (fact.index < descriptions.size()) {
                entry.location = descriptions[fact.index].location;
                entry.source = descriptions[fact.index].source;
            }
            if (fact.validity.since) entry.since = dsl::formatDate(dsl::Date{*fact.validity.since});
            if (fact.validity.until) entry.until = dsl::formatDate(dsl::Date{*fact.validity.until});
            found.push_back(std::move(entry));
        }
        return found;
    }

    static bool matches(const std::vector<std::optional<Value>>& pattern, const Tuple& tuple) {
        if (pattern.size() != tuple.size()) return false;
        for (std::size_t c = 0; c < tuple.size(); ++c) {
            if (pattern[c] && !(*pattern[c] == tuple[c])) return false;
        }
        return true;
    }

    /// For a keyed relation, the value that holds for the goal's key instead (if any).
    std::optional<ProofStep> otherValue(const FactKey& goal) {
        std::optional<Tuple> holding = valueHoldingFor(engine_, goal);
        if (!holding) return std::nullopt;
        return buildProof(records_, engine_, {goal.relation, std::move(*holding)}, 1);
    }

    const Engine& engine_;
    FactRecords& records_;
    std::int32_t asOf_;
    bool withProofs_;
};

}  // namespace

WhyNot explainWhyNot(const Engine& engine, FactRecords& records, const FactKey& goal, std::int32_t asOf, std::size_t depth) {
    return WhyNotBuilder(engine, records, asOf).explain(goal, depth);
}

std::optional<WhyNot> explainConditionsWhyNot(Engine& engine, FactRecords& records, const std::string& text, std::int32_t asOf,
                                              std::size_t depth, dsl::Diagnostics& diagnostics) {
    auto rows = engine.query(text, diagnostics);
    if (!rows) return std::nullopt;
    if (!rows->empty()) {
        WhyNot holds;
        holds.goal = text;
        holds.holds = true;
        holds.minConfidence = engine.minConfidence();
        return holds;
    }
    dsl::Diagnostics repeated;  // what the checks say of the conditions was said when they were answered
    auto conditions = engine.conditionsQuery(text, repeated, QueryHead::Nothing);
    if (!conditions) throw std::logic_error("a query that was answered does not parse again: " + text);
    return WhyNotBuilder(engine, records, asOf).explainConditions(text, *conditions, depth);
}

namespace {

void collectOutOfForce(const WhyNot& whyNot, std::vector<FactOutOfForce>& out) {
    auto add = [&](const FactOutOfForce& fact) {
        bool seen = std::any_of(out.begin(), out.end(),
                                [&](const FactOutOfForce& o) { return o.location == fact.location && o.fact == fact.fact; });
        if (!seen) out.push_back(fact);
    };
    for (const FactOutOfForce& fact : whyNot.outOfForce) add(fact);
    for (const RuleAttempt& attempt : whyNot.attempts) {
        for (const FactOutOfForce& fact : attempt.outOfForce) add(fact);
        for (const WhyNot& nested : attempt.missing) collectOutOfForce(nested, out);
    }
}

}  // namespace

std::vector<FactOutOfForce> factsOutOfForceBehind(const Engine& engine, FactRecords& records, const FactKey& goal, std::int32_t asOf,
                                                  std::size_t depth) {
    std::vector<FactOutOfForce> out;
    collectOutOfForce(WhyNotBuilder(engine, records, asOf, /*withProofs=*/false).explain(goal, depth), out);
    return out;
}

std::optional<Pattern> keyWithoutValue(Engine& engine, const std::string& text) {
    dsl::Diagnostics quiet;  // not a key: the question is read as a fact, and its errors shown then
    Pattern pattern;
    if (!isOneAtom(text) || !engine.query(text, quiet, &pattern)) return std::nullopt;
    const RelationPlan& relation = engine.plan().relations[pattern.relation];
    if (!relation.keyed || pattern.columns.size() != relation.arity || pattern.columns.back().constant) return std::nullopt;
    for (std::size_t c = 0; c + 1 < pattern.columns.size(); ++c) {
        if (!pattern.columns[c].constant) return std::nullopt;
    }
    return pattern;
}

bool queryHasVariables(Engine& engine, const std::string& text) {
    dsl::Diagnostics quiet;  // not a pattern: the question is read as a fact, and its errors shown then
    Pattern pattern;
    if (!engine.query(text, quiet, &pattern)) return false;
    return std::any_of(pattern.columns.begin(), pattern.columns.end(), [](const PatternColumn& c) { return !c.constant; });
}

}  // namespace accord::engine
