// The needs search (see needs.hpp): breadth-first over change sets by size, each set's
// successors drawn from a why-not explanation of the goal in the state the set leaves.
#include "accord/engine/explain/needs.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <set>
#include <string>

#include <fmt/format.h>

#include "accord/engine/explain/aggregate_changes.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/plan/dependencies.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

std::string changeKey(const std::vector<FactChange>& changes) {
    std::vector<std::string> parts;
    for (const FactChange& change : changes) parts.push_back((change.add ? "+" : "-") + change.text);
    std::sort(parts.begin(), parts.end());
    std::string key;
    for (const std::string& part : parts) key += part + "\n";
    return key;
}

/// How many derived negated facts deep candidates are looked for (`not unmet(...)` where
/// `unmet` needs `not met(...)` where `met` needs an assumable `assurance(...)`).
constexpr int kUndoDepth = 2;
/// How deep the proofs are followed for base facts to remove.
constexpr std::size_t kProofDepth = 30;
/// Elements proposed to add, and to remove, per aggregate atom at most.
constexpr std::size_t kAggregateCandidates = 64;

class NeedsSearch {
public:
    /// `base`: changes taken as given, applied before every evaluation and left out of the
    /// answers; `step`: how many obstacles before this one were solved on the way here.
    NeedsSearch(const std::function<std::unique_ptr<Engine>()>& makeEngine, const std::string& goal, const NeedsOptions& options,
                std::vector<FactChange> base = {}, std::size_t step = 0)
        : makeEngine_(makeEngine), goalText_(goal), options_(options), base_(std::move(base)), step_(step) {}

