// Stratified, semi-naive evaluation (see evaluator.hpp).
//
// A recursive stratum follows datafrog's lifecycle of a tuple, with tuple ids:
//   1. Every rule runs once over the full relations; what it derives waits in `pending`.
//   2. Pending tuples are merged: a new tuple, or a better-supported old one, joins the
//      delta (the tuples "recent" in the next round); the rest are dropped.
//   3. Each semi-naive version of a rule runs with its delta atom reading only the delta.
//   4. Repeat 2-3 until a round adds nothing.
#include "accord/engine/eval/evaluator.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <numeric>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accord/engine/eval/demanded_tuples.hpp"
#include "accord/engine/eval/derivation_order.hpp"
#include "accord/engine/eval/rule_runner.hpp"
#include "accord/engine/eval/worker_pool.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

using Clock = std::chrono::steady_clock;

/// Derivations of one relation waiting to be merged (or, for a keyed relation, resolved).
struct Pending {
    std::size_t arity = 0;
    std::vector<Value> values;
    std::vector<double> confidences;
    std::vector<RuleId> rules;
    std::vector<std::uint32_t> facts;  ///< for base facts (rules == kNoRule)
    std::vector<char> defaults;  ///< derived by a `by default` rule
    std::vector<std::uint32_t> premiseEnd;  ///< premises of entry i end here
    std::vector<FactRef> premises;

    std::size_t size() const { return confidences.size(); }
    TupleView tuple(std::size_t i) const { return {values.data() + i * arity, arity}; }
    std::span<const FactRef> premisesOf(std::size_t i) const {
        std::uint32_t begin = i == 0 ? 0 : premiseEnd[i - 1];
        return {premises.data() + begin, premiseEnd[i] - begin};
    }
    void add(TupleView tuple, double confidence, RuleId rule, std::uint32_t fact, bool isDefault, std::span<const FactRef> why) {
        values.insert(values.end(), tuple.begin(), tuple.end());
        confidences.push_back(confidence);
        rules.push_back(rule);
        facts.push_back(fact);
        defaults.push_back(isDefault);
        premises.insert(premises.end(), why.begin(), why.end());
        premiseEnd.push_back(static_cast<std::uint32_t>(premises.size()));
    }
    void clear() {
        values.clear();
        confidences.clear();
        rules.clear();
        facts.clear();
        defaults.clear();
        premiseEnd.clear();
        premises.clear();
    }
};

/// A rule that derives more than `limit` facts in one evaluation (repeats included) stops
/// the run there, before they take the memory (a cross product can ask for 10^10).
EvaluationError tooManyInOneStep(RuleId rule, std::size_t limit) {
    return EvaluationError(EvaluationError::Kind::Limit, rule,
                           fmt::format("more than {} facts (the limit; raise it with --max-facts): this rule derives "
                                       "too many in one step, as a cross product of large relations does",
                                       limit));
}

/// Collects what one rule derives into the pending buffer of its head.
class PendingSink : public DerivationSink {
public:
    PendingSink(Pending& pending, RuleId rule, bool isDefault, std::size_t limit)
        : pending_(pending), rule_(rule), isDefault_(isDefault), limit_(limit) {}
    void derive(TupleView head, double confidence, std::span<const FactRef> premises) override {
        if (pending_.size() >= limit_) throw tooManyInOneStep(rule_, limit_);
        pending_.add(head, confidence, rule_, 0, isDefault_, premises);
    }

private:
    Pending& pending_;
    RuleId rule_;
    bool isDefault_;
    std::size_t limit_;
};

/// Passes on what one part of a split run derives while the parts have made no more than
/// `limit` derivations in all: each part keeps its own until they are taken in order, and
/// together they may not take the memory one run may not.
class SharedLimitSink : public DerivationSink {
public:
    SharedLimitSink(DerivationSink& target, std::atomic<std::size_t>& made, RuleId rule, std::size_t limit)
        : target_(target), made_(made), rule_(rule), limit_(limit) {}
    void derive(TupleView head, double confidence, std::span<const FactRef> premises) override {
        if (made_.fetch_add(1, std::memory_order_relaxed) >= limit_) throw tooManyInOneStep(rule_, limit_);
        target_.derive(head, confidence, premises);
    }

private:
    DerivationSink& target_;
    std::atomic<std::size_t>& made_;
    RuleId rule_;
    std::size_t limit_;
};

