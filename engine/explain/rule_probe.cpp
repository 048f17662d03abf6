// Rule probes (see rule_probe.hpp), run on the evaluator's own RuleRunner: the rule's plan
// with the goal bound into its head (head_bound_plan.hpp) is searched step by step, so a
// probe derives a fact exactly when the evaluator would (the same steps, number
// conversions, aggregates, confidences and minimum). How far a rule gets is the longest
// prefix of its steps that has a solution; what stopped it is read from that solution's
// frame and the next step.
#include "accord/engine/explain/rule_probe.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/eval/expression_eval.hpp"
#include "accord/engine/eval/rule_runner.hpp"
#include "accord/engine/plan/head_bound_plan.hpp"
#include "accord/engine/plan/plan_printer.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {

std::string bindingsText(const Bindings& bindings) {
    std::string out;
    for (const auto& [name, value] : bindings) out += (out.empty() ? "" : ", ") + name + " = " + value;
    return out;
}
namespace {

/// Thrown by the runner's checkpoint when a probe has visited its budget of tuples.
struct BudgetSpent {};

/// A search's solutions, handed to a callable that returns false to stop.
template <typename Found>
struct Solutions : RuleRunner::Solution {
    Found onFound;
    explicit Solutions(Found f, double cutBelow = 0) : onFound(std::move(f)) { floor = cutBelow; }
    bool found(double confidence) override { return onFound(confidence); }
};

/// A point a search reached: the frame there, the facts its scans matched, its confidence.
struct Point {
    std::vector<Value> frame;
    std::vector<FactKey> premises;
    double confidence = 1;
};

class Probe {
public:
    Probe(const RulePlan& rule, const ProgramPlan& program, const std::vector<Relation>& relations, const ProbeOptions& options)
        : rule_(rule),
          program_(program),
          relations_(relations),
          options_(options),
          runner_(relations, kNoDeltas, program.symbols, true, options.asOf.value_or(0)) {
        runner_.setCheckpoint([] { throw BudgetSpent{}; });
    }

    RuleProbe run(const FactKey& goal) {
        RuleProbe result;
        result.conditions = rule_.steps.size();
        std::optional<HeadBoundPlan> bound = bindHead(rule_, goal.tuple, program_, options_.asOf.value_or(0));
        if (!bound) {
            result.headMatches = false;
            return result;
        }
        plan_ = std::move(*bound);
        goal_ = goal.tuple;
        if (ruleConfidence() < minConfidence()) {  // nothing it derives holds
            ConditionFailure failure;
            failure.kind = ConditionFailure::Kind::BelowMinimum;
            failure.condition = fmt::format("the rule's own confidence @{}", formatConfidence(ruleConfidence()));
            failure.confidence = ruleConfidence();
            result.failure = std::move(failure);
            return result;
        }
        std::vector<Point> derivations = derivationsOfGoal(std::max<std::size_t>(options_.maxDerivations, 1));
        if (!derivations.empty()) {
            describeDerivations(derivations, result);
        } else {
            describeFurthestAttempt(result);
        }
        result.bounded = bounded_;
        return result;
    }

private:
    static inline const std::vector<std::vector<TupleId>> kNoDeltas;

    const Steps& steps() const { return plan_.plan.steps; }
    /// A query's conditions (why_not.hpp) are no rule of the program: they hold as they are.
    double ruleConfidence() const { return rule_.rule < program_.rules.size() ? program_.rules[rule_.rule].confidence : 1.0; }
    double minConfidence() const { return options_.minConfidence.value_or(0); }

    // ---- searching ----------------------------------------------------------------------

    /// Runs a search on the runner, with a budget of its own; a search stopped by the budget
    /// or an evaluation error (an overflow, which stops the evaluator too) has found what it
    /// found by then. False when the budget stopped it.
    template <typename Search>
    bool guarded(Search&& search) {
        runner_.checkpointAfter(std::max<std::size_t>(options_.budget, 1));
        try {
            search();
            return true;
        } catch (const BudgetSpent&) {
            bounded_ = true;
        } catch (const EvaluationError&) {
            runner_.start(plan_.plan, frame_);  // the runner's state is that of the point it stopped at
            return true;
        }
        runner_.start(plan_.plan, frame_);
        return false;
    }