    NeedsResult run() {
        std::unique_ptr<Engine> engine;
        std::optional<WhyNot> obstacle = firstObstacle(engine);
        bool solved = obstacle && (solvedInParts(*engine, *obstacle) || solvedStepwise(*engine, *obstacle));
        if (!solved) searchBreadthFirst();
        std::stable_sort(result_.answers.begin(), result_.answers.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
        return std::move(result_);
    }

private:
    /// Every change set by size, each set's successors drawn from what stops the goal in the
    /// state the set leaves.
    void searchBreadthFirst() {
        std::deque<std::vector<FactChange>> frontier{{}};
        std::set<std::string> seen{changeKey({})};
        while (!frontier.empty()) {
            std::vector<FactChange> changes = std::move(frontier.front());
            frontier.pop_front();
            if (result_.answers.size() >= options_.maxAnswers) break;
            if (coveredByAnswer(changes)) continue;  // only minimal sets
            if (result_.evaluations >= options_.maxEvaluations) {
                result_.bounded = true;
                break;
            }
            std::unique_ptr<Engine> engine = evaluate(changes);
            if (!engine) continue;
            if (holds_) {
                if (changes.empty()) {
                    result_.alreadyHolds = true;
                    break;
                }
                acceptMinimal(changes);
                continue;
            }
            if (changes.size() >= options_.maxChanges) {
                result_.bounded = result_.bounded || !candidates(*engine).empty();
                continue;
            }
            for (const FactChange& candidate : candidates(*engine)) {
                bool undoes = std::any_of(changes.begin(), changes.end(), [&](const FactChange& change) {
                    return change.text == candidate.text;  // the same fact again, or its opposite
                });
                if (undoes) continue;
                std::vector<FactChange> next = changes;
                next.push_back(candidate);
                if (seen.insert(changeKey(next)).second) frontier.push_back(std::move(next));
            }
        }
    }

    /// What stops the goal before any change (evaluated once for the two ways below), or
    /// nullopt when it holds, the run fails or no evaluation is left.
    std::optional<WhyNot> firstObstacle(std::unique_ptr<Engine>& engine) {
        if (result_.evaluations >= options_.maxEvaluations) return std::nullopt;
        engine = evaluate({});
        if (!engine || holds_) return std::nullopt;
        EngineFactRecords records(*engine);
        return explainWhyNot(*engine, records, goal_, options_.run.asOf, 0);
    }

    // ---- a `for all` with several counterexamples, solved one counterexample at a time ----

    /// When the goal's one rule fails only at a `for all` with several counterexamples (four
    /// allies short of unanimity), each counterexample is a smaller problem of its own: the
    /// ways to remove each are searched separately and combined, smallest union first. Far
    /// fewer evaluations than sets of all their changes together; but a set that serves
    /// several counterexamples at once without being among the ways found for each may be
    /// missed, and the answer says so. False when the goal does not have that shape.
    bool solvedInParts(Engine& engine, const WhyNot& whyNot) {
        if (whyNot.instead || whyNot.attempts.size() != 1 || !separable(whyNot.attempts.front())) return false;
        const RuleAttempt& attempt = whyNot.attempts.front();
        const auto& examples = attempt.probe.failure->counterexamples;
        // Half the evaluations for the parts, each taking an equal share of what the parts
        // before it left; the other half for combining.
        const std::size_t forParts = remainingEvaluations() / 2;
        const std::size_t start = result_.evaluations;
        std::vector<std::vector<std::vector<FactChange>>> ways;
        for (std::size_t i = 0; i < examples.size(); ++i) {
            const ConditionFailure::Counterexample& example = examples[i];
            std::size_t left = forParts - std::min(forParts, result_.evaluations - start);
            ways.push_back(waysToRemove(engine, example, left / (examples.size() - i)));
            if (ways.back().empty()) {
                noteUngenerated(fmt::format("no way found to make {} hold ({})", example.consequent, bindingsText(example.bindings)));
                return false;  // the search of all changes together tries with what is left
            }
        }
        combine(ways);
        if (result_.answers.empty()) return false;
        noteUngenerated(
            fmt::format("the answers combine those found for each counterexample of the `for all` of rule {}at {} "
                        "separately: a smaller set serving several at once may exist",
                        attempt.rule.name.empty() ? "" : attempt.rule.name + " ", attempt.rule.location));
        return true;
    }

    // ---- obstacles one after the other ---------------------------------------------------

    /// When the goal's one rule fails first at a derived fact that a search of its own can
    /// make hold (`appointed` waits on `appointable`, which waits on four allies), each way
    /// found for that fact is taken as given and the goal is searched again from there, for
    /// what it lacks next. A smaller set that removes both obstacles at once may be missed,
    /// and the answer says so. False when the goal does not have that shape.
    bool solvedStepwise(Engine& engine, const WhyNot& whyNot) {
        if (step_ >= kMaxSteps || whyNot.instead || whyNot.attempts.size() != 1) return false;
        const RuleAttempt& attempt = whyNot.attempts.front();
        const auto& failure = attempt.probe.failure;
        if (!attempt.inForce || !failure || failure->kind != ConditionFailure::Kind::MissingFact || !failure->missing ||
            !engine.plan().isDerived(failure->missing->relation)) {
            return false;
        }
        const RelationPlan& relation = engine.plan().relations[failure->missing->relation];
        std::string obstacle = formatFact(relation.name, failure->missing->tuple, relation.keyed, engine.symbols());
        NeedsOptions first = options_;
        first.onProgress = forwardProgress();
        first.maxEvaluations = remainingEvaluations() / 2;
        first.maxAnswers = kWaysPerPart;
        NeedsResult ways = NeedsSearch(makeEngine_, obstacle, first, base_, step_ + 1).run();
        absorb(ways);
        for (const std::vector<FactChange>& way : ways.answers) {
            if (result_.answers.size() >= options_.maxAnswers) break;
            for (std::vector<FactChange>& rest : whatElseAfter(way, ways.answers.size())) {
                std::vector<FactChange> changes = way;
                changes.insert(changes.end(), rest.begin(), rest.end());
                recordIfItHolds(changes);
            }
        }
        if (result_.answers.empty()) return false;
        noteUngenerated(
            fmt::format("the answers remove the obstacles one after the other, {} first: a smaller set removing "
                        "several at once may exist",
                        obstacle));
        return true;
    }

    /// What the goal still lacks once `way` is taken as given: nothing when it holds then,
    /// else the answers of a search from there (with a share of the evaluations left).
    std::vector<std::vector<FactChange>> whatElseAfter(const std::vector<FactChange>& way, std::size_t ways) {
        evaluate(way);
        if (holds_) return {{}};
        if (way.size() >= options_.maxChanges) return {};
        NeedsOptions rest = options_;
        rest.onProgress = forwardProgress();
        rest.maxChanges = options_.maxChanges - way.size();
        rest.maxAnswers = kWaysPerPart;
        rest.maxEvaluations = remainingEvaluations() / std::max<std::size_t>(ways, 1);
        std::vector<FactChange> given = base_;
        given.insert(given.end(), way.begin(), way.end());
        NeedsResult after = NeedsSearch(makeEngine_, goalText_, rest, std::move(given), step_ + 1).run();
        absorb(after);
        return std::move(after.answers);
    }

    /// Counts a nested search's evaluations and what it could not look at.
    void absorb(NeedsResult& nested) {
        result_.evaluations += nested.evaluations;
        result_.bounded = result_.bounded || nested.bounded;
        for (std::string& reason : nested.ungenerated) noteUngenerated(std::move(reason));
    }

    std::size_t remainingEvaluations() const { return options_.maxEvaluations - std::min(options_.maxEvaluations, result_.evaluations); }

    /// Records `changes` as an answer, cut down to what it needs, when it makes the goal hold.
    void recordIfItHolds(const std::vector<FactChange>& changes) {
        if (coveredByAnswer(changes) || result_.evaluations >= options_.maxEvaluations) return;
        evaluate(changes);
        if (!holds_) return;
        std::vector<FactChange> needed = withoutUnneeded(changes);
        if (coveredByAnswer(needed)) return;
        if (needed.size() > options_.maxChanges) {
            result_.largerAnswer = std::min(result_.largerAnswer.value_or(needed.size()), needed.size());
            return;
        }
        dropAnswersCovering(needed);
        result_.answers.push_back(std::move(needed));
    }

    /// A rule that fails only at its last condition, a `for all` with at least two (and not
    /// too many) counterexamples, each a fact to make hold.
    static bool separable(const RuleAttempt& attempt) {
        const auto& failure = attempt.probe.failure;
        if (!attempt.inForce || !failure || failure->kind != ConditionFailure::Kind::Counterexamples) return false;
        const auto& examples = failure->counterexamples;
        return attempt.probe.conditionsMet + 1 == attempt.probe.conditions && examples.size() >= 2 && examples.size() < kMaxParts &&
               std::all_of(examples.begin(), examples.end(), [](const auto& example) { return example.fact.has_value(); });
    }

    /// The ways to remove one counterexample: the answers of a search for its consequent,
    /// and taking away its domain fact where that may change.
    std::vector<std::vector<FactChange>> waysToRemove(Engine& engine, const ConditionFailure::Counterexample& example,
                                                      std::size_t evaluations) {
        const RelationPlan& relation = engine.plan().relations[example.fact->relation];
        NeedsOptions part = options_;
        part.onProgress = forwardProgress();
        part.maxEvaluations = evaluations;
        part.maxAnswers = kWaysPerPart;  // however few answers the goal asks for: its parts' smallest may not combine
        NeedsResult found =
            NeedsSearch(makeEngine_, formatFact(relation.name, example.fact->tuple, relation.keyed, engine.symbols()), part, base_, step_)
                .run();
        absorb(found);
        std::vector<std::vector<FactChange>> ways = std::move(found.answers);  // a part's larger answer says nothing of the goal's
        std::vector<FactChange> removals;
        for (const FactKey& domainFact : example.domain) add(engine, false, domainFact, removals);
        for (const FactChange& removal : removals) ways.push_back({removal});
        return ways;
    }

    /// Tries one way per counterexample, the smallest unions first; each union that works is
    /// cut down to the changes it needs (no single change can be left out).
    void combine(const std::vector<std::vector<std::vector<FactChange>>>& ways) {
        std::vector<std::vector<FactChange>> unions;
        std::vector<FactChange> chosen;
        collectUnions(ways, 0, chosen, unions);
        std::stable_sort(unions.begin(), unions.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
        std::set<std::string> tried;
        for (const std::vector<FactChange>& changes : unions) {
            if (result_.answers.size() >= options_.maxAnswers) break;
            if (!tried.insert(changeKey(changes)).second || coveredByAnswer(changes)) continue;
            bool tooLarge = changes.size() > options_.maxChanges;
            if (tooLarge && (!result_.answers.empty() || result_.largerAnswer)) continue;  // its size is known to be above the bound
            if (result_.evaluations >= options_.maxEvaluations) {
                result_.bounded = true;
                break;
            }
            recordIfItHolds(changes);
        }
        if (unions.size() >= kMaxCombinations) result_.bounded = true;
    }

    static void collectUnions(const std::vector<std::vector<std::vector<FactChange>>>& ways, std::size_t part,
                              std::vector<FactChange>& chosen, std::vector<std::vector<FactChange>>& unions) {
        if (unions.size() >= kMaxCombinations) return;
        if (part == ways.size()) {
            unions.push_back(chosen);
            return;
        }
        for (const std::vector<FactChange>& way : ways[part]) {
            std::size_t before = chosen.size();
            bool conflict = false;
            for (const FactChange& change : way) {
                auto same = std::find_if(chosen.begin(), chosen.end(), [&](const FactChange& c) { return c.text == change.text; });
                if (same == chosen.end()) {
                    chosen.push_back(change);
                } else if (same->add != change.add) {
                    conflict = true;  // one way adds what another removes
                }
            }
            if (!conflict) collectUnions(ways, part + 1, chosen, unions);
            chosen.resize(before);
        }
    }

    /// Earlier answers that contain `smaller`: no longer minimal.
    void dropAnswersCovering(const std::vector<FactChange>& smaller) {
        std::erase_if(result_.answers, [&](const std::vector<FactChange>& answer) { return containsAll(answer, smaller); });
    }

    /// `changes` (which make the goal hold) without each change the goal holds without.
    std::vector<FactChange> withoutUnneeded(std::vector<FactChange> changes) {
        for (std::size_t i = changes.size(); i-- > 0;) {
            if (result_.evaluations >= options_.maxEvaluations) {
                result_.bounded = true;  // some change in it may not be needed
                break;
            }
            std::vector<FactChange> fewer = changes;
            fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
            evaluate(fewer);
            if (holds_) changes = std::move(fewer);
        }
        return changes;
    }

    /// Obstacles removed one after the other, at most.
    static constexpr std::size_t kMaxSteps = 3;
    /// Ways looked for to remove each counterexample, at most: the smallest few combine best.
    static constexpr std::size_t kWaysPerPart = 3;
    /// Counterexamples solved one at a time, at most (more: the search of all changes together).
    static constexpr std::size_t kMaxParts = 64;
    /// Unions of one way per counterexample looked at, at most.
    static constexpr std::size_t kMaxCombinations = 20'000;

    /// Records `changes`, or the smallest proper subset of them that works too: a set found
    /// along one path may contain a smaller answer reached along none.
    void acceptMinimal(const std::vector<FactChange>& changes) {
        const std::size_t n = changes.size();
        for (std::size_t size = 1; size < n; ++size) {
            for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
                if (static_cast<std::size_t>(std::popcount(mask)) != size) continue;
                std::vector<FactChange> subset;
                for (std::size_t i = 0; i < n; ++i) {
                    if (mask >> i & 1) subset.push_back(changes[i]);
                }
                if (coveredByAnswer(subset)) return;
                evaluate(subset);
                if (holds_) {
                    result_.answers.push_back(subset);
                    return;
                }
            }
        }
        result_.answers.push_back(changes);
    }

    bool coveredByAnswer(const std::vector<FactChange>& changes) const {
        return std::any_of(result_.answers.begin(), result_.answers.end(),
                           [&](const std::vector<FactChange>& answer) { return containsAll(changes, answer); });
    }

    /// Whether every change of `subset` is in `changes`.
    static bool containsAll(const std::vector<FactChange>& changes, const std::vector<FactChange>& subset) {
        return std::all_of(subset.begin(), subset.end(),
                           [&](const FactChange& change) { return std::find(changes.begin(), changes.end(), change) != changes.end(); });
    }

    /// A nested search's evaluations are shown with this search's answers (those of the goal,
    /// at the top).
    std::function<void(const NeedsProgress&)> forwardProgress() {
        if (!options_.onProgress) return nullptr;
        return [this](const NeedsProgress&) { reportProgress(); };
    }

    void reportProgress() const {
        if (!options_.onProgress) return;
        NeedsProgress progress{.answers = result_.answers.size(), .smallest = std::nullopt};
        for (const auto& answer : result_.answers) progress.smallest = std::min(progress.smallest.value_or(answer.size()), answer.size());
        options_.onProgress(progress);
    }

    /// A fresh engine with `changes` applied and run; null when the run fails. Sets holds_.
    std::unique_ptr<Engine> evaluate(const std::vector<FactChange>& changes) {
        ++result_.evaluations;
        reportProgress();
        holds_ = false;  // a run that fails makes nothing hold
        std::unique_ptr<Engine> engine = makeEngine_();
        // Each change is read again in this engine: a value only the goal or an earlier
        // engine named (`backs(c, x)`) has no id in this one's symbols until it is read here.
        Hypothesis hypothesis;
        dsl::Diagnostics ignored;
        auto apply = [&](const FactChange& change) {
            auto fact = engine->parseFact(change.text, ignored);
            if (!fact) return;
            (change.add ? hypothesis.asserts : hypothesis.retracts).push_back({fact->first, fact->second, 1.0, {}, "needs"});
        };
        for (const FactChange& change : base_) apply(change);
        for (const FactChange& change : changes) apply(change);
        applyHypothesis(*engine, hypothesis);
        try {
            engine->run(options_.run);
        } catch (const EvaluationError&) {
            return nullptr;
        }
        dsl::Diagnostics diagnostics;
        auto goal = engine->parseFact(goalText_, diagnostics);
        if (!goal) return nullptr;
        goal_ = FactKey{goal->first, goal->second};
        const Relation& relation = engine->relations()[goal_.relation];
        holds_ = relation.contains(goal_.tuple);
        return engine;
    }

    /// Changes that address what stops the goal in `engine`'s state.
    std::vector<FactChange> candidates(Engine& engine) {
        EngineFactRecords records(engine);
        WhyNot whyNot = explainWhyNot(engine, records, goal_, options_.run.asOf, 2);
        std::vector<FactChange> out;
        add(engine, true, goal_, out);  // a fact of an assumable relation may simply be stated
        collect(engine, records, whyNot, out, kUndoDepth);
        return out;
    }

    void add(Engine& engine, bool isAdd, const FactKey& fact, std::vector<FactChange>& out) {
        if (!isAssumable(fact.relation)) return;
        const RelationPlan& relation = engine.plan().relations[fact.relation];
        FactChange change{isAdd, fact, formatFact(relation.name, fact.tuple, relation.keyed, engine.symbols())};
        if (std::find(out.begin(), out.end(), change) == out.end()) out.push_back(std::move(change));
    }

    /// What would take away a fact that holds: removing a base fact its proof rests on,
    /// or making a fact appear that a rule on the way requires to be absent.
    void undo(Engine& engine, FactRecords& records, const ProofStep& proof, std::vector<FactChange>& out, int depth) {
        dsl::Diagnostics diagnostics;
        auto fact = engine.parseFact(proof.fact, diagnostics);
        if (!fact) return;
        if (proof.origin == FactOrigin::Asserted || proof.origin == FactOrigin::Program)
            add(engine, false, {fact->first, fact->second}, out);
        for (const ProofStep& premise : proof.premises) undo(engine, records, premise, out, depth);
        if (proof.origin == FactOrigin::Derived) {
            undoNegations(engine, records, {fact->first, fact->second}, out, depth);
            if (proof.rule) noteUnundoable(engine, *proof.rule);
        }
    }

    /// A derived fact also goes when a fact its rule requires to be absent appears; when
    /// that fact is itself derived, what it lacks is followed `depth` levels down.
    void undoNegations(Engine& engine, FactRecords& records, const FactKey& fact, std::vector<FactChange>& out, int depth) {
        for (const RulePlan* rule : engine.plan().basePlansDeriving(fact.relation)) {
            RuleProbe probe = probeRule(*rule, fact, engine);
            for (const FactKey& negated : probe.negatedFacts) {
                add(engine, true, negated, out);
                if (depth > 0 && !isAssumable(negated.relation)) {
                    collect(engine, records, explainWhyNot(engine, records, negated, options_.run.asOf, 1), out, depth - 1);
                }
            }
        }
    }

    /// The whole proof of a fact a why-not shows only the top of.
    static ProofStep fullProof(Engine& engine, FactRecords& records, const ProofStep& shown) {
        dsl::Diagnostics diagnostics;
        auto fact = engine.parseFact(shown.fact, diagnostics);
        return fact ? buildProof(records, engine, {fact->first, fact->second}, kProofDepth) : shown;
    }

    void collect(Engine& engine, FactRecords& records, const WhyNot& whyNot, std::vector<FactChange>& out, int depth) {
        if (whyNot.instead) undo(engine, records, fullProof(engine, records, *whyNot.instead), out, depth);
        for (const RuleAttempt& attempt : whyNot.attempts) {
            if (!attempt.inForce || !attempt.probe.failure) continue;
            const ConditionFailure& failure = *attempt.probe.failure;
            bool everyRule = false;
            std::vector<FactKey> completed = completedByRuleHeads(engine, failure, everyRule);
            bool aggregatesListed = addAggregateChanges(engine, whyNot, attempt, out);
            noteUngenerated(engine, attempt, failure, everyRule || aggregatesListed);
            if (failure.missing) add(engine, true, *failure.missing, out);
            // A missing fact with free columns: the facts of other dates that match it are
            // changes an analyst may mean (a restriction lifted, imposed again).
            for (const FactOutOfForce& fact : attempt.outOfForce) {
                dsl::Diagnostics diagnostics;
                if (auto parsed = engine.parseFact(fact.fact, diagnostics)) add(engine, true, {parsed->first, parsed->second}, out);
            }
            for (const FactKey& goal : completed) {
                if (depth > 0) collect(engine, records, explainWhyNot(engine, records, goal, options_.run.asOf, 1), out, depth - 1);
            }
            for (const ProofStep& existing : attempt.blocking) undo(engine, records, fullProof(engine, records, existing), out, depth);
            // A counterexample of `for all` goes when its domain fact goes, when its consequent
            // comes (a base fact added here; a derived one through `missing` below), or when
            // what a negated consequent finds goes.
            for (const ConditionFailure::Counterexample& example : failure.counterexamples) {
                for (const FactKey& domainFact : example.domain) add(engine, false, domainFact, out);
                if (example.fact) add(engine, true, *example.fact, out);
                for (const FactKey& existing : example.existing)
                    undo(engine, records, buildProof(records, engine, existing, kProofDepth), out, depth);
            }
            for (const WhyNot& below : attempt.missing) collect(engine, records, below, out, depth);
        }
    }

    /// A rule that fails at an aggregate, or at a comparison of aggregate values: one element
    /// more or less (aggregate_changes.hpp). True when the failure is of that kind (what the
    /// changes could not cover is noted here).
    bool addAggregateChanges(Engine& engine, const WhyNot& whyNot, const RuleAttempt& attempt, std::vector<FactChange>& out) {
        const RulePlan* rule = engine.plan().basePlan(attempt.rule.id);
        if (!rule || !failsThroughAggregates(*rule, attempt.probe.conditionsMet)) return false;
        AggregateChanges changes = aggregateChanges(*rule, whyNot.goalKey, engine.plan(), engine.relations(), kAggregateCandidates);
        for (const FactKey& fact : changes.additions) add(engine, true, fact, out);
        for (const FactKey& fact : changes.removals) add(engine, false, fact, out);
        // An aggregate whose atoms no change may touch stays as it is.
        bool assumable = std::all_of(rule->steps.begin(), rule->steps.end(), [&](const Step& step) {
            return step.kind != Step::Kind::Aggregate || std::any_of(step.body.begin(), step.body.end(), [&](const Step& atom) {
                       return atom.kind == Step::Kind::Scan && isAssumable(atom.relation);
                   });
        });
        if (!changes.complete || !assumable) {
            std::string name = attempt.rule.name.empty() ? "" : attempt.rule.name + " ";
            noteUngenerated(assumable ? fmt::format("the new elements proposed for the aggregate of rule {}at {} take values the program "
                                                    "already has: others may exist",
                                                    name, attempt.rule.location)
                                      : fmt::format("the aggregate of rule {}at {} counts facts of a relation no change may touch "
                                                    "(give it with --assumable)",
                                                    name, attempt.rule.location));
        }
        return true;
    }

    /// A missing fact of a derived relation with free columns (`blocking(turkey, rutte, _)`):
    /// the facts its rules could give it, where a rule's head fills the free columns with
    /// constants (`blocking(A, C, arms_restriction)`), each a goal to explain in turn.
    /// `everyRule`: every rule of the relation gave one (no other fact could be derived).
    static std::vector<FactKey> completedByRuleHeads(const Engine& engine, const ConditionFailure& failure, bool& everyRule) {
        std::vector<FactKey> goals;
        everyRule = false;
        if (failure.kind != ConditionFailure::Kind::MissingFact || failure.missing || !engine.plan().isDerived(failure.relation))
            return goals;
        everyRule = true;
        for (const RulePlan* rule : engine.plan().basePlansDeriving(failure.relation)) {
            if (rule->headTerms.size() != failure.pattern.size()) continue;
            FactKey goal{failure.relation, {}};
            for (std::size_t c = 0; c < failure.pattern.size(); ++c) {
                if (failure.pattern[c]) {
                    goal.tuple.push_back(*failure.pattern[c]);
                } else if (rule->headTerms[c].op == Expression::Op::Constant) {
                    goal.tuple.push_back(rule->headTerms[c].constant);
                } else {
                    break;
                }
            }
            bool ground = goal.tuple.size() == failure.pattern.size();
            everyRule = everyRule && ground;
            if (ground && std::find(goals.begin(), goals.end(), goal) == goals.end()) goals.push_back(std::move(goal));
        }
        return goals;
    }

    /// Records a failing condition this search cannot generate changes for. A comparison or
    /// an aggregate could change with the facts its values come from; a fact with unbound
    /// columns could be any of many; and a missing fact that cannot be assumed, where no
    /// rule derives it, leaves the other bindings of the conditions before it unexplored
    /// (the explanation follows the closest attempt only) — unless it takes its values
    /// from the goal alone, when every other way stops at it too.
    void noteUngenerated(const Engine& engine, const RuleAttempt& attempt, const ConditionFailure& failure, bool completed) {
        using Kind = ConditionFailure::Kind;
        bool generated = failure.kind == Kind::NegatedFactExists || failure.kind == Kind::Counterexamples ||
                         (failure.kind == Kind::MissingFact && failure.missing &&
                          (isAssumable(failure.missing->relation) || engine.plan().isDerived(failure.missing->relation)));
        // A fact no change may add (fixed, or not assumable), whose columns come from the goal
        // alone: every way through the conditions before it stops there, so nothing is missed.
        bool unchangeable = failure.kind == Kind::MissingFact && isUnchangeable(engine, failure.relation) && failure.onlyHeadBindings;
        if (generated || unchangeable || completed) return;
        noteUngenerated(fmt::format("no candidates for `{}` in rule {}at {}", failure.condition,
                                    attempt.rule.name.empty() ? "" : attempt.rule.name + " ", attempt.rule.location));
    }

    /// No change may reach the relation: it is not assumable, and neither is anything its
    /// rules read, however indirectly (reference data and what is derived from it alone).
    bool isUnchangeable(const Engine& engine, RelationId relation) {
        if (unchangeable_.empty()) {
            std::vector<bool> assumable(engine.plan().relations.size());
            for (RelationId r = 0; r < assumable.size(); ++r) assumable[r] = isAssumable(r);
            unchangeable_ = affectedRelations(engine.plan(), std::move(assumable));
            unchangeable_.flip();
        }
        return relation < unchangeable_.size() && unchangeable_[relation];
    }

    /// A derived fact could also go by making a `for all` or an aggregate of its rule fail
    /// (a new domain fact without its consequent, one element more or less): changes this
    /// search does not generate, so it says so.
    void noteUnundoable(const Engine& engine, const ProofRule& rule) {
        const RulePlan* plan = engine.plan().basePlan(rule.id);
        if (!plan) return;
        for (const Step& step : plan->steps) {
            if (step.kind != Step::Kind::ForAll && step.kind != Step::Kind::Aggregate) continue;
            noteUngenerated(fmt::format("no candidates to make the {} of rule {}at {} fail",
                                        step.kind == Step::Kind::ForAll ? "`for all`" : "aggregate",
                                        rule.name.empty() ? "" : rule.name + " ", rule.location));
        }
    }

    /// Records, once, an obstacle the search could not generate changes for.
    void noteUngenerated(std::string reason) {
        auto& reasons = result_.ungenerated;
        if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(std::move(reason));
    }

    bool isAssumable(RelationId relation) const { return relation < options_.assumable.size() && options_.assumable[relation]; }

    const std::function<std::unique_ptr<Engine>()>& makeEngine_;
    std::string goalText_;
    const NeedsOptions& options_;
    NeedsResult result_;
    FactKey goal_;
    bool holds_ = false;
    std::vector<bool> unchangeable_;  ///< by relation, once computed (see isUnchangeable)
    std::vector<FactChange> base_;  ///< changes taken as given (see the constructor)
    std::size_t step_ = 0;
};

}  // namespace

