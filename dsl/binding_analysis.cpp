// Binding analysis (see binding_analysis.hpp).
#include "accord/dsl/binding_analysis.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "accord/dsl/ast_walk.hpp"

namespace accord::dsl {
namespace {

/// Adds the named variables `walk` visits to `names`.
template <typename Walk>
Names collect(Walk&& walk) {
    Names names;
    walk([&](const ast::Variable& v) {
        if (!v.isAnonymous()) names.insert(v.name);
    });
    return names;
}

/// Variables of an expression outside its aggregates (those need the aggregate's globals instead).
Names directVariablesIn(const ast::Expr& expr) {
    return collect([&](const auto& visit) { forEachVariable(expr, visit); });
}

bool containsAll(const Names& set, const Names& subset) {
    return std::all_of(subset.begin(), subset.end(), [&](const std::string& name) { return set.count(name) > 0; });
}

/// Names a literal uses outside its aggregates and `for all`.
Names directNamesOf(const ast::Literal& literal) {
    const ast::Atom* atom = boost::get<ast::Atom>(&literal);
    if (const auto* negation = boost::get<ast::Negation>(&literal)) atom = &negation->atom;
    Names names;
    if (atom) {
        for (const ast::Expr& argument : atom->arguments) names.merge(directVariablesIn(argument));
        if (atom->value) names.merge(directVariablesIn(*atom->value));
    } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
        names = directVariablesIn(comparison->left);
        names.merge(directVariablesIn(comparison->right));
    }
    return names;
}

}  // namespace

Literals literalsOf(const std::vector<ast::Literal>& literals) {
    Literals pointers;
    for (const ast::Literal& literal : literals) pointers.push_back(&literal);
    return pointers;
}

Names variablesIn(const ast::Expr& expr) {
    return collect([&](const auto& visit) { forEachVariableDeep(expr, visit); });
}

Names variablesIn(const ast::Literal& literal) {
    return collect([&](const auto& visit) { forEachVariableDeep(literal, visit); });
}

Names variablesIn(const ast::Atom& atom) {
    return collect([&](const auto& visit) { forEachVariableDeep(atom, visit); });
}

Names variablesInside(const ast::Aggregate& aggregate) {
    Names inside;
    for (const ast::Expr& element : aggregate.elements) inside.merge(variablesIn(element));
    for (const ast::Literal& literal : aggregate.body) inside.merge(variablesIn(literal));
    return inside;
}

Names variablesInside(const ast::ForAll& forAll) {
    Names inside;
    for (const ast::Literal& literal : forAll.domain) inside.merge(variablesIn(literal));
    inside.merge(variablesIn(forAll.consequent));
    return inside;
}

BindingScope::BindingScope(const Names& head, const Literals& literals) : visible_(head) { addDirectNames(literals); }

BindingScope BindingScope::nested(const Literals& literals) const {
    BindingScope inner;
    inner.visible_ = visible_;
    inner.addDirectNames(literals);
    return inner;
}

void BindingScope::addDirectNames(const Literals& literals) {
    for (const ast::Literal* literal : literals) visible_.merge(directNamesOf(*literal));
}

Names BindingScope::globalsAmong(const Names& inside) const {
    Names globals;
    for (const std::string& name : inside) {
        if (visible_.count(name)) globals.insert(name);
    }
    return globals;
}

Names BindingScope::globalsOf(const ast::Aggregate& aggregate) const { return globalsAmong(variablesInside(aggregate)); }
Names BindingScope::globalsOf(const ast::ForAll& forAll) const { return globalsAmong(variablesInside(forAll)); }

Names BindingScope::operandNeeds(const ast::Expr& expr) const {
    Names needs = directVariablesIn(expr);
    forEachAggregate(expr, [&](const ast::Aggregate& aggregate) { needs.merge(globalsOf(aggregate)); });
    return needs;
}

bool BindingScope::comparisonReady(const ast::Comparison& comparison, const Names& bound) const {
    Names left = operandNeeds(comparison.left), right = operandNeeds(comparison.right);
    if (containsAll(bound, left) && containsAll(bound, right)) return true;
    if (comparison.op != ast::CompareOp::Equal) return false;
    auto assignable = [&](const ast::Expr& target, const Names& sourceNeeds) {
        const ast::Variable* variable = asVariable(target);
        return variable && !variable->isAnonymous() && !bound.count(variable->name) && containsAll(bound, sourceNeeds);
    };
    return assignable(comparison.left, right) || assignable(comparison.right, left);
}

