#include "accord/dsl/lint/stops_the_run.hpp"

#include <algorithm>

namespace accord::dsl::lint {

bool mayStopTheRun(const ast::Expr& expr) {
    // Any arithmetic may: a division by zero, an integer overflow, a date out of range.
    if (boost::get<ast::x3::forward_ast<ast::Aggregate>>(&expr) || boost::get<ast::x3::forward_ast<ast::Binary>>(&expr) ||
        boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
        return true;
    }
    if (const auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&expr)) {
        const auto& arguments = call->get().arguments;
        return std::any_of(arguments.begin(), arguments.end(), [](const ast::Expr& argument) { return mayStopTheRun(argument); });
    }
    return false;
}

bool mayStopTheRun(const Clause& clause) {
    auto inAtom = [](const ast::Atom& atom) {
        bool found = atom.value && mayStopTheRun(*atom.value);
        for (const ast::Expr& argument : atom.arguments) found = found || mayStopTheRun(argument);
        return found;
    };
    if (inAtom(clause.rule->head)) return true;
    for (const ast::Literal* literal : clause.body) {
        if (const auto* comparison = boost::get<ast::Comparison>(literal)) {
            if (mayStopTheRun(comparison->left) || mayStopTheRun(comparison->right)) return true;
        } else if (const auto* atom = boost::get<ast::Atom>(literal)) {
            if (inAtom(*atom)) return true;
        } else if (const auto* negation = boost::get<ast::Negation>(literal)) {
            if (inAtom(negation->atom)) return true;
        } else {
            return true;  // `for all`: not looked into
        }
    }
    return false;
}

}  // namespace accord::dsl::lint
