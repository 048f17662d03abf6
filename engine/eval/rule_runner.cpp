// Nested-loop execution of rule plans (see rule_runner.hpp).
#include "accord/engine/eval/rule_runner.hpp"

#include <algorithm>

#include "accord/engine/eval/aggregate_value.hpp"
#include "accord/engine/eval/derivation_order.hpp"
#include "accord/engine/eval/expression_eval.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {

void RuleRunner::restart(RuleId rule) {
    rule_ = rule;
    premises_.clear();
    depth_ = 0;
    aggregateDepth_ = 0;  // a stopped search (its checkpoint threw) may have left them raised
}

void RuleRunner::start(const RulePlan& plan, std::vector<Value> frame) {
    frame_ = std::move(frame);
    frame_.resize(plan.slotCount);
    pruneToBestMatch_ = false;
    restart(plan.rule);
}

bool RuleRunner::outranks(double confidence, std::span<const FactRef> premises, double bestConfidence,
                          std::span<const FactRef> bestPremises) const {
    if (confidence != bestConfidence) return confidence > bestConfidence;
    return trackPremises_ && comparePremises(premises, bestPremises, relations_, symbols_) < 0;
}

/// The best solution of some steps (see outranks), with its premises.
struct RuleRunner::BestSolution : Solution {
    const RuleRunner& runner;
    double certain;  ///< the confidence nothing beats: the one the steps start from
    bool any = false;
    double confidence = 0.0;
    std::vector<FactRef> premises;

    BestSolution(const RuleRunner& r, double startConfidence) : runner(r), certain(startConfidence) {}
    bool found(double c) override {
        if (!any || runner.outranks(c, runner.premises_, confidence, premises)) {
            any = true;
            confidence = c;
            premises = runner.premises_;
        }
        return runner.trackPremises_ || confidence < certain;  // without provenance, any certain solution will do
    }
};

bool RuleRunner::splittable(const RulePlan& plan) {
    if (plan.steps.empty() || plan.independentSteps > 0) return false;
    const Step& first = plan.steps.front();
    return first.kind == Step::Kind::Scan && !first.existsOnly && (first.readsDelta || first.keyMask == 0);
}

std::size_t RuleRunner::firstCandidates(const RulePlan& plan) const {
    const Step& first = plan.steps.front();
    return first.readsDelta ? deltas_[first.relation].size() : relations_[first.relation].size();
}

void RuleRunner::run(const RulePlan& plan, double ruleConfidence, DerivationSink& sink, std::optional<CandidateRange> first) {
    struct ClearRange {
        std::optional<CandidateRange>& range;
        ~ClearRange() { range.reset(); }  // also when a checkpoint throws
    } clearRange{firstRange_};
    firstRange_ = first;
    frame_.assign(plan.slotCount, Value{});
    if (plan.todaySlot) frame_[*plan.todaySlot] = Value::date(asOf_);
    restart(plan.rule);
    pruneToBestMatch_ = true;
    struct Emit : Solution {
        RuleRunner& runner;
        const RulePlan& plan;
        DerivationSink& sink;
        Tuple head;
        Emit(RuleRunner& r, const RulePlan& p, DerivationSink& s) : runner(r), plan(p), sink(s), head(p.headTerms.size()) {}
        bool found(double confidence) override {
            for (std::size_t c = 0; c < plan.headTerms.size(); ++c) {
                head[c] = plan.headConversions.apply(c, evaluate(plan.headTerms[c], runner.frame_, plan.rule));
            }
            sink.derive(head, confidence, runner.premises_);
            return true;
        }
    } emit(*this, plan, sink);
    // A semi-naive version whose delta is empty derives nothing: stop before even the
    // independent steps run.
    if (plan.deltaStep && deltas_[plan.steps[*plan.deltaStep].relation].empty()) return;
    if (plan.independentSteps == 0) {
        solve(plan.steps, 0, plan.steps.size(), ruleConfidence, emit);
        return;
    }
    solveIndependentOnce(plan, ruleConfidence, emit);
}

void RuleRunner::solveIndependentOnce(const RulePlan& plan, double ruleConfidence, Solution& emit) {
    // The independent steps hold or not whatever the rest binds: solve them once, then the
    // rest from their best solution (they bind nothing the rest reads).
    BestSolution best(*this, ruleConfidence);
    solve(plan.steps, 0, plan.independentSteps, ruleConfidence, best);
    if (!best.any) return;
    premises_ = std::move(best.premises);
    solve(plan.steps, plan.independentSteps, plan.steps.size(), best.confidence, emit);
}

