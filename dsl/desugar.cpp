// Disjunctive normal form of rule bodies (see desugar.hpp).
#include "dsl/desugar.hpp"

#include <fmt/format.h>

namespace accord::dsl {
namespace {

using Alternatives = std::vector<std::vector<const ast::Literal*>>;

Alternatives expandDisjunction(const ast::Disjunction& disjunction, std::size_t maxClauses, bool& truncated);

/// All alternatives of a conjunction: the cross product of its groups' alternatives.
Alternatives expandConjunction(const ast::Conjunction& conjunction, std::size_t maxClauses, bool& truncated) {
    Alternatives result{{}};
    for (const ast::Literal& literal : conjunction.literals) {
        const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal);
        if (!group) {
            for (auto& alternative : result) alternative.push_back(&literal);
            continue;
        }
        Alternatives options = expandDisjunction(group->get(), maxClauses, truncated);
        Alternatives product;
        for (const auto& prefix : result) {
            for (const auto& option : options) {
                if (product.size() >= maxClauses) {
                    truncated = true;
                    break;
                }
                product.push_back(prefix);
                product.back().insert(product.back().end(), option.begin(), option.end());
            }
        }
        result = std::move(product);
    }
    return result;
}

Alternatives expandDisjunction(const ast::Disjunction& disjunction, std::size_t maxClauses, bool& truncated) {
    Alternatives result;
    for (const ast::Conjunction& conjunction : disjunction.alternatives) {
        for (auto& alternative : expandConjunction(conjunction, maxClauses, truncated)) {
            if (result.size() >= maxClauses) {
                truncated = true;
                return result;
            }
            result.push_back(std::move(alternative));
        }
    }
    return result;
}

}  // namespace

std::vector<Clause> desugarRule(const ast::Rule& rule, Diagnostics& diagnostics, std::size_t maxClauses) {
    if (!rule.body) return {Clause{&rule, {}, 0}};
    bool truncated = false;
    Alternatives alternatives = expandDisjunction(*rule.body, maxClauses, truncated);
    if (truncated) {
        diagnostics.error(rule.span, fmt::format("the disjunctions in this rule expand to more than {} alternatives", maxClauses),
                          "define the alternatives as a helper relation");
    }
    std::vector<Clause> clauses;
    for (std::size_t i = 0; i < alternatives.size(); ++i) clauses.push_back({&rule, std::move(alternatives[i]), i});
    return clauses;
}

}  // namespace accord::dsl
