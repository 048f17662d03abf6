// Variable safety and singleton checks (see variable_safety.hpp).
#include "accord/dsl/check/variable_safety.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/binding_analysis.hpp"
#include "accord/dsl/check/sentences.hpp"
#include "accord/dsl/lint/lint_names.hpp"

namespace accord::dsl::check {
namespace {

/// Checks one clause; each unbound variable is reported once, at its first unsafe use.
/// What is bound is the binding analysis's (dsl/binding_analysis.hpp), which the planner
/// orders the body by: a clause accepted here can always be ordered there.
class SafetyChecker {
public:
    SafetyChecker(Diagnostics& diagnostics, std::set<std::tuple<FileId, std::uint32_t, std::string>>& reported)
        : diagnostics_(diagnostics), reported_(reported) {}

    void checkClause(const Clause& clause) {
        reportedNames_.clear();
        const ast::Atom& head = clause.rule->head;
        BindingScope scope(variablesIn(head), clause.body);
        BindingFixpoint fixpoint = bindAll(scope, clause.body, {});
        reportSharedWithBlocked(fixpoint, scope);
        // The head next: an unbound head variable is best explained there.
        const bool isFact = !clause.rule->body;
        for (const ast::Expr& argument : head.arguments) checkHeadTerm(argument, fixpoint.bound, isFact, clause.rule->lifted);
        if (head.value) checkHeadTerm(*head.value, fixpoint.bound, isFact, clause.rule->lifted);
        for (const ast::Literal* literal : clause.body) checkLiteral(*literal, fixpoint.bound, scope);
    }

private:
    /// `isFact`: a head without a body, where a capitalised word is more likely a constant
    /// written as one (`supports(Austria, p14).`) than a variable missing its condition.
    void checkHeadTerm(const ast::Expr& term, const Names& bound, bool isFact, bool lifted) {
        forEachVariable(term, [&](const ast::Variable& v) {
            if (v.isAnonymous()) {
                report(v, "the anonymous variable '_' cannot appear in a rule head", "a head must name each value it concludes");
            } else if (isFact && !bound.count(v.name)) {
                std::string lower = v.name;
                for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                report(v, fmt::format("'{}' is a variable (it is capitalised), and a fact's terms are constants", v.name),
                       fmt::format("write a constant in lowercase (`{}`) or quoted (`'{}'`)", lower, v.name));
            } else if (!bound.count(v.name) && lifted) {  // the head lists what the alternatives share (dsl/lift_alternatives.hpp)
                report(v,
                       fmt::format("unsafe variable '{}': an alternative of this `or` does not bind it, and alternatives inside an "
                                   "aggregate or a `for all` domain must bind each variable they share with the rest of the rule",
                                   v.name),
                       fmt::format("give every alternative a condition such as `ally({})` that binds it", v.name));
            } else if (!bound.count(v.name)) {
                report(v, fmt::format("unsafe variable '{}': it appears in the head but no positive condition binds it", v.name),
                       "add a condition such as `ally(" + v.name + ")` that gives it a value");
            }
        });
        forEachAggregate(term, [&](const ast::Aggregate& aggregate) {
            diagnostics_.error(aggregate.span, "an aggregate cannot appear in a rule head",
                               "bind it in the body: `... if N = count { ... }`");
        });
    }

    /// Conditions that never run, where the reason is not a variable that nothing binds: an
    /// aggregate waiting for a variable it shares with the rest of the rule that only what
    /// depends on the aggregate binds (`N = count { A : q(A, M) }, M = N - 1`), and an atom
    /// computing an argument from a variable that only the atom itself binds (`q(X, X + 1)`).
    void reportSharedWithBlocked(const BindingFixpoint& fixpoint, const BindingScope& scope) {
        for (const ast::Literal* literal : fixpoint.blocked) {
            if (const auto* atom = boost::get<ast::Atom>(literal)) reportComputedFromItself(*atom, fixpoint.bound);
            forEachAggregateIn(*literal, [&](const ast::Aggregate& aggregate) {
                Names globals = scope.globalsOf(aggregate);
                for (const ast::Literal& inner : aggregate.body) {
                    forEachVariableDeep(inner, [&](const ast::Variable& v) {
                        if (!globals.count(v.name) || fixpoint.bound.count(v.name)) return;
                        report(v,
                               fmt::format("unsafe variable '{}': the aggregate shares it with the rest of the rule, "
                                           "and nothing outside the aggregate binds it first",
                                           v.name),
                               "bind it with a positive condition outside the aggregate, or use a name of its own inside");
                    });
                }
            });
        }
    }