NeedsResult searchNeeds(const std::function<std::unique_ptr<Engine>()>& makeEngine, const std::string& goal, const NeedsOptions& options) {
    return NeedsSearch(makeEngine, goal, options).run();
}

std::optional<std::vector<bool>> assumableRelations(const ProgramPlan& plan, const std::vector<std::string>& names, std::string& unknown) {
    if (names.empty()) return defaultAssumable(plan);
    std::vector<bool> assumable(plan.relations.size(), false);
    for (const std::string& name : names) {
        auto id = plan.relationId(name);
        if (!id) {
            unknown = name;
            return std::nullopt;
        }
        assumable[*id] = true;
    }
    return assumable;
}

std::vector<bool> defaultAssumable(const ProgramPlan& plan) {
    std::vector<bool> assumable(plan.relations.size(), true);
    for (RelationId r = 0; r < plan.relations.size(); ++r) assumable[r] = !plan.isDerived(r);
    for (const FactPlan& fact : plan.facts) assumable[fact.relation] = true;
    for (const FactBatch& batch : plan.batches) assumable[batch.relation] = true;
    for (RelationId r = 0; r < plan.relations.size(); ++r) {
        if (plan.relations[r].fixed) assumable[r] = false;
    }
    return assumable;
}

}  // namespace accord::engine
