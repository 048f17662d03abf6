// Runs one RulePlan: the nested loops of its steps over the relations, calling a sink
// with each head tuple, its confidence and the facts it rests on.
//
// A derivation's confidence is the rule's confidence times the confidences of its
// positive body facts times (1 - c) for each negated fact that exists with confidence c.
// An aggregate contributes the lowest confidence among the elements it aggregates (1 when
// there are none); a `for all` the lowest, over its domain, of the best confidence of its
// consequent. Facts and rules without a confidence have 1, so a fact derived with no
// uncertainty anywhere has confidence 1.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "accord/engine/eval/distinct_set.hpp"
#include "accord/engine/eval/evaluation_error.hpp"
#include "accord/engine/eval/head_gate.hpp"
#include "accord/engine/plan/rule_plan.hpp"
#include "accord/engine/relation.hpp"
#include "accord/engine/symbol_table.hpp"

namespace accord::engine {

/// Receives one derivation: the head tuple, its confidence, and its positive premises.
class DerivationSink {
public:
    virtual ~DerivationSink() = default;
    virtual void derive(TupleView head, double confidence, std::span<const FactRef> premises) = 0;
};

class RuleRunner {
public:
    /// `deltas[r]`: the tuples of relation r new in the last iteration (read by delta scans);
    /// `asOf`: the evaluation's date, which rules read as `today`.
    RuleRunner(const std::vector<Relation>& relations, const std::vector<std::vector<TupleId>>& deltas, const SymbolTable& symbols,
               bool trackPremises, std::int32_t asOf)
        : relations_(relations), deltas_(deltas), symbols_(symbols), trackPremises_(trackPremises), asOf_(asOf) {}

    /// Positions [begin, end) among the candidates of a plan's first step (its tuples, or its
    /// delta): the part of one run that one thread takes (evaluator.cpp splits a run across threads).
    struct CandidateRange {
        std::size_t begin = 0;
        std::size_t end = 0;
    };
    /// Runs `plan`; with `first`, only from those of its first step's candidates (the plan
    /// must be splittable). The derivations come in the order a whole run makes them.
    void run(const RulePlan& plan, double ruleConfidence, DerivationSink& sink, std::optional<CandidateRange> first = std::nullopt);
    /// Whether run() can take a range of the first step's candidates: the plan starts with a
    /// scan of every tuple of a relation, or of its delta, that is not an existence check,
    /// and solves no independent steps first.
    static bool splittable(const RulePlan& plan);
    /// The candidates of a splittable plan's first step.
    std::size_t firstCandidates(const RulePlan& plan) const;

    /// Called every kCheckpointEvery tuples the scans visit (counted across rules), so that a
    /// long join can be stopped (the callback throws) even when it derives nothing.
    void setCheckpoint(std::function<void()> checkpoint) { checkpoint_ = std::move(checkpoint); }
    /// Drops the partial solutions `gate` stops (nullptr: none), in the runs that follow.
    void setGate(const HeadGate* gate) { gate_ = gate; }
    static constexpr std::uint64_t kCheckpointEvery = 1u << 20;
    /// Moves the next checkpoint to `count` tuples from now (a probe's budget per search).
    void checkpointAfter(std::uint64_t count) { nextCheckpoint_ = visited_ + count; }
    /// The tuples the scans visited so far (for a rule's profile).
    std::uint64_t visited() const { return visited_; }

    // ---- searches for explanations (rule_probe.cpp): the evaluator's steps, driven step by step

    /// The solutions of a search. `found` is called at the end of the steps with the
    /// solution's confidence; it may read the frame and the premises, and search again from
    /// them (a nested question); it returns false to stop. A path whose confidence falls
    /// below `floor` is cut (a derivation below the run's minimum confidence does not hold).
    struct Solution {
        virtual ~Solution() = default;
        virtual bool found(double confidence) = 0;
        double floor = 0;
    };
    /// Starts searches of `plan`'s body from `frame`: the values of the slots bound before it.
    void start(const RulePlan& plan, std::vector<Value> frame);
    /// Searches `steps` (the started plan's, or a part of them) from the frame as it is, with
    /// `confidence` so far. False when `found` stopped it.
    bool search(const Steps& steps, double confidence, Solution& solution) { return solve(steps, 0, steps.size(), confidence, solution); }
    const std::vector<Value>& frame() const { return frame_; }
    /// The facts the scans on the current path matched (with trackPremises), outermost first.
    std::span<const FactRef> premises() const { return premises_; }

private:
    void restart(RuleId rule);
    void solveIndependentOnce(const RulePlan& plan, double ruleConfidence, Solution& emit);
    /// Solves steps[index, end) from the frame as it is.
    bool solve(const Steps& steps, std::size_t index, std::size_t end, double confidence, Solution& solution);
    bool scan(const Steps& steps, std::size_t index, std::size_t end, double confidence, Solution& solution);
    void countVisit();
    /// Calls `visit` with each tuple a scan step matches, until it returns false.
    template <typename Visit>
    void forEachCandidate(const Step& step, const std::vector<Value>& key, Visit&& visit);
    /// The match of an existence check whose derivations a run over every match would keep:
    /// the highest confidence, then (with provenance) the first fact in the canonical order.
    std::optional<TupleId> bestMatch(const Step& step, const std::vector<Value>& key, double confidence);
    /// Whether a solution (or match) is better than the best so far: a higher confidence, or
    /// (with provenance) an equal one whose premises come first in the canonical order of
    /// derivation_order.hpp, so that the derivation kept is the one a run over every
    /// solution would keep.
    bool outranks(double confidence, std::span<const FactRef> premises, double bestConfidence, std::span<const FactRef> bestPremises) const;
    struct BestSolution;
    bool notExists(const Step& step, double& confidence);
    bool aggregate(const Step& step, double& confidence);
    bool forAll(const Step& step, double& confidence);
    bool bindColumns(const Step& step, TupleView tuple);
    std::vector<Value>& keyOf(const Step& step);

    const std::vector<Relation>& relations_;
    const std::vector<std::vector<TupleId>>& deltas_;
    const SymbolTable& symbols_;
    bool trackPremises_;
    std::int32_t asOf_;
    bool pruneToBestMatch_ = false;  ///< in run(), not in searches: existence checks go on from their best match only
    std::optional<CandidateRange> firstRange_;  ///< in run(): the part of the first step's candidates to visit
    std::function<void()> checkpoint_;
    const HeadGate* gate_ = nullptr;
    std::uint64_t visited_ = 0;
    std::uint64_t nextCheckpoint_ = kCheckpointEvery;
    RuleId rule_ = kNoRule;
    std::vector<Value> frame_;
    std::vector<FactRef> premises_;
    std::deque<std::vector<Value>> keyBuffers_;  ///< one per nesting depth (stable addresses): no allocation per tuple
    std::size_t depth_ = 0;
    std::deque<DistinctSet> distinctSets_;  ///< one per aggregate nesting level, reused
    std::size_t aggregateDepth_ = 0;
};

}  // namespace accord::engine
