// Join order (see join_order.hpp).
#include "accord/engine/plan/join_order.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "accord/dsl/ast_walk.hpp"

namespace accord::engine {
namespace {

namespace ast = dsl::ast;

/// Columns of an atom that would be index keys with what is bound now.
std::size_t boundColumns(const ast::Atom& atom, const dsl::Names& bound) {
    std::size_t count = 0;
    auto score = [&](const ast::Expr& term) {
        const ast::Variable* variable = dsl::asVariable(term);
        if (!variable || (!variable->isAnonymous() && bound.count(variable->name))) ++count;
    };
    for (const ast::Expr& argument : atom.arguments) score(argument);
    if (atom.value) score(*atom.value);
    return count;
}

/// A test: not a positive atom, or an existence check whose key variables are all bound.
bool isTest(const ast::Literal& literal, const dsl::Names& bound, const dsl::Names& privates) {
    const auto* atom = boost::get<ast::Atom>(&literal);
    if (!atom) return true;
    bool onlyChecks = true;
    dsl::forEachVariableDeep(*atom, [&](const ast::Variable& variable) {
        if (!variable.isAnonymous() && !bound.count(variable.name) && !privates.count(variable.name)) onlyChecks = false;
    });
    return onlyChecks && !atom->valueDiffers;
}

}  // namespace

dsl::Names privateVariables(const ast::Atom& head, const dsl::Literals& body) {
    std::map<std::string, int> occurrences;
    auto count = [&](const ast::Variable& variable) {
        if (!variable.isAnonymous()) ++occurrences[variable.name];
    };
    dsl::forEachVariableDeep(head, count);
    for (const ast::Literal* literal : body) dsl::forEachVariableDeep(*literal, count);
    dsl::Names privates;
    for (const auto& [name, n] : occurrences) {
        if (n == 1) privates.insert(name);
    }
    return privates;
}

dsl::Literals joinOrder(const dsl::BindingScope& scope, const dsl::Literals& literals, dsl::Names bound, const dsl::Names& privates,
                        const ast::Literal* first) {
    dsl::Literals order, remaining = literals;
    auto run = [&](dsl::Literals::iterator it) {
        bound.merge(scope.binds(**it, bound));
        order.push_back(*it);
        remaining.erase(it);
    };
    // The delta atom first, unless a computed argument waits for a variable (`p(Y - 1)`):
    // it then runs as soon as it can, and still reads only the delta.
    if (first && scope.ready(*first, bound)) run(std::find(remaining.begin(), remaining.end(), first));
    while (!remaining.empty()) {
        // 1. Every test whose variables are bound, as early as possible.
        for (auto it = remaining.begin(); it != remaining.end();) {
            if (!isTest(**it, bound, privates) || !scope.ready(**it, bound)) {
                ++it;
                continue;
            }
            run(it);
            it = remaining.begin();  // what it bound may make an earlier test ready
        }
        if (remaining.empty()) break;
        // 2. The positive atom with the most bound columns (the first among equals).
        auto best = remaining.end();
        std::size_t bestScore = 0;
        for (auto it = remaining.begin(); it != remaining.end(); ++it) {
            const auto* atom = boost::get<ast::Atom>(*it);
            if (!atom || !scope.ready(**it, bound)) continue;
            if (std::size_t score = boundColumns(*atom, bound) + 1; score > bestScore) {
                bestScore = score;
                best = it;
            }
        }
        if (best == remaining.end()) throw std::logic_error("joinOrder: a condition waits for a variable nothing binds");
        run(best);
    }
    return order;
}

}  // namespace accord::engine
