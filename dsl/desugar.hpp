// Desugaring disjunction: a rule whose body has `or` (at the top or in a parenthesised
// group) becomes several clauses with plain conjunctive bodies, one per alternative.
// The clauses point into the AST, so every literal keeps its position for diagnostics.
//
//   eligible(P) if resident(P) and (adult(P) or emancipated(P)).
//   => eligible(P) if resident(P) and adult(P).
//      eligible(P) if resident(P) and emancipated(P).
#pragma once

#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"

namespace accord::dsl {

/// One rule alternative with a conjunctive body (a fact has an empty body).
struct Clause {
    const ast::Rule* rule = nullptr;
    std::vector<const ast::Literal*> body;  ///< no groups: only atoms, negations, comparisons, for all
    std::size_t alternative = 0;            ///< index among the clauses of the same rule
};

/// The clauses of a rule; reports (and truncates) a body that expands beyond `maxClauses`,
/// and reports (giving no clauses) one with more than `maxConditions` conditions.
std::vector<Clause> desugarRule(const ast::Rule& rule, Diagnostics& diagnostics, std::size_t maxClauses = 1024,
                                std::size_t maxConditions = 1000);

}  // namespace accord::dsl