std::vector<Value>& RuleRunner::keyOf(const Step& step) {
    if (keyBuffers_.size() <= depth_) keyBuffers_.resize(depth_ + 1);
    std::vector<Value>& key = keyBuffers_[depth_];
    key.clear();
    for (std::size_t c = 0; c < step.columns.size(); ++c) {
        const ColumnMatch& column = step.columns[c];
        if (column.kind == ColumnMatch::Kind::Key) key.push_back(step.keyConversions.apply(c, evaluate(column.expression, frame_, rule_)));
    }
    return key;
}

bool RuleRunner::bindColumns(const Step& step, TupleView tuple) {
    for (std::size_t c = 0; c < step.columns.size(); ++c) {
        const ColumnMatch& column = step.columns[c];
        switch (column.kind) {
            case ColumnMatch::Kind::Bind: frame_[column.slot] = step.bindConversions.apply(c, tuple[c]); break;
            case ColumnMatch::Kind::Check:
                if (!(step.keyConversions.apply(c, frame_[column.slot]) == tuple[c])) return false;
                break;
            default: break;
        }
    }
    return true;
}

bool RuleRunner::solve(const Steps& steps, std::size_t index, std::size_t end, double confidence, Solution& solution) {
    if (confidence < solution.floor) return true;
    if (gate_ && !gate_->passes(steps, index, frame_)) return true;
    if (index == end) return solution.found(confidence);
    const Step& step = steps[index];
    switch (step.kind) {
        case Step::Kind::Scan: return scan(steps, index, end, confidence, solution);
        case Step::Kind::NotExists:
            if (!notExists(step, confidence)) return true;
            return solve(steps, index + 1, end, confidence, solution);
        case Step::Kind::Filter: {
            Value left = evaluate(step.left, frame_, rule_), right = evaluate(step.right, frame_, rule_);
            if (!compare(step.compare, left, right, symbols_)) return true;
            return solve(steps, index + 1, end, confidence, solution);
        }
        case Step::Kind::Assign:
            frame_[step.target] = inColumnOfKind(evaluate(step.value, frame_, rule_), step.targetKind);
            return solve(steps, index + 1, end, confidence, solution);
        case Step::Kind::Aggregate:
            if (!aggregate(step, confidence)) return true;
            return solve(steps, index + 1, end, confidence, solution);
        case Step::Kind::ForAll:
            if (!forAll(step, confidence)) return true;
            return solve(steps, index + 1, end, confidence, solution);
    }
    return true;
}

void RuleRunner::countVisit() {
    if (++visited_ == nextCheckpoint_) {
        nextCheckpoint_ = visited_ + kCheckpointEvery;
        if (checkpoint_) checkpoint_();
    }
}

template <typename Visit>
void RuleRunner::forEachCandidate(const Step& step, const std::vector<Value>& key, Visit&& visit) {
    const Relation& relation = relations_[step.relation];
    // A run split across threads visits its part of the first step's candidates (which are
    // every tuple or the delta: splittable()); the later steps are nested deeper.
    const std::optional<CandidateRange> range = depth_ == 0 ? firstRange_ : std::nullopt;
    if (!step.readsDelta && range) {
        for (auto id = static_cast<TupleId>(range->begin); id < range->end; ++id) {
            countVisit();
            if (!visit(id)) return;
        }
        return;
    }
    if (!step.readsDelta) {
        relation.forEachMatch(step.keyMask, key, [&](TupleId id) {
            countVisit();
            return visit(id);
        });
        return;
    }
    // A delta scan walks the new tuples and checks the key itself.
    const std::vector<TupleId>& delta = deltas_[step.relation];
    for (std::size_t i = range ? range->begin : 0, end = range ? range->end : delta.size(); i < end; ++i) {
        const TupleId id = delta[i];
        TupleView tuple = relation.tuple(id);
        bool matches = true;
        for (std::size_t c = 0, k = 0; c < step.columns.size() && matches; ++c) {
            if (step.columns[c].kind == ColumnMatch::Kind::Key) matches = tuple[c] == key[k++];
        }
        if (!matches) continue;
        countVisit();
        if (!visit(id)) return;
    }
}

std::optional<TupleId> RuleRunner::bestMatch(const Step& step, const std::vector<Value>& key, double confidence) {
    const Relation& relation = relations_[step.relation];
    std::optional<FactRef> best;
    double bestConfidence = 0.0;
    forEachCandidate(step, key, [&](TupleId id) {
        double c = confidence * relation.confidence(id);
        FactRef candidate{step.relation, id};
        if (!best || outranks(c, std::span(&candidate, 1), bestConfidence, std::span(&*best, 1))) {
            best = candidate;
            bestConfidence = c;
        }
        return trackPremises_ || bestConfidence < confidence;  // without provenance, any certain match will do
    });
    if (!best) return std::nullopt;
    return best->tuple;
}

