// Disjunctive normal form of rule bodies (see desugar.hpp).
#include "dsl/desugar.hpp"

#include <fmt/format.h>

#include "dsl/ast_walk.hpp"

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

/// Conditions of an alternative, counting the atoms inside its aggregates and `for all`s.
std::size_t conditionCount(const std::vector<const ast::Literal*>& body) {
    std::size_t count = 0;
    for (const ast::Literal* literal : body) {
        std::size_t atoms = 0;
        forEachAtom(*literal, [&](const ast::Atom&, AtomRole) { ++atoms; });
        count += std::max<std::size_t>(atoms, 1);
    }
    return count;
}

/// Whether a `for all` of `body` has a consequent with more than `maxClauses` alternatives.
bool consequentTooLarge(const std::vector<const ast::Literal*>& body, std::size_t maxClauses) {
    bool tooLarge = false;
    for (const ast::Literal* literal : body) {
        const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(literal);
        if (!forAll) continue;
        const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&forAll->get().consequent);
        if (!group) continue;
        bool truncated = false;
        expandDisjunction(group->get(), maxClauses, truncated);
        tooLarge = tooLarge || truncated;
    }
    return tooLarge;
}

}  // namespace

std::vector<std::vector<const ast::Literal*>> consequentAlternatives(const ast::Literal& consequent, std::size_t maxClauses) {
    const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&consequent);
    if (!group) return {{&consequent}};
    bool truncated = false;
    return expandDisjunction(group->get(), maxClauses, truncated);
}

std::vector<Clause> desugarRule(const ast::Rule& rule, Diagnostics& diagnostics, std::size_t maxClauses, std::size_t maxConditions) {
    if (!rule.body) return {Clause{&rule, {}, 0}};
    bool truncated = false;
    Alternatives alternatives = expandDisjunction(*rule.body, maxClauses, truncated);
    if (truncated) {
        diagnostics.error(rule.span, fmt::format("the disjunctions in this rule expand to more than {} alternatives", maxClauses),
                          "define the alternatives as a helper relation");
    }
    for (const auto& alternative : alternatives) {
        if (consequentTooLarge(alternative, maxClauses)) {
            diagnostics.error(rule.span, fmt::format("a 'for all' in this rule has a consequent of more than {} alternatives", maxClauses),
                              "define the alternatives as a helper relation");
            return {};
        }
        if (std::size_t count = conditionCount(alternative); count > maxConditions) {
            // Evaluation nests one loop per condition: a body this long would exhaust the stack.
            diagnostics.error(rule.span, fmt::format("this rule has {} conditions, more than the limit of {}", count, maxConditions),
                              "split it into helper relations");
            return {};
        }
    }
    std::vector<Clause> clauses;
    for (std::size_t i = 0; i < alternatives.size(); ++i) clauses.push_back({&rule, std::move(alternatives[i]), i});
    return clauses;
}

}  // namespace accord::dsl
