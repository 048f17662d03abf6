// Where a rule's run kept to demanded tuples (RunOptions::only) may leave a partial solution:
// once the steps have bound every head column its relation is asked for by, a solution whose
// head holds no binding asked for would only derive tuples the run drops. Stopping there
// changes no derivation of a tuple the run keeps; it spares the rest of the body (a `for all`
// for each of two million pairs, where one pair was asked for).
#pragma once

#include <optional>
#include <vector>

#include "accord/engine/eval/demanded_tuples.hpp"
#include "accord/engine/plan/rule_plan.hpp"

namespace accord::engine {

class HeadGate {
public:
    /// The gate of `plan` in a run kept to `demanded`; nullopt when its head is not restricted,
    /// a column asked for is computed rather than read into a variable, or the steps bind
    /// those variables no earlier than the end.
    static std::optional<HeadGate> of(const RulePlan& plan, const DemandedTuples& demanded);

    /// Whether a solution at step `index` of the rule's own steps may go on.
    bool passes(const Steps& steps, std::size_t index, const std::vector<Value>& frame) const {
        return &steps != &plan_->steps || index != index_ || admits(frame);
    }

private:
    HeadGate(const RulePlan& plan, const DemandedTuples& demanded, ColumnMask columns, std::size_t index)
        : plan_(&plan), demanded_(&demanded), columns_(columns), index_(index) {}
    bool admits(const std::vector<Value>& frame) const;

    const RulePlan* plan_;
    const DemandedTuples* demanded_;
    ColumnMask columns_;  ///< of the head, asked for
    std::size_t index_;  ///< the first step after those that bind them
};

}  // namespace accord::engine