    Point pointHere(double confidence) const {
        Point point{runner_.frame(), {}, confidence};
        for (const FactRef& premise : runner_.premises()) point.premises.push_back(factOf(premise));
        return point;
    }

    FactKey factOf(const FactRef& ref) const {
        TupleView tuple = relations_[ref.relation].tuple(ref.tuple);
        return {ref.relation, Tuple(tuple.begin(), tuple.end())};
    }

    /// The first solutions (at most `limit`) of the whole body that derive the goal and hold.
    std::vector<Point> derivationsOfGoal(std::size_t limit) {
        std::vector<Point> found;
        Solutions solutions(
            [&](double confidence) {
                if (!headIsGoal(runner_.frame())) return true;  // another head value: keep looking
                found.push_back(pointHere(confidence));
                return found.size() < limit;
            },
            minConfidence());
        guarded([&] {
            runner_.start(plan_.plan, plan_.frame);
            runner_.search(steps(), ruleConfidence(), solutions);
        });
        return found;
    }

    /// Whether the head the rule computes from `frame` is the goal, as the runner stores it.
    bool headIsGoal(const std::vector<Value>& frame) const {
        for (std::size_t c = 0; c < goal_.size(); ++c) {
            if (!(headValue(c, frame) == goal_[c])) return false;
        }
        return true;
    }

    std::optional<Value> headValue(std::size_t column, const std::vector<Value>& frame) const {
        try {
            return rule_.headConversions.apply(column, evaluate(rule_.headTerms[column], frame, rule_.rule));
        } catch (const EvaluationError&) {
            return std::nullopt;
        }
    }

    /// Whether some path gets through the first `count` steps with its confidence at or above
    /// the run's minimum: the first such point, none, or unknown (the budget stopped the search).
    struct Reached {
        std::optional<Point> point;
        bool known = true;
    };
    Reached reach(std::size_t count) {
        if (count == 0) return {Point{plan_.frame, {}, ruleConfidence()}};
        Steps prefix(steps().begin(), steps().begin() + static_cast<std::ptrdiff_t>(count));
        Reached reached;
        Solutions solutions(
            [&](double confidence) {
                reached.point = pointHere(confidence);
                return false;
            },
            minConfidence());
        reached.known = guarded([&] {
            runner_.start(plan_.plan, plan_.frame);
            runner_.search(prefix, ruleConfidence(), solutions);
        });
        return reached;
    }

    /// The most steps some path gets through (each prefix of a path is one too, so a binary
    /// search finds it), the point where it got, and whether the steps after it are known
    /// to fail (not when the budget stopped that search).
    struct Furthest {
        std::size_t met = 0;
        Point point;
        bool nextFails = true;
    };
    Furthest furthestPoint() {
        Furthest furthest{0, *reach(0).point};
        std::size_t high = steps().size();
        while (furthest.met < high) {
            std::size_t middle = furthest.met + (high - furthest.met + 1) / 2;
            Reached reached = reach(middle);
            if (reached.point) {
                furthest.met = middle;
                furthest.point = std::move(*reached.point);
            } else {
                high = middle - 1;
                if (middle == furthest.met + 1) furthest.nextFails = reached.known;
            }
        }
        return furthest;
    }

    /// The facts matching a scan or negated atom from the runner's frame now.
    std::vector<TupleId> matchingFacts(const Step& step, std::size_t limit = SIZE_MAX) {
        Step asScan = step;
        asScan.kind = Step::Kind::Scan;
        Steps search{std::move(asScan)};
        std::vector<TupleId> found;
        Solutions solutions([&](double) {
            found.push_back(runner_.premises().back().tuple);
            return found.size() < limit;
        });
        runner_.search(search, 1.0, solutions);
        return found;
    }