/// Hands what one rule derives straight to its head relation (Evaluation::insertsDirectly).
/// `derived` counts the derivations of every rule of the head in this step, as the pending
/// buffer's size does, for the same limit.
class DirectSink : public DerivationSink {
public:
    using Insert = std::function<void(TupleView, double, std::span<const FactRef>)>;
    DirectSink(Insert insert, RuleId rule, std::size_t limit, std::size_t& derived)
        : insert_(std::move(insert)), rule_(rule), limit_(limit), derived_(derived) {}
    void derive(TupleView head, double confidence, std::span<const FactRef> premises) override {
        if (derived_ >= limit_) throw tooManyInOneStep(rule_, limit_);
        ++derived_;
        insert_(head, confidence, premises);
    }

private:
    Insert insert_;
    RuleId rule_;
    std::size_t limit_;
    std::size_t& derived_;
};

class Evaluation {
public:
    Evaluation(const ProgramPlan& plan, const RunOptions& options, std::vector<Relation>& relations, std::vector<Relation>* belowMinimum)
        : plan_(plan),
          options_(options),
          relations_(relations),
          deltas_(plan.relations.size()),
          pending_(plan.relations.size()),
          minConfidence_(minimumConfidence(plan, options)),
          belowMinimum_(belowMinimum),
          started_(Clock::now()) {
        for (std::size_t r = 0; r < plan.relations.size(); ++r) pending_[r].arity = plan.relations[r].arity;
        stats_.rules.resize(plan.rules.size());
        if (belowMinimum_) {
            belowMinimum_->clear();
            for (const RelationPlan& relation : plan.relations) belowMinimum_->emplace_back(relation.name, relation.arity, false);
        }
    }

    RunStats run() {
        std::vector<Relation> previous = std::move(relations_);
        relations_.clear();
        for (RelationId r = 0; r < plan_.relations.size(); ++r) {
            if (kept(r) && r < previous.size()) {
                relations_.push_back(std::move(previous[r]));
            } else {
                relations_.emplace_back(plan_.relations[r].name, plan_.relations[r].arity, options_.provenance);
            }
        }
        loadFacts();
        for (const StratumPlan& stratum : plan_.strata) {
            ++stratum_;
            bool allKept = std::all_of(stratum.relations.begin(), stratum.relations.end(), [&](RelationId r) { return kept(r); });
            if (!allKept) runStratum(stratum);
        }
        for (const Relation& relation : relations_) stats_.facts += relation.size();
        stats_.seconds = secondsSince(started_);
        return std::move(stats_);
    }

private:
    bool kept(RelationId r) const { return r < options_.keep.size() && options_.keep[r]; }

    static double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

    void loadFacts() {
        for (const FactPlan& fact : plan_.facts) {
            if (fact.validity.validOn(options_.asOf) && !kept(fact.relation))
                loadFact(fact.relation, fact.tuple, fact.confidence, fact.index);
        }
        for (std::uint32_t b = 0; b < plan_.batches.size(); ++b) {
            const FactBatch& batch = plan_.batches[b];
            if (kept(batch.relation)) continue;
            // A keyed relation's rows are candidate values to resolve, and below the run's
            // minimum a row does not hold: each row goes its own way (loadFact).
            if (plan_.relations[batch.relation].keyed || !holds(1.0) || restricted(batch.relation)) {
                for (TupleId row = 0; row < batch.rows.size(); ++row) loadFact(batch.relation, batch.rows.tuple(row), 1.0, kBatchFact | b);
            } else {
                relations_[batch.relation].loadRows(batch.rows, Derivation::ofFact(kBatchFact | b));
            }
        }
    }

    /// A base fact: straight into its relation, or a candidate value of a keyed relation.
    void loadFact(RelationId relation, TupleView tuple, double confidence, std::uint32_t fact) {
        if (!admitted(relation, tuple)) return;
        if (!holds(confidence)) return leaveOut(relation, tuple, confidence);
        if (plan_.relations[relation].keyed) {
            pending_[relation].add(tuple, confidence, kNoRule, fact, false, {});
        } else {
            relations_[relation].insert(tuple, confidence, Derivation::ofFact(fact), {});
        }
    }

    bool restricted(RelationId relation) const { return options_.only && options_.only->restricts(relation); }
    /// Whether the run keeps `tuple` of `relation` (RunOptions::only).
    bool admitted(RelationId relation, TupleView tuple) const { return !options_.only || options_.only->admits(relation, tuple); }

