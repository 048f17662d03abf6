// Disjunctive normal form of rule bodies (see desugar.hpp).
#include "accord/dsl/desugar.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "accord/dsl/ast_walk.hpp"

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

/// Whether a `for all` among `literals` (at any depth: in aggregates, domains and
/// consequents too) has a consequent with more than `maxClauses` alternatives.
bool consequentTooLarge(const std::vector<const ast::Literal*>& literals, std::size_t maxClauses) {
    for (const ast::Literal* literal : literals) {
        bool tooLarge = false;
        forEachAggregateIn(*literal, [&](const ast::Aggregate& aggregate) {
            std::vector<const ast::Literal*> body;
            for (const ast::Literal& inner : aggregate.body) body.push_back(&inner);
            tooLarge = tooLarge || consequentTooLarge(body, maxClauses);
        });
        if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(literal)) {
            for (const ast::Conjunction& conjunction : group->get().alternatives) {
                std::vector<const ast::Literal*> inner;
                for (const ast::Literal& l : conjunction.literals) inner.push_back(&l);
                tooLarge = tooLarge || consequentTooLarge(inner, maxClauses);
            }
        }
        if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(literal)) {
            std::vector<const ast::Literal*> inner{&forAll->get().consequent};
            for (const ast::Literal& l : forAll->get().domain) inner.push_back(&l);
            if (const auto* consequent = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&forAll->get().consequent)) {
                bool truncated = false;
                expandDisjunction(consequent->get(), maxClauses, truncated);
                tooLarge = tooLarge || truncated;
            }
            tooLarge = tooLarge || consequentTooLarge(inner, maxClauses);
        }
        if (tooLarge) return true;
    }
    return false;
}

}  // namespace

std::vector<std::vector<const ast::Literal*>> consequentAlternatives(const ast::Literal& consequent, std::size_t maxClauses) {
    const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&consequent);
    if (!group) return {{&consequent}};
    bool truncated = false;
    auto alternatives = expandDisjunction(group->get(), maxClauses, truncated);
    if (truncated) throw std::logic_error("consequentAlternatives: a consequent desugarRule should have refused");
    return alternatives;
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