    void reportComputedFromItself(const ast::Atom& atom, const Names& bound) {
        Names bindsItself;
        for (const ast::Expr& argument : atom.arguments) {
            if (const auto* variable = asVariable(argument); variable && !variable->isAnonymous()) bindsItself.insert(variable->name);
        }
        for (const ast::Expr& argument : atom.arguments) {
            if (asVariable(argument)) continue;
            forEachVariable(argument, [&](const ast::Variable& v) {
                if (bound.count(v.name) || !bindsItself.count(v.name)) return;
                report(
                    v,
                    fmt::format("unsafe variable '{}': only this condition binds it, and it reads its computed "
                                "arguments before it binds anything",
                                v.name),
                    fmt::format("bind '{}' in another condition first, or compute after it: `{}(..., Y), Y = ...`", v.name, atom.relation));
            });
        }
    }

    /// Checks a nested list of conditions given the variables bound outside; returns all bound variables.
    Names checkConjunction(const Literals& literals, const Names& outer, const BindingScope& enclosing) {
        BindingScope scope = enclosing.nested(literals);
        Names bound = bindAll(scope, literals, outer).bound;
        for (const ast::Literal* literal : literals) checkLiteral(*literal, bound, scope);
        return bound;
    }

    void checkLiteral(const ast::Literal& literal, const Names& bound, const BindingScope& scope) {
        if (const auto* atom = boost::get<ast::Atom>(&literal)) {
            for (const ast::Expr& argument : atom->arguments) {
                if (!asVariable(argument)) requireBound(argument, bound, "an argument computed with arithmetic");
                checkAggregates(argument, bound, scope);
            }
            if (atom->value && atom->valueDiffers) {
                requireBound(*atom->value, bound, "a value compared with '!='");
                forbidAnonymous(*atom->value);
            } else if (atom->value && !asVariable(*atom->value)) {
                requireBound(*atom->value, bound, "a computed value");
            }
        } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
            if (negation->atom.valueDiffers) {
                diagnostics_.error(
                    negation->atom.span, "'!=' cannot follow a negated atom",
                    fmt::format("write `not {0}(...) = value`, or `{0}(...) != value` without 'not'", negation->atom.relation));
            }
            for (const ast::Expr& argument : negation->atom.arguments) requireBound(argument, bound, "a negated condition");
            if (negation->atom.value) requireBound(*negation->atom.value, bound, "a negated condition");
        } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            requireBound(comparison->left, bound, "a comparison");
            requireBound(comparison->right, bound, "a comparison");
            forbidAnonymous(comparison->left);
            forbidAnonymous(comparison->right);
            checkAggregates(comparison->left, bound, scope);
            checkAggregates(comparison->right, bound, scope);
        } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            Names domainBound = checkConjunction(literalsOf(forAll->get().domain), bound, scope);
            checkConsequent(forAll->get().consequent, domainBound, scope);
        } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
            for (const ast::Conjunction& conjunction : group->get().alternatives)
                checkConjunction(literalsOf(conjunction.literals), bound, scope);
        }
    }

    /// The consequent of `for all` is checked like a condition whose atoms bind nothing new.
    void checkConsequent(const ast::Literal& consequent, const Names& bound, const BindingScope& scope) {
        if (const auto* atom = boost::get<ast::Atom>(&consequent)) {
            for (const ast::Expr& argument : atom->arguments) requireBound(argument, bound, "the consequent of 'for all'");
            if (atom->value) requireBound(*atom->value, bound, "the consequent of 'for all'");
        } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&consequent)) {
            for (const ast::Conjunction& conjunction : group->get().alternatives) {
                for (const ast::Literal& literal : conjunction.literals) checkConsequent(literal, bound, scope);
            }
        } else {
            checkLiteral(consequent, bound, scope);
        }
    }

    void checkAggregates(const ast::Expr& expr, const Names& bound, const BindingScope& scope) {
        forEachAggregate(expr, [&](const ast::Aggregate& aggregate) {
            Names inner = checkConjunction(literalsOf(aggregate.body), bound, scope);
            for (const ast::Expr& element : aggregate.elements) {
                forbidAnonymous(element);
                requireBound(element, inner, "an aggregate element");
            }
        });
    }

    void requireBound(const ast::Expr& expr, const Names& bound, const char* where) {
        forEachVariable(expr, [&](const ast::Variable& v) {
            if (v.isAnonymous() || bound.count(v.name)) return;
            report(v, fmt::format("unsafe variable '{}' in {}: no positive condition binds it", v.name, where),
                   std::string("bind it with a positive condition first") +
                       (std::string(where) == "a negated condition" ? ", or write '_' for 'any value'" : ""));
        });
    }

    void forbidAnonymous(const ast::Expr& expr) {
        forEachVariable(expr, [&](const ast::Variable& v) {
            if (v.isAnonymous()) report(v, "the anonymous variable '_' has no value to compare or compute with");
        });
    }

    /// Reports a variable once per clause, and a literal once across the alternatives of a rule.
    void report(const ast::Variable& variable, std::string message, std::string hint = {}) {
        if (!reportedNames_.insert(variable.name).second) return;
        if (!reported_.insert({variable.span.file, variable.span.begin, message}).second) return;
        diagnostics_.error(variable.span, std::move(message), std::move(hint));
    }

    Diagnostics& diagnostics_;
    std::set<std::tuple<FileId, std::uint32_t, std::string>>& reported_;
    Names reportedNames_;  ///< variables already reported in the current clause
};