    /// Below the run's minimum confidence a fact or conclusion does not hold: it is never
    /// stored, so every rule reads it as absent (and a keyed relation falls back to its default).
    bool holds(double confidence) const { return confidence >= minConfidence_; }

    /// Records what did not hold for being unlikely, for explanations.
    void leaveOut(RelationId relation, TupleView tuple, double confidence) {
        if (belowMinimum_) (*belowMinimum_)[relation].insert(tuple, confidence, Derivation{}, {});
    }

    bool ruleActive(RuleId rule) const { return plan_.rules[rule].validity.validOn(options_.asOf); }

    /// Whether a stratum's rules may insert what they derive straight into its relations:
    /// when no rule of it reads them (not recursive) and no key needs resolving, merging a
    /// pending buffer afterwards would make the same inserts in the same order, after copying
    /// every derivation.
    static bool insertsDirectly(const StratumPlan& stratum, const ProgramPlan& plan) {
        return !stratum.recursive &&
               std::none_of(stratum.relations.begin(), stratum.relations.end(), [&](RelationId r) { return plan.relations[r].keyed; });
    }

    void runRule(RuleRunner& runner, const RulePlan& rulePlan, bool direct) {
        if (!ruleActive(rulePlan.rule) || kept(rulePlan.head)) return;
        if (options_.only && options_.only->admitsNone(rulePlan.head)) return;  // all it derives would be dropped
        const RuleInfo& info = plan_.rules[rulePlan.rule];
        runner.setCheckpoint([this, rule = rulePlan.rule] {
            checkTime(rule);
            reportProgress();
        });
        RuleStats& stats = stats_.rules[rulePlan.rule];
        const std::uint64_t visited = runner.visited();
        const Clock::time_point start = Clock::now();
        const bool split = options_.threads > 1 && RuleRunner::splittable(rulePlan) &&
                           runner.firstCandidates(rulePlan) >= std::max<std::size_t>(options_.minimumToSplit, 2);
        const std::optional<HeadGate> gate = options_.only ? HeadGate::of(rulePlan, *options_.only) : std::nullopt;
        auto run = [&](DerivationSink& sink) {
            if (split) {
                runSplit(rulePlan, sink, gate ? &*gate : nullptr);
            } else {
                runner.setGate(gate ? &*gate : nullptr);
                runner.run(rulePlan, info.confidence, sink);
                runner.setGate(nullptr);
            }
        };
        if (direct) {
            const Derivation derivation = Derivation::ofRule(rulePlan.rule, round_);
            const std::size_t derived = directDerivations_;
            DirectSink sink(
                [&](TupleView head, double confidence, std::span<const FactRef> premises) {
                    mergeOne(rulePlan.head, head, confidence, derivation, premises, nullptr);
                },
                rulePlan.rule, options_.maxFacts, directDerivations_);
            run(sink);
            stats.derivations += directDerivations_ - derived;
            if (directDerivations_ > derived) lastRule_ = rulePlan.rule;
            checkFactLimit();
        } else {
            PendingSink sink(pending_[rulePlan.head], rulePlan.rule, info.isDefault, options_.maxFacts);
            const std::size_t derived = pending_[rulePlan.head].size();
            run(sink);
            stats.derivations += pending_[rulePlan.head].size() - derived;
        }
        stats.seconds += std::chrono::duration<double>(Clock::now() - start).count();
        stats.visited += runner.visited() - visited;
    }

