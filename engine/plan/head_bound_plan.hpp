// A rule plan specialised to one head tuple: the search for the derivations of that one
// fact. Explanations (rule_probe.cpp) run it on the evaluator's own RuleRunner, so that
// "does this rule derive this fact, and how far does it get" follows the evaluator's
// semantics by construction.
//
// The head's variables hold the fact's values before the body runs, so each step that
// would have bound one compares instead: a scan's column becomes a check (or, for a number
// in an undeclared relation's column, the scan is followed by a comparison), and an
// assignment to it (`N = X + 1`, `N = count { ... }`) is followed by a comparison. The
// comparisons are by number, so the caller compares the head the rule computes at each
// solution (that comparison is exact).
#pragma once

#include <optional>
#include <vector>

#include "accord/engine/plan/program_plan.hpp"

namespace accord::engine {

struct HeadBoundPlan {
    RulePlan plan;
    std::vector<Value> frame;  ///< the starting frame: the head's variables hold the fact's values
    std::vector<bool> bound;  ///< the slots that hold a value before the body runs
    /// Per step of `plan.steps`, the index of the rule's step it comes from (a comparison
    /// added after a scan or an assignment has its origin).
    std::vector<std::size_t> origin;
};

/// The plan of `rule` that derives only `fact`, evaluated as of `asOf` (the date `today`
/// reads); nullopt when its head cannot be that fact (another constant, or one variable in
/// two columns with different values).
std::optional<HeadBoundPlan> bindHead(const RulePlan& rule, TupleView fact, const ProgramPlan& program, std::int32_t asOf);

/// The slots a step binds at its own level (not inside an aggregate or a `for all`).
std::vector<Slot> slotsBoundBy(const Step& step);

}  // namespace accord::engine