    /// The best confidence a solution of `search` reaches from the runner's frame now,
    /// starting from `confidence` (nullopt: none).
    std::optional<double> bestThrough(const Steps& search, double confidence) {
        std::optional<double> best;
        Solutions solutions([&](double c) {
            best = std::max(best.value_or(c), c);
            return true;
        });
        guarded([&] { runner_.search(search, confidence, solutions); });
        return best;
    }

    // ---- a rule that derives the goal -----------------------------------------------------

    void describeDerivations(const std::vector<Point>& derivations, RuleProbe& result) {
        result.derives = true;
        result.conditionsMet = result.conditions;
        bound_ = boundAfter(steps().size());
        atPoint(derivations.front());
        for (const Step& step : steps()) {
            if (step.kind != Step::Kind::NotExists) continue;
            if (auto fact = groundFact(step)) result.negatedFacts.push_back(std::move(*fact));
        }
        result.bindings = boundVariables();
        if (options_.maxDerivations == 0) return;
        for (const Point& derivation : derivations) {
            atPoint(derivation);
            result.derivations.push_back(derivation.premises);
            guarded([&] { result.weakenings.push_back(weakenings()); });
            guarded([&] { result.negations.push_back(negatedConditions()); });
            result.derivationBindings.push_back(boundVariables());
        }
        result.weakenings.resize(result.derivations.size());
        result.negations.resize(result.derivations.size());
    }

    /// Makes `point` the frame that texts read and the runner searches from.
    void atPoint(const Point& point) {
        frame_ = point.frame;
        runner_.start(plan_.plan, point.frame);
    }

    /// What lowers the confidence of the derivation at the frame: facts under its negated
    /// conditions (none of them certain, or it would not derive), and the weakest case of
    /// each `for all` whose consequent is one atom.
    std::vector<Weakening> weakenings() {
        std::vector<Weakening> found;
        for (const Step& step : steps()) {
            if (step.kind == Step::Kind::NotExists) {
                for (TupleId id : matchingFacts(step)) {
                    found.push_back({Weakening::Kind::NegatedFact, factOf({step.relation, id}), relations_[step.relation].confidence(id)});
                }
            } else if (step.kind == Step::Kind::ForAll && step.consequent.size() == 1 && step.consequent[0].size() == 1) {
                if (auto weakest = weakestCase(step)) found.push_back(*weakest);
            }
        }
        return found;
    }

    /// The weakest case of a `for all` with a one-atom consequent, when below certainty: over
    /// the domain's solutions, the consequent fact with the lowest best confidence; for a
    /// negated consequent, the fact under it with the highest confidence (it leaves 1 - c).
    std::optional<Weakening> weakestCase(const Step& step) {
        const Step& consequent = step.consequent[0][0];
        if (consequent.kind != Step::Kind::Scan && consequent.kind != Step::Kind::NotExists) return std::nullopt;
        const Relation& relation = relations_[consequent.relation];
        bool negated = consequent.kind == Step::Kind::NotExists;
        std::optional<Weakening> weakest;
        auto consider = [&](TupleId id, Weakening::Kind kind) {
            weakest = Weakening{kind, factOf({consequent.relation, id}), relation.confidence(id)};
        };
        Solutions domain([&](double) {
            std::vector<TupleId> facts = matchingFacts(consequent);
            if (negated) {
                for (TupleId id : facts) {
                    if (!weakest || relation.confidence(id) > weakest->confidence) consider(id, Weakening::Kind::WeakestNegatedCase);
                }
                return true;
            }
            auto best = std::max_element(facts.begin(), facts.end(),
                                         [&](TupleId a, TupleId b) { return relation.confidence(a) < relation.confidence(b); });
            if (best != facts.end() && relation.confidence(*best) < 1 && (!weakest || relation.confidence(*best) < weakest->confidence))
                consider(*best, Weakening::Kind::WeakestCase);
            return true;
        });
        runner_.search(step.domain, 1.0, domain);
        return weakest;
    }

    /// The negated conditions of the derivation at the frame.
    std::vector<NegatedCondition> negatedConditions() {
        std::vector<NegatedCondition> found;
        for (const Step& step : steps()) {
            if (step.kind == Step::Kind::NotExists)
                found.push_back({conditionText(step), groundFact(step), !matchingFacts(step, 1).empty()});
        }
        return found;
    }

