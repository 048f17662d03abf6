// Sentence templates (see sentences.hpp).
#include "dsl/check/sentences.hpp"

#include <set>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dsl/ast_walk.hpp"

namespace accord::dsl::check {
namespace {

constexpr std::string_view kSentencePrefix = "sentence:";

/// The variables with one value in each derivation: the head's, and those of the
/// conditions read positively at the top of an alternative.
std::set<std::string> boundVariables(const ast::Rule& rule) {
    std::set<std::string> names;
    auto add = [&](const ast::Variable& variable) { names.insert(variable.name); };
    forEachVariableDeep(rule.head, add);
    if (!rule.body) return names;
    for (const ast::Conjunction& conjunction : rule.body->alternatives) {
        for (const ast::Literal& literal : conjunction.literals) {
            if (const auto* atom = boost::get<ast::Atom>(&literal)) forEachVariableDeep(*atom, add);
            if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
                forEachVariable(comparison->left, add);
                forEachVariable(comparison->right, add);
            }
        }
    }
    return names;
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
            std::set<std::string> bound = boundVariables(*rule);
            for (std::size_t open = sentence.find('{'); open != std::string::npos; open = sentence.find('{', open + 1)) {
                std::size_t close = sentence.find('}', open);
                if (close == std::string::npos) break;
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