bool BindingScope::ready(const ast::Literal& literal, const Names& bound) const {
    if (const auto* atom = boost::get<ast::Atom>(&literal)) {
        Names needed;
        for (const ast::Expr& argument : atom->arguments) {
            if (!asVariable(argument)) needed.merge(variablesIn(argument));
        }
        // `r(K) = V` binds V; `r(K) != V` compares the value with V after the scan, so V must
        // be known then: bound before, or by the atom's own arguments (`k(X) != X + 2`).
        if (atom->value && atom->valueDiffers) {
            Names own;
            for (const ast::Expr& argument : atom->arguments) {
                if (const ast::Variable* variable = asVariable(argument)) own.insert(variable->name);
            }
            for (const std::string& name : variablesIn(*atom->value)) {
                if (!own.count(name)) needed.insert(name);
            }
        } else if (atom->value && !asVariable(*atom->value)) {
            needed.merge(variablesIn(*atom->value));
        }
        return containsAll(bound, needed);
    }
    if (const auto* comparison = boost::get<ast::Comparison>(&literal)) return comparisonReady(*comparison, bound);
    if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
        return containsAll(bound, globalsOf(forAll->get()));  // its locals are bound by its domain
    }
    if (boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) return true;  // each alternative binds what it can
    return containsAll(bound, variablesIn(literal));  // a negation
}

Names BindingScope::binds(const ast::Literal& literal, const Names& bound) const {
    Names bindsNow;
    auto bindVariable = [&](const ast::Expr& term) {
        const ast::Variable* variable = asVariable(term);
        if (variable && !variable->isAnonymous() && !bound.count(variable->name)) bindsNow.insert(variable->name);
    };
    if (const auto* atom = boost::get<ast::Atom>(&literal)) {
        for (const ast::Expr& argument : atom->arguments) bindVariable(argument);
        if (atom->value && !atom->valueDiffers) bindVariable(*atom->value);
    } else if (const auto* comparison = boost::get<ast::Comparison>(&literal); comparison && comparison->op == ast::CompareOp::Equal) {
        if (containsAll(bound, operandNeeds(comparison->right))) bindVariable(comparison->left);
        if (bindsNow.empty() && containsAll(bound, operandNeeds(comparison->left))) bindVariable(comparison->right);
    } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
        std::optional<Names> common;  // what every alternative binds
        for (const ast::Conjunction& conjunction : group->get().alternatives) {
            Literals alternative = literalsOf(conjunction.literals);
            Names inner = bindAll(nested(alternative), alternative, bound).bound;
            if (!common) {
                common = std::move(inner);
            } else {
                std::erase_if(*common, [&](const std::string& name) { return !inner.count(name); });
            }
        }
        for (const std::string& name : common.value_or(Names{})) {
            if (!bound.count(name)) bindsNow.insert(name);
        }
    }
    return bindsNow;
}

BindingFixpoint bindAll(const BindingScope& scope, const Literals& literals, Names bound) {
    Literals waiting = literals;
    for (bool progress = true; progress;) {
        progress = false;
        for (auto it = waiting.begin(); it != waiting.end();) {
            if (!scope.ready(**it, bound)) {
                ++it;
                continue;
            }
            bound.merge(scope.binds(**it, bound));
            it = waiting.erase(it);
            progress = true;
        }
    }
    return {std::move(bound), std::move(waiting)};
}

Names privateVariables(const ast::Atom& head, const Literals& body) {
    std::map<std::string, int> occurrences;
    auto count = [&](const ast::Variable& variable) {
        if (!variable.isAnonymous()) ++occurrences[variable.name];
    };
    forEachVariableDeep(head, count);
    for (const ast::Literal* literal : body) forEachVariableDeep(*literal, count);
    Names privates;
    for (const auto& [name, n] : occurrences) {
        if (n == 1) privates.insert(name);
    }
    return privates;
}

}  // namespace accord::dsl
