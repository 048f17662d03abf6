// The evaluator: base facts valid on the run's date, then each stratum in order —
// a single pass for non-recursive strata, a semi-naive fixpoint for recursive ones,
// and for a keyed relation, its candidates resolved by the declared overrides.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accord/engine/eval/evaluation_error.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/relation.hpp"

namespace accord::engine {

class DemandedTuples;

/// Where a run is, for a progress display (`accord run` on a terminal).
struct RunProgress {
    std::size_t stratum = 0;  ///< from 1
    std::size_t strata = 0;
    std::size_t round = 0;  ///< semi-naive round of the stratum, from 1
    std::size_t facts = 0;  ///< tuples held so far, in all relations
    double seconds = 0;
};

struct RunOptions {
    std::int32_t asOf = 0;  ///< days since 1970-01-01: facts and rules valid on this day
    bool provenance = true;  ///< keep the premises of each best derivation (for `why`)
    std::size_t maxFacts = 20'000'000;  ///< derived and loaded facts in all
    std::size_t maxIterations = 1'000'000;  ///< semi-naive rounds of one stratum
    double maxSeconds = 0;  ///< wall time; 0 = no limit
    /// Facts and conclusions less likely than this do not hold, for the rules that read
    /// them too; nullopt: the program's `threshold` (ProgramPlan::threshold).
    std::optional<double> minConfidence = std::nullopt;
    /// Relations (by id) that keep the contents they hold before the run: their facts and
    /// rules are skipped. An incremental run keeps what no change can affect.
    std::vector<bool> keep = {};
    /// Keeps the relations it restricts to the tuples one query's conclusions rest on
    /// (demanded_tuples.hpp; Engine::runToExplain): any other tuple of theirs is neither
    /// stored nor left out. nullptr: every tuple.
    const DemandedTuples* only = nullptr;
    /// Threads a rule's run may be split across (each takes a part of its first scan's tuples,
    /// or of its delta, when the plan starts with one); the results are those of one thread.
    std::size_t threads = 1;
    /// A rule whose first scan has fewer tuples than this runs on one thread: the split would
    /// cost more than it saves.
    std::size_t minimumToSplit = 4096;
    /// Called at each stratum and round, and now and then within a long rule; it may
    /// throttle what it shows, but not throw.
    std::function<void(const RunProgress&)> onProgress = nullptr;
};

struct StratumStats {
    std::vector<std::string> relations;
    std::size_t iterations = 0;
    std::size_t derived = 0;  ///< tuples new in this stratum
    double seconds = 0;
};

/// What one rule did in a run, summed over its rounds.
struct RuleStats {
    std::uint64_t derivations = 0;  ///< facts it derived, repeats included
    std::uint64_t visited = 0;  ///< tuples its scans visited
    double seconds = 0;
};

struct RunStats {
    std::vector<StratumStats> strata;
    std::vector<RuleStats> rules;  ///< by RuleId
    std::size_t facts = 0;  ///< tuples in all relations at the end
    double seconds = 0;
};

/// The confidence below which nothing holds in a run with `options` of `plan` (0: none).
inline double minimumConfidence(const ProgramPlan& plan, const RunOptions& options) {
    return options.minConfidence.value_or(plan.threshold);
}

/// Evaluates `plan` into `relations` (one per RelationPlan, cleared first unless kept).
/// With `belowMinimum`, also the facts and conclusions left out for being less likely than
/// the run's minimum confidence (one relation per RelationPlan, each tuple with the best
/// confidence it had; those that held after all by a better derivation are not removed).
/// Throws EvaluationError for arithmetic faults, clashes and exceeded limits.
RunStats evaluate(const ProgramPlan& plan, const RunOptions& options, std::vector<Relation>& relations,
                  std::vector<Relation>* belowMinimum = nullptr);

}  // namespace accord::engine
