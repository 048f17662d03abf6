// Rule probes (see rule_probe.hpp). A small interpreter of rule plans, separate from the
// evaluator's RuleRunner because it must start from bound head variables (a column the
// plan binds may already be bound: it is then checked), keep going where the evaluator
// stops, and say what it saw. It is slow and simple on purpose: it runs once per question.
// What the two must agree on is defined once and shared: a key's and a computed head
// column's stored value (ColumnConversions), an aggregate's value (aggregateValue), a
// condition's text (plan_printer), the operators' spellings.
#include "engine/explain/rule_probe.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "engine/eval/aggregate_value.hpp"
#include "engine/eval/expression_eval.hpp"
#include "engine/plan/plan_printer.hpp"
#include "engine/value_format.hpp"

namespace accord::engine {

std::string bindingsText(const Bindings& bindings) {
    std::string out;
    for (const auto& [name, value] : bindings) out += (out.empty() ? "" : ", ") + name + " = " + value;
    return out;
}
namespace {

class Probe {
public:
    Probe(const RulePlan& rule, const ProgramPlan& plan, const std::vector<Relation>& relations, const ProbeOptions& options)
        : rule_(rule),
          plan_(plan),
          relations_(relations),
          budget_(options.budget),
          maxDerivations_(options.maxDerivations),
          minConfidence_(options.minConfidence),
          frame_(rule.slotCount),
          bound_(rule.slotCount, false) {}

    RuleProbe run(const FactKey& goal) {
        RuleProbe result;
        std::vector<std::size_t> deferred;  // head columns computed (arithmetic, or an integer stored as a decimal): checked at the end
        for (std::size_t c = 0; c < rule_.headTerms.size(); ++c) {
            const Expression& term = rule_.headTerms[c];
            if (term.op == Expression::Op::Constant) {
                if (!(term.constant == goal.tuple[c])) result.headMatches = false;
            } else if (term.op == Expression::Op::Variable) {
                if (bound_[term.slot] && !sameValue(frame_[term.slot], goal.tuple[c])) result.headMatches = false;
                frame_[term.slot] = goal.tuple[c];
                bound_[term.slot] = true;
                headSlots_.push_back(term.slot);
            } else {
                deferred.push_back(c);
            }
        }
        if (!result.headMatches) return result;
        const Steps& steps = rule_.steps;
        result.conditions = steps.size();
        best_ = Snapshot{0, frame_, bound_};
        bool derives = false;
        solve(
            steps, 0,
            [&] {
                for (std::size_t c : deferred) {
                    Value value = rule_.headConversions.apply(c, evaluateOrNull(rule_.headTerms[c]));
                    if (!sameValue(value, goal.tuple[c])) return true;  // another head value: keep looking
                }
                derives = true;
                if (maxDerivations_ == 0) return false;  // found: stop
                result.derivations.push_back(premises_);
                result.weakenings.push_back(weakenings(steps));
                result.negations.push_back(negatedConditions(steps));
                result.derivationBindings.push_back(boundVariables());
                return result.derivations.size() < maxDerivations_;
            },
            true);
        result.bounded = visited_ > budget_;
        frame_ = best_.frame;
        bound_ = best_.bound;
        if (derives) {
            result.derives = true;
            result.conditionsMet = steps.size();
            for (const Step& step : steps) {
                if (step.kind != Step::Kind::NotExists) continue;
                Step asScan = step;  // the negated atom, read as a fact with the solution's bindings
                if (auto fact = groundFact(asScan)) result.negatedFacts.push_back(std::move(*fact));
            }
        } else {
            result.conditionsMet = best_.index;
            if (best_.index < steps.size()) result.failure = diagnose(steps[best_.index]);
        }
        result.bindings = boundVariables();
        return result;
    }

private:
    /// The named variables bound in the frame now, with their values; with `before`, only
    /// those bound since (a `for all` counterexample's own variables).
    Bindings boundVariables(const std::vector<bool>* before = nullptr) const {
        Bindings bindings;
        for (Slot slot = 0; slot < rule_.slotNames.size() && slot < bound_.size(); ++slot) {
            if (bound_[slot] && !rule_.slotNames[slot].empty() && !(before && (*before)[slot])) {
                bindings.emplace_back(rule_.slotNames[slot], formatValue(frame_[slot], plan_.symbols));
            }
        }
        return bindings;
    }

    struct Snapshot {
        std::size_t index = 0;
        std::vector<Value> frame;
        std::vector<bool> bound;
    };
    using Found = std::function<bool()>;  ///< returns true to keep searching

