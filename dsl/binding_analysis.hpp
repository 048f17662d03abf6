// Which variables the conditions of a rule body bind and which they need bound before they
// can run: the one definition that the checker (variable safety: is every variable bound?)
// and the planner (join order: in which order do the conditions run?) share, so that every
// body the checker accepts the planner can order.
//
// - A positive atom binds its plain-variable arguments and value, and needs the variables
//   of its computed arguments.
// - A negation and a comparison need all their variables, except that `X = expr` (on
//   either side) binds X once expr's variables are bound.
// - An aggregate or a `for all` has variables of its own. Those it shares with the rest of
//   the body — used directly by a condition of the same level or an enclosing one, or by
//   the head (clingo's global variables) — must be bound before it runs; the others are
//   local to it.
// - A group `(a or b)` binds what every alternative binds.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "accord/dsl/ast.hpp"

namespace accord::dsl {

using Names = std::set<std::string>;
using Literals = std::vector<const ast::Literal*>;

/// Pointers to a list's literals (a conjunction, an aggregate's body, a `for all` domain).
Literals literalsOf(const std::vector<ast::Literal>& literals);

/// The named variables of an expression or a literal, inside aggregates too (`_` excluded).
Names variablesIn(const ast::Expr& expr);
Names variablesIn(const ast::Literal& literal);
Names variablesIn(const ast::Atom& atom);
/// The named variables of an aggregate or `for all`: its elements, body, domain, consequent.
Names variablesInside(const ast::Aggregate& aggregate);
Names variablesInside(const ast::ForAll& forAll);

/// The named variables that occur once in the whole rule (head, body, at any depth): what an
/// atom binds to one of them is used nowhere, so the atom only asks whether a match exists.
Names privateVariables(const ast::Atom& head, const Literals& body);

/// One level of a body (a rule's, an aggregate's, a `for all` domain's or consequent's),
/// knowing which names are visible there: used directly by its conditions or by an
/// enclosing level.
class BindingScope {
public:
    /// The top level of a rule: `head` the head's variables.
    BindingScope(const Names& head, const Literals& literals);
    /// A level nested in this one (an aggregate's body, a `for all` domain or consequent).
    BindingScope nested(const Literals& literals) const;

    /// Whether `literal` can run once `bound` are bound.
    bool ready(const ast::Literal& literal, const Names& bound) const;
    /// The variables running `literal` binds, given `bound` (it must be ready).
    Names binds(const ast::Literal& literal, const Names& bound) const;
    /// The variables an aggregate or `for all` shares with the rest of the body.
    Names globalsOf(const ast::Aggregate& aggregate) const;
    Names globalsOf(const ast::ForAll& forAll) const;

private:
    BindingScope() = default;
    void addDirectNames(const Literals& literals);
    Names globalsAmong(const Names& inside) const;
    Names operandNeeds(const ast::Expr& expr) const;
    bool comparisonReady(const ast::Comparison& comparison, const Names& bound) const;

    Names visible_;
};

/// What running every condition that can run (in any order) binds, starting from `bound`,
/// and the conditions that never can: each waits for a variable nothing binds first.
struct BindingFixpoint {
    Names bound;
    Literals blocked;
};
BindingFixpoint bindAll(const BindingScope& scope, const Literals& literals, Names bound);

}  // namespace accord::dsl
