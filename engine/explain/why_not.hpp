// Why a fact does not hold: for each rule that could derive it, how close it came and the
// first condition that failed; one level further down, why that condition's fact does not
// hold either (or, for a negated fact that exists, why it does). Plain data, built from an
// engine's last run; printed by why_not_format.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/engine/explain/proof.hpp"
#include "accord/engine/query.hpp"
#include "accord/engine/explain/rule_probe.hpp"

namespace accord::engine {

struct WhyNot;

/// A fact of the program (or asserted) that is not valid on the date: lapsed, or not yet in force.
struct FactOutOfForce {
    std::string fact;  ///< `restricts_arms_sales(netherlands, turkey)`
    std::string location;  ///< "file:line:col", or empty for a fact added without one
    std::string source;
    std::optional<std::string> since, until;  ///< YYYY-MM-DD; `until` is the first day it no longer holds
};

struct RuleAttempt {
    ProofRule rule;
    RuleProbe probe;
    bool inForce = true;  ///< false: the rule's validity period excludes the date
    std::vector<WhyNot> missing;  ///< why the missing facts (or counterexamples' facts) do not hold
    std::vector<ProofStep> blocking;  ///< why the negated facts that exist do
    /// Beside each counterexample of a `for all` whose consequent is negated
    /// (`not position(hungary, p14) = veto`): why the facts it finds hold.
    std::vector<std::vector<ProofStep>> counterexampleHolding;
    /// For a missing fact: facts that match it but are not valid on the date.
    std::vector<FactOutOfForce> outOfForce;
};

struct WhyNot {
    std::string goal;  ///< the fact asked about
    FactKey goalKey;  ///< the same, as a fact of the program
    bool holds = false;  ///< it holds after all (nothing to explain)
    /// It was stated or derived, but less likely than the run's minimum confidence, so it
    /// does not hold: the best confidence it had.
    std::optional<double> belowMinimum;
    double minConfidence = 0;  ///< the run's minimum confidence (0: none)
    std::vector<FactOutOfForce> outOfForce;  ///< facts equal to the goal, valid on other dates
    std::optional<ProofStep> instead;  ///< a keyed relation's other value that holds for the key
    std::string lostBecause;  ///< when a rule derives the goal's value too: why the other one wins
    bool baseRelation = false;  ///< no rule derives the relation: only a fact could make it hold
    std::vector<RuleAttempt> attempts;  ///< closest first
};

/// Explains why `goal` does not hold in `engine`'s last run (as of `asOf`), going `depth`
/// levels down into the facts the closest attempts miss.
WhyNot explainWhyNot(const Engine& engine, FactRecords& records, const FactKey& goal, std::int32_t asOf, std::size_t depth);

/// Why no way through a query's conditions holds (`vote(A, rutte) = block and
/// eu_member(A)`, engine/text/query_conditions.hpp), in `engine`'s last run: one attempt per
/// alternative of its `or`, probed as a rule's body is, closest first (`holds` when the
/// query has rows). Nullopt with diagnostics when the text is not a valid query; the
/// query's warnings go to `diagnostics` too.
std::optional<WhyNot> explainConditionsWhyNot(Engine& engine, FactRecords& records, const std::string& text, std::int32_t asOf,
                                              std::size_t depth, dsl::Diagnostics& diagnostics);

/// The facts behind a fact's absence: those that would make it hold, or make a rule derive
/// it, were they valid on `asOf` (a restriction lifted, a commitment not yet given), looked
/// for `depth` levels down its rules.
std::vector<FactOutOfForce> factsOutOfForceBehind(const Engine& engine, FactRecords& records, const FactKey& goal, std::int32_t asOf,
                                                  std::size_t depth = 2);

/// The pattern of a question that names a key of a keyed relation without its value
/// (`vote(romania, rutte)` or `= V`: why-not explains each value it could have); nullopt otherwise.
std::optional<Pattern> keyWithoutValue(Engine& engine, const std::string& text);

/// Whether a question is a valid query with variables (`appointed(C)`, `appointed(_)`): one
/// atom whose arguments are not all given is asked as conditions are (why no way through it holds).
bool queryHasVariables(Engine& engine, const std::string& text);

}  // namespace accord::engine
