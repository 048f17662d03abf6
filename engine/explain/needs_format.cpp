// The answer of a search for changes in words and as JSON (see needs_format.hpp).
#include "accord/engine/explain/needs_format.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace accord::engine {

std::string needsText(const NeedsResult& result, const std::string& goal, const std::string& asOf, std::size_t maxChanges) {
    if (result.alreadyHolds) return fmt::format("{} already holds as of {} (see `accord why`)\n", goal, asOf);
    std::string out;
    if (result.answers.empty() && result.complete()) {
        out += fmt::format("no set of up to {} changes makes {} hold as of {}: the search looked at every one\n", maxChanges, goal, asOf);
    } else if (result.answers.empty()) {
        out += fmt::format(
            "no set of up to {} changes found that makes {} hold as of {}, but the search was not complete (see below): "
            "there may be one\n",
            maxChanges, goal, asOf);
    } else {
        out += fmt::format("{} would hold as of {} with any one of these (smallest first, each checked by evaluation):\n", goal, asOf);
    }
    for (std::size_t i = 0; i < result.answers.size(); ++i) {
        std::vector<std::string> parts;
        // Written as a scenario file writes them (engine/text/hypothesis_text.hpp), to paste into one.
        for (const auto& change : result.answers[i]) parts.push_back((change.add ? "+ " : "- ") + change.text + ".");
        out += fmt::format("  {}. {}\n", i + 1, fmt::join(parts, "   "));
    }
    if (result.largerAnswer) out += fmt::format("a set of {0} changes does: raise --max-changes to {0} to see it\n", *result.largerAnswer);
    // With answers, what the search could not look at only means there may be others.
    const char* label = result.answers.empty() ? "incomplete" : "other answers may exist";
    for (const std::string& reason : result.ungenerated) out += fmt::format("{}: {}\n", label, reason);
    out += fmt::format("({} evaluation{}{})\n", result.evaluations, result.evaluations == 1 ? "" : "s",
                       result.bounded ? "; the search stopped at a bound — raise --max-changes or --max-evaluations for more" : "");
    return out;
}

nlohmann::ordered_json needsJson(const NeedsResult& result, const std::string& asOf) {
    nlohmann::ordered_json answers = nlohmann::ordered_json::array();
    for (const auto& answer : result.answers) {
        nlohmann::ordered_json changes = nlohmann::ordered_json::array();
        for (const auto& change : answer) changes.push_back({{"change", change.add ? "add" : "remove"}, {"fact", change.text}});
        answers.push_back(changes);
    }
    return {{"as_of", asOf},
            {"already_holds", result.alreadyHolds},
            {"answers", answers},
            {"evaluations", result.evaluations},
            {"bounded", result.bounded},
            {"complete", result.complete()},
            {"ungenerated", result.ungenerated},
            {"larger_answer", result.largerAnswer ? nlohmann::ordered_json(*result.largerAnswer) : nlohmann::ordered_json()}};
}

}  // namespace accord::engine
