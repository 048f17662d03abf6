// The bridge from the checked AST to the engine (with lower_clause.hpp, and demand_plan.hpp
// which lowers rules it rewrites). Interns every constant, gives every variable a slot,
// orders each rule body (join_order.cpp) and produces semi-naive versions for recursive strata.
#pragma once

#include <vector>

#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/engine/plan/lower_clause.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/plan/rule_catalog.hpp"

namespace accord::engine {

struct LoweredProgram {
    ProgramPlan plan;
    RuleCatalog catalog;
    /// The clause of each rule, by RuleId (pointing into the loaded program's AST), for
    /// rewriting the program for one query (demand_plan.hpp).
    std::vector<dsl::Clause> ruleClauses;
};

/// A clause to lower as rule `rule`, with its variables' kinds when they are not its body's
/// own (see lowerClause).
struct ClauseRule {
    const dsl::Clause* clause = nullptr;
    RuleId rule = 0;
    const VariableKinds* kinds = nullptr;
};

/// A stratum of `members`: the plan of each of `rules` whose head is a member, reading full
/// relations, and, when `recursive`, its semi-naive versions, one per body atom of a member.
StratumPlan lowerStratum(const std::vector<ClauseRule>& rules, std::vector<RelationId> members, bool recursive,
                         const RelationLookup& lookup, SymbolTable& symbols);

LoweredProgram lowerProgram(const dsl::LoadedProgram& loaded, const dsl::CheckedProgram& checked);

}  // namespace accord::engine
