// Why-not output (see why_not_format.hpp).
#include "accord/engine/explain/why_not_format.hpp"

#include <fmt/format.h>

#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

/// The facts a derivation used, in one line: `opposes(hungary, rutte), unmet_demand(...)`.
std::string premiseList(const ProofStep& step) {
    std::vector<std::string> facts;
    for (const ProofStep& premise : step.premises) facts.push_back(premise.fact);
    return fmt::format("{}", fmt::join(facts, ", "));
}

const WhyNot* nestedFor(const RuleAttempt& attempt, const std::string& goal) {
    for (const WhyNot& nested : attempt.missing) {
        if (nested.goal == goal) return &nested;
    }
    return nullptr;
}

std::string sourceText(const FactOutOfForce& fact) { return fact.source.empty() ? "" : " (source: " + fact.source + ")"; }

/// "valid from 2024-06-21", "valid until 2024-06-26 (not on it)" or both.
std::string validityText(const FactOutOfForce& fact) {
    std::string text = "valid";
    if (fact.since) text += " from " + *fact.since;
    if (fact.until) text += " until " + *fact.until + " (not on it)";
    return text;
}

void appendWhyNot(const WhyNot& whyNot, const std::string& pad, std::string& out, bool top = false);

/// ", which leaves the derivation 0.09, below the minimum": when a condition fails by
/// lowering the confidence rather than by being false.
std::string lowered(const ConditionFailure& failure) {
    if (!failure.confidence) return "";
    return fmt::format(", which leaves the derivation {}, below the minimum", formatConfidence(*failure.confidence));
}

void appendFailure(const RuleAttempt& attempt, const std::string& pad, std::string& out) {
    const ConditionFailure& failure = *attempt.probe.failure;
    switch (failure.kind) {
        case ConditionFailure::Kind::MissingFact: {
            const WhyNot* nested = failure.missing ? nestedFor(attempt, failure.condition) : nullptr;
            if (!failure.confidence) {
                out += pad + "fails: " + failure.condition + " (no such fact)\n";
            } else if (nested) {  // which says the confidence
                out += pad + "fails: " + failure.condition + " (below the minimum confidence)\n";
            } else {  // it was derived or stated, but too unlikely to hold
                out += fmt::format("{}fails: {} (its confidence {} is below the minimum)\n", pad, failure.condition,
                                   formatConfidence(*failure.confidence));
            }
            for (const FactOutOfForce& fact : nested ? std::vector<FactOutOfForce>{} : attempt.outOfForce) {  // else said below
                out += fmt::format("{}  {} is a fact{}, {}{}\n", pad, fact.fact, fact.location.empty() ? "" : " at " + fact.location,
                                   validityText(fact), sourceText(fact));
            }
            if (nested) appendWhyNot(*nested, pad + "  ", out);
            break;
        }
        case ConditionFailure::Kind::NegatedFactExists:
            out += pad + "fails: " + failure.condition + ", but it holds" + lowered(failure) + ":\n";
            for (const ProofStep& proof : attempt.blocking) out += indentLines(formatProofText(proof), pad + "  ");
            break;
        case ConditionFailure::Kind::ComparisonFalse: out += pad + "fails: " + failure.condition + " is false\n"; break;
        case ConditionFailure::Kind::NoValue: out += pad + "fails: " + failure.condition + "\n"; break;
        case ConditionFailure::Kind::BelowMinimum:
            out += fmt::format("{}fails: {}: the derivation would have confidence {}, below the minimum\n", pad, failure.condition,
                               formatConfidence(failure.confidence.value_or(0)));
            break;
        case ConditionFailure::Kind::Counterexamples: {
            std::size_t count = failure.counterexamples.size();
            out += fmt::format("{}fails: {} ({}{} counterexample{})\n", pad, failure.condition, count, count == 100 ? "+" : "",
                               count == 1 ? "" : "s");
            for (std::size_t i = 0; i < failure.counterexamples.size(); ++i) {
                const ConditionFailure::Counterexample& example = failure.counterexamples[i];
                std::string holds = example.confidence
                                        ? fmt::format("holds only with confidence {}, which leaves the derivation below the minimum",
                                                      formatConfidence(*example.confidence))
                                        : "does not hold";
                out += fmt::format("{}  {}: {} {}\n", pad, bindingsText(example.bindings), example.consequent, holds);
                if (i < attempt.counterexampleHolding.size() && !attempt.counterexampleHolding[i].empty()) {
                    out += pad + "    because it holds:\n";
                    for (const ProofStep& proof : attempt.counterexampleHolding[i])
                        out += indentLines(formatProofText(proof), pad + "      ");
                }
                if (const WhyNot* nested = nestedFor(attempt, example.consequent)) {
                    std::string below;
                    appendWhyNot(*nested, pad + "  ", below);
                    out += below.substr(below.find('\n') + 1);  // its first line repeats the counterexample
                }
            }
            break;
        }
    }
}

