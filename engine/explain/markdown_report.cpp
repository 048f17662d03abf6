// Explanations as Markdown (see markdown_report.hpp).
#include "accord/engine/explain/markdown_report.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

/// A fact or rule text as inline code: fenced by more backticks than it has in a row, and
/// with a space inside the fence when it holds one (CommonMark strips one from each end).
std::string code(const std::string& text) {
    std::size_t longest = 0, run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    std::string fence(longest + 1, '`');
    std::string pad = longest > 0 ? " " : "";
    return fence + pad + text + pad + fence;
}

/// Text for a table cell: a '|' would end the cell, even inside a code span.
std::string cell(const std::string& markdown) {
    std::string out;
    for (char c : markdown) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

/// The sources of a report, numbered in the order the proof first cites them.
class Sources {
public:
    /// The number of a step's source, adding it on first sight.
    std::size_t cite(const ProofStep& step) {
        auto [entry, added] = numbers_.try_emplace(step.source + '\x1f' + step.fact, numbers_.size() + 1);
        if (added) list_.push_back(&step);
        return entry->second;
    }
    /// Every source at or below `step`, in order.
    std::vector<std::size_t> below(const ProofStep& step) {
        std::vector<std::size_t> out;
        collect(step, out);
        return out;
    }
    std::string list() const {
        std::string out;
        for (std::size_t i = 0; i < list_.size(); ++i) {
            const ProofStep& step = *list_[i];
            out += fmt::format("{}. {} — {}{}\n", i + 1, escapeMarkdown(step.source), code(step.fact), validity(step));
        }
        return out;
    }
    static std::string validity(const ProofStep& step) {
        if (step.since && step.until) return fmt::format(", valid from {} until {}", *step.since, *step.until);
        if (step.since) return fmt::format(", valid from {}", *step.since);
        if (step.until) return fmt::format(", valid until {}", *step.until);
        return "";
    }

private:
    void collect(const ProofStep& step, std::vector<std::size_t>& out) {
        if (!step.source.empty()) {
            std::size_t number = cite(step);
            if (std::find(out.begin(), out.end(), number) == out.end()) out.push_back(number);
        }
        for (const ProofStep& premise : step.premises) collect(premise, out);
    }
    std::map<std::string, std::size_t> numbers_;
    std::vector<const ProofStep*> list_;
};

std::string citation(const std::vector<std::size_t>& numbers) {
    return numbers.empty() ? "" : fmt::format(" [{}]", fmt::join(numbers, ", "));
}

/// The rules' sentences of a proof, top first, each citing the sources below it.
void appendSentences(const ProofStep& step, Sources& sources, std::string& out) {
    std::string sentence = sentenceOf(step);
    if (!sentence.empty()) out += fmt::format("- {}{}\n", escapeMarkdown(sentence), citation(sources.below(step)));
    for (const ProofStep& premise : step.premises) appendSentences(premise, sources, out);
}

/// One line of the proof list: the fact, then how it holds.
std::string describeStep(const ProofStep& step, Sources& sources) {
    std::vector<std::string> parts;
    if (step.missing) parts.push_back("does not hold");
    if (!step.missing && step.confidence < 1) parts.push_back("confidence " + formatConfidence(step.confidence));
    if (step.rule) {
        parts.push_back("by " + escapeMarkdown(ruleTitle(*step.rule)));
    } else if (step.origin == FactOrigin::Program) {
        parts.push_back("fact at " + escapeMarkdown(step.location));
    } else if (step.origin == FactOrigin::Asserted) {
        parts.push_back("asserted");
    }
    std::string validity = Sources::validity(step);
    if (!validity.empty()) parts.push_back(validity.substr(2));
    if (!step.source.empty()) parts.push_back(fmt::format("source [{}]", sources.cite(step)));
    if (step.cut) parts.push_back("(premises not shown: raise --depth)");
    return code(step.fact) + (parts.empty() ? "" : " — " + fmt::format("{}", fmt::join(parts, "; ")));
}

void appendStep(const ProofStep& step, const std::string& indent, Sources& sources, std::string& out) {
    out += indent + "- " + describeStep(step, sources) + "\n";
    std::string inner = indent + "  ";
    for (const ProofStep& weakening : step.weakenedBy) {
        out += fmt::format("{}- *lowered by* {} (confidence {})\n", inner, code(weakening.fact), formatConfidence(weakening.confidence));
    }
    for (const ProofStep& absent : step.absent) {
        out += fmt::format("{}- *and* {} *holds*\n", inner, code(absent.fact));
        for (const ProofStep& fact : absent.premises) {
            out += fmt::format("{}  - {} would not: it is not valid on this date{}\n", inner, code(fact.fact), Sources::validity(fact));
        }
    }
    for (const ProofStep& premise : step.premises) appendStep(premise, inner, sources, out);
}

}  // namespace

