// unused-relation and never-fires (see lint_program.hpp).
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "accord/dsl/lint/lint_names.hpp"
#include "accord/dsl/lint/lint_program.hpp"
#include "accord/dsl/lint/stops_the_run.hpp"

namespace accord::dsl::lint {
namespace {

/// Relations whose declaration allows never-fires: their facts come from elsewhere.
std::set<std::string> fedFromElsewhere(const LoadedProgram& program, const CheckedProgram& checked) {
    std::set<std::string> fed;
    for (const auto& [name, info] : checked.relations.all()) {
        if (!info.declaration) continue;
        SourceSpan declared = info.declaration->span;
        for (const ast::Program& file : program.files) {
            for (const ast::Allowance& allowance : file.allowances) {
                if (allowance.lint == kNeverFires && allowance.statement.file == declared.file &&
                    allowance.statement.begin == declared.begin) {
                    fed.insert(name);
                }
            }
        }
    }
    return fed;
}

/// The first positive condition of a clause on a relation not in `possible`, or null.
const ast::Atom* conditionThatCannotHold(const Clause& clause, const std::set<std::string>& possible) {
    for (const ast::Literal* literal : clause.body) {
        const auto* atom = boost::get<ast::Atom>(literal);
        if (atom && !possible.count(atom->relation)) return atom;
    }
    return nullptr;
}

/// The relations that may have facts: those given facts, fed from elsewhere, undeclared
/// and unknown (already reported), and those some clause can derive from them (a fixpoint).
std::set<std::string> possiblyNonEmpty(const LoadedProgram& program, const CheckedProgram& checked) {
    std::set<std::string> possible = fedFromElsewhere(program, checked);
    for (const auto& [name, info] : checked.relations.all()) {
        if (info.hasFacts || (!info.declaration && !info.hasRules)) possible.insert(name);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const Clause& clause : checked.clauses) {
            if (possible.count(clause.rule->head.relation) || conditionThatCannotHold(clause, possible)) continue;
            possible.insert(clause.rule->head.relation);
            grew = true;
        }
    }
    return possible;
}

void lintUnusedRelations(const CheckedProgram& checked, Diagnostics& diagnostics) {
    for (const auto& [name, info] : checked.relations.all()) {
        if (!info.declaration || info.hasFacts || info.hasRules || info.usedInBody) continue;
        diagnostics
            .warning(info.declaration->span, fmt::format("relation '{}' is declared but no fact, rule or condition uses it", name),
                     "remove the declaration, or allow unused-relation here if its facts come from a knowledge base to be queried")
            .code = kUnusedRelation;
    }
}

void lintRulesThatNeverFire(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics) {
    std::set<std::string> possible = possiblyNonEmpty(program, checked);
    std::vector<std::pair<const ast::Rule*, const ast::Atom*>> dead;  // a rule, and what stops its first clause
    std::set<const ast::Rule*> canFire;
    for (const Clause& clause : checked.clauses) {
        if (clause.rule->lifted || !clause.rule->body) continue;
        const ast::Atom* condition = conditionThatCannotHold(clause, possible);
        if (condition && mayStopTheRun(clause)) condition = nullptr;  // its arithmetic may stop the run first
        if (condition) {
            if (clause.alternative == 0) dead.emplace_back(clause.rule, condition);
        } else {
            canFire.insert(clause.rule);
        }
    }
    for (const auto& [rule, atom] : dead) {
        if (canFire.count(rule)) continue;
        const check::RelationInfo* info = checked.relations.find(atom->relation);
        bool derived = info && info->hasRules;
        std::string why = derived ? fmt::format("'{}' has no facts and none of its rules can fire", atom->relation)
                                  : fmt::format("no fact gives '{}' and no rule derives it", atom->relation);
        diagnostics
            .warning(atom->span, fmt::format("this rule can never fire: {}", why),
                     fmt::format("if facts of '{}' come from a knowledge base, write `# accord: allow never-fires` above its "
                                 "declaration",
                                 derived ? "the relations it rests on" : atom->relation))
            .code = kNeverFires;
    }
}

}  // namespace

void lintRelationUse(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics) {
    lintUnusedRelations(checked, diagnostics);
    lintRulesThatNeverFire(program, checked, diagnostics);
}

}  // namespace accord::dsl::lint
