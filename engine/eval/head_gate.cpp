// Head gates (see head_gate.hpp).
#include "accord/engine/eval/head_gate.hpp"

#include <algorithm>

namespace accord::engine {
namespace {

/// The first of `steps` after which `slot` is bound, + 1; nullopt when none binds it.
std::optional<std::size_t> boundAfter(const Steps& steps, Slot slot) {
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const Step& step = steps[k];
        if ((step.kind == Step::Kind::Assign || step.kind == Step::Kind::Aggregate) && step.target == slot) return k + 1;
        if (step.kind != Step::Kind::Scan) continue;
        for (const ColumnMatch& column : step.columns) {
            if (column.kind == ColumnMatch::Kind::Bind && column.slot == slot) return k + 1;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<HeadGate> HeadGate::of(const RulePlan& plan, const DemandedTuples& demanded) {
    if (!demanded.restricts(plan.head)) return std::nullopt;
    const ColumnMask columns = demanded.askedColumns(plan.head);
    std::size_t index = 0;
    for (std::size_t c = 0; c < plan.headTerms.size() && c < 64; ++c) {
        if (!(columns >> c & 1)) continue;
        const Expression& term = plan.headTerms[c];
        if (term.op == Expression::Op::Constant) continue;
        if (term.op != Expression::Op::Variable) return std::nullopt;
        std::optional<std::size_t> after = boundAfter(plan.steps, term.slot);
        if (!after) return std::nullopt;
        index = std::max(index, *after);
    }
    // Independent steps are solved once, before the others: a gate among them would be passed by.
    if (index >= plan.steps.size() || index <= plan.independentSteps) return std::nullopt;
    return HeadGate(plan, demanded, columns, index);
}

bool HeadGate::admits(const std::vector<Value>& frame) const {
    Tuple head(plan_->headTerms.size());
    for (std::size_t c = 0; c < head.size() && c < 64; ++c) {
        if (!(columns_ >> c & 1)) continue;
        const Expression& term = plan_->headTerms[c];
        head[c] = plan_->headConversions.apply(c, term.op == Expression::Op::Variable ? frame[term.slot] : term.constant);
    }
    return demanded_->admits(plan_->head, head);
}

}  // namespace accord::engine
