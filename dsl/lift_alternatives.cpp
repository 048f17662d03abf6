// Lifting alternatives out of aggregates and `for all` domains (see lift_alternatives.hpp).
#include "dsl/lift_alternatives.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "dsl/ast_walk.hpp"

namespace accord::dsl {
namespace {

bool hasGroup(const std::vector<ast::Literal>& literals) {
    return std::any_of(literals.begin(), literals.end(),
                       [](const ast::Literal& literal) { return boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal) != nullptr; });
}

/// How often each named variable occurs in a rule, or in some of its conditions.
using VariableCounts = std::map<std::string, int>;

void countIn(const std::vector<ast::Literal>& literals, VariableCounts& counts) {
    for (const ast::Literal& literal : literals) {
        forEachVariableDeep(literal, [&](const ast::Variable& v) {
            if (v.name != "_") ++counts[v.name];
        });
    }
}

VariableCounts countInRule(const ast::Rule& rule) {
    VariableCounts counts;
    forEachVariableDeep(rule.head, [&](const ast::Variable& v) {
        if (v.name != "_") ++counts[v.name];
    });
    if (rule.body) {
        for (const ast::Conjunction& conjunction : rule.body->alternatives) countIn(conjunction.literals, counts);
    }
    return counts;
}

/// The lifting of one rule; `names` holds every relation name taken so far.
class RuleLifter {
public:
    RuleLifter(ast::Rule& rule, std::set<std::string>& names, std::vector<ast::Rule>& helpers)
        : rule_(rule), names_(names), helpers_(helpers), ruleCounts_(countInRule(rule)) {}

    void run() {
        if (!rule_.body) return;
        for (ast::Conjunction& conjunction : rule_.body->alternatives) {
            for (ast::Literal& literal : conjunction.literals) visit(literal);
        }
    }

private:
    void visit(ast::Literal& literal) {
        if (auto* comparison = boost::get<ast::Comparison>(&literal)) {
            visit(comparison->left);
            visit(comparison->right);
        } else if (auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            ast::ForAll& node = forAll->get();
            if (hasGroup(node.domain)) lift(node.domain, node.span);
            for (ast::Literal& inner : node.domain) visit(inner);
            visit(node.consequent);
        } else if (auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
            for (ast::Conjunction& conjunction : group->get().alternatives) {
                for (ast::Literal& inner : conjunction.literals) visit(inner);
            }
        }
    }

    void visit(ast::Expr& expr) {
        if (auto* aggregate = boost::get<ast::x3::forward_ast<ast::Aggregate>>(&expr)) {
            ast::Aggregate& node = aggregate->get();
            if (hasGroup(node.body)) lift(node.body, node.span);
            for (ast::Literal& inner : node.body) visit(inner);
        } else if (auto* binary = boost::get<ast::x3::forward_ast<ast::Binary>>(&expr)) {
            visit(binary->get().left);
            visit(binary->get().right);
        } else if (auto* negative = boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
            visit(negative->get().operand);
        } else if (auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&expr)) {
            for (ast::Expr& argument : call->get().arguments) visit(argument);
        }
    }

    /// Moves `conditions` into a helper rule and leaves the helper's atom in their place.
    void lift(std::vector<ast::Literal>& conditions, SourceSpan span) {
        VariableCounts inside;
        countIn(conditions, inside);
        ast::Atom atom;
        atom.span = span;
        atom.relation = freshName();
        std::set<std::string> added;
        for (const ast::Literal& literal : conditions) {
            forEachVariableDeep(literal, [&](const ast::Variable& v) {
                // Shared with the rest of the rule: it occurs there too.
                if (v.name == "_" || ruleCounts_[v.name] <= inside[v.name] || !added.insert(v.name).second) return;
                ast::Variable argument;
                argument.span = v.span;
                argument.name = v.name;
                atom.arguments.emplace_back(argument);
            });
        }
        ast::Rule helper;
        helper.span = span;
        helper.lifted = true;
        helper.head = atom;
        helper.docs = {
            fmt::format("The alternatives inside a condition of the rule for '{}' (written there, lifted out).", rule_.head.relation)};
        ast::Conjunction body;
        body.span = span;
        body.literals = std::move(conditions);
        ast::Disjunction disjunction;
        disjunction.span = span;
        disjunction.alternatives.push_back(std::move(body));
        helper.body = std::move(disjunction);
        helpers_.push_back(std::move(helper));
        conditions.clear();
        conditions.emplace_back(std::move(atom));
    }

    std::string freshName() {
        for (int n = 1;; ++n) {
            std::string name = fmt::format("{}_or{}", rule_.head.relation, n);
            if (names_.insert(name).second) return name;
        }
    }

    ast::Rule& rule_;
    std::set<std::string>& names_;
    std::vector<ast::Rule>& helpers_;
    VariableCounts ruleCounts_;
};

std::set<std::string> relationNames(const LoadedProgram& program) {
    std::set<std::string> names;
    for (const ast::Program& file : program.files) {
        for (const ast::Statement& statement : file.statements) {
            if (const auto* rule = boost::get<ast::Rule>(&statement)) {
                names.insert(rule->head.relation);
                if (!rule->body) continue;
                for (const ast::Conjunction& conjunction : rule->body->alternatives) {
                    for (const ast::Literal& literal : conjunction.literals) {
                        forEachAtom(literal, [&](const ast::Atom& atom, AtomRole) { names.insert(atom.relation); });
                    }
                }
            } else if (const auto* declaration = boost::get<ast::RelationDecl>(&statement)) {
                names.insert(declaration->name);
            }
        }
    }
    return names;
}

}  // namespace

void liftNestedAlternatives(LoadedProgram& program) {
    std::set<std::string> names = relationNames(program);
    for (ast::Program& file : program.files) {
        // A helper rule may hold alternatives of its own (an aggregate inside the lifted
        // conditions): it is appended, and lifted in turn.
        for (std::size_t i = 0; i < file.statements.size(); ++i) {
            auto* rule = boost::get<ast::Rule>(&file.statements[i]);
            if (!rule) continue;
            std::vector<ast::Rule> helpers;
            RuleLifter(*rule, names, helpers).run();
            for (ast::Rule& helper : helpers) file.statements.emplace_back(std::move(helper));
        }
    }
}

}  // namespace accord::dsl
