// Rule plans with a bound head (see head_bound_plan.hpp).
#include "accord/engine/plan/head_bound_plan.hpp"

namespace accord::engine {
namespace {

Step equality(Expression left, Expression right) {
    Step step;
    step.kind = Step::Kind::Filter;
    step.compare = CompareOp::Equal;
    step.left = std::move(left);
    step.right = std::move(right);
    return step;
}

class HeadBinding {
public:
    HeadBinding(const RulePlan& rule, const ProgramPlan& program) : rule_(rule), program_(program) {
        out_.plan = rule;
        out_.plan.steps.clear();
        out_.plan.independentSteps = 0;  // searches run every step for every solution
        out_.frame.assign(rule.slotCount, Value{});
        out_.bound.assign(rule.slotCount, false);
    }

    std::optional<HeadBoundPlan> bind(TupleView fact, std::int32_t asOf) {
        if (fact.size() != rule_.headTerms.size()) return std::nullopt;
        if (rule_.todaySlot) {
            out_.frame[*rule_.todaySlot] = Value::date(asOf);
            out_.bound[*rule_.todaySlot] = true;
        }
        for (std::size_t c = 0; c < fact.size(); ++c) {
            const Expression& term = rule_.headTerms[c];
            if (term.op == Expression::Op::Constant && !(term.constant == fact[c])) return std::nullopt;
            if (term.op == Expression::Op::Variable && !bindSlot(term.slot, fact[c])) return std::nullopt;
        }
        for (std::size_t i = 0; i < rule_.steps.size(); ++i) rewrite(rule_.steps[i], i);
        return std::move(out_);
    }

private:
    /// The head's value for a variable, as the variable holds it (an integer variable in a
    /// decimal head column holds the integer). A variable of no numeric column may hold 3
    /// where one head column has 3 and another 3.0: the steps that bind it compare it as a
    /// number, and the caller compares the head it computes.
    bool bindSlot(Slot slot, const Value& headValue) {
        Value value = inColumnOfKind(headValue, rule_.slotKinds[slot]);
        if (out_.bound[slot]) return rule_.slotKinds[slot] ? out_.frame[slot] == value : sameValue(out_.frame[slot], value);
        out_.frame[slot] = value;
        out_.bound[slot] = true;
        return true;
    }

    bool isHeadSlot(Slot slot) const { return slot < out_.bound.size() && out_.bound[slot]; }

    void add(Step step, std::size_t origin) {
        out_.plan.steps.push_back(std::move(step));
        out_.origin.push_back(origin);
    }

    void rewrite(Step step, std::size_t origin) {
        switch (step.kind) {
            case Step::Kind::Scan: {
                std::vector<Step> comparisons = checkHeadColumns(step);
                add(std::move(step), origin);
                for (Step& comparison : comparisons) add(std::move(comparison), origin);
                return;
            }
            case Step::Kind::Assign:
                // The assignment stays (it stores the value as the evaluator does); a comparison follows.
                if (isHeadSlot(step.target)) {
                    Slot target = step.target;
                    add(std::move(step), origin);
                    return add(equality(Expression::ofSlot(target), Expression::ofConstant(out_.frame[target])), origin);
                }
                break;
            default: break;  // an aggregate writes a slot of its own, which an assignment copies
        }
        add(std::move(step), origin);
    }

    /// A scan column that would bind a head variable checks the variable's value instead.
    /// A number in a column of no numeric kind (an undeclared relation's) is left to bind and
    /// compared after the scan, as a number: the evaluator converts what it binds to the
    /// variable's kind, and the head column converts it again, so the column may hold 3.0
    /// where the fact has 3, which a check (by identity) would miss.
    std::vector<Step> checkHeadColumns(Step& step) {
        const RelationPlan& relation = program_.relations[step.relation];
        std::vector<Step> comparisons;
        for (std::size_t c = 0; c < step.columns.size(); ++c) {
            ColumnMatch& column = step.columns[c];
            if (column.kind != ColumnMatch::Kind::Bind || !isHeadSlot(column.slot)) continue;
            if (!relation.kindOf(c) && out_.frame[column.slot].isNumeric()) {
                comparisons.push_back(equality(Expression::ofSlot(column.slot), Expression::ofConstant(out_.frame[column.slot])));
                continue;
            }
            column.kind = ColumnMatch::Kind::Check;
            step.keyConversions.convertTo(c, relation.kindOf(c));
            step.bindConversions.toDecimal &= ~(ColumnMask{1} << c);
            step.bindConversions.toInteger &= ~(ColumnMask{1} << c);
        }
        return comparisons;
    }

    const RulePlan& rule_;
    const ProgramPlan& program_;
    HeadBoundPlan out_;
};

}  // namespace

std::optional<HeadBoundPlan> bindHead(const RulePlan& rule, TupleView fact, const ProgramPlan& program, std::int32_t asOf) {
    return HeadBinding(rule, program).bind(fact, asOf);
}

std::vector<Slot> slotsBoundBy(const Step& step) {
    std::vector<Slot> slots;
    switch (step.kind) {
        case Step::Kind::Scan:
            for (const ColumnMatch& column : step.columns) {
                if (column.kind == ColumnMatch::Kind::Bind) slots.push_back(column.slot);
            }
            break;
        case Step::Kind::Assign:
        case Step::Kind::Aggregate: slots.push_back(step.target); break;
        default: break;
    }
    return slots;
}

}  // namespace accord::engine