    // ---- search ---------------------------------------------------------------------

    /// True when `found` asked to stop (a solution was accepted). `top`: the rule body
    /// itself, whose progress is recorded.
    bool solve(const Steps& steps, std::size_t index, const Found& found, bool top) {
        if (top && index > best_.index) best_ = Snapshot{index, frame_, bound_};
        if (index == steps.size()) return !found();
        if (visited_ > budget_) return true;  // out of budget: stop everything
        const Step& step = steps[index];
        auto next = [&] { return solve(steps, index + 1, found, top); };
        switch (step.kind) {
            case Step::Kind::Scan: return scan(step, next, top);
            case Step::Kind::NotExists: return existingCertainFacts(step, 1).empty() ? next() : false;
            case Step::Kind::Filter: {
                auto left = tryEvaluate(step.left), right = tryEvaluate(step.right);
                return left && right && compare(step.compare, *left, *right, plan_.symbols) ? next() : false;
            }
            case Step::Kind::Assign: {
                auto value = tryEvaluate(step.value);
                return value ? bindAndContinue(step.target, inColumnOfKind(*value, step.targetKind), next) : false;
            }
            case Step::Kind::Aggregate: {
                auto value = aggregate(step);
                return value ? bindAndContinue(step.target, *value, next) : false;
            }
            case Step::Kind::ForAll: return counterexamples(step, 1).empty() ? next() : false;
        }
        return false;
    }

    template <typename Next>
    bool bindAndContinue(Slot slot, const Value& value, Next&& next) {
        if (bound_[slot]) return sameValue(frame_[slot], value) ? next() : false;
        bound_[slot] = true;
        frame_[slot] = value;
        bool stop = next();
        bound_[slot] = false;
        return stop;
    }

    /// `top`: a condition of the rule body itself, whose facts are a derivation's premises.
    template <typename Next>
    bool scan(const Step& step, Next&& next, bool top) {
        const Relation& relation = relations_[step.relation];
        std::vector<Value> key = keyOf(step);
        bool stop = false;
        relation.forEachMatch(step.keyMask, key, [&](TupleId id) {
            ++visited_;
            TupleView tuple = relation.tuple(id);
            std::vector<Slot> newlyBound;
            bool matches = true;
            for (std::size_t c = 0; c < step.columns.size() && matches; ++c) {
                const ColumnMatch& column = step.columns[c];
                if (column.kind != ColumnMatch::Kind::Bind && column.kind != ColumnMatch::Kind::Check) continue;
                if (bound_[column.slot]) {
                    matches = sameInColumn(step, c, column.slot, tuple[c]);
                } else {
                    frame_[column.slot] = step.bindConversions.apply(c, tuple[c]);
                    bound_[column.slot] = true;
                    newlyBound.push_back(column.slot);
                }
            }
            if (matches) {
                if (top) premises_.push_back({step.relation, Tuple(tuple.begin(), tuple.end())});
                stop = next();
                if (top) premises_.pop_back();
            }
            for (Slot slot : newlyBound) bound_[slot] = false;
            return !stop && visited_ <= budget_;
        });
        return stop;
    }

    std::vector<Value> keyOf(const Step& step) {
        std::vector<Value> key;
        for (std::size_t c = 0; c < step.columns.size(); ++c) {
            const ColumnMatch& column = step.columns[c];
            if (column.kind == ColumnMatch::Kind::Key) key.push_back(step.keyConversions.apply(c, evaluateOrNull(column.expression)));
        }
        return key;
    }

    std::optional<Value> tryEvaluate(const Expression& expression) {
        try {
            return evaluate(expression, frame_, rule_.rule);
        } catch (const EvaluationError&) {
            return std::nullopt;  // overflow or division by zero: the condition does not hold
        }
    }
    Value evaluateOrNull(const Expression& expression) { return tryEvaluate(expression).value_or(Value{}); }