bool RuleRunner::scan(const Steps& steps, std::size_t index, std::size_t end, double confidence, Solution& solution) {
    const Step& step = steps[index];
    const Relation& relation = relations_[step.relation];
    auto visit = [&](TupleId id) {
        TupleView tuple = relation.tuple(id);
        if (!bindColumns(step, tuple)) return true;
        if (trackPremises_) premises_.push_back({step.relation, id});
        ++depth_;
        bool go = solve(steps, index + 1, end, confidence * relation.confidence(id), solution);
        --depth_;
        if (trackPremises_) premises_.pop_back();
        return go;
    };
    const std::vector<Value>& key = keyOf(step);
    if (pruneToBestMatch_ && step.existsOnly) {
        // Only whether a match exists matters (its other columns are used nowhere else): the
        // derivations from the other matches would be the same, with a confidence no higher.
        std::optional<TupleId> best = bestMatch(step, key, confidence);
        return !best || visit(*best);
    }
    bool go = true;
    forEachCandidate(step, key, [&](TupleId id) { return go = visit(id); });
    return go;
}

bool RuleRunner::notExists(const Step& step, double& confidence) {
    const Relation& relation = relations_[step.relation];
    double absent = 1.0;  // the chance that none of the matching facts holds
    relation.forEachMatch(step.keyMask, keyOf(step), [&](TupleId id) {
        absent *= 1.0 - relation.confidence(id);
        return absent > 0.0;
    });
    confidence *= absent;
    return absent > 0.0;
}

bool RuleRunner::aggregate(const Step& step, double& confidence) {
    // Distinct element tuples, each with the best confidence of its derivations.
    if (distinctSets_.size() <= aggregateDepth_) distinctSets_.emplace_back();
    DistinctSet& elements = distinctSets_[aggregateDepth_];
    elements.reset(step.elements.size());
    struct Collect : Solution {
        RuleRunner& runner;
        const Step& step;
        DistinctSet& elements;
        Tuple scratch;
        Collect(RuleRunner& r, const Step& s, DistinctSet& e) : runner(r), step(s), elements(e), scratch(s.elements.size()) {}
        bool found(double elementConfidence) override {
            for (std::size_t i = 0; i < step.elements.size(); ++i) scratch[i] = evaluate(step.elements[i], runner.frame_, runner.rule_);
            elements.add(scratch, elementConfidence);
            return true;
        }
    } collect(*this, step, elements);
    std::size_t premiseMark = premises_.size();
    ++depth_;
    ++aggregateDepth_;
    solve(step.body, 0, step.body.size(), 1.0, collect);
    --aggregateDepth_;
    --depth_;
    premises_.resize(premiseMark);

    double weakest = 1.0;
    for (std::size_t i = 0; i < elements.size(); ++i) weakest = std::min(weakest, elements.confidence(i));
    std::optional<Value> result = aggregateValue(step.function, elements, rule_, symbols_);
    if (!result) return false;  // min and max of nothing give no result
    frame_[step.target] = *result;
    confidence *= weakest;
    return true;
}

bool RuleRunner::forAll(const Step& step, double& confidence) {
    // For every solution of the domain, the best confidence of some consequent alternative.
    struct Best : Solution {
        double best = 0.0;
        bool found(double c) override {
            best = std::max(best, c);
            return best < 1.0;  // nothing beats certainty: stop looking
        }
    };
    struct Domain : Solution {
        RuleRunner& runner;
        const Step& step;
        double weakest = 1.0;
        Domain(RuleRunner& r, const Step& s) : runner(r), step(s) {}
        bool found(double) override {
            Best best;
            for (const Steps& alternative : step.consequent) {
                if (best.best >= 1.0) break;
                runner.solve(alternative, 0, alternative.size(), 1.0, best);
            }
            weakest = std::min(weakest, best.best);
            return weakest > 0.0;  // one counterexample decides it
        }
    } domain(*this, step);
    std::size_t premiseMark = premises_.size();
    ++depth_;
    solve(step.domain, 0, step.domain.size(), 1.0, domain);
    --depth_;
    premises_.resize(premiseMark);
    confidence *= domain.weakest;
    return domain.weakest > 0.0;
}

}  // namespace accord::engine