/// Warns about a named variable that occurs once in a rule (over all its alternatives),
/// unless that one use was already reported as unsafe.
void warnSingletons(const ast::Rule& rule, const std::set<std::pair<FileId, std::uint32_t>>& unsafe, Diagnostics& diagnostics) {
    std::map<std::string, std::vector<const ast::Variable*>> uses;
    auto count = [&](const ast::Variable& v) { uses[v.name].push_back(&v); };
    forEachVariableDeep(rule.head, count);
    if (rule.body) {
        for (const ast::Conjunction& conjunction : rule.body->alternatives) {
            for (const ast::Literal& literal : conjunction.literals) forEachVariableDeep(literal, count);
        }
    }
    std::string sentence = sentenceTemplate(rule.docs);  // naming a variable there is a use of it
    // In the body of a sum or mean a lone variable keeps rows apart: `_` would merge equal
    // values (checkAggregate says so), so it is no mistake there.
    std::vector<SourceSpan> sums;
    if (rule.body) {
        for (const ast::Conjunction& conjunction : rule.body->alternatives) {
            for (const ast::Literal& literal : conjunction.literals) {
                forEachAggregateIn(literal, [&](const ast::Aggregate& aggregate) {
                    if (aggregate.op == ast::AggregateOp::Sum || aggregate.op == ast::AggregateOp::Mean) sums.push_back(aggregate.span);
                });
            }
        }
    }
    auto within = [](const SourceSpan& inner, const SourceSpan& outer) { return inner.begin >= outer.begin && inner.end <= outer.end; };
    for (const auto& [name, occurrences] : uses) {
        if (occurrences.size() != 1 || name.front() == '_' || sentence.find("{" + name + "}") != std::string::npos) continue;
        const SourceSpan& where = occurrences.front()->span;
        if (std::any_of(sums.begin(), sums.end(), [&](const SourceSpan& sum) { return within(where, sum); })) continue;
        bool inHead = within(where, rule.head.span);
        if (inHead || unsafe.count({where.file, where.begin})) continue;
        diagnostics
            .warning(occurrences.front()->span, fmt::format("variable '{}' is used only once", name),
                     fmt::format("write '_' (or '_{}') if any value will do", name))
            .code = lint::kSingleUseVariable;
    }
}

}  // namespace

void checkVariableSafety(const std::vector<Clause>& clauses, Diagnostics& diagnostics) {
    std::set<std::tuple<FileId, std::uint32_t, std::string>> reported;
    SafetyChecker checker(diagnostics, reported);
    const ast::Rule* previous = nullptr;
    for (const Clause& clause : clauses) {
        checker.checkClause(clause);
        if (clause.rule != previous) {
            std::set<std::pair<FileId, std::uint32_t>> unsafe;
            for (const auto& [file, begin, message] : reported) unsafe.insert({file, begin});
            warnSingletons(*clause.rule, unsafe, diagnostics);
        }
        previous = clause.rule;
    }
}

}  // namespace accord::dsl::check