/// Why a rule whose conditions all hold did not make the fact hold.
std::string derivedYetAbsent(const WhyNot& whyNot, const RuleAttempt& attempt) {
    if (!attempt.inForce) return "its conditions hold, but the rule is not in force on this date";
    std::string minimum = formatConfidence(whyNot.minConfidence);
    if (whyNot.belowMinimum) return fmt::format("derives it, but with a confidence below the minimum {}", minimum);
    if (whyNot.instead) return "derives it, but another value wins (see above)";
    return "derives it, but it is not among the conclusions (they may be out of date)";
}

void appendAttempt(const WhyNot& whyNot, const RuleAttempt& attempt, const std::string& pad, std::string& out, bool top) {
    const RuleProbe& probe = attempt.probe;
    out += fmt::format("{}{}: {} of {} conditions hold{}\n", pad, ruleTitle(attempt.rule), probe.conditionsMet, probe.conditions,
                       attempt.inForce ? "" : " (but the rule is not in force on this date)");
    std::string inner = pad + "  ";
    if (top && !attempt.rule.docs.empty()) out += indentLines(attempt.rule.docs, inner + "## ");  // once, not at every level
    if (!probe.bindings.empty()) {
        out += inner + "with " + bindingsText(probe.bindings) + "\n";
    }
    if (probe.derives) out += inner + derivedYetAbsent(whyNot, attempt) + "\n";
    if (probe.failure) appendFailure(attempt, inner, out);
    if (probe.bounded) out += inner + "(search stopped at its budget: a closer attempt may exist)\n";
}

void appendWhyNot(const WhyNot& whyNot, const std::string& pad, std::string& out, bool top) {
    if (whyNot.holds) {
        out += pad + whyNot.goal + " holds (see `accord why`)\n";
        return;
    }
    out += pad + whyNot.goal + " does not hold\n";
    if (whyNot.belowMinimum) {
        out += fmt::format("{}  its confidence is {}, below the minimum confidence {} of this evaluation, so it does not hold\n", pad,
                           formatConfidence(*whyNot.belowMinimum), formatConfidence(whyNot.minConfidence));
    }
    if (whyNot.instead) {
        const ProofStep& instead = *whyNot.instead;
        std::string how = instead.rule ? " (" + ruleTitle(*instead.rule) + ")" : "";
        out += fmt::format("{}  {} holds instead, with confidence {}{}\n", pad, instead.fact, formatConfidence(instead.confidence), how);
        if (!instead.premises.empty()) out += pad + "    because " + premiseList(instead) + "\n";
        if (!whyNot.lostBecause.empty()) out += pad + "    and " + whyNot.goal + " does not: " + whyNot.lostBecause + "\n";
    }
    for (const FactOutOfForce& fact : whyNot.outOfForce) {
        std::string where = fact.location.empty() ? "an asserted fact" : "a fact at " + fact.location;
        out += fmt::format("{}  it is {}, {}{}\n", pad, where, validityText(fact), sourceText(fact));
    }
    if (whyNot.baseRelation && !whyNot.belowMinimum) {
        out += pad + (whyNot.outOfForce.empty() ? "  no rule derives it: it would have to be asserted\n"
                                                : "  no rule derives it: a fact valid on this date would have to be asserted\n");
    }
    for (const RuleAttempt& attempt : whyNot.attempts) appendAttempt(whyNot, attempt, pad + "  ", out, top);
}

nlohmann::json outOfForceJson(const std::vector<FactOutOfForce>& facts) {
    nlohmann::json json = nlohmann::json::array();
    for (const FactOutOfForce& fact : facts) {
        json.push_back({{"fact", fact.fact},
                        {"location", locationToJson(fact.location)},
                        {"source", fact.source},
                        {"since", fact.since ? nlohmann::json(*fact.since) : nlohmann::json()},
                        {"until", fact.until ? nlohmann::json(*fact.until) : nlohmann::json()}});
    }
    return json;
}

