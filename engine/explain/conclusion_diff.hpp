// The difference between two states of a relation (before and after a hypothetical change):
// facts added, removed, and changed — a keyed relation's value, or a confidence.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/query.hpp"
#include "accord/engine/relation.hpp"

namespace accord::engine {

struct ConclusionChange {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Added;
    RelationId relation = 0;  ///< a query's row (diffRows): kQueryRow
    Tuple tuple;  ///< after (before, when removed); a query's row: its values
    std::string before;  ///< the fact before (empty when added)
    std::string after;  ///< the fact after (empty when removed)
    double confidenceBefore = 0, confidenceAfter = 0;
};

/// The changes from `before` to `after` (two states of relation `relation`, values in one
/// symbol table), ordered by fact.
std::vector<ConclusionChange> diffRelation(RelationId relation, const ProgramPlan& plan, const Relation& before, const Relation& after);

/// The relation of a change to a query's answer rather than to a relation.
inline constexpr RelationId kQueryRow = std::numeric_limits<RelationId>::max();

/// The changes from one answer of a query of several conditions to another (rows with one
/// value per variable of `variables`, as runConditionsQuery gives them): rows added,
/// removed, or holding with another confidence, each written `A = hungary, P = p14` (or
/// "the conditions hold", when they have no variables), in the order of their values.
std::vector<ConclusionChange> diffRows(const std::vector<std::string>& variables, const std::vector<QueryRow>& before,
                                       const std::vector<QueryRow>& after, const SymbolTable& symbols);

/// `+ fact`, `- fact`, `~ before -> after` lines with confidences.
std::string formatChanges(const std::vector<ConclusionChange>& changes);
/// Keeps the changes to facts that match `pattern` (a query's one atom).
void keepMatching(std::vector<ConclusionChange>& changes, const Pattern& pattern);
nlohmann::json changesToJson(const std::vector<ConclusionChange>& changes);

}  // namespace accord::engine
