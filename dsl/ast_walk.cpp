// Generic walks over the AST (see ast_walk.hpp).
#include "accord/dsl/ast_walk.hpp"

namespace accord::dsl {
namespace {

template <typename Variant>
SourceSpan spanOfVariant(const Variant& node) {
    return boost::apply_visitor(
        [](const auto& alternative) -> SourceSpan {
            using T = std::decay_t<decltype(alternative)>;
            if constexpr (std::is_base_of_v<ast::Located, T>) {
                return alternative.span;
            } else {
                return alternative.get().span;  // x3::forward_ast<T>
            }
        },
        node);
}

}  // namespace

SourceSpan spanOf(const ast::Expr& expr) { return spanOfVariant(expr); }
SourceSpan spanOf(const ast::Literal& literal) { return spanOfVariant(literal); }
SourceSpan spanOf(const ast::Statement& statement) { return spanOfVariant(statement); }

void forEachVariable(const ast::Expr& expr, const std::function<void(const ast::Variable&)>& visit) {
    if (const auto* variable = boost::get<ast::Variable>(&expr)) {
        visit(*variable);
    } else if (const auto* negative = boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
        forEachVariable(negative->get().operand, visit);
    } else if (const auto* binary = boost::get<ast::x3::forward_ast<ast::Binary>>(&expr)) {
        forEachVariable(binary->get().left, visit);
        forEachVariable(binary->get().right, visit);
    } else if (const auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&expr)) {
        for (const ast::Expr& argument : call->get().arguments) forEachVariable(argument, visit);
    }
}

void forEachAggregate(const ast::Expr& expr, const std::function<void(const ast::Aggregate&)>& visit) {
    if (const auto* aggregate = boost::get<ast::x3::forward_ast<ast::Aggregate>>(&expr)) {
        visit(aggregate->get());
    } else if (const auto* negative = boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
        forEachAggregate(negative->get().operand, visit);
    } else if (const auto* binary = boost::get<ast::x3::forward_ast<ast::Binary>>(&expr)) {
        forEachAggregate(binary->get().left, visit);
        forEachAggregate(binary->get().right, visit);
    } else if (const auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&expr)) {
        for (const ast::Expr& argument : call->get().arguments) forEachAggregate(argument, visit);
    }
}

bool isConstant(const ast::Expr& expr) {
    return boost::get<ast::Symbol>(&expr) || boost::get<ast::String>(&expr) || boost::get<ast::Integer>(&expr) ||
           boost::get<ast::Decimal>(&expr) || boost::get<ast::DateConstant>(&expr);
}

const ast::Variable* asVariable(const ast::Expr& expr) { return boost::get<ast::Variable>(&expr); }

}  // namespace accord::dsl

namespace accord::dsl {
namespace {

void atomsInExpr(const ast::Expr& expr, const std::function<void(const ast::Atom&, AtomRole)>& visit, AtomRole role) {
    forEachAggregate(expr, [&](const ast::Aggregate& aggregate) {
        AtomRole inner = role == AtomRole::Positive ? AtomRole::Aggregated : role;
        for (const ast::Literal& literal : aggregate.body) forEachAtom(literal, visit, inner);
    });
}

}  // namespace

void forEachAtom(const ast::Literal& literal, const std::function<void(const ast::Atom&, AtomRole)>& visit, AtomRole role) {
    if (const auto* atom = boost::get<ast::Atom>(&literal)) {
        visit(*atom, role);
        for (const ast::Expr& argument : atom->arguments) atomsInExpr(argument, visit, role);
    } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
        visit(negation->atom, role == AtomRole::Positive ? AtomRole::Negated : role);
    } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
        atomsInExpr(comparison->left, visit, role);
        atomsInExpr(comparison->right, visit, role);
    } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
        AtomRole inner = role == AtomRole::Positive ? AtomRole::Universal : role;
        for (const ast::Literal& domain : forAll->get().domain) forEachAtom(domain, visit, inner);
        forEachAtom(forAll->get().consequent, visit, inner);
    } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
        for (const ast::Conjunction& conjunction : group->get().alternatives) {
            for (const ast::Literal& inner : conjunction.literals) forEachAtom(inner, visit, role);
        }
    }
}

void forEachAggregateIn(const ast::Literal& literal, const std::function<void(const ast::Aggregate&)>& visit) {
    if (const auto* atom = boost::get<ast::Atom>(&literal)) {
        for (const ast::Expr& argument : atom->arguments) forEachAggregate(argument, visit);
        if (atom->value) forEachAggregate(*atom->value, visit);
    } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
        forEachAggregate(comparison->left, visit);
        forEachAggregate(comparison->right, visit);
    }
}

}  // namespace accord::dsl

namespace accord::dsl {

void forEachVariableDeep(const ast::Expr& expr, const std::function<void(const ast::Variable&)>& visit) {
    forEachVariable(expr, visit);
    forEachAggregate(expr, [&](const ast::Aggregate& aggregate) {
        for (const ast::Expr& element : aggregate.elements) forEachVariableDeep(element, visit);
        for (const ast::Literal& literal : aggregate.body) forEachVariableDeep(literal, visit);
    });
}

void forEachVariableDeep(const ast::Atom& atom, const std::function<void(const ast::Variable&)>& visit) {
    for (const ast::Expr& argument : atom.arguments) forEachVariableDeep(argument, visit);
    if (atom.value) forEachVariableDeep(*atom.value, visit);
}

void forEachVariableDeep(const ast::Literal& literal, const std::function<void(const ast::Variable&)>& visit) {
    if (const auto* atom = boost::get<ast::Atom>(&literal)) {
        forEachVariableDeep(*atom, visit);
    } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
        forEachVariableDeep(negation->atom, visit);
    } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
        forEachVariableDeep(comparison->left, visit);
        forEachVariableDeep(comparison->right, visit);
    } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
        for (const ast::Literal& domain : forAll->get().domain) forEachVariableDeep(domain, visit);
        forEachVariableDeep(forAll->get().consequent, visit);
    } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
        for (const ast::Conjunction& conjunction : group->get().alternatives) {
            for (const ast::Literal& inner : conjunction.literals) forEachVariableDeep(inner, visit);
        }
    }
}

}  // namespace accord::dsl
