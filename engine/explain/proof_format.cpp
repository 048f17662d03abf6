// Proof output (see proof_format.hpp).
#include "accord/engine/explain/proof_format.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

std::string validityText(const ProofStep& step) {
    if (step.since && step.until) return fmt::format("valid {} to {}", *step.since, *step.until);
    if (step.since) return "valid from " + *step.since;
    if (step.until) return "valid until " + *step.until;
    return "";
}

/// What supports a fact, in a few words: "(fact at f:1:1; source "X")".
std::string supportText(const ProofStep& step, bool root) {
    std::vector<std::string> parts;
    if (step.missing) return "(does not hold)";
    if (step.negated) return step.premises.empty() ? "(no such fact)" : "(no such fact on this date; these hold on other dates:)";
    if (step.outOfForce) parts.push_back("not in force on this date");
    switch (step.origin) {
        case FactOrigin::Asserted: parts.push_back("asserted"); break;
        case FactOrigin::Program: parts.push_back(step.location.empty() ? "fact" : "fact at " + step.location); break;
        case FactOrigin::Unknown: parts.push_back("derivation not kept (run with provenance)"); break;
        case FactOrigin::Derived: break;
    }
    if (root || step.confidence < 1) parts.push_back("confidence " + formatConfidence(step.confidence));
    if (!step.source.empty()) parts.push_back(fmt::format("source \"{}\"", step.source));
    if (std::string validity = validityText(step); !validity.empty()) parts.push_back(validity);
    if (step.cut) parts.push_back("more below: raise --depth");
    return parts.empty() ? "" : fmt::format("({})", fmt::join(parts, "; "));
}

template <typename Visit>
void forEachLine(std::string_view text, Visit&& visit) {
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        visit(text.substr(start, end - start));
        start = end + 1;
    }
}

void appendRule(const ProofRule& rule, const std::string& prefix, std::string& out) {
    out += prefix + "by " + ruleTitle(rule) + "\n";
    forEachLine(rule.docs, [&](std::string_view line) { out += prefix + "## " + std::string(line) + "\n"; });
    forEachLine(rule.text, [&](std::string_view line) { out += prefix + std::string(line) + "\n"; });
}

/// Why a derivation's confidence is lower than its rule's and premises': "lowered by: ...".
std::string weakeningText(const ProofStep& weakening) {
    if (weakening.weakens == "not") {
        return fmt::format("lowered by: not {}, which holds with confidence {} (x {})", weakening.fact,
                           formatConfidence(weakening.confidence), formatConfidence(1 - weakening.confidence));
    }
    if (weakening.weakens == "for all not") {
        return fmt::format("lowered by: the weakest case of for all, not {}, which holds with confidence {} (x {})", weakening.fact,
                           formatConfidence(weakening.confidence), formatConfidence(1 - weakening.confidence));
    }
    return fmt::format("lowered by: the weakest case of for all, {} (confidence {})", weakening.fact,
                       formatConfidence(weakening.confidence));
}

/// `head` starts the fact's line; `body` starts the lines below it.
void appendStep(const ProofStep& step, const std::string& head, const std::string& body, bool root, std::string& out) {
    std::string support = supportText(step, root);
    out += head + step.fact + (support.empty() ? "" : "  " + support) + "\n";
    bool below = !step.premises.empty() || !step.absent.empty();
    if (step.rule) appendRule(*step.rule, body + (below ? "│ " : "  "), out);
    for (const ProofStep& weakening : step.weakenedBy) out += body + (below ? "│ " : "  ") + weakeningText(weakening) + "\n";
    std::vector<const ProofStep*> children;
    for (const ProofStep& premise : step.premises) children.push_back(&premise);
    for (const ProofStep& absent : step.absent) children.push_back(&absent);
    for (std::size_t i = 0; i < children.size(); ++i) {
        bool last = i + 1 == children.size();
        appendStep(*children[i], body + (last ? "└─ " : "├─ "), body + (last ? "   " : "│  "), false, out);
    }
}

const char* originName(FactOrigin origin) {
    switch (origin) {
        case FactOrigin::Derived: return "derived";
        case FactOrigin::Asserted: return "asserted";
        case FactOrigin::Program: return "program";
        case FactOrigin::Unknown: return "unknown";
    }
    return "unknown";
}

std::string dotEscape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out;
}

class DotWriter {
public:
    std::string write(const std::vector<ProofStep>& proofs) {
        out_ =
            "digraph proof {\n  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n";
        for (const ProofStep& proof : proofs) node(proof, true);
        return out_ + "}\n";
    }

private:
    std::string node(const ProofStep& step, bool root) {
        auto found = ids_.find(step.fact);
        if (found != ids_.end()) return found->second;
        std::string id = fmt::format("f{}", ids_.size());
        ids_[step.fact] = id;
        std::string label = dotEscape(step.fact);
        if (step.confidence < 1 || root) label += "\\n" + formatConfidence(step.confidence);
        if (!step.source.empty()) label += "\\n" + dotEscape(step.source);
        std::string style = step.missing ? ", style=dashed" : step.origin == FactOrigin::Derived ? "" : ", style=rounded";
        if (root) style += ", penwidth=2";
        out_ += fmt::format("  {} [label=\"{}\"{}];\n", id, label, style);
        std::string rule = step.rule ? (step.rule->name.empty() ? fmt::format("rule #{}", step.rule->id) : step.rule->name) : "";
        for (const ProofStep& premise : step.premises) {
            out_ += fmt::format("  {} -> {} [label=\"{}\"];\n", node(premise, false), id, dotEscape(rule));
        }
        return id;
    }

