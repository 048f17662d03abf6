// Why one rule does or does not derive one fact: the rule's body is searched with its head
// bound to the fact, by the evaluator's own runner, and the probe says how far it got (the
// most conditions met, in the plan's order) and which condition stopped it there — a
// missing fact, a negated fact that exists, a comparison that is false, a `for all` with
// counterexamples, or a derivation whose confidence falls below the run's minimum.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/engine/engine.hpp"
#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/plan/program_plan.hpp"

namespace accord::engine {

/// Variables and their values (as text), in the order the rule binds them.
using Bindings = std::vector<std::pair<std::string, std::string>>;
/// `A = hungary, P = p14`.
std::string bindingsText(const Bindings& bindings);

struct ConditionFailure {
    enum class Kind { MissingFact, NegatedFactExists, ComparisonFalse, NoValue, Counterexamples, BelowMinimum };
    Kind kind = Kind::MissingFact;
    /// BelowMinimum, NegatedFactExists when the facts under the negation are uncertain, and
    /// Counterexamples when some case holds too uncertainly: the best confidence a derivation
    /// has through this condition (below the run's minimum). MissingFact (set by why-not):
    /// the missing fact's own, when it was stated or derived below the minimum.
    std::optional<double> confidence;
    std::string condition;  ///< the condition with its bound values: `backs(hungary, rutte)`
    std::optional<FactKey> missing;  ///< MissingFact with every column bound: the fact to explain
    /// MissingFact: its relation and, per column, the value bound there (nullopt: unbound).
    RelationId relation = 0;
    std::vector<std::optional<Value>> pattern;
    /// MissingFact: the missing atom takes no value from the conditions before it (only from
    /// the head), so no other way through them would fail elsewhere.
    bool onlyHeadBindings = false;
    std::vector<FactKey> existing;  ///< NegatedFactExists: the facts that exist (certain ones, unless `confidence`)
    struct Counterexample {
        Bindings bindings;  ///< A = hungary
        std::string consequent;  ///< `vote(hungary, rutte) = approve`
        std::optional<FactKey> fact;  ///< the consequent as a fact, when it is one atom
        std::vector<FactKey> existing;  ///< a negated consequent (`not vetoes(S)`): the facts that make it fail
        std::vector<FactKey> domain;  ///< the domain's facts for this binding (without them, no counterexample)
        /// The consequent holds, but only with this confidence, which leaves the derivation
        /// below the run's minimum (nullopt: it does not hold).
        std::optional<double> confidence;
    };
    std::vector<Counterexample> counterexamples;
};

/// Something that lowers a derivation's confidence below that of its rule and premises: a
/// fact under a negated condition that holds with confidence c < 1 (the derivation counts
/// 1 - c), the weakest case of a `for all`, or the fact under a negated consequent of a
/// `for all` that leaves the least (`for all member(S): not veto(S)`, counting 1 - c).
struct Weakening {
    enum class Kind { NegatedFact, WeakestCase, WeakestNegatedCase };
    Kind kind = Kind::NegatedFact;
    FactKey fact;
    double confidence = 1;
};

/// A negated condition of a derivation, with its bindings: `not met(rutte, turkey, eu_neutrality)`.
struct NegatedCondition {
    std::string text;  ///< the condition, `not` included
    std::optional<FactKey> fact;  ///< the negated atom as a fact, when every column is bound
    bool atomHolds = false;  ///< some matching fact holds (uncertain: it lowers the derivation instead)
};

struct RuleProbe {
    bool headMatches = true;  ///< false: the rule's head cannot be this fact
    bool derives = false;  ///< every condition holds: the rule derives the fact
    std::size_t conditionsMet = 0;
    std::size_t conditions = 0;
    Bindings bindings;  ///< at the furthest point
    std::optional<ConditionFailure> failure;
    bool bounded = false;  ///< the search stopped at its budget: there may be a closer attempt
    /// When the rule derives the fact: its negated conditions, as facts (adding one of them
    /// would undo this derivation).
    std::vector<FactKey> negatedFacts;
    /// With `maxDerivations`: the positive facts of each derivation found (at most that many),
    /// and beside each, what lowers its confidence.
    std::vector<std::vector<FactKey>> derivations;
    std::vector<std::vector<Weakening>> weakenings;
    std::vector<std::vector<NegatedCondition>> negations;  ///< beside each derivation, its negated conditions
    std::vector<Bindings> derivationBindings;  ///< beside each derivation, its variables
};

struct ProbeOptions {
    std::size_t budget = 200'000;  ///< tuples visited at most by each of the probe's searches
    std::size_t maxDerivations = 0;  ///< > 0: go on after the first derivation and collect up to that many (`why --all`)
    /// The run's minimum confidence: a derivation below it does not hold, and the condition
    /// where an attempt falls below it is where the attempt stops.
    std::optional<double> minConfidence = std::nullopt;
    /// The date the rules are evaluated as of (`today`); probeRule over an engine takes its
    /// last run's unless this says otherwise.
    std::optional<std::int32_t> asOf = std::nullopt;
};

/// Probes `rule` (a base plan: every body atom reads full relations) for `goal`.
RuleProbe probeRule(const RulePlan& rule, const FactKey& goal, const ProgramPlan& plan, const std::vector<Relation>& relations,
                    const ProbeOptions& options = {});
/// The same over an engine's last run, with the run's minimum confidence unless
/// `options.minConfidence` says otherwise.
RuleProbe probeRule(const RulePlan& rule, const FactKey& goal, const Engine& engine, ProbeOptions options = {});

}  // namespace accord::engine
