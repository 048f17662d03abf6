// Small generic walks over the AST shared by the passes: variables of a term, atoms
// of a body, the span of any variant node.
#pragma once

#include <functional>
#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/ast_span.hpp"

namespace accord::dsl {

/// Every variable occurrence in an expression, in text order. Aggregates are opaque:
/// their variables belong to their own scope and are not visited.
void forEachVariable(const ast::Expr& expr, const std::function<void(const ast::Variable&)>& visit);

/// The aggregates directly inside an expression (not those nested in other aggregates).
void forEachAggregate(const ast::Expr& expr, const std::function<void(const ast::Aggregate&)>& visit);

/// True when the expression is a constant (no variables, arithmetic or aggregates).
bool isConstant(const ast::Expr& expr);

/// The variable when the expression is exactly one variable, else nullptr.
const ast::Variable* asVariable(const ast::Expr& expr);

}  // namespace accord::dsl

namespace accord::dsl {

/// How an atom is read by the rule it occurs in. Only Positive reads are monotonic:
/// the others need the relation complete before use (stratification).
enum class AtomRole {
    Positive,  ///< a condition `p(X)`
    Negated,  ///< `not p(X)`
    Aggregated,  ///< inside an aggregate's body
    Universal,  ///< inside a `for all` (domain or consequent)
};

/// Every atom in a literal, with how it is read; recurses into groups, `for all` and the
/// aggregates inside comparisons and atom arguments. Aggregated/universal/negated roles
/// are inherited by everything nested inside them.
void forEachAtom(const ast::Literal& literal, const std::function<void(const ast::Atom&, AtomRole)>& visit,
                 AtomRole role = AtomRole::Positive);

/// Every aggregate in a literal's expressions (not inside `for all` or nested aggregates).
void forEachAggregateIn(const ast::Literal& literal, const std::function<void(const ast::Aggregate&)>& visit);

}  // namespace accord::dsl

namespace accord::dsl {

/// Every variable occurrence anywhere in an expression, including inside aggregates.
void forEachVariableDeep(const ast::Expr& expr, const std::function<void(const ast::Variable&)>& visit);
/// Every variable occurrence anywhere in a literal: atoms, aggregates, `for all`, groups.
void forEachVariableDeep(const ast::Literal& literal, const std::function<void(const ast::Variable&)>& visit);
/// Every variable occurrence anywhere in an atom (arguments and value).
void forEachVariableDeep(const ast::Atom& atom, const std::function<void(const ast::Variable&)>& visit);

}  // namespace accord::dsl
