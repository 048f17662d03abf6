// The difference between two states of a relation (before and after a hypothetical change):
// facts added, removed, and changed — a keyed relation's value, or a confidence.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/plan/program_plan.hpp"
#include "engine/relation.hpp"

namespace accord::engine {

struct ConclusionChange {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Added;
    RelationId relation = 0;
    Tuple tuple;  ///< after (before, when removed)
    std::string before;  ///< the fact before (empty when added)
    std::string after;  ///< the fact after (empty when removed)
    double confidenceBefore = 0, confidenceAfter = 0;
};

/// The changes from `before` to `after` (two states of relation `relation`, values in one
/// symbol table), ordered by fact.
std::vector<ConclusionChange> diffRelation(RelationId relation, const ProgramPlan& plan, const Relation& before, const Relation& after);

/// `+ fact`, `- fact`, `~ before -> after` lines with confidences.
std::string formatChanges(const std::vector<ConclusionChange>& changes);
nlohmann::json changesToJson(const std::vector<ConclusionChange>& changes);

}  // namespace accord::engine