    /// What lowers the confidence of the derivation the frame holds: facts under its
    /// negated conditions (none of them certain, or it would not derive), and the weakest
    /// case of each `for all` whose consequent is one atom.
    std::vector<Weakening> weakenings(const Steps& steps) {
        std::vector<Weakening> found;
        for (const Step& step : steps) {
            if (step.kind == Step::Kind::NotExists) {
                const Relation& relation = relations_[step.relation];
                relation.forEachMatch(step.keyMask, keyOf(step), [&](TupleId id) {
                    if (matchesBound(step, relation.tuple(id))) {
                        TupleView tuple = relation.tuple(id);
                        found.push_back(
                            {Weakening::Kind::NegatedFact, {step.relation, Tuple(tuple.begin(), tuple.end())}, relation.confidence(id)});
                    }
                    return true;
                });
            } else if (step.kind == Step::Kind::ForAll && step.consequent.size() == 1 && step.consequent[0].size() == 1 &&
                       step.consequent[0][0].kind == Step::Kind::Scan) {
                if (auto weakest = weakestCase(step)) found.push_back(*weakest);
            } else if (step.kind == Step::Kind::ForAll && step.consequent.size() == 1 && step.consequent[0].size() == 1 &&
                       step.consequent[0][0].kind == Step::Kind::NotExists) {
                if (auto weakest = weakestNegatedCase(step)) found.push_back(*weakest);
            }
        }
        return found;
    }

    /// The negated conditions of the derivation the frame holds.
    std::vector<NegatedCondition> negatedConditions(const Steps& steps) {
        std::vector<NegatedCondition> found;
        for (const Step& step : steps) {
            if (step.kind != Step::Kind::NotExists) continue;
            bool atomHolds = false;
            relations_[step.relation].forEachMatch(step.keyMask, keyOf(step), [&](TupleId id) {
                atomHolds = atomHolds || matchesBound(step, relations_[step.relation].tuple(id));
                return !atomHolds;
            });
            found.push_back({conditionText(step), groundFact(step), atomHolds});
        }
        return found;
    }

    /// Over the solutions of a `for all`'s domain, the consequent fact with the lowest
    /// confidence, when it is below 1.
    std::optional<Weakening> weakestCase(const Step& step) {
        const Step& consequent = step.consequent[0][0];
        const Relation& relation = relations_[consequent.relation];
        std::optional<Weakening> weakest;
        solve(
            step.domain, 0,
            [&] {
                double best = 0;
                std::optional<TupleId> bestId;
                relation.forEachMatch(consequent.keyMask, keyOf(consequent), [&](TupleId id) {
                    if (matchesBound(consequent, relation.tuple(id)) && relation.confidence(id) > best) {
                        best = relation.confidence(id);
                        bestId = id;
                    }
                    return true;
                });
                if (bestId && best < 1 && (!weakest || best < weakest->confidence)) {
                    TupleView tuple = relation.tuple(*bestId);
                    weakest = Weakening{Weakening::Kind::WeakestCase, {consequent.relation, Tuple(tuple.begin(), tuple.end())}, best};
                }
                return true;
            },
            false);
        return weakest;
    }

    /// Over the solutions of a `for all`'s domain, the fact under its negated consequent with
    /// the highest confidence (it leaves the least, 1 - c), when there is one.
    std::optional<Weakening> weakestNegatedCase(const Step& step) {
        const Step& consequent = step.consequent[0][0];
        const Relation& relation = relations_[consequent.relation];
        std::optional<Weakening> weakest;
        solve(
            step.domain, 0,
            [&] {
                relation.forEachMatch(consequent.keyMask, keyOf(consequent), [&](TupleId id) {
                    TupleView tuple = relation.tuple(id);
                    if (matchesBound(consequent, tuple) && (!weakest || relation.confidence(id) > weakest->confidence)) {
                        weakest = Weakening{Weakening::Kind::WeakestNegatedCase,
                                            {consequent.relation, Tuple(tuple.begin(), tuple.end())},
                                            relation.confidence(id)};
                    }
                    return true;
                });
                return true;
            },
            false);
        return weakest;
    }

    /// Whether the value bound to `slot` is the value of column `c` of a tuple of the step's
    /// relation, as the runner compares them (see ColumnConversions). A value the goal gave
    /// is of its head column's kind, which the body may hold as the other kind of number: it
    /// is compared as a number.
    bool sameInColumn(const Step& step, std::size_t c, Slot slot, const Value& held) const {
        if (isHeadSlot(slot)) return sameValue(frame_[slot], held);
        const RelationPlan& relation = plan_.relations[step.relation];
        return inColumnOfKind(frame_[slot], relation.kindOf(c)) == held;
    }

    /// Whether a tuple agrees with the step's columns that are already bound.
    bool matchesBound(const Step& step, TupleView tuple) const {
        for (std::size_t c = 0; c < step.columns.size(); ++c) {
            const ColumnMatch& column = step.columns[c];
            if ((column.kind == ColumnMatch::Kind::Bind || column.kind == ColumnMatch::Kind::Check) && bound_[column.slot] &&
                !sameInColumn(step, c, column.slot, tuple[c])) {
                return false;
            }
        }
        return true;
    }

