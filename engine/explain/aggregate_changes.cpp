// Changes to aggregate elements (see aggregate_changes.hpp).
#include "accord/engine/explain/aggregate_changes.hpp"

#include <algorithm>
#include <optional>

namespace accord::engine {
namespace {

/// The slots the goal binds through the rule's head.
std::vector<std::optional<Value>> headBindings(const RulePlan& rule, const FactKey& goal) {
    std::vector<std::optional<Value>> slots(rule.slotCount);
    for (std::size_t c = 0; c < rule.headTerms.size() && c < goal.tuple.size(); ++c) {
        if (rule.headTerms[c].op == Expression::Op::Variable) slots[rule.headTerms[c].slot] = goal.tuple[c];
    }
    return slots;
}

/// A key column's value: a constant, or a slot the goal binds; nullopt otherwise.
std::optional<Value> keyValue(const Expression& expression, const std::vector<std::optional<Value>>& slots) {
    if (expression.op == Expression::Op::Constant) return expression.constant;
    if (expression.op == Expression::Op::Variable && expression.slot < slots.size()) return slots[expression.slot];
    return std::nullopt;
}

/// Adds the distinct values of column `column` of `relation` to `values`, up to `max` in all.
void addColumnValues(const Relation& relation, std::size_t column, std::size_t max, std::vector<Value>& values) {
    for (TupleId id = 0; id < relation.size() && values.size() < max; ++id) {
        const Value& value = relation.tuple(id)[column];
        if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
    }
}

/// The variable a column reads or binds, if any.
std::optional<Slot> variableOf(const ColumnMatch& match) {
    if (match.kind == ColumnMatch::Kind::Bind || match.kind == ColumnMatch::Kind::Check) return match.slot;
    if (match.kind == ColumnMatch::Kind::Key && match.expression.op == Expression::Op::Variable) return match.expression.slot;
    return std::nullopt;
}

/// Whether an earlier atom of the aggregate body binds `slot` (it is free for the aggregate).
bool boundInBody(Slot slot, const Step& atom, const Steps& body) {
    for (const Step& other : body) {
        if (&other == &atom) return false;
        if (other.kind != Step::Kind::Scan) continue;
        for (const ColumnMatch& theirs : other.columns) {
            if (theirs.kind == ColumnMatch::Kind::Bind && theirs.slot == slot) return true;
        }
    }
    return false;
}

/// What a free column of `atom` may take: the values the same variable takes in the other
/// atoms of the body, those of the column in the atom's own relation, and those of the
/// columns with its declared name in other relations.
std::vector<Value> freeColumnDomain(const Step& atom, std::size_t column, const Steps& body, const ProgramPlan& plan,
                                    const std::vector<Relation>& relations, std::size_t max) {
    std::vector<Value> values;
    if (std::optional<Slot> variable = variableOf(atom.columns[column])) {
        for (const Step& other : body) {
            if (&other == &atom || other.kind != Step::Kind::Scan) continue;
            for (std::size_t c = 0; c < other.columns.size(); ++c) {
                if (variableOf(other.columns[c]) == variable) addColumnValues(relations[other.relation], c, max, values);
            }
        }
    }
    addColumnValues(relations[atom.relation], column, max, values);
    const std::vector<std::string>& names = plan.relations[atom.relation].columnNames;
    if (column < names.size()) {
        for (RelationId r = 0; r < plan.relations.size(); ++r) {
            const std::vector<std::string>& theirs = plan.relations[r].columnNames;
            for (std::size_t c = 0; c < theirs.size(); ++c) {
                if (r != atom.relation && theirs[c] == names[column]) addColumnValues(relations[r], c, max, values);
            }
        }
    }
    return values;
}

/// Lists the elements of one atom of an aggregate body (removals) and the facts that would
/// add one (additions).
void atomChanges(const Step& atom, const Steps& body, const std::vector<std::optional<Value>>& slots, const ProgramPlan& plan,
                 const std::vector<Relation>& relations, std::size_t maxEach, AggregateChanges& out) {
    const Relation& relation = relations[atom.relation];
    std::vector<std::vector<Value>> domains(atom.columns.size());
    std::vector<bool> fixed(atom.columns.size(), false);  // a value from the goal or a constant, which elements match
    for (std::size_t c = 0; c < atom.columns.size(); ++c) {
        const ColumnMatch& match = atom.columns[c];
        if (match.kind == ColumnMatch::Kind::Check) continue;
        std::optional<Value> value = match.kind == ColumnMatch::Kind::Key ? keyValue(match.expression, slots) : std::nullopt;
        if (value) {
            domains[c] = {*value};
            fixed[c] = true;
        } else if (std::optional<Slot> variable = variableOf(match);
                   match.kind == ColumnMatch::Kind::Key && !(variable && boundInBody(*variable, atom, body))) {
            out.complete = false;  // bound by a condition before the aggregate: its elements depend on more than the goal
            return;
        } else {
            domains[c] = freeColumnDomain(atom, c, body, plan, relations, maxEach);
            out.complete = false;  // new elements with values the program does not have yet are not proposed
        }
    }
    auto repeated = [&](std::size_t c) {  // the column a repeated variable was first bound in
        auto first = std::find_if(atom.columns.begin(), atom.columns.end(), [&](const ColumnMatch& m) {
            return m.kind == ColumnMatch::Kind::Bind && m.slot == atom.columns[c].slot;
        });
        return static_cast<std::size_t>(first - atom.columns.begin());
    };
    auto fits = [&](TupleView tuple) {
        for (std::size_t c = 0; c < atom.columns.size(); ++c) {
            if (fixed[c] && !(tuple[c] == domains[c].front())) return false;
            if (atom.columns[c].kind == ColumnMatch::Kind::Check && !(tuple[c] == tuple[repeated(c)])) return false;
        }
        return true;
    };
    for (TupleId id = 0; id < relation.size(); ++id) {
        if (!fits(relation.tuple(id))) continue;
        if (out.removals.size() == maxEach) {
            out.complete = false;
            break;
        }
        TupleView tuple = relation.tuple(id);
        out.removals.push_back({atom.relation, Tuple(tuple.begin(), tuple.end())});
    }
    // Every combination of the columns' values, in order (a repeated variable copies its first column).
    Tuple tuple(atom.columns.size());
    std::size_t added = 0;
    auto fill = [&](auto& self, std::size_t c) -> void {
        if (added == maxEach) {
            out.complete = false;
            return;
        }
        if (c == atom.columns.size()) {
            if (relation.contains(tuple)) return;
            out.additions.push_back({atom.relation, tuple});
            ++added;
            return;
        }
        if (atom.columns[c].kind == ColumnMatch::Kind::Check) {
            tuple[c] = tuple[repeated(c)];
            return self(self, c + 1);
        }
        for (const Value& value : domains[c]) {
            tuple[c] = value;
            self(self, c + 1);
        }
    };
    fill(fill, 0);
}

}  // namespace

AggregateChanges aggregateChanges(const RulePlan& rule, const FactKey& goal, const ProgramPlan& plan,
                                  const std::vector<Relation>& relations, std::size_t maxEach) {
    AggregateChanges out;
    std::vector<std::optional<Value>> slots = headBindings(rule, goal);
    for (const Step& step : rule.steps) {
        if (step.kind != Step::Kind::Aggregate) continue;
        for (const Step& atom : step.body) {
            if (atom.kind == Step::Kind::Scan) atomChanges(atom, step.body, slots, plan, relations, maxEach, out);
        }
    }
    return out;
}

bool failsThroughAggregates(const RulePlan& rule, std::size_t step) {
    if (step >= rule.steps.size()) return false;
    const Step& failing = rule.steps[step];
    if (failing.kind == Step::Kind::Aggregate) return true;
    if (failing.kind != Step::Kind::Filter) return false;
    // The slots holding an aggregate's value, or arithmetic on such values and constants
    // (`N = count {...}` is an aggregate into a slot of its own, then N assigned from it).
    std::vector<bool> fromAggregate(rule.slotCount, false);
    auto computed = [&](const Expression& expression, auto& self) -> bool {
        switch (expression.op) {
            case Expression::Op::Constant: return true;
            case Expression::Op::Variable: return expression.slot < fromAggregate.size() && fromAggregate[expression.slot];
            default:
                return std::all_of(expression.operands.begin(), expression.operands.end(),
                                   [&](const Expression& e) { return self(e, self); });
        }
    };
    for (std::size_t s = 0; s < step; ++s) {
        const Step& before = rule.steps[s];
        if (before.kind == Step::Kind::Aggregate && before.target < fromAggregate.size()) fromAggregate[before.target] = true;
        if (before.kind == Step::Kind::Assign && before.target < fromAggregate.size() && computed(before.value, computed)) {
            fromAggregate[before.target] = true;
        }
    }
    return computed(failing.left, computed) && computed(failing.right, computed) &&
           !(failing.left.op == Expression::Op::Constant && failing.right.op == Expression::Op::Constant);
}

}  // namespace accord::engine
