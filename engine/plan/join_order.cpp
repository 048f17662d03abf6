// Join order (see join_order.hpp).
#include "accord/engine/plan/join_order.hpp"

#include <algorithm>
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

/// A test: not a positive atom, or an existence check (some column `_` or private) whose
/// other variables are all bound. (An atom with every column bound is left to step 2, as
/// before: hoisting it too would reorder rules that have no existence check.)
bool isTest(const ast::Literal& literal, const dsl::Names& bound, const dsl::Names& privates) {
    const auto* atom = boost::get<ast::Atom>(&literal);
    if (!atom) return true;
    bool waits = false, leavesColumn = false;
    auto consider = [&](const ast::Expr& term) {
        const ast::Variable* variable = dsl::asVariable(term);
        if (variable && (variable->isAnonymous() || privates.count(variable->name))) leavesColumn = true;
        dsl::forEachVariableDeep(term, [&](const ast::Variable& v) {
            if (!v.isAnonymous() && !bound.count(v.name) && !privates.count(v.name)) waits = true;
        });
    };
    for (const ast::Expr& argument : atom->arguments) consider(argument);
    if (atom->value) consider(*atom->value);
    return leavesColumn && !waits && !atom->valueDiffers;
}

}  // namespace

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
