// fact-clash (see lint_program.hpp): the checker sees two facts give one key two values,
// in periods that overlap, and no resolution orders the values, so the run would stop.
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "dsl/ast_printer.hpp"
#include "dsl/ast_walk.hpp"
#include "dsl/lint/lint_names.hpp"
#include "dsl/lint/lint_program.hpp"
#include "dsl/lint/override_order.hpp"
#include "dsl/lint/term_key.hpp"

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

void lintFactClashes(const LoadedProgram& program, std::optional<double> threshold, Diagnostics& diagnostics) {
    OverrideOrder order(program.files);
    // A default and a fact that is none never compete: group them apart.
    std::map<std::tuple<std::string, std::string, bool>, std::vector<const ast::Rule*>> factsByKey;
    for (const ast::Program& file : program.files) {
        for (const ast::Statement& statement : file.statements) {
            const ast::Rule* fact = keyedFact(statement);
            // A fact below the program's minimum confidence does not hold: it clashes with nothing.
            if (!fact || fact->annotations.confidence.value_or(1.0) < threshold.value_or(0.0)) continue;
            std::string key;
            for (const ast::Expr& argument : fact->head.arguments) key += termKey(argument) + ",";
            factsByKey[{fact->head.relation, key, fact->isDefault}].push_back(fact);
        }
    }
    for (const auto& [key, facts] : factsByKey) {
        const std::string& relation = std::get<0>(key);
        std::set<std::string> reported;
        for (std::size_t j = 1; j < facts.size(); ++j) {
            std::string value = print(*facts[j]->head.value);
            for (std::size_t i = 0; i < j; ++i) {
                std::string earlier = print(*facts[i]->head.value);
                if (termKey(*facts[j]->head.value) == termKey(*facts[i]->head.value)) continue;  // 3 and 3.0
                if (value == earlier || order.ordered(relation, value, earlier) ||
                    !periodsOverlap(facts[i]->annotations, facts[j]->annotations))
                    continue;
                if (!reported.insert(value + " " + earlier).second) continue;
                Diagnostic& warning = diagnostics.warning(
                    facts[j]->head.span,
                    fmt::format("'{}' clashes with '{}': one key, two values no resolution orders, so the run would stop",
                                print(facts[j]->head), print(facts[i]->head)),
                    fmt::format("keep one of them, give them periods that do not overlap, or order the values with `resolve {}: ...`",
                                facts[j]->head.relation));
                warning.code = kFactClash;
                warning.notes.push_back({facts[i]->head.span, "the other value is given here"});
                break;
            }
        }
    }
}

}  // namespace accord::dsl::lint
