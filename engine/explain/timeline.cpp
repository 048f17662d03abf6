// Timelines (see timeline.hpp). Each date is a full evaluation; a change is attributed to
// the facts whose validity starts or ends that day and that appear in the proof of the new
// state or of the old one, or behind a negated condition of either (a fact of another date
// that would have made the negated atom hold). When none does — an aggregate, a negation
// with an unbound column — it goes to every fact whose validity changes that day in a
// relation that can reach the one asked about, never to facts no rule connects to it.
#include "accord/engine/explain/timeline.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/plan/dependencies.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

struct State {
    std::string value;
    double confidence = 0;
    std::set<std::string> facts;  ///< base facts and rules in its proof
    /// Facts of other dates behind its negated conditions: one becoming valid ends it.
    std::set<std::string> excluded;
};

/// The base facts and the rules a proof rests on, named as validityBoundaries names them,
/// and the facts of other dates behind its negated conditions.
void collectFacts(const ProofStep& step, State& state) {
    if (step.origin == FactOrigin::Program || step.origin == FactOrigin::Asserted) state.facts.insert(step.fact);
    if (step.rule) state.facts.insert(step.rule->name.empty() ? fmt::format("rule #{}", step.rule->id) : "rule " + step.rule->name);
    for (const ProofStep& premise : step.premises) collectFacts(premise, state);
    for (const ProofStep& absent : step.absent) {
        for (const ProofStep& fact : absent.premises) state.excluded.insert(fact.fact);
    }
}

/// Whether a fact's validity starting or ending can explain the change
/// from `old` to `now`: it supports the new state or excluded the old one (from), or it
/// supported the old state or excluded the new one (until).
bool explainsChange(const TimelineTrigger& trigger, const State* old, const State& now) {
    const std::string& fact = trigger.subject;
    if (trigger.starts) return now.facts.count(fact) > 0 || (old && old->excluded.count(fact) > 0);
    return (old && old->facts.count(fact) > 0) || now.excluded.count(fact) > 0;
}

/// Dates on which the validity of some fact or rule that can change `target` begins or
/// ends, with what changes then (a fact of a relation no rule leads from to the target's
/// cannot be what changed it).
std::map<std::int32_t, std::vector<TimelineTrigger>> validityBoundaries(const Engine& engine, RelationId target) {
    std::map<std::int32_t, std::vector<TimelineTrigger>> boundaries;
    const ProgramPlan& plan = engine.plan();
    std::vector<bool> reaching = relationsReaching(plan, target);
    auto add = [&](const Validity& validity, TimelineTrigger trigger) {
        if (validity.since) boundaries[*validity.since].push_back(trigger);
        trigger.starts = false;
        if (validity.until) boundaries[*validity.until].push_back(trigger);
    };
    for (const FactPlan& fact : plan.facts) {
        if (!reaching[fact.relation]) continue;
        const RelationPlan& relation = plan.relations[fact.relation];
        add(fact.validity, {formatFact(relation.name, fact.tuple, relation.keyed, plan.symbols), std::nullopt, "", true});
    }
    for (RuleId rule = 0; rule < plan.rules.size(); ++rule) {
        const Validity& validity = plan.rules[rule].validity;
        if ((!validity.since && !validity.until) || !reaching[plan.rules[rule].head]) continue;
        const std::string& name = rule < engine.catalog().rules.size() ? engine.catalog().rules[rule].name : std::string();
        add(validity, {name.empty() ? fmt::format("rule #{}", rule) : "rule " + name, rule, name, true});
    }
    return boundaries;
}

/// How deep the proofs of a state are followed for the facts it rests on.
constexpr std::size_t kProofDepth = 50;
/// Derivations of one state looked at, at most.
constexpr std::size_t kDerivationsPerState = 16;

}  // namespace

std::vector<std::int32_t> validityChangeDates(const Engine& engine, RelationId target) {
    std::vector<std::int32_t> dates;
    for (const auto& entry : validityBoundaries(engine, target)) dates.push_back(entry.first);
    return dates;
}

