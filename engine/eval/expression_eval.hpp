// Evaluating compiled terms and comparisons over a frame of slots.
// Integer overflow and division by zero raise EvaluationError (never undefined behaviour);
// integer division truncates toward zero; integers and decimals mix as decimals; dates
// move by whole days.
#pragma once

#include <vector>

#include "accord/engine/eval/evaluation_error.hpp"
#include "accord/engine/plan/rule_plan.hpp"
#include "accord/engine/symbol_table.hpp"

namespace accord::engine {

Value evaluate(const Expression& expression, const std::vector<Value>& frame, RuleId rule);
bool compare(CompareOp op, const Value& left, const Value& right, const SymbolTable& symbols);
/// Checked integer arithmetic shared with aggregates (sum).
Value add(const Value& left, const Value& right, RuleId rule);

}  // namespace accord::engine