    /// Runs a rule on the pool's threads, each from a part of its first step's candidates.
    /// The first part runs on this thread into the rule's own sink; the others fill buffers of
    /// their own, taken afterwards in order: the derivations arrive as a run on one thread
    /// makes them, so the tuples, their ids, confidences and derivations are the same.
    /// Meanwhile the relations the rule reads are only read (their indexes are built first);
    /// the sink writes to the head, which the rule does not read.
    void runSplit(const RulePlan& rulePlan, DerivationSink& sink, const HeadGate* gate) {
        prepareIndexes(rulePlan.steps);
        const RuleInfo& info = plan_.rules[rulePlan.rule];
        RuleStats& stats = stats_.rules[rulePlan.rule];
        if (!pool_) pool_.emplace(options_.threads);  // on the first split: most evaluations never split
        const std::size_t parts = pool_->threads();
        std::vector<Pending> buffers(parts);
        std::vector<std::uint64_t> visited(parts, 0);
        std::atomic<std::size_t> made{0};
        pool_->run(parts, [&](std::size_t part) {
            RuleRunner worker(relations_, deltas_, plan_.symbols, options_.provenance, options_.asOf);
            worker.setGate(gate);
            worker.setCheckpoint([this, part, rule = rulePlan.rule] {
                checkTime(rule);
                if (part == 0) reportProgress();  // on this thread
            });
            buffers[part].arity = plan_.relations[rulePlan.head].arity;
            PendingSink buffer(buffers[part], rulePlan.rule, info.isDefault, options_.maxFacts);
            SharedLimitSink limited(part == 0 ? sink : buffer, made, rulePlan.rule, options_.maxFacts);
            const std::size_t all = worker.firstCandidates(rulePlan);
            worker.run(rulePlan, info.confidence, limited, RuleRunner::CandidateRange{all * part / parts, all * (part + 1) / parts});
            visited[part] = worker.visited();
        });
        for (std::uint64_t count : visited) stats.visited += count;
        for (std::size_t part = 1; part < parts; ++part) {
            const Pending& buffer = buffers[part];
            for (std::size_t i = 0; i < buffer.size(); ++i) sink.derive(buffer.tuple(i), buffer.confidences[i], buffer.premisesOf(i));
        }
    }

    /// Builds every index the steps look up, so that threads can share the relations.
    void prepareIndexes(const Steps& steps) const {
        for (const Step& step : steps) {
            if ((step.kind == Step::Kind::Scan && !step.readsDelta) || step.kind == Step::Kind::NotExists) {
                relations_[step.relation].prepareIndex(step.keyMask);
            }
            prepareIndexes(step.body);
            prepareIndexes(step.domain);
            for (const Steps& alternative : step.consequent) prepareIndexes(alternative);
        }
    }

    void runStratum(const StratumPlan& stratum) {
        Clock::time_point start = Clock::now();
        StratumStats stats;
        std::size_t before = totalSize();
        for (RelationId r : stratum.relations) stats.relations.push_back(plan_.relations[r].name);
        RuleRunner runner(relations_, deltas_, plan_.symbols, options_.provenance, options_.asOf);

        // 1. Every rule once, over the full relations.
        round_ = 1;
        reportProgress();
        const bool direct = insertsDirectly(stratum, plan_);
        directDerivations_ = 0;
        for (const RulePlan& rulePlan : stratum.base) runRule(runner, rulePlan, direct);
        for (RelationId r : stratum.relations) {
            if (kept(r) || direct) continue;
            if (plan_.relations[r].keyed) {
                resolveKeyed(r);
            } else {
                merge(r);
            }
        }
        stats.iterations = 1;
        // 2-4. Semi-naive rounds while something changed.
        while (stratum.recursive && anyDelta(stratum)) {
            checkLimits(stratum, stats.iterations);
            ++round_;
            reportProgress();
            for (const RulePlan& rulePlan : stratum.deltas) runRule(runner, rulePlan, false);
            for (RelationId r : stratum.relations) merge(r);
            ++stats.iterations;
        }
        for (RelationId r : stratum.relations) deltas_[r].clear();
        stats.derived = totalSize() - before;
        stats.seconds = secondsSince(start);
        spdlog::trace("stratum {{{}}}: {} rounds, {} new facts, {:.3f}s", fmt::join(stats.relations, ", "), stats.iterations, stats.derived,
                      stats.seconds);
        stats_.strata.push_back(std::move(stats));
    }

    bool anyDelta(const StratumPlan& stratum) const {
        return std::any_of(stratum.relations.begin(), stratum.relations.end(), [&](RelationId r) { return !deltas_[r].empty(); });
    }

    std::size_t totalSize() const {
        std::size_t total = 0;
        for (const Relation& relation : relations_) total += relation.size();
        return total;
    }

    /// Moves pending tuples into the relation; the new and the improved become its delta.
    void merge(RelationId r) {
        Pending& pending = pending_[r];
        std::vector<TupleId>& delta = deltas_[r];
        delta.clear();
        for (std::size_t i = 0; i < pending.size(); ++i) {
            mergeOne(r, pending.tuple(i), pending.confidences[i], pendingDerivation(pending, i), pending.premisesOf(i), &delta);
        }
        if (!pending.rules.empty()) lastRule_ = mostFrequentRule(pending);
        pending.clear();
        std::sort(delta.begin(), delta.end());
        delta.erase(std::unique(delta.begin(), delta.end()), delta.end());
        checkFactLimit();
    }