std::vector<Timeline> buildTimelines(Engine& engine, const Pattern& pattern, const RunOptions& options, std::size_t maxDates,
                                     bool* truncated, TimelineRange range) {
    auto boundaries = validityBoundaries(engine, pattern.relation);
    std::vector<std::int32_t> dates;  // the first gives the initial state
    if (range.from) {
        dates.push_back(*range.from);
    } else if (!boundaries.empty()) {
        dates.push_back(boundaries.begin()->first - 1);
    }
    for (const auto& entry : boundaries) {
        if ((!range.from || entry.first > *range.from) && (!range.to || entry.first <= *range.to)) dates.push_back(entry.first);
    }
    if (dates.empty()) dates.push_back(options.asOf);  // nothing is dated: one state, always
    if (truncated) *truncated = dates.size() > maxDates;
    if (dates.size() > maxDates) dates.resize(maxDates);

    const RelationPlan& relation = engine.plan().relations[pattern.relation];
    const bool keyed = relation.keyed;
    std::map<std::string, Timeline> timelines;  // by subject
    std::map<std::string, State> previous;  // subject -> state at the previous date
    for (std::size_t d = 0; d < dates.size(); ++d) {
        RunOptions run = options;
        run.asOf = dates[d];
        engine.run(run);
        EngineFactRecords records(engine);
        std::map<std::string, State> current;
        const Relation& facts = engine.relations()[pattern.relation];
        for (TupleId id = 0; id < facts.size(); ++id) {
            TupleView tuple = facts.tuple(id);
            if (!matches(pattern, tuple)) continue;
            std::string subject = keyed ? formatFact(relation.name, tuple.first(tuple.size() - 1), false, engine.symbols())
                                        : formatFact(relation.name, tuple, false, engine.symbols());
            State state{keyed ? formatValue(tuple.back(), engine.symbols()) : "holds", facts.confidence(id), {}, {}};
            // Every derivation, not only the best: a state that several reasons hold up changes
            // when the last of them goes, and each of them may be what went.
            FactKey key{pattern.relation, Tuple(tuple.begin(), tuple.end())};
            for (const ProofStep& proof : allDerivations(records, engine, key, kProofDepth, kDerivationsPerState, dates[d])) {
                collectFacts(proof, state);
            }
            current[subject] = std::move(state);
        }
        std::set<std::string> subjects;
        for (const auto& entry : current) subjects.insert(entry.first);
        for (const auto& entry : previous) subjects.insert(entry.first);
        for (const std::string& subject : subjects) {
            auto now = current.find(subject);
            auto before = previous.find(subject);
            State state = now != current.end() ? now->second : State{"does not hold", 0, {}, {}};
            const State* old = before != previous.end() ? &before->second : nullptr;
            if (old && old->value == state.value && old->confidence == state.confidence) continue;
            if (!old && now == current.end()) continue;
            Timeline& timeline = timelines[subject];
            timeline.subject = subject;
            TimelineEntry entry{dates[d], d == 0, state.value, state.confidence, {}};
            if (d > 0) {
                std::vector<TimelineTrigger> all, relevant;
                for (const TimelineTrigger& trigger : boundaries[dates[d]]) {
                    all.push_back(trigger);
                    if (explainsChange(trigger, old, state)) relevant.push_back(trigger);
                }
                entry.triggers = relevant.empty() ? all : relevant;
            }
            // Not holding before it first held is the initial state; it may hold, stop and hold again.
            if (!old && d > 0 && timeline.entries.empty()) timeline.entries.push_back({dates[0], true, "does not hold", 0, {}});
            timeline.entries.push_back(std::move(entry));
        }
        previous = std::move(current);
    }
    std::vector<Timeline> out;
    for (auto& entry : timelines) out.push_back(std::move(entry.second));
    return out;
}

std::string noTimelineText(const std::string& query, bool truncated, std::size_t maxDates) {
    if (truncated) return fmt::format("nothing matches '{}' on the first {} dates (the later ones were not evaluated)\n", query, maxDates);
    return fmt::format("nothing matches '{}' on any date\n", query);
}

std::string readsTodayRefusal(const std::string& query) {
    return fmt::format(
        "the rules behind '{}' read `today`, so its conclusions may change on any date, which a timeline does not follow; "
        "`accord query FILES '{}' --over FROM..TO` shows them day by day",
        query, query);
}

std::string formatTimelines(const std::vector<Timeline>& timelines, bool hasStart) {
    std::string out;
    for (const Timeline& timeline : timelines) {
        out += timeline.subject + "\n";
        for (const TimelineEntry& entry : timeline.entries) {
            std::string confidence = entry.confidence > 0 && entry.confidence < 1 ? fmt::format(" ({:.4g})", entry.confidence) : "";
            std::string state = entry.state + confidence;
            // The initial state without a start date held on every earlier day: no date of its own.
            bool undated = entry.initial && !hasStart;
            out += fmt::format("  {:<10}  {:<16}", undated ? "earlier" : dsl::formatDate(dsl::Date{entry.from}), state);
            std::vector<std::string> triggers;
            for (const TimelineTrigger& trigger : entry.triggers)
                triggers.push_back((trigger.starts ? "from " : "until ") + trigger.subject);
            if (!triggers.empty()) out += fmt::format("  {}", fmt::join(triggers, "; "));
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += "\n";
        }
    }
    return out;
}

namespace {

/// {"fact": ...} or {"rule": {"id", "name"}}, with "validity": "starts" or "ends".
nlohmann::json triggersToJson(const std::vector<TimelineTrigger>& triggers) {
    nlohmann::json json = nlohmann::json::array();
    for (const TimelineTrigger& trigger : triggers) {
        nlohmann::json entry = {{"validity", trigger.starts ? "starts" : "ends"}};
        if (trigger.rule) {
            entry["rule"] = {{"id", *trigger.rule}, {"name", trigger.ruleName}};
        } else {
            entry["fact"] = trigger.subject;
        }
        json.push_back(std::move(entry));
    }
    return json;
}

}  // namespace

nlohmann::json timelinesToJson(const std::vector<Timeline>& timelines, bool hasStart) {
    nlohmann::json json = nlohmann::json::array();
    for (const Timeline& timeline : timelines) {
        nlohmann::json entries = nlohmann::json::array();
        for (const TimelineEntry& entry : timeline.entries) {
            bool undated = entry.initial && !hasStart;
            entries.push_back({{"from", undated ? nlohmann::json() : nlohmann::json(dsl::formatDate(dsl::Date{entry.from}))},
                               {"initial", entry.initial},
                               {"state", entry.state},
                               {"confidence", entry.confidence},
                               {"triggers", triggersToJson(entry.triggers)}});
        }
        json.push_back({{"subject", timeline.subject}, {"changes", entries}});
    }
    return json;
}

}  // namespace accord::engine
