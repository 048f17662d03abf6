// Lifting alternatives out of aggregates and `for all` domains (see lift_alternatives.hpp).
//
// What the conditions share with the rest of the rule follows the checker's scopes: a
// variable is the rule's when it occurs in the head or directly in a condition outside
// every aggregate and `for all`; inside one, it is shared with the enclosing conditions
// when it occurs directly in them (or in the aggregate's elements, or the consequent).
// A variable that occurs only inside the group is the group's own.
#include "accord/dsl/lift_alternatives.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"

namespace accord::dsl {
namespace {

using Names = std::set<std::string>;
using Group = ast::x3::forward_ast<ast::Disjunction>;

Names unite(Names a, const Names& b) {
    a.insert(b.begin(), b.end());
    return a;
}

/// Variables directly in a literal: its atom's terms, a comparison's sides; not inside
/// aggregates, `for all` or groups, whose variables are their own unless they occur here.
Names directVariables(const ast::Literal& literal) {
    Names names;
    auto add = [&](const ast::Variable& v) {
        if (!v.isAnonymous()) names.insert(v.name);
    };
    auto addAtom = [&](const ast::Atom& atom) {
        for (const ast::Expr& argument : atom.arguments) forEachVariable(argument, add);
        if (atom.value) forEachVariable(*atom.value, add);
    };
    if (const auto* atom = boost::get<ast::Atom>(&literal)) addAtom(*atom);
    if (const auto* negation = boost::get<ast::Negation>(&literal)) addAtom(negation->atom);
    if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
        forEachVariable(comparison->left, add);
        forEachVariable(comparison->right, add);
    }
    return names;
}

Names directVariables(const std::vector<ast::Literal>& literals, const ast::Literal* except = nullptr) {
    Names names;
    for (const ast::Literal& literal : literals) {
        if (&literal != except) names = unite(std::move(names), directVariables(literal));
    }
    return names;
}

Names allVariables(const ast::Literal& literal) {
    Names names;
    forEachVariableDeep(literal, [&](const ast::Variable& v) {
        if (!v.isAnonymous()) names.insert(v.name);
    });
    return names;
}

/// Whether every alternative of `group` binds `name` itself: by a positive atom, by `name =
/// ...`, or by a nested group each of whose alternatives does.
bool everyAlternativeBinds(const ast::Disjunction& group, const std::string& name) {
    auto binds = [&](const ast::Literal& literal) {
        if (const auto* atom = boost::get<ast::Atom>(&literal)) return directVariables(literal).count(name) > 0 && !atom->valueDiffers;
        if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            auto named = [&](const ast::Expr& side) { return asVariable(side) && asVariable(side)->name == name; };
            return comparison->op == ast::CompareOp::Equal && (named(comparison->left) || named(comparison->right));
        }
        if (const auto* nested = boost::get<Group>(&literal)) return everyAlternativeBinds(nested->get(), name);
        return false;
    };
    return std::all_of(group.alternatives.begin(), group.alternatives.end(), [&](const ast::Conjunction& alternative) {
        return std::any_of(alternative.literals.begin(), alternative.literals.end(), binds);
    });
}

/// The lifting of one rule; `names` holds every relation name taken so far.
class RuleLifter {
public:
    RuleLifter(ast::Rule& rule, std::set<std::string>& names, std::vector<ast::Rule>& helpers)
        : rule_(rule), names_(names), helpers_(helpers) {}

    void run() {
        if (!rule_.body) return;
        Names head;
        forEachVariableDeep(rule_.head, [&](const ast::Variable& v) { head.insert(v.name); });
        for (ast::Conjunction& clause : rule_.body->alternatives) visitList(clause.literals, head);
    }

private:
    /// The literals of a list that may hold conditions (comparisons, for their aggregates;
    /// `for all`; groups), each seeing what `outside` and the rest of the list use. Linear in
    /// the list for each of those: a rule of a thousand atoms costs nothing here.
    void visitList(std::vector<ast::Literal>& literals, const Names& outside) {
        auto holdsConditions = [](const ast::Literal& literal) {
            return boost::get<ast::Atom>(&literal) == nullptr && boost::get<ast::Negation>(&literal) == nullptr;
        };
        if (std::none_of(literals.begin(), literals.end(), holdsConditions)) return;
        std::map<std::string, int> uses;  // by how many literals of the list, directly
        for (const ast::Literal& literal : literals) {
            for (const std::string& name : directVariables(literal)) ++uses[name];
        }
        for (ast::Literal& literal : literals) {
            if (!holdsConditions(literal)) continue;
            const Names own = directVariables(literal);
            Names seen = outside;
            for (const auto& [name, count] : uses) {
                if (count > (own.count(name) ? 1 : 0)) seen.insert(name);
            }
            visit(literal, seen);
        }
    }

