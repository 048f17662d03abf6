// Sentence templates (see sentences.hpp).
#include "accord/dsl/check/sentences.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accord/dsl/ast_walk.hpp"

namespace accord::dsl::check {
namespace {

constexpr std::string_view kSentencePrefix = "sentence:";

/// The variables with one value in every derivation: the head's, and those of the
/// conditions read positively at the top of every alternative (each alternative is a rule
/// of its own, and a derivation by one of them has only its values).
std::set<std::string> boundVariables(const ast::Rule& rule) {
    std::set<std::string> head;
    forEachVariableDeep(rule.head, [&](const ast::Variable& variable) { head.insert(variable.name); });
    if (!rule.body) return head;
    std::optional<std::set<std::string>> everywhere;
    for (const ast::Conjunction& conjunction : rule.body->alternatives) {
        std::set<std::string> names = head;
        auto add = [&](const ast::Variable& variable) { names.insert(variable.name); };
        for (const ast::Literal& literal : conjunction.literals) {
            if (const auto* atom = boost::get<ast::Atom>(&literal)) forEachVariableDeep(*atom, add);
            if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
                forEachVariable(comparison->left, add);
                forEachVariable(comparison->right, add);
            }
        }
        if (!everywhere) {
            everywhere = std::move(names);
            continue;
        }
        std::erase_if(*everywhere, [&](const std::string& name) { return !names.count(name); });
    }
    return everywhere.value_or(head);
}

/// The `sentence:` lines of a rule's comment.
std::size_t sentenceLines(const std::vector<std::string>& docs) {
    return static_cast<std::size_t>(
        std::count_if(docs.begin(), docs.end(), [](const std::string& line) { return !sentenceTemplate({line}).empty(); }));
}

}  // namespace

std::string sentenceTemplate(const std::vector<std::string>& docs) {
    for (const std::string& line : docs) {
        std::string_view text = line;
        while (text.starts_with(' ')) text.remove_prefix(1);
        if (!text.starts_with(kSentencePrefix)) continue;
        text.remove_prefix(kSentencePrefix.size());
        while (text.starts_with(' ')) text.remove_prefix(1);
        return std::string(text);
    }
    return "";
}

void checkSentences(const std::vector<ast::Program>& files, Diagnostics& diagnostics) {
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* rule = boost::get<ast::Rule>(&statement);
            if (!rule) continue;
            std::string sentence = sentenceTemplate(rule->docs);
            if (sentence.empty()) continue;
            if (sentenceLines(rule->docs) > 1) {
                diagnostics.error(rule->span, "the rule's comment has more than one `sentence:` line", "keep the one that reads best");
            }
            std::set<std::string> bound = boundVariables(*rule);
            for (std::size_t open = sentence.find('{'); open != std::string::npos; open = sentence.find('{', open + 1)) {
                std::size_t close = sentence.find('}', open);
                if (close == std::string::npos || sentence.find('{', open + 1) < close) {
                    diagnostics.error(rule->span, "the rule's sentence has a '{' without its '}'",
                                      "braces in a sentence hold a variable of the rule, such as {A}");
                    break;
                }
                std::string name = sentence.substr(open + 1, close - open - 1);
                if (bound.count(name)) continue;
                diagnostics.error(rule->span, fmt::format("the rule's sentence names {{{}}}, which is not a variable it binds", name),
                                  bound.empty() ? "a sentence can name the variables of the head and of the conditions that are not negated"
                                                : fmt::format("it binds {}", fmt::join(bound, ", ")));
            }
        }
    }
}

}  // namespace accord::dsl::check
