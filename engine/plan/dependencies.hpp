// Which relations a change can reach: the inputs of each relation's rules, and the
// closure of a set of changed relations over them (for incremental runs).
#pragma once

#include <vector>

#include "accord/engine/plan/program_plan.hpp"

namespace accord::engine {

/// For each relation, the relations its rules read: positively, negated, inside aggregates
/// and in `for all` (each listed once).
std::vector<std::vector<RelationId>> relationInputs(const ProgramPlan& plan);

/// The relations in `changed` and every relation that reads one of them, directly or not.
std::vector<bool> affectedRelations(const ProgramPlan& plan, std::vector<bool> changed);

/// `target` and every relation it reads, directly or not: those whose facts can change its.
std::vector<bool> relationsReaching(const ProgramPlan& plan, RelationId target);
/// The same from the relations' inputs (relationInputs), for a caller that asks of many targets.
std::vector<bool> relationsReaching(const std::vector<std::vector<RelationId>>& inputs, RelationId target);

/// Whether a rule of `target`, or of a relation it reads, reads `today`: its conclusions may
/// then change on any date, not only where a fact's or rule's validity begins or ends.
bool readsToday(const ProgramPlan& plan, RelationId target);

}  // namespace accord::engine