    std::string out_;
    std::map<std::string, std::string> ids_;
};

}  // namespace

std::string ruleTitle(const ProofRule& rule) {
    if (rule.id == kNoRule) return rule.name;  // no rule of the program: a query's conditions
    std::string title = rule.name.empty() ? fmt::format("rule #{}", rule.id) : "rule " + rule.name;
    return rule.location.empty() ? title : title + " at " + rule.location;
}

std::string formatProofText(const ProofStep& proof) {
    std::string out;
    appendStep(proof, "", "", true, out);
    return out;
}

std::string formatRowProofsText(const std::string& bindings, double confidence, const std::vector<ProofStep>& proofs) {
    std::string text =
        fmt::format("{}  (confidence {}), resting on:\n", bindings.empty() ? "they hold" : bindings, formatConfidence(confidence));
    for (const ProofStep& proof : proofs) text += formatProofText(proof);
    if (proofs.empty()) text += "  no fact: its conditions are comparisons and negations, which hold of these values\n";
    return text;
}

std::string sentenceOf(const ProofStep& step) {
    if (!step.rule || step.rule->sentence.empty()) return "";
    const std::string& pattern = step.rule->sentence;
    std::string out;
    for (std::size_t at = 0; at < pattern.size();) {
        std::size_t open = pattern.find('{', at), close = open == std::string::npos ? open : pattern.find('}', open);
        if (close == std::string::npos) {
            out += pattern.substr(at);
            break;
        }
        out += pattern.substr(at, open - at);
        std::string name = pattern.substr(open + 1, close - open - 1);
        auto binding = std::find_if(step.bindings.begin(), step.bindings.end(), [&](const auto& b) { return b.first == name; });
        if (binding == step.bindings.end()) return "";  // no sentence rather than one with a hole in it
        out += binding->second;
        at = close + 1;
    }
    return capitalized(std::move(out));
}

std::string capitalized(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

nlohmann::json locationToJson(const std::string& location) {
    // The file name may hold ':' itself: line and column are the last two fields.
    std::size_t columnColon = location.rfind(':');
    std::size_t lineColon = columnColon == std::string::npos || columnColon == 0 ? std::string::npos : location.rfind(':', columnColon - 1);
    if (lineColon == std::string::npos) return location.empty() ? nlohmann::json() : nlohmann::json{{"file", location}};
    auto number = [&](std::size_t from, std::size_t to) { return std::stoul(location.substr(from, to - from)); };
    return {{"file", location.substr(0, lineColon)},
            {"line", number(lineColon + 1, columnColon)},
            {"column", number(columnColon + 1, location.size())}};
}

nlohmann::json ruleToJson(const ProofRule& rule, bool withText) {
    nlohmann::json id = rule.id == kNoRule ? nlohmann::json() : nlohmann::json(rule.id);  // null: a query's conditions
    nlohmann::json json = {{"id", id}, {"name", rule.name}, {"location", locationToJson(rule.location)}};
    if (withText) {
        json["docs"] = rule.docs;
        json["text"] = rule.text;
        if (!rule.sentence.empty()) json["sentence"] = rule.sentence;
    }
    return json;
}

nlohmann::json proofToJson(const ProofStep& step) {
    nlohmann::json json = {
        {"fact", step.fact}, {"confidence", step.confidence}, {"holds", !step.missing}, {"origin", originName(step.origin)}};
    if (!step.source.empty()) json["source"] = step.source;
    if (!step.location.empty()) json["location"] = locationToJson(step.location);
    if (step.since) json["since"] = *step.since;
    if (step.until) json["until"] = *step.until;
    if (step.rule) {
        json["rule"] = ruleToJson(*step.rule, /*withText=*/true);
        if (std::string sentence = sentenceOf(step); !sentence.empty()) json["sentence"] = sentence;
    }
    json["premises"] = nlohmann::json::array();
    for (const ProofStep& premise : step.premises) json["premises"].push_back(proofToJson(premise));
    if (!step.weakenedBy.empty()) {
        json["weakened_by"] = nlohmann::json::array();
        for (const ProofStep& weakening : step.weakenedBy) {
            nlohmann::json entry = proofToJson(weakening);
            entry["kind"] = weakening.weakens;
            json["weakened_by"].push_back(std::move(entry));
        }
    }
    if (!step.absent.empty()) {
        json["absent"] = nlohmann::json::array();
        for (const ProofStep& absent : step.absent) {
            nlohmann::json outOfForce = nlohmann::json::array();
            for (const ProofStep& fact : absent.premises) outOfForce.push_back(proofToJson(fact));
            json["absent"].push_back({{"condition", absent.fact}, {"out_of_force", outOfForce}});
        }
    }
    if (step.outOfForce) json["in_force"] = false;
    if (step.cut) json["truncated"] = true;
    return json;
}

std::string formatProofsDot(const std::vector<ProofStep>& proofs) { return DotWriter().write(proofs); }

std::string indentLines(const std::string& text, const std::string& prefix) {
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        out += prefix + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

}  // namespace accord::engine
