// EXPLAIN for rule plans: a stable text form of the compiled loops, for `accord plan`
// and for tests that assert the join order and index use (as SQLite's do_eqp_test does).
#pragma once

#include <string>

#include "engine/plan/program_plan.hpp"

namespace accord::engine {

std::string printRulePlan(const RulePlan& rule, const ProgramPlan& program);
std::string printProgramPlan(const ProgramPlan& program);

}  // namespace accord::engine