    /// One derivation into relation r: left out when it does not hold; otherwise a new tuple,
    /// a better-supported one (both join `delta`, when given), or an equal one whose best
    /// derivation is the canonical choice of the two (derivation_order.hpp).
    void mergeOne(RelationId r, TupleView tuple, double confidence, const Derivation& derivation, std::span<const FactRef> premises,
                  std::vector<TupleId>* delta) {
        if (!admitted(r, tuple)) return;
        if (plan_.relations[r].demand) confidence = 1.0;
        if (!holds(confidence) && !plan_.relations[r].lifted) return leaveOut(r, tuple, confidence);
        Relation& relation = relations_[r];
        TupleId id = kNoTuple;
        InsertResult result = relation.insert(tuple, confidence, derivation, premises, &id);
        if (delta && (result == InsertResult::New || result == InsertResult::Improved)) delta->push_back(id);
        if (result == InsertResult::Tie && options_.provenance &&
            derivationPrecedes(derivation, premises, relation.derivation(id), relation.premisesOf(id), relations_, plan_.symbols)) {
            relation.replaceDerivation(id, derivation, premises);
        }
    }

    void checkFactLimit() const {
        if (totalSize() > options_.maxFacts) {
            throw EvaluationError(EvaluationError::Kind::Limit, lastRule_,
                                  fmt::format("more than {} facts (the limit; raise it with --max-facts): is a rule deriving "
                                              "without end, such as `n(X + 1) if n(X)`?",
                                              options_.maxFacts));
        }
    }

    Derivation pendingDerivation(const Pending& pending, std::size_t i) const {
        return pending.rules[i] == kNoRule ? Derivation::ofFact(pending.facts[i]) : Derivation::ofRule(pending.rules[i], round_);
    }

    /// Candidate i is better supported than candidate j (higher confidence, or the canonical
    /// choice among equals).
    bool betterCandidate(const Pending& candidates, std::size_t i, std::size_t j) const {
        if (candidates.confidences[i] != candidates.confidences[j]) return candidates.confidences[i] > candidates.confidences[j];
        return derivationPrecedes(pendingDerivation(candidates, i), candidates.premisesOf(i), pendingDerivation(candidates, j),
                                  candidates.premisesOf(j), relations_, plan_.symbols);
    }

    static RuleId mostFrequentRule(const Pending& pending) {
        std::map<RuleId, std::size_t> counts;
        for (RuleId rule : pending.rules) ++counts[rule];
        return std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
    }

    void checkLimits(const StratumPlan& stratum, std::size_t iterations) {
        if (iterations >= options_.maxIterations) {
            throw EvaluationError(EvaluationError::Kind::Limit, lastRule_,
                                  fmt::format("recursion did not settle after {} rounds (the limit; raise it with "
                                              "--max-iterations) while deriving {}",
                                              iterations, plan_.relations[stratum.relations.front()].name));
        }
        checkTime(lastRule_);
    }

    void reportProgress() const {
        if (!options_.onProgress) return;
        options_.onProgress(
            {.stratum = stratum_, .strata = plan_.strata.size(), .round = round_, .facts = totalSize(), .seconds = secondsSince(started_)});
    }

    void checkTime(RuleId rule) const {
        if (options_.maxSeconds > 0 && secondsSince(started_) > options_.maxSeconds) {
            throw EvaluationError(
                EvaluationError::Kind::Limit, rule,
                fmt::format("the run took longer than {} seconds (the limit; raise it with --max-seconds)", options_.maxSeconds));
        }
    }

    /// Keyed relation: per key, the one value its rules and facts agree on, the value that
    /// overrides all others, or the default when nothing else gives a value.
    void resolveKeyed(RelationId r) {
        Pending& candidates = pending_[r];
        const RelationPlan& relationPlan = plan_.relations[r];
        const std::size_t keyArity = relationPlan.arity - 1;
        std::vector<std::size_t> order(candidates.size());
        std::iota(order.begin(), order.end(), 0);
        auto keyLess = [&](std::size_t a, std::size_t b) {
            TupleView x = candidates.tuple(a).first(keyArity), y = candidates.tuple(b).first(keyArity);
            return IdentityOrder{}(x, y);
        };
        std::stable_sort(order.begin(), order.end(), keyLess);
        for (std::size_t begin = 0; begin < order.size();) {
            std::size_t end = begin + 1;
            while (end < order.size() && !keyLess(order[begin], order[end])) ++end;
            resolveKey(r, std::vector<std::size_t>(order.begin() + begin, order.begin() + end));
            begin = end;
        }
        candidates.clear();
    }

