// EXPLAIN for rule plans: a stable text form of the compiled loops, for `accord plan`
// and for tests that assert the join order and index use (as SQLite's do_eqp_test does).
#pragma once

#include <string>

#include "engine/plan/program_plan.hpp"
#include "engine/plan/rule_catalog.hpp"

namespace accord::engine {

/// One rule's loops, slots shown by their variable's name; with a catalog, the rule's
/// title names it and its place.
std::string printRulePlan(const RulePlan& rule, const ProgramPlan& program, const RuleCatalog* catalog = nullptr);
/// Every stratum's rules, in evaluation order: each rule's base plan, then its
/// semi-naive versions (one per recursive atom, reading its delta).
std::string printProgramPlan(const ProgramPlan& program, const RuleCatalog* catalog = nullptr);

}  // namespace accord::engine