    // ---- a rule that does not -------------------------------------------------------------

    void describeFurthestAttempt(RuleProbe& result) {
        Furthest furthest = furthestPoint();
        std::size_t met = furthest.met;
        if (met < steps().size() && startOfGroup(met) < met) {
            // A comparison bindHead added fails: describe the point before its scan or assignment.
            met = startOfGroup(met);
            furthest.point = *reach(met).point;
        }
        bound_ = boundAfter(met);
        atPoint(furthest.point);
        result.bindings = boundVariables();
        if (met == steps().size()) {  // every condition holds, but the head computed is another fact
            result.conditionsMet = result.conditions;
            result.failure = otherHead();
            return;
        }
        result.conditionsMet = plan_.origin[met];
        if (furthest.nextFails) result.failure = diagnose(met, furthest.point.confidence);  // else the budget stopped the search
    }

    /// The first step with the same origin as step `index` (the scan or assignment before the
    /// comparisons bindHead added).
    std::size_t startOfGroup(std::size_t index) const {
        while (index > 0 && plan_.origin[index - 1] == plan_.origin[index]) --index;
        return index;
    }

    /// The steps from `index` to the end of its group.
    Steps groupAt(std::size_t index) const {
        std::size_t end = index + 1;
        while (end < steps().size() && plan_.origin[end] == plan_.origin[index]) ++end;
        return Steps(steps().begin() + static_cast<std::ptrdiff_t>(index), steps().begin() + static_cast<std::ptrdiff_t>(end));
    }

    ConditionFailure otherHead() {
        ConditionFailure failure;
        failure.kind = ConditionFailure::Kind::NoValue;
        Tuple derived;
        for (std::size_t c = 0; c < goal_.size(); ++c) derived.push_back(headValue(c, frame_).value_or(Value{}));
        const RelationPlan& head = program_.relations[rule_.head];
        failure.condition = fmt::format("it derives {}, not {}", formatFact(head.name, derived, head.keyed, program_.symbols),
                                        formatFact(head.name, goal_, head.keyed, program_.symbols));
        return failure;
    }

    /// Why the steps at `index` (one condition, with the comparisons bindHead added after it)
    /// fail at the frame, reached with `confidence`.
    ConditionFailure diagnose(std::size_t index, double confidence) {
        const Step& step = steps()[index];
        Steps group = groupAt(index);
        if (step.kind == Step::Kind::Assign && group.size() > 1) return headValueNotComputed(step);
        ConditionFailure failure;
        failure.condition = conditionText(step);
        std::optional<double> through = bestThrough(group, confidence);
        if (through && *through < minConfidence()) {
            failure.confidence = through;
            if (step.kind == Step::Kind::NotExists) {
                failure.kind = ConditionFailure::Kind::NegatedFactExists;
                failure.existing = existing(step, 0);
                return failure;
            }
            if (step.kind != Step::Kind::ForAll) {
                failure.kind = ConditionFailure::Kind::BelowMinimum;
                return failure;
            }
        }
        switch (step.kind) {
            case Step::Kind::Scan: return missingFact(step);
            case Step::Kind::NotExists:
                failure.kind = ConditionFailure::Kind::NegatedFactExists;
                failure.existing = existing(step, 1);
                break;
            case Step::Kind::Filter: failure.kind = ConditionFailure::Kind::ComparisonFalse; break;
            case Step::Kind::Assign:
            case Step::Kind::Aggregate:
                failure.kind = ConditionFailure::Kind::NoValue;
                failure.condition += ": no value";
                break;
            case Step::Kind::ForAll:
                failure.kind = ConditionFailure::Kind::Counterexamples;
                guarded([&] { failure.counterexamples = counterexamples(step, confidence, 100); });
                break;
        }
        return failure;
    }

    /// The facts under a negated condition at least `minimum` confident (at most 5).
    std::vector<FactKey> existing(const Step& step, double minimum) {
        std::vector<FactKey> found;
        guarded([&] {
            for (TupleId id : matchingFacts(step)) {
                if (relations_[step.relation].confidence(id) >= minimum && found.size() < 5) found.push_back(factOf({step.relation, id}));
            }
        });
        return found;
    }

