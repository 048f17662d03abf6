// Variable safety and singleton checks (see variable_safety.hpp).
#include "dsl/check/variable_safety.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "dsl/ast_walk.hpp"
#include "dsl/check/sentences.hpp"

namespace accord::dsl::check {
namespace {

using Names = std::set<std::string>;

/// Names of the non-anonymous variables of an expression (aggregates excluded).
Names variablesOf(const ast::Expr& expr) {
    Names names;
    forEachVariable(expr, [&](const ast::Variable& v) {
        if (!v.isAnonymous()) names.insert(v.name);
    });
    return names;
}

bool allBound(const Names& names, const Names& bound) {
    for (const std::string& name : names) {
        if (!bound.count(name)) return false;
    }
    return true;
}

/// Checks one clause; each unbound variable is reported once, at its first unsafe use.
class SafetyChecker {
public:
    SafetyChecker(Diagnostics& diagnostics, std::set<std::tuple<FileId, std::uint32_t, std::string>>& reported)
        : diagnostics_(diagnostics), reported_(reported) {}

    void checkClause(const Clause& clause) {
        reportedNames_.clear();
        Names bound = bindConjunction(clause.body, {});
        // The head first: an unbound head variable is best explained there.
        const ast::Atom& head = clause.rule->head;
        for (const ast::Expr& argument : head.arguments) checkHeadTerm(argument, bound);
        if (head.value) checkHeadTerm(*head.value, bound);
        for (const ast::Literal* literal : clause.body) checkLiteral(*literal, bound);
    }

private:
    void checkHeadTerm(const ast::Expr& term, const Names& bound) {
        forEachVariable(term, [&](const ast::Variable& v) {
            if (v.isAnonymous()) {
                report(v, "the anonymous variable '_' cannot appear in a rule head",
                       "a head must name each value it concludes");
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

    /// Checks a list of conditions given the variables bound outside; returns all bound variables.
    Names checkConjunction(const std::vector<const ast::Literal*>& literals, const Names& outer) {
        Names bound = bindConjunction(literals, outer);
        for (const ast::Literal* literal : literals) checkLiteral(*literal, bound);
        return bound;
    }

    /// The variables a list of conditions binds, given those bound outside.
    Names bindConjunction(const std::vector<const ast::Literal*>& literals, const Names& outer) {
        Names bound = outer;
        // 1. Positive atoms bind their plain-variable arguments and values; a group binds
        //    what every one of its alternatives binds.
        for (const ast::Literal* literal : literals) {
            if (const auto* atom = boost::get<ast::Atom>(literal)) bindAtom(*atom, bound);
            if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(literal)) bindGroup(group->get(), bound);
        }
        // 2. Assignments `X = expr` bind X once expr is bound; repeat until nothing changes.
        for (bool changed = true; changed;) {
            changed = false;
            for (const ast::Literal* literal : literals) {
                const auto* comparison = boost::get<ast::Comparison>(literal);
                if (!comparison || comparison->op != ast::CompareOp::Equal) continue;
                changed = bindAssignment(comparison->left, comparison->right, bound) || changed;
                changed = bindAssignment(comparison->right, comparison->left, bound) || changed;
            }
        }
        return bound;
    }

    static void bindAtom(const ast::Atom& atom, Names& bound) {
        for (const ast::Expr& argument : atom.arguments) {
            if (const auto* variable = asVariable(argument); variable && !variable->isAnonymous()) bound.insert(variable->name);
        }
        if (atom.value) {
            if (const auto* variable = asVariable(*atom.value); variable && !variable->isAnonymous()) bound.insert(variable->name);
        }
    }

    void bindGroup(const ast::Disjunction& group, Names& bound) {
        std::optional<Names> common;
        for (const ast::Conjunction& conjunction : group.alternatives) {
            std::vector<const ast::Literal*> literals;
            for (const ast::Literal& literal : conjunction.literals) literals.push_back(&literal);
            Names inner = checkConjunction(literals, bound);
            if (!common) {
                common = std::move(inner);
                continue;
            }
            Names both;
            for (const std::string& name : *common) {
                if (inner.count(name)) both.insert(name);
            }
            common = std::move(both);
        }
        if (common) bound.insert(common->begin(), common->end());
    }

    static bool bindAssignment(const ast::Expr& target, const ast::Expr& source, Names& bound) {
        const ast::Variable* variable = asVariable(target);
        if (!variable || variable->isAnonymous() || bound.count(variable->name)) return false;
        if (!allBound(variablesOf(source), bound)) return false;
        bound.insert(variable->name);
        return true;
    }

    void checkLiteral(const ast::Literal& literal, const Names& bound) {
        if (const auto* atom = boost::get<ast::Atom>(&literal)) {
            for (const ast::Expr& argument : atom->arguments) {
                if (!asVariable(argument)) requireBound(argument, bound, "an argument computed with arithmetic");
                checkAggregates(argument, bound);
            }
            if (atom->value && !asVariable(*atom->value)) requireBound(*atom->value, bound, "a computed value");
        } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
            for (const ast::Expr& argument : negation->atom.arguments) requireBound(argument, bound, "a negated condition");
            if (negation->atom.value) requireBound(*negation->atom.value, bound, "a negated condition");
        } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            requireBound(comparison->left, bound, "a comparison");
            requireBound(comparison->right, bound, "a comparison");
            forbidAnonymous(comparison->left);
            forbidAnonymous(comparison->right);
            checkAggregates(comparison->left, bound);
            checkAggregates(comparison->right, bound);
        } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            std::vector<const ast::Literal*> domain;
            for (const ast::Literal& inner : forAll->get().domain) domain.push_back(&inner);
            Names domainBound = checkConjunction(domain, bound);
            checkConsequent(forAll->get().consequent, domainBound);
        }
    }

    /// The consequent of `for all` is checked like a condition whose atoms bind nothing new.
    void checkConsequent(const ast::Literal& consequent, const Names& bound) {
        if (const auto* atom = boost::get<ast::Atom>(&consequent)) {
            for (const ast::Expr& argument : atom->arguments) requireBound(argument, bound, "the consequent of 'for all'");
            if (atom->value) requireBound(*atom->value, bound, "the consequent of 'for all'");
        } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&consequent)) {
            for (const ast::Conjunction& conjunction : group->get().alternatives) {
                for (const ast::Literal& literal : conjunction.literals) checkConsequent(literal, bound);
            }
        } else {
            checkLiteral(consequent, bound);
        }
    }

    void checkAggregates(const ast::Expr& expr, const Names& bound) {
        forEachAggregate(expr, [&](const ast::Aggregate& aggregate) {
            std::vector<const ast::Literal*> body;
            for (const ast::Literal& literal : aggregate.body) body.push_back(&literal);
            Names inner = checkConjunction(body, bound);
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
    for (const auto& [name, occurrences] : uses) {
        if (occurrences.size() != 1 || name.front() == '_' || sentence.find("{" + name + "}") != std::string::npos) continue;
        bool inHead = occurrences.front()->span.begin >= rule.head.span.begin &&
                      occurrences.front()->span.end <= rule.head.span.end;
        if (inHead || unsafe.count({occurrences.front()->span.file, occurrences.front()->span.begin})) continue;
        diagnostics.warning(occurrences.front()->span, fmt::format("variable '{}' is used only once", name),
                            fmt::format("write '_' (or '_{}') if any value will do", name));
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
