// Desugaring disjunction: a rule whose body has `or` (at the top or in a parenthesised
// group) becomes several clauses with plain conjunctive bodies, one per alternative.
// The clauses point into the AST, so every literal keeps its position for diagnostics.
//
//   eligible(P) if resident(P) and (adult(P) or emancipated(P)).
//   => eligible(P) if resident(P) and adult(P).
//      eligible(P) if resident(P) and emancipated(P).
#pragma once

#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl {

/// One rule alternative with a conjunctive body (a fact has an empty body).
struct Clause {
    const ast::Rule* rule = nullptr;
    std::vector<const ast::Literal*> body;  ///< no groups: only atoms, negations, comparisons, for all
    std::size_t alternative = 0;  ///< index among the clauses of the same rule
};

/// How many alternatives a body, or a `for all` consequent, may expand to.
inline constexpr std::size_t kMaxAlternatives = 1024;

/// The clauses of a rule; reports (and truncates) a body, or a `for all` consequent in it,
/// that expands beyond `maxClauses` alternatives, and reports (giving no clauses) one with
/// more than `maxConditions` conditions.
std::vector<Clause> desugarRule(const ast::Rule& rule, Diagnostics& diagnostics, std::size_t maxClauses = kMaxAlternatives,
                                std::size_t maxConditions = 1000);

/// The alternatives of a `for all` consequent: a group `(a or b and c)` in disjunctive
/// normal form, a single condition as itself; at most `maxClauses` of them (desugarRule has
/// reported a consequent with more).
std::vector<std::vector<const ast::Literal*>> consequentAlternatives(const ast::Literal& consequent,
                                                                     std::size_t maxClauses = kMaxAlternatives);

}  // namespace accord::dsl