    /// An assignment to a head variable computes another value: `4 = X + 1: it is 3`,
    /// `3 = count { A : ally(A) }: it is 2`.
    ConditionFailure headValueNotComputed(const Step& assignment) {
        ConditionFailure failure;
        failure.kind = ConditionFailure::Kind::NoValue;
        std::optional<Value> value = tryEvaluate(assignment.value);
        failure.condition = fmt::format("{} = {}: {}", slotText(assignment.target), computationText(assignment.value),
                                        value ? "it is " + formatValue(*value, program_.symbols) : "no value");
        return failure;
    }

    /// An assignment's expression, or the aggregate whose value it copies.
    std::string computationText(const Expression& expression) const {
        if (expression.op == Expression::Op::Variable && plan_.plan.slotNames[expression.slot].empty()) {
            for (const Step& step : steps()) {
                if (step.kind == Step::Kind::Aggregate && step.target == expression.slot) return conditionText(step);
            }
        }
        return expressionText(expression);
    }

    ConditionFailure missingFact(const Step& scan) const {
        ConditionFailure failure;
        failure.kind = ConditionFailure::Kind::MissingFact;
        failure.condition = conditionText(scan);
        failure.missing = groundFact(scan);
        failure.relation = scan.relation;
        failure.pattern = boundColumns(scan);
        failure.onlyHeadBindings = readsOnlyHeadSlots(scan);
        return failure;
    }

    /// The cases of a `for all` (solutions of its domain) that make it fail, at most
    /// `limit`: those where no consequent alternative holds, and those where the best one
    /// holds so uncertainly that the derivation, at `confidence` before it, would fall below
    /// the run's minimum.
    std::vector<ConditionFailure::Counterexample> counterexamples(const Step& step, double confidence, std::size_t limit) {
        std::vector<ConditionFailure::Counterexample> found;
        std::vector<bool> before = bound_;
        std::vector<bool> inCase = before;
        for (const Step& part : step.domain) {
            for (Slot slot : slotsBoundBy(part)) inCase[slot] = true;
        }
        Solutions domain([&](double) {
            double best = 0;
            Solutions consequent([&](double c) { return (best = std::max(best, c)) < 1; });
            for (std::size_t i = 0; i < step.consequent.size() && best < 1; ++i) runner_.search(step.consequent[i], 1.0, consequent);
            if (best <= 0 || confidence * best < minConfidence()) {
                frame_ = runner_.frame();
                bound_ = inCase;
                found.push_back(describeCounterexample(step, before, best > 0 ? std::optional(best) : std::nullopt));
                bound_ = before;
            }
            return found.size() < limit;
        });
        runner_.search(step.domain, 1.0, domain);
        return found;
    }

    /// `holdsAt`: the consequent holds, but only this confidently (under a negation: the facts
    /// that lower it are named, not only certain ones).
    ConditionFailure::Counterexample describeCounterexample(const Step& step, const std::vector<bool>& before,
                                                            std::optional<double> holdsAt) {
        ConditionFailure::Counterexample example;
        example.confidence = holdsAt;
        example.bindings = boundVariables(&before);
        const Steps& first = step.consequent.front();
        std::vector<std::string> parts;
        for (const Step& part : first) parts.push_back(conditionText(part));
        example.consequent = fmt::format("{}", fmt::join(parts, " and "));
        if (first.size() == 1 && first[0].kind == Step::Kind::Scan) example.fact = groundFact(first[0]);
        if (first.size() == 1 && first[0].kind == Step::Kind::NotExists) {
            for (TupleId id : matchingFacts(first[0])) {
                if ((holdsAt || relations_[first[0].relation].confidence(id) >= 1) && example.existing.size() < 10)
                    example.existing.push_back(factOf({first[0].relation, id}));
            }
        }
        for (const Step& part : step.domain) {
            if (part.kind != Step::Kind::Scan) continue;
            if (auto fact = groundFact(part)) example.domain.push_back(std::move(*fact));
        }
        return example;
    }