    /// Matching facts of a negated atom that make `not` false: certain ones, and those that
    /// leave less than the minimum confidence.
    std::vector<TupleId> existingCertainFacts(const Step& step, std::size_t limit) {
        const Relation& relation = relations_[step.relation];
        std::vector<TupleId> found;
        relation.forEachMatch(step.keyMask, keyOf(step), [&](TupleId id) {
            ++visited_;
            double confidence = relation.confidence(id);
            if (confidence >= 1.0 || 1.0 - confidence < minConfidence_) found.push_back(id);
            return found.size() < limit;
        });
        return found;
    }

    std::optional<Value> aggregate(const Step& step) {
        DistinctSet elements;
        elements.reset(step.elements.size());
        solve(
            step.body, 0,
            [&] {
                Tuple element;
                for (const Expression& e : step.elements) element.push_back(evaluateOrNull(e));
                elements.add(element, 1.0);
                return true;
            },
            false);
        try {
            return aggregateValue(step.function, elements, rule_.rule, plan_.symbols);
        } catch (const EvaluationError&) {
            return std::nullopt;  // a sum that overflows: the condition does not hold
        }
    }

    /// Domain solutions for which no consequent alternative holds (at most `limit`).
    std::vector<ConditionFailure::Counterexample> counterexamples(const Step& step, std::size_t limit) {
        std::vector<ConditionFailure::Counterexample> found;
        std::vector<bool> before = bound_;
        solve(
            step.domain, 0,
            [&] {
                bool holds = false;
                for (const Steps& alternative : step.consequent) {
                    holds = solve(
                        alternative, 0, [] { return false; }, false);
                    if (holds) break;
                }
                if (!holds) found.push_back(describeCounterexample(step, before));
                return found.size() < limit;
            },
            false);
        return found;
    }

    ConditionFailure::Counterexample describeCounterexample(const Step& step, const std::vector<bool>& before) {
        ConditionFailure::Counterexample example;
        example.bindings = boundVariables(&before);
        const Steps& first = step.consequent.front();
        std::vector<std::string> parts;
        for (const Step& part : first) parts.push_back(conditionText(part));
        example.consequent = fmt::format("{}", fmt::join(parts, " and "));
        if (first.size() == 1 && first[0].kind == Step::Kind::Scan) example.fact = groundFact(first[0]);
        if (first.size() == 1 && first[0].kind == Step::Kind::NotExists) {
            const Relation& relation = relations_[first[0].relation];
            for (TupleId id : existingCertainFacts(first[0], 10)) {
                TupleView tuple = relation.tuple(id);
                example.existing.push_back({first[0].relation, Tuple(tuple.begin(), tuple.end())});
            }
        }
        for (const Step& part : step.domain) {
            if (part.kind != Step::Kind::Scan) continue;
            if (auto fact = groundFact(part)) example.domain.push_back(std::move(*fact));
        }
        return example;
    }

    // ---- describing a condition with what is bound ------------------------------------

    /// A slot as its bound value, or its variable's name while it is free.
    std::string slotText(Slot slot) const {
        if (bound_[slot]) return formatValue(frame_[slot], plan_.symbols);
        return slot < rule_.slotNames.size() && !rule_.slotNames[slot].empty() ? rule_.slotNames[slot] : "_";
    }

    std::string conditionText(const Step& step) const {
        return engine::conditionText(step, plan_, [this](Slot slot) { return slotText(slot); });
    }

    /// Per column of a scan, the value bound there (nullopt where the column is free).
    std::vector<std::optional<Value>> boundColumns(const Step& step) {
        std::vector<std::optional<Value>> columns;
        for (const ColumnMatch& column : step.columns) {
            if (column.kind == ColumnMatch::Kind::Key) {
                columns.push_back(tryEvaluate(column.expression));
            } else if ((column.kind == ColumnMatch::Kind::Bind || column.kind == ColumnMatch::Kind::Check) && bound_[column.slot]) {
                columns.push_back(frame_[column.slot]);
            } else {
                columns.push_back(std::nullopt);
            }
        }
        return columns;
    }

    bool isHeadSlot(Slot slot) const { return std::find(headSlots_.begin(), headSlots_.end(), slot) != headSlots_.end(); }