nlohmann::json failureToJson(const RuleAttempt& attempt) {
    const ConditionFailure& failure = *attempt.probe.failure;
    static const char* kinds[] = {"missing_fact", "negated_fact_exists", "comparison_false",
                                  "no_value",     "counterexamples",     "below_minimum"};
    nlohmann::json json = {{"kind", kinds[static_cast<int>(failure.kind)]}, {"condition", failure.condition}};
    if (failure.confidence) json["confidence"] = *failure.confidence;
    if (!attempt.blocking.empty()) {
        json["holding"] = nlohmann::json::array();
        for (const ProofStep& proof : attempt.blocking) json["holding"].push_back(proofToJson(proof));
    }
    if (!failure.counterexamples.empty()) {
        json["counterexamples"] = nlohmann::json::array();
        for (std::size_t i = 0; i < failure.counterexamples.size(); ++i) {
            const auto& example = failure.counterexamples[i];
            nlohmann::json bindings = nlohmann::json::object();
            for (const auto& [name, value] : example.bindings) bindings[name] = value;
            nlohmann::json entry = {{"bindings", bindings}, {"fails", example.consequent}};
            if (example.confidence) entry["confidence"] = *example.confidence;
            if (i < attempt.counterexampleHolding.size() && !attempt.counterexampleHolding[i].empty()) {
                entry["holding"] = nlohmann::json::array();
                for (const ProofStep& proof : attempt.counterexampleHolding[i]) entry["holding"].push_back(proofToJson(proof));
            }
            json["counterexamples"].push_back(std::move(entry));
        }
    }
    return json;
}

}  // namespace

std::string formatWhyNotText(const WhyNot& whyNot) {
    std::string out;
    appendWhyNot(whyNot, "", out, true);
    return out;
}

nlohmann::json whyNotToJson(const WhyNot& whyNot) {
    nlohmann::json json = {{"fact", whyNot.goal}, {"holds", whyNot.holds}, {"base_relation", whyNot.baseRelation}};
    if (whyNot.instead) json["instead"] = proofToJson(*whyNot.instead);
    if (!whyNot.lostBecause.empty()) json["lost_because"] = whyNot.lostBecause;
    json["min_confidence"] = whyNot.minConfidence;
    json["below_minimum"] = whyNot.belowMinimum ? nlohmann::json(*whyNot.belowMinimum) : nlohmann::json();
    json["out_of_force"] = outOfForceJson(whyNot.outOfForce);
    json["attempts"] = nlohmann::json::array();
    for (const RuleAttempt& attempt : whyNot.attempts) {
        nlohmann::json entry = {{"rule", ruleToJson(attempt.rule)},
                                {"in_force", attempt.inForce},
                                {"derives", attempt.probe.derives},
                                {"conditions", attempt.probe.conditions},
                                {"conditions_met", attempt.probe.conditionsMet},
                                {"bounded", attempt.probe.bounded}};
        entry["bindings"] = nlohmann::json::object();
        for (const auto& [name, value] : attempt.probe.bindings) entry["bindings"][name] = value;
        if (attempt.probe.failure) entry["failure"] = failureToJson(attempt);
        if (!attempt.outOfForce.empty()) entry["out_of_force"] = outOfForceJson(attempt.outOfForce);
        entry["below"] = nlohmann::json::array();
        for (const WhyNot& nested : attempt.missing) entry["below"].push_back(whyNotToJson(nested));
        json["attempts"].push_back(std::move(entry));
    }
    return json;
}

std::string formatKeyValuesText(const std::string& keyText, const std::string& held, const std::vector<WhyNot>& others,
                                const std::string& description) {
    std::string text = !held.empty() ? fmt::format("{} = {} holds ({}; `accord why` explains it)\n", keyText, held, description)
                                     : fmt::format("{} has no value ({})\n", keyText, description);
    if (others.empty()) return text + "no rule, fact or resolution names another value it could have\n";
    text += fmt::format("why not each {}value the rules, facts and resolution name:\n", !held.empty() ? "other " : "");
    for (const WhyNot& whyNot : others) text += "\n" + formatWhyNotText(whyNot);
    return text;
}

nlohmann::ordered_json keyValuesJson(const std::string& keyText, const std::string& held, const std::vector<WhyNot>& others) {
    nlohmann::ordered_json fields = {{"key", keyText}, {"value", !held.empty() ? nlohmann::ordered_json(held) : nlohmann::ordered_json()}};
    fields["values"] = nlohmann::ordered_json::array();
    for (const WhyNot& whyNot : others) fields["values"].push_back(nlohmann::ordered_json(whyNotToJson(whyNot)));
    return fields;
}

}  // namespace accord::engine
