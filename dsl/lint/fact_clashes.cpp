// fact-clash (see lint_program.hpp): the checker sees two facts give one key two values,
// in periods that overlap, and no resolution orders the values, so the run would stop.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/lint/lint_names.hpp"
#include "accord/dsl/lint/lint_program.hpp"
#include "accord/dsl/lint/override_order.hpp"
#include "accord/dsl/lint/term_key.hpp"

namespace accord::dsl::lint {
namespace {

bool periodsOverlap(const ast::Annotations& a, const ast::Annotations& b) {
    bool aEndsBeforeB = a.until && b.since && *a.until <= *b.since;
    bool bEndsBeforeA = b.until && a.since && *b.until <= *a.since;
    return !aEndsBeforeB && !bEndsBeforeA;
}

const ast::Rule* keyedFact(const ast::Statement& statement) {
    const auto* rule = boost::get<ast::Rule>(&statement);
    if (!rule || rule->body || !rule->head.value || rule->head.valueDiffers || !isConstant(*rule->head.value)) return nullptr;
    for (const ast::Expr& argument : rule->head.arguments) {
        if (!isConstant(argument)) return nullptr;
    }
    return rule;
}

}  // namespace

void lintFactClashes(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics) {
    const std::optional<double> threshold = checked.threshold;
    OverrideOrder order(program.files);
    // A default and a fact that is none never compete: group them apart.
    std::map<std::tuple<std::string, std::string, bool>, std::vector<const ast::Rule*>> factsByKey;
    for (const ast::Program& file : program.files) {
        for (const ast::Statement& statement : file.statements) {
            const ast::Rule* fact = keyedFact(statement);
            // A fact below the program's minimum confidence does not hold: it clashes with nothing.
            if (!fact || fact->annotations.confidence.value_or(1.0) < threshold.value_or(0.0)) continue;
            const check::RelationInfo* info = checked.relations.find(fact->head.relation);
            std::string key;
            for (std::size_t i = 0; i < fact->head.arguments.size(); ++i) {
                key += termKey(fact->head.arguments[i], info && i < info->columnTypes.size() ? info->columnTypes[i] : std::nullopt) + ",";
            }
            factsByKey[{fact->head.relation, key, fact->isDefault}].push_back(fact);
        }
    }
    for (const auto& [key, facts] : factsByKey) {
        // Not a structured binding: the lambda below uses the relation (clang refuses that in C++20).
        const std::string& relation = std::get<0>(key);
        const std::string& keyText = std::get<1>(key);
        const bool isDefault = std::get<2>(key);
        // Defaults give a value only to a key that no other fact or rule gives one: one given
        // at every date settles them.
        if (isDefault) {
            auto given = factsByKey.find({relation, keyText, false});
            if (given != factsByKey.end() && std::any_of(given->second.begin(), given->second.end(), [](const ast::Rule* fact) {
                    return !fact->annotations.since && !fact->annotations.until;
                })) {
                continue;
            }
        }
        const check::RelationInfo* info = checked.relations.find(relation);
        std::optional<ast::Type> valueType = info ? info->valueType : std::nullopt;
        std::set<std::string> reported;
        for (std::size_t j = 1; j < facts.size(); ++j) {
            std::string value = print(*facts[j]->head.value);
            for (std::size_t i = 0; i < j; ++i) {
                std::string earlier = print(*facts[i]->head.value);
                if (termKey(*facts[j]->head.value, valueType) == termKey(*facts[i]->head.value, valueType)) continue;
                if (order.ordered(relation, value, earlier) || !periodsOverlap(facts[i]->annotations, facts[j]->annotations)) continue;
                // A third value that overrides both settles the key, if it holds whenever both do.
                bool settled = std::any_of(facts.begin(), facts.end(), [&](const ast::Rule* third) {
                    std::string over = print(*third->head.value);
                    return order.overrides(relation, over, value) && order.overrides(relation, over, earlier) &&
                           !third->annotations.since && !third->annotations.until;
                });
                if (settled || !reported.insert(value + " " + earlier).second) continue;
                Diagnostic& warning = diagnostics.warning(
                    facts[j]->head.span,
                    fmt::format("'{}' clashes with '{}': one key, two values no resolution orders, so the run would stop",
                                print(facts[j]->head), print(facts[i]->head)),
                    fmt::format("keep one of them, give them periods that do not overlap, or order the values with `resolve {}: ...`",
                                relation));
                warning.code = kFactClash;
                warning.notes.push_back({facts[i]->head.span, "the other value is given here"});
                break;
            }
        }
    }
}

}  // namespace accord::dsl::lint