    void resolveKey(RelationId r, const std::vector<std::size_t>& group) {
        Pending& candidates = pending_[r];
        const RelationPlan& relationPlan = plan_.relations[r];
        const std::size_t valueColumn = relationPlan.arity - 1;
        if (!admitted(r, candidates.tuple(group.front()))) return;  // a key's candidates are all kept, or none
        bool anyRegular = std::any_of(group.begin(), group.end(),
                                      [&](std::size_t i) { return !candidates.defaults[i] && holds(candidates.confidences[i]); });
        // The best-supported candidate of each distinct value.
        std::vector<std::size_t> best;
        for (std::size_t i : group) {
            if (!holds(candidates.confidences[i])) leaveOut(r, candidates.tuple(i), candidates.confidences[i]);
            if ((anyRegular && candidates.defaults[i]) || !holds(candidates.confidences[i])) continue;
            Value value = candidates.tuple(i)[valueColumn];
            auto same = std::find_if(best.begin(), best.end(), [&](std::size_t j) { return candidates.tuple(j)[valueColumn] == value; });
            if (same == best.end()) {
                best.push_back(i);
            } else if (betterCandidate(candidates, i, *same)) {
                *same = i;
            }
        }
        if (best.empty()) return;  // no candidate holds
        std::size_t winner = best.front();
        if (best.size() > 1) {
            auto beatsAll = [&](std::size_t i) {
                Value value = candidates.tuple(i)[valueColumn];
                return std::all_of(best.begin(), best.end(),
                                   [&](std::size_t j) { return j == i || relationPlan.beats(value, candidates.tuple(j)[valueColumn]); });
            };
            auto found = std::find_if(best.begin(), best.end(), beatsAll);
            if (found == best.end()) reportClash(r, best);
            winner = *found;
        }
        relations_[r].insert(candidates.tuple(winner), candidates.confidences[winner], pendingDerivation(candidates, winner),
                             candidates.premisesOf(winner));
        deltas_[r].clear();
    }

    [[noreturn]] void reportClash(RelationId r, const std::vector<std::size_t>& best) {
        const Pending& candidates = pending_[r];
        const RelationPlan& relationPlan = plan_.relations[r];
        const std::size_t valueColumn = relationPlan.arity - 1;
        // Name two values that no resolution orders.
        for (std::size_t a : best) {
            for (std::size_t b : best) {
                Value va = candidates.tuple(a)[valueColumn], vb = candidates.tuple(b)[valueColumn];
                if (a == b || relationPlan.beats(va, vb) || relationPlan.beats(vb, va)) continue;
                std::string key;
                for (std::size_t c = 0; c < valueColumn; ++c) key += (c ? ", " : "") + formatValue(candidates.tuple(a)[c], plan_.symbols);
                throw EvaluationError(EvaluationError::Kind::Clash, candidates.rules[a],
                                      fmt::format("conflicting values for {}({}): {} and {}, and no resolution orders them",
                                                  relationPlan.name, key, formatValue(va, plan_.symbols), formatValue(vb, plan_.symbols)),
                                      candidates.rules[b]);
            }
        }
        throw EvaluationError(EvaluationError::Kind::Clash, candidates.rules[best.front()],
                              fmt::format("conflicting values for {}: no single value overrides the others", relationPlan.name),
                              candidates.rules[best.back()]);
    }

    const ProgramPlan& plan_;
    const RunOptions& options_;
    std::vector<Relation>& relations_;
    std::vector<std::vector<TupleId>> deltas_;
    std::vector<Pending> pending_;
    double minConfidence_;
    std::vector<Relation>* belowMinimum_;
    Clock::time_point started_;
    RunStats stats_;
    RuleId lastRule_ = kNoRule;
    std::size_t directDerivations_ = 0;  ///< by the rules of a stratum that inserts directly
    std::uint32_t round_ = 1;  ///< the current round of the stratum being evaluated
    std::size_t stratum_ = 0;  ///< the stratum being evaluated, from 1
    std::optional<WorkerPool> pool_;  ///< made for the first rule run split across threads
};

}  // namespace

RunStats evaluate(const ProgramPlan& plan, const RunOptions& options, std::vector<Relation>& relations,
                  std::vector<Relation>* belowMinimum) {
    Evaluation evaluation(plan, options, relations, belowMinimum);
    return evaluation.run();
}

}  // namespace accord::engine