    void visit(ast::Literal& literal, const Names& outside) {
        if (auto* comparison = boost::get<ast::Comparison>(&literal)) {
            visit(comparison->left, outside);
            visit(comparison->right, outside);
        } else if (auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            ast::ForAll& node = forAll->get();
            Names forDomain = unite(outside, directVariables(node.consequent));
            liftGroups(node.domain, forDomain);
            visitList(node.domain, forDomain);
            visit(node.consequent, unite(outside, directVariables(node.domain)));
        } else if (auto* group = boost::get<Group>(&literal)) {
            for (ast::Conjunction& alternative : group->get().alternatives) visitList(alternative.literals, outside);
        }
    }

    void visit(ast::Expr& expr, const Names& outside) {
        if (auto* aggregate = boost::get<ast::x3::forward_ast<ast::Aggregate>>(&expr)) {
            ast::Aggregate& node = aggregate->get();
            Names forBody = outside;
            for (const ast::Expr& element : node.elements) {
                forEachVariableDeep(element, [&](const ast::Variable& v) { forBody.insert(v.name); });
            }
            liftGroups(node.body, forBody);
            visitList(node.body, forBody);
        } else if (auto* binary = boost::get<ast::x3::forward_ast<ast::Binary>>(&expr)) {
            visit(binary->get().left, outside);
            visit(binary->get().right, outside);
        } else if (auto* negative = boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
            visit(negative->get().operand, outside);
        } else if (auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&expr)) {
            for (ast::Expr& argument : call->get().arguments) visit(argument, outside);
        }
    }

    /// Each group of the conditions becomes a helper atom when each of its alternatives
    /// binds what the group shares: the group alone is lifted, and the other conditions
    /// stay (and keep their confidences once). Otherwise the conditions are lifted together,
    /// so that the others can bind it.
    void liftGroups(std::vector<ast::Literal>& conditions, const Names& outside) {
        std::vector<std::pair<ast::Literal*, Names>> groups;
        bool eachAlone = true;
        for (ast::Literal& literal : conditions) {
            auto* group = boost::get<Group>(&literal);
            if (!group) continue;
            Names shared = sharedWith(allVariables(literal), unite(outside, directVariables(conditions, &literal)));
            eachAlone = eachAlone && std::all_of(shared.begin(), shared.end(),
                                                 [&](const std::string& name) { return everyAlternativeBinds(group->get(), name); });
            groups.emplace_back(&literal, std::move(shared));
        }
        if (groups.empty()) return;
        if (!eachAlone) {
            Names inside;
            for (const ast::Literal& literal : conditions) inside = unite(std::move(inside), allVariables(literal));
            Names shared = sharedWith(inside, outside);
            SourceSpan span = spanOf(*groups.front().first);
            ast::Atom atom = lift(std::move(conditions), shared, span);
            conditions.clear();
            conditions.emplace_back(std::move(atom));
            return;
        }
        for (auto& [literal, shared] : groups) {
            SourceSpan span = spanOf(*literal);
            std::vector<ast::Literal> group;
            group.push_back(std::move(*literal));
            *literal = lift(std::move(group), shared, span);
        }
    }

    static Names sharedWith(const Names& inside, const Names& outside) {
        Names shared;
        std::set_intersection(inside.begin(), inside.end(), outside.begin(), outside.end(), std::inserter(shared, shared.end()));
        return shared;
    }

    /// A helper rule `HEAD_orN(shared...) if conditions`, and its atom to put in their place.
    ast::Atom lift(std::vector<ast::Literal> conditions, const Names& shared, SourceSpan span) {
        ast::Atom atom;
        atom.span = span;
        atom.relation = freshName();
        std::set<std::string> added;
        for (const ast::Literal& literal : conditions) {  // in order of first occurrence, at it (for carets)
            forEachVariableDeep(literal, [&](const ast::Variable& v) {
                if (shared.count(v.name) && added.insert(v.name).second) atom.arguments.emplace_back(v);
            });
        }
        ast::Rule helper;
        helper.span = span;
        helper.lifted = true;
        helper.head = atom;
        // An empty head span: the head stands for the whole rule, and a variable used once
        // in the conditions is still reported as such.
        helper.head.span = SourceSpan{span.file, span.begin, span.begin};
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
        return atom;
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
            if (!rule || !rule->body) continue;
            const ast::Rule written = *rule;
            std::vector<ast::Rule> helpers;
            RuleLifter(*rule, names, helpers).run();
            if (!helpers.empty() && rule->writtenAs.empty()) rule->writtenAs = print(ast::Statement(written));
            for (ast::Rule& helper : helpers) file.statements.emplace_back(std::move(helper));
        }
    }
}

}  // namespace accord::dsl
