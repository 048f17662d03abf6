// Lowering one clause (a rule alternative) to a RulePlan: variables become slots,
// constants become values, and the body is put in join order: the delta atom first in a
// semi-naive version, then repeatedly the positive atom with the most bound columns,
// with every test (comparison, negation, aggregate, for all) placed as soon as the
// variables it needs are bound.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "dsl/desugar.hpp"
#include "engine/plan/rule_plan.hpp"
#include "engine/symbol_table.hpp"

namespace accord::engine {

/// Relation name -> id, and whether it is keyed (its value is the last stored column).
struct RelationLookup {
    std::map<std::string, RelationId> ids;
    std::map<std::string, bool> keyed;
};

/// Lowers `clause`; `deltaLiteral`, when given, is the body literal (an index into
/// clause.body) that reads only the tuples new in the last iteration.
RulePlan lowerClause(const dsl::Clause& clause, RuleId rule, std::optional<std::size_t> deltaLiteral,
                     const RelationLookup& relations, SymbolTable& symbols);

/// The value of a constant expression of the AST.
Value lowerConstant(const dsl::ast::Expr& expr, SymbolTable& symbols);

}  // namespace accord::engine