std::string escapeMarkdown(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string proofsMarkdown(const std::vector<ProofStep>& proofs, const std::string& evaluated, const std::vector<std::string>& notes) {
    std::map<std::string, std::size_t> derivations, shown;  // by fact: how many proofs, how many so far
    for (const ProofStep& proof : proofs) ++derivations[proof.fact];
    std::string out;
    for (std::size_t i = 0; i < proofs.size(); ++i) {
        const ProofStep& proof = proofs[i];
        Sources sources;
        std::size_t count = derivations[proof.fact], number = ++shown[proof.fact];
        out +=
            fmt::format("## Why {} holds{}\n\n", code(proof.fact), count > 1 ? fmt::format(" (derivation {} of {})", number, count) : "");
        out += fmt::format("*{}{}.*\n\n", escapeMarkdown(capitalized(evaluated)),
                           proof.confidence < 1 ? "; confidence " + formatConfidence(proof.confidence) : "");
        std::string sentences;
        appendSentences(proof, sources, sentences);
        if (!sentences.empty()) out += sentences + "\n";
        out += "### Derivation\n\n";
        std::string tree;
        appendStep(proof, "", sources, tree);
        out += tree + "\n";
        std::string list = sources.list();
        if (!list.empty()) out += "### Sources\n\n" + list + "\n";
        if (i < notes.size() && !notes[i].empty()) {
            out += "### Also\n\n";
            for (std::size_t start = 0; start < notes[i].size();) {
                std::size_t end = std::min(notes[i].find('\n', start), notes[i].size());
                std::size_t text = notes[i].find_first_not_of(' ', start);
                if (text < end)
                    out += std::string((text - start) / 2 * 2, ' ') + "- " + escapeMarkdown(notes[i].substr(text, end - text)) + "\n";
                start = end + 1;
            }
            out += "\n";
        }
    }
    if (out.ends_with("\n\n")) out.pop_back();  // blank lines between proofs, not after the last
    return out;
}

std::string whyNotMarkdown(const WhyNot& whyNot, const std::string& evaluated) {
    std::string italic = "*" + escapeMarkdown(capitalized(evaluated)) + ".*\n\n";
    if (whyNot.holds) return fmt::format("## {} holds\n\n{}It holds: `accord why` explains it.\n", code(whyNot.goal), italic);
    std::string out = fmt::format("## Why {} does not hold\n\n{}", code(whyNot.goal), italic);
    // The text explanation's indentation (two spaces a level, below its first line, which
    // is the heading's) becomes the lists' nesting; a rule's `##` comment, an aside.
    std::string text = formatWhyNotText(whyNot);
    for (std::size_t start = text.find('\n') + 1; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string line = text.substr(start, end - start);
        start = end + 1;
        std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string::npos) continue;
        std::string content = line.substr(indent);
        content = content.starts_with("## ") ? "*" + escapeMarkdown(content.substr(3)) + "*" : escapeMarkdown(content);
        out += std::string(indent >= 2 ? (indent - 2) / 2 * 2 : 0, ' ') + "- " + content + "\n";
    }
    return out;
}

std::string keyValuesMarkdown(const std::string& key, const std::string& held, const std::vector<WhyNot>& others,
                              const std::string& evaluated) {
    std::string out = fmt::format("## The values of {}\n\n*{}.*\n\n", code(key), escapeMarkdown(capitalized(evaluated)));
    out += held.empty() ? "It has no value.\n" : fmt::format("{} holds: `accord why` explains it.\n", code(key + " = " + held));
    if (others.empty()) return out + "\nNo rule, fact or resolution names another value it could have.\n";
    for (const WhyNot& whyNot : others) {
        std::string section = whyNotMarkdown(whyNot, evaluated);
        out += "\n#" + section;  // each value a section below the key's heading
    }
    return out;
}

std::string timelinesMarkdown(const std::vector<Timeline>& timelines, const std::string& query, bool hasStart) {
    std::string out = fmt::format("## When {} changed\n\n", code(query));
    if (timelines.empty()) return out + "Nothing matches on any date.\n";
    for (const Timeline& timeline : timelines) {
        out += fmt::format("### {}\n\n| from | state | confidence | changed by |\n|---|---|---|---|\n",
                           code(timeline.subject));  // a heading, not a cell
        for (const TimelineEntry& entry : timeline.entries) {
            std::vector<std::string> triggers;
            for (const TimelineTrigger& trigger : entry.triggers) {
                triggers.push_back(fmt::format("{} {}", trigger.starts ? "from" : "until", code(trigger.subject)));
            }
            bool undated = entry.initial && !hasStart;
            out += fmt::format("| {} | {} | {} | {} |\n", undated ? "earlier" : dsl::formatDate(dsl::Date{entry.from}),
                               escapeMarkdown(entry.state), entry.state == "does not hold" ? "" : formatConfidence(entry.confidence),
                               cell(fmt::format("{}", fmt::join(triggers, "; "))));
        }
        out += "\n";
    }
    out.pop_back();  // blank lines between the tables, not after the last
    return out;
}

}  // namespace accord::engine
