// Lowering one clause (a rule alternative) to a RulePlan: variables become slots,
// constants become the values their columns store, and each level of the body (the rule's,
// an aggregate's, a `for all`'s) becomes steps in join order (see join_order.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/desugar.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/symbol_table.hpp"

namespace accord::engine {

/// Relation name -> id, and the relations' plans (whether keyed, their column kinds).
struct RelationLookup {
    std::map<std::string, RelationId> ids;
    const std::vector<RelationPlan>* relations = nullptr;

    const RelationPlan& of(const std::string& name) const { return (*relations)[ids.at(name)]; }
};

/// The kind of number each variable of a body holds (see ColumnConversions): integer when
/// it stands as an argument in an integer column of some atom (at any depth), else decimal
/// when in a decimal column; absent when in neither.
using VariableKinds = std::map<std::string, ValueKind>;
VariableKinds variableKinds(const std::vector<const dsl::ast::Literal*>& literals, const RelationLookup& relations);

/// Lowers `clause`; `deltaLiteral`, when given, is the body literal (an index into
/// clause.body) that reads only the tuples new in the last iteration. `stepLiterals`, when
/// given, gets for each step of the plan the index in clause.body of the literal it comes
/// from (a demand-driven plan adorns each atom from the columns its step finds bound).
/// `kinds`, when given, replaces the body's own variable kinds: a rule made of a part of
/// another's body (demand_plan.hpp) binds its variables to the same values.
RulePlan lowerClause(const dsl::Clause& clause, RuleId rule, std::optional<std::size_t> deltaLiteral, const RelationLookup& relations,
                     SymbolTable& symbols, std::vector<std::size_t>* stepLiterals = nullptr, const VariableKinds* kinds = nullptr);

/// The value of a constant expression of the AST.
Value lowerConstant(const dsl::ast::Expr& expr, SymbolTable& symbols);
/// The value column `column` of `relation` stores for a constant (see storedAs); the
/// checker has made sure it fits.
Value lowerConstantFor(const dsl::ast::Expr& expr, const RelationPlan& relation, std::size_t column, SymbolTable& symbols);

}  // namespace accord::engine