    // ---- describing a condition with what is bound ------------------------------------

    /// The slots bound before the body and by its first `count` steps.
    std::vector<bool> boundAfter(std::size_t count) const {
        std::vector<bool> bound = plan_.bound;
        for (std::size_t i = 0; i < count; ++i) {
            for (Slot slot : slotsBoundBy(steps()[i])) bound[slot] = true;
        }
        return bound;
    }

    /// The named variables bound in the frame, with their values; with `before`, only those
    /// bound since (a `for all` counterexample's own variables).
    Bindings boundVariables(const std::vector<bool>* before = nullptr) const {
        Bindings bindings;
        const std::vector<std::string>& names = plan_.plan.slotNames;
        for (Slot slot = 0; slot < names.size() && slot < bound_.size(); ++slot) {
            if (bound_[slot] && !names[slot].empty() && !(before && (*before)[slot])) {
                bindings.emplace_back(names[slot], formatValue(frame_[slot], program_.symbols));
            }
        }
        return bindings;
    }

    /// A slot as its bound value, or its variable's name while it is free.
    std::string slotText(Slot slot) const {
        if (slot < bound_.size() && bound_[slot]) return formatValue(frame_[slot], program_.symbols);
        const std::vector<std::string>& names = plan_.plan.slotNames;
        return slot < names.size() && !names[slot].empty() ? names[slot] : "_";
    }

    std::string conditionText(const Step& step) const {
        return engine::conditionText(step, program_, [this](Slot slot) { return slotText(slot); });
    }
    std::string expressionText(const Expression& expression) const {
        return engine::expressionText(expression, program_, [this](Slot slot) { return slotText(slot); });
    }

    std::optional<Value> tryEvaluate(const Expression& expression) const {
        try {
            return evaluate(expression, frame_, rule_.rule);
        } catch (const EvaluationError&) {
            return std::nullopt;
        }
    }

    /// Per column of a scan, the value bound there (nullopt where the column is free).
    std::vector<std::optional<Value>> boundColumns(const Step& step) const {
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

    bool isHeadSlot(Slot slot) const { return slot < plan_.bound.size() && plan_.bound[slot]; }

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
    std::optional<FactKey> groundFact(const Step& step) const {
        const RelationPlan& relation = program_.relations[step.relation];
        FactKey key{step.relation, {}};
        for (std::size_t c = 0; c < step.columns.size(); ++c) {
            const ColumnMatch& column = step.columns[c];
            std::optional<Value> value;
            if (column.kind == ColumnMatch::Kind::Key) {
                value = tryEvaluate(column.expression);
            } else if ((column.kind == ColumnMatch::Kind::Bind || column.kind == ColumnMatch::Kind::Check) && bound_[column.slot]) {
                value = frame_[column.slot];  // a variable's value, perhaps of another numeric kind than this column's
            }
            if (!value) return std::nullopt;
            key.tuple.push_back(inColumnOfKind(*value, relation.kindOf(c)));
        }
        return key;
    }

    const RulePlan& rule_;
    const ProgramPlan& program_;
    const std::vector<Relation>& relations_;
    ProbeOptions options_;
    RuleRunner runner_;
    HeadBoundPlan plan_;
    Tuple goal_;
    bool bounded_ = false;
    std::vector<Value> frame_;  ///< the point described
    std::vector<bool> bound_;  ///< its slots that hold values
};

}  // namespace

RuleProbe probeRule(const RulePlan& rule, const FactKey& goal, const ProgramPlan& plan, const std::vector<Relation>& relations,
                    const ProbeOptions& options) {
    return Probe(rule, plan, relations, options).run(goal);
}

RuleProbe probeRule(const RulePlan& rule, const FactKey& goal, const Engine& engine, ProbeOptions options) {
    options.minConfidence = options.minConfidence.value_or(engine.minConfidence());
    if (!options.asOf) options.asOf = engine.asOf().value_or(dsl::today().days);  // as a query without a date reads `today`
    return probeRule(rule, goal, engine.plan(), engine.relations(), options);
}

}  // namespace accord::engine
