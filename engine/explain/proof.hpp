// A proof: why a fact holds, as plain data — the fact, how it is supported (a rule and the
// facts that rule used, or a fact as asserted or written in the program) and the proofs of
// those facts in turn. Built by build_proof.hpp, printed by proof_format.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accord/engine/relation.hpp"

namespace accord::engine {

enum class FactOrigin { Derived, Asserted, Program, Unknown };

struct ProofRule {
    RuleId id = kNoRule;
    std::string name;  ///< `rule NAME:`, or empty
    std::string docs;  ///< its `##` comment
    /// The `## sentence:` line of its comment: how a derivation reads in words, with the
    /// rule's variables in braces (`{A} blocks {C}: its own national, {P}, is a candidate`).
    std::string sentence;
    std::string text;  ///< the rule as written (canonical layout)
    std::string location;  ///< file:line:col
};

struct ProofStep {
    std::string fact;  ///< in rule syntax: `vote(turkey, rutte) = block`
    double confidence = 1;
    FactOrigin origin = FactOrigin::Unknown;
    std::string source;  ///< the citation of a fact; empty when none
    std::string location;  ///< where a program fact is written; empty otherwise
    std::optional<std::string> since, until;  ///< validity of a fact (YYYY-MM-DD)
    std::optional<ProofRule> rule;  ///< for derived facts
    std::vector<ProofStep> premises;  ///< the facts the rule used (positive body facts)
    bool cut = false;  ///< premises not expanded: the depth limit was reached
    bool missing = false;  ///< the fact does not hold (no record of it)
    /// What lowers the confidence below that of the rule and premises: the facts under
    /// negated conditions that may hold, and the weakest case of a `for all`.
    std::vector<ProofStep> weakenedBy;
    std::string weakens;  ///< in weakenedBy: "not" or "for all"
    /// The derivation's negated conditions, each a step whose `fact` is the condition
    /// (`not met(rutte, turkey, eu_neutrality)`) and whose `premises` are the facts that would
    /// make its atom hold but are not valid on the date (`outOfForce`): a restriction lifted,
    /// a commitment not yet given.
    std::vector<ProofStep> absent;
    bool outOfForce = false;  ///< a fact not valid on the date (see `absent`)
    bool negated = false;  ///< in `absent`: a negated condition, which holds
    /// The rule's variables in this derivation (found when the rule has a sentence to fill).
    std::vector<std::pair<std::string, std::string>> bindings;
};

}  // namespace accord::engine
