// EXPLAIN for rule plans: a stable text form of the compiled loops, for `accord plan`
// and for tests that assert the join order and index use (as SQLite's do_eqp_test does).
#pragma once

#include <functional>
#include <string>

#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/plan/rule_catalog.hpp"

namespace accord::engine {

/// How a printed step shows a slot: by its variable's name (a plan), or by the value bound
/// to it where the step is (an explanation).
using SlotText = std::function<std::string(Slot)>;

/// An expression as rule text (`X + 1`, `(X + 1) * 2`, `-X`), slots shown by `slotText`.
std::string expressionText(const Expression& expression, const ProgramPlan& program, const SlotText& slotText);
/// A step as the condition it stands for: `vote(A, C) = approve`, `not r(X)`, `N > 2`,
/// `N = X + 1`, `count { A : q(A, M) }`, `for all ally(A): (backs(A, C) or abstains(A))`.
std::string conditionText(const Step& step, const ProgramPlan& program, const SlotText& slotText);

/// One rule's loops, slots shown by their variable's name; with a catalog, the rule's
/// title names it and its place.
std::string printRulePlan(const RulePlan& rule, const ProgramPlan& program, const RuleCatalog* catalog = nullptr);
/// Every stratum's rules, in evaluation order: each rule's base plan, then its
/// semi-naive versions (one per recursive atom, reading its delta).
std::string printProgramPlan(const ProgramPlan& program, const RuleCatalog* catalog = nullptr);

}  // namespace accord::engine