    bool readsOnlyHeadSlots(const Expression& e) const {
        if (e.op == Expression::Op::Variable) return isHeadSlot(e.slot);
        return std::all_of(e.operands.begin(), e.operands.end(), [&](const Expression& o) { return readsOnlyHeadSlots(o); });
    }

    /// Whether the values a scan matches against come from the head (or constants) alone.
    bool readsOnlyHeadSlots(const Step& step) const {
        return std::all_of(step.columns.begin(), step.columns.end(), [&](const ColumnMatch& column) {
            switch (column.kind) {
                case ColumnMatch::Kind::Key: return readsOnlyHeadSlots(column.expression);
                case ColumnMatch::Kind::Bind:
                case ColumnMatch::Kind::Check: return !bound_[column.slot] || isHeadSlot(column.slot);
                case ColumnMatch::Kind::Ignore: return true;
            }
            return true;
        });
    }

    /// The atom of a scan as a fact, when every column is bound.
    std::optional<FactKey> groundFact(const Step& step) {
        const RelationPlan& relation = plan_.relations[step.relation];
        FactKey key{step.relation, {}};
        for (std::size_t c = 0; c < step.columns.size(); ++c) {
            const ColumnMatch& column = step.columns[c];
            std::optional<Value> value;
            if (column.kind == ColumnMatch::Kind::Key) {
                value = evaluateOrNull(column.expression);
            } else if ((column.kind == ColumnMatch::Kind::Bind || column.kind == ColumnMatch::Kind::Check) && bound_[column.slot]) {
                value = frame_[column.slot];  // a head value, perhaps of another numeric kind than this column's
            } else {
                return std::nullopt;
            }
            key.tuple.push_back(inColumnOfKind(*value, relation.kindOf(c)));
        }
        return key;
    }

    ConditionFailure diagnose(const Step& step) {
        ConditionFailure failure;
        failure.condition = conditionText(step);
        switch (step.kind) {
            case Step::Kind::Scan:
                failure.kind = ConditionFailure::Kind::MissingFact;
                failure.missing = groundFact(step);
                failure.relation = step.relation;
                failure.pattern = boundColumns(step);
                failure.onlyHeadBindings = readsOnlyHeadSlots(step);
                break;
            case Step::Kind::NotExists:
                failure.kind = ConditionFailure::Kind::NegatedFactExists;
                for (TupleId id : existingCertainFacts(step, 5)) {
                    TupleView tuple = relations_[step.relation].tuple(id);
                    failure.existing.push_back({step.relation, Tuple(tuple.begin(), tuple.end())});
                }
                break;
            case Step::Kind::Filter: failure.kind = ConditionFailure::Kind::ComparisonFalse; break;
            case Step::Kind::Assign:
            case Step::Kind::Aggregate: {
                failure.kind = ConditionFailure::Kind::NoValue;
                auto value = step.kind == Step::Kind::Assign ? tryEvaluate(step.value) : aggregate(step);
                std::string target = rule_.slotNames.size() > step.target ? rule_.slotNames[step.target] : "";
                if (!value) {
                    failure.condition += ": no value";
                } else if (bound_[step.target]) {
                    failure.condition = fmt::format("{} = {}: it is {}", formatValue(frame_[step.target], plan_.symbols), failure.condition,
                                                    formatValue(*value, plan_.symbols));
                }
                break;
            }
            case Step::Kind::ForAll:
                failure.kind = ConditionFailure::Kind::Counterexamples;
                failure.counterexamples = counterexamples(step, 100);
                break;
        }
        return failure;
    }

    const RulePlan& rule_;
    const ProgramPlan& plan_;
    const std::vector<Relation>& relations_;
    std::size_t budget_;
    std::size_t maxDerivations_;
    double minConfidence_;
    std::size_t visited_ = 0;
    std::vector<FactKey> premises_;  ///< the facts matched by the body's scans, on the current path
    std::vector<Value> frame_;
    std::vector<bool> bound_;
    std::vector<Slot> headSlots_;  ///< bound from the goal before the body is searched
    Snapshot best_;
};

}  // namespace

RuleProbe probeRule(const RulePlan& rule, const FactKey& goal, const ProgramPlan& plan, const std::vector<Relation>& relations,
                    const ProbeOptions& options) {
    return Probe(rule, plan, relations, options).run(goal);
}

RuleProbe probeRule(const RulePlan& rule, const FactKey& goal, const Engine& engine, ProbeOptions options) {
    options.minConfidence = engine.minConfidence();
    return probeRule(rule, goal, engine.plan(), engine.relations(), options);
}

}  // namespace accord::engine
