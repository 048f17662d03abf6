// What would it take: the smallest sets of fact additions and removals, in relations the
// user may assume changes in, that make a goal hold. Candidates come from why-not
// explanations (a missing fact to add; a fact to remove under a negated condition that
// holds, or under the value that wins instead); each set found is checked by evaluating
// the program with it. Sets grow by explaining again in the state the smaller set leaves,
// so a change that uncovers the next obstacle is followed. The search is bounded.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/engine/engine.hpp"
#include "accord/engine/explain/fact_records.hpp"

namespace accord::engine {

struct FactChange {
    bool add = true;
    FactKey fact;
    std::string text;  ///< `backs(turkey, rutte)`
    friend bool operator==(const FactChange& a, const FactChange& b) { return a.add == b.add && a.text == b.text; }
};

/// Where a search is, after each evaluation: the answers found so far, the smallest size.
struct NeedsProgress {
    std::size_t answers = 0;
    std::optional<std::size_t> smallest;
};

struct NeedsOptions {
    std::vector<bool> assumable;  ///< by relation
    std::size_t maxAnswers = 5;
    std::size_t maxChanges = 3;  ///< changes per set
    std::size_t maxEvaluations = 400;  ///< program evaluations in all
    RunOptions run;
    /// Called once per evaluation (so its calls count them), with the goal's answers so far.
    std::function<void(const NeedsProgress&)> onProgress = nullptr;
};

struct NeedsResult {
    bool alreadyHolds = false;
    std::vector<std::vector<FactChange>> answers;  ///< smallest first; each verified
    std::size_t evaluations = 0;
    bool bounded = false;  ///< the search stopped at a bound: smaller or other answers may exist
    /// Conditions for which no candidate change could be generated (an aggregate, a
    /// comparison, a fact not fully bound), each with where it is: other answers may exist.
    std::vector<std::string> ungenerated;
    /// The size of the smallest answer found above the bound on changes per answer, which
    /// is not among `answers` (raise the bound to see it).
    std::optional<std::size_t> largerAnswer;
    /// Whether the search looked at every change set up to the bounds it was given: only
    /// then does "no answer" mean there is none.
    bool complete() const { return !bounded && ungenerated.empty(); }
};

/// `makeEngine` gives a freshly loaded engine (program and facts, not yet run) each call.
NeedsResult searchNeeds(const std::function<std::unique_ptr<Engine>()>& makeEngine, const std::string& goal, const NeedsOptions& options);

/// The default of `--assumable`: relations that hold facts, or that no rule derives, and
/// are not declared `fixed` (reference data the model takes as given).
std::vector<bool> defaultAssumable(const ProgramPlan& plan);
/// The relations `names` names, as assumable flags by relation (the default when `names` is
/// empty); nullopt with the first unknown name in `unknown`.
std::optional<std::vector<bool>> assumableRelations(const ProgramPlan& plan, const std::vector<std::string>& names, std::string& unknown);

}  // namespace accord::engine
